"""Scheduled jobs: run by the worker on their schedule, locked so two workers never run the
same job, recorded on their row and in the audit log."""
import datetime as dt

import pytest

from thanthien.core import hookimpl, scheduler
from thanthien.core.audit import entries
from thanthien.core.cli import CliCommand
from thanthien.core.commands import core_commands
from thanthien.core.scheduler import Job, JobRow
from thanthien.core.storage.db import database_proxy


class JobsPlugin:
    @hookimpl
    def register_jobs(self, settings):
        return [Job("vidu.fail", "Việc luôn lỗi", ("vidu-fail",), at="05:00")]

    @hookimpl
    def register_cli_commands(self, settings):
        def run(args, ctx):
            ctx.print("không được")
            return 1

        return [CliCommand("vidu-fail", "thử", lambda p: None, run)]


@pytest.fixture
def extra_plugins():
    return [("vidu_jobs", JobsPlugin())]


def test_next_run_is_the_next_time_of_day():
    job = Job("x", "x", ("x",), at="06:15")
    assert job.next_after(dt.datetime(2026, 12, 7, 6, 0)) == dt.datetime(2026, 12, 7, 6, 15)
    assert job.next_after(dt.datetime(2026, 12, 7, 6, 15)) == dt.datetime(2026, 12, 8, 6, 15)


def test_core_jobs_are_declared(core, db):
    names = [j.name for j in scheduler.jobs(core)]
    assert {"cases.check", "audit.verify", "vidu.fail"} <= set(names)


def test_due_jobs_run_once_recorded_and_audited(core, db):
    done = scheduler.run_due_jobs(core, database_proxy.obj, "w1", extra_commands=core_commands)
    assert done["cases.check"] == "ok" and done["audit.verify"] == "ok"
    assert done["vidu.fail"] == "failed"
    # run: not due again before its next time of day
    assert scheduler.run_due_jobs(core, database_proxy.obj, "w1", extra_commands=core_commands) == {}
    with database_proxy.obj.connection_context():
        row = JobRow.get_by_id("cases.check")
        assert row.runs == 1 and row.last_status == "ok" and "hồ sơ mới quá hạn" in row.last_output
        assert row.next_run_at > row.last_finished_at and row.lease_owner == ""
        failed = JobRow.get_by_id("vidu.fail")
        assert (failed.failures, failed.consecutive_failures) == (1, 1)
        logged = {e.entity_id: e.after["status"] for e in entries(entity="core.job", limit=50)}
    assert logged["cases.check"] == "ok" and logged["vidu.fail"] == "failed"


def test_without_core_commands_a_core_job_fails_visibly(core, db):
    done = scheduler.run_due_jobs(core, database_proxy.obj, "w1")
    assert done["cases.check"] == "failed"
    with database_proxy.obj.connection_context():
        assert JobRow.get_by_id("cases.check").consecutive_failures == 1


def test_two_workers_never_run_the_same_job(core, db):
    job = Job("cases.check", "x", ("cases", "check"))
    with database_proxy.obj.connection_context():
        scheduler._ensure_rows([job], scheduler.now())
        assert scheduler.claim_job(job, "w1") is True
        assert scheduler.claim_job(job, "w2") is False
        # a lease that ran out (the worker died) is taken over
        later = scheduler.now() + dt.timedelta(minutes=job.lease_minutes + 1)
        assert scheduler.claim_job(job, "w2", at=later) is True


def test_worker_cycle_runs_jobs_and_delivers(core, db):
    worker = scheduler.Worker(core, database_proxy.obj, interval=0.01, extra_commands=core_commands)
    result = worker.cycle()
    assert "cases.check" in result["jobs"]
    assert result["messages"] == {}
