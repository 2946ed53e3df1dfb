"""Core's ``thanthien`` sub-commands: init, plugins, migrate, audit, backup, restore,
rollups, cases, plus the calendar and rules commands of their own modules."""
from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
from pathlib import Path

from .cli import CliCommand, CliContext, date_arg
from .errors import ThanthienError


def core_commands() -> list[CliCommand]:
    from .calendar import cli_command as calendar_command
    from .rules import cli_command as rules_command

    return [
        CliCommand("init", "Tạo tệp cấu hình thanthien.toml có chú thích", _init_args, _init),
        CliCommand("plugins", "Liệt kê các phân hệ, phiên bản, hook và trạng thái bật/tắt", _no_args, _plugins),
        CliCommand("migrate", "Áp dụng các bản cập nhật cấu trúc cơ sở dữ liệu", _migrate_args, _migrate),
        CliCommand("audit", "Nhật ký kiểm toán: kiểm tra chuỗi băm, xem bản ghi", _audit_args, _audit),
        CliCommand("backup", "Sao lưu cơ sở dữ liệu SQLite (VACUUM INTO, kiểm tra bản sao)", _backup_args, _backup),
        CliCommand("restore", "Khôi phục cơ sở dữ liệu SQLite từ bản sao lưu đã kiểm tra", _restore_args, _restore),
        CliCommand("rollups", "Bảng tổng hợp cho bảng điều khiển: tính lại", _rollups_args, _rollups),
        CliCommand("cases", "Hồ sơ, vụ việc: sắp đến hạn, quá hạn", _cases_args, _cases),
        calendar_command(),
        rules_command(),
    ]


def _no_args(p: argparse.ArgumentParser) -> None:
    pass


# -- init ---------------------------------------------------------------------

def _init_args(p):
    p.add_argument("path", nargs="?", default="thanthien.toml")
    p.add_argument("--force", action="store_true", help="ghi đè tệp đã có")


def _init(args, ctx: CliContext):
    from .settings import SAMPLE_CONFIG

    path = Path(args.path)
    if path.exists() and not args.force:
        raise ThanthienError(f"Tệp {path} đã tồn tại; dùng --force để ghi đè.")
    path.write_text(SAMPLE_CONFIG, encoding="utf-8")
    ctx.print(f"Đã tạo {path}")


# -- plugins ------------------------------------------------------------------

def _plugins(args, ctx: CliContext):
    from .plugins import plugin_infos

    for info in plugin_infos(ctx.pm):
        state = "bật" if info.enabled else "tắt"
        kind = " (hệ thống)" if info.system else ""
        ctx.print(f"{info.name}\t{info.version}\t{state}{kind}\t{','.join(info.hooks)}")


# -- migrate ------------------------------------------------------------------

def _migrate_args(p):
    p.add_argument("--status", action="store_true", help="chỉ liệt kê bản cập nhật chưa áp dụng")


def _migrate(args, ctx: CliContext):
    from .storage.migrate import migrate_all, pending_migrations

    db = ctx.db(migrate=False)
    if args.status:
        pending = pending_migrations(db, ctx.pm, ctx.settings)
        for name in pending:
            ctx.print(name)
        ctx.print(f"{len(pending)} bản cập nhật chưa áp dụng")
        return 0
    applied = migrate_all(db, ctx.pm, ctx.settings)
    for name in applied:
        ctx.print(f"đã áp dụng {name}")
    ctx.print(f"{len(applied)} bản cập nhật đã áp dụng")


# -- audit --------------------------------------------------------------------

def _audit_args(p):
    sub = p.add_subparsers(dest="audit_cmd", required=True, metavar="verify|list")
    sub.add_parser("verify", help="kiểm tra toàn bộ chuỗi băm")
    ls = sub.add_parser("list", help="các bản ghi mới nhất")
    ls.add_argument("--limit", type=int, default=20)
    ls.add_argument("--entity")


def _audit(args, ctx: CliContext):
    from . import audit

    db = ctx.db()
    with db.connection_context():
        if args.audit_cmd == "verify":
            result = audit.verify_chain()
            for problem in result.problems:
                ctx.print(problem)
            if result.ok:
                ctx.print(f"Chuỗi nhật ký toàn vẹn: {result.checked} bản ghi")
                return 0
            ctx.print(f"Chuỗi nhật ký KHÔNG toàn vẹn: {len(result.problems)} lỗi / {result.checked} bản ghi")
            return 1
        for e in audit.entries(entity=args.entity, limit=args.limit):
            ctx.print(f"{e.seq}\t{e.at:%d/%m/%Y %H:%M:%S}\t{e.actor_name}\t{e.action}\t{e.entity}:{e.entity_id}")


# -- backup / restore ------------------------------------------------------------

def _sqlite_path(ctx: CliContext) -> Path:
    url = ctx.settings.database_url
    if not url.startswith("sqlite:///"):
        raise ThanthienError(
            "Lệnh này chỉ dùng cho SQLite. Với PostgreSQL hãy dùng: "
            "pg_dump --format=custom --file=thanthien-$(date +%F).dump <tên CSDL> "
            "và khôi phục bằng pg_restore --clean --dbname=<tên CSDL> <tệp>."
        )
    return Path(url.removeprefix("sqlite:///"))


