"""The one Jinja environment of the app.

Search order: the ward's override folder (``web.template_dir``), each plugin's folders
(``register_template_dirs``), core's templates. ``{% extends "default:base.html" %}``
reaches core's original from an override. ``autoescape=True`` for every name, whatever
its extension (Starlette's default leaves ``.jinja``/``.j2`` unescaped).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jinja2

from thanthien.core.documents import default_template_dir, install_filters
from thanthien.core.hooks import collect
from thanthien.core.privacy import mask as mask_value
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
    install_filters(env)  # the document filters, so document partials render here too
    return env
