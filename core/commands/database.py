"""The ward database from the command line: ``migrate [--status|--check]``, ``backup``, ``restore``.

Heavy imports (the ORM, the migration runner) happen inside the commands, so
``thanthien --help`` stays fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
from pathlib import Path

from ..cli import CliCommand, CliContext
from ..errors import ThanthienError
from ..hooks import collect


def migrate_command() -> CliCommand:
    return CliCommand("migrate", "Áp dụng các bản cập nhật cấu trúc cơ sở dữ liệu", _migrate_args, _migrate)


def backup_command() -> CliCommand:
    return CliCommand("backup", "Sao lưu cơ sở dữ liệu SQLite (VACUUM INTO, kiểm tra bản sao)", _backup_args, _backup)


def restore_command() -> CliCommand:
    return CliCommand("restore", "Khôi phục cơ sở dữ liệu SQLite từ bản sao lưu đã kiểm tra", _restore_args, _restore)


# -- migrate ------------------------------------------------------------------


def _migrate_args(p: argparse.ArgumentParser) -> None:
    what = p.add_mutually_exclusive_group()
    what.add_argument("--status", action="store_true", help="chỉ liệt kê bản cập nhật chưa áp dụng")
    what.add_argument(
        "--check",
        action="store_true",
        help="so cấu trúc cơ sở dữ liệu với các mô hình đã khai báo (register_models), "
        "không thay đổi gì; mã thoát 1 khi có sai lệch",
    )


def _migrate(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..storage.migrate import migrate_all, pending_migrations

    db = ctx.db(migrate=False)
    if args.check:
        return _check(db, ctx)
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
    return 0


def _check(db, ctx: CliContext) -> int:
    """``migrate --check``: every model declared with ``register_models`` against the
    database; one line per missing table or column, exit 1 on drift."""
    from ..storage.migrate import pending_migrations, schema_drift

    models = collect(ctx.pm.hook.register_models, settings=ctx.settings)
    problems = schema_drift(db, models)
    for problem in problems:
        ctx.print(problem)
    if not problems:
        ctx.print(f"Cấu trúc cơ sở dữ liệu khớp với {len(models)} mô hình đã khai báo.")
        return 0
    pending = pending_migrations(db, ctx.pm, ctx.settings)
    hint = f" ({len(pending)} bản cập nhật chưa áp dụng: chạy 'thanthien migrate')" if pending else ""
    ctx.print(f"{len(problems)} sai lệch giữa cơ sở dữ liệu và các mô hình đã khai báo{hint}.")
    return 1


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


def _backup_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="tệp hoặc thư mục đích (thư mục: tạo tệp thanthien-YYYY-MM-DD-HHMMSS.db)")


def quick_check(path: Path) -> str:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        con.close()


def _backup(args: argparse.Namespace, ctx: CliContext) -> None:
    source = _sqlite_path(ctx)
    if not source.exists():
        raise ThanthienError(f"Chưa có cơ sở dữ liệu tại {source}.")
    target = Path(args.path)
    if args.path.endswith(("/", "\\")):
        target.mkdir(parents=True, exist_ok=True)  # a folder named with its final slash (the daily job)
    if target.is_dir():
        target = target / f"thanthien-{dt.datetime.now():%Y-%m-%d-%H%M%S}.db"
    if target.exists():
        raise ThanthienError(f"Tệp {target} đã tồn tại; chọn tên khác.")
    target.parent.mkdir(parents=True, exist_ok=True)
    # 0600 from the first byte: VACUUM INTO accepts an existing empty file (issue 10 item 4)
    fd = os.open(str(target), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    con = sqlite3.connect(str(source), timeout=30)
    try:
        # VACUUM INTO copies a consistent snapshot without blocking writers
        # (docs/architecture.md, "Storage and migrations").
        con.execute("VACUUM INTO ?", (str(target),))
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise ThanthienError(f"Sao lưu thất bại: {exc}") from None
    finally:
        con.close()
    check = quick_check(target)
    if check != "ok":
        raise ThanthienError(f"Bản sao lưu {target} không đạt kiểm tra: {check}")
    ctx.print(f"Đã sao lưu vào {target} (kiểm tra: ok)")


def _restore_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="tệp sao lưu")
    p.add_argument("--yes", action="store_true", help="không hỏi lại")


def _restore(args: argparse.Namespace, ctx: CliContext) -> int:
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
        os.close(os.open(str(safety), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
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
    if check != "ok":
        return 1
    point = _restore_checkpoint(target, ctx)
    if point is not None:
        ctx.print(f"Đã ghi điểm kiểm tra sau khôi phục: {point['seq']} bản ghi nhật ký")
    return 0


def _restore_checkpoint(path: Path, ctx: CliContext) -> dict | None:
    """The restored audit log is older than the last checkpoint: a checkpoint signed with
    the key (held by whoever restores) says so, read with sqlite3 so the restored file is
    left exactly as it was backed up (issue 10 item 4)."""
    from .. import audit

    con = sqlite3.connect(str(path))
    try:
        columns = {r[1] for r in con.execute("PRAGMA table_info(core_audit)")}
        if not columns:
            return None
        head = con.execute("SELECT seq, hash FROM core_audit ORDER BY seq DESC LIMIT 1").fetchone()
        plain_where = "mac IS NULL OR mac = ''" if "mac" in columns else "1 = 1"
        plain = con.execute(f"SELECT max(seq) FROM core_audit WHERE {plain_where}").fetchone()[0]
    finally:
        con.close()
    ring = audit.Keyring(audit.load_key(ctx.settings.audit_key_file), ctx.settings.audit_checkpoint_file)
    seq, head_hash = head if head else (0, audit.GENESIS)
    return audit.append_checkpoint(ring, seq, head_hash, plain or 0, restore=True)
