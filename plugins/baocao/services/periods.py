"""Reporting periods (kỳ báo cáo): a month, a quarter, six months, a year or custom days."""
from __future__ import annotations

import calendar
import datetime as dt

from thanthien.core.errors import ValidationError

from ..types import PERIOD_KINDS, Period


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period(kind: str, year: int, number: int | None = None, start: dt.date | None = None,
           end: dt.date | None = None) -> Period:
    """The period ``kind`` number ``number`` of ``year`` (``custom``: from ``start`` to ``end``)."""
    if kind not in PERIOD_KINDS:
        raise ValidationError([("ky", "Loại kỳ không hợp lệ (tháng, quý, 6 tháng, năm hoặc tùy chọn).")])
    if not 2000 <= year <= 2199:
        raise ValidationError([("nam", "Năm không hợp lệ.")])
    if kind == "custom":
        if start is None or end is None:
            raise ValidationError([("tu", "Kỳ tùy chọn cần ngày bắt đầu và ngày kết thúc.")])
        if end < start:
            raise ValidationError([("den", "Ngày kết thúc phải sau ngày bắt đầu.")])
        return Period("custom", start, end, f"Từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}")
    if kind == "year":
        return Period("year", dt.date(year, 1, 1), dt.date(year, 12, 31), f"Năm {year}")
    limits = {"month": 12, "quarter": 4, "half": 2}
    if number is None or not 1 <= number <= limits[kind]:
        raise ValidationError([("so", f"{PERIOD_KINDS[kind]} phải từ 1 đến {limits[kind]}.")])
    months = {"month": 1, "quarter": 3, "half": 6}[kind]
    first = (number - 1) * months + 1
    last = first + months - 1
    if kind == "month":
        label = f"Tháng {number:02d}/{year}"
    elif kind == "quarter":
        label = f"Quý {_roman(number)} năm {year}"
    else:
        label = f"6 tháng {'đầu' if number == 1 else 'cuối'} năm {year}"
    return Period(kind, dt.date(year, first, 1), _month_end(year, last), label)


def _roman(n: int) -> str:
    return ("I", "II", "III", "IV")[n - 1]


def current(kind: str, today: dt.date) -> Period:
    """The period of ``kind`` that holds ``today``."""
    number = {"month": today.month, "quarter": (today.month - 1) // 3 + 1, "half": (today.month - 1) // 6 + 1,
              "year": None}.get(kind)
    return period(kind, today.year, number)


def previous(p: Period) -> Period:
    """The period of the same kind just before ``p`` (a custom one: as many days before)."""
    if p.kind == "custom":
        days = (p.end - p.start).days + 1
        end = p.start - dt.timedelta(days=1)
        start = end - dt.timedelta(days=days - 1)
        return period("custom", start.year, start=start, end=end)
    before = p.start - dt.timedelta(days=1)
    return current(p.kind, before)


def series(p: Period, points: int) -> list[Period]:
    """``points`` periods of ``p``'s kind ending with ``p``, oldest first."""
    out = [p]
    while len(out) < points:
        out.append(previous(out[-1]))
    return out[::-1]


def months_between(start: dt.date, end: dt.date) -> tuple[str, str]:
    """The rollup months ("YYYY-MM") that [start, end] touches."""
    return start.strftime("%Y-%m"), end.strftime("%Y-%m")
