"""Indicators of the bieuquyet module (chỉ tiêu), plan III.2.2: the shares of households
informed, represented and voting over the matters of a period (targets 100 %), matters
decided, and forwarding within 5 working days (R-BQ-35)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from thanthien.core.types import Indicator

from .models import MatterRow
from .services import participation
from .types import PLUGIN

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

SECTION = "III.2.2"


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.combine(start, dt.time.min), dt.datetime.combine(end, dt.time.max)


def _share(what: str):
    def compute(core: CoreServices, start: dt.date, end: dt.date) -> float | None:
        return getattr(participation.overall(core, start=start, end=end), f"{what}_pct")

    compute.__doc__ = f"Share (%) of all households {what} over the matters of [start, end]."
    return compute


def _matter_records(core: CoreServices, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    return [{"label": f"{m.title} ({m.unit_name}): {m.shares.voted}/{m.shares.total} hộ biểu quyết",
             "href": f"/bieuquyet/ket-qua/{m.matter_id}"}
            for m in participation.by_matter(core, start=start, end=end)]


def decided(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Matters decided (passed or not) by a vote in [start, end]."""
    return MatterRow.select().where(MatterRow.decided_on.between(start, end)).count()


def forwarded_on_time(core: CoreServices, start: dt.date, end: dt.date) -> float | None:
    """Share (%) of decisions passed in [start, end] sent to UBND and UB MTTQ by their
    R-BQ-35 due date."""
    q = MatterRow.select().where(MatterRow.decided_on.between(start, end), MatterRow.forward_due.is_null(False))
    total = q.count()
    if not total:
        return None
    on_time = q.where(MatterRow.forwarded_on.is_null(False), MatterRow.forwarded_on <= MatterRow.forward_due).count()
    return round(100 * on_time / total, 1)


def indicators(core: CoreServices) -> list[Indicator]:
    t = participation.targets(core)
    return [
        Indicator(f"{PLUGIN}.informed_share", "Tỷ lệ hộ gia đình được thông tin trực tiếp về nội dung bàn, quyết định",
                  "%", _share("informed"), t.informed, PLUGIN, direction="higher", section=SECTION, rule="R-BQ-13",
                  records=_matter_records),
        Indicator(f"{PLUGIN}.represented_share", "Tỷ lệ hộ gia đình có đại diện tham gia bàn, quyết định", "%",
                  _share("represented"), t.represented, PLUGIN, direction="higher", section=SECTION, rule="R-BQ-09",
                  records=_matter_records),
        Indicator(f"{PLUGIN}.voted_share", "Tỷ lệ hộ gia đình cho ý kiến, biểu quyết", "%", _share("voted"),
                  t.voted, PLUGIN, direction="higher", section=SECTION, rule="R-BQ-28", records=_matter_records),
        Indicator(f"{PLUGIN}.decided", "Nội dung Nhân dân đã bàn và quyết định", "nội dung", decided, None, PLUGIN,
                  section=SECTION, rule="R-BQ-01"),
        Indicator(f"{PLUGIN}.forwarded_on_time", "Tỷ lệ kết quả gửi UBND, UB MTTQ phường đúng hạn 05 ngày làm việc",
                  "%", forwarded_on_time, 100, PLUGIN, direction="higher", section=SECTION, rule="R-BQ-35"),
    ]
