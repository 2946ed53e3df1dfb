"""The demo ward, built once per test session and copied into each test's database.

Building the demo ward runs every module's real services (a year of one-stop dossiers,
letters, votes…): a minute or more with every module. Tests only need its result, so the
first test that asks for a given demo builds it and keeps a copy of what it wrote; every
later test with the same plugins, settings, database kind, size and seed gets that copy in
its own empty, migrated database (a few hundred milliseconds):

- SQLite: the database file, through SQLite's online backup;
- PostgreSQL: each table's rows, kept in a schema of their own in the test database and
  inserted back with the foreign-key triggers off (the test role is a superuser there),
  the sequences moved past the copied keys;
- the files the demo left in the data folder.

The copy is exact: same keys, same rows, same files, same state of the story's random
generator. What it cannot repeat are side effects outside the database and the data folder
(a test plugin recording the demo's hook calls): such a test is marked ``fresh_demo``, and
``THANTHIEN_TEST_DEMO_CACHE=0`` turns the copies off for a whole run.
"""
from __future__ import annotations

import atexit
import copy
import os
import random
import secrets
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import attrs

#: key → what a later test needs to rebuild the same demo (see :func:`demo_snapshot`)
_SNAPSHOTS: dict[tuple, dict[str, Any]] = {}
_state: dict[str, Any] = {}


def enabled() -> bool:
    return os.environ.get("THANTHIEN_TEST_DEMO_CACHE", "1") != "0"


def demo_snapshot(settings: Any, pm: Any, core: Any, db: Any, *, households: int = 20, seed: int = 7,
                  fresh: bool = False) -> Any:
    """The demo ward with a login per demo role in ``db`` (migrated, empty): built by
    :func:`thanthien.core.demo.build_demo_ward`, or copied from this session's first build of
    the same demo. Returns the :class:`~thanthien.core.demo.DemoContext`."""
    from thanthien.core import accounts, demo

    key = _key(settings, pm, db, households, seed)
    kept = _SNAPSHOTS.get(key) if enabled() and not fresh else None
    if kept is not None:
        _restore(kept, db, settings)
        return _context(kept, settings, pm, core)
    ctx = demo.build_demo_ward(settings, pm, core, households=households, seed=seed)
    ctx.logins = accounts.create_demo_accounts(core)
    if enabled() and not fresh:
        _SNAPSHOTS[key] = _keep(ctx, db, settings)
    return ctx


# ---------------------------------------------------------------------------
# the key: everything the demo's content depends on
# ---------------------------------------------------------------------------

def _key(settings: Any, pm: Any, db: Any, households: int, seed: int) -> tuple:
    import datetime as dt

    from thanthien.core.storage.db import now

    data_dir = str(settings.storage.data_dir)
    plugins = tuple(sorted((name, _plugin_id(plugin)) for name, plugin in pm.list_name_plugin()))
    text = repr(attrs.asdict(settings)).replace(data_dir, "<data>")
    return (_db_kind(db), plugins, text, households, seed, dt.date.today(), now().date())


def _plugin_id(plugin: Any) -> str:
    name = getattr(plugin, "__name__", None)
    if isinstance(name, str) and type(plugin).__name__ == "module":
        return name
    return f"{type(plugin).__module__}.{type(plugin).__qualname__}"


def _db_kind(db: Any) -> str:
    import peewee

    return "postgresql" if isinstance(db, peewee.PostgresqlDatabase) else "sqlite"


# ---------------------------------------------------------------------------
# keeping and restoring
# ---------------------------------------------------------------------------

def _folder() -> Path:
    if "folder" not in _state:
        folder = Path(tempfile.mkdtemp(prefix="thanthien-demo-"))
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
        kept["sqlite"] = where / "demo.db"
        target = sqlite3.connect(kept["sqlite"])
        try:
            db.connection().backup(target)
        finally:
            target.close()
    else:
        kept["schema"] = _pg_keep(db)
    return kept


def _restore(kept: dict[str, Any], db: Any, settings: Any) -> None:
    shutil.copytree(kept["files"], Path(settings.storage.data_dir), dirs_exist_ok=True)
    if "sqlite" in kept:
        source = sqlite3.connect(kept["sqlite"])
        try:
            source.backup(db.connection())
        finally:
            source.close()
    else:
        _pg_restore(db, kept["schema"])


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


# -- PostgreSQL: each table's rows in a schema of their own ---------------------

def _pg_tables(db: Any, schema: str) -> list[str]:
    rows = db.execute_sql("SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename", (schema,))
    return [r[0] for r in rows.fetchall()]


def _pg_keep(db: Any) -> str:
    source = db.execute_sql("SELECT current_schema()").fetchone()[0]
    schema = "tdemo_" + secrets.token_hex(6)
    with db.atomic():
        db.execute_sql(f'CREATE SCHEMA "{schema}"')
        for table in _pg_tables(db, source):
            db.execute_sql(f'CREATE TABLE "{schema}"."{table}" AS TABLE "{source}"."{table}"')
    _drop_at_exit(db, schema)
    return schema


def _pg_restore(db: Any, schema: str) -> None:
    target = db.execute_sql("SELECT current_schema()").fetchone()[0]
    tables = _pg_tables(db, target)
    kept = set(_pg_tables(db, schema))
    if set(tables) != kept:
        raise RuntimeError(f"the kept demo has other tables than this database: {sorted(kept ^ set(tables))}")
    with db.atomic():
        db.execute_sql("SET LOCAL session_replication_role = replica")
        db.execute_sql("TRUNCATE " + ", ".join(f'"{target}"."{t}"' for t in tables))
        for table in tables:
            db.execute_sql(f'INSERT INTO "{target}"."{table}" SELECT * FROM "{schema}"."{table}"')
        sequences = db.execute_sql(
            """SELECT s.relname, t.relname, a.attname
                 FROM pg_class s
                 JOIN pg_namespace n ON n.oid = s.relnamespace
                 JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
                 JOIN pg_class t ON t.oid = d.refobjid
                 JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
                WHERE s.relkind = 'S' AND n.nspname = %s""", (target,)).fetchall()
        for seq, table, column in sequences:
            db.execute_sql(f'SELECT setval(\'"{target}"."{seq}"\', '
                           f'COALESCE((SELECT max("{column}") FROM "{target}"."{table}"), 0) + 1, false)')


def _drop_at_exit(db: Any, schema: str) -> None:
    from thanthien.testing import PG_URL

    def drop() -> None:
        try:
            import psycopg

            with psycopg.connect(PG_URL, autocommit=True, connect_timeout=3) as con:
                con.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        except Exception:  # noqa: BLE001 - the server may be gone at exit; the schema is only a cache
            pass

    atexit.register(drop)
