"""Answers kept until the ward's data changes (issue 16): the data version and a cache keyed by it.

Every state change — and every read of confidential personal data — appends an entry to
the audit log (:mod:`thanthien.core.audit`), and each entry takes its sequence number from
the ``audit`` counter inside the writing transaction. The counter's row lock orders the
writers, so the committed value of that counter grows exactly when a write commits: it is
the **data version**, read with one primary-key look-up.

:class:`VersionedCache` keeps what a page computed (a dashboard widget's data, a figure)
under ``(data version, key)``: the next request asks for the version first and reuses the
answer while nothing was written. The version is read *before* the answer is computed, so
an answer is never filed under a version older than the data it saw (at worst it is newer,
and the next version replaces it). Keys must name everything else the answer depends on:
the day (``today``), who is asking (their roles), the parameters.

What may be cached: answers that are a function of the database and the key only. Data
written without an audit entry (bulk loads, ``rollups rebuild``) is seen after the next
audited write or a restart.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from .models import CounterRow
from .storage.db import Compiled

__all__ = ["VersionedCache", "data_version"]

T = TypeVar("T")

#: the audit log's counter series (core/audit.py numbers its entries from it)
AUDIT_SERIES = "audit"

_VERSION = Compiled(lambda: CounterRow.select(CounterRow.value).where(CounterRow.series == AUDIT_SERIES).limit(1))


def data_version() -> int:
    """The ward's data version: the number of audit entries committed (0 on a new database)."""
    row = _VERSION.first()
    return int(row.value) if row is not None else 0


class VersionedCache:
    """Answers filed under ``(data version, key)``, at most ``size`` of them (all dropped
    when full: a new version makes the old ones useless anyway). Thread-safe; one per app."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._items: dict[tuple[int, Hashable], Any] = {}
        self._version = -1
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], T], *, version: int | None = None) -> T:
        """The answer of ``key`` at the current data version (``version`` when already read
        in this request), computed with ``build()`` on a miss."""
        if version is None:
            version = data_version()
        full = (version, key)
        try:
            return self._items[full]
        except KeyError:
            pass
        value = build()
        with self._lock:
            if version > self._version:  # the data moved on: older answers are never asked again
                self._items = {k: v for k, v in self._items.items() if k[0] >= version}
                self._version = version
            if len(self._items) >= self.size:
                self._items = {}
            self._items[full] = value
        return value

    def clear(self) -> None:
        with self._lock:
            self._items = {}
