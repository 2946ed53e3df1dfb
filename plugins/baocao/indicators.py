"""Indicators of the baocao module: the cases of every plan module (hồ sơ, vụ việc), read
from core's case rollup (``core_case_rollup``: month received × type × unit × state ×
timeliness). They count per unit, so a department or a group head sees his or her own.

A case counts in the months of [start, end] that it was *received* in (the rollup's key);
its timeliness is the one it was closed with (R-MC-11 for dossiers; each case type's
clock otherwise).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from peewee import fn

from thanthien.core.models import CaseRollupRow, CaseRow, to_type
from thanthien.core.types import Indicator

from .types import PLUGIN

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def _counts(start: dt.date, end: dt.date, units: set[int] | None) -> dict[str, int]:
    """{timeliness bucket: cases} received in the months of [start, end] (summed by the database)."""
    q = (CaseRollupRow.select(CaseRollupRow.timeliness, fn.SUM(CaseRollupRow.count))
         .where(CaseRollupRow.month >= start.strftime("%Y-%m"), CaseRollupRow.month <= end.strftime("%Y-%m")))
    if units is not None:
        q = q.where(CaseRollupRow.unit_id.in_(sorted(units)))
    return {bucket: int(n or 0) for bucket, n in q.group_by(CaseRollupRow.timeliness).tuples()}


def received(core: CoreServices, start: dt.date, end: dt.date, units: set[int] | None = None) -> int:
    return sum(_counts(start, end, units).values())


def closed_late(core: CoreServices, start: dt.date, end: dt.date, units: set[int] | None = None) -> int:
    return _counts(start, end, units).get("late", 0)


def on_time_share(core: CoreServices, start: dt.date, end: dt.date, units: set[int] | None = None) -> float | None:
    c = _counts(start, end, units)
    closed = sum(n for k, n in c.items() if k != "open")
    if not closed:
        return None
    return round(100 * (closed - c.get("late", 0)) / closed, 1)


def _month_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    following = dt.date(end.year + end.month // 12, end.month % 12 + 1, 1)
    return dt.datetime(start.year, start.month, 1), dt.datetime.combine(following, dt.time.min)


def late_records(core: CoreServices, start: dt.date, end: dt.date,
                 units: set[int] | None = None) -> list[dict[str, Any]]:
    """The cases behind ``cases_closed_late``: number, kind and dates — never the subject,
    which may name a complainant or a denouncer (R-TC-10)."""
    from thanthien.core.types import Case

    lo, hi = _month_bounds(start, end)
    q = CaseRow.select().where(CaseRow.received_at >= lo, CaseRow.received_at < hi, CaseRow.closed_at.is_null(False))
    if units is not None:
        q = q.where(CaseRow.unit.in_(sorted(units)))
    out = []
    for row in q.order_by(CaseRow.received_at, CaseRow.id):
        case = to_type(Case, row)
        if case.timeliness() != "late":
            continue
        ct = core.cases.types.get(case.case_type)
        # the number and the kind only: a subject may name a person (a complaint, a denunciation)
        out.append({"label": case.number, "href": "", "kind": ct.name if ct else case.case_type,
                    "due": case.due_date, "closed": case.closed_at.date() if case.closed_at else None})
    return out


def _ward(fn):
    def compute(core, start, end):
        return fn(core, start, end, None)

    compute.__name__ = fn.__name__
    return compute


def indicators(core: CoreServices) -> list[Indicator]:
    return [
        Indicator(f"{PLUGIN}.cases_received", "Hồ sơ, vụ việc tiếp nhận (mọi phân hệ)", "hồ sơ", _ward(received),
                  None, PLUGIN, section="III.1", compute_units=received,
                  description="Hồ sơ TTHC, đơn thư, phản ánh, kiến nghị và các vụ việc khác tiếp nhận trong kỳ."),
        Indicator(f"{PLUGIN}.cases_closed_late", "Hồ sơ, vụ việc giải quyết quá hạn", "hồ sơ", _ward(closed_late),
                  0, PLUGIN, direction="lower", section="III.1", compute_units=closed_late,
                  records=_ward(late_records), records_units=late_records,
                  description="Tính theo tháng tiếp nhận; quá hạn so với hạn giải quyết của từng loại việc."),
        Indicator(f"{PLUGIN}.cases_on_time_share", "Tỷ lệ hồ sơ, vụ việc giải quyết trước và đúng hạn", "%",
                  _ward(on_time_share), 100, PLUGIN, section="III.1", compute_units=on_time_share),
    ]

