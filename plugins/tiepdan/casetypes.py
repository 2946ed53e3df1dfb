"""Case types of the tiepdan module on the core case engine (loại vụ việc).

Every amount and every uncertain unit is a rule reference (docs/rules.md): the complaint
periods use ``R-KN-02.unit`` / ``R-KN-04.unit``, the denunciation periods ``R-TC-07.unit``;
a ward that reads "ngày" differently changes the rule, not the code.

Where each period starts: every period of this module counts from the day after its
trigger — the day the letter or the visit was received, the day of the acceptance or of
the decision — whatever day that is (R-LV-11, ``counts_from="trigger"``): a letter that
arrives on a Saturday or during Tết is not first "received" on the next working day. That
next-working-day rule (R-MC-12) belongs to one-stop intake only; no period here has it.
Only a last day that falls on a rest day moves to the next working day (R-LV-12).

Keys are ``tiepdan_<matter kind>``; the older keys stay as ``aliases`` and other modules
listen for the ``tags`` ("complaint", "denunciation", "petition").
"""
from __future__ import annotations

from thanthien.core.cases import CaseType, DeadlinePolicy, ExtensionPolicy, State, Transition

from .types import (
    CASE_TYPES,
    COMPLAINT,
    DENUNCIATION,
    P_DECIDE,
    P_HANDLE,
    P_VIEW,
    PETITION,
    PLUGIN,
    STATUS_REPLY,
    TAGS,
)

#: R-LV-11: from the day after the trigger day, whatever that day is
FROM_TRIGGER = "trigger"


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


def _type(kind: str, **fields) -> CaseType:
    return CaseType(key=CASE_TYPES[kind], plugin=PLUGIN, tags=TAGS[kind], aliases=(kind,),
                    view_permission=P_VIEW, **fields)


