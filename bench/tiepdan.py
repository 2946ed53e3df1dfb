#!/usr/bin/env python3
"""Benchmark of the tiepdan module on SQLite (a file in a temporary folder).

1. Recording a complaint at reception — the register entry, the identity row, the case
   with its legal clock and tracking code, the R-TD-13 status-reply case, their events and
   audit entries, in one transaction — against a bare ``CaseEngine.open`` of the same
   case type (ratio = cost of what the module adds).
2. The indicators over a year of demo data (``thanthien demo``) against counting the
   module's matters in the same database.
3. The public feedback path with its throttle: accepted submissions/s, and the check
   that the (N+1)-th submission from one address is refused while nothing partial is
   stored.

    .venv/bin/python bench/tiepdan.py [--visits 300]
"""
from __future__ import annotations

import argparse
import atexit
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from thanthien.core import demo  # noqa: E402
from thanthien.core.plugins import make_plugin_manager  # noqa: E402
from thanthien.core.services import make_services  # noqa: E402
from thanthien.core.settings import Settings, StorageSettings  # noqa: E402
from thanthien.core.storage.db import open_database  # noqa: E402
from thanthien.core.storage.migrate import migrate_all  # noqa: E402
from thanthien.plugins import tiepdan  # noqa: E402
from thanthien.plugins.tiepdan import services as sv  # noqa: E402
from thanthien.plugins.tiepdan.models import CaseRow, MatterRow  # noqa: E402
from thanthien.plugins.tiepdan.types import MatterFacts, PartyInput  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=300)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="bench-tiepdan-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)  # removed on success and on failure
    settings = Settings(storage=StorageSettings(data_dir=folder))
    pm = make_plugin_manager(settings, load_entrypoints=False, plugins=[("tiepdan", tiepdan)])
    db = open_database(f"sqlite:///{folder}/thanthien.db")
    migrate_all(db, pm, settings)
    services = make_services(settings, pm)
    t = time.perf_counter()
    ctx = demo.build_demo_ward(settings, pm, services, households=200, seed=1)
    print(f"demo ward with a year of reception data: {time.perf_counter() - t:.2f} s, "
          f"{MatterRow.select().count()} matters")
    officer = ctx.actor("motcua")
    when = ctx.at(ctx.today, 9)
    visitor = PartyInput(full_name="Nguyễn Văn Thử", address="Tổ 1", phone="0912345678")

    t = time.perf_counter()
    for _ in range(args.visits):
        services.cases.open("tiepdan_khieu_nai", "Khiếu nại (bare)", received_at=when,
                            data={"complexity": "simple"})
    bare = (time.perf_counter() - t) / args.visits
    t = time.perf_counter()
    for _ in range(args.visits):
        sv.record_visit(services, summary="Khiếu nại quyết định xử phạt", classification="khieu_nai",
                        visitor=visitor, received_at=when, actor=officer,
                        matter=MatterFacts(decision_known_on=ctx.today - dt.timedelta(days=10)))
    full = (time.perf_counter() - t) / args.visits
    print(f"record a complaint visit: {full * 1000:.2f} ms vs bare case open {bare * 1000:.2f} ms "
          f"→ ratio {full / bare:.1f}")

    start, end = ctx.today - dt.timedelta(days=365), ctx.today
    t = time.perf_counter()
    for _ in range(20):
        result = sv.figures(services, start, end)
    ind = (time.perf_counter() - t) / 20
    t = time.perf_counter()
    for _ in range(20):
        MatterRow.select().where(MatterRow.received_at >= dt.datetime.combine(start, dt.time.min)).count()
    base = (time.perf_counter() - t) / 20
    print(f"indicators over a year ({result['received_total']} matters, {result['visits']} visits): "
          f"{ind * 1000:.1f} ms vs one count {base * 1000:.2f} ms → ratio {ind / base:.0f}")

    form = {"kind": "phan_anh", "subject": "Đèn đường hỏng", "content": "Đèn hỏng",
            "sender": PartyInput(full_name="A B", address="Tổ 2", phone="0912000111"), "consent": True}
    limit = sv.config(services).public_rate_limit
    t = time.perf_counter()
    n = 0
    for i in range(args.visits // limit + 1):
        for _ in range(limit):
            sv.submit_feedback(services, **form, client=f"10.0.{i // 250}.{i % 250}", at=when)
            n += 1
    rate = n / (time.perf_counter() - t)
    before = CaseRow.select().count()
    try:
        sv.submit_feedback(services, **form, client="10.0.0.0", at=when)
        refused = False
    except sv.TooManyRequests:
        refused = True
    print(f"public feedback: {rate:.0f} accepted/s; submission {limit + 1} from one address refused: {refused}; "
          f"stored after refusal unchanged: {CaseRow.select().count() == before}")
    db.close()
    return 0 if refused else 1


if __name__ == "__main__":
    raise SystemExit(main())
