"""The one Jinja environment of the app.

Search order: the ward's override folder (``web.template_dir``), each plugin's folders
(``register_template_dirs``), core's templates. ``{% extends "default:base.html" %}``
reaches core's original from an override. ``autoescape=True`` for every name, whatever
its extension (Starlette's default leaves ``.jinja``/``.j2`` unescaped).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from pathlib import Path
from typing import Any

import jinja2

from thanthien.core.documents import default_template_dir, install_filters
from thanthien.core.hooks import collect
from thanthien.core.privacy import mask as mask_value
from thanthien.core.rules import RuleError
from thanthien.core.text import format_date, format_datetime


def _core_templates() -> Path:
    return default_template_dir()


def date_filter(value: Any) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return format_date(value)


def datetime_filter(value: Any) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, dt.datetime):
        return format_date(value)
    return format_datetime(value)


def mask_filter(value: Any, field: str = "") -> str:
    return mask_value(field, value)


def number_filter(value: Any) -> str:
    """1234567 → "1.234.567" (Vietnamese thousands separator)."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return str(value)


_ARTICLE = re.compile(r"\bArt\.\s*")
_WEB_NOTE = re.compile(r"\s*\([^()]*\.(?:vn|com|net|org)\b[^()]*\)")


def basis_text(source: str) -> str:
    """A rule's legal source in words a reader knows ("Luật DCCS Art. 12(1)" → "Luật DCCS
    Điều 12(1)"); the catalogue's notes on where it was read (web sites) left out."""
    return _ARTICLE.sub("Điều ", _WEB_NOTE.sub("", source)).strip()


@jinja2.pass_context
def rule_basis_filter(context, rule_ids: Any) -> str:
    """Rule IDs as the legal basis in words with the IDs as a detail (issue 15 item 7):
    ``["R-CK-02"] | rule_basis`` → "căn cứ Luật DCCS Điều 12(1) (R-CK-02)". A bare rule ID
    is never put on a page (tests/web/screen_words.py)."""
    ids = [rule_ids] if isinstance(rule_ids, str) else [i for i in (rule_ids or ()) if i]
    if not ids:
        return ""
    request = context.get("request")
    services = getattr(getattr(getattr(request, "app", None), "state", None), "services", None)
    rules = getattr(services, "rules", None)
    sources: list[str] = []
    for rule_id in ids:
        text = "quy định của pháp luật"  # a rule the catalogue lacks: named as a rule
        if rules is not None:
            with contextlib.suppress(RuleError):  # an unknown ID keeps the words above
                text = basis_text(rules.rule(rule_id).source) or text
        if text and text not in sources:
            sources.append(text)
    return f"căn cứ {'; '.join(sources)} ({', '.join(ids)})"


#: the case engine's own step names (core/cases.py): the opening of a case
ENGINE_STEPS = {"open": "Tiếp nhận, mở hồ sơ", "assign": "Giao, giao lại người xử lý", "update": "Cập nhật hồ sơ"}


@jinja2.pass_context
def case_word_filter(context, key: Any, case_type: str | None = None, state: bool = False) -> str:
    """A case engine key (a step taken, a state, a clock's stage) in words (issue 15 item
    7): ``{{ e.action | case_word(m.case_type) }}`` → the transition's or state's label of
    that case type, else of any case type; "open" is the opening of the case.
    ``state=True`` reads the key as a state first (an outcome)."""
    if key in (None, ""):
        return ""
    key = str(key)
    request = context.get("request")
    services = getattr(getattr(getattr(request, "app", None), "state", None), "services", None)
    types = getattr(getattr(services, "cases", None), "types", None) or {}
    ordered = ([types[case_type]] if case_type in types else []) + list(types.values())
    if state:
        for ct in ordered:
            for st in ct.states:
                if st.key == key:
                    return st.label
    for ct in ordered:
        tr = ct.transition(key)
        if tr is not None:
            return tr.label
    if key in ENGINE_STEPS:
        return ENGINE_STEPS[key]
    for ct in ordered:
        for st in ct.states:
            if st.key == key:
                return st.label
    return key


def make_environment(settings, pm) -> jinja2.Environment:
    core = _core_templates()
    search: list[Path] = []
    if settings.web.template_dir:
        search.append(settings.resolve(settings.web.template_dir))
    for p in collect(pm.hook.register_template_dirs, settings=settings) if pm is not None else []:
        p = Path(p)
        if p.resolve() != core.resolve():
            search.append(p)
    search.append(core)
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader([str(p) for p in search]),
            jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(core))}, delimiter=":"),
        ]
    )
    env = jinja2.Environment(
        loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True, auto_reload=False, cache_size=800
    )
    env.filters["date"] = date_filter
    env.filters["datetime"] = datetime_filter
    env.filters["mask"] = mask_filter
    env.filters["number"] = number_filter
    env.filters["rule_basis"] = rule_basis_filter
    env.filters["case_word"] = case_word_filter
    install_filters(env)  # the document filters, so document partials render here too
    return env
