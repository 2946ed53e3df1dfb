"""Domain types of the thanhtra plan module (Ban Thanh tra nhân dân — People's Inspection
Board, plan III.2.3a): the plugin name, permission keys, frozen attrs types, key → label dicts.

Keys of enumerations are Vietnamese slugs (keys of legal lists, docs/glossary.md); their
labels are here.
"""
from __future__ import annotations

import datetime as dt

import attrs

#: Head terms of R-DV-08 (the board's term follows them, R-TTND-04), defined with the setting
from .settings import HEAD_TERMS  # noqa: F401

#: the plugin name (URL prefix, table prefix, settings section, CLI command)
PLUGIN = "thanhtra"

#: permissions (quyền)
P_VIEW = "thanhtra.view"  # read the board's work
P_BOARD = "thanhtra.board"  # terms, elections, offices, removals (the board and UB MTTQ)
P_RECOGNISE = "thanhtra.recognise"  # UB MTTQ recognises an elected member (R-BQ-33)
P_WORK = "thanhtra.work"  # plans, inspections, petitions, recommendations, reports
P_ANSWER = "thanhtra.answer"  # the UBND answers a recommendation (R-TTND-11)

#: the owner kind of every resource of the board (its scope): a board member reaches it
#: only while a recognised member of the board's current term (see ``services.membership``)
BOARD_OWNER = "thanhtra.board"
#: owner kinds of the documents the board issues (each a resource of the board)
PETITION_OWNER = "thanhtra.petition"
RECOMMENDATION_OWNER = "thanhtra.recommendation"
INSPECTION_OWNER = "thanhtra.inspection"
REPORT_OWNER = "thanhtra.report"
#: the unit kind of the board (core's unit kinds)
BOARD_UNIT_KIND = "inspection_board"
#: the tag of case types whose results the UBND shares with the board (R-TTND-12)
COMPLAINT_TAG = "complaint"

#: Case types on the core engine.
PETITION = "thanhtra_phan_anh"  # phản ánh, kiến nghị gửi Ban TTND (R-PA-09)
RECOMMENDATION = "thanhtra_kien_nghi"  # kiến nghị của Ban TTND với UBND (R-TTND-11)

#: Officers (R-TTND-03).
OFFICES = {"truong_ban": "Trưởng ban", "pho_truong_ban": "Phó Trưởng ban", "uy_vien": "Ủy viên"}
MEMBER_STATES = {"elected": "Đã trúng cử, chờ UB MTTQ công nhận", "active": "Đang hoạt động",
                 "left": "Đã thôi làm thành viên"}
#: Community meetings on a seat (k.5 of R-BQ-01).
MEETING_KINDS = {"bau": "Bầu thành viên", "bau_bo_sung": "Bầu bổ sung thành viên",
                 "bai_nhiem": "Bãi nhiệm thành viên", "cho_thoi": "Cho thôi làm thành viên"}
ELECTION_KINDS = ("bau", "bau_bo_sung")
REMOVAL_KINDS = ("bai_nhiem", "cho_thoi")
#: Forms allowed for k.5 (R-BQ-07: a community meeting; household ballots only as R-BQ-17(b)).
MEETING_FORMS = {"hop_cong_dong": "Họp cộng đồng dân cư", "phat_phieu_ho": "Phát phiếu lấy ý kiến hộ gia đình"}
HEAD_TERM_LABELS = {"long": "5 năm", "short": "2,5 năm"}
#: Planning periods (R-TTND-09) and report periods (R-TTND-10).
PLAN_PERIODS = {"quy": "Quý", "sau_thang": "6 tháng", "nam": "Năm", "nhiem_ky": "Nhiệm kỳ"}
REPORT_PERIODS = {**PLAN_PERIODS, "dot_xuat": "Đột xuất"}
INSPECTION_STATES = {"planned": "Đã lập kế hoạch", "sent": "Đã gửi kế hoạch", "held": "Đã kiểm tra, giám sát",
                     "cancelled": "Đã hủy"}
#: How a petition reached the board (R-PA-09).
CHANNELS = {"truc_tiep": "Trực tiếp", "hom_thu": "Hòm thư góp ý"}


@attrs.frozen
class Term:
    """A term (nhiệm kỳ) of the board."""

    id: int
    name: str
    start_on: dt.date
    end_on: dt.date
    head_term: str


