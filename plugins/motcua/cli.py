"""``thanthien motcua …``: dossiers due soon, the daily check, the catalogue import, the
register (Mẫu 07) and indicator exports.

Options: ``--date`` (``--ngay``), ``--from``/``--to`` (``--tu``/``--den``), dates as
``YYYY-MM-DD`` or ``dd/mm/yyyy``.
"""
from __future__ import annotations

import attrs

from thanthien.core.cli import DATE_ARG, PERIOD_ARGS, CliCommand, Subcommand, arg, command_group
from thanthien.core.text import format_date, format_datetime

#: ``--from/--to`` (``--tu/--den``), both required
REQUIRED_PERIOD = tuple(attrs.evolve(a, options={**a.options, "required": True}) for a in PERIOD_ARGS)
OUTPUT_ARG = arg("--output", "-o", required=True, help="tệp kết quả (.csv; .xlsx với register)")


def due_soon(args, ctx) -> int:
    """Open dossiers due within one working day (R-MC-15) or already late."""
    import datetime as dt

    from . import services

    today = args.date or dt.date.today()
    with ctx.session() as core:
        rows = services.due_soon(core, today, limit=100000)
    for d in rows:
        late = " QUÁ HẠN" if d.due_date and d.due_date < today else ""
        ctx.print(f"{d.code}\t{d.procedure_name}\t{d.state_label}\thạn {format_date(d.due_date)}"
                  f"\thẹn {format_datetime(d.appointment_at)}{late}")
    ctx.print(f"{len(rows)} hồ sơ cần xử lý gấp")
    return 0


def check(args, ctx) -> int:
    """The daily check: draft apologies (Mẫu 04), report newly late dossiers."""
    import datetime as dt

    from . import services

    with ctx.session() as core:
        result = services.check_due(core, args.date or dt.date.today())
    ctx.print(f"{len(result['due_soon'])} hồ sơ sắp đến hạn hoặc quá hạn; "
              f"{len(result['drafted'])} dự thảo văn bản xin lỗi chờ ký; "
              f"{len(result['overdue'])} hồ sơ mới quá hạn")
    return 0


def remind(args, ctx) -> int:
    """The daily appointment reminders: tomorrow's bookings (issue 14)."""
    import datetime as dt

    from .services.appointments import remind_tomorrow

    with ctx.session() as core:
        asked = remind_tomorrow(core, args.date or dt.date.today())
    ctx.print(f"{len(asked)} lịch hẹn ngày mai được nhắc")
    return 0


def catalogue(args, ctx) -> int:
    """Import the procedure catalogue from a JSON/CSV file (default: the sample)."""
    from . import services

    with ctx.session() as core:
        n = services.import_catalogue(core, args.file)
    ctx.print(f"Đã nạp {n} thủ tục vào danh mục")
    return 0


def register(args, ctx) -> int:
    """Export the register (Mẫu 07) as CSV or Excel."""
    from pathlib import Path

    from . import services

    out = Path(args.output)
    with ctx.session() as core:
        export = services.register_xlsx if out.suffix.lower() == ".xlsx" else services.register_csv
        data = export(core, args.start, args.end)
    out.write_bytes(data)
    ctx.print(f"Đã ghi {out}")
    return 0


def indicators(args, ctx) -> int:
    """Export the indicators per month or per procedure (CSV)."""
    from pathlib import Path

    from . import services

    out = Path(args.output)
    with ctx.session() as core:
        data = services.indicator_csv(core, args.start, args.end, args.by)
    out.write_bytes(data)
    ctx.print(f"Đã ghi {out}")
    return 0


def command() -> CliCommand:
    return command_group("motcua", "Thủ tục hành chính một cửa: hồ sơ sắp đến hạn, danh mục, sổ theo dõi, chỉ tiêu", [
        Subcommand("due-soon", "hồ sơ chưa xong đến hạn trong 1 ngày làm việc (R-MC-15) hoặc đã quá hạn", due_soon,
                   args=(DATE_ARG,)),
        Subcommand("check", "kiểm tra hằng ngày: dự thảo văn bản xin lỗi, báo hồ sơ quá hạn", check,
                   args=(DATE_ARG,)),
        Subcommand("remind", "nhắc người dân lịch hẹn ngày mai (người đã đồng ý nhận tin)", remind,
                   args=(DATE_ARG,)),
        Subcommand("catalogue", "nạp danh mục thủ tục từ tệp JSON/CSV (mặc định: danh mục mẫu)", catalogue,
                   args=(arg("--file", help="tệp .json hoặc .csv"),)),
        Subcommand("register", "xuất sổ theo dõi hồ sơ (Mẫu 07)", register, args=(*REQUIRED_PERIOD, OUTPUT_ARG)),
        Subcommand("indicators", "xuất chỉ tiêu (CSV)", indicators,
                   args=(*REQUIRED_PERIOD, OUTPUT_ARG,
                         arg("--by", choices=("month", "procedure"), default="month",
                             help="tổng hợp theo tháng hoặc theo thủ tục"))),
    ])
