"""Browser tests: the app under uvicorn on 127.0.0.1, driven by Playwright with Debian's
Chromium (the ``chromium`` binary on PATH; never a downloaded browser).

Skipped with a visible reason when Chromium or Playwright is absent, unless
``THANTHIEN_REQUIRE_BROWSER=1`` (CI), which turns the absence into a failure. A failing
test leaves a screenshot in ``test-artifacts/``.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from thanthien.core import accounts, demo, people
from thanthien.core.plugins import make_plugin_manager
from thanthien.core.services import make_services
from thanthien.core.settings import Settings, StorageSettings
from thanthien.core.storage.db import database_proxy, open_database
from thanthien.core.storage.migrate import migrate_all

REQUIRE = os.environ.get("THANTHIEN_REQUIRE_BROWSER") == "1"
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def _unavailable() -> str | None:
    if shutil.which("chromium") is None:
        return "Không tìm thấy trình duyệt 'chromium' (gói Debian) trong PATH"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Chưa cài Playwright cho Python (pip install playwright)"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _unavailable()
    if reason:
        if REQUIRE:
            pytest.fail(f"{reason} (THANTHIEN_REQUIRE_BROWSER=1)")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The demo ward (small) served by uvicorn in a thread; yields the base URL."""
    import uvicorn

    from thanthien.web.app import create_app

    data = tmp_path_factory.mktemp("browser-ward")
    settings = Settings(storage=StorageSettings(data_dir=str(data)))
    pm = make_plugin_manager(settings, load_entrypoints=True)
    db = open_database(settings.database_url)
    migrate_all(db, pm, settings)
    services = make_services(settings, pm)
    with db.connection_context():
        ctx = demo.build_demo_ward(settings, pm, services, households=30, seed=11)
        logins = [entry["username"] for entry in accounts.create_demo_accounts(services)]
        hh = people.households_in_group(ctx.units["TDP01"].id)[0]
        people.create_person("Nguyễn Văn A", household_id=hh.id, phone="0912345678")
        doc = services.documents.issue(
            "thong_bao", subject="Lịch tiếp công dân tháng 01",
            context={"paragraphs": ["Ủy ban nhân dân phường thông báo."]},
            signer_name="Nguyễn Văn Bình", signer_title="Chủ tịch", recipients=["Các tổ dân phố"])
    db.close()
    app = create_app(settings, pm)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "document_id": doc.id, "logins": logins, "app": app}
    server.should_exit = True
    thread.join(10)
    database_proxy.initialize(None)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)


@pytest.fixture(autouse=True)
def _fresh_server_state(request):
    """Each test starts with the per-address post limits empty. Every browser test posts from
    127.0.0.1, and the suite logs in far more than 30 times a minute (the login limit, which
    ``tests/web`` pins); left shared, a later test's login is refused by an earlier test's.
    And the models' database is the server's again: with several workers (pytest-xdist) a
    worker may run other test files between two browser files, and each of those points the
    models at its own database and unsets it when it ends."""
    if "live_server" in request.fixturenames:
        from thanthien.web.security import RateLimiter

        app = request.getfixturevalue("live_server")["app"]
        app.state.rate_limiter = RateLimiter()
        database_proxy.initialize(app.state.db)


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(base_url=live_server["url"], locale="vi-VN")
    pg = context.new_page()
    pg.set_default_timeout(10000)
    yield pg
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
        with contextlib.suppress(Exception):  # the screenshot is a bonus
            pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


@pytest.fixture
def open_page(browser, live_server):
    """``open_page(device, javascript=True)``: a new page in its own browser context on
    ``device`` (``helpers.PHONE`` or ``helpers.DESKTOP``), Vietnamese locale, with or without
    JavaScript; closed after the test."""
    contexts = []

    def _open(device: dict, javascript: bool = True):
        context = browser.new_context(base_url=live_server["url"], locale="vi-VN", java_script_enabled=javascript,
                                      **device)
        contexts.append(context)
        pg = context.new_page()
        pg.set_default_timeout(15000)
        return pg

    yield _open
    for c in contexts:
        c.close()
