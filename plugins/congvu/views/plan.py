"""Staff pages of the plan: the desk, the plans, a plan with its items, the plan's progress
per section and per unit, an item with its tasks, problems and events."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from thanthien.core.access import ANYWHERE
from thanthien.web.forms import structure
from thanthien.web.render import redirect, respond
from thanthien.web.request import actor_of, can, core_of, path_id

from .. import services
from ..forms import AnswerForm, EscalateForm, ItemStateForm, PlanLoadForm, ProblemForm
from ..schemas import (
    DeskPage,
    ItemPage,
    LateItem,
    PlanPage,
    PlansPage,
    ProgressPage,
    ProgressRow,
    SectionBlock,
)
from ..types import P_PLAN, P_TASKS
from .common import BASE, HOME, today


def late_with_owners(request: Request, limit: int = 50) -> list[LateItem]:
    """Plan items past their deadline with the people carrying their open tasks."""
    core, day = core_of(request), today()
    found = services.late_items(core, actor=actor_of(request), today=day, limit=limit)
    open_tasks = services.open_tasks_by_item([i.id for i in found])
    return [LateItem(i, i.days_late(day), sorted({t.assignee_name for t in open_tasks.get(i.id, [])}))
            for i in found]


def desk(request: Request, form) -> Response:
    """Kế hoạch, nhiệm vụ: việc của tôi, việc chờ tôi nghiệm thu, mục kế hoạch quá hạn."""
    core, actor, day = core_of(request), actor_of(request), today()
    mine = services.tasks(core, actor=actor, mine=True, limit=100)
    to_sign = services.tasks(core, actor=actor, to_sign=True, limit=100)
    leads = can(request, P_TASKS, ANYWHERE)
    unit_late = services.tasks(core, actor=actor, late_on=day, limit=50) if leads else []
    data = DeskPage(day, [t for t in mine if t.is_open], to_sign, services.current_plan(),
                    late_with_owners(request) if leads else [], unit_late)
    return respond(request, "congvu/desk.html", data, breadcrumbs=[(HOME[0], None)],
                   context={"can_assign": leads, "can_plan": can(request, P_PLAN, ANYWHERE)})


PLANS = ("Kế hoạch", f"{BASE}/ke-hoach")


def plans_page(request: Request, form) -> Response:
    """Các kế hoạch đã nạp; nạp kế hoạch của phường từ tệp dữ liệu."""
    data = PlansPage(services.plans(core_of(request), actor=actor_of(request)))
    return respond(request, "congvu/plans.html", data, breadcrumbs=[HOME, (PLANS[0], None)],
                   context={"can_plan": can(request, P_PLAN, ANYWHERE)})


def plan_load(request: Request, form) -> Response:
    """Nạp kế hoạch (mục, đơn vị chủ trì, lãnh đạo phụ trách, thời hạn, kết quả) từ tệp TOML."""
    data = structure(form, PlanLoadForm)
    plan = services.load_plan(core_of(request), data.file.file.read(), actor=actor_of(request),
                              issued_on=data.issued_on, code=data.code or None, source=data.file.filename or "")
    return redirect(request, f"{BASE}/ke-hoach/{plan.id}", f"Đã nạp kế hoạch {plan.code}.", data={"plan_id": plan.id})


def plan_detail(request: Request, form) -> Response:
    """Một kế hoạch: các mục với đơn vị chủ trì, lãnh đạo phụ trách, thời hạn, kết quả."""
    core, actor = core_of(request), actor_of(request)
    plan = services.view_plan(core, path_id(request), actor=actor)
    all_items = services.items(core, plan.id, actor=actor)
    blocks = [SectionBlock(s, [i for i in all_items if i.section_id == s.id]) for s in services.sections(plan.id)]
    data = PlanPage(plan, today(), blocks, services.open_problem_count(plan.id))
    return respond(request, "congvu/plan.html", data, breadcrumbs=[HOME, PLANS, (plan.code, None)])


def _row(key: str, label: str, r: dict) -> ProgressRow:
    return ProgressRow(key, label, r["items"], r["done"], r["done_on_time"], r["late"], r["open"], r["tasks"],
                       r["tasks_done"], r["done_share"])


def plan_progress(request: Request, form) -> Response:
    """Tiến độ thực hiện kế hoạch theo từng mục và từng đơn vị."""
    core, actor, day = core_of(request), actor_of(request), today()
    plan = services.view_plan(core, path_id(request), actor=actor)
    p = services.progress(core, plan.id, actor=actor, today=day)
    data = ProgressPage(plan, day, _row("", "Toàn kế hoạch", p["total"]),
                        [_row(s["code"], s["title"], s) for s in p["sections"]],
                        [_row(s["code"], s["title"], s) for s in p["subsections"]],
                        [_row(str(u["unit_id"]), u["unit"], u) for u in p["units"]])
    return respond(request, "congvu/progress.html", data,
                   breadcrumbs=[HOME, PLANS, (plan.code, f"{BASE}/ke-hoach/{plan.id}"), ("Tiến độ", None)])


def item_page(request: Request, item_id: int) -> Response:
    core, actor, day = core_of(request), actor_of(request), today()
    item = services.view_item(core, item_id, actor=actor)
    plan = services.get_plan(item.plan_id)
    data = ItemPage(item, day, services.tasks(core, actor=actor, item_id=item.id, limit=200),
                    services.problems(item_id=item.id), services.events(core, actor=actor, item_id=item.id))
    context = {"can_assign": can(request, P_TASKS, ANYWHERE), "can_plan": can(request, P_PLAN, ANYWHERE)}
    return respond(request, "congvu/item.html", data, context=context,
                   breadcrumbs=[HOME, PLANS, (plan.code, f"{BASE}/ke-hoach/{plan.id}"), (item.code, None)])


def item_detail(request: Request, form) -> Response:
    """Một mục kế hoạch: “5 rõ”, nhiệm vụ, vướng mắc của các đơn vị, hội nghị, tin bài."""
    return item_page(request, path_id(request))


def _to_item(request: Request, item_id: int, message: str) -> Response:
    return redirect(request, f"{BASE}/muc/{item_id}", message, data={"item_id": item_id})


def item_state(request: Request, form) -> Response:
    """Đưa mục ra khỏi kế hoạch hoặc đưa trở lại (có lý do)."""
    data = structure(form, ItemStateForm)
    item = services.mark_item(core_of(request), path_id(request), state=data.state, reason=data.reason,
                              actor=actor_of(request))
    return _to_item(request, item.id, "Đã cập nhật trạng thái mục kế hoạch.")


def problem_report(request: Request, form) -> Response:
    """Báo cáo vướng mắc khi thực hiện mục kế hoạch (gửi Phòng Văn hóa - Xã hội)."""
    data = structure(form, ProblemForm)
    problem = services.report_problem(core_of(request), path_id(request), text=data.text, actor=actor_of(request))
    return _to_item(request, problem.item_id, "Đã gửi vướng mắc đến Phòng Văn hóa - Xã hội.")


def problem_item(request: Request, form) -> Response:
    """The item page of a problem (where its answer form is)."""
    return item_page(request, services.get_problem(path_id(request)).item_id)


def problem_answer(request: Request, form) -> Response:
    """Trả lời, hướng dẫn vướng mắc của đơn vị."""
    data = structure(form, AnswerForm)
    problem = services.answer_problem(core_of(request), path_id(request), answer=data.answer, actor=actor_of(request))
    return _to_item(request, problem.item_id, "Đã trả lời vướng mắc.")


def problem_escalate(request: Request, form) -> Response:
    """Báo cáo lãnh đạo UBND phường xin ý kiến chỉ đạo."""
    data = structure(form, EscalateForm)
    problem = services.escalate_problem(core_of(request), path_id(request), note=data.note, actor=actor_of(request))
    return _to_item(request, problem.item_id, "Đã báo cáo lãnh đạo UBND phường.")
