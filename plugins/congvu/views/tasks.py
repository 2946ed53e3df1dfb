"""Staff pages of tasks: the lists, the "5 rõ" assignment form, a task with its log and
evidence, progress, report with evidence, sign-off, return, extension, cancelling; the
workload per person and per unit; stored files."""
from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from thanthien.core.access import ANYWHERE, Scope
from thanthien.web.forms import structure
from thanthien.web.render import paginate, redirect, respond
from thanthien.web.request import actor_of, can, core_of, path_id, query_int, query_text

from .. import services
from ..forms import ExtendForm, ProgressForm, ReasonForm, SignOffForm, SubmitForm, TaskForm
from ..schemas import FormPage, TaskPage, TasksPage, WorkloadPage, WorkloadRow
from ..types import LINK_KINDS, P_SIGNOFF, P_TASKS, SOURCE_KINDS, TASK_STATES
from .common import BASE, HOME, PER_PAGE, choice, today, uploads

TASKS = ("Nhiệm vụ", f"{BASE}/nhiem-vu")
#: the lists of the tasks page (``?xem=``)
VIEWS = {"cua-toi": "Việc của tôi", "cho-nghiem-thu": "Chờ tôi nghiệm thu", "qua-han": "Quá hạn",
         "tat-ca": "Tất cả việc tôi theo dõi"}


def tasks_page(request: Request, form) -> Response:
    """Nhiệm vụ: của tôi, chờ nghiệm thu, quá hạn, của đơn vị."""
    core, actor, day = core_of(request), actor_of(request), today()
    view = choice(request, "xem", VIEWS) or "cua-toi"
    state = choice(request, "trang_thai", TASK_STATES)
    pager = paginate(request, PER_PAGE)
    after = query_text(request, "sau", max_length=40)
    rows = services.tasks(core, actor=actor, mine=view == "cua-toi", to_sign=view == "cho-nghiem-thu",
                          late_on=day if view == "qua-han" else None, state=state or None,
                          unit_id=query_int(request, "don_vi"), limit=pager.fetch, after=after)
    rows, pager = pager.cut(rows)
    # keyset pagination (issue 16): the next page starts after the last task shown
    next_after = services.task_cursor(rows[-1]) if pager.has_next else ""
    base = "&".join(f"{k}={quote(v)}" for k, v in request.query_params.multi_items() if k not in ("page", "sau"))
    next_url = f"?{base}{'&' if base else ''}sau={next_after}&page={pager.number + 1}" if next_after else ""
    return respond(request, "congvu/tasks.html",
                   TasksPage(rows, view, state, day, pager.number, pager.has_next, next_after),
                   breadcrumbs=[HOME, (TASKS[0], None)],
                   context={"next_url": next_url, "first_url": f"?{base}", "views": VIEWS, "states": TASK_STATES,
                            "can_assign": can(request, P_TASKS, ANYWHERE)})


def _task_form_context(core) -> dict:
    return {"staff": services.assignee_options(core), "leaders": services.assignee_options(core, P_TASKS),
            "units": services.unit_options(), "items": services.item_options(),
            "sources": SOURCE_KINDS}


def new_task(request: Request, form) -> Response:
    """Giao nhiệm vụ “5 rõ”: rõ người, rõ việc, rõ trách nhiệm, rõ tiến độ, rõ kết quả."""
    core = core_of(request)
    if form is None:
        values: dict[str, str] = {"source_kind": "plan_item"}
        item_id = query_int(request, "muc")
        if item_id is not None:
            item = services.view_item(core, item_id, actor=actor_of(request))
            values.update(item_id=str(item.id), unit_id=str(item.owner_unit_id), leader_id=str(item.leader_id),
                          deadline=item.deadline.strftime("%d/%m/%Y"), expected_result=item.expected_result,
                          indicator=item.indicator)
        return respond(request, "congvu/task_form.html", FormPage(values),
                       breadcrumbs=[HOME, TASKS, ("Giao nhiệm vụ", None)], context=_task_form_context(core))
    data = structure(form, TaskForm)
    task = services.assign_task(
        core, title=data.title, assignee_id=data.assignee_id, leader_id=data.leader_id, unit_id=data.unit_id,
        expected_result=data.expected_result, deadline=data.deadline, working_days=data.working_days,
        start_on=data.start_on, description=data.description, indicator=data.indicator,
        co_worker_ids=data.co_worker_ids, source_kind=data.source_kind, source_ref=data.source_ref,
        source_id=data.source_id, item_id=data.item_id, actor=actor_of(request))
    return _to_task(request, task.id, f"Đã giao nhiệm vụ cho {task.assignee_name}, hạn {task.deadline:%d/%m/%Y}.")


