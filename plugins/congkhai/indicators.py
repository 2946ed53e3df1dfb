"""Indicators of the disclosure module (chỉ tiêu), read from stored facts only."""
from __future__ import annotations

import datetime as dt

from thanthien.core.models import CaseRow, NoticeRow, UnitRow
from thanthien.core.notices import ART11_CATEGORIES
from thanthien.core.types import COMMUNITY_UNIT_KINDS, Indicator

from .cases import CASE_TYPES
from .models import ConferenceRow, NoticeMetaRow, PostingRow, RequirementRow
from .policy import ward_options


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.combine(start, dt.time()), dt.datetime.combine(end + dt.timedelta(days=1), dt.time())


def _published(start: dt.date, end: dt.date):
    lo, hi = _bounds(start, end)
    return NoticeRow.select().where(NoticeRow.published_at >= lo, NoticeRow.published_at < hi)


def notices_published(start: dt.date, end: dt.date, category: str | None = None) -> int:
    q = _published(start, end)
    if category:
        q = q.where(NoticeRow.category == category)
    return q.count()


def on_time_share(start: dt.date, end: dt.date) -> float | None:
    """R-CK-03: share of notices published in the period on or before their deadline."""
    rows = (_published(start, end).select(NoticeRow.published_at, NoticeMetaRow.deadline)
            .join(NoticeMetaRow, on=(NoticeMetaRow.notice == NoticeRow.id))
            .where(NoticeMetaRow.deadline.is_null(False)).tuples())
    rows = list(rows)
    if not rows:
        return None
    on_time = sum(1 for published, deadline in rows if published.date() <= deadline)
    return round(100.0 * on_time / len(rows), 1)


def placements_done_share(start: dt.date, end: dt.date) -> float | None:
    """Share of required places (due by the end of the period) that were reached."""
    ids = _published(start, end).select(NoticeRow.id)
    reqs = list(RequirementRow.select().where(RequirementRow.notice.in_(ids), RequirementRow.due_date <= end))
    if not reqs:
        return None
    done = {(p.notice_id, p.kind, p.unit_id) for p in
            PostingRow.select(PostingRow.notice, PostingRow.kind, PostingRow.unit)
            .where(PostingRow.notice.in_(ids), PostingRow.posted_on <= end)}
    hit = sum(1 for r in reqs if (r.notice_id, r.kind, r.unit_id) in done)
    return round(100.0 * hit / len(reqs), 1)


def group_coverage(start: dt.date, end: dt.date) -> float | None:
    """Plan III.2.1: share of residential groups with a law-propaganda conference."""
    groups = {u.id for u in UnitRow.select(UnitRow.id).where(UnitRow.kind.in_(COMMUNITY_UNIT_KINDS),
                                                             UnitRow.active == True)}  # noqa: E712
    if not groups:
        return None
    held = {r.unit_id for r in ConferenceRow.select(ConferenceRow.unit).where(
        ConferenceRow.kind == "dccs_law", ConferenceRow.held_on >= start, ConferenceRow.held_on <= end)}
    return round(100.0 * len(groups & held) / len(groups), 1)


def requests_on_time(start: dt.date, end: dt.date) -> float | None:
    """R-TT-08..10: share of information requests closed in the period by their due date."""
    lo, hi = _bounds(start, end)
    rows = list(CaseRow.select(CaseRow.closed_at, CaseRow.due_date).where(
        CaseRow.case_type.in_([ct.key for ct in CASE_TYPES]), CaseRow.closed_at >= lo,
        CaseRow.closed_at < hi).tuples())
    if not rows:
        return None
    ok = sum(1 for closed, due in rows if due is None or closed.date() <= due)
    return round(100.0 * ok / len(rows), 1)


def indicators(settings) -> list[Indicator]:
    target = ward_options(settings)["propaganda_target_percent"]
    out = [
        Indicator("congkhai.notices_published", "Số thông báo đã công khai", "count", notices_published,
                  plugin="congkhai"),
        Indicator("congkhai.on_time_share", "Tỷ lệ thông tin công khai đúng hạn (R-CK-03)", "percent",
                  on_time_share, target=100.0, plugin="congkhai"),
        Indicator("congkhai.placements_done_share", "Tỷ lệ nơi niêm yết, kênh công khai đã thực hiện", "percent",
                  placements_done_share, target=100.0, plugin="congkhai"),
        Indicator("congkhai.group_coverage", "Tỷ lệ tổ dân phố đã tổ chức hội nghị tuyên truyền Luật DCCS",
                  "percent", group_coverage, target=target, plugin="congkhai"),
        Indicator("congkhai.requests_on_time", "Tỷ lệ yêu cầu cung cấp thông tin được giải quyết đúng hạn",
                  "percent", requests_on_time, target=100.0, plugin="congkhai"),
    ]
    for cat in ART11_CATEGORIES:
        out.append(Indicator(f"congkhai.notices_published.{cat.key}", f"Số thông báo công khai – mục {cat.item_no}: "
                             f"{cat.name}", "count",
                             lambda start, end, key=cat.key: notices_published(start, end, key), plugin="congkhai"))
    return out
