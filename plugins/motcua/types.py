"""Domain types of the one-stop module (thủ tục hành chính một cửa — administrative
procedures at the one-stop centre, plan III.1.2): the plugin name, permission keys, frozen
attrs domain types and the key → label lists of the catalogue (docs/glossary.md).
"""
from __future__ import annotations

import datetime as dt

import attrs

#: the plugin name (URL prefix, table prefix, settings section, CLI command)
PLUGIN = "motcua"

#: permissions (quyền)
P_VIEW = "motcua.view"
P_RECEIVE = "motcua.receive"
P_PROCESS = "motcua.process"
P_SIGN = "motcua.sign"
P_ASSIGN = "motcua.assign"
P_CATALOGUE = "motcua.catalogue.manage"
P_REPORT = "motcua.report"

#: case types (core's case engine keeps the clock, state and events of both)
DOSSIER_TYPE = "motcua_dossier"
FEEDBACK_TYPE = "motcua_feedback"

#: owner kinds of scopes, documents and audit entries
DOSSIER_OWNER = "motcua.dossier"
BOOKING_OWNER = "motcua.booking"

#: Processing-time units of the catalogue (R-MC-11). ``same_day`` is §5's same_day_1500:
#: result the same day, or the next working day after the R-MC-12 cut-off.
TIME_UNITS = {"same_day": "Trong ngày", "working_days": "ngày làm việc", "days": "ngày"}

#: How a dossier is submitted and how its result is delivered (plan III.1.2).
CHANNELS = {
    "counter": "Trực tiếp tại Trung tâm Phục vụ hành chính công",
    "postal": "Qua dịch vụ bưu chính công ích",
    "online": "Trực tuyến",
}
ONLINE_LEVELS = {"none": "Không cung cấp trực tuyến", "partial": "Trực tuyến một phần",
                 "full": "Trực tuyến toàn trình"}
COPY_KINDS = {"original": "Bản chính", "copy": "Bản sao", "either": "Bản chính hoặc bản sao"}
LIFE_EVENTS = {"birth": "Khai sinh", "marriage": "Kết hôn", "death": "Khai tử"}

#: R-MC-19: per-dossier rating levels (stable slugs, best first).
RATING_LEVELS = {"rat_hai_long": "Rất hài lòng", "hai_long": "Hài lòng", "khong_hai_long": "Không hài lòng"}
UNHAPPY_LEVELS = ("khong_hai_long",)

#: R-MC-20: the five SIPAS factors; R-MC-21: the five-point scale.
SIPAS_FACTORS = {
    "tiep_can": "Tiếp cận dịch vụ",
    "thu_tuc": "Thủ tục hành chính",
    "cong_chuc": "Công chức trực tiếp giải quyết công việc",
    "ket_qua": "Kết quả dịch vụ",
    "gop_y": "Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị",
}
SIPAS_SCALE = {1: "Rất không hài lòng", 2: "Không hài lòng", 3: "Bình thường", 4: "Hài lòng", 5: "Rất hài lòng"}
SIPAS_SATISFIED_FROM = 4  # "Hài lòng" and "Rất hài lòng" count as satisfied (R-MC-21)

ASSISTANCE_KINDS = {"home": "Hỗ trợ tại nhà", "after_hours": "Hỗ trợ ngoài giờ hành chính",
                    "centre": "Hướng dẫn tại Trung tâm"}

TIMELINESS = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}


@attrs.frozen
class RequiredDocument:
    """A document of a procedure's dossier (thành phần hồ sơ)."""

    code: str
    name: str
    copy_kind: str = "original"
    quantity: int = 1


