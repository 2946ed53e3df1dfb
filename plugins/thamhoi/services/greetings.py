"""Holiday greetings (thư chúc mừng năm mới, ngày lễ) dated from the working calendar."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core.errors import ValidationError
from thanthien.core.lunar import lunar_to_solar, lunar_year_name
from thanthien.core.text import format_date
from thanthien.core.types import SYSTEM_ACTOR, Actor

from ..models import LetterRow
from ..types import OCCASIONS, Letter, Occasion
from .common import config, to_letter, ward_lower
from .drafting import draft

if TYPE_CHECKING:
    from thanthien.core.calendar import WorkingCalendar
    from thanthien.core.services import CoreServices


def _add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(d.day, last))


def occasions(calendar: WorkingCalendar, start: dt.date, months: int = 12) -> list[Occasion]:
    """The holidays greeted in ``[start, start + months)``, dated from the working calendar
    (R-LV-01, R-LV-09): the official table of a year, else the statutory rule (provisional).
    Tết Nguyên đán is dated on mùng 1 (lunar 1/1, R-LV-04's lunar calendar)."""
    end = _add_months(start, months)
    found: list[Occasion] = []
    for year in range(start.year, end.year + 1):
        holidays = [s for s in calendar.special_days(year) if s.kind == "holiday"]
        by: dict[str, list] = {}
        for s in holidays:
            if s.name.startswith("Tết Dương lịch"):
                by.setdefault("new_year", []).append(s)
            elif s.name.startswith("Tết "):
                by.setdefault("lunar_new_year", []).append(s)
            elif "Chiến thắng" in s.name or "Lao động" in s.name:
                by.setdefault("victory_labour", []).append(s)
            elif "Quốc khánh" in s.name:
                by.setdefault("national_day", []).append(s)
        for key, days in by.items():
            dates = {s.date for s in days}
            if key == "lunar_new_year":
                day = lunar_to_solar(1, 1, year)
                if day not in dates:  # the calendar's Tết block must hold mùng 1
                    day = min(dates)
                name = f"Tết Nguyên đán {lunar_year_name(year)}"
            elif key == "national_day":
                day = dt.date(year, 9, 2) if dt.date(year, 9, 2) in dates else max(dates)
                name = OCCASIONS[key]
            else:
                day = min(dates)
                name = OCCASIONS[key]
            if start <= day < end:
                found.append(Occasion(key, name, day, any(s.provisional for s in days)))
    return sorted(found, key=lambda o: o.day)


def greeting_for(occasion: Occasion) -> Letter | None:
    """The greeting drafted for ``occasion`` (not cancelled), if any. A greeting names no
    one: it is readable by every holder of the view permission."""
    row = (LetterRow.select().where(LetterRow.occasion == occasion.key, LetterRow.occasion_date == occasion.day,
                                    LetterRow.state != "cancelled").first())
    return to_letter(row) if row else None


def draft_greeting(core: CoreServices, occasion: Occasion, *, actor: Actor = SYSTEM_ACTOR,
                   at: dt.datetime | None = None) -> Letter:
    """Draft the Chủ tịch's greeting to all residents for ``occasion`` (one per occasion)."""
    if occasion.key not in OCCASIONS:
        raise ValidationError([("occasion", "Dịp lễ không hợp lệ.")])
    if greeting_for(occasion) is not None:
        raise ValidationError([("occasion", f"Đã có thư chúc mừng {occasion.name} năm {occasion.year}.")])
    ward = ward_lower(core)
    if occasion.key == "lunar_new_year":
        subject = f"Thư chúc mừng năm mới Xuân {lunar_year_name(occasion.year)} {occasion.year}"
    elif occasion.key == "new_year":
        subject = f"Thư chúc mừng năm mới {occasion.year}"
    else:
        subject = f"Thư chúc mừng nhân dịp {occasion.name} năm {occasion.year}"
    ctx = {"occasion": occasion.key, "occasion_name": occasion.name, "occasion_day": format_date(occasion.day),
           "year": occasion.year, "lunar_year": lunar_year_name(occasion.year)}
    return draft(core, event="holiday", addressee=f"Toàn thể cán bộ và Nhân dân {ward}", subject=subject,
                 context=ctx, occasion=occasion.key, occasion_date=occasion.day, actor=actor, at=at)


def plan_greetings(core: CoreServices, today: dt.date, *, actor: Actor = SYSTEM_ACTOR,
                   at: dt.datetime | None = None) -> list[Letter]:
    """Daily check: draft the greeting of every holiday within the lead time, once."""
    lead = config(core).greeting_lead_days
    drafted = []
    for occ in occasions(core.calendar, today, 12):
        if (occ.day - today).days <= lead and greeting_for(occ) is None:
            drafted.append(draft_greeting(core, occ, actor=actor, at=at))
    return drafted


def find_occasion(core: CoreServices, key: str, day: dt.date) -> Occasion:
    for occ in occasions(core.calendar, day, 1):
        if occ.key == key and occ.day == day:
            return occ
    raise ValidationError([("occasion", "Dịp lễ không có trong lịch làm việc.")])
