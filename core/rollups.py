"""Rollup tables (bảng tổng hợp) for dashboards (docs/architecture.md, "Measured choices").

Counting a large table on a request is never done: counts live in rollup rows kept in
step in the transaction that changes the data, and each rollup can be rebuilt from the
source rows with ``thanthien rollups rebuild`` (and compared with them by ``thanthien
rollups check``). Core keeps the case rollup (:func:`thanthien.core.cases.rebuild_rollups`)
and the outbox's (:data:`thanthien.core.outbox.OUTBOX_COUNTS`); plugins declare theirs
with ``register_rollups``.

:class:`Counts` is the toolkit for the common case, rows counted per a few key columns
(kind × state, channel × state): the writer calls :meth:`Counts.add` on a create or a
delete and :meth:`Counts.move` on a change of a key column, in its own transaction; the
page reads :meth:`Counts.read`, a handful of rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
import peewee as pw

from .storage.db import is_postgres, write_transaction

#: a key whose kept count differs from the rows: (key, kept, recounted)
Mismatch = tuple[tuple, int, int]


@attrs.frozen
class Rollup:
    """A plugin's rollup: ``rebuild()`` recounts it and returns the number of rows;
    ``check()``, when given, returns the keys whose kept count differs from the rows."""

    name: str
    rebuild: Callable[[], int]
    plugin: str = "core"
    check: Callable[[], list[Mismatch]] | None = None


@attrs.frozen
class Counts:
    """Rows of a growing table counted per ``keys``, kept in the small table ``table``.

    ``table`` has one column per name of ``keys`` (none NULL: write 0 for "none", a NULL
    never conflicts) and an integer ``count`` column, with a unique index on ``keys``.
    ``source()`` yields ``(key, n)`` pairs of the source rows (a GROUP BY, or ``(key, 1)``
    per row): it is read only by :meth:`rebuild` and :meth:`mismatches`, never on a request.
    """

    name: str
    table: type[pw.Model]
    keys: tuple[str, ...]
    source: Callable[[], Iterable[tuple[Sequence[Any], int]]]
    plugin: str = "core"

    def add(self, key: Sequence[Any], delta: int = 1) -> None:
        """Add ``delta`` to ``key``'s count (in the caller's transaction; one upsert)."""
        if not delta:
            return
        t: Any = self.table
        values = dict(zip(self.keys, key, strict=True))
        (
            t.insert(**values, count=delta)
            .on_conflict(conflict_target=[getattr(t, k) for k in self.keys], update={t.count: t.count + delta})
            .execute()
        )

    def move(self, before: Sequence[Any], after: Sequence[Any]) -> None:
        """One row's key changed (a transition): one less under ``before``, one more under ``after``."""
        if tuple(before) != tuple(after):
            self.add(before, -1)
            self.add(after, +1)

    def read(self, **where: Any) -> dict[tuple, int]:
        """``{key: n}`` of the kept counts, filtered by key columns (a value, or a list of values)."""
        t: Any = self.table
        q = t.select().where(t.count != 0)
        for name, value in where.items():
            column = getattr(t, name)
            q = q.where(
                column.in_(list(value)) if isinstance(value, (list, tuple, set, frozenset)) else column == value
            )
        return {tuple(getattr(r, k) for k in self.keys): r.count for r in q}

    def recount(self) -> dict[tuple, int]:
        """``{key: n}`` counted from the source rows (reads the whole source table)."""
        counts: dict[tuple, int] = {}
        for key, n in self.source():
            counts[tuple(key)] = counts.get(tuple(key), 0) + n
        return {k: n for k, n in counts.items() if n}

    def _quiet(self) -> None:
        # PostgreSQL: every writer of the source also writes this table in its transaction;
        # holding it in SHARE mode waits for those running and keeps new ones out, so the
        # kept counts and the rows are read at one point (SQLite's write lock does the same)
        if is_postgres():
            self.table._meta.database.execute_sql(f'LOCK TABLE "{self.table._meta.table_name}" IN SHARE MODE')

    def rebuild(self) -> int:
        """Recount from the source rows (``thanthien rollups rebuild``); returns the number of keys."""
        with write_transaction():
            self._quiet()
            counts = self.recount()
            self.table.delete().execute()
            for key, n in counts.items():
                self.table.insert(**dict(zip(self.keys, key, strict=True)), count=n).execute()
        return len(counts)

    def mismatches(self) -> list[Mismatch]:
        """Keys whose kept count differs from the rows, ``(key, kept, recounted)``; empty when right."""
        with write_transaction():
            self._quiet()
            kept, actual = self.read(), self.recount()
        return sorted(
            (
                (k, kept.get(k, 0), actual.get(k, 0))
                for k in kept.keys() | actual.keys()
                if kept.get(k, 0) != actual.get(k, 0)
            ),
            key=repr,
        )

    def rollup(self) -> Rollup:
        """This count as a :class:`Rollup` for ``register_rollups`` (rebuilt and checked by the CLI)."""
        return Rollup(self.name, self.rebuild, self.plugin, self.mismatches)


def mismatch_lines(name: str, found: list[Mismatch]) -> list[str]:
    """One Vietnamese line per mismatch, for the CLIs."""
    return [
        f"{name} {'/'.join(str(k) for k in key)}: đang ghi {kept}, đếm lại được {actual}" for key, kept, actual in found
    ]


def report_mismatches(ctx: Any, name: str, found: list[Mismatch], matching: str) -> int:
    """A module's ``check-counts`` command: print each mismatch and how to mend it (exit 1),
    or ``matching`` (exit 0)."""
    for line in mismatch_lines(name, found):
        ctx.print(line)
    if found:
        ctx.print(f"{len(found)} chỗ lệch; chạy “thanthien rollups rebuild” để tính lại.")
        return 1
    ctx.print(matching)
    return 0
