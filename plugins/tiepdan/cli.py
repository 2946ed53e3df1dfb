"""``thanthien tiepdan …``: the reception schedule and its R-TD-02 check, the iCalendar
feed, the figures. Sub-commands in English; the landed Vietnamese names stay as aliases
(``lich``, ``ics``, ``chi-tieu``), ``--from/--to`` also as ``--tu/--den``."""
from __future__ import annotations

import datetime as dt
import json

from thanthien.core.cli import PERIOD_ARGS, CliCommand, Subcommand, command_group
from thanthien.core.errors import ThanthienError
from thanthien.core.text import format_date


def _period(args) -> tuple[dt.date, dt.date]:
    today = dt.date.today()
    start = args.start or today.replace(month=1, day=1)
    end = args.end or today.replace(month=12, day=31)
    if end < start:
        raise ThanthienError("Ngày kết thúc phải sau ngày bắt đầu.")
    return start, end


def schedule(args, ctx) -> int:
    """The schedule over the period; exit 1 when a week lacks the Chủ tịch's day (R-TD-02)."""
    from . import services

    start, end = _period(args)
    with ctx.session() as core:
        ctx.print(f"Địa điểm: {services.reception_place(core)}")
        ctx.print(f"Tiếp thường xuyên: {services.config(core).regular_hours}")
        for s in services.sessions(start, end):
            ctx.print(f"{format_date(s.day)} {s.start_time}-{s.end_time}\t{s.kind_label}\t"
                      f"{s.host_name}\t{s.state_label}")
        coverage = services.chairman_coverage(core, start, end)
        for week in coverage.missing:
            ctx.print(f"CẢNH BÁO: tuần từ {week.week_start:%d/%m/%Y} có {week.have}/{week.need} ngày Chủ tịch UBND "
                      "tiếp công dân (R-TD-02)")
    return 1 if coverage.missing else 0


def ics(args, ctx) -> int:
    """The published sessions as iCalendar (RFC 5545)."""
    from . import services

    start, end = _period(args)
    with ctx.session() as core:
        ctx.out.write(services.schedule_ics(core, start, end))
    return 0


def indicators(args, ctx) -> int:
    """The figures of the period as JSON."""
    from . import services

    start, end = _period(args)
    with ctx.session() as core:
        ctx.print(json.dumps(services.figures(core, start, end), ensure_ascii=False, indent=2, default=str))
    return 0


def command() -> CliCommand:
    return command_group("tiepdan", "tiếp công dân: lịch tiếp, lịch iCalendar, chỉ tiêu", [
        Subcommand("schedule", "lịch tiếp công dân và kiểm tra R-TD-02 (mỗi tuần ít nhất một ngày)", schedule,
                   args=PERIOD_ARGS, aliases=("lich",)),
        Subcommand("ics", "xuất lịch tiếp công dân dạng iCalendar", ics, args=PERIOD_ARGS),
        Subcommand("indicators", "chỉ tiêu tiếp công dân, giải quyết đơn thư", indicators, args=PERIOD_ARGS,
                   aliases=("chi-tieu",)),
    ])
