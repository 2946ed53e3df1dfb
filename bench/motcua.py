#!/usr/bin/env python3
"""Benchmark of the one-stop module on a database holding ≥ 200,000 dossiers.

1. Seeds N dossiers (default 200,000) over the sample catalogue with bulk inserts into
   ``core_case`` and ``motcua_dossier`` (seeding is not measured).
2. Intake: dossiers/s through ``motcua.services.receive`` — validation, dossier code from
   the counter row, case event, audit entry, rollups and the numbered Mẫu 01 receipt
   rendered from its template — one transaction each; also without the receipt.
3. Look-up: requests/s of ``GET /motcua/tra-cuu.json?ma=<random code>`` (and the HTML
   page) through the full app (routing, session, permission, ETag), against a bare
   Starlette app returning a constant JSON, both driven by the same in-process client in
   the same run; the ratio is what to watch.

    .venv/bin/python bench/motcua.py [--dossiers 200000] [--intake 300] [--requests 2000]
                                     [--db-url postgresql://…]   (default: a temporary SQLite file)
"""
from __future__ import annotations

import argparse
import atexit
import contextlib
import datetime as dt
import random
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

from thanthien.core import people  # noqa: E402
from thanthien.core.access import actor_for_person  # noqa: E402
from thanthien.core.calendar import DEFAULT_CUTOFF  # noqa: E402
from thanthien.core.models import CaseRow, CounterRow  # noqa: E402
from thanthien.core.plugins import make_plugin_manager  # noqa: E402
from thanthien.core.services import make_services  # noqa: E402
from thanthien.core.settings import Settings, StorageSettings  # noqa: E402
from thanthien.core.storage.db import is_postgres, open_database  # noqa: E402
from thanthien.core.storage.migrate import migrate_all  # noqa: E402
from thanthien.plugins import motcua  # noqa: E402
from thanthien.plugins.motcua import services as mc  # noqa: E402
from thanthien.plugins.motcua.models import DossierRow, RollupRow  # noqa: E402
from thanthien.web.app import create_app  # noqa: E402

PER_DAY = 220


def _bulk_rows(model, rows: list[dict], converted: frozenset[str] = frozenset()):
    """The columns and value tuples of ``rows`` as peewee's ``insert_many`` would write them:
    every field given or having a default (a callable default called, then ``db_value``);
    values of the fields in ``converted`` go through their field's ``db_value`` (the others
    are already what the driver takes: str, int, date, datetime)."""
    fields = [f for f in model._meta.sorted_fields
              if f.name in rows[0] or f in model._meta.defaults]
    defaults = {}
    for f in fields:
        if f.name not in rows[0]:
            d = model._meta.defaults[f]
            defaults[f.name] = f.db_value(d() if callable(d) else d)
    getters = [(True, defaults[f.name]) if f.name in defaults else (False, f) for f in fields]
    values = [tuple(v if const else (v.db_value(row[v.name]) if v.name in converted else row[v.name])
                    for const, v in getters) for row in rows]
    return [f.column_name for f in fields], values


def _bulk_insert(db, model, columns: list[str], values: list[tuple]) -> None:
    """One prepared INSERT run for every row (``executemany``), or ``COPY`` on PostgreSQL."""
    table = model._meta.table_name
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = db.cursor()
    if is_postgres(db):
        with cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
            for row in values:
                copy.write_row(row)
    else:
        cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})', values)


@contextlib.contextmanager
def _seeding_pragmas(db):
    """SQLite: no fsync and a large page cache for this connection while seeding, restored after."""
    if is_postgres(db):
        yield
        return
    keep = {k: db.execute_sql(f"PRAGMA {k}").fetchone()[0] for k in ("synchronous", "cache_size", "temp_store")}
    db.execute_sql("PRAGMA synchronous=OFF")
    db.execute_sql("PRAGMA cache_size=-262144")  # 256 MiB
    db.execute_sql("PRAGMA temp_store=MEMORY")
    try:
        yield
    finally:
        for k, v in keep.items():
            db.execute_sql(f"PRAGMA {k}={v}")


