"""Typed forms of the thanhtra pages: one class per write route (``page(..., body=…)``).

Labels and messages (``required`` when missing, ``error`` when it is not a date or a
whole number) are the attrs metadata. What needs the database (a seat, a candidate's standing,
the board's size) and what numbers must satisfy (not negative, votes within attendance)
are checked by the services, which answer field errors the same way.
"""
from __future__ import annotations

import datetime as dt

import attrs
from thanthien.core.storage.db import now

from .types import HouseholdVote

DATE_ERROR = "Ngày không hợp lệ (dd/mm/yyyy)."


def _date(label: str, required: bool = True) -> dict:
    meta = {"label": label, "error": DATE_ERROR}
    if required:
        meta["required"] = f"Vui lòng nhập {label.lower()} (dd/mm/yyyy)."
    return meta


def _count(label: str) -> dict:
    return {"label": label, "required": f"Vui lòng nhập {label.lower()}.", "error": f"{label} phải là số nguyên."}


def moment(day: dt.date | None) -> dt.datetime | None:
    """When something typed as a day happened: now when it is today, else 09:00 that day."""
    if day is None:
        return None
    current = now()
    return current if day == current.date() else dt.datetime.combine(day, dt.time(9, 0))


@attrs.frozen
class TermForm:
    """Tạo nhiệm kỳ của Ban (R-TTND-04)."""

    start_on: dt.date = attrs.field(metadata=_date("Ngày bắt đầu nhiệm kỳ"))
    head_term: str = attrs.field(default="", metadata={"label": "Nhiệm kỳ Tổ trưởng tổ dân phố"})
    name: str = attrs.field(default="", metadata={"label": "Tên nhiệm kỳ"})


@attrs.frozen
class ElectionForm:
    """Cuộc họp cộng đồng dân cư (hoặc phát phiếu hộ gia đình) bầu, bầu bổ sung thành viên."""

    group_id: int = attrs.field(metadata={"label": "Tổ dân phố", "required": "Vui lòng chọn tổ dân phố (thôn).",
                                          "error": "Vui lòng chọn tổ dân phố (thôn)."})
    candidate_id: int = attrs.field(metadata={"label": "Người ứng cử", "required": "Vui lòng chọn người ứng cử.",
                                              "error": "Vui lòng chọn người ứng cử."})
    held_on: dt.date = attrs.field(metadata=_date("Ngày họp"))
    attending: int = attrs.field(metadata=_count("Số đại diện hộ dự họp, bỏ phiếu"))
    votes_for: int = attrs.field(metadata=_count("Số phiếu đồng ý"))
    term_id: int | None = attrs.field(default=None, metadata={"label": "Nhiệm kỳ", "error": "Nhiệm kỳ không hợp lệ."})
    kind: str = attrs.field(default="bau", metadata={"label": "Loại cuộc bầu"})
    form: str = attrs.field(default="hop_cong_dong", metadata={"label": "Hình thức"})
    standards_confirmed: bool = attrs.field(default=False, metadata={"label": "Xác nhận đủ tiêu chuẩn",
                                                                     "error": "Giá trị không hợp lệ."})
    note: str = attrs.field(default="", metadata={"label": "Ghi chú"})
    #: older clients sent the household total; it is now read from the register (R-BQ-28)
    total_households: int | None = attrs.field(default=None, metadata={"label": "Tổng số hộ gia đình",
                                                                       "error": "Giá trị không hợp lệ."})

    @property
    def vote(self) -> HouseholdVote:
        return HouseholdVote(self.form, self.held_on, self.attending, self.votes_for)


@attrs.frozen
class RecogniseForm:
    """Ủy ban MTTQ công nhận thành viên trúng cử (R-BQ-33)."""

    recognised_on: dt.date = attrs.field(metadata=_date("Ngày công nhận"))
    decision_ref: str = attrs.field(metadata={"label": "Số quyết định công nhận",
                                              "required": "Vui lòng nhập số quyết định công nhận của Ủy ban MTTQ."})


@attrs.frozen
class OfficeForm:
    """Chức danh Trưởng ban, Phó Trưởng ban, Ủy viên (R-TTND-03)."""

    office: str = attrs.field(metadata={"label": "Chức danh", "required": "Vui lòng chọn chức danh."})
    decided_on: dt.date = attrs.field(metadata=_date("Ngày họp bầu chức danh"))


