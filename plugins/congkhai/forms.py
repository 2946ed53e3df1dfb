"""Typed forms of the congkhai pages: one class per write route (``page(..., body=…)``).

Labels and messages are the attrs metadata; the services check what depends on the
data (a category that exists, a date not in the future…) and answer field errors too.
Text fields default to ``""`` so that every missing field is reported at once by the
service, with its own message.
"""
from __future__ import annotations

import datetime as dt

import attrs
from starlette.datastructures import UploadFile
from thanthien.core.errors import ValidationError

from .policy import CUSTOM_KEYS

_DATE = "Ngày không hợp lệ (dd/mm/yyyy)."


@attrs.frozen
class NoticeForm:
    """Soạn, sửa bản nháp thông báo công khai."""

    category: str = attrs.field(default="", metadata={"label": "Loại thông tin"})
    title: str = attrs.field(default="", metadata={"label": "Tiêu đề"})
    body_html: str = attrs.field(default="", metadata={"label": "Nội dung"})
    decision_ref: str = attrs.field(default="", metadata={"label": "Văn bản được công khai"})
    decision_date: dt.date | None = attrs.field(default=None, metadata={"label": "Ngày ban hành văn bản",
                                                                        "error": _DATE})
    responsible_id: int | None = attrs.field(default=None, metadata={
        "label": "Cán bộ phụ trách", "error": "Vui lòng chọn người phụ trách trong danh sách."})
    window_end: dt.date | None = attrs.field(default=None, metadata={"label": "Ngày hết hạn công khai",
                                                                     "error": _DATE})
    #: item 14 and plugin categories: the duties the requiring text sets (R-CK-05/07/09/10)
    custom_office_and_groups: bool = attrs.field(default=False, metadata={"label": "Niêm yết tại trụ sở và tổ dân phố"})
    custom_permanent: bool = attrs.field(default=False, metadata={"label": "Niêm yết thường xuyên"})
    custom_broadcast: bool = attrs.field(default=False, metadata={"label": "Phát trên loa truyền thanh"})
    custom_group_heads: bool = attrs.field(default=False, metadata={"label": "Gửi Tổ trưởng tổ dân phố"})

    @property
    def custom(self) -> dict[str, bool]:
        return {key: getattr(self, f"custom_{key}") for key in CUSTOM_KEYS}

    def fields(self) -> dict:
        """The service's keyword arguments."""
        return {"category": self.category, "title": self.title, "body_html": self.body_html,
                "decision_ref": self.decision_ref, "decision_date": self.decision_date,
                "responsible_id": self.responsible_id, "window_end": self.window_end, "custom": self.custom}


@attrs.frozen
class RevisionForm:
    """Phiên bản mới của thông báo đang công khai (R-CK-12)."""

    title: str = attrs.field(metadata={"label": "Tiêu đề", "required": "Vui lòng nhập tiêu đề."})
    body_html: str = attrs.field(default="", metadata={"label": "Nội dung"})


@attrs.frozen
class WithdrawForm:
    """Lý do thu hồi thông báo."""

    reason: str = attrs.field(default="", metadata={"label": "Lý do thu hồi",
                                                    "required": "Vui lòng ghi rõ lý do thu hồi."})


@attrs.frozen
class UploadForm:
    """Tệp PDF hoặc ảnh đính kèm thông báo."""

    file: UploadFile = attrs.field(metadata={"label": "Tệp đính kèm",
                                             "required": "Vui lòng chọn một tệp PDF hoặc ảnh để đính kèm."})


@attrs.frozen
class PostingForm:
    """Ghi nhận niêm yết, phát loa, gửi tổ trưởng, đăng nhóm tại một nơi."""

    posted_on: dt.date = attrs.field(metadata={
        "label": "Ngày thực hiện", "required": "Vui lòng nhập ngày thực hiện (dd/mm/yyyy).",
        "error": "Ngày không hợp lệ hoặc chưa nhập (dd/mm/yyyy)."})
    kind: str = attrs.field(default="", metadata={"label": "Nơi / kênh"})
    unit_id: int | None = attrs.field(default=None, metadata={"label": "Tổ dân phố",
                                                              "error": "Vui lòng chọn tổ dân phố."})
    removed_on: dt.date | None = attrs.field(default=None, metadata={"label": "Ngày gỡ xuống", "error": _DATE})
    note: str = attrs.field(default="", metadata={"label": "Ghi chú"})


@attrs.frozen
class TakeDownForm:
    """Ngày gỡ xuống một nơi niêm yết."""

    removed_on: dt.date = attrs.field(metadata={
        "label": "Ngày gỡ xuống", "required": "Vui lòng nhập ngày gỡ xuống (dd/mm/yyyy).",
        "error": "Ngày không hợp lệ hoặc chưa nhập (dd/mm/yyyy)."})
    note: str = attrs.field(default="", metadata={"label": "Ghi chú"})


@attrs.frozen
class BulkPostingForm:
    """Ghi nhận hàng loạt: các nơi đã chọn của một tổ dân phố đã niêm yết / đã gỡ xuống ngày X."""

    day: dt.date = attrs.field(metadata={
        "label": "Ngày", "required": "Vui lòng nhập ngày (dd/mm/yyyy).",
        "error": "Ngày không hợp lệ hoặc chưa nhập (dd/mm/yyyy)."})
    action: str = attrs.field(default="", metadata={"label": "Thao tác"})
    places: list[int] = attrs.field(factory=list, metadata={"label": "Nơi", "error": "Nơi được chọn không hợp lệ."})
    #: which group's form was sent (0: the ward's own places), to show its errors beside it
    block: int = attrs.field(default=0, metadata={"label": "Tổ dân phố", "error": "Tổ dân phố không hợp lệ."})
    note: str = attrs.field(default="", metadata={"label": "Ghi chú"})