def seed(db, services, n: int) -> list[str]:
    """Insert n returned dossiers, PER_DAY per working day, ending yesterday, with their
    numbering counters and the one-stop rollup counts — the rows the intake would leave
    for returned dossiers, written in bulk: the rows are prepared in Python, then one
    transaction runs one prepared INSERT per table for all of them (``COPY`` on
    PostgreSQL). 1M dossiers take minutes, not hours."""
    procs = mc.list_procedures()
    agency = mc.config(services).agency(services.settings.ward)
    cal = services.calendar
    days, day = [], dt.date.today()
    while len(days) * PER_DAY < n:
        day -= dt.timedelta(days=1)
        if cal.is_working_day(day):
            days.append(day)
    days.reverse()
    rng = random.Random(7)
    codes: list[str] = []
    # what depends only on the procedure, serialised once (the JSON columns' text)
    case_data = {p.code: CaseRow.data.db_value({"procedure_code": p.code, "time_unit": p.time_unit,
                                                 "time_amount": p.time_amount}) for p in procs}
    documents = {p.code: DossierRow.documents.db_value(
        [{"code": d.code, "name": d.name, "copy_kind": d.copy_kind, "quantity": 1} for d in p.documents])
        for p in procs}
    due_dates: dict[tuple, dt.date] = {}
    rollup: dict[tuple[str, str, str], int] = {}  # first-seen order, as rebuild_rollup() writes it
    case_rows, dossier_rows, counters = [], [], []
    next_id = (CaseRow.select(CaseRow.id).order_by(CaseRow.id.desc()).scalar() or 0) + 1
    line = (DossierRow.select(DossierRow.register_line).order_by(DossierRow.register_line.desc()).scalar() or 0)

    def flush():
        if case_rows:
            _bulk_insert(db, CaseRow, *_bulk_rows(CaseRow, case_rows))
            _bulk_insert(db, DossierRow, *_bulk_rows(DossierRow, dossier_rows))
        case_rows.clear()
        dossier_rows.clear()

    with _seeding_pragmas(db), db.atomic():
        for day in days:
            series = f"{agency}-{day:%y%m%d}"
            count = min(PER_DAY, n - len(codes))
            month = f"{day:%Y-%m}"
            for seq in range(1, count + 1):
                p = rng.choice(procs)
                received = dt.datetime.combine(day, dt.time(7 + seq % 9, (seq * 7) % 60))
                code = f"{series}-{seq:04d}"
                if p.time_unit == "same_day":
                    due = day
                else:
                    # the due date depends on the receipt day and on the time only through the
                    # day's cut-off (Calendar.receipt_day): computed once per case of it
                    key = (day, received.time() <= DEFAULT_CUTOFF, max(p.time_amount, 1))
                    due = due_dates.get(key)
                    if due is None:
                        due = due_dates[key] = cal.add_working_days(received, max(p.time_amount, 1))
                back = dt.datetime.combine(due, dt.time(16, 0))
                line += 1
                case_rows.append({"id": next_id, "case_type": mc.DOSSIER.key, "number": code, "series": series,
                                  "year": day.year, "seq": seq, "subject": p.name, "state": "returned",
                                  "opened_at": received, "received_at": received, "due_date": due,
                                  "due_unit": "working_days", "closed_at": back, "outcome": "returned",
                                  "data": case_data[p.code]})
                dossier_rows.append({"case": next_id, "code": code, "procedure_code": p.code, "procedure_name": p.name,
                                     "time_unit": p.time_unit, "time_amount": p.time_amount,
                                     "documents": documents[p.code],
                                     "applicant_name": f"Người dân {line}", "applicant_citizen_id": f"{line:012d}",
                                     "received_at": received, "appointment_at": back, "original_due": due,
                                     "register_line": line, "result_ready_at": back, "returned_at": back,
                                     "timeliness": "on_time", "processing_days": 0})
                # the counts rebuild_rollup() makes of a dossier returned on time in 0 working days
                for key, amount in (((month, p.code, "received"), 1),
                                    ((f"{back:%Y-%m}", p.code, "returned_on_time"), 1),
                                    ((f"{back:%Y-%m}", p.code, "processing_working_days"), 0)):
                    rollup[key] = rollup.get(key, 0) + amount
                codes.append(code)
                next_id += 1
                if len(case_rows) >= 20_000:
                    flush()
            counters.append({"series": f"case:{series}", "value": count})
            if len(codes) >= n:
                break
        flush()
        CounterRow.insert_many(counters).on_conflict_ignore().execute()
        for (month, code, metric), value in rollup.items():
            (RollupRow.insert(month=month, procedure_code=code, metric=metric, value=value)
             .on_conflict(conflict_target=[RollupRow.month, RollupRow.procedure_code, RollupRow.metric],
                          update={RollupRow.value: RollupRow.value + value})
             .execute())
        if is_postgres(db):
            db.execute_sql("SELECT setval(pg_get_serial_sequence('core_case', 'id'), (SELECT max(id) FROM core_case))")
    return codes


