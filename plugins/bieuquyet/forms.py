"""Typed forms of the bieuquyet pages: one class per write route (``page(..., body=…)``)."""
from __future__ import annotations

import datetime as dt
import re

import attrs

from thanthien.core.errors import UserMessage

_TIME = re.compile(r"^([01]?\d|2[0-3])[:hH]([0-5]\d)?$")
_DATE = {"required": "Vui lòng nhập ngày (dd/mm/yyyy).", "error": "Ngày không hợp lệ (dd/mm/yyyy)."}


def _time(instance, attribute, value: str) -> None:
    if not _TIME.match(value.strip()):
        raise UserMessage("Giờ không hợp lệ (giờ:phút, ví dụ 19:30).")


def at_time(day: dt.date, time: str) -> dt.datetime:
    m = _TIME.match(time.strip())
    assert m is not None  # checked by the validator
    return dt.datetime.combine(day, dt.time(int(m.group(1)), int(m.group(2) or 0)))


def lines(text: str) -> list[str]:
    """Names typed one per line (or separated by commas)."""
    return [p.strip() for p in re.split(r"[\n,;]", text or "") if p.strip()]


@attrs.frozen
class MatterForm:
    """Nội dung đưa ra Nhân dân bàn và quyết định."""

    kind: int = attrs.field(metadata={"label": "Loại nội dung", "required": "Vui lòng chọn loại nội dung.",
                                      "error": "Loại nội dung không hợp lệ."})
    title: str = attrs.field(metadata={"label": "Tên nội dung", "required": "Vui lòng nhập tên nội dung."})
    form: str = attrs.field(metadata={"label": "Hình thức", "required": "Vui lòng chọn hình thức."})
    scope: str = attrs.field(default="group", metadata={"label": "Phạm vi"})
    unit_id: int | None = attrs.field(default=None, metadata={"label": "Tổ dân phố",
                                                              "error": "Tổ dân phố không hợp lệ."})
    content: str = attrs.field(default="", metadata={"label": "Nội dung chi tiết"})
    agreed_with: str = attrs.field(default="", metadata={"label": "Đã thống nhất với"})


@attrs.frozen
class MeetingForm:
    """Lịch họp cộng đồng dân cư."""

    day: dt.date = attrs.field(metadata={"label": "Ngày họp", **_DATE})
    time: str = attrs.field(validator=_time, metadata={"label": "Giờ họp", "required": "Vui lòng nhập giờ họp."})
    place: str = attrs.field(metadata={"label": "Địa điểm", "required": "Vui lòng nhập địa điểm họp."})
    title: str = attrs.field(default="", metadata={"label": "Tên cuộc họp"})
    cluster: str = attrs.field(default="", metadata={"label": "Cụm dân cư (nếu họp theo cụm)"})


@attrs.frozen
class NotifyForm:
    """Thông báo họp (Mẫu 01)."""

    on: dt.date = attrs.field(metadata={"label": "Ngày thông báo", **_DATE})
    channels: list[str] = attrs.field(factory=list, metadata={"label": "Cách thông báo"})


@attrs.frozen
class AttendanceForm:
    """Điểm danh một hộ gia đình."""

    household_id: int = attrs.field(metadata={"label": "Hộ gia đình", "required": "Vui lòng chọn hộ gia đình.",
                                              "error": "Hộ gia đình không hợp lệ."})
    representative: str = attrs.field(metadata={"label": "Người đại diện",
                                                "required": "Vui lòng ghi họ tên người đại diện hộ gia đình."})
    proxy: bool = attrs.field(default=False, metadata={"label": "Người được hộ ủy quyền"})


@attrs.frozen
class OpenVotingForm:
    """Biểu quyết thủ tục và cách biểu quyết."""

    secretary: str = attrs.field(metadata={"label": "Thư ký cuộc họp", "required": "Vui lòng ghi thư ký cuộc họp."})
    method: str = attrs.field(metadata={"label": "Cách biểu quyết", "required": "Vui lòng chọn cách biểu quyết."})
    procedural_yes: int = attrs.field(metadata={"label": "Số hộ tán thành thư ký, ban kiểm phiếu, cách biểu quyết",
                                                "required": "Vui lòng nhập số hộ tán thành.",
                                                "error": "Số hộ phải là số nguyên."})
    count_board: str = attrs.field(default="", metadata={"label": "Ban kiểm phiếu (mỗi người một dòng)"})
    witnesses: str = attrs.field(default="", metadata={"label": "Đại diện hộ chứng kiến kiểm phiếu"})


@attrs.frozen
class VoteForm:
    """Biểu quyết của một hộ gia đình tại cuộc họp."""

    household_id: int = attrs.field(metadata={"label": "Hộ gia đình", "required": "Vui lòng chọn hộ gia đình.",
                                              "error": "Hộ gia đình không hợp lệ."})
    option: str = attrs.field(metadata={"label": "Phương án", "required": "Vui lòng chọn phương án."})


@attrs.frozen
class FinishForm:
    """Kết thúc cuộc họp, lập biên bản."""

    front_head: str = attrs.field(metadata={"label": "Trưởng ban công tác Mặt trận",
                                            "required": "Vui lòng ghi Trưởng ban công tác Mặt trận."})
    household_signers: str = attrs.field(metadata={"label": "Hai đại diện hộ gia đình ký biên bản",
                                                   "required": "Vui lòng ghi hai đại diện hộ gia đình."})
    decision_text: str = attrs.field(default="", metadata={"label": "Nội dung quyết định"})


@attrs.frozen
class DayForm:
    """Ngày gửi, ngày công nhận."""

    on: dt.date = attrs.field(metadata={"label": "Ngày", **_DATE})


@attrs.frozen
class ReasonDayForm:
    """Ngày và lý do (không công nhận, hủy bỏ)."""

    on: dt.date = attrs.field(metadata={"label": "Ngày", **_DATE})
    reason: str = attrs.field(metadata={"label": "Lý do", "required": "Vui lòng ghi lý do."})
    kind: str = attrs.field(default="annul", metadata={"label": "Hình thức"})


@attrs.frozen
class CastForm:
    """Biểu quyết trực tuyến bằng mã của hộ gia đình."""

    code: str = attrs.field(metadata={"label": "Mã biểu quyết của hộ", "required": "Vui lòng nhập mã."})
    option: str = attrs.field(metadata={"label": "Ý kiến", "required": "Vui lòng chọn ý kiến."})
