"""``thanthien bieuquyet``: the clocks of community decisions and the participation shares."""
from __future__ import annotations

import datetime as dt

from thanthien.core.cli import DATE_ARG, PERIOD_ARGS, CliCommand, Subcommand, command_group
from thanthien.core.text import format_date

WHAT = {"forward": "gửi UBND, Ủy ban MTTQ phường", "recognition": "công nhận"}


def check(args, ctx) -> int:
    """Matters whose forwarding (R-BQ-35) or recognition (R-BQ-36) is due today or late, and
    group-head elections and dismissals late for recognition (R-DV-15, R-DV-17) or for the new
    election (R-DV-18); exit status 1 when one is late (for a daily job)."""
    from .services import decisions, elections

    day = args.date or dt.date.today()
    with ctx.session() as core:
        due = decisions.due_clocks(core, day)
        late_elections = elections.overdue(core, day)
    late = 0
    for matter, what, when in due:
        late += when < day
        ctx.print(f"{matter.title}\t{matter.unit_name}\thạn {WHAT[what]} {format_date(when)}"
                  f"{' (quá hạn)' if when < day else ' (hôm nay)'}")
    for line in late_elections:
        ctx.print(line)
    ctx.print(f"{len(due)} nội dung đến hạn, {late} nội dung quá hạn; "
              f"{len(late_elections)} việc bầu, miễn nhiệm Tổ trưởng quá hạn.")
    return 1 if late or late_elections else 0


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def participation(args, ctx) -> int:
    """Per residential group: households informed, represented and voting, as shares of
    all households (plan III.2.2's 100 % targets)."""
    from .services import participation as part

    with ctx.session() as core:
        rows = part.by_group(core, start=args.start, end=args.end)
        overall = part.overall(core, start=args.start, end=args.end)
        t = part.targets(core)
    ctx.print(f"Tổ dân phố\tSố nội dung\tĐược thông tin (chỉ tiêu {t.informed}%)\t"
              f"Có đại diện (chỉ tiêu {t.represented}%)\tĐã biểu quyết (chỉ tiêu {t.voted}%)")
    for g in rows:
        s = g.shares
        ctx.print(f"{g.group_name}\t{g.matters}\t{_pct(s.informed_pct)}\t{_pct(s.represented_pct)}\t"
                  f"{_pct(s.voted_pct)}")
    ctx.print(f"Toàn phường\t\t{_pct(overall.informed_pct)}\t{_pct(overall.represented_pct)}\t"
              f"{_pct(overall.voted_pct)}")
    return 0


def command() -> CliCommand:
    return command_group("bieuquyet", "Nhân dân bàn và quyết định: hạn gửi, công nhận; mức độ tham gia", [
        Subcommand("check", "Các nội dung đến hạn, quá hạn gửi UBND, UB MTTQ hoặc công nhận", check,
                   args=(DATE_ARG,), aliases=("kiem-tra",)),
        Subcommand("participation", "Tỷ lệ hộ được thông tin, có đại diện, đã biểu quyết theo tổ dân phố",
                   participation, args=PERIOD_ARGS, aliases=("tham-gia",)),
    ])