_COUNT = "Vui lòng nhập số người (số nguyên không âm)."


@attrs.frozen
class ConferenceForm:
    """Hội nghị tuyên truyền, tập huấn đã tổ chức."""

    held_on: dt.date = attrs.field(metadata={
        "label": "Ngày tổ chức", "required": "Vui lòng nhập ngày tổ chức (dd/mm/yyyy).",
        "error": "Vui lòng nhập ngày tổ chức đúng dạng dd/mm/yyyy."})
    kind: str = attrs.field(default="", metadata={"label": "Loại hội nghị"})
    topic: str = attrs.field(default="", metadata={"label": "Nội dung"})
    place: str = attrs.field(default="", metadata={"label": "Địa điểm"})
    audience: str = attrs.field(default="", metadata={"label": "Đối tượng"})
    unit_id: int | None = attrs.field(default=None, metadata={"label": "Tổ dân phố",
                                                              "error": "Vui lòng chọn tổ dân phố."})
    invited: int = attrs.field(default=0, metadata={"label": "Số người được mời", "error": _COUNT})
    attended: int = attrs.field(default=0, metadata={"label": "Số người tham dự", "error": _COUNT})
    note: str = attrs.field(default="", metadata={"label": "Ghi chú"})


@attrs.frozen
class MediaForm:
    """Tin, bài, phóng sự, chương trình phát thanh."""

    published_on: dt.date = attrs.field(metadata={
        "label": "Ngày đăng, phát", "required": "Vui lòng nhập ngày đăng, phát (dd/mm/yyyy).",
        "error": "Vui lòng nhập ngày đăng, phát đúng dạng dd/mm/yyyy."})
    kind: str = attrs.field(default="", metadata={"label": "Loại"})
    title: str = attrs.field(default="", metadata={"label": "Tiêu đề"})
    channel: str = attrs.field(default="", metadata={"label": "Kênh"})
    topic: str = attrs.field(default="", metadata={"label": "Chủ đề"})
    url: str = attrs.field(default="", metadata={"label": "Đường dẫn"})


@attrs.frozen
class RequestForm:
    """Phiếu yêu cầu cung cấp thông tin (Mẫu 01a/01b, R-TT-05)."""

    channel: str = attrs.field(default="", metadata={"label": "Hình thức yêu cầu"})
    complex: bool = attrs.field(default=False, metadata={"label": "Yêu cầu phức tạp"})
    requester_name: str = attrs.field(default="", metadata={"label": "Họ và tên người yêu cầu"})
    requester_id_no: str = attrs.field(default="", metadata={"label": "Số định danh cá nhân / CCCD / hộ chiếu"})
    requester_address: str = attrs.field(default="", metadata={"label": "Nơi cư trú"})
    requester_contact: str = attrs.field(default="", metadata={"label": "Số điện thoại, thư điện tử"})
    organisation: str = attrs.field(default="", metadata={"label": "Tổ chức, đoàn thể, doanh nghiệp"})
    info_requested: str = attrs.field(default="", metadata={"label": "Thông tin cần cung cấp"})
    purpose: str = attrs.field(default="", metadata={"label": "Mục đích yêu cầu"})
    delivery_form: str = attrs.field(default="", metadata={"label": "Hình thức nhận thông tin"})


#: the fields each action of a request uses
ACTION_FIELDS = {"notify": ("note",), "provide": ("note",), "extend": ("note",),
                 "refuse": ("ground", "reason", "previous_cases")}


@attrs.frozen
class RequestActionForm:
    """Thao tác trên yêu cầu: thông báo thời hạn, gia hạn, cung cấp, từ chối (có căn cứ)."""

    action: str = attrs.field(metadata={"label": "Thao tác", "required": "Thao tác không hợp lệ."})
    note: str = attrs.field(default="", metadata={"label": "Ghi chú, lý do"})
    ground: str = attrs.field(default="", metadata={"label": "Căn cứ từ chối (Điều 28)"})
    reason: str = attrs.field(default="", metadata={"label": "Lý do cụ thể"})
    previous_cases: str = attrs.field(default="", metadata={
        "label": "Số các yêu cầu đã cung cấp cho chính người này"})

    def checked(self) -> RequestActionForm:
        """The form when its action exists and it fills only that action's fields."""
        if self.action not in ACTION_FIELDS:
            raise ValidationError([("action", "Thao tác không hợp lệ.")])
        used = ACTION_FIELDS[self.action]
        extra = [f.name for f in attrs.fields(type(self))
                 if f.name not in ("action", *used) and getattr(self, f.name)]
        if extra:
            raise ValidationError([(name, "Trường không được hỗ trợ.") for name in extra])
        return self

    @property
    def previous(self) -> tuple[str, ...]:
        """The request numbers of ``previous_cases`` (one per line or comma-separated)."""
        return tuple(p.strip() for p in self.previous_cases.replace(",", "\n").splitlines() if p.strip())