@attrs.frozen
class RemovalForm:
    """Bãi nhiệm, cho thôi thành viên theo đề nghị của Ủy ban MTTQ (R-TTND-06)."""

    kind: str = attrs.field(metadata={"label": "Nội dung",
                                      "required": "Vui lòng chọn bãi nhiệm hoặc cho thôi làm thành viên."})
    proposal_ref: str = attrs.field(metadata={"label": "Số văn bản đề nghị của Ủy ban MTTQ",
                                              "required": "Vui lòng nhập số văn bản đề nghị của Ủy ban MTTQ "
                                                          "(R-TTND-06)."})
    proposed_on: dt.date = attrs.field(metadata=_date("Ngày Ủy ban MTTQ đề nghị"))
    held_on: dt.date = attrs.field(metadata=_date("Ngày họp"))
    attending: int = attrs.field(metadata=_count("Số đại diện hộ dự họp, bỏ phiếu"))
    votes_for: int = attrs.field(metadata=_count("Số phiếu đồng ý"))
    form: str = attrs.field(default="hop_cong_dong", metadata={"label": "Hình thức"})
    note: str = attrs.field(default="", metadata={"label": "Ghi chú"})
    #: older clients sent the household total; it is now read from the register (R-BQ-28)
    total_households: int | None = attrs.field(default=None, metadata={"label": "Tổng số hộ gia đình",
                                                                       "error": "Giá trị không hợp lệ."})

    @property
    def vote(self) -> HouseholdVote:
        return HouseholdVote(self.form, self.held_on, self.attending, self.votes_for)


@attrs.frozen
class WorkPlanForm:
    """Kế hoạch quý, 6 tháng, năm, nhiệm kỳ (R-TTND-09)."""

    period: str = attrs.field(metadata={"label": "Kỳ kế hoạch", "required": "Vui lòng chọn kỳ kế hoạch."})
    start_on: dt.date = attrs.field(metadata=_date("Ngày bắt đầu"))
    end_on: dt.date = attrs.field(metadata=_date("Ngày kết thúc"))
    title: str = attrs.field(metadata={"label": "Tên kế hoạch", "required": "Vui lòng nhập tên kế hoạch."})
    content: str = attrs.field(metadata={"label": "Nội dung", "required": "Vui lòng nhập nội dung kế hoạch."})


@attrs.frozen
class InspectionForm:
    """Kế hoạch một cuộc kiểm tra, giám sát (R-TTND-09)."""

    subject: str = attrs.field(metadata={"label": "Đối tượng kiểm tra, giám sát",
                                         "required": "Vui lòng nhập đối tượng kiểm tra, giám sát."})
    content: str = attrs.field(metadata={"label": "Nội dung kiểm tra, giám sát",
                                         "required": "Vui lòng nhập nội dung kiểm tra, giám sát."})
    planned_on: dt.date = attrs.field(metadata=_date("Ngày kiểm tra, giám sát"))
    work_plan_id: int | None = attrs.field(default=None, metadata={"label": "Thuộc kế hoạch",
                                                                   "error": "Kế hoạch định kỳ không tồn tại."})


@attrs.frozen
class InspectionActionForm:
    """Gửi kế hoạch (``send``), ghi kết quả (``result``) hoặc hủy (``cancel``) cuộc kiểm tra."""

    action: str = attrs.field(metadata={"label": "Thao tác", "required": "Thao tác không hợp lệ."})
    sent_on: dt.date | None = attrs.field(default=None, metadata=_date("Ngày gửi kế hoạch", required=False))
    held_on: dt.date | None = attrs.field(default=None, metadata=_date("Ngày kiểm tra, giám sát", required=False))
    findings: str = attrs.field(default="", metadata={"label": "Kết quả"})
    published: bool = attrs.field(default=False, metadata={"label": "Công khai kết quả",
                                                           "error": "Giá trị không hợp lệ."})
    reason: str = attrs.field(default="", metadata={"label": "Lý do hủy"})


@attrs.frozen
class PetitionForm:
    """Phản ánh, kiến nghị nhận trực tiếp hoặc qua hòm thư góp ý (R-PA-09)."""

    subject: str = attrs.field(metadata={"label": "Trích yếu",
                                         "required": "Vui lòng nhập trích yếu phản ánh, kiến nghị."})
    content: str = attrs.field(metadata={"label": "Nội dung",
                                         "required": "Vui lòng nhập nội dung phản ánh, kiến nghị."})
    channel: str = attrs.field(metadata={"label": "Kênh tiếp nhận", "required": "Vui lòng chọn kênh tiếp nhận."})
    sender_name: str = attrs.field(default="", metadata={"label": "Họ và tên người phản ánh"})
    sender_address: str = attrs.field(default="", metadata={"label": "Địa chỉ"})
    sender_phone: str = attrs.field(default="", metadata={"label": "Số điện thoại"})
    received_on: dt.date | None = attrs.field(default=None, metadata=_date("Ngày nhận", required=False))

    @property
    def received_at(self) -> dt.datetime | None:
        return moment(self.received_on)


@attrs.frozen
class PetitionActionForm:
    """Xác minh (``verify``), thông báo kết quả (``notify``), kiến nghị cơ quan có thẩm quyền (``refer``)."""

    action: str = attrs.field(metadata={"label": "Thao tác", "required": "Thao tác không hợp lệ."})
    note: str = attrs.field(default="", metadata={"label": "Ghi chú"})
    findings: str = attrs.field(default="", metadata={"label": "Kết quả kiểm tra, xác minh"})
    to_agency: str = attrs.field(default="", metadata={"label": "Cơ quan, tổ chức có thẩm quyền"})


