"""The JSON shape of every one-stop page (``page(..., schema=…)``): typed view models.

A view builds one of these and passes it to ``respond``; its fields are the page's JSON
keys (``{"ok": true, …}``) and the template's variables, and the OpenAPI document
describes them. Keys are added, never renamed or removed. Class names start with
``Motcua``/``Dossier``… so they stay distinct in the OpenAPI components.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from thanthien.web.forms import Redirected  # noqa: F401 - re-exported for views

from .types import CHANNELS, ApplicantMatch, Apology, Dossier, Procedure, PublicStatus, RequiredDocument


# ---------------------------------------------------------------------------
# the catalogue
# ---------------------------------------------------------------------------

@attrs.frozen
class ChannelView:
    key: str
    label: str


@attrs.frozen
class ProcedureView:
    """A procedure of the catalogue as published."""

    code: str
    name: str
    field: str
    time: str
    time_unit: str
    time_amount: int
    time_note: str
    fee: str
    fee_note: str
    fee_vnd: int | None
    fee_unit: str
    documents: list[RequiredDocument]
    handling_unit: str
    delivery: list[ChannelView]
    online_level: str
    verify: bool

    @classmethod
    def of(cls, p: Procedure) -> ProcedureView:
        return cls(p.code, p.name, p.field, p.time_label, p.time_unit, p.time_amount, p.time_note, p.fee_label,
                   p.fee_note, p.fee_vnd, p.fee_unit, list(p.documents), p.handling_unit,
                   [ChannelView(k, CHANNELS[k]) for k in p.delivery], p.online_level, p.verify)


@attrs.frozen
class MotcuaCataloguePage:
    """Danh mục thủ tục hành chính."""

    procedures: list[ProcedureView]


@attrs.frozen
class ProcedureEditPage:
    """Sửa một thủ tục trong danh mục."""

    procedure: ProcedureView
    values: dict[str, Any] = attrs.Factory(dict)


# ---------------------------------------------------------------------------
# public pages
# ---------------------------------------------------------------------------

@attrs.frozen
class LookupPage:
    """Tra cứu tình trạng hồ sơ: mã hồ sơ; với mã bí mật, thủ tục và đánh giá."""

    code: str
    dossier: PublicStatus | None


@attrs.frozen
class RatePage:
    """Đánh giá mức độ hài lòng (R-MC-19)."""

    levels: list[tuple[str, str]]
    kiosk: bool
    done: str | None = None
    values: dict[str, Any] = attrs.Factory(dict)


@attrs.frozen
class RateRedirect(Redirected):
    """After a rating: the level chosen."""

    rating: str = ""


@attrs.frozen
class SlotView:
    time: str
    capacity: int
    booked: int
    free: int


@attrs.frozen
class BookingReceipt:
    """Only what the resident keeps: the code, procedure, day and time (no name, no phone),
    the procedure's name, the place, the date in words and the calendar file (``ics_url``)."""

    code: str
    procedure_code: str
    day: dt.date
    time: str
    procedure_name: str = ""
    place: str = ""
    when: str = ""
    ics_url: str = ""


@attrs.frozen
class BookPage:
    """Đặt lịch hẹn: khung giờ còn trống; sau khi đặt (201), lịch đã đặt (``booking``)."""

    procedures: list[tuple[str, str]]
    day: dt.date
    slots: list[SlotView]
    booking: BookingReceipt | None = None
    values: dict[str, Any] = attrs.Factory(dict)


@attrs.frozen
class CancelPage:
    """Hủy lịch hẹn."""

    values: dict[str, Any] = attrs.Factory(dict)


@attrs.frozen
class SurveyAnswerPage:
    """Phiếu khảo sát sự hài lòng (SIPAS)."""

    survey_id: int
    factors: list[tuple[str, str]]
    scale: list[tuple[int, str]]
    procedures: list[tuple[str, str]]
    values: dict[str, Any] = attrs.Factory(dict)


# ---------------------------------------------------------------------------
# staff pages
# ---------------------------------------------------------------------------

