"""Helpers of the performance tests (plain functions; fixtures are in conftest.py)."""
from __future__ import annotations

import datetime as dt


def add_history(db, core, n: int, *, start: dt.date | None = None) -> list[str]:
    """Bulk-insert ``n`` returned (closed) one-stop dossiers, received over past working days
    before ``start`` (default: 400 days ago): the ward's history, which no request-time
    page may read as a whole. Returns their codes."""
    from thanthien.core.models import CaseRow, CounterRow
    from thanthien.core.storage.db import is_postgres
    from thanthien.plugins.motcua import services as mc
    from thanthien.plugins.motcua.models import DossierRow

    procs = mc.list_procedures()
    day = start or dt.date.today() - dt.timedelta(days=400)
    first = (CaseRow.select(CaseRow.id).order_by(CaseRow.id.desc()).scalar() or 0) + 1
    first_line = (DossierRow.select(DossierRow.register_line).order_by(DossierRow.register_line.desc()).scalar()
                  or 0) + 1
    cases, dossiers, codes = [], [], []
    per_day = 40
    for i in range(n):
        if i % per_day == 0:
            day -= dt.timedelta(days=1)
            while not core.calendar.is_working_day(day):
                day -= dt.timedelta(days=1)
        seq = i % per_day + 1
        p = procs[i % len(procs)]
        received = dt.datetime.combine(day, dt.time(8, seq % 60))
        back = dt.datetime.combine(day, dt.time(16, 0))
        series = f"H{first}-{day:%y%m%d}"
        code = f"{series}-{seq:04d}"
        cid = first + i
        cases.append({"id": cid, "case_type": "motcua.dossier", "number": code, "series": series,
                      "year": day.year, "seq": seq, "subject": p.name, "state": "returned",
                      "opened_at": received, "received_at": received, "due_date": day,
                      "due_unit": "working_days", "closed_at": back, "outcome": "returned", "data": {}})
        dossiers.append({"case": cid, "code": code, "procedure_code": p.code, "procedure_name": p.name,
                         "time_unit": p.time_unit, "time_amount": p.time_amount, "documents": [],
                         "applicant_name": f"Người dân {cid}", "received_at": received,
                         "appointment_at": back, "original_due": day, "register_line": first_line + i,
                         "result_ready_at": back, "returned_at": back, "timeliness": "on_time",
                         "processing_days": 0, "lookup_secret": f"S{cid:07d}"})
        codes.append(code)
    with db.atomic():
        for k in range(0, n, 500):
            CaseRow.insert_many(cases[k:k + 500]).execute()
            DossierRow.insert_many(dossiers[k:k + 500]).execute()
        CounterRow.insert_many([{"series": f"case:H{first}", "value": 0}]).on_conflict_ignore().execute()
        if is_postgres(db):
            db.execute_sql("SELECT setval(pg_get_serial_sequence('core_case', 'id'), (SELECT max(id) FROM core_case))")
            db.execute_sql("SELECT setval(pg_get_serial_sequence('motcua_dossier', 'id'), "
                           "(SELECT max(id) FROM motcua_dossier))")
    return codes
