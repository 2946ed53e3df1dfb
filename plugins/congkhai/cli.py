"""``thanthien congkhai …``: the compliance check (a daily job, exit 1 when gaps), the
quarterly register (print, CSV, XLSX), the announcer's script, the social-group text,
the information-request register, and the module's indicators over a period."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from thanthien.core.cli import DATE_ARG, PERIOD_ARGS, CliCommand, Subcommand, arg, command_group, date_option
from thanthien.core.text import format_date


def check(args, ctx) -> int:
    """Everything missing, late, removed early or out of date (exit status 1 when gaps)."""
    from thanthien.core.types import SYSTEM_ACTOR

    from . import services

    today = args.date or dt.date.today()
    with ctx.session() as core:
        report = services.check(core, today, actor=SYSTEM_ACTOR)
    if args.json:
        ctx.print(json.dumps({
            "date": today.isoformat(),
            "gaps": [{"kind": g.kind, "notice_id": g.notice_id, "category": g.category, "rule_ids": list(g.rule_ids),
                      "place": g.place, "unit_id": g.unit_id, "message": g.message} for g in report.gaps],
            "pending": len(report.pending),
            "expiring": [{"notice_id": p.notice_id, "kind": p.kind, "unit_id": p.unit_id,
                          "posted_on": p.posted_on.isoformat()} for p in report.expiring],
            "groups": [{"unit_id": g.unit_id, "name": g.name, "required": g.required, "done": g.done,
                        "percent": g.percent} for g in report.groups],
        }, ensure_ascii=False, indent=2))
    else:
        ctx.print(f"KIỂM TRA VIỆC CÔNG KHAI NGÀY {format_date(today)}")
        for g in report.gaps:
            title = report.notices[g.notice_id].title if g.notice_id else "—"
            ctx.print(f"[{', '.join(g.rule_ids)}] {g.label}: {title}: {g.message}")
        ctx.print(f"{len(report.gaps)} thiếu sót; {len(report.pending)} việc đang chờ thực hiện; "
                  f"{len(report.expiring)} nơi sắp đủ thời hạn niêm yết")
        for g in report.groups:
            if g.percent < 100:
                ctx.print(f"  {g.name}: {g.done}/{g.required} ({g.percent:g}%)")
    return 1 if report.gaps else 0


def register(args, ctx) -> int:
    """R-CK-08: the quarterly register, on screen or written to an HTML, CSV or XLSX file."""
    from thanthien.core.types import SYSTEM_ACTOR

    from . import exports, services

    with ctx.session() as core:
        reg = services.disclosure_register(core, args.year, args.quarter, actor=SYSTEM_ACTOR)
        if args.out:
            out = Path(args.out)
            suffix = out.suffix.lower()
            if suffix == ".csv":
                out.write_bytes(exports.register_csv(reg))
            elif suffix == ".xlsx":
                out.write_bytes(exports.register_xlsx(reg))
            else:
                out.write_text(exports.register_html(core, reg), encoding="utf-8")
            ctx.print(f"Đã ghi {args.out} ({len(reg.rows)} nội dung)")
            return 0
    ctx.print(f"DANH MỤC THÔNG TIN CÔNG KHAI QUÝ {reg.quarter}/{reg.year}")
    for i, row in enumerate(reg.rows, 1):
        ctx.print(f"{i}\tmục {row.item_no}\t{row.title}\t{row.published_on}\t{row.duration}\t{row.status}\t"
                  f"{'; '.join(row.forms)}")
    return 0


def script(args, ctx) -> int:
    """The announcer's text of a notice with its broadcast schedule (R-CK-09)."""
    from . import exports, services

    with ctx.session() as core:
        ctx.out.write(exports.loudspeaker_script(core, services.get_notice(args.notice_id), args.start))
    return 0


def social(args, ctx) -> int:
    """The text to paste into the residential groups' Zalo/Facebook groups."""
    from . import exports, services

    with ctx.session() as core:
        ctx.out.write(exports.social_text(core, services.get_notice(args.notice_id), services.public_base(core)))
    return 0


def requests(args, ctx) -> int:
    """R-TT-07: the information-request register of a year (requesters masked)."""
    from thanthien.core.types import SYSTEM_ACTOR

    from . import services

    with ctx.session() as core:
        rows = services.request_register(core, args.year, actor=SYSTEM_ACTOR)
    ctx.print(f"SỔ THEO DÕI CUNG CẤP THÔNG TIN THEO YÊU CẦU NĂM {args.year}")
    for r in rows:
        ctx.print(f"{r.number}\t{r.received_on}\t{r.channel}\t{r.info_requested}\t"
                  f"hạn {r.due_date}\t{r.state}\t{r.closed_on}")
    return 0


def indicators(args, ctx) -> int:
    """The module's indicators over ``--from/--to`` (default: this year so far)."""
    today = dt.date.today()
    start, end = args.start or dt.date(today.year, 1, 1), args.end or today
    with ctx.session() as core:
        ctx.print(f"CHỈ TIÊU CÔNG KHAI TỪ {format_date(start)} ĐẾN {format_date(end)}")
        for ind, value in core.indicators.values(start, end, plugin="congkhai"):
            shown = "—" if value is None else f"{value:g}"
            ctx.print(f"{ind.key}\t{ind.label}\t{shown}\t{ind.unit}")
    return 0


def command() -> CliCommand:
    return command_group("congkhai", "Công khai thông tin: kiểm tra, danh mục hằng quý, bản tin loa, sổ theo dõi", [
        Subcommand("check", "Kiểm tra việc công khai: còn thiếu, chậm, gỡ sớm, chưa cập nhật", check,
                   args=(DATE_ARG, arg("--json", action="store_true", help="xuất JSON")), aliases=("kiem-tra",)),
        Subcommand("register", "Danh mục thông tin công khai hằng quý (in, đăng tải; .html, .csv, .xlsx)", register,
                   args=(arg("--year", "--nam", dest="year", type=int, required=True),
                         arg("--quarter", "--quy", dest="quarter", type=int, required=True),
                         arg("--out", help="ghi tệp để in (.html) hoặc bảng tính (.csv, .xlsx)")),
                   aliases=("danh-muc",)),
        Subcommand("script", "Bản tin cho phát thanh viên (loa truyền thanh)", script,
                   args=(arg("notice_id", type=int),
                         arg("--start", type=date_option, default=None, help="ngày phát đầu tiên YYYY-MM-DD")),
                   aliases=("ban-tin-loa",)),
        Subcommand("social", "Nội dung dán vào nhóm Zalo/Facebook tổ dân phố", social,
                   args=(arg("notice_id", type=int),), aliases=("mang-xa-hoi",)),
        Subcommand("requests", "Sổ theo dõi cung cấp thông tin theo yêu cầu", requests,
                   args=(arg("--year", "--nam", dest="year", type=int, default=dt.date.today().year),),
                   aliases=("yeu-cau",)),
        Subcommand("indicators", "Chỉ tiêu của phân hệ công khai trong một khoảng thời gian", indicators,
                   args=PERIOD_ARGS, aliases=("chi-tieu",)),
    ])
