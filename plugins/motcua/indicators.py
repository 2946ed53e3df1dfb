"""Indicators of the one-stop module (chỉ tiêu), read from its month × procedure rollup.

R-MC-15: a late dossier counts as apologised only with a Mẫu 04 signed in time; otherwise
it is a breach (``motcua.breaches``), even when a late apology was recorded.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Callable

from thanthien.core.types import Indicator

from .services.rollups import indicator_value, late_records
from .types import PLUGIN

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def _compute(key: str) -> Callable[[CoreServices, dt.date, dt.date], float | int | None]:
    def compute(core: CoreServices, start: dt.date, end: dt.date) -> float | int | None:
        return indicator_value(core, key, start, end)

    compute.__name__ = f"motcua_{key}"
    return compute


def late_dossiers(core: CoreServices, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """The dossiers behind ``returned_late`` (a drill-down from a red number)."""
    return late_records(core, start, end)


def breach_dossiers(core: CoreServices, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """The dossiers behind ``breaches``."""
    return late_records(core, start, end, breaches=True)


def indicators(core: CoreServices) -> list[Indicator]:
    def ind(key: str, label: str, unit: str, target: float | None = None, *, direction: str = "higher",
            rule: str = "", description: str = "", records=None) -> Indicator:
        return Indicator(f"{PLUGIN}.{key}", label, unit, _compute(key), target, PLUGIN, direction=direction,
                         section="III.1.2", rule=rule, description=description, records=records)

    return [
        ind("received", "Hồ sơ TTHC tiếp nhận", "hồ sơ"),
        ind("returned_early", "Hồ sơ trả trước hạn", "hồ sơ"),
        ind("returned_on_time", "Hồ sơ trả đúng hạn", "hồ sơ"),
        # plan III.1.2: 0 late dossiers
        ind("returned_late", "Hồ sơ trả quá hạn", "hồ sơ", 0, direction="lower", rule="R-MC-11",
            records=late_dossiers),
        ind("on_time_share", "Tỷ lệ hồ sơ trả trước và đúng hạn", "%", rule="R-MC-18"),
        ind("avg_processing_days", "Thời gian giải quyết bình quân", "ngày làm việc", direction="lower",
            rule="R-MC-18"),
        # plan III.1.2: an apology and new date for every late dossier, in time (R-MC-15)
        ind("apology_share", "Tỷ lệ hồ sơ quá hạn có văn bản xin lỗi", "%", 100, rule="R-MC-15",
            description="Chỉ tính văn bản xin lỗi, hẹn lại (Mẫu 04) ký chậm nhất 01 ngày làm việc trước hạn."),
        ind("breaches", "Hồ sơ trả quá hạn không xin lỗi đúng hạn", "hồ sơ", 0, direction="lower", rule="R-MC-15",
            records=breach_dossiers),
        ind("satisfaction", "Tỷ lệ người dân hài lòng (đánh giá từng hồ sơ)", "%", rule="R-MC-19"),
    ]
