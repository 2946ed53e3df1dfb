#!/usr/bin/env python3
"""Benchmark of the plan dashboard (baocao) on a database holding 1,000,000 cases.

1. Seeds N closed and open cases (default 1,000,000) over two years, 30 units and three
   case types with bulk inserts into ``core_case``, and fills the case rollup from them
   with one ``INSERT … SELECT … GROUP BY`` (seeding is not measured).
2. Dashboard: the server time of ``baocao.services.dashboard.board`` (every indicator of
   the enabled modules, this year against its target and the year before) and of the
   ``/baocao/index.json`` page through the full app, for the whole ward and for one unit.
3. Scan: the same three case figures (received, closed late, on-time share) counted
   directly over ``core_case`` — the rollup-free query — in the same run; the ratio of
   the two is what to watch.

    .venv/bin/python bench/baocao.py [--cases 1000000] [--repeat 20] [--db-url postgresql://…]
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from thanthien.core import people  # noqa: E402
from thanthien.core.models import CaseRollupRow, CaseRow  # noqa: E402
from thanthien.core.plugins import make_plugin_manager  # noqa: E402
from thanthien.core.services import make_services  # noqa: E402
from thanthien.core.settings import Settings, StorageSettings  # noqa: E402
from thanthien.core.storage.db import is_postgres, open_database  # noqa: E402
from thanthien.core.storage.migrate import migrate_all  # noqa: E402
from thanthien.plugins import baocao  # noqa: E402
from thanthien.plugins.baocao.services import dashboard, periods  # noqa: E402

TYPES = ("bench_dossier", "bench_petition", "bench_complaint")


def seed(db, n: int, units: list[int]) -> None:
    rng = random.Random(13)
    today = dt.date.today()
    start = dt.date(today.year - 1, 1, 1)
    span = (today - start).days
    cols = ("case_type", "number", "series", "year", "seq", "subject", "state", "opened_at", "received_at",
            "unit_id", "due_date", "closed_at", "data", "due_unit", "extensions", "outcome", "confidential",
            "overdue_notified")
    sql = (f"INSERT INTO core_case ({', '.join(cols)}) VALUES ({', '.join([db.param] * len(cols))})")
    as_text = not is_postgres()  # SQLite stores dates as text, as peewee writes them

    def v(x):
        return str(x) if as_text and x is not None else x

    batch = []
    for i in range(n):
        received = dt.datetime.combine(start + dt.timedelta(days=rng.randrange(span)), dt.time(8)) + dt.timedelta(
            minutes=rng.randrange(480))
        due = received.date() + dt.timedelta(days=rng.choice((3, 5, 10, 15)))
        closed = None
        if rng.random() < 0.9:
            closed = received + dt.timedelta(days=rng.randrange(0, 18))
            if closed.date() > today:
                closed = None
        batch.append((TYPES[i % 3], f"B-{i:08d}", "B", received.year, i, "Hồ sơ thử",
                      "closed" if closed else "open", v(received), v(received), units[i % len(units)], v(due),
                      v(closed), "{}", "days", 0, "", False, False))
        if len(batch) == 20000:
            with db.atomic():
                db.cursor().executemany(sql, batch)
            batch = []
    if batch:
        with db.atomic():
            db.cursor().executemany(sql, batch)
    month = "to_char(received_at, 'YYYY-MM')" if is_postgres() else "strftime('%Y-%m', received_at)"
    closed_day = "closed_at::date" if is_postgres() else "date(closed_at)"
    db.execute_sql(f"""
        INSERT INTO core_case_rollup (month, case_type, unit_id, state, timeliness, count)
        SELECT {month}, case_type, COALESCE(unit_id, 0), state,
               CASE WHEN closed_at IS NULL THEN 'open'
                    WHEN due_date IS NULL THEN 'on_time'
                    WHEN {closed_day} < due_date THEN 'early'
                    WHEN {closed_day} = due_date THEN 'on_time'
                    ELSE 'late' END AS t, COUNT(*)
        FROM core_case GROUP BY 1, 2, 3, 4, 5""")


def scan(start: dt.date, end: dt.date, units: set[int] | None) -> tuple[int, int, float | None]:
    """The three case figures counted over the cases themselves (no rollup)."""
    lo = dt.datetime(start.year, start.month, 1)
    hi = dt.datetime(end.year + end.month // 12, end.month % 12 + 1, 1)
    q = CaseRow.select(CaseRow.closed_at, CaseRow.due_date).where(CaseRow.received_at >= lo, CaseRow.received_at < hi)
    if units is not None:
        q = q.where(CaseRow.unit.in_(sorted(units)))
    received = closed = late = 0
    for closed_at, due in q.tuples().iterator():
        received += 1
        if closed_at is not None:
            closed += 1
            if due is not None and closed_at.date() > due:
                late += 1
    return received, late, (round(100 * (closed - late) / closed, 1) if closed else None)


def timed(fn, repeat: int) -> float:
    """Median milliseconds of ``fn()`` over ``repeat`` runs (after one warm-up)."""
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--db-url", default="")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="thanthien-bench-baocao-"))
    try:
        settings = Settings(storage=StorageSettings(data_dir=str(tmp), database_url=args.db_url))
        pm = make_plugin_manager(settings, load_entrypoints=False, plugins=[("baocao", baocao)])
        db = open_database(settings.database_url)
        migrate_all(db, pm, settings)
        core = make_services(settings, pm)
        with db.connection_context():
            ward = people.create_unit("UBND", "UBND phường", "peoples_committee")
            units = [people.create_unit(f"TDP{i:02d}", f"Tổ dân phố số {i}", "residential_group",
                                        parent_id=ward.id).id for i in range(1, 31)]
            t = time.perf_counter()
            seed(db, args.cases, units)
            print(f"seeded {CaseRow.select().count():,} cases, {CaseRollupRow.select().count():,} rollup rows "
                  f"in {time.perf_counter() - t:.1f} s")
            year = periods.current("year", dt.date.today())
            one = {units[0]}
            # the rollup and the scan agree before anything is timed
            for u in (None, one):
                by_rollup = tuple(core.indicators.value(k, year.start, year.end, u) for k in (
                    "baocao.cases_received", "baocao.cases_closed_late", "baocao.cases_on_time_share"))
                assert by_rollup == scan(year.start, year.end, u), (by_rollup, scan(year.start, year.end, u))
            board_ms = timed(lambda: dashboard.board(core, year, None), args.repeat)
            unit_ms = timed(lambda: dashboard.board(core, year, one), args.repeat)
            scan_ms = timed(lambda: (scan(year.start, year.end, None), scan(periods.previous(year).start,
                                                                            periods.previous(year).end, None)),
                            max(3, args.repeat // 5))
            print(f"dashboard, whole ward ({len(core.indicators.all())} indicators, this year and the year before): "
                  f"{board_ms:.2f} ms")
            print(f"dashboard, one unit: {unit_ms:.2f} ms")
            print(f"scan of core_case for the same figures: {scan_ms:.1f} ms")
            print(f"ratio scan / dashboard: {scan_ms / board_ms:.0f}×")
        db.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
