"""Pages of the congvu module, mounted under ``/congvu`` (each with its ``.json`` twin).

=============  ===================================================================
``public``     conduct rules, who serves you today, compliments and complaints
               (web form and kiosk) — no account
``plan``       the desk, plans, a plan, its progress per section and unit, items,
               problems reported by units
``tasks``      tasks "5 rõ": lists, assignment, progress, report with evidence,
               sign-off, return, extension, cancelling; workload; stored files
``conduct``    compliments and complaints, breaches, decisions, yearly summaries,
               the editable conduct rules
``centre``     the one-stop centre (roster, badges, photos), the facility checklist
               and its reviews, paper rating forms, training and propaganda events
``widgets``    the dashboard widgets
=============  ===================================================================

Views only call :mod:`..services`; a write that fails validation re-renders its page with
the field errors and what was typed (``error_page``).
"""
from __future__ import annotations

from thanthien.web.routing import PUBLIC, page

from ..forms import (
    AnswerForm,
    BatchForm,
    BreachForm,
    CriterionEditForm,
    CriterionForm,
    DisciplineForm,
    DutyForm,
    EscalateForm,
    EventForm,
    EventRecordForm,
    ExtendForm,
    HandleBreachForm,
    HandleReportForm,
    ItemStateForm,
    PhotoForm,
    PlanLoadForm,
    ProblemForm,
    ProgressForm,
    ReasonForm,
    ReportForm,
    ReviewForm,
    RuleEditForm,
    RuleForm,
    SignOffForm,
    SubmitForm,
    TaskForm,
)
from ..schemas import (
    BatchesPage,
    BreachesPage,
    BreachPage,
    CentrePage,
    ChecklistPage,
    ConductPage,
    DeskPage,
    EventPage,
    EventsPage,
    FormPage,
    IdRedirect,
    ItemPage,
    ItemRedirect,
    OnDutyPage,
    PlanPage,
    PlanRedirect,
    PlansPage,
    ProgressPage,
    ReportFormPage,
    ReportPage,
    ReviewPage,
    RulesPage,
    SummariesPage,
    SummaryPage,
    TaskPage,
    TaskRedirect,
    TasksPage,
    ThanksPage,
    WorkloadPage,
)
from ..types import P_CONDUCT_MANAGE, P_EVENTS, P_FACILITY, P_PLAN, P_TASKS, P_VIEW
from . import centre, conduct, plan, public, tasks
from .common import SMALL_BODY, UPLOAD_BODY


