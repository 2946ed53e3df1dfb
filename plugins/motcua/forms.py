"""Typed forms of the one-stop pages: one class per write route (``page(..., body=…)``).

Labels and messages are the attrs metadata; a validator raises ``UserMessage`` with the
text shown next to the field. Views structure a form after their permission checks and
hand typed values to :mod:`.services`.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs
import cattrs

from thanthien.core.errors import UserMessage

from .types import SIPAS_FACTORS

#: a clock time as residents type it: "9h", "9H30", "9:00", "09:00", "9g30", "9 giờ 30", "9.30"
_TIME = re.compile(r"^(\d{1,2})\s*(?:(?::|h|g|giờ|\.)\s*(?:(\d{2})\s*(?:phút|p|')?)?)?$")
TIME_ERROR = "Giờ không hợp lệ; ví dụ 9h, 9:00, 09:00 hoặc 9g30."


class ClockTime(str):
    """A time of day as ``HH:MM``; the form's converter reads it from what was typed
    (:func:`parse_clock`)."""


def parse_clock(text: Any) -> ClockTime:
    """The one parser of typed times: "9h", "9:00", "09:00", "9g30" → ``"09:00"``/``"09:30"``.
    Raises :class:`UserMessage` on anything else (hours 0–23, minutes 0–59)."""
    m = _TIME.match(str(text or "").strip().lower()) if isinstance(text, str) else None
    hour, minute = (int(m.group(1)), int(m.group(2) or 0)) if m else (99, 99)
    if hour > 23 or minute > 59:
        raise UserMessage(TIME_ERROR)
    return ClockTime(f"{hour:02d}:{minute:02d}")


def _clock(text: str) -> dt.time | None:
    try:
        hh, mm = parse_clock(text).split(":")
    except UserMessage:
        return None
    return dt.time(int(hh), int(mm))


# ---------------------------------------------------------------------------
# public
# ---------------------------------------------------------------------------

@attrs.frozen
class RateForm:
    """Đánh giá mức độ hài lòng về việc giải quyết một hồ sơ (R-MC-19)."""

    ma: str = attrs.field(metadata={"label": "Mã hồ sơ", "required": "Vui lòng nhập mã hồ sơ in trên giấy hẹn."})
    level: str = attrs.field(default="", metadata={"label": "Mức độ hài lòng"})
    #: the secret printed on the receipt (the code alone is guessable)
    secret: str = attrs.field(default="", metadata={"label": "Mã bí mật (in trên giấy hẹn)"})
    comment: str = attrs.field(default="", metadata={"label": "Ý kiến góp ý"})
    channel: str = attrs.field(default="web", metadata={"label": "Kênh đánh giá"})


@attrs.frozen
class BookForm:
    """Đặt lịch hẹn giờ làm thủ tục."""

    procedure_code: str = attrs.field(metadata={"label": "Thủ tục", "required": "Vui lòng chọn thủ tục trong danh mục."})
    day: dt.date = attrs.field(metadata={"label": "Ngày hẹn", "required": "Vui lòng nhập ngày hẹn (dd/mm/yyyy).",
                                         "error": "Ngày hẹn không hợp lệ (dd/mm/yyyy)."})
    #: typed as "9h", "9:00", "09:00" or "9g30" (:func:`parse_clock`)
    time: ClockTime = attrs.field(metadata={"label": "Giờ hẹn", "required": "Vui lòng chọn giờ hẹn.",
                                            "error": "Giờ hẹn không hợp lệ; ví dụ 9h, 9:00, 09:00 hoặc 9g30."})
    name: str = attrs.field(metadata={"label": "Họ và tên", "required": "Vui lòng nhập họ và tên."})
    phone: str = attrs.field(metadata={"label": "Số điện thoại", "required": "Số điện thoại không hợp lệ."})


@attrs.frozen
class CancelForm:
    """Hủy lịch hẹn bằng mã đặt lịch."""

    code: str = attrs.field(metadata={"label": "Mã đặt lịch", "required": "Vui lòng nhập mã đặt lịch."})


def _score(name: str) -> Any:
    return attrs.field(default=None, metadata={"label": SIPAS_FACTORS[name],
                                               "error": f"Yếu tố '{SIPAS_FACTORS[name]}': chọn mức từ 1 đến 5."})


@attrs.frozen
class SurveyAnswerForm:
    """Phiếu khảo sát sự hài lòng (SIPAS): năm yếu tố (R-MC-20), thang năm mức (R-MC-21)."""

    score_tiep_can: int | None = _score("tiep_can")
    score_thu_tuc: int | None = _score("thu_tuc")
    score_cong_chuc: int | None = _score("cong_chuc")
    score_ket_qua: int | None = _score("ket_qua")
    score_gop_y: int | None = _score("gop_y")
    procedure_code: str = attrs.field(default="", metadata={"label": "Thủ tục"})
    comment: str = attrs.field(default="", metadata={"label": "Góp ý thêm"})

    @property
    def scores(self) -> dict[str, int | None]:
        return {key: getattr(self, f"score_{key}") for key in SIPAS_FACTORS}


# ---------------------------------------------------------------------------
# staff: intake and the dossier's steps
# ---------------------------------------------------------------------------

@attrs.frozen
class IntakeForm:
    """Tiếp nhận hồ sơ (Mẫu 01): người nộp, giấy tờ đã nộp (chỉ trong danh mục), phí, lệ phí."""

    procedure_code: str = attrs.field(metadata={"label": "Thủ tục", "required": "Vui lòng chọn thủ tục."})
    applicant_full_name: str = attrs.field(default="", metadata={"label": "Họ và tên người nộp"})
    applicant_citizen_id: str = attrs.field(default="", metadata={"label": "Số định danh cá nhân"})
    applicant_phone: str = attrs.field(default="", metadata={"label": "Số điện thoại"})
    applicant_address: str = attrs.field(default="", metadata={"label": "Địa chỉ"})
    applicant_email: str = attrs.field(default="", metadata={"label": "Thư điện tử"})
    #: codes of the catalogue's documents handed in (check-boxes)
    doc: list[str] = attrs.field(factory=list, metadata={"label": "Thành phần hồ sơ đã nộp"})
    #: copies of each document handed in, by document code (default: the catalogue's number)
    quantities: dict[str, int] = attrs.field(factory=dict, metadata={"label": "Số lượng từng giấy tờ",
                                                                    "error": "Số lượng phải là số nguyên."})
    concerned_name: str = attrs.field(default="", metadata={"label": "Người được đăng ký"})
    concerned_role: str = attrs.field(default="", metadata={"label": "Vai trò người được đăng ký"})
    sets: int = attrs.field(default=1, metadata={"label": "Số bộ hồ sơ", "error": "Số bộ hồ sơ phải là số nguyên."})
    fee_units: int = attrs.field(default=1, metadata={"label": "Số đơn vị tính phí",
                                                      "error": "Số đơn vị tính phí phải là số nguyên."})
    fee_paid: int = attrs.field(default=0, metadata={"label": "Phí, lệ phí đã thu (đồng)",
                                                     "error": "Số tiền phải là số nguyên (đồng)."})
    submission: str = attrs.field(default="counter", metadata={"label": "Hình thức nộp"})
    delivery: str = attrs.field(default="counter", metadata={"label": "Hình thức nhận kết quả"})

    @property
    def applicant(self) -> dict[str, str]:
        return {"full_name": self.applicant_full_name, "citizen_id": self.applicant_citizen_id,
                "phone": self.applicant_phone, "address": self.applicant_address, "email": self.applicant_email}

    @property
    def documents(self) -> list[dict[str, Any]]:
        return [{"code": c, "quantity": self.quantities.get(c)} for c in self.doc]

    @property
    def concerned(self) -> list[dict[str, str]]:
        return [{"full_name": self.concerned_name, "role": self.concerned_role}] if self.concerned_name else []


@attrs.frozen
class AssignForm:
    """Chuyển xử lý, phân công: đơn vị và công chức giải quyết."""

    handler_id: int | None = attrs.field(default=None, metadata={"label": "Công chức giải quyết",
                                                                 "error": "Công chức giải quyết không hợp lệ."})
    unit_id: int | None = attrs.field(default=None, metadata={"label": "Đơn vị giải quyết",
                                                              "error": "Đơn vị giải quyết không hợp lệ."})
    note: str = attrs.field(default="", metadata={"label": "Ghi chú"})


@attrs.frozen
class SupplementItem:
    """One row of Mẫu 02: a document of the catalogue (its code) or what to complete, and why."""

    document: str = attrs.field(default="", metadata={"label": "Giấy tờ, nội dung cần bổ sung"})
    reason: str = attrs.field(default="", metadata={"label": "Lý do"})


def parse_supplement_lines(text: str) -> list[SupplementItem]:
    """The older text of a supplement request: one line per document, ``giấy tờ | lý do``."""
    out = []
    for line in str(text or "").splitlines():
        if line.strip():
            what, _, reason = line.partition("|")
            out.append(SupplementItem(what.strip(), reason.strip()))
    return out


def configure_converter(converter: cattrs.Converter) -> None:
    """``items`` of a supplement request: a list of rows, or the older ``giấy tờ | lý do`` text;
    a :class:`ClockTime` from what was typed."""
    converter.register_structure_hook(ClockTime, lambda v, _: parse_clock(v))

    def items(value: Any, _: Any) -> list[SupplementItem]:
        if isinstance(value, str):
            return parse_supplement_lines(value)
        if not isinstance(value, (list, tuple)):
            raise UserMessage("Danh sách giấy tờ cần bổ sung không hợp lệ.")
        out: list[SupplementItem] = []
        for v in value:  # a form's single text arrives as a list of one
            if isinstance(v, str):
                out += parse_supplement_lines(v)
            else:
                out.append(v if isinstance(v, SupplementItem) else converter.structure(v, SupplementItem))
        return out

    target = list[SupplementItem]
    converter.register_structure_hook_func(lambda tp: tp == target, items)


@attrs.frozen
class SupplementForm:
    """Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02): mọi giấy tờ còn thiếu, một lần (R-MC-13).

    ``items`` (JSON: ``[{"document": "PL", "reason": "…"}]``; the older text
    ``giấy tờ | lý do`` per line is accepted too), or the page's rows ``document``/``reason``."""

    items: list[SupplementItem] = attrs.field(factory=list, metadata={"label": "Nội dung cần bổ sung"})
    document: list[str] = attrs.field(factory=list, metadata={"label": "Giấy tờ cần bổ sung"})
    reason: list[str] = attrs.field(factory=list, metadata={"label": "Lý do"})
    guide: str = attrs.field(default="", metadata={"label": "Công chức hướng dẫn"})

    @property
    def rows(self) -> list[dict[str, str]]:
        rows = [{"document": i.document, "reason": i.reason} for i in self.items]
        reasons = list(self.reason) + [""] * max(len(self.document) - len(self.reason), 0)
        for document, reason in zip(self.document, reasons):
            if document.strip() or reason.strip():
                rows.append({"document": document.strip(), "reason": reason.strip()})
        return rows