@attrs.frozen
class Member:
    """A board member (thành viên Ban TTND)."""

    id: int
    term_id: int
    person_id: int
    full_name: str
    group_id: int
    group_name: str
    office: str
    state: str
    elected_on: dt.date
    recognised_on: dt.date | None = None
    recognition_ref: str = ""
    office_decided_on: dt.date | None = None
    left_on: dt.date | None = None
    left_reason: str = ""

    @property
    def office_label(self) -> str:
        return OFFICES.get(self.office, self.office)

    @property
    def state_label(self) -> str:
        return MEMBER_STATES.get(self.state, self.state)


@attrs.frozen
class HouseholdVote:
    """How the households of a group voted on a seat (R-BQ-33): the tally a community
    meeting or a household ballot gives (households represented, households in favour).

    The base of the count is never typed: ``total_households`` is filled by the service
    from the household register of the group (all its households, R-BQ-28); a value given
    here is replaced."""

    form: str
    held_on: dt.date
    attending: int
    votes_for: int
    total_households: int | None = None


@attrs.frozen
class Meeting:
    """A community meeting on a seat (cuộc họp cộng đồng dân cư)."""

    id: int
    term_id: int
    group_id: int
    group_name: str
    kind: str
    form: str
    held_on: dt.date
    total_households: int
    attending: int
    votes_for: int
    passed: bool
    candidate_name: str = ""
    member_id: int | None = None
    proposal_ref: str = ""
    proposed_on: dt.date | None = None

    @property
    def kind_label(self) -> str:
        return MEETING_KINDS.get(self.kind, self.kind)


@attrs.frozen
class Candidate:
    """A resident of a group, for the election form (name only)."""

    id: int
    full_name: str


@attrs.frozen
class SeatStatus:
    """How many seats the board must have (R-TTND-02) and how many are filled."""

    groups: int
    required: int
    filled: int
    awaiting_recognition: int
    missing_groups: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def missing(self) -> int:
        return max(self.required - self.filled, 0)


@attrs.frozen
class WorkPlan:
    id: int
    period: str
    start_on: dt.date
    end_on: dt.date
    title: str
    content: str
    document_id: int | None = None

    @property
    def period_label(self) -> str:
        return PLAN_PERIODS.get(self.period, self.period)


@attrs.frozen
class Inspection:
    id: int
    subject: str
    content: str
    planned_on: dt.date
    state: str
    work_plan_id: int | None = None
    sent_on: dt.date | None = None
    sent_late: bool = False
    latest_send_on: dt.date | None = None
    held_on: dt.date | None = None
    findings: str = ""
    published: bool = False
    plan_document_id: int | None = None

    @property
    def state_label(self) -> str:
        return INSPECTION_STATES.get(self.state, self.state)


@attrs.frozen
class PetitionSummary:
    """A petition in the list (no personal data of the sender)."""

    id: int
    number: str
    subject: str
    received_at: dt.datetime
    state_label: str
    due_date: dt.date | None
    channel_label: str


@attrs.frozen
class Petition:
    """A petition or feedback received by the board (R-PA-09), with its sender.

    The sender's name, address and phone are personal data: shown in full only to the
    board's current members (and audit-logged), masked for other readers."""

    id: int
    number: str
    subject: str
    state: str
    state_label: str
    received_at: dt.datetime
    due_date: dt.date | None
    closed_at: dt.datetime | None
    timeliness: str
    channel: str
    channel_label: str
    sender_name: str
    sender_address: str
    sender_phone: str
    content: str
    findings: str
    result_document_id: int | None
    actions: list[str]


@attrs.frozen
class Recommendation:
    id: int
    subject: str
    content: str
    voted_on: dt.date
    members_total: int
    present: int
    votes_for: int
    votes_against: int
    abstentions: int
    passed: bool
    case_id: int | None = None
    number: str = ""
    state: str = ""
    state_label: str = ""
    due_date: dt.date | None = None
    answer: str = ""
    answered_on: dt.date | None = None
    timeliness: str = ""
    inspection_id: int | None = None
    document_id: int | None = None


@attrs.frozen
class PendingRecommendation:
    """A recommendation waiting for the UBND's answer (the chairperson's dashboard)."""

    id: int | None
    number: str
    subject: str
    received_at: dt.datetime
    due_date: dt.date | None
    status: str  # waiting | overdue


@attrs.frozen
class ComplaintResult:
    """A complaint-resolution result the UBND shared with the board (R-TTND-12)."""

    case_id: int
    number: str
    outcome: str
    closed_at: dt.datetime
    shared_at: dt.datetime


@attrs.frozen
class Report:
    id: int
    period: str
    start_on: dt.date
    end_on: dt.date
    document_id: int
    number_symbol: str = ""

    @property
    def period_label(self) -> str:
        return REPORT_PERIODS.get(self.period, self.period)
