"""``thanthien calendar due | holidays | check``: the working calendar from the command line.

Output contracts (scripts read them): ``due`` prints the due date ``YYYY-MM-DD`` on its
last line; ``holidays`` prints ``YYYY-MM-DD<TAB>kind<TAB>name[<TAB>provisional]`` per
special date.
"""

from __future__ import annotations

import argparse
import datetime
import re
from typing import TYPE_CHECKING

from ..cli import CliCommand, CliContext
from ..errors import CalendarError

if TYPE_CHECKING:
    from ..calendar import WorkingCalendar

_START = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HHMM = re.compile(r"^\d{1,2}:\d{2}$")


def _parse_start(text: str) -> datetime.datetime:
    from ..calendar import check_year

    if _START.match(text):
        try:
            value = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M")
        except ValueError:
            pass
        else:
            check_year(value.year)
            return value
    raise CalendarError(
        f"Thời điểm tiếp nhận '{text}' không hợp lệ; dùng dạng YYYY-MM-DDTHH:MM, ví dụ 2026-02-13T15:00."
    )


def _parse_date(text: str) -> datetime.date:
    from ..calendar import check_year

    if _DATE.match(text):
        try:
            value = datetime.date.fromisoformat(text)
        except ValueError:
            pass
        else:
            check_year(value.year)
            return value
    raise CalendarError(f"Ngày '{text}' không hợp lệ; dùng dạng YYYY-MM-DD, ví dụ 2026-02-17.")


def _parse_n(text: str) -> int:
    if not re.fullmatch(r"\d+", text.strip()):
        raise CalendarError(f"Số ngày '{text}' không hợp lệ; phải là số nguyên không âm.")
    return int(text)


def _parse_cutoff(text: str) -> datetime.time:
    if _HHMM.match(text):
        h, m = (int(x) for x in text.split(":"))
        if 0 <= h <= 23 and 0 <= m <= 59:
            return datetime.time(h, m)
    raise CalendarError(f"Giờ chốt '{text}' không hợp lệ; dùng dạng HH:MM, ví dụ 15:00.")


def _parse_year(text: str) -> int:
    from ..calendar import MAX_YEAR, MIN_YEAR, check_year

    if not re.fullmatch(r"\d{4}", text.strip()):
        raise CalendarError(f"Năm '{text}' không hợp lệ; phải là năm từ {MIN_YEAR} đến {MAX_YEAR}.")
    year = int(text)
    check_year(year)
    return year


def _calendar_for(ctx: CliContext) -> WorkingCalendar:
    """The ward's calendar: a plugin's ``working_calendar_for_ward`` first, else core's."""
    from ..calendar import load_calendar

    cal = None
    pm = getattr(ctx, "pm", None)
    if pm is not None and hasattr(pm.hook, "working_calendar_for_ward"):
        cal = pm.hook.working_calendar_for_ward(settings=ctx.settings)
    return cal if cal is not None else load_calendar(ctx.settings)


def _configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="calendar_command", metavar="LỆNH", required=True)

    due = sub.add_parser(
        "due",
        help="tính hạn giải quyết từ thời điểm tiếp nhận",
        description=(
            "Tính hạn: N ngày làm việc (ngày làm việc thứ N sau ngày tiếp nhận tính hạn) "
            "hoặc N ngày (tính từ ngày kế tiếp; ngày cuối là ngày nghỉ thì lùi sang ngày "
            "làm việc kế tiếp). Dòng cuối in ra là hạn, dạng YYYY-MM-DD."
        ),
    )
    due.add_argument("start", metavar="START", help="thời điểm tiếp nhận, dạng YYYY-MM-DDTHH:MM")
    period = due.add_mutually_exclusive_group(required=True)
    period.add_argument("--working-days", metavar="N", help="thời hạn tính bằng ngày làm việc")
    period.add_argument("--days", metavar="N", help="thời hạn tính bằng ngày (ngày lịch)")
    cut = due.add_mutually_exclusive_group()
    cut.add_argument(
        "--cutoff",
        metavar="HH:MM",
        default=None,
        help="giờ chốt tiếp nhận trong ngày, sau giờ này tính từ ngày làm việc kế tiếp "
        "(mặc định: tham số R-MC-12.cutoff đang áp dụng, 15:00)",
    )
    cut.add_argument("--no-cutoff", action="store_true", help="không áp dụng giờ chốt")

    hol = sub.add_parser(
        "holidays",
        help="liệt kê ngày nghỉ lễ, nghỉ bù, làm bù của một năm",
        description="Mỗi dòng: YYYY-MM-DD<TAB>loại<TAB>tên[<TAB>provisional].",
    )
    hol.add_argument("year", metavar="YEAR", help="năm, từ 1900 đến 2199")

    chk = sub.add_parser("check", help="cho biết một ngày có phải ngày làm việc không")
    chk.add_argument("date", metavar="DATE", help="ngày, dạng YYYY-MM-DD")


