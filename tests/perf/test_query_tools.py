"""The plan and work checks of ``thanthien.testing.queries`` catch what they must: a
whole-table scan, a whole count, and work that grows with the rows (so the scan test
cannot pass by looking at nothing)."""
from __future__ import annotations

import peewee
import pytest

from thanthien.testing.queries import QueryLog, full_scans, steps


@pytest.fixture
def history():
    db = peewee.SqliteDatabase(":memory:")
    db.execute_sql("CREATE TABLE h (id INTEGER PRIMARY KEY, day TEXT, state TEXT, code TEXT)")
    db.execute_sql("CREATE UNIQUE INDEX h_code ON h (code)")
    db.execute_sql("CREATE INDEX h_day ON h (day, id)")
    fill(db, 0, 200)
    yield db
    db.close()


def fill(db, start, n):
    with db.atomic():
        for i in range(start, start + n):
            db.execute_sql("INSERT INTO h (day, state, code) VALUES (?, ?, ?)",
                           (f"2026-01-{i % 28 + 1:02d}", "closed", f"C{i:05d}"))


GROWING = frozenset({"h"})


def test_a_scan_and_a_whole_count_are_caught(history):
    assert full_scans(history, 'SELECT * FROM "h" AS "t1" WHERE ("t1"."state" = ?)', ("open",), GROWING)
    assert full_scans(history, "SELECT COUNT(*) FROM h", (), GROWING)
    assert not full_scans(history, "SELECT * FROM h WHERE code = ?", ("C00007",), GROWING)
    # newest 20 by an index walk stopped by LIMIT: bounded
    assert not full_scans(history, "SELECT * FROM h ORDER BY day DESC, id DESC LIMIT 20", (), GROWING)
    # reference tables are not checked
    assert not full_scans(history, "SELECT * FROM h WHERE state = ?", ("open",), frozenset())


def test_work_growing_with_the_rows_is_measured(history):
    scan = ("SELECT * FROM h WHERE state = ?", ("open",))
    seek = ("SELECT * FROM h WHERE code = ?", ("C00007",))
    before = steps(history, *scan), steps(history, *seek)
    fill(history, 200, 200)
    after = steps(history, *scan), steps(history, *seek)
    assert after[0] - before[0] >= 200
    assert after[1] - before[1] < 20


def test_the_log_records_statements(history):
    with QueryLog(history) as log:
        history.execute_sql("SELECT 1")
        history.execute_sql("UPDATE h SET state = 'x' WHERE id = 1")
    history.execute_sql("SELECT 2")
    assert [q.sql for q in log.queries] == ["SELECT 1", "UPDATE h SET state = 'x' WHERE id = 1"]
    assert [q.sql for q in log.selects] == ["SELECT 1"]


def test_a_walk_in_rowid_order_stopped_by_limit_is_bounded(history):
    assert not full_scans(history, "SELECT * FROM h ORDER BY id DESC LIMIT 20", (), GROWING)
    # without LIMIT, or sorted by another column, it reads the whole table
    assert full_scans(history, "SELECT * FROM h ORDER BY id DESC", (), GROWING)
    assert full_scans(history, "SELECT * FROM h ORDER BY state LIMIT 20", (), GROWING)
