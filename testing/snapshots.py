"""Databases kept for the test session: each test's database starts as a copy.

Two things cost a test far more than what it checks:

- migrating an empty database (every module's tables: a second or two on PostgreSQL);
- building the demo ward, which runs every module's real services (a year of one-stop
  dossiers, letters, votes…): a minute or more with every module.

So the first test that needs a migrated database, or a given demo, makes it and keeps a
copy; every later test with the same plugins, settings and database kind (and, for the
demo, the same size, seed and day) starts from that copy in its own database:

- SQLite: the database file, copied through SQLite's online backup;
- PostgreSQL: each test has a database of its own, created from the kept one as its
  template (``CREATE DATABASE … TEMPLATE``);
- the files the demo left in the data folder, and the state of the story's random
  generator.

The copy is exact: same keys, same rows, same files; the migrations still run on it (a
no-op unless something is missing). What a copy cannot repeat are side effects outside
the database and the data folder (a test plugin recording the demo's hook calls): such a
test is marked ``fresh_demo``, and ``THANTHIEN_TEST_DEMO_CACHE=0`` turns the copies off for
a whole run.
"""
from __future__ import annotations

import atexit
import contextlib
import copy
import os
import random
import secrets
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import attrs

#: key → what a later test needs to rebuild the same demo (see :func:`demo_snapshot`)
_SNAPSHOTS: dict[tuple, dict[str, Any]] = {}
#: key → the kept migrated database (a file for SQLite, a template database's name)
_MIGRATED: dict[tuple, Any] = {}
_state: dict[str, Any] = {}
#: the test databases' names on PostgreSQL (only those are ever dropped or replaced)
PG_PREFIX = "tt_"


def enabled() -> bool:
    return os.environ.get("THANTHIEN_TEST_DEMO_CACHE", "1") != "0"


# ---------------------------------------------------------------------------
# PostgreSQL: one database per test
# ---------------------------------------------------------------------------

def _admin_url() -> str:
    from thanthien.testing import PG_URL

    return PG_URL


def _admin(*statements: str) -> None:
    import psycopg

    with psycopg.connect(_admin_url(), autocommit=True) as con:
        for sql in statements:
            con.execute(sql)


