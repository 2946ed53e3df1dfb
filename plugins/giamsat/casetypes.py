"""The recommendation case type (kiến nghị của Ban GSĐTCĐ) on the core case engine.

R-GS-10: the UBND answers within the R-GS-10 period after receipt, counted in calendar
days (DOMAIN.md §0 "Days") by the working calendar (R-LV-11 … R-LV-13).
"""
from __future__ import annotations

from thanthien.core.cases import CaseType, DeadlinePolicy, State, Transition

from .types import PLUGIN, RECOMMENDATION

RECOMMENDATION_CASE = CaseType(
    key=RECOMMENDATION, name="Kiến nghị của Ban Giám sát đầu tư của cộng đồng", number_prefix="GSKN",
    plugin=PLUGIN,
    states=(
        State("sent", "Đã gửi UBND, chờ trả lời"),
        State("answered", "UBND đã trả lời", final=True),
    ),
    initial="sent",
    transitions=(
        Transition("answer", "UBND trả lời kiến nghị", ("sent",), "answered", permission="giamsat.answer"),
    ),
    deadline=DeadlinePolicy("R-GS-10.max_days", "days"),  # R-GS-10
    open_permission="giamsat.supervise",
    view_permission="giamsat.view",
)
