"""Gapless numbering series (đánh số) for case numbers, dossier codes and documents.

A counter row per series is incremented with ``UPDATE … RETURNING`` inside the caller's
writing transaction (docs/architecture.md, "Measured choices"): concurrent writers queue on the row lock, and a
rolled-back write gives its number back. ``UNIQUE(series, seq)`` on the numbered table
is the backstop.
"""

from __future__ import annotations

from .models import CounterRow
from .storage.db import database_proxy


def next_value(series: str) -> int:
    """Allocate the next number of ``series``. Call inside a write transaction."""
    db = database_proxy.obj
    table = CounterRow._meta.table_name
    param = db.param
    for _ in range(2):
        row = db.execute_sql(
            f"UPDATE {table} SET value = value + 1 WHERE series = {param} RETURNING value",
            (series,),
        ).fetchone()
        if row is not None:
            return int(row[0])
        # First use of the series: create the row; a concurrent creator wins harmlessly.
        CounterRow.insert(series=series, value=0).on_conflict_ignore().execute()
    raise RuntimeError(f"counter {series!r} could not be allocated")  # pragma: no cover


def current_value(series: str) -> int:
    row = CounterRow.get_or_none(CounterRow.series == series)
    return int(row.value) if row else 0
