"""``thanthien giamsat``: the daily check of what the Front Committee and the UBND must act
on — projects in scope without a board (R-GS-01), investor notices past their date
(R-GS-09), recommendations past their answer date (R-GS-10)."""
from __future__ import annotations

import datetime as dt

from thanthien.core.cli import DATE_ARG, CliCommand, Subcommand, command_group

LABELS = {"no_board": "Chưa có Ban giám sát", "plan_notice": "Thông báo chủ đầu tư",
          "answer_overdue": "Kiến nghị quá hạn trả lời"}


def check(args, ctx) -> int:
    """Print what to act on, one line each (a daily job, e.g. for an e-mail by cron)."""
    from . import services

    with ctx.session() as core:
        found = services.warnings(core, args.date or dt.date.today())
    for alert in found:
        ctx.print(f"{LABELS.get(alert.kind, alert.kind)}\t{alert.message}")
    ctx.print(f"{len(found)} việc cần xử lý.")
    return 0


def command() -> CliCommand:
    return command_group("giamsat", "Giám sát đầu tư của cộng đồng: việc cần xử lý", [
        Subcommand("check", "Dự án chưa có Ban giám sát, thông báo chủ đầu tư chậm, kiến nghị quá hạn trả lời",
                   check, args=(DATE_ARG,), aliases=("kiem-tra",)),
    ])