class PgDatabase:
    """A throw-away PostgreSQL database for one test, in the server of
    ``$THANTHIEN_TEST_PG_URL``: created empty or from a template, dropped afterwards."""

    def __init__(self) -> None:
        self.name = PG_PREFIX + secrets.token_hex(6)
        parts = urlsplit(_admin_url())
        # a test's commits need not wait for the disk (nothing here tests a power cut)
        query = "&".join(q for q in (parts.query, "options=-c%20synchronous_commit%3Doff") if q)
        self.url = urlunsplit(parts._replace(path="/" + self.name, query=query))
        self.created = False

    def create(self, template: str | None = None) -> None:
        _admin(f'CREATE DATABASE "{self.name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.created = True

    def drop(self) -> None:
        if self.created:
            _admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self.created = False


def _pg_name(db: Any) -> str:
    name = db.execute_sql("SELECT current_database()").fetchone()[0]
    if not name.startswith(PG_PREFIX):
        raise RuntimeError(f"not a test database: {name}")  # never copy over anything else
    return name


def _pg_template_of(db: Any) -> str:
    """Keep ``db`` (a test database) as a template: a new database copied from it."""
    name = _pg_name(db)
    template = PG_PREFIX + "keep_" + secrets.token_hex(6)
    db.close()
    try:
        _admin(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')
    finally:
        db.connect()
    _kept_databases.append(template)
    return template


def _pg_replace_from(db: Any, template: str) -> None:
    """The test database ``db`` becomes a copy of ``template`` (same name, same URL)."""
    name = _pg_name(db)
    db.close()
    _admin(f'DROP DATABASE "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    db.connect()


#: the template databases this process made (dropped at the end of the session)
_kept_databases: list[str] = []


def cleanup() -> None:
    """Drop this process's template databases and kept files (the end of the session; xdist
    gives a worker a few seconds to exit, so this does not wait for ``atexit``)."""
    while _kept_databases:
        name = _kept_databases.pop()
        with contextlib.suppress(Exception):  # the server may be gone; the database is only a copy
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _SNAPSHOTS.clear()
    _MIGRATED.clear()
    folder = _state.pop("folder", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


atexit.register(cleanup)


# ---------------------------------------------------------------------------
# the migrated database
# ---------------------------------------------------------------------------

def _migrated_key(kind: str, pm: Any, settings: Any) -> tuple:
    return ("migrated", kind, *_key_base(settings, pm))


def start_from_migrated(url: str, pm: Any, settings: Any, pg: PgDatabase | None = None) -> None:
    """Before anything opens the test database at ``url``: make it a copy of this session's
    migrated database for ``pm``'s plugins and these settings, when there is one. ``pg``, the
    test's PostgreSQL database, is created here (from the kept one as its template)."""
    kind = "sqlite" if url.startswith("sqlite") else "postgresql"
    kept = _MIGRATED.get(_migrated_key(kind, pm, settings)) if enabled() else None
    if kind == "postgresql":
        if pg is not None and not pg.created:
            pg.create(template=kept)
    elif kept is not None:
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(kept, path)


def open_migrated(url: str, pm: Any, settings: Any) -> Any:
    """The database at ``url`` opened, connected and migrated (a no-op on a copy); the first
    one migrated for these plugins and settings is kept for the next tests."""
    from thanthien.core.storage.db import open_database
    from thanthien.core.storage.migrate import migrate_all

    database = open_database(url)
    database.connect(reuse_if_open=True)
    migrate_all(database, pm, settings)
    closed = database.is_closed()
    kind = _db_kind(database)
    key = _migrated_key(kind, pm, settings)
    if enabled() and key not in _MIGRATED and (kind == "sqlite" or database.database.startswith(PG_PREFIX)):
        _MIGRATED[key] = _sqlite_keep(database) if kind == "sqlite" else _pg_template_of(database)
    if closed and not database.is_closed():
        database.close()  # as migrate_all leaves it, copy or not
    return database


def migrated_database(url: str, pm: Any, settings: Any, pg: PgDatabase | None = None) -> Any:
    """:func:`start_from_migrated`, then :func:`open_migrated`."""
    start_from_migrated(url, pm, settings, pg)
    return open_migrated(url, pm, settings)


def _sqlite_keep(db: Any) -> Path:
    path = _folder() / f"{secrets.token_hex(6)}.db"
    target = sqlite3.connect(path)
    try:
        db.connection().backup(target)
    finally:
        target.close()
    return path


def _sqlite_copy(path: Path, db: Any) -> None:
    source = sqlite3.connect(path)
    try:
        source.backup(db.connection())
    finally:
        source.close()


# ---------------------------------------------------------------------------
# the demo ward
# ---------------------------------------------------------------------------

def demo_snapshot(settings: Any, pm: Any, core: Any, db: Any, *, households: int = 20, seed: int = 7,
                  fresh: bool = False) -> Any:
    """The demo ward with a login per demo role in ``db`` (migrated, empty): built by
    :func:`thanthien.core.demo.build_demo_ward`, or copied from this session's first build of
    the same demo. Returns the :class:`~thanthien.core.demo.DemoContext`."""
    from thanthien.core import accounts, demo

    # the database as the demo finds it is part of the key: rows or tables a fixture added
    # before the demo must be there after it, as in a fresh build
    key = (*_key(settings, pm, db, households, seed), _fingerprint(db))
    copies = enabled() and not fresh and (_db_kind(db) == "sqlite" or db.database.startswith(PG_PREFIX))
    kept = _SNAPSHOTS.get(key) if copies else None
    if kept is not None:
        _restore(kept, db, settings)
        return _context(kept, settings, pm, core)
    ctx = demo.build_demo_ward(settings, pm, core, households=households, seed=seed)
    ctx.logins = accounts.create_demo_accounts(core)
    if copies:
        _SNAPSHOTS[key] = _keep(ctx, db, settings)
    return ctx


# -- the key: everything the content depends on ---------------------------------

def _key_base(settings: Any, pm: Any) -> tuple:
    data_dir = str(settings.storage.data_dir)
    plugins = tuple(sorted((name, _plugin_id(plugin)) for name, plugin in pm.list_name_plugin()))
    return plugins, repr(attrs.asdict(settings)).replace(data_dir, "<data>")


def _key(settings: Any, pm: Any, db: Any, households: int, seed: int) -> tuple:
    import datetime as dt

    from thanthien.core.storage.db import now

    return (_db_kind(db), *_key_base(settings, pm), households, seed, dt.date.today(), now().date())


def _fingerprint(db: Any) -> tuple:
    """The tables of ``db`` and the number of rows in each."""
    return tuple((t, db.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in sorted(db.get_tables()))


def _plugin_id(plugin: Any) -> str:
    name = getattr(plugin, "__name__", None)
    if isinstance(name, str) and type(plugin).__name__ == "module":
        return name
    return f"{type(plugin).__module__}.{type(plugin).__qualname__}"


def _db_kind(db: Any) -> str:
    import peewee

    return "postgresql" if isinstance(db, peewee.PostgresqlDatabase) else "sqlite"


# -- keeping and restoring ------------------------------------------------------

def _folder() -> Path:
    if "folder" not in _state:
        folder = Path(tempfile.mkdtemp(prefix="thanthien-test-"))
        _state["folder"] = folder
        atexit.register(shutil.rmtree, folder, True)
    return _state["folder"]


def _keep(ctx: Any, db: Any, settings: Any) -> dict[str, Any]:
    where = _folder() / secrets.token_hex(6)
    where.mkdir()
    data_dir = Path(settings.storage.data_dir)
    files = where / "files"
    skip = _db_files(db)
    if data_dir.exists():
        shutil.copytree(data_dir, files, ignore=lambda d, names: [n for n in names if Path(d, n) in skip])
    else:
        files.mkdir()
    kept: dict[str, Any] = {
        "files": files,
        "ward": ctx.ward.id,
        "units": {code: unit.id for code, unit in ctx.units.items()},
        "groups": [g.id for g in ctx.groups],
        "staff": {login: p.id for login, p in ctx.staff.items()},
        "households": ctx.households,
        "today": ctx.today,
        "rng": ctx.rng.getstate(),
        "logins": copy.deepcopy(ctx.logins),
    }
    if _db_kind(db) == "sqlite":
        kept["sqlite"] = _sqlite_keep(db)
    else:
        kept["template"] = _pg_template_of(db)
    return kept


def _restore(kept: dict[str, Any], db: Any, settings: Any) -> None:
    shutil.copytree(kept["files"], Path(settings.storage.data_dir), dirs_exist_ok=True)
    if "sqlite" in kept:
        _sqlite_copy(kept["sqlite"], db)
    else:
        _pg_replace_from(db, kept["template"])


def _context(kept: dict[str, Any], settings: Any, pm: Any, core: Any) -> Any:
    from thanthien.core.demo import DemoContext
    from thanthien.core.models import PersonRow, UnitRow

    units = {code: UnitRow.get_by_id(pk) for code, pk in kept["units"].items()}
    by_id = {u.id: u for u in units.values()}
    rng = random.Random()
    rng.setstate(kept["rng"])
    ctx = DemoContext(settings, pm, core, rng, by_id[kept["ward"]], units, [by_id[pk] for pk in kept["groups"]],
                      {login: PersonRow.get_by_id(pk) for login, pk in kept["staff"].items()},
                      kept["households"], kept["today"])
    ctx.logins = copy.deepcopy(kept["logins"])
    return ctx


def _db_files(db: Any) -> set[Path]:
    if _db_kind(db) != "sqlite":
        return set()
    path = Path(db.database)
    return {path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")}
