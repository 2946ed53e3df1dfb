"""Acceptance: with a fresh demo and no crontab, the overdue check and the apology drafts
run on their own — the app started as ``thanthien serve``/``demo`` start it runs its worker
— visible in ``thanthien jobs`` and in the audit log."""
import time

import pytest
from starlette.testclient import TestClient

from thanthien.core.audit import entries
from thanthien.core.commands import core_commands
from thanthien.core.scheduler import JobRow, run_command
from thanthien.core.storage.db import database_proxy
from thanthien.plugins import motcua, thamhoi, thongbao
from thanthien.web.app import create_app


@pytest.fixture
def extra_plugins():
    return [("motcua", motcua), ("thamhoi", thamhoi), ("thongbao", thongbao)]


def wait_for(predicate, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_fresh_demo_runs_its_daily_jobs_without_a_crontab(settings, pm, db, demo_ward):
    wanted = {"cases.check", "motcua.check", "thamhoi.check", "thongbao.digest"}
    assert JobRow.select().count() == 0  # nothing has run yet
    app = create_app(settings, pm, db=database_proxy.obj, worker=True)
    with TestClient(app):  # the lifespan starts the worker, as `thanthien serve` does
        done = wait_for(lambda: wanted <= {r.name for r in JobRow.select().where(JobRow.last_status != "")})
    assert done, {r.name: r.last_status for r in JobRow.select()}
    rows = {r.name: r for r in JobRow.select()}
    assert rows["cases.check"].last_status == "ok" and "hồ sơ mới quá hạn" in rows["cases.check"].last_output
    assert rows["motcua.check"].last_status == "ok" and "dự thảo văn bản xin lỗi" in rows["motcua.check"].last_output
    logged = {e.entity_id for e in entries(entity="core.job", action="job.run", limit=100)}
    assert wanted <= logged
    # `thanthien jobs`
    from thanthien.core.services import make_services

    status, out = run_command(make_services(settings, pm), database_proxy.obj, ["jobs"], core_commands)
    assert status == 0
    lines = {line.split("\t")[0]: line.split("\t") for line in out.splitlines() if "\t" in line}
    assert lines["cases.check"][3] == "thành công" and lines["motcua.check"][1] == "06:20"
    assert lines["cases.check"][2] != "chưa chạy"


def test_worker_once_and_jobs_run_from_the_command_line(settings, pm, db, core):
    status, out = run_command(core, database_proxy.obj, ["worker", "--once"], core_commands)
    assert status == 0 and "cases.check\tok" in out and "tin nhắn đã xử lý" in out
    status, out = run_command(core, database_proxy.obj, ["jobs", "run", "cases.check"], core_commands)
    assert (status, out.strip()) == (0, "cases.check\tok")
    status, out = run_command(core, database_proxy.obj, ["jobs", "run", "khong-co"], core_commands)
    assert status == 2 and "Không có việc định kỳ" in out


def test_serve_starts_the_worker_unless_told_not_to(monkeypatch, tmp_path):
    import uvicorn

    from thanthien.web import cli

    seen = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.append(app))
    import thanthien.web.app as web_app

    monkeypatch.setattr(web_app, "create_app", lambda settings, pm, worker=False: ("app", worker))
    monkeypatch.chdir(tmp_path)
    assert cli.main(["serve", "--port", "8765"]) == 0
    assert cli.main(["serve", "--port", "8765", "--no-worker"]) == 0
    assert seen == [("app", True), ("app", False)]
