"""The indicators registry (chỉ tiêu): one list, fed by every enabled plugin.

Plugins declare indicators with ``register_indicators(settings, core)``; the dashboard,
the reports and the open-data package read them here, from ``core.indicators``. Each
indicator is computed with the real :class:`~thanthien.core.services.CoreServices` bundle,
so a ward's rule files and replacement calendar apply.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .errors import NotFound
from .hooks import collect
from .types import Indicator

if TYPE_CHECKING:
    from .services import CoreServices


class IndicatorRegistry:
    def __init__(self, core: CoreServices):
        self.core = core

    @cached_property
    def by_key(self) -> dict[str, Indicator]:
        out: dict[str, Indicator] = {}
        for ind in collect(self.core.pm.hook.register_indicators, settings=self.core.settings, core=self.core):
            if not isinstance(ind, Indicator):
                raise TypeError(f"register_indicators must return Indicator objects, not {ind!r}")
            if ind.key in out:
                raise ValueError(f"indicator {ind.key!r} declared twice ({out[ind.key].plugin}, {ind.plugin})")
            out[ind.key] = ind
        return out

    def all(self, plugin: str | None = None) -> list[Indicator]:
        return [i for i in self.by_key.values() if plugin is None or i.plugin == plugin]

    def get(self, key: str) -> Indicator:
        try:
            return self.by_key[key]
        except KeyError:
            raise NotFound(f"Không có chỉ tiêu “{key}”.") from None

    def value(self, key: str, start: dt.date, end: dt.date, units: set[int] | None = None) -> float | int | None:
        """The value over the period; over ``units`` only when given (``None``: the whole ward)."""
        ind = self.get(key)
        if units is None:
            return ind.compute(self.core, start, end)
        if ind.compute_units is None:
            raise ValueError(f"indicator {key!r} is ward-wide only")
        return ind.compute_units(self.core, start, end, units)

    def records(
        self, key: str, start: dt.date, end: dt.date, units: set[int] | None = None
    ) -> list[dict[str, Any]] | None:
        """What is behind the number (``None``: the indicator cannot list its records)."""
        ind = self.get(key)
        if units is None:
            return None if ind.records is None else ind.records(self.core, start, end)
        return None if ind.records_units is None else ind.records_units(self.core, start, end, units)

    def values(self, start: dt.date, end: dt.date, plugin: str | None = None) -> list[tuple[Indicator, Any]]:
        return [(ind, ind.compute(self.core, start, end)) for ind in self.all(plugin)]