@attrs.frozen
class NoteForm:
    """Ghi chú của một bước (đã nhận hồ sơ bổ sung, đã có kết quả)."""

    note: str = attrs.field(default="", metadata={"label": "Ghi chú"})


@attrs.frozen
class ReturnForm:
    """Trả kết quả: hình thức trả, số hiệu bưu gửi."""

    delivery: str = attrs.field(default="", metadata={"label": "Hình thức trả"})
    postal_tracking: str = attrs.field(default="", metadata={"label": "Số hiệu bưu gửi"})


@attrs.frozen
class ReasonForm:
    """Dừng giải quyết (Mẫu 05), từ chối (Mẫu 03): lý do."""

    reason: str = attrs.field(metadata={"label": "Lý do", "required": "Vui lòng ghi rõ lý do."})


@attrs.frozen
class ApologyDraftForm:
    """Dự thảo văn bản xin lỗi, hẹn lại (Mẫu 04)."""

    reason: str = attrs.field(default="", metadata={"label": "Lý do chậm"})
    proposed_due: dt.date | None = attrs.field(default=None, metadata={
        "label": "Ngày hẹn lại đề xuất", "error": "Ngày hẹn lại không hợp lệ (dd/mm/yyyy)."})


@attrs.frozen
class ApologySignForm:
    """Ký văn bản xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)."""

    signer_title: str = attrs.field(default="", metadata={"label": "Chức vụ người ký"})
    signer_name: str = attrs.field(default="", metadata={"label": "Họ tên người ký"})
    proposed_due: dt.date | None = attrs.field(default=None, metadata={
        "label": "Ngày hẹn lại", "error": "Ngày hẹn lại không hợp lệ (dd/mm/yyyy)."})


