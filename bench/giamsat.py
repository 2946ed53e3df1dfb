#!/usr/bin/env python3
"""Benchmark of the giamsat module on SQLite (a file in a temporary folder).

1. A board recommendation — its R-GS-08 checks, the case with its R-GS-10 clock, the
   detail row, event and audit entry — against a bare ``CaseEngine.open`` of the same case
   type (ratio = cost of what the module adds).
2. The coverage indicator over many projects (half with a board) against a plain count
   of the in-scope projects in the same database.
3. The public project page as JSON through the app against ``/-/health.json``.

    .venv/bin/python bench/giamsat.py [--projects 2000] [--recommendations 300]
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

from starlette.testclient import TestClient  # noqa: E402

from thanthien.core import demo  # noqa: E402
from thanthien.core.types import SYSTEM_ACTOR  # noqa: E402
from thanthien.core.plugins import make_plugin_manager  # noqa: E402
from thanthien.core.services import make_services  # noqa: E402
from thanthien.core.settings import Settings, StorageSettings  # noqa: E402
from thanthien.core.storage.db import open_database  # noqa: E402
from thanthien.core.storage.migrate import migrate_all  # noqa: E402
from thanthien.plugins import giamsat  # noqa: E402
from thanthien.plugins.giamsat import services as sv  # noqa: E402
from thanthien.plugins.giamsat.models import BoardRow, ProjectRow  # noqa: E402
from thanthien.plugins.giamsat.types import IN_SCOPE_FUNDING, RECOMMENDATION  # noqa: E402
from thanthien.web.app import create_app  # noqa: E402


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f}/s".replace(",", ".")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--recommendations", type=int, default=300)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="bench-giamsat-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)  # removed on success and on failure
    settings = Settings(storage=StorageSettings(data_dir=folder))
    pm = make_plugin_manager(settings, load_entrypoints=False, plugins=[("giamsat", giamsat)])
    db = open_database(f"sqlite:///{folder}/thanthien.db")
    migrate_all(db, pm, settings)
    services = make_services(settings, pm)
    ctx = demo.build_demo_ward(settings, pm, services, households=300, seed=1)
    member = ctx.actor("bantt")
    board = BoardRow.select().where(BoardRow.state == "active").first()
    day = ctx.today - dt.timedelta(days=1)

    n = args.recommendations
    t = time.perf_counter()
    for _ in range(n):
        services.cases.open(RECOMMENDATION, "Kiến nghị (bare)", actor=SYSTEM_ACTOR,
                            received_at=dt.datetime.combine(day, dt.time(0)))
    bare = time.perf_counter() - t
    t = time.perf_counter()
    for i in range(n):
        sv.make_recommendation(services, board.id, kind="kien_nghi", content=f"Kiến nghị số {i}", sent_on=day,
                               actor=member)
    full = time.perf_counter() - t
    print(f"1. recommendation: {rate(n, full)} vs bare case open {rate(n, bare)} — ratio {full / bare:.2f}")

    officer = ctx.actor("kinhte")
    groups = [g.id for g in ctx.groups]
    with db.atomic():
        for i in range(args.projects):
            p = sv.create_project(services, name=f"Dự án thử {i}", investor="UBND phường",
                                  funding=IN_SCOPE_FUNDING[i % len(IN_SCOPE_FUNDING)], location="Phường",
                                  group_ids=[groups[i % len(groups)]], start_on=ctx.today, actor=officer)
            if i % 2:
                BoardRow.create(project=p.id, decision_ref=f"{i}/QĐ-MTTQ", established_on=ctx.today)
    runs = 20
    t = time.perf_counter()
    for _ in range(runs):
        cov = sv.coverage(services, ctx.today, ctx.today)
    full = (time.perf_counter() - t) / runs
    t = time.perf_counter()
    for _ in range(runs):
        ProjectRow.select().where(ProjectRow.funding.in_(IN_SCOPE_FUNDING)).count()
    bare = (time.perf_counter() - t) / runs
    print(f"2. coverage over {cov.total} projects ({cov.share}%): {full * 1000:.1f} ms vs a plain count "
          f"{bare * 1000:.1f} ms — ratio {full / bare:.1f}")

    project_id = board.project_id
    with TestClient(create_app(settings, pm, db=db)) as client:
        for url in (f"/giamsat/du-an/{project_id}.json", "/-/health.json"):
            client.get(url)
        n = 300
        t = time.perf_counter()
        for _ in range(n):
            client.get(f"/giamsat/du-an/{project_id}.json")
        page = time.perf_counter() - t
        t = time.perf_counter()
        for _ in range(n):
            client.get("/-/health.json")
        health = time.perf_counter() - t
    print(f"3. public project JSON: {rate(n, page)} vs /-/health.json {rate(n, health)} — ratio {page / health:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
