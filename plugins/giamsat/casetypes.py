"""The recommendation case type (kiến nghị của Ban GSĐTCĐ) on the core case engine.

R-GS-10: the UBND answers within the R-GS-10 period after receipt, counted in calendar
days (docs/rules.md "Days") by the working calendar (R-LV-11 … R-LV-13).

The case belongs to the Front Committee's unit and, through its recommendation row, to
its board: the plugin's ``access_for_scope`` answers for ``giamsat.*`` permissions on it
(board membership). The engine's own unit check cannot see a board, so opening is checked
by :func:`~.services.recommendations.make_recommendation` (``open_permission`` is None).
"""
from __future__ import annotations

from thanthien.core.cases import CaseType, DeadlinePolicy, State, Transition

from .types import P_ANSWER, P_VIEW, PLUGIN, RECOMMENDATION

RECOMMENDATION_CASE = CaseType(
    key=RECOMMENDATION, name="Kiến nghị của Ban Giám sát đầu tư của cộng đồng", number_prefix="GSKN",
    plugin=PLUGIN,
    states=(
        State("sent", "Đã gửi UBND, chờ trả lời"),
        State("answered", "UBND đã trả lời", final=True),
    ),
    initial="sent",
    transitions=(
        Transition("answer", "UBND trả lời kiến nghị", ("sent",), "answered", permission=P_ANSWER),
    ),
    deadline=DeadlinePolicy("R-GS-10.max_days", "days"),  # R-GS-10
    open_permission=None,  # checked over the board's scope by the service
    view_permission=P_VIEW,
)