def intake(services, actor, n: int, receipt: bool) -> float:
    procs = [p for p in mc.list_procedures() if p.fee_vnd is not None]
    rng = random.Random(3)
    start = time.perf_counter()
    for i in range(n):
        p = rng.choice(procs)
        mc.receive(services, procedure_code=p.code, actor=actor, issue_receipt=receipt,
                   applicant={"full_name": f"Nguyễn Văn Thử {i}", "citizen_id": f"0060{i:08d}", "phone": "0912345678"},
                   documents=[{"code": d.code} for d in p.documents], delivery=p.delivery[0])
    return n / (time.perf_counter() - start)


def requests_per_second(client: TestClient, urls: list[str]) -> float:
    for u in urls[:20]:  # warm-up
        assert client.get(u).status_code == 200, u
    start = time.perf_counter()
    for u in urls:
        r = client.get(u)
        if r.status_code != 200:
            raise SystemExit(f"{u}: {r.status_code}")
    return len(urls) / (time.perf_counter() - start)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dossiers", type=int, default=200_000)
    ap.add_argument("--intake", type=int, default=300)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--db-url", default="")
    args = ap.parse_args()
    if args.dossiers < 200_000:
        print(f"lưu ý: {args.dossiers} hồ sơ (< 200.000), kết quả chỉ để thử nhanh")
    tmp = tempfile.mkdtemp(prefix="bench-motcua-")
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)  # removed on success and on failure
    settings = Settings(storage=StorageSettings(data_dir=tmp))
    pm = make_plugin_manager(settings, load_entrypoints=False, plugins=[("motcua", motcua)])
    url = args.db_url or f"sqlite:///{tmp}/bench.db"
    db = open_database(url)
    migrate_all(db, pm, settings)
    services = make_services(settings, pm)
    with db.connection_context():
        mc.ensure_catalogue()
        t = time.perf_counter()
        codes = seed(db, services, args.dossiers)
        total = DossierRow.select().count()
        print(f"cơ sở dữ liệu: {url.split('?')[0]} — {total:,} hồ sơ (nạp trong {time.perf_counter() - t:.1f} s)")
        officer = people.create_person("Cán bộ Một cửa", is_staff=True)
        people.grant_role(officer.id, "one_stop_officer")
        actor = actor_for_person(officer.id, officer.full_name)
        with_receipt = intake(services, actor, args.intake, True)
        without = intake(services, actor, args.intake, False)
    print(f"tiếp nhận kèm giấy hẹn Mẫu 01: {with_receipt:8.1f} hồ sơ/s")
    print(f"tiếp nhận không in giấy hẹn:   {without:8.1f} hồ sơ/s  (giấy hẹn chiếm "
          f"{100 * (1 - with_receipt / without):.0f}% thời gian)")

    rng = random.Random(5)
    sample = [rng.choice(codes) for _ in range(args.requests)]

    async def constant(request):
        return JSONResponse({"ok": True, "dossier": {"code": "X", "status": "returned"}})

    bare = Starlette(routes=[Route("/motcua/tra-cuu.json", constant)])
    with TestClient(bare) as c:
        base = requests_per_second(c, [f"/motcua/tra-cuu.json?ma={code}" for code in sample])
    app = create_app(settings, pm, db=db)
    with TestClient(app) as c:
        js = requests_per_second(c, [f"/motcua/tra-cuu.json?ma={code}" for code in sample])
        html = requests_per_second(c, [f"/motcua/tra-cuu?ma={code}" for code in sample[: args.requests // 2]])
    print(f"Starlette trần (hằng JSON):    {base:8.0f} yêu cầu/s")
    print(f"tra cứu /motcua/tra-cuu.json:  {js:8.0f} yêu cầu/s  (tỷ lệ {js / base:.2f})")
    print(f"tra cứu /motcua/tra-cuu (HTML):{html:8.0f} yêu cầu/s  (tỷ lệ {html / base:.2f})")
    print("cùng một client trong tiến trình cho cả hai; tỷ lệ = ứng dụng đầy đủ ÷ Starlette trần")
    db.close()
    shutil.rmtree(tmp, ignore_errors=True)  # the seeded database is temporary
    return 0


if __name__ == "__main__":
    sys.exit(main())
