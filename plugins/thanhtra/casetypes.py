"""Case types of the thanhtra module on the core case engine (loại vụ việc).

* ``thanhtra_phan_anh`` — a petition or feedback the board receives directly or through
  the suggestion box (R-PA-09), verified and answered in writing (plan III.2.3a). The law
  sets no period for the board's answer; its clock is a rule reference configurable as
  ``[plugin.thanhtra] petition_deadline`` (default the R-PA-07 status-reply period).
* ``thanhtra_kien_nghi`` — a recommendation of the board to the UBND, answered within
  R-TTND-11 (amount and unit are rule parameters).

Both are read with ``thanhtra.view`` and acted on within the board's scope (its unit).
"""
from __future__ import annotations

from thanthien.core.cases import CaseType, DeadlinePolicy, State, Transition
from thanthien.core.settings import Settings, plugin_section

from .settings import ThanhtraSettings
from .types import P_ANSWER, P_VIEW, P_WORK, PETITION, PLUGIN, RECOMMENDATION


def build_case_types(settings: Settings) -> list[CaseType]:
    config = plugin_section(settings, PLUGIN, ThanhtraSettings)
    petition = CaseType(
        key=PETITION, name="Phản ánh, kiến nghị gửi Ban Thanh tra nhân dân", number_prefix="TTND-PA",
        plugin=PLUGIN, open_permission=P_WORK, view_permission=P_VIEW, tags=("petition",),
        states=(
            State("received", "Đã tiếp nhận"),
            State("verifying", "Đang xác minh"),
            State("notified", "Đã thông báo kết quả bằng văn bản", final=True),
            State("referred", "Đã kiến nghị cơ quan có thẩm quyền xử lý", final=True),
        ),
        initial="received",
        deadline=DeadlinePolicy(config.petition_deadline, "working_days"),
        transitions=(
            Transition("verify", "Xác minh", ("received",), "verifying", permission=P_WORK),
            Transition("notify", "Thông báo kết quả", ("received", "verifying"), "notified", permission=P_WORK),
            Transition("refer", "Kiến nghị cơ quan có thẩm quyền", ("received", "verifying"), "referred",
                       permission=P_WORK, note_required=True),
        ),
    )
    recommendation = CaseType(
        key=RECOMMENDATION, name="Kiến nghị của Ban Thanh tra nhân dân", number_prefix="TTND-KN",
        plugin=PLUGIN, open_permission=P_WORK, view_permission=P_VIEW, tags=("recommendation",),
        states=(
            State("sent", "Đã gửi UBND, chờ trả lời"),
            State("answered", "UBND đã trả lời", final=True),
            State("withdrawn", "Ban rút kiến nghị", final=True),
        ),
        initial="sent",
        deadline=DeadlinePolicy("R-TTND-11.max_days", "R-TTND-11.unit"),  # R-TTND-11
        transitions=(
            Transition("answer", "UBND trả lời kiến nghị", ("sent",), "answered", permission=P_ANSWER),
            Transition("withdraw", "Rút kiến nghị", ("sent",), "withdrawn", permission=P_WORK, note_required=True),
        ),
    )
    return [petition, recommendation]
