#!/usr/bin/env python3
"""Benchmark: opening cases with K concurrent writers, on SQLite and PostgreSQL.

Prints cases/s of the case engine (numbering from the counter row, case event, audit
entry, rollup, hooks — all in one transaction) and checks the numbers are unique and
gapless; prints the ratio against a bare peewee insert loop (one row per transaction,
same writers) measured in the same run on the same database.

    .venv/bin/python bench/cases.py [--cases 1600] [--writers 8] [--pg-url URL] [--no-pg]
"""
from __future__ import annotations

import argparse
import atexit
import datetime as dt
import secrets
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import peewee  # noqa: E402

from thanthien.core.models import CaseRow  # noqa: E402
from thanthien.core.plugins import make_plugin_manager  # noqa: E402
from thanthien.core.services import make_services  # noqa: E402
from thanthien.core.settings import Settings, StorageSettings  # noqa: E402
from thanthien.core.storage.db import BaseModel, database_proxy, open_database  # noqa: E402
from thanthien.core.storage.migrate import migrate_all  # noqa: E402
from tests.fixture_plugins import sample_cases  # noqa: E402


class BareRow(BaseModel):
    subject = peewee.CharField()
    created = peewee.DateTimeField()

    class Meta:
        table_name = "bench_bare_row"


def run_writers(db, writers: int, per_writer: int, work) -> float:
    errors: list[BaseException] = []

    def loop():
        try:
            with db.connection_context():
                for _ in range(per_writer):
                    work()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=loop) for _ in range(writers)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise SystemExit(f"lỗi khi ghi đồng thời: {errors[0]!r}")
    return elapsed


def bench(label: str, url: str, total: int, writers: int) -> tuple[float, float]:
    data_dir = tempfile.mkdtemp(prefix="bench-cases-")
    atexit.register(shutil.rmtree, data_dir, ignore_errors=True)  # removed on success and on failure
    settings = Settings(storage=StorageSettings(data_dir=data_dir))
    pm = make_plugin_manager(settings, load_entrypoints=False, plugins=[("sample_cases", sample_cases)])
    db = open_database(url)
    migrate_all(db, pm, settings)
    db.create_tables([BareRow])
    services = make_services(settings, pm)
    engine = services.cases
    per_writer = total // writers
    received = dt.datetime(2026, 3, 2, 9, 0)

    def bare():
        with db.atomic():
            BareRow.create(subject="bench", created=received)

    def case():
        engine.open("sample_request", "bench", received_at=received)

    t_bare = run_writers(db, writers, per_writer, bare)
    t_case = run_writers(db, writers, per_writer, case)
    n = per_writer * writers
    with db.connection_context():
        seqs = sorted(r.seq for r in CaseRow.select(CaseRow.seq).where(CaseRow.series == "YC-2026"))
    ok = seqs == list(range(1, n + 1))
    bare_rate, case_rate = n / t_bare, n / t_case
    print(f"{label:<11} {n:>6} {writers:>3}  {bare_rate:>10.0f}  {case_rate:>10.0f}  "
          f"{case_rate / bare_rate:>6.2f}  {'duy nhất, liên tục' if ok else 'LỖI ĐÁNH SỐ'}")
    db.close()
    database_proxy.initialize(None)
    shutil.rmtree(data_dir, ignore_errors=True)
    if not ok:
        raise SystemExit(1)
    return bare_rate, case_rate


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=1600)
    ap.add_argument("--writers", type=int, default=8)
    ap.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/test")
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--pg-no-fsync-wait", action="store_true",
                    help="PostgreSQL sessions with synchronous_commit=off (both loops): measures the statements "
                         "and round trips without the wait for each commit's WAL flush, which the numbering lock "
                         "serialises (one flush per case) while the bare loop's commits are flushed together")
    args = ap.parse_args()
    print(f"{'database':<11} {'cases':>6} {'K':>3}  {'bare rows/s':>10}  {'cases/s':>10}  {'ratio':>6}  numbers")
    with tempfile.TemporaryDirectory() as tmp:
        bench("sqlite", f"sqlite:///{tmp}/bench.db", args.cases, args.writers)
    if not args.no_pg:
        import psycopg

        schema = "bench_" + secrets.token_hex(4)
        with psycopg.connect(args.pg_url, autocommit=True) as con:
            con.execute(f"CREATE SCHEMA {schema}")
        try:
            options = f"-c search_path={schema}" + (" -c synchronous_commit=off" if args.pg_no_fsync_wait else "")
            label = "pg (no wait)" if args.pg_no_fsync_wait else "postgresql"
            bench(label, f"{args.pg_url}?options={quote(options)}", args.cases, args.writers)
        finally:
            with psycopg.connect(args.pg_url, autocommit=True) as con:
                con.execute(f"DROP SCHEMA {schema} CASCADE")
    print("ratio = cases/s ÷ bare rows/s (each case also writes an event, an audit entry and a rollup row)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
