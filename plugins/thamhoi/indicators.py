"""Indicators of the thamhoi module (chỉ tiêu), computed from its indexed tables."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core.types import Indicator

from .models import ActivityRow, LetterRow
from .types import PLUGIN

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.combine(start, dt.time.min), dt.datetime.combine(end, dt.time.max)


def letters_sent(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Letters sent or handed over in [start, end]."""
    lo, hi = _bounds(start, end)
    return LetterRow.select().where(LetterRow.state == "sent", LetterRow.sent_at.between(lo, hi)).count()


def late_apology_share(core: CoreServices, start: dt.date, end: dt.date) -> float | None:
    """Share (%) of the apology letters drafted for late TTHC results that were sent."""
    lo, hi = _bounds(start, end)
    drafted = LetterRow.select().where(LetterRow.event == "late_result", LetterRow.drafted_at.between(lo, hi))
    total = drafted.count()
    if not total:
        return None
    return round(100 * drafted.where(LetterRow.state == "sent").count() / total, 1)


def respected_meetings(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Meetings with respected people and supporters held in [start, end]."""
    lo, hi = _bounds(start, end)
    return ActivityRow.select().where(ActivityRow.kind == "respected_meeting", ActivityRow.state == "done",
                                      ActivityRow.done_at.between(lo, hi)).count()


def indicators(core: CoreServices) -> list[Indicator]:
    return [
        Indicator(f"{PLUGIN}.letters_sent", "Thư thăm hỏi, chúc mừng, cảm ơn, xin lỗi đã gửi", "thư", letters_sent,
                  None, PLUGIN, section="III.1.6"),
        Indicator(f"{PLUGIN}.late_apology_share", "Tỷ lệ hồ sơ trả quá hạn đã gửi thư xin lỗi", "%",
                  late_apology_share, 100, PLUGIN, section="III.1.6", rule="R-MC-15"),
        Indicator(f"{PLUGIN}.respected_meetings", "Buổi gặp mặt người có uy tín, tổ chức, cá nhân ủng hộ", "buổi",
                  respected_meetings, 1, PLUGIN, section="III.1.6"),
    ]
