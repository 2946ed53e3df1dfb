"""``thanthien cases due-soon | overdue | check``: cases near or past their legal deadline.

``check`` is the daily job: it marks the cases that became overdue and fires
``case_overdue`` once per case. Output: ``number<TAB>type<TAB>due<TAB>state<TAB>subject``
per case, then the count.
"""

from __future__ import annotations

import argparse
import datetime as dt

from ..cli import DATE_ARG, CliCommand, CliContext, Subcommand, arg, command_group

TYPE_ARG = arg("--type", dest="case_type", default=None, metavar="LOẠI", help="chỉ một loại hồ sơ (khóa loại)")
WORKING_DAYS_ARG = arg("--working-days", type=int, default=1, metavar="N", help="số ngày làm việc (mặc định 1)")


def command() -> CliCommand:
    return command_group(
        "cases",
        "Hồ sơ, vụ việc: sắp đến hạn, quá hạn",
        [
            Subcommand(
                "due-soon", "hồ sơ đến hạn trong N ngày làm việc", due_soon, args=(DATE_ARG, TYPE_ARG, WORKING_DAYS_ARG)
            ),
            Subcommand("overdue", "hồ sơ đã quá hạn", overdue, args=(DATE_ARG, TYPE_ARG)),
            Subcommand("check", "đánh dấu hồ sơ mới quá hạn và báo cho các phân hệ", check, args=(DATE_ARG, TYPE_ARG)),
        ],
    )


def check(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.session() as core:
        fired = core.cases.check_overdue(args.date or dt.date.today())
    ctx.print(f"{len(fired)} hồ sơ mới quá hạn")
    return 0


def due_soon(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.session() as core:
        _print(ctx, args, core.cases.due_soon(args.date or dt.date.today(), args.working_days))
    return 0


def overdue(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.session() as core:
        _print(ctx, args, core.cases.overdue(args.date or dt.date.today()))
    return 0


def _print(ctx: CliContext, args: argparse.Namespace, cases: list) -> None:
    if args.case_type:
        cases = [c for c in cases if c.case_type == args.case_type]
    for c in cases:
        ctx.print(f"{c.number}\t{c.case_type}\t{c.due_date:%Y-%m-%d}\t{c.state}\t{c.subject}")
    ctx.print(f"{len(cases)} hồ sơ")
