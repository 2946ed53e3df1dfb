"""``thanthien worker`` and ``thanthien jobs``: the scheduled work without a crontab.

``worker`` runs the loop of :mod:`thanthien.core.scheduler` alone (for multi-process
deployments started with ``thanthien serve --no-worker``); ``--once`` runs one cycle.
``jobs`` lists the daily jobs: time, last run and its status, next run, failures
(``name<TAB>at<TAB>last<TAB>status<TAB>next<TAB>failures<TAB>label``); ``jobs run NAME``
runs one now (under the same lock).
"""

from __future__ import annotations

import argparse
import signal

from ..cli import CliCommand, CliContext
from ..errors import ThanthienError


def worker_command() -> CliCommand:
    return CliCommand("worker", "Chạy việc định kỳ và gửi tin nhắn (không cần crontab)", _worker_args, _worker)


def jobs_command() -> CliCommand:
    return CliCommand("jobs", "Danh sách việc định kỳ: lần chạy trước, lần chạy sau, lỗi", _jobs_args, _jobs)


def _worker_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--once", action="store_true", help="chạy một lượt rồi dừng")
    p.add_argument(
        "--interval",
        type=float,
        default=None,
        metavar="GIÂY",
        help="số giây giữa hai lượt (mặc định [plugin.core] worker_interval_seconds)",
    )


def _worker(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..scheduler import Worker

    if args.interval is not None and args.interval <= 0:
        raise ThanthienError("Số giây giữa hai lượt (--interval) phải lớn hơn 0.")
    from . import core_commands

    db = ctx.db()
    worker = Worker(ctx.core, db, args.interval, core_commands)
    if args.once:
        result = worker.cycle()
        for name, status in result["jobs"].items():
            ctx.print(f"{name}\t{status}")
        sent = result["messages"]
        ctx.print(f"{sum(sent.values())} tin nhắn đã xử lý" + (f" ({_counts(sent)})" if sent else ""))
        return 0
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: worker.stop())
    ctx.print(f"thanthien worker {worker.name}: đang chạy (Ctrl+C để dừng)")
    ctx.out.flush()
    worker.run_forever()
    return 0


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))


def _jobs_args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="jobs_cmd", metavar="run")
    run = sub.add_parser("run", help="chạy ngay một việc (tên như trong danh sách)")
    run.add_argument("name")


def _jobs(args: argparse.Namespace, ctx: CliContext) -> int:
    from .. import scheduler
    from . import core_commands

    job: scheduler.Job | None = None
    worker = ""
    with ctx.session() as core:
        declared = scheduler.jobs(core)
        if getattr(args, "jobs_cmd", None) == "run":
            job = next((j for j in declared if j.name == args.name), None)
            if job is None:
                raise ThanthienError(f"Không có việc định kỳ '{args.name}' (xem: thanthien jobs).")
            worker = scheduler._worker_id()
            scheduler._ensure_rows([job], scheduler.now())
            scheduler.JobRow.update(next_run_at=scheduler.now()).where(
                scheduler.JobRow.name == job.name, scheduler.JobRow.lease_until.is_null(True)
            ).execute()
            if not scheduler.claim_job(job, worker):
                raise ThanthienError(f"Việc '{job.name}' đang chạy ở tiến trình khác.")
        rows = scheduler.job_rows()
    if job is not None:
        status = scheduler.run_job(ctx.core, ctx.db(), job, worker, core_commands)
        ctx.print(f"{job.name}\t{status}")
        return 0 if status == "ok" else 1
    for job in declared:
        row = rows.get(job.name)
        last = f"{row.last_finished_at:%d/%m/%Y %H:%M}" if row and row.last_finished_at else "chưa chạy"
        status = {"ok": "thành công", "failed": "lỗi"}.get(row.last_status, "") if row else ""
        nxt = f"{row.next_run_at:%d/%m/%Y %H:%M}" if row else "lượt chạy đầu tiên của worker"
        failures = row.failures if row else 0
        ctx.print(f"{job.name}\t{job.at}\t{last}\t{status or '-'}\t{nxt}\t{failures}\t{job.label}")
    ctx.print(f"{len(declared)} việc định kỳ")
    return 0
