"""Operations of the thanhtra module (Ban Thanh tra nhân dân — People's Inspection Board;
plan section III.2.3a, rules R-TTND-01..14, R-BQ-33, R-PA-09).

The only code that writes the ``thanhtra_*`` tables. Every legal number is read from the
rule book for the date that triggers it; every change is audit-logged or recorded by the
case engine; every bad input raises a Vietnamese :class:`ValidationError` before anything
is stored. One module per section:

=================  ==========================================================
``common``         settings, the board's unit and scope, the board as issuer
``membership``     who acts for the board: membership is the scope (``access_for_scope``)
``terms``          terms of the board (R-TTND-04)
``members``        members, seats, recognition, officers (R-TTND-02, 03, R-BQ-33)
``elections``      elections and removals by the groups' households (R-TTND-01, 05, 06,
                   07, R-BQ-07, R-BQ-33): the seam for the community vote engine
``inspections``    work plans and inspections (R-TTND-09)
``petitions``      petitions received by the board (R-PA-09), senders scoped and audited
``recommendations`` recommendations to the UBND and its answer clock (R-TTND-11, 13)
``complaints``     complaint results shared with the board (R-TTND-12)
``reports``        the period's figures and the reports to UB MTTQ (R-TTND-10)
``public``         what the public page shows
=================  ==========================================================

Every operation takes core's bundle first (``core``) and the ``actor``; it checks the
permission over the board's scope with ``core.access.require`` (fail closed).
"""
from .common import add_months, board_issuer, board_scope, board_unit_id, community_groups, config, ensure_board_unit
from .complaints import complaint_results, is_complaint, share_complaint_result
from .elections import (
    apply_closed_vote,
    by_election_allowed,
    candidates,
    close_seat_vote,
    eligibility_problems,
    form_problems,
    get_meeting,
    meetings,
    open_removal_vote,
    open_seat_vote,
    record_election,
    record_seat_choices,
    register_total,
    remove_member,
    seat_vote,
    vote_passes,
    vote_problems,
)
from .inspections import (
    cancel_inspection,
    create_work_plan,
    get_inspection,
    inspections,
    latest_send_date,
    plan_inspection,
    plans_to_send,
    record_inspection_result,
    send_inspection_plan,
    view_inspection,
    work_plans,
)
from .members import (
    active_member_count,
    board_head,
    get_member,
    members,
    recognise_member,
    required_seats,
    seat_status,
    set_office,
    view_member,
)
from .membership import board_access, is_board_resource, is_current_member
from .petitions import (
    get_petition,
    notify_petition,
    petition_steps,
    petitions,
    receive_petition,
    refer_petition,
    verify_petition,
    view_petition,
)
from .public import public_figures, public_members, public_seats_required, public_term, published_results
from .recommendations import (
    answer_recommendation,
    get_recommendation,
    pending_recommendations,
    propose_recommendation,
    recommendations,
    view_recommendation,
    withdraw_recommendation,
)
from .reports import figures, issue_report, period_bounds, reports, view_figures
from .terms import create_term, current_term, get_term, terms

__all__ = [
    "active_member_count", "add_months", "answer_recommendation", "apply_closed_vote", "board_access", "board_head",
    "board_issuer", "board_scope", "board_unit_id", "by_election_allowed", "cancel_inspection", "candidates",
    "close_seat_vote", "community_groups", "complaint_results", "config", "create_term", "create_work_plan",
    "current_term", "eligibility_problems", "ensure_board_unit", "figures", "form_problems", "get_inspection",
    "get_meeting", "get_member", "get_petition", "get_recommendation", "get_term", "inspections",
    "is_board_resource", "is_complaint", "is_current_member", "issue_report", "latest_send_date", "meetings",
    "members", "notify_petition", "open_removal_vote", "open_seat_vote", "pending_recommendations", "period_bounds",
    "petition_steps", "petitions", "plan_inspection", "plans_to_send", "propose_recommendation", "public_figures",
    "public_members", "public_seats_required", "public_term", "published_results", "receive_petition",
    "recognise_member", "recommendations", "record_election", "record_inspection_result", "record_seat_choices",
    "refer_petition", "register_total", "remove_member", "reports", "required_seats", "seat_status", "seat_vote",
    "send_inspection_plan", "set_office", "share_complaint_result", "terms", "verify_petition", "view_figures",
    "view_inspection", "view_member", "view_petition", "view_recommendation", "vote_passes", "vote_problems",
    "withdraw_recommendation", "work_plans",
]
