"""The app's cattrs converter (docs/architecture.md, "Core domain"): one per app, built by :func:`make_converter`.

JSON-friendly on the way out (dates ISO, sets sorted), strict on the way in
(``forbid_extra_keys``; dates also as dd/mm/yyyy, booleans from form check-boxes).
Plugins add their own hooks through ``configure_converter``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import cattrs
from cattrs.preconf.json import make_converter as json_converter

_DATE_VN = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = _DATE_VN.match(text)
    if m:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return dt.date.fromisoformat(text)


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "on", "yes", "co", "có"):
        return True
    if text in ("0", "false", "off", "no", "khong", "không", ""):
        return False
    raise ValueError(value)


def parse_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if not re.fullmatch(r"[+-]?\d{1,18}", text):
        raise ValueError(value)
    return int(text)


def make_converter(pm=None) -> cattrs.Converter:
    """The app's converter: JSON-friendly (dates ISO), strict on input."""
    conv = json_converter(forbid_extra_keys=True)
    conv.register_structure_hook(dt.date, lambda v, _: parse_date(v))
    conv.register_structure_hook(bool, lambda v, _: parse_bool(v))
    conv.register_structure_hook(int, lambda v, _: parse_int(v))
    conv.register_structure_hook(str, lambda v, _: _to_str(v))
    conv.register_unstructure_hook(frozenset, lambda v: sorted(conv.unstructure(list(v)), key=repr))
    conv.register_unstructure_hook(set, lambda v: sorted(conv.unstructure(list(v)), key=repr))
    if pm is not None:
        pm.hook.configure_converter(converter=conv)
        pm.hook.register_converter_hooks(converter=conv)  # deprecated name
    return conv


def _to_str(value: Any) -> str:
    """Text from a form or JSON value: lists, dicts and NUL bytes are refused."""
    if isinstance(value, (dict, list, tuple, set, bytes)) or value is None:
        raise ValueError(value)
    text = str(value)
    if "\x00" in text:
        raise ValueError("NUL")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from JSON ("\ud800")
        raise ValueError("surrogate") from None
    return text.strip()
