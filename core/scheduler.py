"""Scheduled work (việc định kỳ) and the worker: no ward needs a crontab.

A :class:`Job` is a ``thanthien`` command run in-process on a daily schedule
(``at="06:15"``), declared through the ``register_jobs`` hook (core declares ``cases
check``, ``backup`` and ``audit verify``; each plan module its daily check). The commands
stay what the README lists, so a ward that keeps its crontab loses nothing.

The :class:`Worker` loop — started by ``thanthien serve`` in a background thread (unless
``--no-worker``) or alone by ``thanthien worker`` — runs, every ``worker_interval_seconds``:

1. each due job, under a database lock: a conditional ``UPDATE core_job SET lease_owner …
   WHERE lease_until IS NULL OR lease_until < now`` that only one worker can win, so two
   workers (two servers, or ``serve`` plus ``worker``) never run the same job; a job never
   run, or missed while the server was off, runs at the first cycle; each run is recorded
   on the job's row (last run, status, output, failures) and in the audit log;
2. one outbox batch (:func:`thanthien.core.outbox.deliver_batch`) on the channels of the
   ``register_channels`` hook.

Why not huey (or another task library): see docs/architecture.md, "Scheduled work".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import peewee as pw

from .hooks import collect
from .storage.db import BaseModel, now, write_transaction

if TYPE_CHECKING:
    from .outbox import Channel, OutboxPolicy
    from .services import CoreServices

log = logging.getLogger("thanthien.worker")


@attrs.frozen
class Job:
    """A daily job: ``thanthien <argv…>`` at ``at`` (``HH:MM``, the ward's local time).

    :param name: a dotted key (``cases.check``, ``motcua.check``).
    :param label: what it does, in Vietnamese, for staff.
    :param argv: the command line after ``thanthien`` (the README's daily commands).
    :param at: the time of day it runs.
    :param lease_minutes: how long a run may take before another worker may take it over.
    """

    name: str
    label: str
    argv: tuple[str, ...]
    at: str = "06:15"
    lease_minutes: int = 60

    def time_of_day(self) -> dt.time:
        hour, _, minute = self.at.partition(":")
        return dt.time(int(hour), int(minute or 0))

    def next_after(self, moment: dt.datetime) -> dt.datetime:
        """The first scheduled time strictly after ``moment``."""
        candidate = dt.datetime.combine(moment.date(), self.time_of_day())
        return candidate if candidate > moment else candidate + dt.timedelta(days=1)


class JobRow(BaseModel):
    """The state of one scheduled job: its lock and its last run."""

    name = pw.CharField(max_length=64, primary_key=True)
    next_run_at = pw.DateTimeField(index=True)
    lease_owner = pw.CharField(max_length=128, default="")
    lease_until = pw.DateTimeField(null=True)
    last_started_at = pw.DateTimeField(null=True)
    last_finished_at = pw.DateTimeField(null=True)
    last_status = pw.CharField(max_length=16, default="")  # ok | failed
    last_output = pw.TextField(default="")
    runs = pw.IntegerField(default=0)
    failures = pw.IntegerField(default=0)
    consecutive_failures = pw.IntegerField(default=0)

    class Meta:
        table_name = "core_job"


MODELS = [JobRow]


def jobs(core: CoreServices) -> list[Job]:
    """Every declared job of the enabled plugins, by time then name."""
    found = collect(core.pm.hook.register_jobs, settings=core.settings)
    return sorted(found, key=lambda j: (j.at, j.name))


def job_rows() -> dict[str, JobRow]:
    return {row.name: row for row in JobRow.select()}


def _ensure_rows(declared: Sequence[Job], at: dt.datetime) -> None:
    """A job seen for the first time is due at once (a fresh ward runs its checks)."""
    known = {r.name for r in JobRow.select(JobRow.name)}
    for job in declared:
        if job.name not in known:
            with write_transaction():
                JobRow.insert(name=job.name, next_run_at=at).on_conflict_ignore().execute()


def claim_job(job: Job, worker: str, at: dt.datetime | None = None) -> bool:
    """Take the job's lock if it is due and nobody holds it (one winner among workers)."""
    at = at or now()
    with write_transaction():
        won = (
            JobRow.update(
                lease_owner=worker, lease_until=at + dt.timedelta(minutes=job.lease_minutes), last_started_at=at
            )
            .where(
                JobRow.name == job.name,
                JobRow.next_run_at <= at,
                JobRow.lease_until.is_null(True) | (JobRow.lease_until < at),
            )
            .execute()
        )
    return bool(won)


#: the commands a job may name beyond the plugins' (``register_cli_commands``): the caller
#: passes core's (``thanthien.core.commands.core_commands``), which sit above this module
ExtraCommands = Callable[[Any], list]


def no_extra_commands(settings: Any) -> list:
    return []


def run_command(
    core: CoreServices, db: Any, argv: Sequence[str], extra_commands: ExtraCommands = no_extra_commands
) -> tuple[int, str]:
    """Run ``thanthien <argv>`` in this process on ``db``; returns (status, output)."""
    from .cli import CliContext, build_parser
    from .errors import ThanthienError

    out = io.StringIO()
    ctx = CliContext(settings=core.settings, pm=core.pm, out=out, err=out, db=db, core=core)
    commands = collect(core.pm.hook.register_cli_commands, settings=core.settings) + extra_commands(core.settings)
    try:
        args = build_parser(commands).parse_args(list(argv))
        command = getattr(args, "_command", None)
        if command is None:
            return 2, "Lệnh không tồn tại"
        status = int(command.run(args, ctx) or 0)
    except ThanthienError as exc:
        return 2, f"{out.getvalue()}Lỗi: {exc.message}"
    return status, out.getvalue()


def run_job(
    core: CoreServices, db: Any, job: Job, worker: str, extra_commands: ExtraCommands = no_extra_commands
) -> str:
    """Run a claimed job, record the outcome on its row and in the audit log."""
    from . import audit

    try:
        status, output = run_command(core, db, job.argv, extra_commands)
    except Exception as exc:  # a failing job must not stop the worker
        log.exception("job %s failed", job.name)
        status, output = 1, f"Lỗi hệ thống ({type(exc).__name__}): {exc}"
    result = "ok" if status == 0 else "failed"
    at = now()
    with db.connection_context(), write_transaction():
        row = JobRow.get_by_id(job.name)
        JobRow.update(
            lease_owner="",
            lease_until=None,
            last_finished_at=at,
            last_status=result,
            last_output=output.strip()[-4000:],
            runs=row.runs + 1,
            next_run_at=job.next_after(at),
            failures=row.failures + (result == "failed"),
            consecutive_failures=0 if result == "ok" else row.consecutive_failures + 1,
        ).where(JobRow.name == job.name).execute()
        audit.record(
            "job.run",
            "core.job",
            job.name,
            after={
                "status": result,
                "exit": status,
                "output": output.strip()[-500:],
                "command": " ".join(job.argv),
                "worker": worker,
            },
        )
    return result


def run_due_jobs(
    core: CoreServices,
    db: Any,
    worker: str,
    at: dt.datetime | None = None,
    stop: Callable[[], bool] | None = None,
    extra_commands: ExtraCommands = no_extra_commands,
) -> dict[str, str]:
    """Run every due job this worker can lock; returns ``{name: ok|failed}``."""
    declared = jobs(core)
    with db.connection_context():
        _ensure_rows(declared, at or now())
    done: dict[str, str] = {}
    for job in declared:
        if stop is not None and stop():
            break
        with db.connection_context():
            won = claim_job(job, worker, at)
        if won:
            done[job.name] = run_job(core, db, job, worker, extra_commands)
    return done


def channels(core: CoreServices) -> dict[str, Channel]:
    """The delivery channels of the ``register_channels`` hook, by key. pluggy calls the
    plugin registered last first; for a key declared twice that plugin's channel wins (a
    ward's adapter replaces a bundled one)."""
    found = collect(core.pm.hook.register_channels, settings=core.settings, core=core)
    return {ch.key: ch for ch in reversed(found)}


def policy(core: CoreServices) -> OutboxPolicy:
    from .outbox import OutboxPolicy

    cfg = core.config("core")
    return OutboxPolicy(
        max_attempts=cfg.outbox_max_attempts,
        backoff_seconds=cfg.outbox_backoff_seconds,
        lease_seconds=cfg.worker_lease_seconds,
        batch_size=cfg.outbox_batch_size,
    )


@attrs.define
class Worker:
    """The loop of scheduled jobs and outbox delivery (see the module doc)."""

    core: Any
    db: Any
    interval: float | None = None
    #: core's commands (``thanthien.core.commands.core_commands``), for jobs such as ``cases check``
    extra_commands: ExtraCommands = no_extra_commands
    name: str = attrs.field(factory=lambda: _worker_id())
    _stop: threading.Event = attrs.field(factory=threading.Event)

    def cycle(self) -> dict[str, Any]:
        """One pass: due jobs, then one outbox batch."""
        from .outbox import deliver_batch

        done = run_due_jobs(self.core, self.db, self.name, stop=self._stop.is_set, extra_commands=self.extra_commands)
        with self.db.connection_context():
            sent = deliver_batch(channels(self.core), policy(self.core), worker=self.name, stop=self._stop.is_set)
        return {"jobs": done, "messages": sent}

    def run_forever(self) -> None:
        wait = self.interval if self.interval is not None else self.core.config("core").worker_interval_seconds
        while not self._stop.is_set():
            try:
                self.cycle()
            except Exception:  # keep serving; the next cycle retries
                log.exception("worker cycle failed")
            self._stop.wait(wait)

    def stop(self) -> None:
        self._stop.set()

    def start_thread(self) -> threading.Thread:
        thread = threading.Thread(target=self.run_forever, name="thanthien-worker", daemon=True)
        thread.start()
        return thread


def _worker_id() -> str:
    from .outbox import worker_id

    return worker_id()


@contextlib.contextmanager
def background_worker(
    core: CoreServices, db: Any, interval: float | None = None, extra_commands: ExtraCommands = no_extra_commands
):
    """Run a :class:`Worker` in a thread for the block (``thanthien serve``)."""
    worker = Worker(core, db, interval, extra_commands)
    thread = worker.start_thread()
    try:
        yield worker
    finally:
        worker.stop()
        thread.join(timeout=30)


#: core's own daily jobs (the README's crontab lines that are core commands)
def core_jobs(settings: Any) -> list[Job]:
    out = [
        Job("cases.check", "Đánh dấu hồ sơ mới quá hạn, báo cho các phân hệ", ("cases", "check"), at="06:15"),
        Job("audit.verify", "Kiểm tra chuỗi nhật ký kiểm toán", ("audit", "verify"), at="23:00"),
    ]
    if settings.database_url.startswith("sqlite"):
        backups = settings.data_dir / "backups"
        out.append(Job("backup", "Sao lưu cơ sở dữ liệu", ("backup", str(backups) + "/"), at="23:30"))
    return out
