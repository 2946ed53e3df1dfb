"""Query capture and plan checks for tests: what SQL a request runs, and whether any of it
walks a whole table that grows with the ward's history (issue 16).

    with QueryLog(db) as log:
        client.get("/motcua/tra-cuu.json?ma=…")
    for q in log.selects:
        assert not full_scans(db, q.sql, q.params, growing), q.sql

SQLite is asked with ``EXPLAIN QUERY PLAN``; PostgreSQL with ``EXPLAIN`` and
``enable_seqscan`` off, so a sequential scan left in the plan means no usable index, not
a planner's choice on a small test table.
"""
from __future__ import annotations

import re
import threading
from typing import Any

import attrs

_ALIAS = re.compile(r'"(\w+)" AS "(\w+)"')
_LIMIT = re.compile(r"\bLIMIT\b", re.IGNORECASE)
_ORDER = re.compile(r"\bORDER BY\b", re.IGNORECASE)


@attrs.frozen
class Query:
    sql: str
    params: tuple

    @property
    def is_select(self) -> bool:
        head = self.sql.lstrip().upper()
        return head.startswith(("SELECT", "WITH"))


class QueryLog:
    """Records every statement run on ``db`` (any thread) while the block runs."""

    def __init__(self, db: Any) -> None:
        self.db = db
        self.queries: list[Query] = []
        self._lock = threading.Lock()
        self._original: Any = None

    def __enter__(self) -> QueryLog:
        original = self.db.execute_sql
        self._original = original

        def execute_sql(sql, params=None, *args, **kw):
            with self._lock:
                self.queries.append(Query(sql, tuple(params or ())))
            return original(sql, params, *args, **kw)

        self.db.execute_sql = execute_sql
        return self

    def __exit__(self, *exc: Any) -> None:
        del self.db.execute_sql  # back to the class's method

    def clear(self) -> None:
        with self._lock:
            self.queries.clear()

    @property
    def selects(self) -> list[Query]:
        return [q for q in self.queries if q.is_select]

    def __len__(self) -> int:
        return len(self.queries)


def plan(db: Any, sql: str, params: tuple = ()) -> list[str]:
    """The query plan of ``sql``, one line per step."""
    from thanthien.core.storage.db import is_sqlite

    if is_sqlite(db):
        return [str(row[3]) for row in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()]
    with db.atomic():
        db.execute_sql("SET LOCAL enable_seqscan = off")
        rows = db.execute_sql("EXPLAIN " + sql, params).fetchall()
    return [str(row[0]) for row in rows]


def full_scans(db: Any, sql: str, params: tuple, growing: set[str] | frozenset[str]) -> list[str]:
    """The steps of ``sql``'s plan that read a whole table of ``growing`` (or its whole
    index without stopping at a LIMIT): empty when the statement is bounded."""
    from thanthien.core.storage.db import is_sqlite

    lines = plan(db, sql, params)
    bounded = bool(_LIMIT.search(sql)) and bool(_ORDER.search(sql))
    aliases = {alias: table for table, alias in _ALIAS.findall(sql)}
    bad = []
    if is_sqlite(db):
        for line in lines:
            m = re.match(r"SCAN (\w+)", line)
            if not m:
                continue
            table = aliases.get(m.group(1), m.group(1))
            if table not in growing:
                continue
            # an ordered walk of an index stopping at LIMIT (newest 20 …) is bounded
            if bounded and "USING INDEX" in line and "COVERING" not in line:
                continue
            # so is a walk of the table in rowid order (ORDER BY its integer primary key)
            # stopping at LIMIT: no sorting step, no index, just the first rows
            if bounded and line.strip() == m.group(0) and not any("TEMP B-TREE" in x for x in lines):
                continue
            bad.append(f"{table}: {line}")
        return bad
    limited = any(line.lstrip().startswith("Limit") for line in lines)
    for i, line in enumerate(lines):
        m = re.search(r"(Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan)(?: using \w+)? on (\w+)", line)
        if not m or m.group(2) not in growing:
            continue
        if m.group(1) == "Seq Scan":
            bad.append(f"{m.group(2)}: {line.strip()}")
            continue
        # the node's own detail lines (indented deeper) carry its Index Cond; a bitmap heap
        # scan reads only the rows its bitmap index scans found, so their Index Cond counts
        # (on a boolean column PostgreSQL shows no Recheck Cond, only a Filter, above one)
        depth = len(line) - len(line.lstrip())
        bitmap = m.group(1) == "Bitmap Heap Scan"
        detail = []
        for nxt in lines[i + 1:]:
            if len(nxt) - len(nxt.lstrip()) <= depth or ("->" in nxt and not bitmap):
                break
            detail.append(nxt.strip())
        conditioned = any(d.startswith(("Index Cond", "Recheck Cond")) for d in detail)
        if not conditioned and not limited:
            bad.append(f"{m.group(2)}: {line.strip()}")
    return bad


def steps(db: Any, sql: str, params: tuple = ()) -> int | None:
    """SQLite only: the virtual-machine steps ``sql`` takes to run to its end (a count of
    work, not of time); None on other databases."""
    from thanthien.core.storage.db import is_sqlite

    if not is_sqlite(db):
        return None
    conn = db.connection()
    counter = [0]

    def tick() -> int:
        counter[0] += 1
        return 0

    conn.set_progress_handler(tick, 1)
    try:
        conn.execute(sql, params).fetchall()
    finally:
        conn.set_progress_handler(None, 1)
    return counter[0]