def routes() -> list:
    post = ("POST",)
    small = {"methods": post, "max_body": SMALL_BODY}
    files = {"methods": post, "max_body": UPLOAD_BODY}
    task = {**small, "schema": TaskRedirect, "error_page": tasks.task_detail}
    item = {**small, "schema": ItemRedirect, "error_page": plan.item_detail}
    problem = {**small, "schema": ItemRedirect, "error_page": plan.problem_item}
    return [
        # -- public --------------------------------------------------------------------
        *page("/quy-tac-ung-xu", public.rules_page, permission=PUBLIC, schema=RulesPage, public_cache=300),
        *page("/can-bo-truc", public.on_duty_page, permission=PUBLIC, schema=OnDutyPage),
        *page("/gop-y", public.report_page, permission=PUBLIC, methods=("GET", "POST"), body=ReportForm,
              max_body=SMALL_BODY, schema=ReportFormPage),
        *page("/gop-y/da-gui", public.thanks_page, permission=PUBLIC, schema=ThanksPage),
        *page("/kiosk", public.kiosk_page, permission=PUBLIC, methods=("GET", "POST"), body=ReportForm,
              max_body=SMALL_BODY, schema=ReportFormPage, rate_limit=(30, 60)),
        *page("/kiosk/da-gui", public.kiosk_thanks, permission=PUBLIC, schema=ThanksPage),
        # -- the plan -------------------------------------------------------------------
        *page("/", plan.desk, permission=P_VIEW, schema=DeskPage),
        *page("/ke-hoach", plan.plans_page, permission=P_VIEW, schema=PlansPage),
        *page("/ke-hoach/nap", plan.plan_load, permission=P_PLAN, body=PlanLoadForm, schema=PlanRedirect,
              error_page=plan.plans_page, **files),
        *page("/ke-hoach/{id:int}", plan.plan_detail, permission=P_VIEW, schema=PlanPage),
        *page("/ke-hoach/{id:int}/tien-do", plan.plan_progress, permission=P_VIEW, schema=ProgressPage),
        *page("/muc/{id:int}", plan.item_detail, permission=P_VIEW, schema=ItemPage),
        *page("/muc/{id:int}/vuong-mac", plan.problem_report, permission=P_VIEW, body=ProblemForm, **item),
        *page("/muc/{id:int}/trang-thai", plan.item_state, permission=P_PLAN, body=ItemStateForm, **item),
        *page("/vuong-mac/{id:int}/tra-loi", plan.problem_answer, permission=P_PLAN, body=AnswerForm, **problem),
        *page("/vuong-mac/{id:int}/bao-cao", plan.problem_escalate, permission=P_PLAN, body=EscalateForm,
              **problem),
        # -- tasks ----------------------------------------------------------------------
        *page("/nhiem-vu", tasks.tasks_page, permission=P_VIEW, schema=TasksPage),
        *page("/nhiem-vu/moi", tasks.new_task, permission=P_TASKS, methods=("GET", "POST"), body=TaskForm,
              max_body=SMALL_BODY, schema=FormPage),
        *page("/nhiem-vu/{id:int}", tasks.task_detail, permission=P_VIEW, schema=TaskPage),
        *page("/nhiem-vu/{id:int}/tien-do", tasks.task_progress, permission=P_VIEW, body=ProgressForm, **task),
        *page("/nhiem-vu/{id:int}/bao-cao-hoan-thanh", tasks.task_submit, permission=P_VIEW, body=SubmitForm,
              schema=TaskRedirect, error_page=tasks.task_detail, **files),
        *page("/nhiem-vu/{id:int}/nghiem-thu", tasks.task_sign_off, permission=P_VIEW, body=SignOffForm, **task),
        *page("/nhiem-vu/{id:int}/tra-lai", tasks.task_return, permission=P_VIEW, body=ReasonForm, **task),
        *page("/nhiem-vu/{id:int}/gia-han", tasks.task_extend, permission=P_VIEW, body=ExtendForm, **task),
        *page("/nhiem-vu/{id:int}/huy", tasks.task_cancel, permission=P_TASKS, body=ReasonForm, **task),
        *page("/khoi-luong", tasks.workload_page, permission=P_TASKS, schema=WorkloadPage),
        *page("/tep/{id:int}", tasks.stored_file, permission=P_VIEW, json_twin=False),
        # -- conduct ----------------------------------------------------------------------
        *page("/van-hoa-cong-vu", conduct.conduct_page, permission=P_VIEW, schema=ConductPage),
        *page("/phan-anh/{id:int}", conduct.report_detail, permission=P_VIEW, schema=ReportPage),
        *page("/phan-anh/{id:int}/xu-ly", conduct.report_handle, permission=P_CONDUCT_MANAGE, body=HandleReportForm,
              schema=IdRedirect, error_page=conduct.report_detail, **small),
        *page("/vi-pham", conduct.breaches_page, permission=P_VIEW, schema=BreachesPage),
        *page("/vi-pham/moi", conduct.breach_new, permission=P_CONDUCT_MANAGE, body=BreachForm, schema=IdRedirect,
              error_page=conduct.breaches_page, **files),
        *page("/vi-pham/{id:int}", conduct.breach_detail, permission=P_VIEW, schema=BreachPage),
        *page("/vi-pham/{id:int}/xu-ly", conduct.breach_handle, permission=P_CONDUCT_MANAGE, body=HandleBreachForm,
              schema=IdRedirect, error_page=conduct.breach_detail, **small),
        *page("/ky-luat/moi", conduct.discipline_new, permission=P_CONDUCT_MANAGE, body=DisciplineForm,
              schema=IdRedirect, error_page=conduct.breaches_page, **files),
        *page("/danh-gia", conduct.summaries_page, permission=P_VIEW, schema=SummariesPage),
        *page("/danh-gia/{id:int}", conduct.summary_detail, permission=P_VIEW, schema=SummaryPage),
        *page("/quy-tac", conduct.rules_admin, permission=P_CONDUCT_MANAGE, schema=RulesPage),
        *page("/quy-tac/moi", conduct.rule_new, permission=P_CONDUCT_MANAGE, body=RuleForm, schema=IdRedirect,
              error_page=conduct.rules_admin, **small),
        *page("/quy-tac/{id:int}", conduct.rule_edit, permission=P_CONDUCT_MANAGE, body=RuleEditForm,
              schema=IdRedirect, error_page=conduct.rules_admin, **small),
        # -- the centre, the checklist, ratings, events --------------------------------------
        *page("/trung-tam", centre.centre_page, permission=P_VIEW, schema=CentrePage),
        *page("/trung-tam/lich-truc", centre.duty_add, permission=P_FACILITY, body=DutyForm, schema=IdRedirect,
              error_page=centre.centre_page, **small),
        *page("/trung-tam/lich-truc/{id:int}/rut", centre.duty_withdraw, permission=P_FACILITY, body=ReasonForm,
              schema=IdRedirect, error_page=centre.centre_page, **small),
        *page("/trung-tam/anh/{id:int}", centre.photo_set, permission=P_FACILITY, body=PhotoForm, schema=IdRedirect,
              error_page=centre.centre_page, **files),
        *page("/bang-kiem", centre.checklist_page, permission=P_VIEW, schema=ChecklistPage),
        *page("/bang-kiem/tieu-chi", centre.criterion_add, permission=P_FACILITY, body=CriterionForm,
              schema=IdRedirect, error_page=centre.checklist_page, **small),
        *page("/bang-kiem/tieu-chi/{id:int}", centre.criterion_edit, permission=P_FACILITY, body=CriterionEditForm,
              schema=IdRedirect, error_page=centre.checklist_page, **small),
        *page("/bang-kiem/ra-soat", centre.review_new, permission=P_FACILITY, methods=("GET", "POST"),
              body=ReviewForm, max_body=UPLOAD_BODY, schema=FormPage),
        *page("/bang-kiem/ra-soat/{id:int}", centre.review_detail, permission=P_VIEW, schema=ReviewPage),
        *page("/phieu-danh-gia", centre.batches_page, permission=P_VIEW, schema=BatchesPage),
        *page("/phieu-danh-gia/nhap", centre.batch_add, permission=P_FACILITY, body=BatchForm, schema=IdRedirect,
              error_page=centre.batches_page, **small),
        *page("/hoi-nghi", centre.events_page, permission=P_VIEW, schema=EventsPage),
        *page("/hoi-nghi/moi", centre.event_add, permission=P_EVENTS, body=EventForm, schema=IdRedirect,
              error_page=centre.events_page, **small),
        *page("/hoi-nghi/{id:int}", centre.event_detail, permission=P_VIEW, schema=EventPage),
        *page("/hoi-nghi/{id:int}/ket-qua", centre.event_record, permission=P_EVENTS, body=EventRecordForm,
              schema=IdRedirect, error_page=centre.event_detail, **small),
        *page("/hoi-nghi/{id:int}/huy", centre.event_cancel, permission=P_EVENTS, body=ReasonForm, schema=IdRedirect,
              error_page=centre.event_detail, **small),
    ]
