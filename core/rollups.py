"""Rollup tables (bảng tổng hợp) for dashboards (docs/architecture.md, "Measured choices").

Counting a large table on a request is never done: counts live in rollup rows kept in
step in the transaction that changes the data, and each rollup can be rebuilt from the
source rows with ``thanthien rollups rebuild``. Core keeps the case rollup
(:func:`thanthien.core.cases.rebuild_rollups`); plugins declare theirs with
``register_rollups``.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs


@attrs.frozen
class Rollup:
    """A plugin's rollup: ``rebuild()`` recounts it and returns the number of rows."""

    name: str
    rebuild: Callable[[], int]
    plugin: str = "core"