# ---------------------------------------------------------------------------
# staff: the centre's records, the catalogue, surveys
# ---------------------------------------------------------------------------

@attrs.frozen
class AssistanceForm:
    """Hỗ trợ người dân tại nhà, ngoài giờ hành chính."""

    kind: str = attrs.field(default="home", metadata={"label": "Hình thức"})
    place: str = attrs.field(default="", metadata={"label": "Địa điểm"})
    day: dt.date | None = attrs.field(default=None, metadata={"label": "Ngày",
                                                              "error": "Ngày không hợp lệ (dd/mm/yyyy)."})
    time: str = attrs.field(default="", metadata={"label": "Giờ"})
    procedure_code: str = attrs.field(default="", metadata={"label": "Thủ tục"})
    dossier_code: str = attrs.field(default="", metadata={"label": "Mã hồ sơ"})
    note: str = attrs.field(default="", metadata={"label": "Ghi chú"})

    @property
    def at(self) -> dt.datetime | None:
        """``day`` at ``time`` (HH:MM), None when either is missing or bad."""
        clock = _clock(self.time)
        return dt.datetime.combine(self.day, clock) if self.day and clock else None


@attrs.frozen
class ProcedureForm:
    """Sửa một thủ tục trong danh mục; a field left out keeps its value."""

    name: str | None = attrs.field(default=None, metadata={"label": "Tên thủ tục"})
    field: str | None = attrs.field(default=None, metadata={"label": "Lĩnh vực"})
    time: str | None = attrs.field(default=None, metadata={"label": "Thời hạn (same_day, working_days:N, days:N)"})
    fee_vnd: str | None = attrs.field(default=None, metadata={"label": "Mức phí, lệ phí tối đa (đồng)"})
    fee_unit: str | None = attrs.field(default=None, metadata={"label": "Đơn vị tính phí"})
    fee_note: str | None = attrs.field(default=None, metadata={"label": "Ghi chú phí"})
    documents: str | None = attrs.field(default=None, metadata={
        "label": "Thành phần hồ sơ — mỗi dòng: mã | tên | original/copy/either | số lượng"})
    delivery: str | None = attrs.field(default=None, metadata={"label": "Hình thức trả kết quả"})
    online_level: str | None = attrs.field(default=None, metadata={"label": "Mức độ trực tuyến"})

    @property
    def document_rows(self) -> list[dict[str, str]] | None:
        if self.documents is None:
            return None
        rows = []
        for line in self.documents.splitlines():
            parts = [p.strip() for p in line.split("|")]
            if any(parts):
                rows.append(dict(zip(("code", "name", "copy_kind", "quantity"), parts)))
        return rows


@attrs.frozen
class SurveyForm:
    """Mở đợt khảo sát SIPAS."""

    title: str = attrs.field(default="", metadata={"label": "Tên đợt khảo sát"})
    start: dt.date | None = attrs.field(default=None, metadata={"label": "Từ ngày",
                                                                "error": "Ngày không hợp lệ (dd/mm/yyyy)."})
    end: dt.date | None = attrs.field(default=None, metadata={"label": "Đến ngày",
                                                              "error": "Ngày không hợp lệ (dd/mm/yyyy)."})
