"""Operations of the giamsat module (nghiệp vụ Ban Giám sát đầu tư của cộng đồng).

The only code that writes the ``giamsat_*`` tables. Every function takes core's bundle
first (``core``) and, when a person acts or reads, the ``actor``; it checks the permission
over the resource's scope with ``core.access.require`` — a board and everything of it
belongs to THAT board, a project to its board (to the register while it has none), and
the module's ``access_for_scope`` rule (:mod:`.access`) decides. Every input is checked
before anything is written; each change is one write transaction with its audit entry (or
case event), so a refused input stores nothing. Functions without an actor
(``board_plans``, ``supervised_project`` …) read for the public page, reports and
indicators; they never return a resident's identity.

One module per section:

====================  ===========================================================
``common``            settings, the offices' units, scopes, row → type, input checks
``access``            who reaches a board and its project (board membership)
``projects``          the project register (R-GS-02)
``boards``            boards and members (R-GS-01, R-GS-03 … R-GS-06, R-BQ-33)
``plans``             plans and the investor notice (R-GS-09)
``content``           supervision content and results (R-GS-07)
``inspections``       on-site inspections with photos
``info_requests``     information requests (R-GS-08)
``citizen_reports``   residents' reports (R-PA-09, R-DL-09)
``recommendations``   recommendations and the UBND's answers (R-GS-08, R-GS-10)
``board_reports``     reports to UB MTTQ (R-GS-12)
``announcements``     announcements to the community (R-CK item 3)
``coverage``          coverage of the projects in scope and warnings
``public``            the public record of projects under supervision
====================  ===========================================================
"""
from .access import Reach, decide, member_boards, reach
from .announcements import announce
from .board_reports import board_reports, issue_board_report
from .boards import (
    NOT_OFFICIAL_ROLES,
    add_member,
    board_of,
    composition_problems,
    create_board,
    dissolve_board,
    end_membership,
    is_official,
    member,
    view_board,
)
from .citizen_reports import (
    citizen_reports,
    get_citizen_report,
    handle_report,
    receive_report,
    report_counts,
    report_scope,
)
from .common import (
    board_scope,
    community_groups,
    config,
    front_unit_id,
    get_board,
    get_project,
    group_names,
    project_scope,
    register_unit_id,
)
from .content import board_checks, checks, update_check
from .coverage import coverage, warnings
from .info_requests import get_request, info_requests, record_request_answer, send_info_request
from .inspections import board_inspections, inspections, photo_file, record_inspection
from .plans import board_plans, create_plan, get_plan, notify_by, plan_warnings, plans, record_plan_notice
from .projects import create_project, latest_boards, project_page, project_rows, scope_reason, view_project
from .public import supervised_project, supervised_projects
from .recommendations import (
    answer_recommendation,
    board_recommendations,
    get_recommendation,
    make_recommendation,
    overdue,
    recommendations,
)

__all__ = [
    "NOT_OFFICIAL_ROLES", "Reach", "add_member", "announce", "answer_recommendation", "board_checks",
    "board_inspections", "board_of", "board_plans", "board_recommendations", "board_reports", "board_scope",
    "checks", "citizen_reports", "community_groups", "composition_problems", "config", "coverage", "create_board",
    "create_plan", "create_project", "decide", "dissolve_board", "end_membership", "front_unit_id", "get_board",
    "get_citizen_report", "get_plan", "get_project", "get_recommendation", "get_request", "group_names",
    "handle_report", "info_requests", "inspections", "is_official", "issue_board_report", "latest_boards",
    "make_recommendation", "member", "member_boards", "notify_by", "overdue", "photo_file", "plan_warnings", "plans",
    "project_page", "project_rows", "project_scope", "reach", "receive_report", "record_inspection",
    "record_plan_notice", "record_request_answer", "recommendations", "register_unit_id", "report_counts",
    "report_scope", "scope_reason",
    "send_info_request", "supervised_project", "supervised_projects", "update_check", "view_board", "view_project",
    "warnings",
]
