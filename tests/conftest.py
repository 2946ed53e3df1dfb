"""Shared fixtures (DESIGN.md §7).

``db`` runs each test on SQLite and on PostgreSQL. PostgreSQL is the server on
127.0.0.1:5432 (database ``test``, trust auth) or ``$THANTHIEN_TEST_PG_URL``; each test
gets a schema of its own, dropped afterwards. A plain developer run skips the
PostgreSQL half with a visible reason when no server answers; ``.ci/run`` sets
``THANTHIEN_REQUIRE_POSTGRES=1`` and then a missing server fails the run.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import quote

import pytest

from thanthien.core.plugins import make_plugin_manager
from thanthien.core.services import make_services
from thanthien.core.settings import Settings, StorageSettings
from thanthien.core.storage.db import database_proxy, open_database
from thanthien.core.storage.migrate import migrate_all

PG_URL = os.environ.get("THANTHIEN_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_PG = os.environ.get("THANTHIEN_REQUIRE_POSTGRES") == "1"
ROOT = Path(__file__).resolve().parents[1]

_pg_state: dict[str, object] = {}


def postgres_available() -> str | None:
    """None when the server answers, else the reason."""
    if "reason" not in _pg_state:
        try:
            import psycopg

            with psycopg.connect(PG_URL.replace("postgresql://", "postgresql://", 1), connect_timeout=3) as con:
                con.execute("SELECT 1")
            _pg_state["reason"] = None
        except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
            _pg_state["reason"] = f"PostgreSQL không kết nối được tại {PG_URL}: {exc}"
    return _pg_state["reason"]  # type: ignore[return-value]


def require_postgres() -> None:
    reason = postgres_available()
    if reason:
        if REQUIRE_PG:
            pytest.fail(f"{reason} (THANTHIEN_REQUIRE_POSTGRES=1: các kiểm thử PostgreSQL là bắt buộc)")
        pytest.skip(reason)


class PgSchema:
    """A throw-away schema for one test."""

    def __init__(self):
        import psycopg

        self.name = "t_" + secrets.token_hex(6)
        self._psycopg = psycopg
        with psycopg.connect(PG_URL, autocommit=True) as con:
            con.execute(f"CREATE SCHEMA {self.name}")
        self.url = f"{PG_URL}?options={quote(f'-c search_path={self.name}')}"

    def drop(self):
        with self._psycopg.connect(PG_URL, autocommit=True) as con:
            con.execute(f"DROP SCHEMA IF EXISTS {self.name} CASCADE")


def make_settings(tmp_path: Path, **changes) -> Settings:
    return Settings(storage=StorageSettings(data_dir=str(tmp_path / "data")), **changes)


@pytest.fixture
def settings(tmp_path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def extra_plugins():
    """Override in a test module to register fixture plugins: [(name, module)]."""
    return []


@pytest.fixture
def pm(settings, extra_plugins):
    return make_plugin_manager(settings, load_entrypoints=False, plugins=extra_plugins)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'thanthien.db'}"
        return
    require_postgres()
    schema = PgSchema()
    try:
        yield schema.url
    finally:
        schema.drop()


@pytest.fixture
def db(db_url, pm, settings):
    database = open_database(db_url)
    database.connect(reuse_if_open=True)
    migrate_all(database, pm, settings)
    try:
        yield database
    finally:
        if not database.is_closed():
            database.close()
        database_proxy.initialize(None)


@pytest.fixture
def sqlite_db(tmp_path, pm, settings):
    """SQLite only, for tests about SQLite itself (backups, WAL)."""
    database = open_database(f"sqlite:///{tmp_path / 'data' / 'thanthien.db'}")
    migrate_all(database, pm, settings)
    yield database
    database.close()


@pytest.fixture
def services(settings, pm, db):
    return make_services(settings, pm)
