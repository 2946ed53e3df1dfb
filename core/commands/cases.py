"""``thanthien cases due-soon | overdue | check``: cases near or past their legal deadline.

``check`` is the daily job: it marks the cases that became overdue and fires
``case_overdue`` once per case.
"""
from __future__ import annotations

import argparse

from ..cli import CliCommand, CliContext, date_arg


def command() -> CliCommand:
    return CliCommand("cases", "Hồ sơ, vụ việc: sắp đến hạn, quá hạn", _cases_args, _cases)


def _cases_args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="cases_cmd", required=True, metavar="due-soon|overdue|check")
    for name, help_ in (("due-soon", "hồ sơ đến hạn trong N ngày làm việc"),
                        ("overdue", "hồ sơ đã quá hạn"),
                        ("check", "đánh dấu hồ sơ mới quá hạn và báo cho các phân hệ")):
        sp = sub.add_parser(name, help=help_)
        sp.add_argument("--date", help="ngày kiểm tra YYYY-MM-DD (mặc định hôm nay)")
        sp.add_argument("--type", dest="case_type")
        if name == "due-soon":
            sp.add_argument("--working-days", type=int, default=1)


def _cases(args: argparse.Namespace, ctx: CliContext) -> int:
    today = date_arg(args.date)
    with ctx.session() as core:
        engine = core.cases
        if args.cases_cmd == "check":
            fired = engine.check_overdue(today)
            ctx.print(f"{len(fired)} hồ sơ mới quá hạn")
            return 0
        cases = (engine.due_soon(today, args.working_days) if args.cases_cmd == "due-soon"
                 else engine.overdue(today))
        if args.case_type:
            cases = [c for c in cases if c.case_type == args.case_type]
        for c in cases:
            ctx.print(f"{c.number}\t{c.case_type}\t{c.due_date:%Y-%m-%d}\t{c.state}\t{c.subject}")
        ctx.print(f"{len(cases)} hồ sơ")
    return 0
