"""thanthien.testing — pytest fixtures for thanthien and for every plan module's own tests.

Installed with thanthien as a pytest plugin (entry point ``pytest11``), so a ward's
plugin gets the same fixtures as the project's own tests::

    import pytest
    from thanthien.testing import login, token

    @pytest.fixture
    def extra_plugins():                       # register your plugin without entry points
        from thanthien_vidu import plugin
        return [("vidu", plugin)]

    def test_page(make_client, demo_ward):
        client = make_client("chutich")        # logged in as a demo account
        assert client.get("/vidu/").status_code == 200

Fixtures: ``settings`` (a ward with its data folder in ``tmp_path``), ``extra_plugins``
(override it), ``pm``, ``db_url`` and ``db`` (each test runs on SQLite and on PostgreSQL —
``$THANTHIEN_TEST_PG_URL``, default ``postgresql://postgres@127.0.0.1:5432/test``, whose
role must be allowed to create databases: one throw-away database per test, a copy of the
session's migrated one — see :mod:`thanthien.testing.snapshots`;
``THANTHIEN_REQUIRE_POSTGRES=1`` turns a missing server into a
failure instead of a skip), ``sqlite_db``, ``core`` (alias ``services``), ``fast_hasher``
(argon2id with small parameters), ``demo_ward`` (the demo ward with 20 households and a
login per role), ``app`` and ``make_client`` (a test client, logged in when given a login).
Helpers: :func:`login`, :func:`csrf_from`, :func:`token`, :func:`post`, :class:`ClientFactory`
(clients of another app than the ``app`` fixture's).
"""
from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from .snapshots import PgDatabase, demo_snapshot, migrated_database, open_migrated, start_from_migrated

PG_URL = os.environ.get("THANTHIEN_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')

_pg_state: dict[str, object] = {}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "rule(rule_id): the legal rule (docs/rules.md) this test pins")
    config.addinivalue_line("markers", "postgres: needs the PostgreSQL server")
    config.addinivalue_line("markers", "browser: drives Chromium through Playwright")
    config.addinivalue_line("markers", "fresh_demo: build the demo ward anew instead of copying this session's")


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Drop the session's kept databases (:mod:`thanthien.testing.snapshots`)."""
    from . import snapshots

    snapshots.cleanup()


# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------

def require_postgres_flag() -> bool:
    return os.environ.get("THANTHIEN_REQUIRE_POSTGRES") == "1"


def postgres_available() -> str | None:
    """None when the server answers, else the reason."""
    if "reason" not in _pg_state:
        try:
            import psycopg

            with psycopg.connect(PG_URL, connect_timeout=3) as con:
                con.execute("SELECT 1")
            _pg_state["reason"] = None
        except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
            _pg_state["reason"] = f"PostgreSQL không kết nối được tại {PG_URL}: {exc}"
    return _pg_state["reason"]  # type: ignore[return-value]


def require_postgres() -> None:
    """Skip (or, with THANTHIEN_REQUIRE_POSTGRES=1, fail) when PostgreSQL is unreachable."""
    reason = postgres_available()
    if reason:
        if require_postgres_flag():
            pytest.fail(f"{reason} (THANTHIEN_REQUIRE_POSTGRES=1: các kiểm thử PostgreSQL là bắt buộc)")
        pytest.skip(reason)


class PgSchema:
    """A throw-away schema for one test."""

    def __init__(self) -> None:
        import psycopg

        self.name = "t_" + secrets.token_hex(6)
        self._psycopg = psycopg
        with psycopg.connect(PG_URL, autocommit=True) as con:
            con.execute(f"CREATE SCHEMA {self.name}")
        self.url = f"{PG_URL}?options={quote(f'-c search_path={self.name}')}"

    def drop(self) -> None:
        with self._psycopg.connect(PG_URL, autocommit=True) as con:
            con.execute(f"DROP SCHEMA IF EXISTS {self.name} CASCADE")


