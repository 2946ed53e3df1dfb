"""Indicators of the disclosure module (chỉ tiêu), computed from its indexed tables."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core.models import CaseRow, NoticeRow, UnitRow
from thanthien.core.notices import ART11_CATEGORIES
from thanthien.core.types import COMMUNITY_UNIT_KINDS, Indicator

from .casetypes import CASE_TYPE_KEYS
from .models import ConferenceRow, NoticeMetaRow, PostingRow, RequirementRow
from .types import PLUGIN

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.combine(start, dt.time()), dt.datetime.combine(end + dt.timedelta(days=1), dt.time())


def _published(start: dt.date, end: dt.date):
    lo, hi = _bounds(start, end)
    return NoticeRow.select().where(NoticeRow.published_at >= lo, NoticeRow.published_at < hi)


def notices_published(core: CoreServices, start: dt.date, end: dt.date, category: str | None = None) -> int:
    """Notices published in [start, end] (of one category, when given)."""
    q = _published(start, end)
    if category:
        q = q.where(NoticeRow.category == category)
    return q.count()


def on_time_share(core: CoreServices, start: dt.date, end: dt.date) -> float | None:
    """R-CK-03: share (%) of notices published in the period on or before their deadline."""
    rows = list(_published(start, end).select(NoticeRow.published_at, NoticeMetaRow.deadline)
                .join(NoticeMetaRow, on=(NoticeMetaRow.notice == NoticeRow.id))
                .where(NoticeMetaRow.deadline.is_null(False)).tuples())
    if not rows:
        return None
    on_time = sum(1 for published, deadline in rows if published.date() <= deadline)
    return round(100.0 * on_time / len(rows), 1)


def placements_done_share(core: CoreServices, start: dt.date, end: dt.date) -> float | None:
    """Share (%) of the required places of the notices published in the period (due by
    its end) that were reached."""
    ids = _published(start, end).select(NoticeRow.id)
    reqs = list(RequirementRow.select(RequirementRow.notice, RequirementRow.kind, RequirementRow.unit)
                .where(RequirementRow.notice.in_(ids), RequirementRow.due_date <= end).tuples())
    if not reqs:
        return None
    done = set(PostingRow.select(PostingRow.notice, PostingRow.kind, PostingRow.unit)
               .where(PostingRow.notice.in_(ids), PostingRow.posted_on <= end).tuples())
    hit = sum(1 for r in reqs if r in done)
    return round(100.0 * hit / len(reqs), 1)


def group_coverage(core: CoreServices, start: dt.date, end: dt.date) -> float | None:
    """Plan III.2.1: share (%) of residential groups with a law-propaganda conference."""
    groups = {u.id for u in UnitRow.select(UnitRow.id).where(UnitRow.kind.in_(COMMUNITY_UNIT_KINDS),
                                                             UnitRow.active == True)}  # noqa: E712
    if not groups:
        return None
    held = {r.unit_id for r in ConferenceRow.select(ConferenceRow.unit).where(
        ConferenceRow.kind == "dccs_law", ConferenceRow.held_on >= start, ConferenceRow.held_on <= end)}
    return round(100.0 * len(groups & held) / len(groups), 1)


def requests_on_time(core: CoreServices, start: dt.date, end: dt.date) -> float | None:
    """R-TT-08..10: share (%) of information requests closed in the period by their due date."""
    lo, hi = _bounds(start, end)
    rows = list(CaseRow.select(CaseRow.closed_at, CaseRow.due_date).where(
        CaseRow.case_type.in_(CASE_TYPE_KEYS), CaseRow.closed_at >= lo, CaseRow.closed_at < hi).tuples())
    if not rows:
        return None
    ok = sum(1 for closed, due in rows if due is None or closed.date() <= due)
    return round(100.0 * ok / len(rows), 1)


def _per_category(key: str):
    def compute(core: CoreServices, start: dt.date, end: dt.date) -> int:
        return notices_published(core, start, end, key)

    return compute


def indicators(core: CoreServices) -> list[Indicator]:
    target = core.config(PLUGIN).propaganda_target_percent
    out = [
        Indicator(f"{PLUGIN}.notices_published", "Số thông báo đã công khai", "count", notices_published,
                  plugin=PLUGIN, section="III.1.1", rule="R-CK-01"),
        Indicator(f"{PLUGIN}.on_time_share", "Tỷ lệ thông tin công khai đúng hạn (R-CK-03)", "percent",
                  on_time_share, target=100.0, plugin=PLUGIN, section="III.1.1", rule="R-CK-03"),
        Indicator(f"{PLUGIN}.placements_done_share", "Tỷ lệ nơi niêm yết, kênh công khai đã thực hiện", "percent",
                  placements_done_share, target=100.0, plugin=PLUGIN, section="III.1.1", rule="R-CK-02"),
        Indicator(f"{PLUGIN}.group_coverage", "Tỷ lệ tổ dân phố đã tổ chức hội nghị tuyên truyền Luật DCCS",
                  "percent", group_coverage, target=target, plugin=PLUGIN, section="III.2.1"),
        Indicator(f"{PLUGIN}.requests_on_time", "Tỷ lệ yêu cầu cung cấp thông tin được giải quyết đúng hạn",
                  "percent", requests_on_time, target=100.0, plugin=PLUGIN, section="III.1.1", rule="R-TT-08"),
    ]
    for cat in ART11_CATEGORIES:
        out.append(Indicator(f"{PLUGIN}.notices_published.{cat.key}",
                             f"Số thông báo công khai – mục {cat.item_no}: {cat.name}", "count",
                             _per_category(cat.key), plugin=PLUGIN, section="III.1.1", rule="R-CK-01"))
    return out
