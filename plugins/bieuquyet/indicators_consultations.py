"""Indicators of the consultations (chỉ tiêu lấy ý kiến Nhân dân), from indexed columns."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from thanthien.core.storage.db import now
from thanthien.core.types import Indicator

from .models_consultations import CommentRow, ConsultationRow
from .services.consultations import min_days
from .types import PLUGIN

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.combine(start, dt.time.min), dt.datetime.combine(end, dt.time.max)


def _published(start: dt.date, end: dt.date):
    return ConsultationRow.select().where(ConsultationRow.published_on.between(start, end))


def full_window_share(core: CoreServices, start: dt.date, end: dt.date) -> float | None:
    """Share (%) of the consultations published in [start, end] whose window is at least
    the R-YK-07 minimum (a shorter one is allowed only when another law sets it)."""
    rows = list(_published(start, end))
    if not rows:
        return None
    ok = sum(1 for r in rows if (r.ends_on - r.published_on).days >= min_days(core, r.published_on))  # R-YK-07
    return round(100 * ok / len(rows), 1)


def explained_share(core: CoreServices, start: dt.date, end: dt.date) -> float | None:
    """Share (%) of the consultations whose window ended in [start, end] (before today)
    with the results and the acceptance explanation published (R-YK-08)."""
    last = min(end, now().date() - dt.timedelta(days=1))
    if last < start:
        return None
    q = ConsultationRow.select().where(ConsultationRow.published_on.is_null(False),
                                       ConsultationRow.ends_on.between(start, last))
    total = q.count()
    if not total:
        return None
    return round(100 * q.where(ConsultationRow.results_published_at.is_null(False)).count() / total, 1)


def comments_received(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Residents' online comments received in [start, end] (hidden ones included)."""
    lo, hi = _bounds(start, end)
    return CommentRow.select().where(CommentRow.created_at.between(lo, hi)).count()


def _records(rows) -> list[dict[str, Any]]:
    return [{"label": r.title, "href": f"/bieuquyet/y-kien/{r.id}/quan-ly"} for r in rows]


def window_records(core: CoreServices, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    return _records(_published(start, end))


def explained_records(core: CoreServices, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    return _records(ConsultationRow.select().where(ConsultationRow.published_on.is_null(False),
                                                   ConsultationRow.ends_on.between(start, end)))


def indicators(core: CoreServices) -> list[Indicator]:
    return [
        Indicator(f"{PLUGIN}.consultation_full_window", "Tỷ lệ đợt lấy ý kiến Nhân dân có thời gian ít nhất 20 ngày",
                  "%", full_window_share, 100, PLUGIN, section="III.2.2", rule="R-YK-07",
                  records=window_records),
        Indicator(f"{PLUGIN}.consultation_explained", "Tỷ lệ đợt lấy ý kiến đã công khai kết quả và giải trình",
                  "%", explained_share, 100, PLUGIN, section="I.3", rule="R-YK-08",
                  records=explained_records),
        Indicator(f"{PLUGIN}.consultation_comments", "Góp ý trực tuyến của Nhân dân về các đợt lấy ý kiến", "góp ý",
                  comments_received, None, PLUGIN, section="III.2.2", rule="R-YK-02"),
    ]
