"""The JSON shape of every thanhtra page (``page(..., schema=…)``): typed view models.

A view builds one of these and passes it to ``respond``; its fields are the page's JSON
keys (``{"ok": true, …}``) and the template's variables, and the OpenAPI document
describes them. Keys are added, never renamed or removed.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from thanthien.web.forms import Redirected

from .types import (
    Candidate,
    ComplaintResult,
    Inspection,
    Meeting,
    Member,
    Petition,
    PetitionSummary,
    Recommendation,
    Report,
    SeatStatus,
    Term,
    WorkPlan,
)

#: (key, label) pairs of a choice list (a select box)
Choices = list[tuple[str, str]]


# ---------------------------------------------------------------------------
# the public page
# ---------------------------------------------------------------------------

@attrs.frozen
class PublicTerm:
    name: str
    start_on: dt.date
    end_on: dt.date
    #: the term's id: the board's subject of residents' opinions (``thanhtra.board:<id>``)
    id: int | None = None


@attrs.frozen
class PublicMember:
    """A member as the public sees him or her: name, office, residential group — nothing else."""

    full_name: str
    office: str
    group: str


@attrs.frozen
class PublicSeats:
    required: int
    filled: int


@attrs.frozen
class PublicResult:
    """A published inspection result."""

    subject: str
    held_on: dt.date | None
    findings: str


@attrs.frozen
class YearFigures:
    """This year's figures (from the case rollup)."""

    petitions_received: int
    petitions_answered: int
    petitions_answered_on_time: int
    recommendations_sent: int
    recommendations_answered: int
    recommendations_answered_on_time: int
    inspections_planned: int
    inspections_held: int


@attrs.frozen
class PublicBoardPage:
    """Ban Thanh tra nhân dân phường: thành viên và kết quả hoạt động được công khai."""

    term: PublicTerm | None
    members: list[PublicMember]
    seats: PublicSeats
    results: list[PublicResult]
    figures: YearFigures


# ---------------------------------------------------------------------------
# the board: term, seats, members, elections
# ---------------------------------------------------------------------------

@attrs.frozen
class BoardPage:
    """Ban Thanh tra nhân dân: nhiệm kỳ, số thành viên, thành viên, các cuộc bầu."""

    term: Term | None
    terms: list[Term]
    seats: SeatStatus
    members: list[Member]
    meetings: list[Meeting]
    head_terms: Choices
    can_board: bool


@attrs.frozen
class GroupOption:
    id: int
    name: str


@attrs.frozen
class ElectionPage:
    """Ghi nhận cuộc họp cộng đồng dân cư bầu, bầu bổ sung thành viên Ban."""

    term: Term | None
    groups: list[GroupOption]
    group_id: int | None
    q: str
    candidates: list[Candidate]
    values: dict[str, Any]
    forms: Choices
    #: the group's households in the register: the base of the count (R-BQ-28)
    total_households: int | None = None


@attrs.frozen
class MemberPage:
    """Một thành viên Ban: tổ dân phố, chức danh, công nhận, các cuộc họp."""

    member: Member
    meetings: list[Meeting]
    offices: Choices
    forms: Choices
    can_board: bool
    can_recognise: bool
    #: the member's group's households in the register: the base of a removal vote (R-BQ-28)
    total_households: int | None = None


@attrs.frozen
class TermRedirect(Redirected):
    term_id: int = 0


# ---------------------------------------------------------------------------
# plans and inspections
# ---------------------------------------------------------------------------

@attrs.frozen
class DocumentLink:
    """A document in the register (its page is ``/documents/{id}``)."""

    id: int
    number_symbol: str


@attrs.frozen
class PlansPage:
    """Kế hoạch hoạt động và các cuộc kiểm tra, giám sát của Ban (R-TTND-09)."""

    work_plans: list[WorkPlan]
    inspections: list[Inspection]
    periods: Choices
    can_work: bool


