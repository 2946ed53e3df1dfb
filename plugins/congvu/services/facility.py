"""The friendly office (công sở xanh - sạch - đẹp - thân thiện, plan III.1.5): the facility
checklist of the Public Administrative Service Centre, its periodic reviews with photos,
and the paper rating forms entered in batches.

The checklist ships with every criterion of plan III.1.5 (``data/facility.toml``, loaded
by the first migration) and is ward-editable (criteria are added, reworded or retired,
never deleted). A review gives each active criterion a status — met, partly met, not met
— and every criterion not met becomes a task with its five clarities (the reviewer names
the assignee and the responsible leader; the deadline is ``fix_working_days`` working
days); one that failed before and is still being fixed keeps its open task. The score
is the share of criteria met (a partly met one counts half).

Paper rating forms use the three levels of the electronic ratings (R-MC-19); their counts
are this module's indicators, which the reports add to the one-stop module's ratings.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from peewee import fn
from thanthien.core import audit
from thanthien.core.access import Scope
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import PersonRow
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.types import Actor
from thanthien.core.uploads import IMAGES

from ..models import BatchRow, CriterionRow, ReviewLineRow, ReviewRow, TaskRow
from ..types import (
    CRITERION_STATUSES,
    FAILED_STATUSES,
    OPEN_TASK_STATES,
    P_FACILITY,
    P_VIEW,
    RATING_LEVELS,
    REVIEW_OWNER,
    Criterion,
    RatingBatch,
    Review,
    ReviewLine,
    Upload,
)
from .common import check_files, config, files_of, service_center_id, store_files
from .tasks import assign_task

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: what each status is worth in the score
WEIGHTS = {"met": 1.0, "partly": 0.5, "not_met": 0.0}


def _scope(core: CoreServices) -> Scope:
    return Scope(unit_id=service_center_id(core), owner=REVIEW_OWNER)


# -- the checklist ---------------------------------------------------------------------------


def _criterion(r: CriterionRow) -> Criterion:
    return Criterion(r.id, r.code, r.group, r.text, r.sort, r.active)


def criteria(*, include_retired: bool = False) -> list[Criterion]:
    q = CriterionRow.select().order_by(CriterionRow.sort, CriterionRow.id)
    if not include_retired:
        q = q.where(CriterionRow.active == True)  # noqa: E712
    return [_criterion(r) for r in q]


def add_criterion(core: CoreServices, *, text: str, group: str = "", actor: Actor) -> Criterion:
    core.access.require(actor, P_FACILITY, _scope(core))
    text = (text or "").strip()
    if not text:
        raise ValidationError([("text", "Vui lòng ghi nội dung tiêu chí.")])
    n = CriterionRow.select().count() + 1
    code = f"W{n:02d}"
    while CriterionRow.select().where(CriterionRow.code == code).exists():
        n += 1
        code = f"W{n:02d}"
    last = CriterionRow.select(fn.MAX(CriterionRow.sort)).scalar() or 0
    with write_transaction():
        row = CriterionRow.create(code=code, group=(group or "").strip()[:255], text=text, sort=last + 1)
        audit.record("congvu.criterion.add", "congvu_criterion", row.id, actor=actor,
                     after={"code": code, "group": row.group, "text": text})
    return _criterion(row)


def edit_criterion(core: CoreServices, criterion_id: int, *, text: str, group: str | None = None,
                   active: bool = True, actor: Actor) -> Criterion:
    """Reword or retire a criterion (its past statuses stay with the reviews)."""
    core.access.require(actor, P_FACILITY, _scope(core))
    row = CriterionRow.get_or_none(CriterionRow.id == criterion_id)
    if row is None:
        raise NotFound(f"Không tìm thấy tiêu chí số {criterion_id}.")
    text = (text or "").strip()
    if not text:
        raise ValidationError([("text", "Vui lòng ghi nội dung tiêu chí.")])
    before = {"text": row.text, "group": row.group, "active": row.active}
    after = {"text": text, "group": row.group if group is None else group.strip()[:255], "active": active}
    with write_transaction():
        CriterionRow.update(**after, updated_at=now()).where(CriterionRow.id == criterion_id).execute()
        audit.record("congvu.criterion.edit", "congvu_criterion", criterion_id, actor=actor, before=before,
                     after=after)
    return _criterion(CriterionRow.get_by_id(criterion_id))


# -- reviews ----------------------------------------------------------------------------------


def _review(row: ReviewRow) -> Review:
    q = (ReviewLineRow.select(ReviewLineRow, CriterionRow).join(CriterionRow)
         .where(ReviewLineRow.review == row.id).order_by(CriterionRow.sort, CriterionRow.id))
    lines = tuple(ReviewLine(ln.criterion_id, ln.criterion.code, ln.criterion.text, ln.status, ln.note, ln.task_id)
                  for ln in q)
    reviewer = PersonRow.get_or_none(PersonRow.id == row.reviewer_id)
    return Review(row.id, row.reviewed_on, reviewer.full_name if reviewer else "", row.score, row.note, lines,
                  files_of(REVIEW_OWNER, row.id))


def get_review(review_id: int) -> Review:
    row = ReviewRow.get_or_none(ReviewRow.id == review_id)
    if row is None:
        raise NotFound(f"Không tìm thấy lần rà soát số {review_id}.")
    return _review(row)


def view_review(core: CoreServices, review_id: int, *, actor: Actor | None) -> Review:
    core.access.require(actor, P_VIEW, _scope(core))
    return get_review(review_id)


def reviews(core: CoreServices, *, actor: Actor | None, limit: int = 20) -> list[Review]:
    core.access.require(actor, P_VIEW, _scope(core))
    return [_review(r) for r in ReviewRow.select().order_by(ReviewRow.reviewed_on.desc(), ReviewRow.id.desc())
            .limit(limit)]


def record_review(core: CoreServices, *, reviewed_on: dt.date | None, lines: Iterable[tuple[int, str, str]],
                  note: str = "", photos: Iterable[Upload] = (), assignee_id: int | None = None,
                  leader_id: int | None = None, fix_working_days: int | None = None, actor: Actor,
                  at: dt.datetime | None = None) -> Review:
    """A review of the centre: ``lines`` gives (criterion id, status, note) for every active
    criterion. Each criterion not met opens a task (source ``facility_review``) assigned
    to ``assignee_id`` under ``leader_id``, due in ``fix_working_days`` working days."""
    scope = _scope(core)
    core.access.require(actor, P_FACILITY, scope)
    when = at or now()
    errors: list[tuple[str, str]] = []
    if reviewed_on is None:
        errors.append(("reviewed_on", "Vui lòng nhập ngày rà soát (dd/mm/yyyy)."))
    elif reviewed_on > when.date():
        errors.append(("reviewed_on", "Ngày rà soát không được sau hôm nay."))
    active = {c.id: c for c in criteria()}
    given: dict[int, tuple[str, str]] = {}
    for cid, status, line_note in lines:
        if cid not in active:
            errors.append(("status", f"Tiêu chí số {cid} không có trong bảng kiểm."))
        elif status not in CRITERION_STATUSES:
            errors.append(("status", f"Vui lòng chọn kết quả cho tiêu chí {active[cid].code}."))
        else:
            given[cid] = (status, (line_note or "").strip())
    missing = [c.code for cid, c in active.items() if cid not in given]
    if missing:
        errors.append(("status", f"Vui lòng đánh giá đủ các tiêu chí; còn thiếu: {', '.join(missing)}."))
    failed = [cid for cid, (status, _) in given.items() if status in FAILED_STATUSES]
    unit_id = scope.unit_id
    if failed and unit_id is None:
        errors.append(("status", f"Chưa có đơn vị mã {config(core).service_center_unit} để giao việc khắc phục."))
    if failed and assignee_id is None:
        errors.append(("assignee_id", "Có tiêu chí chưa đạt: vui lòng chọn người khắc phục (rõ người)."))
    if failed and leader_id is None:
        errors.append(("leader_id", "Có tiêu chí chưa đạt: vui lòng chọn lãnh đạo chịu trách nhiệm (rõ trách nhiệm)."))
    days = fix_working_days or config(core).fix_working_days
    if days < 1:
        errors.append(("fix_working_days", "Số ngày làm việc khắc phục phải lớn hơn 0."))
    checked = check_files(core, photos, "photos", errors, kinds=IMAGES)
    if errors:
        raise ValidationError(errors)
    assert reviewed_on is not None
    score = round(100 * sum(WEIGHTS[s] for s, _ in given.values()) / len(given), 1) if given else 0.0
    with write_transaction():
        row = ReviewRow.create(reviewed_on=reviewed_on, reviewer=actor.person_id, unit=unit_id,
                               note=(note or "").strip(), score=score, created_at=when)
        store_files(checked, REVIEW_OWNER, row.id, actor)
        opened = []
        for cid in sorted(given, key=lambda c: (active[c].sort, c)):
            status, line_note = given[cid]
            line = ReviewLineRow.create(review=row.id, criterion=cid, status=status, note=line_note)
            if status in FAILED_STATUSES:
                crit = active[cid]
                still_open = open_fix_task(cid)
                if still_open is not None:  # the criterion failed before and is being fixed
                    ReviewLineRow.update(task=still_open).where(ReviewLineRow.id == line.id).execute()
                    continue
                task = assign_task(
                    core, title=f"Khắc phục tiêu chí {crit.code}: {crit.text}"[:500],
                    description=f"Rà soát ngày {reviewed_on:%d/%m/%Y}: {CRITERION_STATUSES[status].lower()}."
                                + (f" {line_note}" if line_note else ""),
                    assignee_id=assignee_id, leader_id=leader_id, unit_id=unit_id, working_days=days,
                    start_on=reviewed_on if reviewed_on >= when.date() else when.date(),
                    expected_result=f"Tiêu chí “{crit.text}” đạt yêu cầu tại lần rà soát sau.",
                    indicator="Điểm bảng kiểm công sở thân thiện đạt 100%", source_kind="facility_review",
                    source_ref=f"Rà soát cơ sở vật chất ngày {reviewed_on:%d/%m/%Y}, tiêu chí {crit.code}",
                    source_id=line.id, actor=actor, at=when, permission=P_FACILITY)
                ReviewLineRow.update(task=task.id).where(ReviewLineRow.id == line.id).execute()
                opened.append(task.id)
        audit.record("congvu.review.record", "congvu_review", row.id, actor=actor,
                     after={"reviewed_on": reviewed_on, "score": score, "failed": [active[c].code for c in failed],
                            "tasks": opened, "photos": [n for n, _, _ in checked]})
    return get_review(row.id)


def open_fix_task(criterion_id: int) -> int | None:
    """The open task fixing a criterion that failed at an earlier review, if any."""
    row = (ReviewLineRow.select(ReviewLineRow.task).join(TaskRow, on=(ReviewLineRow.task == TaskRow.id))
           .where(ReviewLineRow.criterion == criterion_id, TaskRow.state.in_(OPEN_TASK_STATES))
           .order_by(ReviewLineRow.id.desc()).first())
    return row.task_id if row else None


def latest_score(start: dt.date, end: dt.date) -> float | None:
    """The score of the latest review held in [start, end]."""
    row = (ReviewRow.select(ReviewRow.score).where(ReviewRow.reviewed_on.between(start, end))
           .order_by(ReviewRow.reviewed_on.desc(), ReviewRow.id.desc()).first())
    return row.score if row else None


# -- paper rating forms ----------------------------------------------------------------------


def _batch(r: BatchRow) -> RatingBatch:
    who = PersonRow.get_or_none(PersonRow.id == r.entered_by_id)
    return RatingBatch(r.id, r.period_start, r.period_end, {k: getattr(r, k) for k in RATING_LEVELS}, r.entered_at,
                       who.full_name if who else "", r.note)


def record_batch(core: CoreServices, *, period_start: dt.date | None, period_end: dt.date | None,
                 counts: dict[str, int | None], note: str = "", actor: Actor,
                 at: dt.datetime | None = None) -> RatingBatch:
    """Enter the paper rating forms of a period (counted per level, R-MC-19); periods of
    two batches may not overlap, so no form is counted twice."""
    core.access.require(actor, P_FACILITY, _scope(core))
    when = at or now()
    errors: list[tuple[str, str]] = []
    if period_start is None:
        errors.append(("period_start", "Vui lòng nhập ngày đầu của đợt (dd/mm/yyyy)."))
    if period_end is None:
        errors.append(("period_end", "Vui lòng nhập ngày cuối của đợt (dd/mm/yyyy)."))
    if period_start and period_end:
        if period_end < period_start:
            errors.append(("period_end", "Ngày cuối phải từ ngày đầu trở đi."))
        elif period_end > when.date():
            errors.append(("period_end", "Ngày cuối không được sau hôm nay."))
        else:
            clash = BatchRow.select().where(BatchRow.period_start <= period_end,
                                            BatchRow.period_end >= period_start).first()
            if clash is not None:
                errors.append(("period_start", f"Đã nhập phiếu cho {clash.period_start:%d/%m/%Y} – "
                                               f"{clash.period_end:%d/%m/%Y} (đợt số {clash.id})."))
    values = {}
    for level, label in RATING_LEVELS.items():
        n = counts.get(level) or 0
        if n < 0:
            errors.append((level, f"Số phiếu “{label}” không được âm."))
        values[level] = n
    if not errors and not sum(values.values()):
        errors.append(("rat_hai_long", "Vui lòng nhập số phiếu của đợt."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = BatchRow.create(period_start=period_start, period_end=period_end, unit=service_center_id(core),
                              note=(note or "").strip(), entered_at=when, entered_by=actor.person_id, **values)
        audit.record("congvu.ratings.batch", "congvu_rating_batch", row.id, actor=actor,
                     after={"period_start": period_start, "period_end": period_end, **values})
    return _batch(row)


def batches(core: CoreServices, *, actor: Actor | None, year: int | None = None, limit: int = 50) -> list[RatingBatch]:
    core.access.require(actor, P_VIEW, _scope(core))
    q = BatchRow.select()
    if year:
        q = q.where(BatchRow.period_end.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return [_batch(r) for r in q.order_by(BatchRow.period_end.desc(), BatchRow.id.desc()).limit(limit)]


def paper_counts(start: dt.date, end: dt.date) -> dict[str, int]:
    """Paper forms per level of the batches whose period ends in [start, end]."""
    q = BatchRow.select(*[fn.SUM(getattr(BatchRow, k)) for k in RATING_LEVELS]).where(
        BatchRow.period_end.between(start, end)).tuples()
    row = next(iter(q), None) or ()
    return {k: int(v or 0) for k, v in zip(RATING_LEVELS, row)} if row else {k: 0 for k in RATING_LEVELS}
