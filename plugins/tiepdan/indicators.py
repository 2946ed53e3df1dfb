"""Indicators of the tiepdan module (chỉ tiêu) for dashboards and the year-end report,
computed with the real core bundle from the module's indexed tables
(:mod:`.services.indicators`)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from thanthien.core.types import Indicator

from .services import indicators as figures
from .types import PLUGIN

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

SECTION = "III.1.3"


def indicators(core: CoreServices) -> list[Indicator]:
    return [
        Indicator(f"{PLUGIN}.received", "Đơn thư tiếp nhận", "đơn", figures.received_total, plugin=PLUGIN,
                  section=SECTION),
        Indicator(f"{PLUGIN}.visits", "Lượt tiếp công dân", "lượt", figures.visits, plugin=PLUGIN, section=SECTION,
                  rule="R-TD-11"),
        Indicator(f"{PLUGIN}.accepted", "Đơn thư đã thụ lý, nhận xử lý", "đơn", figures.accepted, plugin=PLUGIN,
                  section=SECTION),
        Indicator(f"{PLUGIN}.resolved_on_time", "Giải quyết đúng hạn", "vụ việc", figures.resolved_on_time,
                  plugin=PLUGIN, section=SECTION),
        Indicator(f"{PLUGIN}.resolved_late", "Giải quyết quá hạn", "vụ việc", figures.resolved_late, target=0,
                  plugin=PLUGIN, direction="lower", section=SECTION),
        Indicator(f"{PLUGIN}.average_days", "Thời gian giải quyết bình quân", "ngày", figures.average_days,
                  plugin=PLUGIN, direction="lower", section=SECTION),
        Indicator(f"{PLUGIN}.share_within_legal_time", "Tỷ lệ xử lý trong thời hạn luật định", "%",
                  figures.share_within_legal_time, target=100, plugin=PLUGIN, section=SECTION),
        Indicator(f"{PLUGIN}.reception_days_held", "Số ngày Chủ tịch UBND tiếp công dân", "ngày",
                  figures.reception_days_held, plugin=PLUGIN, section=SECTION, rule="R-TD-02"),
        Indicator(f"{PLUGIN}.reception_days_required", "Số ngày tiếp công dân phải tổ chức (R-TD-02)", "ngày",
                  figures.reception_days_required, plugin=PLUGIN, section=SECTION, rule="R-TD-02"),
    ]
