"""``thanthien thamhoi``: the daily check drafting holiday greetings, the year's occasions,
and the check of the letters' kept counts against the letters."""
from __future__ import annotations

import datetime as dt

from thanthien.core.cli import DATE_ARG, CliCommand, Subcommand, command_group
from thanthien.core.text import format_date


def check(args, ctx) -> int:
    """Draft the greetings of the holidays within the lead time (a daily job)."""
    from . import services

    with ctx.session() as core:
        drafted = services.plan_greetings(core, args.date or dt.date.today())
    ctx.print(f"{len(drafted)} thư chúc mừng mới được soạn, chờ Chủ tịch ký.")
    for letter in drafted:
        ctx.print(f"  {letter.subject}")
    return 0


def holidays(args, ctx) -> int:
    """The holidays of the next 12 months and whether their greeting is drafted."""
    from . import services

    with ctx.session() as core:
        for occ in services.occasions(core.calendar, args.date or dt.date.today(), 12):
            greeting = services.greeting_for(occ)
            state = greeting.state_label if greeting else "Chưa soạn thư"
            note = " (tạm tính)" if occ.provisional else ""
            ctx.print(f"{format_date(occ.day)}\t{occ.name}{note}\t{state}")
    return 0


def check_counts(args, ctx) -> int:
    """Recount the letters per year × kind × state × unit and compare with the kept counts."""
    from thanthien.core.rollups import report_mismatches

    from . import services

    with ctx.session():
        found = services.count_mismatches()
    return report_mismatches(ctx, "thamhoi_letter", found, "Số thư theo loại và trạng thái khớp với các thư.")


def command() -> CliCommand:
    return command_group("thamhoi", "Thư thăm hỏi, chúc mừng: soạn thư chúc mừng các dịp lễ", [
        Subcommand("check", "Soạn trước thư chúc mừng các dịp lễ sắp tới", check, args=(DATE_ARG,),
                   aliases=("kiem-tra",)),
        Subcommand("holidays", "Các dịp lễ trong 12 tháng tới theo lịch làm việc", holidays, args=(DATE_ARG,),
                   aliases=("dip-le",)),
        Subcommand("check-counts", "Đối chiếu số thư theo loại, trạng thái với các thư", check_counts,
                   aliases=("doi-chieu",)),
    ])
