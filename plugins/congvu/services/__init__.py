"""Operations of the congvu module (công vụ — plan I.2, III.1.4, III.1.5, III.1.7, III.3, IV).

The only code that writes ``congvu_*`` tables. The ward's plan is loaded as sections and
items; every item, and every task coming out of a meeting conclusion, a case, a board
recommendation or a document, is assigned with the five clarities ("5 rõ") and closed
only with evidence of its result and the responsible leader's sign-off. Conduct rules
are ward-editable reference content; residents compliment or complain about a named
staff member (a complaint opens a petition with its legal clock through core's case
engine); breaches and disciplinary decisions are registered; the centre's facility
checklist is reviewed periodically and its failures become tasks.

One module per section:

================  ==================================================================
``common``        settings, units and staff, scopes, stored files
``access``        the module's scope rules (the ``access_for_scope`` hook)
``plan``          loading a plan file, sections, items, progress per section and unit
``tasks``         assigning with the five clarities, progress, evidence, sign-off,
                  return, extension, cancelling, workload per person and unit
``problems``      problems reported by units, answered or escalated (plan IV.2)
``reminders``     ``remind`` (where the notifications outbox plugs in), the daily check
``conduct``       conduct rules; compliments and complaints (complaints → petitions)
``staff``         duty roster, badges and photos, the yearly staff summary
``discipline``    breaches of internal rules, disciplinary decisions
``facility``      the facility checklist, reviews, paper rating batches (plan III.1.5)
``events``        training and propaganda events (plan III.3)
``files``         reading stored files (each owner's readers)
================  ==================================================================

Every operation takes core's bundle first (``core``) and the ``actor``; it checks the
permission over the resource's scope with ``core.access.require`` (fail closed), and
records every state change in the audit log.
"""
from .access import decide, involved
from .common import (
    assignee_options,
    config,
    coordinating_unit_id,
    service_center_id,
    staff_options,
    staff_scope,
    task_scope,
    unit_options,
)
from .conduct import (
    add_rule,
    conduct_rules,
    edit_rule,
    file_report,
    find_staff,
    handle_report,
    petition_type,
    report_counts,
    reports,
    view_report,
)
from .discipline import (
    breaches,
    disciplines,
    get_breach,
    get_discipline,
    handle_breach,
    record_breach,
    record_discipline,
    view_breach,
)
from .events import cancel_event, event_scope, events, get_event, plan_event, record_event, view_event
from .facility import (
    add_criterion,
    batches,
    criteria,
    edit_criterion,
    get_review,
    latest_score,
    paper_counts,
    record_batch,
    record_review,
    reviews,
    view_review,
)
from .files import open_file
from .plan import (
    SEED_PLAN,
    current_plan,
    get_item,
    get_plan,
    item_options,
    item_scope,
    items,
    late_items,
    load_plan,
    load_seed_plan,
    mark_item,
    plans,
    progress,
    sections,
    view_item,
    view_plan,
)
from .problems import answer_problem, escalate_problem, get_problem, open_problem_count, problems, report_problem
from .reminders import check, remind
from .staff import add_duty, duties, on_duty, set_photo, staff_cards, staff_summary, summaries, withdraw_duty
from .tasks import (
    assign_task,
    cancel,
    deadline_from,
    evidence,
    extend,
    get_task,
    notes,
    open_tasks_by_item,
    report_progress,
    return_task,
    sign_off,
    submit,
    task_cursor,
    tasks,
    view_task,
    workload,
)

__all__ = [
    "SEED_PLAN", "add_criterion", "add_duty", "add_rule", "answer_problem", "assign_task", "batches", "breaches",
    "cancel", "cancel_event", "check", "conduct_rules", "config", "coordinating_unit_id", "criteria",
    "current_plan", "deadline_from", "decide", "disciplines", "duties", "edit_criterion", "edit_rule",
    "escalate_problem", "event_scope", "events", "evidence", "extend", "file_report", "find_staff", "get_breach",
    "get_discipline", "get_event", "get_item", "get_plan", "get_problem", "get_review", "get_task",
    "handle_breach", "handle_report", "involved", "item_options", "item_scope", "items", "late_items",
    "latest_score", "load_plan", "load_seed_plan", "mark_item", "notes", "on_duty", "open_problem_count", "open_file",
    "open_tasks_by_item", "paper_counts", "petition_type", "plan_event", "plans", "problems", "progress",
    "record_batch", "record_breach", "record_discipline", "record_event", "record_review", "remind",
    "report_counts", "report_problem", "report_progress", "reports", "return_task", "reviews", "sections",
    "service_center_id", "set_photo", "sign_off", "staff_cards", "staff_options", "assignee_options", "staff_scope",
    "staff_summary", "submit", "summaries", "task_cursor", "task_scope", "tasks",
    "unit_options", "view_breach", "view_event", "view_item", "view_plan",
    "view_report", "view_review", "view_task", "withdraw_duty", "workload",
]
