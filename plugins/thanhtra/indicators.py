"""Indicators of the thanhtra module (chỉ tiêu) for dashboards and the year-end report."""
from __future__ import annotations

from functools import cached_property

from thanthien.core.types import Indicator

from .types import PLUGIN


class _Rules:
    """The rule book built from the settings alone (``register_indicators`` gets no plugin
    manager); the indicators read only shipped parameters (R-TTND-02)."""

    def __init__(self, settings):
        self.settings = settings

    @cached_property
    def rules(self):
        from thanthien.core.rules import load_rulebook

        return load_rulebook(self.settings)


def build_indicators(settings) -> list[Indicator]:
    from . import services

    basis = _Rules(settings)

    def measure(key):
        return lambda start, end: services.indicators(basis, start, end)[key]

    return [
        Indicator("thanhtra.petitions_received", "Phản ánh, kiến nghị Ban TTND tiếp nhận", "đơn",
                  measure("petitions_received"), plugin=PLUGIN),
        Indicator("thanhtra.petitions_on_time", "Phản ánh, kiến nghị được thông báo kết quả đúng hạn", "%",
                  measure("share_petitions_on_time"), target=100, plugin=PLUGIN),
        Indicator("thanhtra.recommendations_sent", "Kiến nghị Ban TTND gửi UBND", "kiến nghị",
                  measure("recommendations_sent"), plugin=PLUGIN),
        Indicator("thanhtra.recommendations_on_time", "Kiến nghị được UBND trả lời đúng hạn (R-TTND-11)", "%",
                  measure("share_recommendations_on_time"), target=100, plugin=PLUGIN),
        Indicator("thanhtra.inspections_held", "Cuộc kiểm tra, giám sát đã thực hiện", "cuộc",
                  measure("inspections_held"), plugin=PLUGIN),
        Indicator("thanhtra.inspections_planned", "Cuộc kiểm tra, giám sát theo kế hoạch", "cuộc",
                  measure("inspections_planned"), plugin=PLUGIN),
        Indicator("thanhtra.seats_filled", "Thành viên Ban TTND đã được công nhận (R-TTND-02)", "người",
                  measure("seats_filled"), plugin=PLUGIN),
        Indicator("thanhtra.seats_required", "Số thành viên Ban TTND theo quy định (R-TTND-02)", "người",
                  measure("seats_required"), plugin=PLUGIN),
    ]
