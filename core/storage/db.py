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
        db = peewee.SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE", check_same_thread=False)
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
def pipelined(db: peewee.Database | None = None) -> Iterator[None]:
    """Statements run inside the block are sent without waiting for each answer
    (PostgreSQL's pipeline mode); they are executed in order, and the first result read
    (``fetchone``) — or the end of the block — waits for all of them: one round trip for
    several statements. On SQLite (in-process, no round trips) it does nothing."""
    db = db or database_proxy.obj
    if not is_postgres(db):
        yield
        return
    with db.connection().pipeline():  # type: ignore[attr-defined]
        yield


@contextmanager
def write_transaction(db: peewee.Database | None = None) -> Iterator[None]:
    """A transaction that will write. On SQLite it begins IMMEDIATE (see module doc)."""
    db = db or database_proxy.obj
    with db.atomic():
        yield


# ---------------------------------------------------------------------------
# statements built once (issue 16): hot fixed-shape SQL (a case opened, its event, an
# audit entry, a rollup count, a look-up) has its text built on first use per kind of
# database and is then run with new parameters, instead of peewee composing the same
# text again on every call.
# ---------------------------------------------------------------------------


class Insert:
    """``INSERT INTO <table> (<columns>) VALUES (…)`` of ``model``'s fields ``names``.

    :meth:`run` converts each value with its field's ``db_value`` (as the ORM does) and
    returns the new row's id (``RETURNING`` on PostgreSQL, the row id on SQLite). Every
    field of the model missing from ``names`` takes its column default.
    """

    def __init__(self, model: type[peewee.Model], names: tuple[str, ...], *, returning: str | None = "id") -> None:
        self.model = model
        self.names = names
        self.fields = [model._meta.fields[n] for n in names]
        self.returning = returning
        self._sql: dict[type, str] = {}

    def sql(self, db: peewee.Database) -> str:
        text = self._sql.get(type(db))
        if text is None:
            columns = ", ".join(f'"{f.column_name}"' for f in self.fields)
            marks = ", ".join([db.param] * len(self.fields))
            text = f'INSERT INTO "{self.model._meta.table_name}" ({columns}) VALUES ({marks})'
            if self.returning and not is_sqlite(db):
                text += f' RETURNING "{self.model._meta.fields[self.returning].column_name}"'
            self._sql[type(db)] = text
        return text

    def run(self, **values: Any) -> int:
        """Insert one row; its id (0 for a statement without ``returning``)."""
        db = database_proxy.obj
        params = [f.db_value(values[f.name]) for f in self.fields]
        cursor = db.execute_sql(self.sql(db), params)
        if not self.returning:
            return 0
        return int(cursor.lastrowid) if is_sqlite(db) else int(cursor.fetchone()[0])


class Param:
    """A named parameter of a :class:`Compiled` query (its value is passed as is)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Param({self.name!r})"


class Compiled:
    """A SELECT whose shape never changes, compiled once per kind of database.

    ``build`` returns the peewee query with ``peewee.Value(Param("code"),
    converter=False)`` where a value changes; :meth:`rows` runs the kept text with the
    values given by name and hydrates rows as the query would (joins included)::

        BY_CODE = Compiled(lambda: Row.select().where(Row.code == P("code")).limit(1))
        row = BY_CODE.first(code="A-1")
    """

    def __init__(self, build) -> None:
        self.build = build
        self._compiled: dict[type, tuple[Any, str, list]] = {}

    def _get(self, db: peewee.Database) -> tuple[Any, str, list]:
        entry = self._compiled.get(type(db))
        if entry is None:
            query = self.build()
            text, params = query.sql()
            entry = (query, text, list(params))
            self._compiled[type(db)] = entry
        return entry

    def rows(self, **values: Any) -> Any:
        db = database_proxy.obj
        query, text, template = self._get(db)
        params = [values[p.name] if isinstance(p, Param) else p for p in template]
        return query._get_cursor_wrapper(db.execute_sql(text, params))

    def first(self, **values: Any) -> Any:
        for row in self.rows(**values):
            return row
        return None


def P(name: str) -> peewee.Value:
    """A named parameter inside a :class:`Compiled` query's ``build``."""
    return peewee.Value(Param(name), converter=False)


def now() -> dt.datetime:
    """Local wall-clock time of the ward (naive, Vietnam time on a ward server)."""
    return dt.datetime.now().replace(microsecond=0)
