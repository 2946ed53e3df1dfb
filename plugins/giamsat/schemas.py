"""The JSON shape of every giamsat page (``page(..., schema=…)``): typed view models.

A view builds one of these and passes it to ``respond``; its fields are the page's JSON
keys (``{"ok": true, …}``) and the template's variables, and the OpenAPI document
describes them. Keys are added, never renamed or removed.

The public models (``Public…``) are the whitelist of what a public page shows of a
project under supervision: members by name and role only, never relations, phones, ID
numbers, addresses, participants or senders of residents' reports (R-DL-07).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from thanthien.web.forms import Redirected

from .types import (
    Alert,
    Board,
    BoardReport,
    Check,
    CitizenReport,
    Coverage,
    InfoRequest,
    Inspection,
    Member,
    Plan,
    Project,
    Recommendation,
    SupervisedProject,
    content_items,
)

# ---------------------------------------------------------------------------
# public pages
# ---------------------------------------------------------------------------


@attrs.frozen
class PublicProjectRow:
    """A project under supervision in the public list."""

    id: int
    code: str
    name: str
    investor: str
    funding: str
    funding_label: str
    location: str
    groups: list[str]
    value_vnd: int
    start_on: dt.date | None
    end_on: dt.date | None
    board_state: str
    board_state_label: str

    @classmethod
    def of(cls, p: Project, board: Board, groups: list[str]) -> PublicProjectRow:
        return cls(p.id, p.code, p.name, p.investor, p.funding, p.funding_label, p.location, groups, p.value_vnd,
                   p.start_on, p.end_on, board.state, board.state_label)


@attrs.frozen
class IndexPage:
    """Chương trình, dự án đầu tư được cộng đồng giám sát."""

    projects: list[PublicProjectRow]


@attrs.frozen
class PublicProjectInfo:
    id: int
    code: str
    name: str
    investor: str
    management_unit: str
    funding: str
    funding_label: str
    location: str
    groups: list[str]
    value_vnd: int
    start_on: dt.date | None
    end_on: dt.date | None

    @classmethod
    def of(cls, p: Project, groups: list[str]) -> PublicProjectInfo:
        return cls(p.id, p.code, p.name, p.investor, p.management_unit, p.funding, p.funding_label, p.location,
                   groups, p.value_vnd, p.start_on, p.end_on)


@attrs.frozen
class PublicMember:
    """A board member as the community is told: name and role only."""

    full_name: str
    role: str
    representing: str

    @classmethod
    def of(cls, m: Member) -> PublicMember:
        return cls(m.full_name, m.role_label, m.representing_label)


@attrs.frozen
class PublicBoard:
    decision_ref: str
    established_on: dt.date
    state: str
    state_label: str
    dissolved_on: dt.date | None
    members: list[PublicMember]

    @classmethod
    def of(cls, b: Board) -> PublicBoard:
        return cls(b.decision_ref, b.established_on, b.state, b.state_label, b.dissolved_on,
                   [PublicMember.of(m) for m in b.members])


@attrs.frozen
class PublicPlan:
    title: str
    start_on: dt.date
    end_on: dt.date
    content: list[str]
    activities: str


@attrs.frozen
class PublicCheck:
    item: str
    label: str
    status: str
    status_label: str
    finding: str

    @classmethod
    def of(cls, c: Check) -> PublicCheck:
        return cls(c.item, c.label, c.status, c.status_label, c.finding)


@attrs.frozen
class PublicInspection:
    """An inspection without its participants' and experts' names or photos."""

    held_on: dt.date
    place: str
    findings: str
    experts_invited: int
    serious_violation: bool

    @classmethod
    def of(cls, i: Inspection) -> PublicInspection:
        return cls(i.held_on, i.place, i.findings, len(i.experts), i.serious_violation)


@attrs.frozen
class PublicRecommendation:
    number: str
    kind: str
    kind_label: str
    content: str
    sent_on: dt.date
    due_date: dt.date | None
    state: str
    answer: str
    answered_on: dt.date | None
    timeliness: str

    @classmethod
    def of(cls, r: Recommendation) -> PublicRecommendation:
        return cls(r.number, r.kind, r.kind_label, r.content, r.sent_on, r.due_date, r.state, r.answer,
                   r.answered_on, r.timeliness)


@attrs.frozen
class ReportCounts:
    """Residents' reports received and handled: numbers only."""

    received: int
    handled: int


@attrs.frozen
class PublicProject:
    """Ban giám sát, kế hoạch, kết quả giám sát và trả lời của UBND về một dự án."""

    project: PublicProjectInfo
    board: PublicBoard
    plans: list[PublicPlan]
    checks: list[PublicCheck]
    inspections: list[PublicInspection]
    recommendations: list[PublicRecommendation]
    citizen_reports: ReportCounts

    @classmethod
    def of(cls, s: SupervisedProject, groups: list[str]) -> PublicProject:
        labels = content_items(s.project.funding)
        return cls(PublicProjectInfo.of(s.project, groups), PublicBoard.of(s.board),
                   [PublicPlan(p.title, p.start_on, p.end_on, [labels.get(c, c) for c in p.content], p.activities)
                    for p in s.plans],
                   [PublicCheck.of(c) for c in s.checks], [PublicInspection.of(i) for i in s.inspections],
                   [PublicRecommendation.of(r) for r in s.recommendations],
                   ReportCounts(s.reports_received, s.reports_handled))


