"""Typed forms of the group-head election, dismissal and annual-meeting pages (one class
per write route). What needs the database — deadlines, the register, who may stand — is
checked by :mod:`.services.elections` and :mod:`.services.dialogue`, which answer field
errors the same way."""
from __future__ import annotations

import datetime as dt

import attrs

DATE_ERROR = "Ngày không hợp lệ (dd/mm/yyyy)."


def _date(label: str, required: bool = True) -> dict:
    meta = {"label": label, "error": DATE_ERROR}
    if required:
        meta["required"] = f"Vui lòng nhập {label.lower()} (dd/mm/yyyy)."
    return meta


@attrs.frozen
class PlanElectionForm:
    """Quyết định tổ chức bầu Tổ trưởng (R-DV-10)."""

    group_id: int = attrs.field(metadata={"label": "Tổ dân phố", "required": "Vui lòng chọn tổ dân phố.",
                                          "error": "Vui lòng chọn tổ dân phố."})
    meeting_on: dt.date = attrs.field(metadata=_date("Ngày hội nghị bầu"))
    decision_ref: str = attrs.field(metadata={"label": "Số quyết định",
                                              "required": "Vui lòng nhập số quyết định tổ chức bầu."})
    decision_on: dt.date = attrs.field(metadata=_date("Ngày ban hành quyết định"))
    term: str = attrs.field(default="long", metadata={"label": "Nhiệm kỳ"})
    kind: str = attrs.field(default="dinh_ky", metadata={"label": "Loại cuộc bầu"})
    dismissal_id: int | None = attrs.field(default=None, metadata={"label": "Hồ sơ miễn nhiệm, bãi nhiệm",
                                                                   "error": "Giá trị không hợp lệ."})


@attrs.frozen
class StepForm:
    """Ghi nhận một bước chuẩn bị (R-DV-11, R-DV-12, R-DV-13)."""

    step: str = attrs.field(metadata={"label": "Bước", "required": "Vui lòng chọn bước chuẩn bị."})
    done_on: dt.date = attrs.field(metadata=_date("Ngày thực hiện"))
    reference: str = attrs.field(default="", metadata={"label": "Số văn bản"})
    team_leader: str = attrs.field(default="", metadata={"label": "Tổ trưởng Tổ bầu cử"})


@attrs.frozen
class CandidateForm:
    """Thêm người ứng cử (R-DV-13, R-DV-14)."""

    person_id: int = attrs.field(metadata={"label": "Người ứng cử", "required": "Vui lòng chọn người ứng cử.",
                                           "error": "Vui lòng chọn người ứng cử."})
    source: str = attrs.field(metadata={"label": "Cách giới thiệu",
                                        "required": "Vui lòng chọn cách giới thiệu người ứng cử."})
    nominated_by: str = attrs.field(default="", metadata={"label": "Người, tổ chức đề cử"})


@attrs.frozen
class OpenVoteForm:
    """Bắt đầu bỏ phiếu."""

    form: str = attrs.field(default="meeting", metadata={"label": "Hình thức"})


@attrs.frozen
class ChoiceForm:
    """Ghi lựa chọn của một hộ gia đình."""

    household_id: int = attrs.field(metadata={"label": "Hộ gia đình", "required": "Vui lòng chọn hộ gia đình.",
                                              "error": "Vui lòng chọn hộ gia đình."})
    pick: str = attrs.field(metadata={"label": "Lựa chọn", "required": "Vui lòng chọn phương án."})
    channel: str = attrs.field(default="meeting", metadata={"label": "Cách bỏ phiếu"})


@attrs.frozen
class CloseVoteForm:
    """Kết thúc bỏ phiếu, gửi kết quả cho UBND."""

    received_on: dt.date | None = attrs.field(default=None, metadata=_date("Ngày UBND nhận kết quả", False))


