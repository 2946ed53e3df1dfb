"""Text helpers for Vietnamese: accent folding for search, and date formats."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Fold Vietnamese text for diacritic-insensitive search.

    "Nguyễn Văn Á" -> "nguyen van a"; "Đinh" -> "dinh". Lower case, single spaces.
    """
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().lower()


def format_date(value: dt.date | dt.datetime | None) -> str:
    """dd/mm/yyyy, the date format shown to people."""
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y")


def format_datetime(value: dt.datetime | None) -> str:
    """HH:MM dd/mm/yyyy, as on Mẫu 01 appointment slips."""
    if value is None:
        return ""
    return value.strftime("%H:%M %d/%m/%Y")


def letter_date(place: str, value: dt.date) -> str:
    """Place and date of an official document (R-VB-11): "Bắc Kạn, ngày 05 tháng 01 năm 2026".

    Days below 10 and months 1–2 are zero-padded; other months are not.
    """
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"{place}, ngày {value.day:02d} tháng {month} năm {value.year}"


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
