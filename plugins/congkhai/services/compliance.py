"""The compliance check (kiểm tra việc công khai): everything missing, late, removed early
or out of date, the places still to do, the postings about to reach their minimum
period, and the coverage of each residential group.

A staff member sees the findings of the notices of his or her units
(``congkhai.compliance.view``); the ward-wide findings (permanent items absent) are for
ward-wide grants.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core.models import NoticeRow, to_type
from thanthien.core.text import format_date
from thanthien.core.types import Actor, Notice

from .. import policy
from ..models import NoticeMetaRow, PostingRow, RequirementRow
from ..types import (
    P_COMPLIANCE,
    PLACE_KINDS,
    POSTED_KINDS,
    ComplianceReport,
    Gap,
    GroupCoverage,
    Pending,
    Posting,
    Requirement,
)
from .common import config, residential_groups, scoped, to_posting, to_requirement, today_or, unit_names
from .notices import build_requirements

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def check(core: CoreServices, today: dt.date | None = None, *, actor: Actor | None,
          notice_id: int | None = None) -> ComplianceReport:
    """The compliance check as of ``today`` over the notices ``actor`` may check (every
    notice for a ward-wide grant or the system); with ``notice_id``, that notice only."""
    return compliance(core, today, units=core.access.units_for(actor, P_COMPLIANCE), notice_id=notice_id)


def compliance(core: CoreServices, today: dt.date | None = None, *, units: set[int] | None,
               notice_id: int | None = None) -> ComplianceReport:
    """The check over the notices of ``units`` (``None``: the whole ward, with the
    ward-wide findings and the groups' coverage); the caller decided ``units``.

    R-CK-03 late disclosure; R-CK-04/05/07/09/10 places not reached once due; R-CK-06
    postings removed before their minimum days; R-CK-07 permanent items removed, absent
    or superseded but still posted; R-CK-09 broadcasts shorter than the consecutive days;
    R-CK-12 withdrawn information still posted.
    """
    today = today_or(today)
    names = unit_names()
    gaps: list[Gap] = []
    pending: list[Pending] = []
    expiring: list[Posting] = []
    within = config(core).expiring_within_days
    nq = scoped(NoticeRow.select().where(NoticeRow.state.in_(["draft", "published", "expired", "withdrawn"])),
                NoticeRow.unit, units)
    if notice_id is not None:
        nq = nq.where(NoticeRow.id == notice_id)
    notices = {r.id: to_type(Notice, r) for r in nq}
    ids = nq.select(NoticeRow.id)  # a sub-query: no list of ids in the SQL
    metas = {m.notice_id: m for m in NoticeMetaRow.select().where(NoticeMetaRow.notice.in_(ids))}

    # Build the snapshot for notices published through core by other modules.
    for n in notices.values():
        if n.state in ("published", "expired") and not (metas.get(n.id) and metas[n.id].requirements_built):
            build_requirements(core, n)
            metas[n.id] = NoticeMetaRow.get(NoticeMetaRow.notice == n.id)

    reqs: dict[int, list[Requirement]] = {}
    for r in RequirementRow.select().where(RequirementRow.notice.in_(ids)):
        reqs.setdefault(r.notice_id, []).append(to_requirement(r))
    posts: dict[tuple[int, str, int | None], list[Posting]] = {}
    for p in (PostingRow.select().where(PostingRow.notice.in_(ids))
              .order_by(PostingRow.posted_on, PostingRow.id)):
        posts.setdefault((p.notice_id, p.kind, p.unit_id), []).append(to_posting(p))

    def where(kind: str, unit_id: int | None) -> str:
        return PLACE_KINDS[kind] + (f" – {names.get(unit_id, '')}" if unit_id else "")

    for n in sorted(notices.values(), key=lambda n: n.id):
        m = metas.get(n.id)
        if n.state == "draft":
            if m is not None and m.deadline is not None and m.deadline < today:  # R-CK-03
                gaps.append(Gap("late", n.id, n.category, ("R-CK-03",),
                                f"Quá hạn công khai ngày {format_date(m.deadline)} nhưng vẫn là bản nháp."))
            continue
        if n.state == "withdrawn":  # R-CK-12 / R-CK-07: withdrawn information must come down
            permanent = any(r.permanent for r in reqs.get(n.id, ()))
            for (nid, kind, unit_id), plist in posts.items():
                if nid != n.id or kind not in POSTED_KINDS:
                    continue
                for p in plist:
                    if p.removed_on is None:
                        gaps.append(Gap("not_taken_down", n.id, n.category,
                                        ("R-CK-07",) if permanent else ("R-CK-12",),
                                        f"Thông báo đã thu hồi/được thay thế nhưng vẫn còn niêm yết tại "
                                        f"{where(kind, unit_id)}.", kind, unit_id, p.id))
            continue
        published = n.published_at.date()
        if m.deadline is not None and published > m.deadline:  # R-CK-03
            late_by = core.calendar.working_days_between(m.deadline, published)
            gaps.append(Gap("late", n.id, n.category, ("R-CK-03",),
                            f"Công khai ngày {format_date(published)}, chậm {late_by} ngày làm việc so với hạn "
                            f"{format_date(m.deadline)}."))
        for req in reqs.get(n.id, ()):
            plist = posts.get((n.id, req.kind, req.unit_id), [])
            place = where(req.kind, req.unit_id)
            if not plist:
                if today > req.due_date:
                    gaps.append(Gap("missing", n.id, n.category, req.rule_ids,
                                    f"Chưa thực hiện: {place} (hạn {format_date(req.due_date)}).",
                                    req.kind, req.unit_id))
                else:
                    pending.append(Pending(req, n.id, f"Hạn {format_date(req.due_date)}"))
                continue
            if req.kind == "loudspeaker" and req.broadcast_days:  # R-CK-09
                best, last = policy.longest_run(p.posted_on for p in plist)
                if best < req.broadcast_days:
                    if last is not None and last >= today - dt.timedelta(days=1):
                        pending.append(Pending(req, n.id, f"Đang phát: {best}/{req.broadcast_days} ngày liên tục"))
                    else:
                        gaps.append(Gap("broadcast_short", n.id, n.category, req.rule_ids,
                                        f"Chỉ phát loa {best} ngày liên tục, yêu cầu ít nhất "
                                        f"{req.broadcast_days} ngày.", req.kind))
                continue
            if req.kind not in POSTED_KINDS:
                continue
            open_now = [p for p in plist if p.removed_on is None]
            for p in plist:
                if p.removed_on is None:
                    if req.min_days and n.state == "published":
                        ends = p.posted_on + dt.timedelta(days=req.min_days)
                        if today <= ends <= today + dt.timedelta(days=within):
                            expiring.append(p)
                    continue
                if req.permanent and n.state == "published" and not open_now:  # R-CK-07
                    gaps.append(Gap("removed_early", n.id, n.category, req.rule_ids,
                                    f"Nội dung phải niêm yết thường xuyên nhưng đã gỡ khỏi {place} ngày "
                                    f"{format_date(p.removed_on)}.", req.kind, req.unit_id, p.id))
                elif req.min_days and (p.removed_on - p.posted_on).days < req.min_days:  # R-CK-06
                    days = (p.removed_on - p.posted_on).days
                    gaps.append(Gap("removed_early", n.id, n.category, req.rule_ids,
                                    f"Niêm yết tại {place} từ {format_date(p.posted_on)} đến "
                                    f"{format_date(p.removed_on)} ({days} ngày), chưa đủ {req.min_days} "
                                    f"ngày liên tục.", req.kind, req.unit_id, p.id))

    if notice_id is not None:
        return ComplianceReport(today, tuple(gaps), tuple(pending), tuple(expiring), (), notices)
    if units is None:
        # R-CK-07: permanent items must always be on the office board (a ward-wide finding).
        cats = core.notice_categories
        for item in core.rules.value("R-CK-07.items", today):
            cat = next((c for c in cats.values() if c.item_no == item), None)
            if cat is None:
                continue
            if not any(n.category == cat.key and n.state == "published" for n in notices.values()):
                gaps.append(Gap("permanent_absent", None, cat.key, ("R-CK-07",),
                                f"Chưa có thông báo đang niêm yết thường xuyên về mục {item}: {cat.name}."))
    groups = coverage(notices, reqs, posts, today)
    return ComplianceReport(today, tuple(gaps), tuple(pending), tuple(expiring), tuple(groups), notices)


def coverage(notices: dict[int, Notice], reqs: dict[int, list[Requirement]],
             posts: dict[tuple[int, str, int | None], list[Posting]], today: dt.date,
             start: dt.date | None = None, end: dt.date | None = None) -> list[GroupCoverage]:
    """Per residential group: required placements due by ``today`` and those done."""
    counts: dict[int, list[int]] = {g.id: [0, 0] for g in residential_groups()}
    for nid, rlist in reqs.items():
        n = notices.get(nid)
        if n is None or n.state not in ("published", "expired"):
            continue
        if start and n.published_at.date() < start or end and n.published_at.date() > end:
            continue
        for r in rlist:
            if r.unit_id is None or r.unit_id not in counts:
                continue
            done = bool(posts.get((nid, r.kind, r.unit_id)))
            if done or today > r.due_date:
                counts[r.unit_id][0] += 1
                counts[r.unit_id][1] += int(done)
    names = unit_names()
    return [GroupCoverage(uid, names[uid], req, done) for uid, (req, done) in counts.items()]