@attrs.frozen
class RecogniseForm:
    """UBND công nhận kết quả (R-DV-15)."""

    recognised_on: dt.date = attrs.field(metadata=_date("Ngày công nhận"))
    decision_ref: str = attrs.field(metadata={"label": "Số quyết định công nhận",
                                              "required": "Vui lòng nhập số quyết định công nhận."})


@attrs.frozen
class RerunForm:
    """UBND quyết định bầu lại (R-DV-15)."""

    reason: str = attrs.field(metadata={"label": "Lý do", "required": "Vui lòng nêu lý do tổ chức bầu lại."})


@attrs.frozen
class DismissalForm:
    """Tiếp nhận đơn, đề nghị, kiến nghị miễn nhiệm, bãi nhiệm (R-DV-16)."""

    group_id: int = attrs.field(metadata={"label": "Tổ dân phố", "required": "Vui lòng chọn tổ dân phố.",
                                          "error": "Vui lòng chọn tổ dân phố."})
    trigger: str = attrs.field(metadata={"label": "Căn cứ", "required": "Vui lòng chọn căn cứ."})
    received_on: dt.date = attrs.field(metadata=_date("Ngày nhận"))
    grounds: str = attrs.field(default="", metadata={"label": "Lý do"})


@attrs.frozen
class SignatureForm:
    """Ghi chữ ký kiến nghị của một hộ (R-DV-16)."""

    household_id: int = attrs.field(metadata={"label": "Hộ gia đình", "required": "Vui lòng chọn hộ gia đình.",
                                              "error": "Vui lòng chọn hộ gia đình."})
    signed_on: dt.date = attrs.field(metadata=_date("Ngày ký"))


@attrs.frozen
class DismissalDecisionForm:
    """UBND công nhận miễn nhiệm, bãi nhiệm và chỉ định người tạm thời làm Tổ trưởng (R-DV-17, R-DV-18)."""

    recognised_on: dt.date = attrs.field(metadata=_date("Ngày quyết định"))
    decision_ref: str = attrs.field(metadata={"label": "Số quyết định", "required": "Vui lòng nhập số quyết định."})
    interim_person_id: int | None = attrs.field(default=None, metadata={"label": "Người tạm thời làm Tổ trưởng",
                                                                        "error": "Giá trị không hợp lệ."})
    dismiss: bool = attrs.field(default=True, metadata={"label": "Miễn nhiệm, bãi nhiệm",
                                                        "error": "Giá trị không hợp lệ."})


@attrs.frozen
class PlanMeetingForm:
    """Kế hoạch hội nghị định kỳ của tổ (R-DT-02) hoặc hội nghị đối thoại (R-DT-01)."""

    kind: str = attrs.field(metadata={"label": "Loại hội nghị", "required": "Vui lòng chọn loại hội nghị."})
    meeting_on: dt.date = attrs.field(metadata=_date("Ngày hội nghị"))
    unit_id: int | None = attrs.field(default=None, metadata={"label": "Tổ dân phố",
                                                              "error": "Vui lòng chọn tổ dân phố."})
    place: str = attrs.field(default="", metadata={"label": "Địa điểm"})


@attrs.frozen
class SentForm:
    """Ngày gửi kế hoạch, thông báo (R-DT-03)."""

    sent_on: dt.date = attrs.field(metadata=_date("Ngày gửi"))


@attrs.frozen
class AgendaItemForm:
    """Một nội dung theo trình tự hội nghị (R-DT-04)."""

    key: str = attrs.field(metadata={"label": "Nội dung", "required": "Vui lòng chọn nội dung."})
    summary: str = attrs.field(metadata={"label": "Tóm tắt", "required": "Vui lòng tóm tắt nội dung."})


@attrs.frozen
class ReportForm:
    """Báo cáo kết quả hội nghị gửi UBND, Ủy ban MTTQ (R-DT-04)."""

    sent_on: dt.date = attrs.field(metadata=_date("Ngày gửi báo cáo"))
    households_present: int | None = attrs.field(default=None, metadata={
        "label": "Số hộ có đại diện dự họp", "error": "Số hộ có đại diện dự họp phải là số nguyên."})
