#!/usr/bin/env python3
"""Benchmark of the thanhtra module on SQLite (a file in a temporary folder).

1. Receiving a petition (R-PA-09) — the case with its clock, the detail row with the
   petitioner, the event and audit entries, in one transaction — against a bare
   ``CaseEngine.open`` of the same case type (ratio = cost of what the module adds).
2. Adopting a recommendation (R-TTND-13 vote, the letter to the UBND numbered in the
   register, the R-TTND-11 case) against a bare open of the recommendation case type.
3. The public board page (members, seats, published results, this year's figures) as
   JSON through the app, against a bare Starlette JSON endpoint in the same run.

    .venv/bin/python bench/thanhtra.py [--n 300]
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

from starlette.applications import Starlette  # noqa: E402
from starlette.responses import JSONResponse  # noqa: E402
from starlette.routing import Route  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from thanthien.core import demo  # noqa: E402
from thanthien.core.access import actor_for_person  # noqa: E402
from thanthien.core.plugins import make_plugin_manager  # noqa: E402
from thanthien.core.services import make_services  # noqa: E402
from thanthien.core.settings import Settings, StorageSettings  # noqa: E402
from thanthien.core.storage.db import open_database  # noqa: E402
from thanthien.core.storage.migrate import migrate_all  # noqa: E402
from thanthien.plugins import thanhtra  # noqa: E402
from thanthien.plugins.thanhtra import services as sv  # noqa: E402
from thanthien.plugins.thanhtra.types import PETITION, RECOMMENDATION  # noqa: E402
from thanthien.web.app import create_app  # noqa: E402


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f}/s"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="bench-thanhtra-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)  # removed on success and on failure
    settings = Settings(storage=StorageSettings(data_dir=folder))
    pm = make_plugin_manager(settings, load_entrypoints=False, plugins=[("thanhtra", thanhtra)])
    db = open_database(f"sqlite:///{folder}/thanthien.db")
    migrate_all(db, pm, settings)
    services = make_services(settings, pm)
    t = time.perf_counter()
    ctx = demo.build_demo_ward(settings, pm, services, households=45 * 20, seed=1)
    print(f"demo ward, 45 groups electing their members and a year of board work: {time.perf_counter() - t:.2f} s")
    board = actor_for_person(ctx.staff["bantt"].id, ctx.staff["bantt"].full_name)
    when = dt.datetime.combine(ctx.today, dt.time(9))

    t = time.perf_counter()
    for _ in range(args.n):
        services.cases.open(PETITION, "Phản ánh (bare)", received_at=when)
    bare = time.perf_counter() - t
    t = time.perf_counter()
    for _ in range(args.n):
        sv.receive_petition(services, subject="Phản ánh", content="Đề nghị kiểm tra", channel="hom_thu",
                            sender_name="Nguyễn Văn Thử", received_at=when, actor=board)
    full = time.perf_counter() - t
    print(f"petition intake: module {rate(args.n, full)} vs bare case open {rate(args.n, bare)} "
          f"(ratio {full / bare:.2f})")

    present = sv.active_member_count(ctx.today)
    t = time.perf_counter()
    for _ in range(args.n):
        services.cases.open(RECOMMENDATION, "Kiến nghị (bare)", received_at=when)
    bare = time.perf_counter() - t
    t = time.perf_counter()
    for _ in range(args.n):
        sv.propose_recommendation(services, subject="Kiến nghị", content="Đề nghị khắc phục", voted_on=ctx.today,
                                  present=present, votes_for=present, votes_against=0, abstentions=0,
                                  sent_at=when, actor=board)
    full = time.perf_counter() - t
    print(f"recommendation adopted and sent: module {rate(args.n, full)} vs bare case open {rate(args.n, bare)} "
          f"(ratio {full / bare:.2f})")

    bare_app = Starlette(routes=[Route("/x.json", lambda request: JSONResponse({"ok": True, "members": []}))])
    with TestClient(create_app(settings, pm, db=db)) as app, TestClient(bare_app) as plain:
        for client, url in ((app, "/thanhtra/index.json"), (plain, "/x.json")):
            assert client.get(url).status_code == 200
        t = time.perf_counter()
        for _ in range(args.n):
            app.get("/thanhtra/index.json", headers={"Cache-Control": "no-cache"})
        page = time.perf_counter() - t
        t = time.perf_counter()
        for _ in range(args.n):
            plain.get("/x.json")
        base = time.perf_counter() - t
    print(f"public board page (JSON): {rate(args.n, page)} vs bare Starlette {rate(args.n, base)} "
          f"(ratio {page / base:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
