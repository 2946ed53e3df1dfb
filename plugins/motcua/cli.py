"""``thanthien motcua …``: due-soon list, daily check, catalogue import, register and
indicator exports."""
from __future__ import annotations

import argparse
from pathlib import Path

from thanthien.core.cli import CliCommand, CliContext, date_arg
from thanthien.core.text import format_date, format_datetime


def command() -> CliCommand:
    return CliCommand("motcua", "Thủ tục hành chính một cửa: hồ sơ sắp đến hạn, danh mục, sổ theo dõi, chỉ tiêu",
                      _configure, _run)


def _configure(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="motcua_cmd", required=True,
                           metavar="due-soon|check|catalogue|register|indicators")
    sp = sub.add_parser("due-soon", help="hồ sơ chưa xong đến hạn trong 1 ngày làm việc (R-MC-15) hoặc đã quá hạn")
    sp.add_argument("--date", help="ngày kiểm tra YYYY-MM-DD (mặc định hôm nay)")
    sp = sub.add_parser("check", help="kiểm tra hằng ngày: dự thảo văn bản xin lỗi, báo hồ sơ quá hạn")
    sp.add_argument("--date")
    sp = sub.add_parser("catalogue", help="nạp danh mục thủ tục từ tệp JSON/CSV (mặc định: danh mục mẫu)")
    sp.add_argument("--file", help="tệp .json hoặc .csv")
    for name, help_ in (("register", "xuất sổ theo dõi hồ sơ (Mẫu 07)"), ("indicators", "xuất chỉ tiêu (CSV)")):
        sp = sub.add_parser(name, help=help_)
        sp.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
        sp.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
        sp.add_argument("--output", "-o", required=True, help="tệp kết quả (.csv hoặc .xlsx với register)")
        if name == "indicators":
            sp.add_argument("--by", choices=("month", "procedure"), default="month")




def _run(args: argparse.Namespace, ctx: CliContext) -> int:
    from thanthien.core.services import make_services

    from . import services as s

    db = ctx.db()
    services = make_services(ctx.settings, ctx.pm)
    with db.connection_context():
        cmd = args.motcua_cmd
        if cmd == "due-soon":
            today = date_arg(args.date)
            rows = s.due_soon(services, today)
            for d in rows:
                late = " QUÁ HẠN" if d.due_date and d.due_date < today else ""
                ctx.print(f"{d.code}\t{d.procedure_name}\t{d.state_label}\thạn {format_date(d.due_date)}"
                          f"\thẹn {format_datetime(d.appointment_at)}{late}")
            ctx.print(f"{len(rows)} hồ sơ cần xử lý gấp")
        elif cmd == "check":
            result = s.check_due(services, date_arg(args.date))
            ctx.print(f"{len(result['due_soon'])} hồ sơ sắp đến hạn hoặc quá hạn; "
                      f"{len(result['drafted'])} dự thảo văn bản xin lỗi chờ ký; "
                      f"{len(result['overdue'])} hồ sơ mới quá hạn")
        elif cmd == "catalogue":
            n = s.import_catalogue(args.file)
            ctx.print(f"Đã nạp {n} thủ tục vào danh mục")
        else:
            start, end = date_arg(args.start), date_arg(args.end)
            out = Path(args.output)
            if cmd == "register":
                data = (s.register_xlsx if out.suffix.lower() == ".xlsx" else s.register_csv)(services, start, end)
            else:
                data = s.indicator_csv(start, end, args.by)
            out.write_bytes(data)
            ctx.print(f"Đã ghi {out}")
    return 0
