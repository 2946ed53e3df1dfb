"""``thanthien congvu``: the daily check of tasks, loading a ward's plan, late items,
the plan's progress and the module's indicators."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from thanthien.core.cli import DATE_ARG, PERIOD_ARGS, CliCommand, Subcommand, arg, command_group, date_option
from thanthien.core.errors import ThanthienError
from thanthien.core.text import format_date


def check(args, ctx) -> int:
    """Remind tasks due soon and overdue (a daily job; recorded in the audit log)."""
    from . import services

    today = args.date or dt.date.today()
    with ctx.session() as core:
        found = services.check(core, today)
    ctx.print(f"{len(found['due_soon'])} nhiệm vụ sắp đến hạn, {len(found['overdue'])} nhiệm vụ quá hạn; "
              f"đã nhắc {len(found['reminders'])}.")
    for r in found["reminders"]:
        ctx.print(f"  [{'quá hạn' if r.kind == 'overdue' else 'sắp đến hạn'}] #{r.task_id} {r.text}")
    return 0


def load_plan(args, ctx) -> int:
    """Load a plan file (TOML): sections and items with their five clarities."""
    from thanthien.core.types import SYSTEM_ACTOR

    from . import services

    path = Path(args.file)
    if not path.is_file():
        raise ThanthienError(f"Không tìm thấy tệp kế hoạch: {path}")
    with ctx.session() as core:
        plan = services.load_plan(core, path.read_bytes(), actor=SYSTEM_ACTOR, issued_on=args.issued_on,
                                  code=args.code or None, source=path.name)
        count = len(services.items(core, plan.id, actor=SYSTEM_ACTOR))
    ctx.print(f"Đã nạp kế hoạch {plan.code} ({count} mục), thực hiện {format_date(plan.period_start)} – "
              f"{format_date(plan.period_end)}.")
    return 0


def late(args, ctx) -> int:
    """Plan items past their deadline and who answers for them."""
    from thanthien.core.types import SYSTEM_ACTOR

    from . import services

    today = args.date or dt.date.today()
    with ctx.session() as core:
        found = services.late_items(core, actor=SYSTEM_ACTOR, today=today, limit=500)
        people = services.open_tasks_by_item([i.id for i in found])
        for i in found:
            who = ", ".join(sorted({t.assignee_name for t in people.get(i.id, [])})) or "chưa giao việc"
            ctx.print(f"{i.code}\t{format_date(i.deadline)}\t{i.owner_unit}\t{i.leader_name}\t{who}\t{i.title}")
    ctx.print(f"{len(found)} mục quá hạn.")
    return 0


def progress(args, ctx) -> int:
    """The plan's progress per section and per unit."""
    from thanthien.core.types import SYSTEM_ACTOR

    from . import services

    with ctx.session() as core:
        plan = services.get_plan(args.plan) if args.plan else services.current_plan()
        if plan is None:
            raise ThanthienError("Chưa nạp kế hoạch nào.")
        p = services.progress(core, plan.id, actor=SYSTEM_ACTOR, today=args.date or dt.date.today())
    ctx.print(f"{plan.code}: {p['total']['done']}/{p['total']['items']} mục hoàn thành, {p['total']['late']} quá hạn.")
    for row in p["sections"]:
        ctx.print(f"  {row['code']}\t{row['done']}/{row['items']}\tquá hạn {row['late']}\t{row['title']}")
    for row in p["units"]:
        ctx.print(f"  {row['unit']}\t{row['done']}/{row['items']}\tquá hạn {row['late']}")
    return 0


def indicators(args, ctx) -> int:
    """The module's indicators over a period (default: this year so far)."""
    today = dt.date.today()
    start, end = args.start or dt.date(today.year, 1, 1), args.end or today
    with ctx.session() as core:
        for ind, value in core.indicators.values(start, end, plugin="congvu"):
            shown = "—" if value is None else value
            ctx.print(f"{ind.key}\t{shown} {ind.unit}\t{ind.label}")
    return 0


def command() -> CliCommand:
    return command_group("congvu", "Công vụ: kế hoạch và nhiệm vụ “5 rõ”, văn hóa công vụ, công sở thân thiện", [
        Subcommand("check", "Nhắc nhiệm vụ sắp đến hạn, quá hạn (chạy hằng ngày)", check, args=(DATE_ARG,),
                   aliases=("kiem-tra",)),
        Subcommand("load-plan", "Nạp kế hoạch của phường từ tệp TOML", load_plan, args=(
            arg("file", metavar="TỆP", help="tệp kế hoạch (.toml)"),
            arg("--issued-on", dest="issued_on", type=date_option, default=None, metavar="NGÀY",
                help="ngày ban hành khác ngày trong tệp (các thời hạn dời theo)"),
            arg("--code", dest="code", default="", help="mã kế hoạch khác mã trong tệp"),
        ), aliases=("nap-ke-hoach",)),
        Subcommand("late", "Mục kế hoạch quá hạn và người chịu trách nhiệm", late, args=(DATE_ARG,),
                   aliases=("qua-han",)),
        Subcommand("progress", "Tiến độ kế hoạch theo mục và đơn vị", progress, args=(
            DATE_ARG, arg("--plan", dest="plan", type=int, default=None, help="mã số kế hoạch (mặc định: mới nhất)")),
            aliases=("tien-do",)),
        Subcommand("indicators", "Chỉ tiêu của phân hệ trong một khoảng thời gian", indicators, args=PERIOD_ARGS,
                   aliases=("chi-tieu",)),
    ])