# ---------------------------------------------------------------------------
# settings, plugins, database, core
# ---------------------------------------------------------------------------

def make_settings(tmp_path: Path, **changes: Any):
    """Default ward settings with the data folder under ``tmp_path``.

    One difference from a ward's defaults: unless ``web=`` is given, the second factor
    is not required by default for privileged roles (``web.totp_for_privileged_roles``),
    so tests log in as any role with a password; tests of that rule pass ``web=``."""
    from thanthien.core.settings import Settings, StorageSettings, WebSettings

    changes.setdefault("web", WebSettings(totp_for_privileged_roles=False))
    return Settings(storage=StorageSettings(data_dir=str(tmp_path / "data")), **changes)


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path)


@pytest.fixture
def extra_plugins() -> list[tuple[str, Any]]:
    """Override to register plugins without entry points: ``[(name, module_or_object)]``."""
    return []


@pytest.fixture
def pm(settings, extra_plugins):
    from thanthien.core.plugins import make_plugin_manager

    return make_plugin_manager(settings, load_entrypoints=False, plugins=extra_plugins)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> Iterator[str]:
    """The test database's address: a file in ``tmp_path``, or a PostgreSQL database of the
    test's own. With the ``db`` fixture it starts as a copy of this session's migrated
    database for the test's plugins (:mod:`thanthien.testing.snapshots`); alone, empty."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'thanthien.db'}"  # copied by ``db``
        return
    require_postgres()
    database = PgDatabase()
    if "db" in request.fixturenames:
        start_from_migrated(database.url, request.getfixturevalue("pm"), request.getfixturevalue("settings"),
                            pg=database)
    else:
        database.create()
    try:
        yield database.url
    finally:
        database.drop()


@pytest.fixture
def db(db_url, pm, settings):
    """The ward database (SQLite, then PostgreSQL), migrated, connected for the test."""
    from thanthien.core.storage.db import database_proxy

    if db_url.startswith("sqlite:///"):
        start_from_migrated(db_url, pm, settings)  # a copy, unless the file is there already
    database = open_migrated(db_url, pm, settings)
    try:
        yield database
    finally:
        if not database.is_closed():
            database.close()
        database_proxy.initialize(None)


@pytest.fixture
def sqlite_db(tmp_path, pm, settings):
    """SQLite only, for tests about SQLite itself (backups, WAL)."""
    database = migrated_database(f"sqlite:///{tmp_path / 'data' / 'thanthien.db'}", pm, settings)
    yield database
    database.close()


@pytest.fixture
def core(settings, pm, db):
    """The :class:`~thanthien.core.services.CoreServices` bundle on the test database."""
    from thanthien.core.services import make_services

    return make_services(settings, pm)


@pytest.fixture
def services(core):
    """Older name of :func:`core`."""
    return core


# ---------------------------------------------------------------------------
# accounts, demo ward, app, clients
# ---------------------------------------------------------------------------

@pytest.fixture
def fast_hasher(monkeypatch):
    """argon2id still, with small parameters, so tests that log in stay fast."""
    from argon2 import PasswordHasher

    from thanthien.core import accounts

    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.setattr(accounts, "_dummy", [])


@pytest.fixture
def demo_ward(request, settings, pm, db, core, fast_hasher):
    """The demo ward (45 residential groups, 20 households, plugins' demo data) with one
    login per demo role (password ``thanthien.core.demo.DEMO_PASSWORD``).

    Built once per test session for each set of plugins, settings and database kind, then
    copied into each test's empty database (see :func:`demo_snapshot`); mark a test
    ``@pytest.mark.fresh_demo`` to build it anew (a plugin that records the demo's hooks)."""
    return demo_snapshot(settings, pm, core, db, households=20, seed=7,
                         fresh=request.node.get_closest_marker("fresh_demo") is not None)


@pytest.fixture
def app(settings, pm, db):
    """The web app on the test database (add data with your own fixtures first)."""
    from thanthien.web.app import create_app

    return create_app(settings, pm, db=db)


class ClientFactory:
    """``factory(login=None, password=DEMO_PASSWORD, **kw)``: a started test client of
    ``app`` (server errors become 500 pages, as a browser sees them), logged in through the
    login form when given a login. :meth:`close` stops every client it made."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._clients: list[Any] = []

    def __call__(self, username: str | None = None, password: str | None = None, **kw: Any) -> Any:
        from starlette.testclient import TestClient

        client = TestClient(self.app, raise_server_exceptions=False, **kw)
        client.__enter__()
        self._clients.append(client)
        if username:
            login(client, username, password)
        return client

    def close(self) -> None:
        while self._clients:
            self._clients.pop().__exit__(None, None, None)


@contextlib.contextmanager
def installed_demo_ward(settings: Any, db: Any, *, households: int = 20, seed: int = 11,
                        fresh: bool = False) -> Iterator[tuple]:
    """The demo ward as a ward installs it: every plan module found by its entry point,
    every migration applied, the demo data of every module and one login per demo role,
    served by the web app. Yields ``(core, app, factory, ctx)``; the clients are closed
    afterwards. For tests that walk every page (the sweeps) or need every module. The demo is
    this session's copy when there is one (:func:`demo_snapshot`); ``fresh=True`` builds it."""
    from thanthien.core.plugins import make_plugin_manager
    from thanthien.core.services import make_services
    from thanthien.core.storage.migrate import migrate_all
    from thanthien.web.app import create_app

    pm = make_plugin_manager(settings, load_entrypoints=True)
    migrate_all(db, pm, settings)
    core = make_services(settings, pm)
    ctx = demo_snapshot(settings, pm, core, db, households=households, seed=seed, fresh=fresh)
    app = create_app(settings, pm, db=db)
    factory = ClientFactory(app)
    try:
        yield core, app, factory, ctx
    finally:
        factory.close()


@pytest.fixture
def make_client(app, fast_hasher) -> Iterator[ClientFactory]:
    """``make_client(login=None, password=DEMO_PASSWORD, **kw)``: a test client of ``app``,
    logged in when given a login (see :class:`ClientFactory`)."""
    factory = ClientFactory(app)
    yield factory
    factory.close()


def csrf_from(html: str) -> str:
    """The CSRF token of a page's form."""
    m = CSRF_RE.search(html)
    assert m, "no csrf_token in the page"
    return m.group(1)


def login(client: Any, username: str, password: str | None = None) -> Any:
    """Log ``client`` in through the login form (asserts success)."""
    from thanthien.core.demo import DEMO_PASSWORD

    page = client.get("/login")
    r = client.post("/login", data={"username": username, "password": password or DEMO_PASSWORD,
                                    "csrf_token": csrf_from(page.text)}, follow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    return client


def token(client: Any) -> str:
    """The session's CSRF token (for form fields and the ``X-CSRF-Token`` header)."""
    return client.get("/-/csrf.json").json()["csrf_token"]


def post(client: Any, url: str, data: dict[str, Any] | None = None, *, json: bool = False, **kw: Any) -> Any:
    """POST a form (or, with ``json=True``, a JSON body) with the session's CSRF token."""
    tok = token(client)
    kw.setdefault("follow_redirects", False)
    if json:
        return client.post(url, json=data or {}, headers={"X-CSRF-Token": tok}, **kw)
    return client.post(url, data={**(data or {}), "csrf_token": tok}, **kw)


def allow_demo_password() -> None:
    """Mark the test database as a demo ward, so accounts a test makes by hand may use the
    public demo password (``thanthien.core.demo.DEMO_PASSWORD``) and :func:`login`'s default
    works for them — as in the demo ward, and nowhere else (issue 10 item 7)."""
    from thanthien.core.demo import DEMO_MARKER
    from thanthien.core.storage.db import write_transaction
    from thanthien.core.storage.kv import kv_set

    with write_transaction():
        kv_set(DEMO_MARKER, {"ward": "test", "households": 0})