@attrs.frozen
class InspectionPage:
    """Một cuộc kiểm tra, giám sát: kế hoạch, thời hạn gửi, kết quả."""

    inspection: Inspection
    can_work: bool
    document: DocumentLink | None


@attrs.frozen
class WorkPlanRedirect(Redirected):
    work_plan_id: int = 0


@attrs.frozen
class InspectionRedirect(Redirected):
    """After planning an inspection: its id and the R-TTND-09 warnings."""

    inspection_id: int = 0
    warnings: list[str] = attrs.Factory(list)


@attrs.frozen
class WarningsRedirect(Redirected):
    """After a step of an inspection: the R-TTND-09 warnings."""

    warnings: list[str] = attrs.Factory(list)


# ---------------------------------------------------------------------------
# petitions
# ---------------------------------------------------------------------------

@attrs.frozen
class PetitionsPage:
    """Phản ánh, kiến nghị gửi Ban Thanh tra nhân dân."""

    petitions: list[PetitionSummary]
    open_only: bool
    channels: Choices
    can_work: bool


@attrs.frozen
class Step:
    """A recorded step of a petition."""

    at: dt.datetime
    action: str
    actor_name: str
    note: str


@attrs.frozen
class PetitionPage:
    """Một phản ánh, kiến nghị: nội dung, xác minh, thông báo kết quả bằng văn bản."""

    petition: Petition
    events: list[Step]
    can_work: bool
    document: DocumentLink | None


@attrs.frozen
class PetitionRedirect(Redirected):
    case_id: int = 0
    number: str = ""


# ---------------------------------------------------------------------------
# recommendations
# ---------------------------------------------------------------------------

@attrs.frozen
class InspectionOption:
    id: int
    subject: str


@attrs.frozen
class RecommendationsPage:
    """Kiến nghị của Ban Thanh tra nhân dân với UBND và kết quả trả lời."""

    recommendations: list[Recommendation]
    inspections: list[InspectionOption]
    can_work: bool


@attrs.frozen
class RecommendationPage:
    """Một kiến nghị: biểu quyết của Ban, hạn và nội dung trả lời của UBND."""

    recommendation: Recommendation
    can_work: bool
    can_answer: bool
    document: DocumentLink | None


@attrs.frozen
class RecommendationRedirect(Redirected):
    recommendation_id: int = 0
    passed: bool = False


@attrs.frozen
class AnswerRedirect(Redirected):
    """After the UBND's answer: on time or late (R-TTND-11)."""

    timeliness: str = ""


# ---------------------------------------------------------------------------
# complaint results, reports, indicators
# ---------------------------------------------------------------------------

@attrs.frozen
class ComplaintsPage:
    """Kết quả giải quyết khiếu nại UBND thông báo cho Ban (R-TTND-12)."""

    results: list[ComplaintResult]


@attrs.frozen
class ReportsPage:
    """Báo cáo của Ban gửi Ủy ban MTTQ (R-TTND-10)."""

    reports: list[Report]
    periods: Choices
    can_work: bool


@attrs.frozen
class ReportRedirect(Redirected):
    report_id: int = 0
    document_id: int = 0


@attrs.frozen
class IndicatorsPage:
    """Chỉ tiêu hoạt động của Ban Thanh tra nhân dân (``from``, ``to`` and the figures)."""

    indicators: dict[str, Any]


@attrs.frozen
class HouseholdChoice:
    """A household of the group and its counted choice ("" when none yet)."""

    id: int
    code: str
    choice: str = ""


@attrs.frozen
class SeatVotePage:
    """Biểu quyết của các hộ gia đình về một ghế của Ban (đếm trên tổng số hộ theo sổ hộ gia đình)."""

    vote_id: int
    title: str
    state: str
    electorate_total: int
    participated: int
    votes_for: int
    passed: bool
    households: list[HouseholdChoice]


@attrs.frozen
class VoteRedirect(Redirected):
    vote_id: int = 0