def _backup_args(p):
    p.add_argument("path", help="tệp hoặc thư mục đích (thư mục: tạo tệp thanthien-YYYY-MM-DD-HHMMSS.db)")


def quick_check(path: Path) -> str:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        con.close()


def _backup(args, ctx: CliContext):
    source = _sqlite_path(ctx)
    if not source.exists():
        raise ThanthienError(f"Chưa có cơ sở dữ liệu tại {source}.")
    target = Path(args.path)
    if target.is_dir():
        target = target / f"thanthien-{dt.datetime.now():%Y-%m-%d-%H%M%S}.db"
    if target.exists():
        raise ThanthienError(f"Tệp {target} đã tồn tại; chọn tên khác.")
    target.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(str(source), timeout=30)
    try:
        # VACUUM INTO copies a consistent snapshot without blocking writers (DESIGN.md §8).
        con.execute("VACUUM INTO ?", (str(target),))
    except sqlite3.Error as exc:
        raise ThanthienError(f"Sao lưu thất bại: {exc}") from None
    finally:
        con.close()
    check = quick_check(target)
    if check != "ok":
        raise ThanthienError(f"Bản sao lưu {target} không đạt kiểm tra: {check}")
    ctx.print(f"Đã sao lưu vào {target} (kiểm tra: ok)")


def _restore_args(p):
    p.add_argument("path", help="tệp sao lưu")
    p.add_argument("--yes", action="store_true", help="không hỏi lại")


def _restore(args, ctx: CliContext):
    target = _sqlite_path(ctx)
    source = Path(args.path)
    if not source.is_file():
        raise ThanthienError(f"Không tìm thấy tệp sao lưu {source}.")
    try:
        check = quick_check(source)
        con = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        has_core = con.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='core_migrations'"
        ).fetchone()[0]
        con.close()
    except sqlite3.Error as exc:
        raise ThanthienError(f"Tệp {source} không phải cơ sở dữ liệu SQLite hợp lệ ({exc}).") from None
    if check != "ok":
        raise ThanthienError(f"Tệp {source} không đạt kiểm tra: {check}")
    if not has_core:
        raise ThanthienError(f"Tệp {source} không phải bản sao lưu của thanthien.")
    if not args.yes:
        raise ThanthienError("Khôi phục sẽ thay toàn bộ dữ liệu hiện tại; chạy lại với --yes để xác nhận.")
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        safety = target.parent / "backups" / f"truoc-khoi-phuc-{dt.datetime.now():%Y-%m-%d-%H%M%S}.db"
        safety.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(str(target), timeout=30)
        con.execute("VACUUM INTO ?", (str(safety),))
        con.close()
        ctx.print(f"Đã lưu dữ liệu hiện tại vào {safety}")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(str(target), timeout=30)
    try:
        src.backup(dst)  # page-by-page copy under the destination's write lock
    finally:
        src.close()
        dst.close()
    check = quick_check(target)
    ctx.print(f"Đã khôi phục từ {source} (kiểm tra: {check})")
    return 0 if check == "ok" else 1


# -- rollups ------------------------------------------------------------------------

def _rollups_args(p):
    sub = p.add_subparsers(dest="rollups_cmd", required=True, metavar="rebuild")
    sub.add_parser("rebuild", help="tính lại toàn bộ bảng tổng hợp từ dữ liệu gốc")


def _rollups(args, ctx: CliContext):
    from .cases import rebuild_rollups
    from .hooks import collect

    db = ctx.db()
    with db.connection_context():
        n = rebuild_rollups()
        ctx.print(f"core: {n} dòng tổng hợp hồ sơ")
        for rollup in collect(ctx.pm.hook.register_rollups, settings=ctx.settings):
            ctx.print(f"{rollup.name}: {rollup.rebuild()} dòng")


# -- cases ---------------------------------------------------------------------------

def _cases_args(p):
    sub = p.add_subparsers(dest="cases_cmd", required=True, metavar="due-soon|overdue|check")
    for name, help_ in (("due-soon", "hồ sơ đến hạn trong N ngày làm việc"),
                        ("overdue", "hồ sơ đã quá hạn"),
                        ("check", "đánh dấu hồ sơ mới quá hạn và báo cho các phân hệ")):
        sp = sub.add_parser(name, help=help_)
        sp.add_argument("--date", help="ngày kiểm tra YYYY-MM-DD (mặc định hôm nay)")
        sp.add_argument("--type", dest="case_type")
        if name == "due-soon":
            sp.add_argument("--working-days", type=int, default=1)




def _cases(args, ctx: CliContext):
    from .services import make_services

    db = ctx.db()
    services = make_services(ctx.settings, ctx.pm)
    today = date_arg(args.date)
    with db.connection_context():
        engine = services.cases
        if args.cases_cmd == "check":
            fired = engine.check_overdue(today)
            ctx.print(f"{len(fired)} hồ sơ mới quá hạn")
            return 0
        cases = (engine.due_soon(today, args.working_days) if args.cases_cmd == "due-soon"
                 else engine.overdue(today))
        if args.case_type:
            cases = [c for c in cases if c.case_type == args.case_type]
        for c in cases:
            ctx.print(f"{c.number}\t{c.case_type}\t{c.due_date:%Y-%m-%d}\t{c.state}\t{c.subject}")
        ctx.print(f"{len(cases)} hồ sơ")
