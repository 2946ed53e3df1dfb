"""``thanthien thanhtra check``: the board's daily check — recommendations waiting for the
UBND's answer, overdue first (R-TTND-11), and inspection plans that must be sent to
UB MTTQ, the Chủ tịch UBND and the subject within two working days or are already late
(R-TTND-09). Core's ``cases overdue`` lists every late case; this one also knows the
inspection plans, which are not cases."""
from __future__ import annotations

import datetime as dt

from thanthien.core.cli import DATE_ARG, CliCommand, Subcommand, command_group
from thanthien.core.text import format_date


def check(args, ctx) -> int:
    """Print the recommendations waiting for an answer and the inspection plans to send."""
    from thanthien.core.types import SYSTEM_ACTOR

    from . import services

    today = args.date or dt.date.today()
    with ctx.session() as core:
        pending = services.pending_recommendations(core, today, actor=SYSTEM_ACTOR)
        to_send = services.plans_to_send(core, today)
    overdue = [r for r in pending if r.status == "overdue"]
    ctx.print(f"{len(overdue)} kiến nghị của Ban quá hạn UBND trả lời (R-TTND-11), "
              f"{len(pending) - len(overdue)} kiến nghị đang chờ trả lời.")
    for r in sorted(pending, key=lambda r: r.status != "overdue"):
        state = "quá hạn" if r.status == "overdue" else "chờ trả lời"
        due = format_date(r.due_date) if r.due_date else "—"
        ctx.print(f"  {r.number}\thạn {due}\t{state}\t{r.subject}")
    ctx.print(f"{len(to_send)} kế hoạch kiểm tra, giám sát cần gửi (R-TTND-09).")
    for i in to_send:
        late = " (đã muộn)" if i.latest_send_on < today else ""
        ctx.print(f"  {format_date(i.planned_on)}\tgửi chậm nhất {format_date(i.latest_send_on)}{late}\t{i.subject}")
    return 0


def command() -> CliCommand:
    return command_group("thanhtra", "Ban Thanh tra nhân dân: kiến nghị chờ UBND trả lời, kế hoạch kiểm tra cần gửi", [
        Subcommand("check", "Kiến nghị chờ UBND trả lời (quá hạn trước), kế hoạch kiểm tra cần gửi", check,
                   args=(DATE_ARG,), aliases=("kiem-tra",)),
    ])
