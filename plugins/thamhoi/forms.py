"""Typed forms of the thamhoi pages: one class per write route (``page(..., body=…)``).

Labels and messages are the attrs metadata; a validator raises ``UserMessage`` with the
text shown next to the field.
"""
from __future__ import annotations

import datetime as dt
import re

import attrs
from thanthien.core.errors import UserMessage

_TIME = re.compile(r"^([01]?\d|2[0-3])[:hH]([0-5]\d)?$")


def _time(instance, attribute, value: str) -> None:
    if not _TIME.match(value.strip()):
        raise UserMessage("Giờ không hợp lệ (giờ:phút, ví dụ 08:30).")


@attrs.frozen
class EditForm:
    """Sửa người nhận, thêm lời nhắn của thư dự thảo."""

    addressee: str = attrs.field(metadata={"label": "Kính gửi", "required": "Vui lòng ghi người nhận thư."})
    note: str = attrs.field(default="", metadata={"label": "Lời nhắn thêm"})


@attrs.frozen
class ReasonForm:
    """Lý do hủy."""

    reason: str = attrs.field(metadata={"label": "Lý do", "required": "Vui lòng ghi lý do."})


@attrs.frozen
class SendForm:
    """Cách gửi, trao thư đã ký."""

    method: str = attrs.field(metadata={"label": "Cách gửi, trao", "required": "Vui lòng chọn cách gửi, trao thư."})


@attrs.frozen
class ThankYouForm:
    """Thư cảm ơn người dân, tổ chức, doanh nghiệp có đóng góp."""

    addressee: str = attrs.field(metadata={"label": "Kính gửi", "required": "Vui lòng ghi người nhận thư."})
    contributor_kind: str = attrs.field(metadata={"label": "Đối tượng", "required": "Vui lòng chọn đối tượng."})
    contribution: str = attrs.field(metadata={"label": "Nội dung đóng góp",
                                              "required": "Vui lòng ghi nội dung đóng góp."})


@attrs.frozen
class MistakeForm:
    """Thư xin lỗi về sai sót của chính quyền (R-MC-17)."""

    addressee: str = attrs.field(metadata={"label": "Kính gửi", "required": "Vui lòng ghi người nhận thư."})
    mistake: str = attrs.field(metadata={"label": "Sai sót", "required": "Vui lòng nêu sai sót của chính quyền."})
    remedy: str = attrs.field(metadata={"label": "Khắc phục, sửa sai",
                                        "required": "Vui lòng nêu việc khắc phục, sửa sai."})


@attrs.frozen
class ActivityForm:
    """Lễ trao thư, đoàn thăm hỏi, buổi gặp mặt."""

    kind: str = attrs.field(metadata={"label": "Loại hoạt động", "required": "Vui lòng chọn loại hoạt động."})
    day: dt.date = attrs.field(metadata={"label": "Ngày", "required": "Vui lòng nhập ngày (dd/mm/yyyy).",
                                         "error": "Ngày không hợp lệ (dd/mm/yyyy)."})
    time: str = attrs.field(validator=_time, metadata={"label": "Giờ", "required": "Vui lòng nhập giờ (giờ:phút)."})
    place: str = attrs.field(default="", metadata={"label": "Địa điểm"})
    title: str = attrs.field(default="", metadata={"label": "Tên hoạt động"})
    delegation: str = attrs.field(default="", metadata={"label": "Thành phần đoàn"})
    guests: str = attrs.field(default="", metadata={"label": "Khách mời"})
    letter_id: int | None = attrs.field(default=None, metadata={"label": "Thư", "error": "Số thư không hợp lệ."})

    @property
    def scheduled_at(self) -> dt.datetime:
        """``day`` at ``time`` ("8:30", "08:30", "8h30" and "8h" are understood)."""
        m = _TIME.match(self.time.strip())
        assert m is not None  # checked by the validator
        return dt.datetime.combine(self.day, dt.time(int(m.group(1)), int(m.group(2) or 0)))


@attrs.frozen
class RecordForm:
    """Kết quả lễ trao thư, thăm hỏi, gặp mặt."""

    result: str = attrs.field(metadata={"label": "Kết quả", "required": "Vui lòng ghi kết quả."})
    attendance: int | None = attrs.field(default=None, metadata={"label": "Số người dự",
                                                                 "error": "Số người dự phải là số nguyên."})


@attrs.frozen
class GreetingForm:
    """Dịp lễ cần soạn thư chúc mừng."""

    occasion: str = attrs.field(metadata={"label": "Dịp lễ", "required": "Vui lòng chọn dịp lễ."})
    day: dt.date = attrs.field(metadata={"label": "Ngày", "required": "Vui lòng nhập ngày (dd/mm/yyyy).",
                                         "error": "Ngày không hợp lệ (dd/mm/yyyy)."})