@attrs.frozen
class Procedure:
    """A catalogue procedure (thủ tục hành chính). Its published time is the legal deadline."""

    code: str
    name: str
    field: str
    time_unit: str
    time_amount: int
    time_note: str = ""
    fee_vnd: int | None = 0
    fee_unit: str = "hồ sơ"
    fee_note: str = ""
    documents: tuple[RequiredDocument, ...] = ()
    handling_unit: str = ""
    delivery: tuple[str, ...] = ("counter",)
    online_level: str = "none"
    life_event: str = ""
    source: str = ""
    tag: str = ""
    verify: bool = False
    active: bool = True

    @property
    def time_label(self) -> str:
        if self.time_unit == "same_day":
            return "Trong ngày"
        return f"{self.time_amount} {TIME_UNITS[self.time_unit]}"

    @property
    def fee_label(self) -> str:
        if self.fee_vnd is None:
            return "Chưa công bố mức thu (không thu)"
        if self.fee_vnd == 0:
            return "Không thu"
        return f"{format_vnd(self.fee_vnd)}/{self.fee_unit}"

    def document(self, code: str) -> RequiredDocument | None:
        return next((d for d in self.documents if d.code == code), None)


@attrs.frozen
class Dossier:
    """A dossier (hồ sơ TTHC): core's case plus the one-stop fields."""

    case_id: int
    code: str
    procedure_code: str
    procedure_name: str
    state: str
    state_label: str
    received_at: dt.datetime
    appointment_at: dt.datetime
    original_due: dt.date
    due_date: dt.date | None
    register_line: int
    applicant_name: str
    applicant_citizen_id: str = ""
    applicant_phone: str = ""
    applicant_address: str = ""
    applicant_email: str = ""
    documents: tuple[dict, ...] = ()
    sets: int = 1
    fee_paid: int = 0
    submission: str = "counter"
    delivery: str = "counter"
    postal_tracking: str = ""
    concerned: tuple[dict, ...] = ()
    handling_unit_id: int | None = None
    handler_id: int | None = None
    received_by_id: int | None = None
    received_by_name: str = ""
    paused: bool = False
    result_ready_at: dt.datetime | None = None
    returned_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    timeliness: str = ""
    breach: bool = False
    reappointments: int = 0
    receipt_document_id: int | None = None
    #: the unit the dossier belongs to (its scope): the handling department, else the
    #: one-stop centre (see :func:`~thanthien.plugins.motcua.services.scope.dossier_unit_for`)
    unit_id: int | None = None
    #: the short secret printed on the receipt (Mẫu 01): rating and every other public
    #: action on the dossier needs it; the code alone only reads status and dates
    lookup_secret: str = ""

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@attrs.frozen
class PublicStatus:
    """What the public look-up shows (no personal data, R-DL-07).

    By the code alone: status and dates only (``procedure`` is empty). With the secret
    printed on the receipt (``verified``): also the procedure and whether the resident
    may rate it now (``can_rate``)."""

    code: str
    procedure: str
    status: str
    status_label: str
    received_on: str
    appointment: str
    due_on: str
    result_ready: bool
    returned_on: str
    paused: bool
    can_rate: bool
    #: the secret of the receipt was given and matches
    verified: bool = False
    #: unfinished past its due date (quá hạn)
    overdue: bool = False
    #: the ward signed an apology (Mẫu 04) and set this new date (dd/mm/yyyy HH:MM), else ""
    reappointed_to: str = ""
    #: waiting for a supplement: the catalogue names of the missing documents (with the
    #: secret only; never the officer's reasons), and how many other items to complete
    missing: list[str] = attrs.Factory(list)
    missing_other: int = 0


@attrs.frozen
class ApplicantMatch:
    """A resident found for the intake form: ID number and phone masked until picked."""

    person_id: int
    full_name: str
    birth_year: int | None
    citizen_id: str
    phone: str


@attrs.frozen
class Apology:
    id: int
    case_id: int
    code: str
    state: str
    previous_due: dt.date
    proposed_due: dt.date
    reason: str
    drafted_at: dt.datetime
    signed_at: dt.datetime | None = None
    timely: bool | None = None
    document_id: int | None = None


@attrs.frozen
class Booking:
    code: str
    procedure_code: str
    day: dt.date
    time: str
    name: str
    phone: str
    cancelled: bool = False


def format_vnd(amount: int) -> str:
    """50000 -> "50.000 đ"."""
    return f"{amount:,}".replace(",", ".") + " đ"