@attrs.frozen
class RecommendationForm:
    """Biểu quyết của Ban về một kiến nghị (R-TTND-13) gửi UBND (R-TTND-11)."""

    subject: str = attrs.field(metadata={"label": "Trích yếu", "required": "Vui lòng nhập trích yếu kiến nghị."})
    content: str = attrs.field(metadata={"label": "Nội dung kiến nghị",
                                         "required": "Vui lòng nhập nội dung kiến nghị."})
    voted_on: dt.date = attrs.field(metadata=_date("Ngày họp Ban"))
    present: int = attrs.field(metadata=_count("Số thành viên dự họp"))
    votes_for: int = attrs.field(metadata=_count("Số thành viên tán thành"))
    votes_against: int = attrs.field(metadata=_count("Số thành viên không tán thành"))
    abstentions: int = attrs.field(metadata=_count("Số thành viên không biểu quyết"))
    inspection_id: int | None = attrs.field(default=None, metadata={"label": "Từ cuộc kiểm tra, giám sát",
                                                                    "error": "Cuộc kiểm tra, giám sát không tồn tại."})


@attrs.frozen
class AnswerForm:
    """Trả lời của UBND về kiến nghị của Ban (R-TTND-11)."""

    answer: str = attrs.field(metadata={"label": "Nội dung trả lời",
                                        "required": "Vui lòng nhập nội dung trả lời của UBND."})
    answered_on: dt.date | None = attrs.field(default=None, metadata=_date("Ngày trả lời", required=False))

    @property
    def answered_at(self) -> dt.datetime | None:
        return moment(self.answered_on)


@attrs.frozen
class WithdrawForm:
    """Ban rút kiến nghị đã gửi."""

    reason: str = attrs.field(default="", metadata={"label": "Lý do rút kiến nghị"})


@attrs.frozen
class ReportForm:
    """Báo cáo quý, 6 tháng, năm, nhiệm kỳ hoặc đột xuất (R-TTND-10)."""

    period: str = attrs.field(metadata={"label": "Kỳ báo cáo", "required": "Vui lòng chọn kỳ báo cáo."})
    day: dt.date | None = attrs.field(default=None, metadata=_date("Một ngày trong kỳ", required=False))
    start_on: dt.date | None = attrs.field(default=None, metadata=_date("Từ ngày", required=False))
    end_on: dt.date | None = attrs.field(default=None, metadata=_date("Đến ngày", required=False))


@attrs.frozen
class SeatVoteForm:
    """Mở cuộc biểu quyết của các hộ gia đình bầu thành viên (đếm từng hộ, R-BQ-33)."""

    group_id: int = attrs.field(metadata={"label": "Tổ dân phố", "required": "Vui lòng chọn tổ dân phố (thôn).",
                                          "error": "Vui lòng chọn tổ dân phố (thôn)."})
    candidate_id: int = attrs.field(metadata={"label": "Người ứng cử", "required": "Vui lòng chọn người ứng cử.",
                                              "error": "Vui lòng chọn người ứng cử."})
    held_on: dt.date = attrs.field(metadata=_date("Ngày họp"))
    term_id: int | None = attrs.field(default=None, metadata={"label": "Nhiệm kỳ", "error": "Nhiệm kỳ không hợp lệ."})
    kind: str = attrs.field(default="bau", metadata={"label": "Loại cuộc bầu"})
    form: str = attrs.field(default="hop_cong_dong", metadata={"label": "Hình thức"})
    standards_confirmed: bool = attrs.field(default=False, metadata={"label": "Xác nhận đủ tiêu chuẩn",
                                                                     "error": "Giá trị không hợp lệ."})
    note: str = attrs.field(default="", metadata={"label": "Ghi chú"})


@attrs.frozen
class SeatChoiceForm:
    """Lựa chọn của một hộ gia đình."""

    household_id: int = attrs.field(metadata={"label": "Hộ gia đình", "required": "Vui lòng chọn hộ gia đình.",
                                              "error": "Vui lòng chọn hộ gia đình."})
    choice: str = attrs.field(metadata={"label": "Lựa chọn", "required": "Vui lòng chọn Đồng ý hoặc Không đồng ý."})
    channel: str = attrs.field(default="meeting", metadata={"label": "Cách biểu quyết"})


@attrs.frozen
class CloseSeatVoteForm:
    """Kết thúc biểu quyết (xác nhận)."""

    confirm: bool = attrs.field(metadata={"label": "Xác nhận kết thúc biểu quyết",
                                          "required": "Vui lòng xác nhận kết thúc biểu quyết.",
                                          "error": "Giá trị không hợp lệ."})