def build_case_types(settings) -> list[CaseType]:
    remote = bool(settings.ward.remote_area)
    complaint = _type(
        COMPLAINT, name="Khiếu nại", number_prefix="KN",
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
        # R-KN-02: acceptance decided within 10 (working) days of receipt — from the day after
        # the letter arrived, whatever day that was (R-LV-11).
        deadline=DeadlinePolicy("R-KN-02.days", "R-KN-02.unit", counts_from=FROM_TRIGGER),
        transitions=(
            # R-KN-04: resolution counted from the day after the acceptance (R-LV-11)
            Transition("accept", "Thụ lý giải quyết", ("received",), "accepted", permission=P_DECIDE,
                       deadline=DeadlinePolicy(complaint_resolution_ref(remote), "R-KN-04.unit",
                                               counts_from=FROM_TRIGGER)),
            Transition("refuse", "Không thụ lý", ("received",), "refused", permission=P_DECIDE,
                       note_required=True),  # R-KN-03
            Transition("forward", "Hướng dẫn, chuyển đơn", ("received",), "forwarded", permission=P_HANDLE,
                       note_required=True),  # R-PA-10
            # R-KN-05: sent within 3 working days of the decision (R-LV-11)
            Transition("decide", "Ban hành quyết định giải quyết", ("accepted",), "decided", permission=P_DECIDE,
                       deadline=DeadlinePolicy("R-KN-05.max_working_days", "working_days",
                                               counts_from=FROM_TRIGGER)),
            Transition("send", "Gửi quyết định giải quyết", ("decided",), "sent", permission=P_HANDLE),
            Transition("withdraw", "Rút khiếu nại", ("received", "accepted"), "withdrawn", permission=P_HANDLE,
                       note_required=True),  # R-KN-08
        ),
    )
    denunciation = _type(
        DENUNCIATION, name="Tố cáo", number_prefix="TC", confidential=True,
        states=(
            State("received", "Đã tiếp nhận, đang xử lý ban đầu"),
            State("accepted", "Đã thụ lý, đang giải quyết"),
            State("concluded", "Đã có kết luận nội dung tố cáo", final=True),
            State("not_accepted", "Không thụ lý", final=True),
            State("forwarded", "Đã chuyển cơ quan có thẩm quyền", final=True),
            State("withdrawn", "Đình chỉ do rút tố cáo", final=True),
        ),
        initial="received",
        # R-TC-03: initial handling within 7 (10) working days of receipt (R-LV-11)
        deadline=DeadlinePolicy(initial_handling_ref, "working_days", counts_from=FROM_TRIGGER),
        transitions=(
            # R-TC-07: resolution within 30 days of the acceptance (R-LV-11)
            Transition("accept", "Thụ lý tố cáo", ("received",), "accepted", permission=P_DECIDE,
                       deadline=DeadlinePolicy("R-TC-07.days", "R-TC-07.unit", counts_from=FROM_TRIGGER)),
            Transition("reject", "Không thụ lý", ("received",), "not_accepted", permission=P_DECIDE,
                       note_required=True),  # R-TC-06
            Transition("forward", "Chuyển đơn tố cáo", ("received",), "forwarded", permission=P_HANDLE,
                       note_required=True),  # R-TC-04
            Transition("conclude", "Kết luận nội dung tố cáo", ("accepted",), "concluded", permission=P_DECIDE),
            Transition("withdraw", "Đình chỉ do rút tố cáo", ("received", "accepted"), "withdrawn",
                       permission=P_DECIDE, note_required=True),  # R-TC-08
        ),
        # R-TC-07: each extension ≤ 30 days, decided in writing; one or two by complexity;
        # counted from the acceptance-based deadline, 90 days at most from the acceptance.
        extension=ExtensionPolicy("R-TC-07.extension_days", "R-TC-07.unit", denunciation_extensions_ref,
                                  permission=P_DECIDE, max_total="R-TC-07.max_total_days"),
    )
    petition = _type(
        PETITION, name="Phản ánh, kiến nghị", number_prefix="PA",
        states=(
            State("received", "Đã tiếp nhận, đang phân loại"),
            State("processing", "Thuộc thẩm quyền, đang xử lý"),
            State("answered", "Đã trả lời", final=True),
            State("forwarded", "Đã chuyển cơ quan có thẩm quyền", final=True),
            State("filed", "Lưu đơn (không đủ điều kiện xử lý)", final=True),
        ),
        initial="received",
        # R-PA-07, R-TD-13: status reply within 10 working days of receipt (R-LV-11)
        deadline=DeadlinePolicy("R-PA-07.max_working_days", "working_days", counts_from=FROM_TRIGGER),
        transitions=(
            # R-PA-08: handled within its working days from being taken (R-LV-11)
            Transition("take", "Nhận xử lý (thuộc thẩm quyền)", ("received",), "processing", permission=P_HANDLE,
                       deadline=DeadlinePolicy("R-PA-08.working_days", "working_days", counts_from=FROM_TRIGGER)),
            Transition("forward", "Chuyển cơ quan có thẩm quyền", ("received",), "forwarded", permission=P_HANDLE,
                       note_required=True),  # R-PA-06
            Transition("file", "Lưu đơn", ("received",), "filed", permission=P_HANDLE, note_required=True),  # R-PA-05
            Transition("answer", "Trả lời", ("received", "processing"), "answered", permission=P_HANDLE),
        ),
    )
    status_reply = _type(
        STATUS_REPLY, name="Trả lời tình trạng xử lý cho công dân", number_prefix="TL",
        states=(State("waiting", "Chờ trả lời"), State("replied", "Đã trả lời", final=True)),
        initial="waiting",
        # R-TD-13: within 10 working days of the visit (R-LV-11)
        deadline=DeadlinePolicy("R-TD-13.max_working_days", "working_days", counts_from=FROM_TRIGGER),
        transitions=(Transition("reply", "Trả lời công dân", ("waiting",), "replied", permission=P_HANDLE),),
    )
    return [complaint, denunciation, petition, status_reply]
