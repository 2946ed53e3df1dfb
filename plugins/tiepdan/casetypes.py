"""Case types of the tiepdan module on the core case engine (loại vụ việc).

Every amount and every uncertain unit is a rule reference (DOMAIN.md §0, §6 items 4–5):
the complaint periods use ``R-KN-02.unit`` / ``R-KN-04.unit``, the denunciation periods
``R-TC-07.unit``; a ward that reads "ngày" differently changes the rule, not the code.
"""
from __future__ import annotations

from thanthien.core.cases import CaseType, DeadlinePolicy, ExtensionPolicy, State, Transition

from .types import COMPLAINT, DENUNCIATION, PETITION, PLUGIN, STATUS_REPLY

HANDLE = "tiepdan.handle"
DECIDE = "tiepdan.decide"


def complaint_resolution_ref(remote_area: bool):
    """R-KN-04: 30 days, 45 if complex; remote or hard-to-reach areas 45, complex 60."""

    def ref(case) -> str:
        complex_ = case.data.get("complexity") in ("complex", "especially_complex")
        if remote_area:
            return "R-KN-04.days_remote_complex" if complex_ else "R-KN-04.days_remote"
        return "R-KN-04.days_complex" if complex_ else "R-KN-04.days"

    return ref


def initial_handling_ref(case) -> str:
    """R-TC-03: 7 working days, 10 when several sites must be verified."""
    return "R-TC-03.working_days_multi_site" if case.data.get("multi_site") else "R-TC-03.working_days"


def denunciation_extensions_ref(case) -> str:
    """R-TC-07: one extension for a complex case, two for an especially complex one."""
    if case.data.get("complexity") == "especially_complex":
        return "R-TC-07.extensions_especially_complex"
    return "R-TC-07.extensions_complex"


def build_case_types(settings) -> list[CaseType]:
    remote = bool(settings.ward.remote_area)
    complaint = CaseType(
        key=COMPLAINT, name="Khiếu nại", number_prefix="KN", plugin=PLUGIN,
        states=(
            State("received", "Đã tiếp nhận, chờ thụ lý"),
            State("accepted", "Đã thụ lý, đang giải quyết"),
            State("decided", "Đã ban hành quyết định giải quyết"),
            State("sent", "Đã gửi quyết định giải quyết", final=True),
            State("refused", "Không thụ lý", final=True),
            State("forwarded", "Đã hướng dẫn, chuyển đơn", final=True),
            State("withdrawn", "Đình chỉ do rút khiếu nại", final=True),
        ),
        initial="received",
        # R-KN-02: acceptance decided within 10 (working) days of receipt.
        deadline=DeadlinePolicy("R-KN-02.days", "R-KN-02.unit"),
        transitions=(
            Transition("accept", "Thụ lý giải quyết", ("received",), "accepted", permission=DECIDE,
                       deadline=DeadlinePolicy(complaint_resolution_ref(remote), "R-KN-04.unit")),  # R-KN-04
            Transition("refuse", "Không thụ lý", ("received",), "refused", permission=DECIDE,
                       note_required=True),  # R-KN-03
            Transition("forward", "Hướng dẫn, chuyển đơn", ("received",), "forwarded", permission=HANDLE,
                       note_required=True),  # R-PA-10
            Transition("decide", "Ban hành quyết định giải quyết", ("accepted",), "decided", permission=DECIDE,
                       deadline=DeadlinePolicy("R-KN-05.max_working_days", "working_days")),  # R-KN-05
            Transition("send", "Gửi quyết định giải quyết", ("decided",), "sent", permission=HANDLE),
            Transition("withdraw", "Rút khiếu nại", ("received", "accepted"), "withdrawn", permission=HANDLE,
                       note_required=True),  # R-KN-08
        ),
    )
    denunciation = CaseType(
        key=DENUNCIATION, name="Tố cáo", number_prefix="TC", plugin=PLUGIN, confidential=True,
        states=(
            State("received", "Đã tiếp nhận, đang xử lý ban đầu"),
            State("accepted", "Đã thụ lý, đang giải quyết"),
            State("concluded", "Đã có kết luận nội dung tố cáo", final=True),
            State("not_accepted", "Không thụ lý", final=True),
            State("forwarded", "Đã chuyển cơ quan có thẩm quyền", final=True),
            State("withdrawn", "Đình chỉ do rút tố cáo", final=True),
        ),
        initial="received",
        deadline=DeadlinePolicy(initial_handling_ref, "working_days"),  # R-TC-03
        transitions=(
            Transition("accept", "Thụ lý tố cáo", ("received",), "accepted", permission=DECIDE,
                       deadline=DeadlinePolicy("R-TC-07.days", "R-TC-07.unit")),  # R-TC-07
            Transition("reject", "Không thụ lý", ("received",), "not_accepted", permission=DECIDE,
                       note_required=True),  # R-TC-06
            Transition("forward", "Chuyển đơn tố cáo", ("received",), "forwarded", permission=HANDLE,
                       note_required=True),  # R-TC-04
            Transition("conclude", "Kết luận nội dung tố cáo", ("accepted",), "concluded", permission=DECIDE),
            Transition("withdraw", "Đình chỉ do rút tố cáo", ("received", "accepted"), "withdrawn",
                       permission=DECIDE, note_required=True),  # R-TC-08
        ),
        # R-TC-07: each extension ≤ 30 days, decided in writing; count by complexity.
        extension=ExtensionPolicy("R-TC-07.extension_days", "R-TC-07.unit", denunciation_extensions_ref,
                                  permission=DECIDE),
    )
    petition = CaseType(
        key=PETITION, name="Phản ánh, kiến nghị", number_prefix="PA", plugin=PLUGIN,
        states=(
            State("received", "Đã tiếp nhận, đang phân loại"),
            State("processing", "Thuộc thẩm quyền, đang xử lý"),
            State("answered", "Đã trả lời", final=True),
            State("forwarded", "Đã chuyển cơ quan có thẩm quyền", final=True),
            State("filed", "Lưu đơn (không đủ điều kiện xử lý)", final=True),
        ),
        initial="received",
        deadline=DeadlinePolicy("R-PA-07.max_working_days", "working_days"),  # R-PA-07, R-TD-13
        transitions=(
            Transition("take", "Nhận xử lý (thuộc thẩm quyền)", ("received",), "processing", permission=HANDLE,
                       deadline=DeadlinePolicy("R-PA-08.working_days", "working_days")),  # R-PA-08
            Transition("forward", "Chuyển cơ quan có thẩm quyền", ("received",), "forwarded", permission=HANDLE,
                       note_required=True),  # R-PA-06
            Transition("file", "Lưu đơn", ("received",), "filed", permission=HANDLE, note_required=True),  # R-PA-05
            Transition("answer", "Trả lời", ("received", "processing"), "answered", permission=HANDLE),
        ),
    )
    status_reply = CaseType(
        key=STATUS_REPLY, name="Trả lời tình trạng xử lý cho công dân", number_prefix="TL", plugin=PLUGIN,
        states=(State("waiting", "Chờ trả lời"), State("replied", "Đã trả lời", final=True)),
        initial="waiting",
        deadline=DeadlinePolicy("R-TD-13.max_working_days", "working_days"),  # R-TD-13
        transitions=(Transition("reply", "Trả lời công dân", ("waiting",), "replied", permission=HANDLE),),
    )
    return [complaint, denunciation, petition, status_reply]
