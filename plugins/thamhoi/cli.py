"""``thanthien thamhoi``: the daily check drafting holiday greetings, and the year's occasions."""
from __future__ import annotations

import datetime as dt

from thanthien.core.cli import CliCommand, date_arg
from thanthien.core.text import format_date


def _configure(parser):
    sub = parser.add_subparsers(dest="action", required=True)
    check = sub.add_parser("kiem-tra", help="Soạn trước thư chúc mừng các dịp lễ sắp tới")
    check.add_argument("--date", help="Ngày kiểm tra (dd/mm/yyyy), mặc định hôm nay")
    holidays = sub.add_parser("dip-le", help="Các dịp lễ trong 12 tháng tới theo lịch làm việc")
    holidays.add_argument("--date", help="Từ ngày (dd/mm/yyyy), mặc định hôm nay")


def _run(args, ctx):
    from thanthien.core.services import make_services

    from . import services as sv

    db = ctx.db()
    services = make_services(ctx.settings, ctx.pm)
    today = date_arg(args.date) if args.date else dt.date.today()
    with db.connection_context():
        if args.action == "kiem-tra":
            drafted = sv.plan_greetings(services, today)
            ctx.print(f"{len(drafted)} thư chúc mừng mới được soạn, chờ Chủ tịch ký.")
            for letter in drafted:
                ctx.print(f"  {letter.subject}")
        else:
            for occ in sv.occasions(services.calendar, today, 12):
                greeting = sv.greeting_for(occ)
                state = greeting.state_label if greeting else "Chưa soạn thư"
                note = " (tạm tính)" if occ.provisional else ""
                ctx.print(f"{format_date(occ.day)}\t{occ.name}{note}\t{state}")
    return 0


def command() -> CliCommand:
    return CliCommand("thamhoi", "Thư thăm hỏi, chúc mừng: soạn thư chúc mừng các dịp lễ", _configure, _run)