def _run(args: argparse.Namespace, ctx: CliContext) -> int:
    action = args.calendar_command
    if action == "due":
        return _run_due(args, ctx)
    if action == "holidays":
        return _run_holidays(args, ctx)
    return _run_check(args, ctx)


def _run_due(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..rules import load_rulebook

    start = _parse_start(args.start)
    if args.no_cutoff:
        cutoff = None
    elif args.cutoff is not None:
        cutoff = _parse_cutoff(args.cutoff)
    else:  # R-MC-12: the cut-off in force on the day of receipt
        cutoff = _parse_cutoff(str(load_rulebook(ctx.settings, ctx.pm).value("R-MC-12.cutoff", start)))
    cal = _calendar_for(ctx)
    r = cal.receipt_day(start, cutoff)
    if args.working_days is not None:
        n = _parse_n(args.working_days)
        due = cal.add_working_days(start, n, cutoff)
        period = f"{n} ngày làm việc"
    else:
        n = _parse_n(args.days)
        due = cal.add_days(start, n, cutoff)
        period = f"{n} ngày"
    cut_text = f"giờ chốt {cutoff:%H:%M}" if cutoff is not None else "không áp dụng giờ chốt"
    provisional = [y for y in range(r.year, due.year + 1) if cal.is_provisional(y)]
    warn = (
        f"; lưu ý: năm {', '.join(map(str, provisional))} chưa có lịch nghỉ chính thức, hạn là tạm tính"
        if provisional
        else ""
    )
    ctx.print(
        f"Tiếp nhận {start:%Y-%m-%d %H:%M} ({cut_text}), ngày tính hạn {r.isoformat()}; "
        f"thời hạn {period}; hạn giải quyết{warn}:"
    )
    ctx.print(due.isoformat())
    return 0


def _run_holidays(args: argparse.Namespace, ctx: CliContext) -> int:
    year = _parse_year(args.year)
    cal = _calendar_for(ctx)
    for s in cal.special_days(year):
        cols = [s.date.isoformat(), s.kind, s.name]
        if s.provisional:
            cols.append("provisional")
        ctx.print("\t".join(cols))
    return 0


def _run_check(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..calendar import KIND_LABELS, WEEKDAYS_VI

    d = _parse_date(args.date)
    cal = _calendar_for(ctx)
    special = cal.special_day(d)
    head = f"{d.isoformat()} ({WEEKDAYS_VI[d.weekday()]})"
    if cal.is_working_day(d):
        text = "là ngày làm việc"
        if special is not None:
            text += f" ({KIND_LABELS[special.kind]}: {special.name})"
    else:
        text = "là ngày nghỉ"
        text += f" ({KIND_LABELS[special.kind]}: {special.name})" if special else " (nghỉ cuối tuần)"
    if cal.is_provisional(d.year):
        text += f"; năm {d.year} chưa có lịch nghỉ chính thức, kết quả là tạm tính"
    ctx.print(f"{head} {text}.")
    return 0


def cli_command() -> CliCommand:
    """The ``thanthien calendar`` command (``due``, ``holidays``, ``check``)."""
    return CliCommand(
        name="calendar",
        help="lịch làm việc: tính hạn, ngày nghỉ lễ, kiểm tra ngày làm việc",
        configure=_configure,
        run=_run,
    )
