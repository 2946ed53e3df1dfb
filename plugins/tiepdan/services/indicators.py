"""Figures of the module (chỉ tiêu) over a period, from its indexed tables: counts, never
names. Each figure is a function of ``(core, start, end)``; :func:`figures` gathers them
for the indicators page and ``thanthien tiepdan indicators``."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs
from peewee import fn

from thanthien.core.models import CaseRow
from thanthien.core.storage.db import now

from ..models import ClockRow, MatterRow, SessionRow, VisitRow
from ..types import CASE_TYPES, STATUS_REPLY
from .common import bounds
from .dialogues import dialogue_coverage
from .schedule import chairman_coverage

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: the clocks of a resolution: a complaint or denunciation accepted, a petition taken
RESOLUTION_STAGES = ("accept", "take")


def received(core: CoreServices, start: dt.date, end: dt.date) -> dict[str, dict[str, int]]:
    """Matters received, by kind and channel."""
    lo, hi = bounds(start, end)
    out: dict[str, dict[str, int]] = {}
    q = (MatterRow.select(MatterRow.kind, MatterRow.channel, fn.COUNT(MatterRow.id))
         .where(MatterRow.received_at.between(lo, hi), MatterRow.kind != STATUS_REPLY)
         .group_by(MatterRow.kind, MatterRow.channel).tuples())
    for kind, channel, n in q:
        out.setdefault(kind, {})[channel] = n
    return out


def received_total(core: CoreServices, start: dt.date, end: dt.date) -> int:
    lo, hi = bounds(start, end)
    return MatterRow.select().where(MatterRow.received_at.between(lo, hi), MatterRow.kind != STATUS_REPLY).count()


def visits(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Register entries (lượt tiếp) in the period."""
    lo, hi = bounds(start, end)
    return VisitRow.select().where(VisitRow.received_at.between(lo, hi)).count()


def accepted(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Matters received in the period and accepted (thụ lý) or taken in hand."""
    lo, hi = bounds(start, end)
    in_period = MatterRow.select(MatterRow.case).where(MatterRow.received_at.between(lo, hi),
                                                        MatterRow.kind != STATUS_REPLY)
    return ClockRow.select().where(ClockRow.case.in_(in_period), ClockRow.stage.in_(RESOLUTION_STAGES)).count()


def _resolved(start: dt.date, end: dt.date):
    lo, hi = bounds(start, end)
    return ClockRow.select().where(ClockRow.stage.in_(RESOLUTION_STAGES), ClockRow.done_at.between(lo, hi))


def resolved_on_time(core: CoreServices, start: dt.date, end: dt.date) -> int:
    return _resolved(start, end).where(ClockRow.late == False).count()  # noqa: E712


def resolved_late(core: CoreServices, start: dt.date, end: dt.date) -> int:
    return _resolved(start, end).where(ClockRow.late == True).count()  # noqa: E712


def clocks_done(core: CoreServices, start: dt.date, end: dt.date) -> int:
    lo, hi = bounds(start, end)
    return ClockRow.select().where(ClockRow.done_at.between(lo, hi)).count()


def share_within_legal_time(core: CoreServices, start: dt.date, end: dt.date) -> float | None:
    """Share (%) of the clocks ended in the period that ended in time."""
    lo, hi = bounds(start, end)
    done = ClockRow.select().where(ClockRow.done_at.between(lo, hi))
    total = done.count()
    return round(100 * done.where(ClockRow.late == False).count() / total, 1) if total else None  # noqa: E712


def average_days(core: CoreServices, start: dt.date, end: dt.date) -> float | None:
    """Average days from receipt to closing of the matters closed in the period."""
    lo, hi = bounds(start, end)
    # the cases closed in the period along the closing-date index (this module's case types
    # only), then the status replies among them by the matter's key: neither table is read
    # whole (issue 16), where a join let PostgreSQL read every matter
    closed = list(CaseRow.select(CaseRow.id, CaseRow.received_at, CaseRow.closed_at)
                  .where(CaseRow.closed_at.between(lo, hi), CaseRow.case_type.in_(sorted(CASE_TYPES.values())))
                  .tuples())
    replies = {case for (case,) in MatterRow.select(MatterRow.case).where(
        MatterRow.case.in_([c[0] for c in closed]), MatterRow.kind == STATUS_REPLY).tuples()} if closed else set()
    durations = [(c - r).total_seconds() / 86400 for i, r, c in closed if i not in replies]
    return round(sum(durations) / len(durations), 1) if durations else None


def overdue_open(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Clocks still running past their due date (at the end of the period, or today)."""
    return ClockRow.select().where(ClockRow.done_at.is_null(True), ClockRow.due_date < min(end, now().date())).count()


def reception_days_held(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Days the Chủ tịch received citizens (R-TD-02): days, not sessions — a morning and
    an afternoon session on one day are one day, as R-TD-02 counts days per week."""
    return (SessionRow.select(fn.COUNT(fn.DISTINCT(SessionRow.day)))
            .where(SessionRow.kind == "chairman", SessionRow.state == "held", SessionRow.day.between(start, end))
            .scalar() or 0)


def reception_days_required(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Days the Chủ tịch must receive citizens in the period (R-TD-02)."""
    return chairman_coverage(core, start, end).required


def figures(core: CoreServices, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Received by type and channel, accepted, resolved on time / late, average time, share
    answered within the legal time, reception days held vs required (R-TD-02), dialogue
    conferences (R-DT-01). Counts, never names."""
    by_kind = received(core, start, end)
    coverage = chairman_coverage(core, start, end)
    return {
        "from": start.isoformat(), "to": end.isoformat(),
        "received": by_kind, "received_total": sum(sum(v.values()) for v in by_kind.values()),
        "visits": visits(core, start, end), "accepted": accepted(core, start, end),
        "resolved_on_time": resolved_on_time(core, start, end), "resolved_late": resolved_late(core, start, end),
        "average_days": average_days(core, start, end),
        "clocks_done": clocks_done(core, start, end),
        "share_within_legal_time": share_within_legal_time(core, start, end),
        "overdue_open": overdue_open(core, start, end),
        "reception_days_held": reception_days_held(core, start, end),
        "reception_days_required": coverage.required,
        "weeks_without_reception": len(coverage.missing),
        "dialogues": [attrs.asdict(dialogue_coverage(core, y)) for y in range(start.year, end.year + 1)],
    }
