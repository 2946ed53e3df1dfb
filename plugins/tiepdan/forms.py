"""Typed forms of the tiepdan pages: one class per write route (``page(..., body=…)``).

Labels and messages are the attrs metadata: a form structures what was typed (text,
numbers, dates, check-boxes); the services check the values — against the ward's settings
and rules too (the longest feedback, R-TD-05's date, R-TD-14's group sizes) — and name the
field in error, so the page shows the message next to it.
"""
from __future__ import annotations

import datetime as dt

import attrs
from starlette.datastructures import UploadFile

from .types import PartyInput


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@attrs.frozen
class FeedbackForm:
    """Gửi phản ánh, kiến nghị đến UBND (R-PA-02, R-PA-03)."""

    subject: str = attrs.field(metadata={"label": "Tiêu đề", "required": "Vui lòng nhập tiêu đề."})
    content: str = attrs.field(metadata={"label": "Nội dung",
                                         "required": "Vui lòng nhập nội dung phản ánh, kiến nghị."})
    full_name: str = attrs.field(default="", metadata={"label": "Họ và tên"})
    kind: str = attrs.field(default="phan_anh", metadata={"label": "Loại (phan_anh, kien_nghi)"})
    address: str = attrs.field(default="", metadata={"label": "Địa chỉ"})
    phone: str = attrs.field(default="", metadata={"label": "Số điện thoại"})
    email: str = attrs.field(default="", metadata={"label": "Thư điện tử"})
    #: R-DL-04: a clear, affirmative consent — never ticked by default
    consent: bool = attrs.field(default=False, metadata={"label": "Đồng ý xử lý thông tin cá nhân"})
    #: the public subject it is about: ``<kind>:<id>`` (``congkhai.notice:12``, core/opinions.py)
    ve: str = attrs.field(default="", metadata={"label": "Về nội dung"})
    group_id: int | None = attrs.field(default=None, metadata={"label": "Tổ dân phố",
                                                                "error": "Vui lòng chọn tổ dân phố trong danh sách."})
    place: str = attrs.field(default="", metadata={"label": "Địa điểm cụ thể"})
    photo: UploadFile | None = attrs.field(default=None, metadata={"label": "Ảnh kèm theo (JPEG, PNG, WebP)"})

    @property
    def sender(self) -> PartyInput:
        return PartyInput(full_name=self.full_name, address=self.address, phone=self.phone, email=self.email)


@attrs.frozen
class ModerationForm:
    """Kiểm duyệt phản ánh: công khai (với tiêu đề, nội dung đã bỏ thông tin cá nhân) hay không."""

    action: str = attrs.field(metadata={"label": "Công khai hay không", "required": "Vui lòng chọn cách xử lý."})
    public_title: str = attrs.field(default="", metadata={"label": "Tiêu đề công khai"})
    public_text: str = attrs.field(default="", metadata={"label": "Nội dung công khai"})
    photo_public: bool = attrs.field(default=False, metadata={"label": "Công khai ảnh kèm theo"})


@attrs.frozen
class NotResolvedForm:
    """Báo vấn đề chưa được giải quyết (mở lại phản ánh)."""

    ma: str = attrs.field(metadata={"label": "Mã tra cứu", "required": "Vui lòng nhập mã tra cứu."})
    ly_do: str = attrs.field(default="", metadata={"label": "Lý do"})


@attrs.frozen
class VisitForm:
    """Vào sổ một lượt tiếp công dân (R-TD-11)."""

    classification: str = attrs.field(metadata={"label": "Phân loại", "required": "Vui lòng chọn phân loại."})
    summary: str = attrs.field(default="", metadata={"label": "Tóm tắt nội dung vụ việc"})
    request: str = attrs.field(default="", metadata={"label": "Yêu cầu của công dân"})
    prior_handling: str = attrs.field(default="", metadata={"label": "Cơ quan đã giải quyết trước đó"})
    full_name: str = attrs.field(default="", metadata={"label": "Họ và tên"})
    address: str = attrs.field(default="", metadata={"label": "Địa chỉ"})
    phone: str = attrs.field(default="", metadata={"label": "Số điện thoại"})
    citizen_id: str = attrs.field(default="", metadata={"label": "Số định danh cá nhân"})
    headcount: int = attrs.field(default=1, metadata={"label": "Số người đến",
                                                       "error": "Số người phải là số nguyên."})
    representatives: str = attrs.field(default="", metadata={"label": "Người đại diện khác (mỗi người một dòng)"})
    decision_known_on: dt.date | None = attrs.field(
        default=None, metadata={"label": "Ngày biết được quyết định, hành vi bị khiếu nại",
                                "error": "Ngày không hợp lệ (dd/mm/yyyy)."})
    accused: str = attrs.field(default="", metadata={"label": "Người bị khiếu nại, bị tố cáo"})
    citizen_signed: bool = attrs.field(default=False, metadata={"label": "Công dân đã ký xác nhận"})
    #: in person, or online from R-TD-05's date in force
    channel: str = attrs.field(default="truc_tiep", metadata={"label": "Hình thức tiếp (truc_tiep, truc_tuyen)"})

    @property
    def visitor(self) -> PartyInput:
        return PartyInput(full_name=self.full_name, address=self.address, phone=self.phone,
                          citizen_id=self.citizen_id)

    @property
    def others(self) -> list[PartyInput]:
        return [PartyInput(full_name=name) for name in _lines(self.representatives)]


