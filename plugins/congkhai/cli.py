"""``thanthien congkhai …``: compliance check, quarterly register, announcer script,
social-group text, information-request register."""
from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from thanthien.core.cli import CliCommand, CliContext, date_arg
from thanthien.core.text import format_date

from . import exports, services




def _configure(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="congkhai_cmd", required=True, metavar="check|register|script|social|requests")
    c = sub.add_parser("check", help="kiểm tra việc công khai: còn thiếu, chậm, gỡ sớm, chưa cập nhật")
    c.add_argument("--date", help="ngày kiểm tra YYYY-MM-DD (mặc định hôm nay)")
    c.add_argument("--json", action="store_true", help="xuất JSON")
    r = sub.add_parser("register", help="danh mục thông tin công khai hằng quý (in, đăng tải)")
    r.add_argument("--year", type=int, required=True)
    r.add_argument("--quarter", type=int, required=True)
    r.add_argument("--out", help="ghi tệp HTML để in")
    s = sub.add_parser("script", help="bản tin cho phát thanh viên (loa truyền thanh)")
    s.add_argument("notice_id", type=int)
    s.add_argument("--start", help="ngày phát đầu tiên YYYY-MM-DD")
    z = sub.add_parser("social", help="nội dung dán vào nhóm Zalo/Facebook tổ dân phố")
    z.add_argument("notice_id", type=int)
    q = sub.add_parser("requests", help="sổ theo dõi cung cấp thông tin theo yêu cầu")
    q.add_argument("--year", type=int, default=dt.date.today().year)


def _run(args: argparse.Namespace, ctx: CliContext) -> int:
    from thanthien.core.services import make_services

    db = ctx.db()
    svc = make_services(ctx.settings, ctx.pm)
    with db.connection_context():
        if args.congkhai_cmd == "check":
            return _check(svc, ctx, date_arg(args.date), args.json)
        if args.congkhai_cmd == "register":
            reg = services.disclosure_register(svc, args.year, args.quarter)
            if args.out:
                Path(args.out).write_text(exports.register_html(svc, reg), encoding="utf-8")
                ctx.print(f"Đã ghi {args.out} ({len(reg['rows'])} nội dung)")
            else:
                ctx.print(f"DANH MỤC THÔNG TIN CÔNG KHAI QUÝ {reg['quarter']}/{reg['year']}")
                for i, row in enumerate(reg["rows"], 1):
                    ctx.print(f"{i}\tmục {row['item_no']}\t{row['title']}\t{row['published_on']}\t"
                              f"{row['duration']}\t{row['status']}\t{'; '.join(row['forms'])}")
            return 0
        if args.congkhai_cmd == "script":
            notice = services.notice_service_get(args.notice_id)
            ctx.out.write(exports.loudspeaker_script(svc, notice, date_arg(args.start) if args.start else None))
            return 0
        if args.congkhai_cmd == "social":
            notice = services.notice_service_get(args.notice_id)
            ctx.out.write(exports.social_text(svc, notice, ctx.settings.web.base_url))
            return 0
        rows = services.request_register(svc, args.year)
        ctx.print(f"SỔ THEO DÕI CUNG CẤP THÔNG TIN THEO YÊU CẦU NĂM {args.year}")
        for r in rows:
            ctx.print(f"{r['number']}\t{r['received_on']}\t{r['channel']}\t{r['info_requested']}\t"
                      f"hạn {r['due_date']}\t{r['state']}\t{r['closed_on']}")
        return 0


def _check(svc, ctx: CliContext, today: dt.date, as_json: bool) -> int:
    report = services.check(svc, today)
    if as_json:
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
        low = [g for g in report.groups if g.percent < 100]
        for g in low:
            ctx.print(f"  {g.name}: {g.done}/{g.required} ({g.percent:g}%)")
    return 1 if report.gaps else 0


def command() -> CliCommand:
    return CliCommand("congkhai", "Công khai thông tin: kiểm tra, danh mục hằng quý, bản tin loa, sổ theo dõi",
                      _configure, _run)

