"""Indicators of the thanhtra module (chỉ tiêu) for dashboards and the year-end report,
each computed from indexed rows with the real core bundle (the ward's rules and calendar)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core.types import Indicator

from . import services
from .models import MemberRow
from .services.reports import inspection_counts, petition_counts, recommendation_counts, share
from .types import PLUGIN

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

SECTION = "III.2.3a"


def petitions_received(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Petitions the board received in [start, end] (R-PA-09)."""
    return petition_counts(start, end)["received"]


def petitions_on_time(core: CoreServices, start: dt.date, end: dt.date) -> float | None:
    """Share (%) of the answered petitions answered in writing by their due date."""
    counts = petition_counts(start, end)
    return share(counts["on_time"], counts["answered"])


def recommendations_sent(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Recommendations the board adopted and sent to the UBND in [start, end]."""
    return recommendation_counts(start, end)["sent"]


def recommendations_on_time(core: CoreServices, start: dt.date, end: dt.date) -> float | None:
    """Share (%) of the answered recommendations the UBND answered in time (R-TTND-11)."""
    counts = recommendation_counts(start, end)
    return share(counts["on_time"], counts["answered"])


def inspections_held(core: CoreServices, start: dt.date, end: dt.date) -> int:
    return inspection_counts(start, end)["held"]


def inspections_planned(core: CoreServices, start: dt.date, end: dt.date) -> int:
    return inspection_counts(start, end)["planned"]


def _seats(core: CoreServices, end: dt.date):
    term = services.current_term(end)
    return services.seat_status(core, term.id if term else None, end)


def seats_filled(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Members recognised at the end of the period (R-TTND-02, R-BQ-33): recognised by UB
    MTTQ on or before ``end`` and not gone by then — as the period stood, not as today
    (a past year must not count a member recognised or gone since)."""
    term = services.current_term(end)
    if term is None:
        return 0
    return MemberRow.select().where(
        MemberRow.term == term.id, MemberRow.recognised_on <= end,
        MemberRow.left_on.is_null(True) | (MemberRow.left_on > end)).count()


def seats_required(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Members the board must have at the end of the period (R-TTND-02)."""
    return _seats(core, end).required


def indicators(core: CoreServices) -> list[Indicator]:
    return [
        Indicator(f"{PLUGIN}.petitions_received", "Phản ánh, kiến nghị Ban TTND tiếp nhận", "đơn",
                  petitions_received, None, PLUGIN, section=SECTION, rule="R-PA-09"),
        Indicator(f"{PLUGIN}.petitions_on_time", "Phản ánh, kiến nghị được thông báo kết quả đúng hạn", "%",
                  petitions_on_time, 100, PLUGIN, section=SECTION),
        Indicator(f"{PLUGIN}.recommendations_sent", "Kiến nghị Ban TTND gửi UBND", "kiến nghị",
                  recommendations_sent, None, PLUGIN, section=SECTION, rule="R-TTND-13"),
        Indicator(f"{PLUGIN}.recommendations_on_time", "Kiến nghị được UBND trả lời đúng hạn (R-TTND-11)", "%",
                  recommendations_on_time, 100, PLUGIN, section=SECTION, rule="R-TTND-11"),
        Indicator(f"{PLUGIN}.inspections_held", "Cuộc kiểm tra, giám sát đã thực hiện", "cuộc",
                  inspections_held, None, PLUGIN, section=SECTION, rule="R-TTND-09"),
        Indicator(f"{PLUGIN}.inspections_planned", "Cuộc kiểm tra, giám sát theo kế hoạch", "cuộc",
                  inspections_planned, None, PLUGIN, section=SECTION, rule="R-TTND-09"),
        Indicator(f"{PLUGIN}.seats_filled", "Thành viên Ban TTND đã được công nhận (R-TTND-02)", "người",
                  seats_filled, None, PLUGIN, section=SECTION, rule="R-TTND-02"),
        Indicator(f"{PLUGIN}.seats_required", "Số thành viên Ban TTND theo quy định (R-TTND-02)", "người",
                  seats_required, None, PLUGIN, section=SECTION, rule="R-TTND-02"),
    ]
