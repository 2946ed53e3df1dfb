"""Indicators of the tiepdan module (chỉ tiêu) for dashboards and the year-end report."""
from __future__ import annotations

from functools import cached_property

from thanthien.core.types import Indicator

PLUGIN = "tiepdan"


class _RulesAndCalendar:
    """The two services the indicators need, built from the settings alone (the
    ``register_indicators`` hook receives no plugin manager)."""

    def __init__(self, settings):
        self.settings = settings

    @cached_property
    def rules(self):
        from thanthien.core.rules import load_rulebook

        return load_rulebook(self.settings)

    @cached_property
    def calendar(self):
        from thanthien.core.calendar import load_calendar

        return load_calendar(self.settings)


def build_indicators(settings) -> list[Indicator]:
    from . import services

    basis = _RulesAndCalendar(settings)

    def measure(key):
        return lambda start, end: services.indicators(basis, start, end)[key]

    return [
        Indicator("tiepdan.received", "Đơn thư tiếp nhận", "đơn", measure("received_total"), plugin=PLUGIN),
        Indicator("tiepdan.visits", "Lượt tiếp công dân", "lượt", measure("visits"), plugin=PLUGIN),
        Indicator("tiepdan.accepted", "Đơn thư đã thụ lý, nhận xử lý", "đơn", measure("accepted"), plugin=PLUGIN),
        Indicator("tiepdan.resolved_on_time", "Giải quyết đúng hạn", "vụ việc", measure("resolved_on_time"),
                  plugin=PLUGIN),
        Indicator("tiepdan.resolved_late", "Giải quyết quá hạn", "vụ việc", measure("resolved_late"), target=0,
                  plugin=PLUGIN),
        Indicator("tiepdan.average_days", "Thời gian giải quyết bình quân", "ngày", measure("average_days"),
                  plugin=PLUGIN),
        Indicator("tiepdan.share_within_legal_time", "Tỷ lệ xử lý trong thời hạn luật định", "%",
                  measure("share_within_legal_time"), target=100, plugin=PLUGIN),
        Indicator("tiepdan.reception_days_held", "Số ngày Chủ tịch UBND tiếp công dân", "ngày",
                  measure("reception_days_held"), plugin=PLUGIN),
        Indicator("tiepdan.reception_days_required", "Số ngày tiếp công dân phải tổ chức (R-TD-02)", "ngày",
                  measure("reception_days_required"), plugin=PLUGIN),
    ]
