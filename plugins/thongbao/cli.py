"""``thanthien thongbao``: the staff digest (a daily job), the outbox, a test message, the
check of the outbox's kept counts against the messages."""
from __future__ import annotations

from thanthien.core.cli import DATE_ARG, CliCommand, Subcommand, arg, command_group


def digest(args, ctx) -> int:
    """Queue each handler's daily digest (cases due within a working day, overdue)."""
    import datetime as dt

    from thanthien.core.storage.db import write_transaction

    from . import services

    with ctx.session() as core, write_transaction():
        n = services.digest(core, args.date or dt.date.today())
    ctx.print(f"{n} tin tóm tắt cho cán bộ đã đưa vào hàng đợi")
    return 0


def outbox(args, ctx) -> int:
    """The latest messages: id, channel, state, kind, created (addresses masked, secrets hidden)."""
    from thanthien.core import outbox as core_outbox

    from .services.outboxes import search

    with ctx.session():
        rows = search(state=args.state, channel=args.channel, limit=args.limit)
        for row in rows:
            d = core_outbox.as_dict(row)
            ctx.print(f"{d['id']}\t{d['channel']}\t{d['state_label']}\t{d['kind']}\t"
                      f"{d['created_at']:%d/%m/%Y %H:%M}\t{d['recipient']}")
    ctx.print(f"{len(rows)} tin nhắn")
    return 0


def send_test(args, ctx) -> int:
    """Send a test message through one channel now (checks the ward's configuration)."""
    from thanthien.core.errors import ThanthienError

    from .services.outboxes import send_test as run

    with ctx.session() as core:
        ok, detail = run(core, args.channel, args.to, actor=None)
    if not ok:
        raise ThanthienError(detail)
    ctx.print(detail)
    return 0


def check_counts(args, ctx) -> int:
    """Recount the outbox per channel × state and compare with the kept counts (the outbox page's)."""
    from thanthien.core.outbox import OUTBOX_COUNTS
    from thanthien.core.rollups import report_mismatches

    with ctx.session():
        found = OUTBOX_COUNTS.mismatches()
    return report_mismatches(ctx, "core_outbox", found, "Số tin nhắn theo kênh và trạng thái khớp với hộp thư đi.")


def command() -> CliCommand:
    return command_group("thongbao", "Thông báo: tin nhắn tới người dân và cán bộ", [
        Subcommand("digest", "Gửi tin tóm tắt việc trong ngày cho cán bộ (chạy hằng ngày)", digest, args=(DATE_ARG,)),
        Subcommand("outbox", "Các tin nhắn gần nhất và trạng thái gửi", outbox, args=(
            arg("--state", default=None, help="chỉ một trạng thái (queued, sent, failed, unconfirmed …)"),
            arg("--channel", default=None, help="chỉ một kênh (email, sms, zalo, print)"),
            arg("--limit", type=int, default=50),
        )),
        Subcommand("send-test", "Gửi một tin thử qua một kênh để kiểm tra cấu hình", send_test, args=(
            arg("channel", help="kênh: email, sms, zalo, print"),
            arg("to", help="địa chỉ nhận (thư điện tử hoặc số điện thoại)"),
        )),
        Subcommand("check-counts", "Đối chiếu số tin nhắn theo kênh, trạng thái với hộp thư đi", check_counts,
                   aliases=("doi-chieu",)),
    ])
