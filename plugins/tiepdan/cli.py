"""``thanthien tiepdan …``: the reception schedule check, the iCalendar feed and indicators."""
from __future__ import annotations

import argparse
import datetime as dt
import json

from thanthien.core.cli import CliCommand, CliContext, date_arg
from thanthien.core.errors import ThanthienError




def _configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="tiepdan_cmd", required=True, metavar="lich|ics|chi-tieu")
    for name, help_ in (("lich", "lịch tiếp công dân và kiểm tra R-TD-02 (mỗi tuần ít nhất một ngày)"),
                        ("ics", "xuất lịch tiếp công dân dạng iCalendar"),
                        ("chi-tieu", "chỉ tiêu tiếp công dân, giải quyết đơn thư")):
        p = sub.add_parser(name, help=help_)
        p.add_argument("--tu", dest="start", help="từ ngày dd/mm/yyyy")
        p.add_argument("--den", dest="end", help="đến ngày dd/mm/yyyy")


def _run(args: argparse.Namespace, ctx: CliContext) -> int:
    from thanthien.core.services import make_services

    from . import services as sv

    today = dt.date.today()
    start = date_arg(args.start, today.replace(month=1, day=1))
    end = date_arg(args.end, today.replace(month=12, day=31))
    if end < start:
        raise ThanthienError("Ngày kết thúc phải sau ngày bắt đầu.")
    db = ctx.db()
    services = make_services(ctx.settings, ctx.pm)
    with db.connection_context():
        if args.tiepdan_cmd == "ics":
            ctx.out.write(sv.schedule_ics(services, start, end))
            return 0
        if args.tiepdan_cmd == "chi-tieu":
            ctx.print(json.dumps(sv.indicators(services, start, end), ensure_ascii=False, indent=2, default=str))
            return 0
        data = sv.public_schedule(services, start, end)
        ctx.print(f"Địa điểm: {data['place']}")
        ctx.print(f"Tiếp thường xuyên: {data['regular_hours']}")
        for s in data["sessions"]:
            ctx.print(f"{s['day_display']} {s['start_time']}-{s['end_time']}\t{s['kind_label']}\t"
                      f"{s['host_name']}\t{s['state_label']}")
        coverage = sv.chairman_coverage(services, start, end)
        for week in coverage["missing"]:
            monday = dt.date.fromisoformat(week["week_start"])
            ctx.print(f"CẢNH BÁO: tuần từ {monday:%d/%m/%Y} có {week['have']}/{week['need']} ngày Chủ tịch UBND "
                      "tiếp công dân (R-TD-02)")
        return 1 if coverage["missing"] else 0


def cli_command() -> CliCommand:
    return CliCommand("tiepdan", "tiếp công dân: lịch tiếp, lịch iCalendar, chỉ tiêu", _configure, _run)
