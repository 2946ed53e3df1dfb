"""``thanthien thongbao check-counts`` (and core's ``rollups check``) recount the outbox per
channel × state and report where the kept counts the outbox page reads differ; ``rollups
rebuild`` mends them. The counts themselves: ``tests/core/test_outbox_counts.py``."""
from __future__ import annotations

import argparse
import io

from thanthien.core import outbox
from thanthien.core.cli import CliContext
from thanthien.core.commands import rollups as rollups_cli
from thanthien.core.outbox import OutboxRow
from thanthien.plugins.thongbao import cli as tb_cli


def _run(command, settings, pm, db, *argv):
    out = io.StringIO()
    ctx = CliContext(settings, pm, out=out)
    ctx._db = db
    parser = argparse.ArgumentParser()
    command.configure(parser)
    return command.run(parser.parse_args(list(argv)), ctx) or 0, out.getvalue()


def test_check_counts_reports_a_drift_and_rebuild_mends_it(services, settings, pm, db):
    outbox.enqueue("email", "Hồ sơ đã có kết quả", kind="t.result", recipient="a@example.vn")
    outbox.enqueue("sms", "Hồ sơ đã có kết quả", kind="t.result", recipient="0912345678")
    assert _run(tb_cli.command(), settings, pm, db, "check-counts") == (
        0, "Số tin nhắn theo kênh và trạng thái khớp với hộp thư đi.\n")
    OutboxRow.update(state="cancelled").where(OutboxRow.channel == "sms").execute()  # around the outbox
    status, out = _run(tb_cli.command(), settings, pm, db, "doi-chieu")
    assert status == 1
    assert "core_outbox sms/cancelled: đang ghi 0, đếm lại được 1" in out
    assert "core_outbox sms/queued: đang ghi 1, đếm lại được 0" in out
    status, out = _run(rollups_cli.command(), settings, pm, db, "check")
    assert status == 1 and "2 chỗ lệch" in out
    assert _run(rollups_cli.command(), settings, pm, db, "rebuild")[0] == 0
    assert _run(rollups_cli.command(), settings, pm, db, "check") == (0, "Bảng tổng hợp khớp với dữ liệu gốc\n")
    assert _run(tb_cli.command(), settings, pm, db, "check-counts")[0] == 0
    assert outbox.counts_by_state() == {("email", "queued"): 1, ("sms", "cancelled"): 1}
