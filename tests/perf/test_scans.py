"""No request-time scan of a table that grows with the ward's history (issue 16, item 1).

Each public page, feed, the staff dashboard (every plan module's widget), the one-stop
desk, the Mẫu 07 register and the indicator pages run on the demo ward plus a history of
closed dossiers; every SELECT they run is explained (``EXPLAIN QUERY PLAN`` on SQLite,
``EXPLAIN`` with sequential scans disabled on PostgreSQL) and the test fails on a step
that reads a whole history table — rather than an index search, or an ordered index walk
stopped by LIMIT.
"""
from __future__ import annotations

from thanthien.testing.queries import QueryLog, full_scans, steps

from .helpers import add_history

#: small reference tables (units, roles, the catalogue, counters, rollups, settings):
#: reading them whole is fine; every other table grows with the ward's history
REFERENCE = frozenset({
    "core_unit", "core_role_grant", "core_counter", "core_case_rollup", "core_kv",
    "core_account", "core_session", "motcua_procedure", "motcua_rollup", "core_outbox_rollup",
    "thamhoi_letter_rollup",
})


def growing_tables(db) -> frozenset[str]:
    return frozenset(t for t in db.get_tables() if t not in REFERENCE and not t.endswith("_migrations"))


PUBLIC_PAGES = [
    "/motcua/tra-cuu.json?ma={code}",
    "/motcua/tra-cuu?ma={code}",
    "/congkhai/index.json",
    "/congkhai/",
    "/congkhai/feed.json",
    "/congkhai/feed.atom",
    "/congkhai/notices/{notice}.json",
    "/tiepdan/phan-anh/danh-sach",
    "/tiepdan/phan-anh/danh-sach.json",
]
STAFF_PAGES = [
    "/dashboard",
    "/motcua/",
    "/motcua/so-theo-doi.json",
    "/motcua/so-theo-doi",
    "/motcua/chi-tieu.json",
    "/congkhai/can-bo/thong-bao/{notice}/so-niem-yet",
    "/congkhai/can-bo/thong-bao/{notice}/so-niem-yet.json",
    "/congkhai/can-bo/thong-bao/{notice}/so-niem-yet?status=pending&page=2",
]


def _scans(db, log, growing):
    found = {}
    for q in log.selects:
        problems = full_scans(db, q.sql, q.params, growing)
        if problems:
            found.setdefault(q.sql, problems)
    return found


HISTORY = 300


def test_no_request_reads_the_history(db, core, demo_ward, make_client):
    """Every SELECT of the pages above: no full scan in its plan, and (SQLite) its work
    does not grow when the history doubles (the statements run again with the same
    parameters after as many closed dossiers again are added)."""
    from thanthien.core.models import NoticeRow

    codes = add_history(db, core, HISTORY)
    notice = NoticeRow.select(NoticeRow.id).where(NoticeRow.state == "published").scalar()
    growing = growing_tables(db)
    report: dict[str, list] = {}
    seen: dict[tuple, str] = {}
    for who, pages in ((None, PUBLIC_PAGES), ("chutich", STAFF_PAGES)):
        client = make_client(who) if who else make_client()
        for path in pages:
            url = path.format(code=codes[7], notice=notice)
            with QueryLog(db) as log:
                r = client.get(url)
            assert r.status_code == 200, (url, r.text[:300])
            assert log.selects, url
            for q in log.selects:
                seen.setdefault((q.sql, q.params), url)
                problems = full_scans(db, q.sql, q.params, growing)
                if problems:
                    report.setdefault(url, []).append((problems, q.sql))
    before = {key: steps(db, *key) for key in seen}
    add_history(db, core, HISTORY)
    for key, url in seen.items():
        if before[key] is None:
            continue
        after = steps(db, *key)
        if after - before[key] >= HISTORY:  # at least one step per added history row
            report.setdefault(url, []).append(([f"work grew {before[key]} → {after} steps"], key[0]))
    assert not report, "\n".join(f"{url}:\n" + "\n".join(f"  {p}\n    {s}" for p, s in items)
                                  for url, items in report.items())