def task_detail(request: Request, form) -> Response:
    """Một nhiệm vụ: “5 rõ”, nhật ký, minh chứng kết quả, nghiệm thu."""
    core, actor = core_of(request), actor_of(request)
    task = services.view_task(core, path_id(request), actor=actor)
    works, _ = services.involved(task.id, actor.person_id if actor else None)
    context = {
        "works": works,
        "can_work": can(request, P_TASKS, services.task_scope(task)),
        "can_sign": can(request, P_SIGNOFF, services.task_scope(task)),
        "can_cancel": can(request, P_TASKS, Scope(unit_id=task.unit_id)),
        "link_kinds": LINK_KINDS,
    }
    data = TaskPage(task, today(), task.five_clarities, services.notes(task.id), services.evidence(task.id))
    crumbs = [HOME, TASKS, (task.title[:60], None)]
    return respond(request, "congvu/task.html", data, breadcrumbs=crumbs, context=context)


def _to_task(request: Request, task_id: int, message: str) -> Response:
    return redirect(request, f"{BASE}/nhiem-vu/{task_id}", message, data={"task_id": task_id})


def task_progress(request: Request, form) -> Response:
    """Báo cáo tiến độ."""
    data = structure(form, ProgressForm)
    task = services.report_progress(core_of(request), path_id(request), text=data.text, percent=data.percent,
                                    actor=actor_of(request))
    return _to_task(request, task.id, "Đã ghi tiến độ.")


def task_submit(request: Request, form) -> Response:
    """Báo cáo hoàn thành kèm minh chứng kết quả (chờ lãnh đạo nghiệm thu)."""
    data = structure(form, SubmitForm)
    task = services.submit(core_of(request), path_id(request), result=data.result, evidence_note=data.evidence_note,
                           files=uploads(data.files), link_kind=data.link_kind, link_id=data.link_id,
                           actor=actor_of(request))
    return _to_task(request, task.id, f"Đã báo cáo hoàn thành; chờ {task.leader_name} nghiệm thu.")


def task_sign_off(request: Request, form) -> Response:
    """Nghiệm thu: lãnh đạo chịu trách nhiệm đồng ý kết quả."""
    data = structure(form, SignOffForm)
    task = services.sign_off(core_of(request), path_id(request), note=data.note, actor=actor_of(request))
    return _to_task(request, task.id, "Đã nghiệm thu: nhiệm vụ hoàn thành.")


def task_return(request: Request, form) -> Response:
    """Trả lại kết quả, có lý do."""
    data = structure(form, ReasonForm)
    task = services.return_task(core_of(request), path_id(request), reason=data.reason, actor=actor_of(request))
    return _to_task(request, task.id, "Đã trả lại nhiệm vụ cho người thực hiện.")


def task_extend(request: Request, form) -> Response:
    """Gia hạn nhiệm vụ, có lý do."""
    data = structure(form, ExtendForm)
    task = services.extend(core_of(request), path_id(request), reason=data.reason, deadline=data.deadline,
                           working_days=data.working_days, actor=actor_of(request))
    return _to_task(request, task.id, f"Đã gia hạn đến {task.deadline:%d/%m/%Y} (lần {task.extensions}).")


def task_cancel(request: Request, form) -> Response:
    """Hủy nhiệm vụ, có lý do."""
    data = structure(form, ReasonForm)
    task = services.cancel(core_of(request), path_id(request), reason=data.reason, actor=actor_of(request))
    return _to_task(request, task.id, "Đã hủy nhiệm vụ.")


def workload_page(request: Request, form) -> Response:
    """Khối lượng công việc theo người và theo đơn vị."""
    day = today()
    w = services.workload(core_of(request), actor=actor_of(request), today=day)

    def row(key: str, label: str, r: dict) -> WorkloadRow:
        return WorkloadRow(key, label, r["open"], r["overdue"], r["due_soon"], r["waiting_signoff"],
                           r["done_this_year"], r["on_time"], r["extensions"], r["on_time_share"])

    data = WorkloadPage(day, [row(str(r["person_id"]), r["name"], r) for r in w["people"]],
                        [row(str(r["unit_id"]), r["unit"], r) for r in w["units"]])
    return respond(request, "congvu/workload.html", data, breadcrumbs=[HOME, ("Khối lượng công việc", None)])


def stored_file(request: Request, form) -> Response:
    """Tệp minh chứng, ảnh."""
    stored, data = services.open_file(core_of(request), path_id(request), actor=actor_of(request))
    disposition = "inline" if stored.content_type in ("application/pdf",) or stored.is_image else "attachment"
    return Response(data, media_type=stored.content_type, headers={
        "Content-Disposition": disposition, "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox", "Cache-Control": "private, no-store"})
