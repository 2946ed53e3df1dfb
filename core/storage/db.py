"""Database access: one ``DatabaseProxy`` every model binds to (docs/architecture.md, "Storage and migrations").

SQLite by default (a file in the data directory), PostgreSQL by URL. Facts behind the
choices are in docs/architecture.md ("Measured choices"): WAL is set once when the file is created; each connection
sets only ``busy_timeout``, ``foreign_keys`` and ``synchronous``; every SQLite
transaction begins ``IMMEDIATE`` so that writers queue on ``busy_timeout`` instead of
failing with "database is locked".
"""
from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import peewee
from playhouse.db_url import connect as url_connect

from ..errors import ThanthienError

database_proxy = peewee.DatabaseProxy()

SQLITE_PRAGMAS = {
    "foreign_keys": 1,
    "busy_timeout": 30000,
    "synchronous": "NORMAL",
}


class BaseModel(peewee.Model):
    """Base of every thanthien table. Tables are named explicitly, prefixed by owner.

    The annotations below only tell type checkers what peewee adds at run time (the
    auto-increment ``id``; a foreign key ``unit`` also gives ``unit_id``): peewee reads
    fields, not annotations.
    """

    id: Any  # an int on a row, a field (``Row.id.desc()``) on the class

    class Meta:
        database = database_proxy
        legacy_table_names = False


class JSONField(peewee.TextField):
    """JSON stored as text: portable across SQLite and PostgreSQL."""

    def db_value(self, value: Any) -> str | None:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_default)

    def python_value(self, value: str | None) -> Any:
        if value is None:
            return None
        return json.loads(value)


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def is_sqlite(db: peewee.Database | None = None) -> bool:
    db = db or database_proxy.obj
    return isinstance(db, peewee.SqliteDatabase)


def is_postgres(db: peewee.Database | None = None) -> bool:
    db = db or database_proxy.obj
    return isinstance(db, peewee.PostgresqlDatabase)


def open_database(url: str, *, initialize_proxy: bool = True) -> peewee.Database:
    """Connect to ``url`` (``sqlite:///path`` or ``postgresql://…``) and bind the proxy."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
            _private_file(path)
        db = peewee.SqliteDatabase(
            str(path), pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE", check_same_thread=False
        )
        if str(path) != ":memory:":
            _ensure_wal(db)
    elif url.startswith(("postgresql://", "postgres://", "psycopg3://")):
        url = "psycopg3://" + url.split("://", 1)[1]
        try:
            db = url_connect(url, autoconnect=True)
        except Exception as exc:  # noqa: BLE001 - the driver is missing or fails to load
            raise ThanthienError(
                f"Không kết nối được PostgreSQL ({exc}); cài gói tùy chọn: pip install 'thanthien[postgres]'"
            ) from None
    else:
        raise ThanthienError(f"Địa chỉ cơ sở dữ liệu không được hỗ trợ: {url}")
    if initialize_proxy:
        database_proxy.initialize(db)
    return db


def _private_file(path: Path) -> None:
    """The database file readable by its owner only (0600): created so, or tightened.
    SQLite gives its -wal and -shm files the database file's permissions."""
    try:
        fd = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    except FileExistsError:
        try:
            if path.stat().st_mode & 0o077:
                path.chmod(0o600)
        except OSError:  # not ours: left as is
            pass


def _ensure_wal(db: peewee.SqliteDatabase) -> None:
    """Set journal_mode=WAL once; it persists in the file (docs/architecture.md)."""
    with db.connection_context():
        mode = db.execute_sql("PRAGMA journal_mode").fetchone()[0]
        if mode.lower() != "wal":
            db.execute_sql("PRAGMA journal_mode=wal")


@contextmanager
def write_transaction(db: peewee.Database | None = None) -> Iterator[None]:
    """A transaction that will write. On SQLite it begins IMMEDIATE (see module doc)."""
    db = db or database_proxy.obj
    with db.atomic():
        yield


def now() -> dt.datetime:
    """Local wall-clock time of the ward (naive, Vietnam time on a ward server)."""
    return dt.datetime.now().replace(microsecond=0)
