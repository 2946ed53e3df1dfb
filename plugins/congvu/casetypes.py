"""The module's fallback petition case type (phản ánh về cán bộ, công chức).

A resident's complaint about a named staff member is a petition with its legal clock
(R-PA-07): congvu opens it in the case type another module tags ``"petition"`` (tiepdan's,
handled at citizen reception). When no enabled module declares one, it opens it in this
type, whose clock is the same rule parameter. It is tagged ``"conduct_complaint"`` only —
never ``"petition"`` — so no other module takes it for its own.
"""
from __future__ import annotations

from thanthien.core.cases import CaseType, DeadlinePolicy, State, Transition

from .types import P_CONDUCT, P_CONDUCT_MANAGE, PLUGIN

FALLBACK_PETITION = f"{PLUGIN}_petition"


def build_case_types(settings) -> list[CaseType]:
    return [CaseType(
        key=FALLBACK_PETITION, name="Phản ánh về cán bộ, công chức (văn hóa công vụ)", number_prefix="PACV",
        plugin=PLUGIN, confidential=True, tags=("conduct_complaint",), view_permission=P_CONDUCT,
        states=(
            State("received", "Đã tiếp nhận, đang xem xét"),
            State("answered", "Đã trả lời người phản ánh", final=True),
            State("filed", "Lưu đơn (không đủ điều kiện xử lý)", final=True),
        ),
        initial="received",
        deadline=DeadlinePolicy("R-PA-07.max_working_days", "working_days"),  # R-PA-07
        transitions=(
            Transition("answer", "Trả lời người phản ánh", ("received",), "answered", permission=P_CONDUCT_MANAGE,
                       note_required=True),
            Transition("file", "Lưu đơn", ("received",), "filed", permission=P_CONDUCT_MANAGE,
                       note_required=True),  # R-PA-05
        ),
    )]
