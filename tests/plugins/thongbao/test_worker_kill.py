"""Acceptance: a worker killed with SIGKILL in the middle of a batch, then restarted,
delivers every committed message exactly once to the local SMTP server."""
import asyncio
import os
import signal
import subprocess
import sys
import threading
import time

from thanthien.core import outbox
from thanthien.core.outbox import OutboxRow
from thanthien.core.storage.db import write_transaction

from .conftest import SMTP_PASSWORD, SMTP_USER

N = 8
KILL_AT = 3  # the server holds its answer to the 3rd message; the worker dies waiting for it


def write_config(path, db_url, smtp):
    path.write_text(f"""
[storage]
data_dir = "{path.parent / 'data'}"
database_url = "{db_url}"

[plugin.core]
worker_interval_seconds = 0.2
worker_lease_seconds = 2
outbox_backoff_seconds = 0

[plugin.thongbao]
smtp_host = "127.0.0.1"
smtp_port = {smtp.port}
smtp_user = "{SMTP_USER}"
smtp_password = "{SMTP_PASSWORD}"
smtp_ca_file = "{smtp.ca_file}"
smtp_from = "thongbao@backan.example.vn"
smtp_timeout = 20.0
quiet_start = "00:00"
quiet_end = "00:00"
""", encoding="utf-8")


def worker(config, *extra):
    return subprocess.Popen([sys.executable, "-m", "thanthien.web.cli", "--config", str(config), "worker", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_sigkill_mid_batch_then_restart_delivers_each_message_once(core, db_url, smtp_server, tmp_path):
    config = tmp_path / "thanthien.toml"
    write_config(config, db_url, smtp_server)
    with write_transaction():
        keys = [outbox.enqueue("email", f"Tin số {i}", kind="t.batch", recipient=f"dan{i}@example.vn",
                               key=f"batch-{i}").idempotency_key for i in range(N)]
    held = threading.Event()

    async def hold(count):
        if count == KILL_AT:
            held.set()
            await asyncio.sleep(30)  # never answers in time: the worker is killed first

    smtp_server.after_store = hold
    first = worker(config)
    try:
        assert held.wait(120), first.stderr.read() if first.poll() is not None else "no 3rd message"
        os.kill(first.pid, signal.SIGKILL)
        first.wait(30)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == -signal.SIGKILL
    assert len(smtp_server.messages) == KILL_AT
    states = {r.idempotency_key: r.state for r in OutboxRow.select()}
    assert states[f"batch-{KILL_AT - 1}"] == "handed"  # the one in flight
    smtp_server.after_store = None
    time.sleep(2.5)  # the dead worker's lease runs out
    second = worker(config, "--once")
    out, err = second.communicate(timeout=180)
    assert "tin nhắn đã xử lý" in out
    assert second.returncode == 0, err
    ids = sorted(m["message_id"] for m in smtp_server.messages)
    assert ids == sorted(f"<{k}@thanthien.local>" for k in keys)  # every message, exactly once
    states = {r.idempotency_key: r.state for r in OutboxRow.select()}
    assert states.pop(f"batch-{KILL_AT - 1}") == "unconfirmed"  # never sent twice; staff see it
    assert set(states.values()) == {"sent"}