@attrs.frozen
class RevealForm:
    """Lý do xem thông tin người gửi đơn (ghi nhật ký, R-TC-10)."""

    ly_do: str = attrs.field(default="", metadata={"label": "Lý do xem thông tin người gửi"})


#: the actions of a matter's page (``action``)
ACTIONS = ("assign", "accept", "propose", "refuse", "reject", "forward", "decide", "send", "withdraw", "extend", "conclude",
           "take", "file", "answer", "reply")


@attrs.frozen
class ActionForm:
    """Thao tác trên đơn thư: giao, thụ lý, không thụ lý, chuyển, gia hạn, giải quyết, trả lời."""

    action: str = attrs.field(metadata={"label": "Thao tác", "required": "Thao tác không hợp lệ."})
    owner_id: int | None = attrs.field(default=None, metadata={"label": "Người được giao",
                                                                "error": "Vui lòng chọn người được giao."})
    complexity: str = attrs.field(default="", metadata={"label": "Tính chất vụ việc"})
    ground: str = attrs.field(default="", metadata={"label": "Lý do không thụ lý"})
    explanation: str = attrs.field(default="", metadata={"label": "Giải thích thêm"})
    to_agency: str = attrs.field(default="", metadata={"label": "Cơ quan có thẩm quyền"})
    summary: str = attrs.field(default="", metadata={"label": "Nội dung quyết định giải quyết"})
    letter: str = attrs.field(default="", metadata={"label": "Đơn rút"})
    continue_reason: str = attrs.field(default="", metadata={"label": "Vẫn giải quyết vì"})
    reason: str = attrs.field(default="", metadata={"label": "Lý do"})
    conclusion: str = attrs.field(default="", metadata={"label": "Kết luận nội dung tố cáo"})
    answer: str = attrs.field(default="", metadata={"label": "Nội dung trả lời"})
    status: str = attrs.field(default="", metadata={"label": "Tình trạng xử lý"})
    text: str = attrs.field(default="", metadata={"label": "Nội dung"})
    note: str = attrs.field(default="", metadata={"label": "Ý kiến đề xuất"})


@attrs.frozen
class ScheduleForm:
    """Thêm một buổi tiếp công dân, hoặc công khai một buổi đã lập (``publish_id``)."""

    publish_id: int | None = attrs.field(default=None, metadata={"label": "Buổi tiếp cần công khai",
                                                                  "error": "Buổi tiếp không hợp lệ."})
    kind: str = attrs.field(default="chairman", metadata={"label": "Loại buổi tiếp"})
    day: dt.date | None = attrs.field(default=None, metadata={"label": "Ngày",
                                                               "error": "Ngày không hợp lệ (dd/mm/yyyy)."})
    start_time: str = attrs.field(default="", metadata={"label": "Từ giờ"})
    end_time: str = attrs.field(default="", metadata={"label": "Đến giờ"})
    place: str = attrs.field(default="", metadata={"label": "Địa điểm"})
    host_id: int | None = attrs.field(default=None, metadata={"label": "Người chủ trì",
                                                               "error": "Người chủ trì không hợp lệ."})
    attendees: str = attrs.field(default="", metadata={"label": "Thành phần tham dự (mỗi dòng một)"})
    topics: str = attrs.field(default="", metadata={"label": "Nội dung dự kiến"})

    @property
    def attendee_list(self) -> list[str]:
        return _lines(self.attendees)
