"""Typed forms of the consultation pages (``page(..., body=…)``), one class per write route."""
from __future__ import annotations

import datetime as dt

import attrs


@attrs.frozen
class ConsultationForm:
    """Lập kế hoạch lấy ý kiến Nhân dân."""

    title: str = attrs.field(metadata={"label": "Tên nội dung lấy ý kiến",
                                       "required": "Vui lòng nhập tên nội dung lấy ý kiến."})
    matter: str = attrs.field(metadata={"label": "Nhóm nội dung (Điều 25)", "required": "Vui lòng chọn nhóm nội dung."})
    content: str = attrs.field(metadata={"label": "Nội dung đưa ra lấy ý kiến",
                                         "required": "Vui lòng nhập nội dung đưa ra lấy ý kiến."})
    ends_on: dt.date = attrs.field(metadata={"label": "Hạn cuối nhận ý kiến",
                                             "required": "Vui lòng nhập ngày kết thúc lấy ý kiến.",
                                             "error": "Ngày không hợp lệ (dd/mm/yyyy)."})
    responsible: str = attrs.field(metadata={"label": "Đơn vị, người chịu trách nhiệm",
                                             "required": "Vui lòng ghi rõ đơn vị, người chịu trách nhiệm."})
    channels: list[str] = attrs.field(factory=list, metadata={"label": "Hình thức lấy ý kiến"})
    method: str = attrs.field(default="", metadata={"label": "Cách thức tổ chức"})
    starts_on: dt.date | None = attrs.field(default=None, metadata={"label": "Ngày dự kiến công bố",
                                                                    "error": "Ngày không hợp lệ (dd/mm/yyyy)."})
    area_unit_id: int | None = attrs.field(default=None, metadata={"label": "Phạm vi",
                                                                   "error": "Tổ dân phố không hợp lệ."})
    other_law_basis: str = attrs.field(default="", metadata={"label": "Luật quy định thời hạn khác (nếu có)"})


@attrs.frozen
class OpinionForm:
    """Ghi nhận ý kiến qua một hình thức."""

    channel: str = attrs.field(metadata={"label": "Hình thức", "required": "Vui lòng chọn hình thức."})
    source: str = attrs.field(metadata={"label": "Nơi, cuộc họp hoặc kênh nhận ý kiến",
                                        "required": "Vui lòng ghi nơi, cuộc họp hoặc kênh nhận ý kiến."})
    received_on: dt.date = attrs.field(metadata={"label": "Ngày nhận", "required": "Vui lòng nhập ngày nhận ý kiến.",
                                                 "error": "Ngày không hợp lệ (dd/mm/yyyy)."})
    agree: int = attrs.field(default=0, metadata={"label": "Số ý kiến đồng ý", "error": "Vui lòng nhập một số."})
    disagree: int = attrs.field(default=0, metadata={"label": "Số ý kiến không đồng ý",
                                                     "error": "Vui lòng nhập một số."})
    other: int = attrs.field(default=0, metadata={"label": "Số ý kiến khác", "error": "Vui lòng nhập một số."})
    summary: str = attrs.field(default="", metadata={"label": "Tóm tắt ý kiến"})
    participant_ubnd: str = attrs.field(default="", metadata={"label": "Đại diện Ủy ban nhân dân phường"})
    participant_mttq: str = attrs.field(default="", metadata={"label": "Đại diện Ủy ban Mặt trận Tổ quốc phường"})
    participant_bttnd: str = attrs.field(default="", metadata={"label": "Đại diện Ban Thanh tra nhân dân"})


@attrs.frozen
class CodeRequestForm:
    """Nhận mã xác nhận để góp ý."""

    contact: str = attrs.field(metadata={"label": "Số điện thoại hoặc thư điện tử trong sổ hộ khẩu",
                                         "required": "Vui lòng nhập số điện thoại hoặc thư điện tử."})


@attrs.frozen
class CommentForm:
    """Góp ý trực tuyến."""

    code: str = attrs.field(metadata={"label": "Mã xác nhận", "required": "Vui lòng nhập mã xác nhận."})
    stance: str = attrs.field(metadata={"label": "Ý kiến của gia đình", "required": "Vui lòng chọn ý kiến."})
    text: str = attrs.field(metadata={"label": "Nội dung góp ý", "required": "Vui lòng nhập nội dung góp ý."})


@attrs.frozen
class HideForm:
    """Ẩn một góp ý (không xóa)."""

    comment_id: int = attrs.field(metadata={"label": "Góp ý", "required": "Thiếu góp ý cần ẩn.",
                                            "error": "Góp ý không hợp lệ."})
    reason: str = attrs.field(metadata={"label": "Lý do ẩn", "required": "Vui lòng ghi rõ lý do ẩn góp ý."})


@attrs.frozen
class PrintCodesForm:
    """In phiếu mã góp ý cho các hộ của một tổ dân phố."""

    group_id: int = attrs.field(metadata={"label": "Tổ dân phố", "required": "Vui lòng chọn tổ dân phố.",
                                          "error": "Tổ dân phố không hợp lệ."})


@attrs.frozen
class ResultsForm:
    """Công khai kết quả và giải trình."""

    decision: str = attrs.field(metadata={"label": "Quyết định", "required": "Vui lòng chọn quyết định."})
    acceptance: str = attrs.field(metadata={"label": "Tiếp thu, giải trình",
                                            "required": "Vui lòng nêu nội dung tiếp thu, giải trình."})
    contrary_reason: str = attrs.field(default="", metadata={"label": "Lý do quyết định khác với ý kiến đa số"})
