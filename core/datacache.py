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

:class:`TimedCache` is for the few answers too dear to recompute after every write — a
year's indicators over every module (a dashboard box's figures), which read a year of
records however well indexed. They are kept for a set time and shown with the moment they
were computed ("Số liệu lúc 08:15"); once that time has passed, the kept answer is still
served at once while one background thread computes the new one (stale-while-revalidate),
so no request waits for it except the very first.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from .models import CounterRow
from .storage.db import Compiled, database_proxy, now

__all__ = ["TimedCache", "VersionedCache", "data_version"]

log = logging.getLogger("thanthien.core")

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


class TimedCache:
    """Answers kept for ``max_age`` seconds, each with the wall-clock moment it was computed.
    An expired answer is returned as it is while one background thread (per key) builds its
    successor on its own database connection; a failed rebuild keeps the old answer and is
    tried again on the next request. At most ``size`` keys (all dropped when full).
    Thread-safe; one per app."""

    def __init__(self, size: int = 256, clock: Callable[[], float] = time.monotonic) -> None:
        self.size = size
        self.clock = clock
        self._items: dict[Hashable, tuple[float, dt.datetime, Any]] = {}
        self._building: set[Hashable] = set()
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], T], max_age: float) -> tuple[T, dt.datetime]:
        """``(answer, computed_at)`` of ``key``: the kept one while younger than ``max_age``
        seconds, the kept one too (and a rebuild started) when older, computed now when none."""
        item = self._items.get(key)
        if item is None:
            return self._build(key, build)
        born, at, value = item
        if self.clock() - born > max_age:
            with self._lock:
                start = key not in self._building
                self._building.add(key)
            if start:
                threading.Thread(target=self._rebuild, args=(key, build), daemon=True, name="thanthien-cache").start()
        return value, at

    def _build(self, key: Hashable, build: Callable[[], T]) -> tuple[T, dt.datetime]:
        born, at = self.clock(), now()
        value = build()
        with self._lock:
            if len(self._items) >= self.size and key not in self._items:
                self._items = {}
            self._items[key] = (born, at, value)
        return value, at

    def _rebuild(self, key: Hashable, build: Callable[[], T]) -> None:
        try:
            with database_proxy.obj.connection_context():
                self._build(key, build)
        except Exception:  # the kept answer stays; the next request tries again
            log.exception("rebuilding the kept answer %r", key)
        finally:
            with self._lock:
                self._building.discard(key)

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Whether every background rebuild ended within ``timeout`` seconds (tests, shutdown)."""
        deadline = time.monotonic() + timeout
        while self._building:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def clear(self) -> None:
        with self._lock:
            self._items = {}