# ---------------------------------------------------------------------------
# staff pages
# ---------------------------------------------------------------------------


@attrs.frozen
class CoverageSummary:
    """In-scope projects under way and how many have a board (plan target: 100 %)."""

    total: int
    with_board: int
    without_board: int
    share: float | None

    @classmethod
    def of(cls, c: Coverage) -> CoverageSummary:
        return cls(c.total, c.with_board, c.without_board, c.share)


@attrs.frozen
class RegisterRow:
    project: Project
    groups: list[str]
    board: Board | None
    board_state_label: str
    #: where the row leads this reader: the supervision file, or the board form
    href: str | None = None


@attrs.frozen
class AlertRow:
    kind: str
    project_id: int | None
    message: str
    recommendation_id: int | None = None
    href: str | None = None

    @classmethod
    def of(cls, a: Alert, href: str | None) -> AlertRow:
        return cls(a.kind, a.project_id, a.message, a.recommendation_id, href)


@attrs.frozen
class RegisterPage:
    """Sổ theo dõi chương trình, dự án đầu tư và Ban giám sát."""

    projects: list[RegisterRow]
    coverage: CoverageSummary
    warnings: list[AlertRow]
    page: int = 1
    has_next: bool = False


@attrs.frozen
class ProjectFormPage:
    """Vào sổ chương trình, dự án đầu tư."""

    funding: list[tuple[str, str]]
    groups: list[tuple[int, str]]
    values: dict[str, Any] = attrs.Factory(dict)


@attrs.frozen
class ProjectRef:
    id: int
    code: str
    name: str


@attrs.frozen
class BoardFormPage:
    """Thành lập Ban Giám sát đầu tư của cộng đồng cho dự án (Ủy ban MTTQ)."""

    project: ProjectRef
    roles: list[tuple[str, str]]
    representing: list[tuple[str, str]]
    parties: list[tuple[str, str]]
    group_options: list[tuple[int | str, str]]
    rows: list[int]
    scope: str
    in_scope: bool
    values: dict[str, Any] = attrs.Factory(dict)


@attrs.frozen
class ProjectPage:
    """Hồ sơ giám sát một dự án: Ban giám sát, kế hoạch, nội dung, kiểm tra, kiến nghị, báo cáo.

    ``reports`` carry the sender's name and contact only for readers within the board's
    scope (``identity_withheld`` otherwise)."""

    project: Project
    groups: list[str]
    scope: str
    board: Board | None
    plans: list[Plan]
    checks: list[Check]
    inspections: list[Inspection]
    requests: list[InfoRequest]
    recommendations: list[Recommendation]
    board_reports: list[BoardReport]
    warnings: list[str]
    reports: list[CitizenReport]
    values: dict[str, Any] = attrs.Factory(dict)


@attrs.frozen
class RecommendationsPage:
    """Kiến nghị của Ban giám sát và trả lời của UBND (R-GS-10)."""

    recommendations: list[Recommendation]
    waiting_only: bool
    today: dt.date
    values: dict[str, Any] = attrs.Factory(dict)


@attrs.frozen
class IndicatorValues:
    projects_total: int
    projects_with_board: int
    projects_without_board: int
    coverage: float | None
    answers_on_time: int
    answers_late: int


@attrs.frozen
class IndicatorsPage:
    """Chỉ tiêu: 100% chương trình, dự án được giám sát."""

    start: dt.date = attrs.field(metadata={"key": "from"})
    end: dt.date = attrs.field(metadata={"key": "to"})
    indicators: IndicatorValues = attrs.field(default=IndicatorValues(0, 0, 0, None, 0, 0))
    missing: list[ProjectRef] = attrs.Factory(list)


# ---------------------------------------------------------------------------
# answers of writes
# ---------------------------------------------------------------------------


@attrs.frozen
class MembershipRedirect(Redirected):
    """After a member left: what the board's composition now lacks (R-GS-03 … R-GS-05)."""

    lacking: list[str] = attrs.Factory(list)


@attrs.frozen
class PlanRedirect(Redirected):
    plan_id: int = 0
    warnings: list[str] = attrs.Factory(list)


@attrs.frozen
class NoticeRedirect(Redirected):
    late: bool | None = None
    warnings: list[str] = attrs.Factory(list)


@attrs.frozen
class InspectionRedirect(Redirected):
    inspection_id: int = 0


@attrs.frozen
class RecommendationRedirect(Redirected):
    recommendation_id: int = 0
    number: str = ""
    due_date: dt.date | None = None


@attrs.frozen
class BoardReportRedirect(Redirected):
    document_id: int = 0


@attrs.frozen
class AnnounceRedirect(Redirected):
    notice_id: int = 0


@attrs.frozen
class AnswerRedirect(Redirected):
    timeliness: str = ""
    document_id: int | None = None
