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
    unit_id: int | None = attrs.field(default=None, metadata={"label": "Tổ dân phố (nội dung toàn phường)",
                                                              "error": "Tổ dân phố không hợp lệ."})


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


@attrs.frozen
class BallotPlanForm:
    """Kế hoạch phát phiếu lấy ý kiến hộ gia đình."""

    reason: str = attrs.field(metadata={"label": "Căn cứ phát phiếu", "required": "Vui lòng chọn căn cứ phát phiếu."})
    team: str = attrs.field(metadata={"label": "Tổ phát phiếu (mỗi người một dòng, tổ trưởng đầu tiên)",
                                      "required": "Vui lòng ghi thành viên tổ phát phiếu."})
    published_on: dt.date = attrs.field(metadata={"label": "Ngày công bố", **_DATE})
    plan_issued_on: dt.date = attrs.field(metadata={"label": "Ngày ban hành kế hoạch", **_DATE})
    issue_on: dt.date = attrs.field(metadata={"label": "Ngày phát phiếu", **_DATE})
    return_deadline: dt.date = attrs.field(metadata={"label": "Hạn nộp phiếu", **_DATE})


@attrs.frozen
class BallotEntryForm:
    """Nhập một phiếu đã thu."""

    code: str = attrs.field(metadata={"label": "Mã trên phiếu", "required": "Vui lòng nhập mã trên phiếu."})
    option: str = attrs.field(metadata={"label": "Ý kiến", "required": "Vui lòng chọn ý kiến."})


@attrs.frozen
class CountForm:
    """Kiểm phiếu, biên bản."""

    witnesses: str = attrs.field(metadata={"label": "Hai đại diện hộ chứng kiến (mỗi người một dòng)",
                                           "required": "Vui lòng ghi hai đại diện hộ gia đình chứng kiến."})
    front_head: str = attrs.field(metadata={"label": "Trưởng ban công tác Mặt trận",
                                            "required": "Vui lòng ghi Trưởng ban công tác Mặt trận."})


@attrs.frozen
class OnlinePlanForm:
    """Kế hoạch biểu quyết trực tuyến."""

    team: str = attrs.field(metadata={"label": "Tổ biểu quyết trực tuyến (mỗi người một dòng, tổ trưởng đầu tiên)",
                                      "required": "Vui lòng ghi thành viên tổ biểu quyết trực tuyến."})
    informed_on: dt.date = attrs.field(metadata={"label": "Ngày thông báo UBND, Ủy ban MTTQ phường", **_DATE})


@attrs.frozen
class PollForm:
    """Kết quả thăm dò sơ bộ."""

    yes: int = attrs.field(metadata={"label": "Số hộ chọn biểu quyết trực tuyến", "required": "Vui lòng nhập số hộ.",
                                     "error": "Số hộ phải là số nguyên."})


@attrs.frozen
class OnlineOpenForm:
    """Thời gian biểu quyết trực tuyến."""

    start_day: dt.date = attrs.field(metadata={"label": "Ngày bắt đầu", **_DATE})
    start_time: str = attrs.field(validator=_time, metadata={"label": "Giờ bắt đầu", "required": "Vui lòng nhập giờ."})
    end_day: dt.date = attrs.field(metadata={"label": "Ngày kết thúc", **_DATE})
    end_time: str = attrs.field(validator=_time, metadata={"label": "Giờ kết thúc", "required": "Vui lòng nhập giờ."})
    send: bool = attrs.field(default=False, metadata={"label": "Gửi mã qua tin nhắn cho chủ hộ"})


@attrs.frozen
class FrontHeadForm:
    """Kết thúc biểu quyết trực tuyến."""

    front_head: str = attrs.field(metadata={"label": "Trưởng ban công tác Mặt trận",
                                            "required": "Vui lòng ghi Trưởng ban công tác Mặt trận."})


@attrs.frozen
class DeliveryForm:
    """Tài liệu cuộc họp đã giao cho một hộ gia đình."""

    household_id: int = attrs.field(metadata={"label": "Hộ gia đình", "required": "Vui lòng chọn hộ gia đình.",
                                              "error": "Hộ gia đình không hợp lệ."})
    on: dt.date = attrs.field(metadata={"label": "Ngày giao tài liệu", **_DATE})


@attrs.frozen
class InitiativeForm:
    """Sáng kiến của công dân."""

    unit_id: int = attrs.field(metadata={"label": "Tổ dân phố", "required": "Vui lòng chọn tổ dân phố.",
                                         "error": "Tổ dân phố không hợp lệ."})
    title: str = attrs.field(metadata={"label": "Nội dung sáng kiến", "required": "Vui lòng nhập nội dung sáng kiến."})
    initiator_name: str = attrs.field(default="", metadata={"label": "Người đề xuất"})
    content: str = attrs.field(default="", metadata={"label": "Chi tiết"})


@attrs.frozen
class ConsentForm:
    """Hộ gia đình đồng ý với sáng kiến."""

    household_id: int = attrs.field(metadata={"label": "Hộ gia đình", "required": "Vui lòng chọn hộ gia đình.",
                                              "error": "Hộ gia đình không hợp lệ."})
    on: dt.date = attrs.field(metadata={"label": "Ngày đồng ý", **_DATE})


@attrs.frozen
class SubmitInitiativeForm:
    """Đưa sáng kiến ra Nhân dân bàn và quyết định."""

    kind: int = attrs.field(metadata={"label": "Loại nội dung", "required": "Vui lòng chọn loại nội dung.",
                                      "error": "Loại nội dung không hợp lệ."})
    form: str = attrs.field(metadata={"label": "Hình thức", "required": "Vui lòng chọn hình thức."})
    front_approval: str = attrs.field(default="",
                                      metadata={"label": "Ban công tác Mặt trận đồng ý (khi chưa đủ 10% hộ)"})
