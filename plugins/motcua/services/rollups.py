"""The month × procedure × metric rollup kept in step with each write, and the
indicators read from it (received, early / on time / late, breaches, apologies in time,
processing time, satisfaction).

R-MC-15/16: a late dossier counts as apologised (``late_apologised``) only when its
apology and re-appointment (Mẫu 04) was signed in time — at the latest the working day
before the due date (``R-MC-15.min_working_days_before_deadline``) — and it was returned
by the new date; otherwise it is a breach (``breach``), even when a late apology was
recorded.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from thanthien.core.errors import ValidationError
from thanthien.core.models import CaseRow
from thanthien.core.storage.db import write_transaction

from ..models import ApologyRow, DossierRow, RatingRow, RollupRow
from ..types import RATING_LEVELS, TIMELINESS, UNHAPPY_LEVELS

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def bump(when: dt.datetime | dt.date, procedure_code: str, metric: str, amount: int = 1) -> None:
    month = when.strftime("%Y-%m")
    (RollupRow.insert(month=month, procedure_code=procedure_code, metric=metric, value=amount)
     .on_conflict(conflict_target=[RollupRow.month, RollupRow.procedure_code, RollupRow.metric],
                  update={RollupRow.value: RollupRow.value + amount})
     .execute())


def rebuild_rollup() -> int:
    """Recount the rollup from dossiers and ratings (``thanthien rollups rebuild``)."""
    counts: dict[tuple[str, str, str], int] = {}

    def add(when, code, metric, n=1):
        key = (when.strftime("%Y-%m"), code, metric)
        counts[key] = counts.get(key, 0) + n

    timely = {a.dossier_id for a in ApologyRow.select(ApologyRow.dossier)
              .where(ApologyRow.state == "signed", ApologyRow.timely == True)}  # noqa: E712 - R-MC-15
    for r in DossierRow.select(DossierRow, CaseRow).join(CaseRow).iterator():
        add(r.received_at, r.procedure_code, "received")
        if r.returned_at:
            add(r.returned_at, r.procedure_code, f"returned_{r.timeliness}")
            if r.timeliness == "late" and r.id in timely and not r.breach:
                add(r.returned_at, r.procedure_code, "late_apologised")
            if r.breach:
                add(r.returned_at, r.procedure_code, "breach")
            add(r.returned_at, r.procedure_code, "processing_working_days", r.processing_days or 0)
        elif r.case.state in ("refused", "stopped"):
            add(r.case.closed_at, r.procedure_code, r.case.state)
    for r in RatingRow.select():
        add(r.rated_at, r.procedure_code, f"rating_{r.level}")
    with write_transaction():
        RollupRow.delete().execute()
        for (month, code, metric), value in counts.items():
            RollupRow.create(month=month, procedure_code=code, metric=metric, value=value)
    return len(counts)


def sums(start: dt.date, end: dt.date, procedure_code: str | None = None,
         by: str | None = None) -> dict[str, dict[str, int]]:
    """{group: {metric: value}} over the months of [start, end] (group "" without ``by``)."""
    q = RollupRow.select().where(RollupRow.month >= start.strftime("%Y-%m"), RollupRow.month <= end.strftime("%Y-%m"))
    if procedure_code:
        q = q.where(RollupRow.procedure_code == procedure_code)
    out: dict[str, dict[str, int]] = {}
    for r in q:
        key = "" if by is None else (r.month if by == "month" else r.procedure_code)
        bucket = out.setdefault(key, {})
        bucket[r.metric] = bucket.get(r.metric, 0) + r.value
    return out


INDICATOR_COLUMNS = [
    ("received", "Hồ sơ tiếp nhận", "hồ sơ"),
    ("returned_early", "Trả trước hạn", "hồ sơ"),
    ("returned_on_time", "Trả đúng hạn", "hồ sơ"),
    ("returned_late", "Trả quá hạn", "hồ sơ"),
    ("on_time_share", "Tỷ lệ trước và đúng hạn", "%"),
    ("avg_processing_days", "Thời gian giải quyết bình quân", "ngày làm việc"),
    ("apology_share", "Tỷ lệ hồ sơ quá hạn có văn bản xin lỗi", "%"),
    ("breaches", "Trả quá hạn không xin lỗi", "hồ sơ"),
    ("satisfaction", "Tỷ lệ hài lòng", "%"),
]


def measures(m: dict[str, int]) -> dict[str, float | int | None]:
    """The indicators of one group of rollup sums."""
    returned = sum(m.get(f"returned_{t}", 0) for t in TIMELINESS)
    ratings = sum(m.get(f"rating_{lv}", 0) for lv in RATING_LEVELS)
    happy = sum(m.get(f"rating_{lv}", 0) for lv in RATING_LEVELS if lv not in UNHAPPY_LEVELS)
    late = m.get("returned_late", 0)
    return {
        "received": m.get("received", 0),
        "returned_early": m.get("returned_early", 0),
        "returned_on_time": m.get("returned_on_time", 0),
        "returned_late": late,
        "on_time_share": round(100 * (returned - late) / returned, 1) if returned else None,
        "avg_processing_days": round(m.get("processing_working_days", 0) / returned, 2) if returned else None,
        # R-MC-15: only apologies signed in time count
        "apology_share": round(100 * m.get("late_apologised", 0) / late, 1) if late else None,
        "breaches": m.get("breach", 0),
        "satisfaction": round(100 * happy / ratings, 1) if ratings else None,
    }


def indicator_table(core: CoreServices, start: dt.date, end: dt.date, by: str = "month") -> list[dict[str, Any]]:
    """Indicators per month or per procedure (plus a total row)."""
    if by not in ("month", "procedure"):
        raise ValidationError([("by", "Chỉ tổng hợp theo tháng hoặc theo thủ tục.")])
    if end < start:
        raise ValidationError([("den", "Ngày kết thúc phải sau ngày bắt đầu.")])
    rows = [{"group": key, **measures(m)} for key, m in sorted(sums(start, end, by=by).items())]
    rows.append({"group": "Tổng cộng", **measures(sums(start, end).get("", {}))})
    return rows


def indicator_csv(core: CoreServices, start: dt.date, end: dt.date, by: str = "month") -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["Tháng" if by == "month" else "Thủ tục"] + [f"{label} ({unit})" for _, label, unit in INDICATOR_COLUMNS])
    for row in indicator_table(core, start, end, by):
        w.writerow([row["group"]] + ["" if row[k] is None else row[k] for k, _, _ in INDICATOR_COLUMNS])
    return buf.getvalue().encode("utf-8-sig")


def indicator_value(core: CoreServices, key: str, start: dt.date, end: dt.date) -> float | int | None:
    """One indicator over the period (the registry's ``compute``)."""
    return measures(sums(start, end).get("", {}))[key]


def late_records(core: CoreServices, start: dt.date, end: dt.date, *, breaches: bool = False) -> list[dict[str, Any]]:
    """The dossiers behind ``returned_late`` (or ``breaches``): returned late in the months
    of [start, end], as the rollup counts them (R-MC-11; R-MC-15 for breaches). No
    applicant's name: only the dossier code, the procedure and the dates."""
    lo = dt.datetime(start.year, start.month, 1)
    following = dt.date(end.year + end.month // 12, end.month % 12 + 1, 1)
    q = (DossierRow.select().where(DossierRow.returned_at >= lo,
                                   DossierRow.returned_at < dt.datetime.combine(following, dt.time.min)))
    q = q.where(DossierRow.breach == True) if breaches else q.where(DossierRow.timeliness == "late")  # noqa: E712
    return [{"label": f"{r.code} — {r.procedure_name}", "href": f"/motcua/ho-so/{r.code}",
             "due": r.original_due, "returned": r.returned_at.date()}
            for r in q.order_by(DossierRow.returned_at.desc(), DossierRow.id.desc())]