@attrs.frozen
class DueRow:
    """A dossier due soon or late (no personal data)."""

    code: str
    procedure: str
    state: str
    due_date: dt.date | None
    appointment: dt.datetime
    late: bool
    reappointments: int = 0

    @classmethod
    def of(cls, d: Dossier, today: dt.date) -> DueRow:
        return cls(d.code, d.procedure_name, d.state_label, d.due_date, d.appointment_at,
                   bool(d.due_date and d.due_date < today), d.reappointments)

    @classmethod
    def of_line(cls, d: dict, today: dt.date) -> DueRow:
        """From a line of ``services.due_soon_lines``."""
        return cls(d["code"], d["procedure_name"], d["state_label"], d["due_date"], d["appointment_at"],
                   bool(d["due_date"] and d["due_date"] < today), d["reappointments"])


@attrs.frozen
class BookingView:
    code: str
    procedure_code: str
    time: str
    name: str
    phone: str
    cancelled: bool


@attrs.frozen
class DeskPage:
    """Bàn làm việc Một cửa: hồ sơ sắp đến hạn, văn bản xin lỗi chờ ký, lịch hẹn hôm nay."""

    today: dt.date
    due_soon: list[DueRow]
    bookings: list[BookingView]
    apologies: list[Apology]


@attrs.frozen
class BookingsPage:
    """Lịch hẹn trong ngày."""

    day: dt.date
    bookings: list[BookingView]
    slots: list[SlotView]


@attrs.frozen
class IntakePage:
    """Tiếp nhận hồ sơ (Mẫu 01)."""

    procedures: list[tuple[str, str]]
    procedure: ProcedureView | None
    channels: list[tuple[str, str]]
    delivery_options: list[tuple[str, str]]
    values: dict[str, Any] = attrs.Factory(dict)
    #: the register look-up (``?tim=``): residents found, ID and phone masked until picked (``?nguoi=``)
    search: str = ""
    matches: list[ApplicantMatch] = attrs.Factory(list)


@attrs.frozen
class IntakeRedirect(Redirected):
    """After intake: the dossier's code and its receipt (Mẫu 01)."""

    code: str = ""
    receipt_document_id: int | None = None


@attrs.frozen
class StepView:
    """One hand-off of Mẫu 06."""

    step: str
    giver: str
    receiver: str
    at: str
    status: str
    note: str
    action: str


@attrs.frozen
class DocumentRef:
    id: int
    number_symbol: str
    subject: str
    issued_on: dt.date


@attrs.frozen
class DossierPage:
    """Hồ sơ: thông tin, các bước xử lý (Mẫu 06), văn bản, thao tác."""

    dossier: Dossier
    steps: list[StepView]
    documents: list[DocumentRef]
    actions: list[str]
    channels: list[tuple[str, str]]
    handlers: list[tuple[int, str]]
    today: dt.date
    values: dict[str, Any] = attrs.Factory(dict)


@attrs.frozen
class DossierRedirect(Redirected):
    """After a step on a dossier: its code."""

    code: str = ""


@attrs.frozen
class DocumentRedirect(Redirected):
    """After a form was issued (Mẫu 04, Mẫu 06): the document."""

    document_id: int | None = None


@attrs.frozen
class RegisterPage:
    """Sổ theo dõi hồ sơ (Mẫu 07)."""

    start: dt.date
    end: dt.date
    header: list[str]
    rows: list[list[str]]
    #: the cursor of the next page (``?sau=``), "" on the last page
    next_after: str = ""
    #: this page is not the first
    continued: bool = False


@attrs.frozen
class IndicatorsPage:
    """Chỉ tiêu giải quyết TTHC theo tháng hoặc theo thủ tục."""

    start: dt.date
    end: dt.date
    by: str
    columns: list[list[str]]
    rows: list[dict[str, Any]]


@attrs.frozen
class AssistancePage:
    """Hỗ trợ người dân tại nhà, ngoài giờ."""

    kinds: list[tuple[str, str]]
    records: list[dict[str, Any]]
    procedures: list[tuple[str, str]]
    values: dict[str, Any] = attrs.Factory(dict)


@attrs.frozen
class SurveyResultsPage:
    """Kết quả khảo sát SIPAS theo thủ tục, công chức, tháng."""

    survey_id: int
    by: str
    factors: list[tuple[str, str]]
    rows: list[dict[str, Any]]


@attrs.frozen
class SurveyRedirect(Redirected):
    """After opening a survey: its id."""

    survey_id: int = 0
