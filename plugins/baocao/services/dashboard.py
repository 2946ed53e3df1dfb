"""The plan dashboard (bảng theo dõi kế hoạch): every indicator of every enabled module,
for a period and a unit, against its target, with a red / amber / green status.

Who sees what (fail closed, :mod:`thanthien.core.access`): a reader with a ward-wide grant
of ``baocao.view`` (the chairman, the vice-chairmen) sees the whole plan and may filter by
unit; a reader whose grant is on units (a department, a residential group head) sees only
the indicators that count per unit (``Indicator.compute_units``), counted over those
units — a ward-wide figure is never shown to a unit-scoped reader.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from thanthien.core import people
from thanthien.core.access import Scope
from thanthien.core.errors import NotFound, PermissionDenied
from thanthien.core.people import descendant_unit_ids
from thanthien.core.types import Indicator

from ..types import P_VIEW, PLUGIN, STATUS_LABELS, IndicatorStatus, Period, TrendPoint
from . import periods

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices
    from thanthien.core.types import Actor


def settings_of(core: CoreServices):
    return core.config(PLUGIN)


def target_for(core: CoreServices, ind: Indicator, year: int) -> float | None:
    """The target of ``ind`` for ``year``: the ward's for that year, the ward's for every
    year, or the plan's (the indicator's own)."""
    s = settings_of(core)
    year_targets = s.year_targets.get(str(year), {})
    if ind.key in year_targets:
        return year_targets[ind.key]
    if ind.key in s.targets:
        return s.targets[ind.key]
    return ind.target


def status(value: float | int | None, target: float | None, direction: str, margin_percent: float) -> str:
    """``green`` when the target is met, ``amber`` when it is missed by at most
    ``margin_percent`` % of the target, ``red`` otherwise; ``none`` without a target and
    ``nodata`` without a value. A target of 0 "lower is better" (0 dossiers late) has
    no amber: one is red."""
    if target is None:
        return "none"
    if value is None:
        return "nodata"
    slack = abs(target) * margin_percent / 100
    if direction == "lower":
        if value <= target:
            return "green"
        return "amber" if slack and value <= target + slack else "red"
    if value >= target:
        return "green"
    return "amber" if slack and value >= target - slack else "red"


def office_scope(core: CoreServices) -> Scope | None:
    """Reports and external indices belong to the drafting office (plan IV.2: Phòng Văn hóa
    - Xã hội): its staff and the ward-wide leaders reach them; without that unit, the
    leaders only (a ward resource, fail closed)."""
    unit = people.unit_by_code(settings_of(core).drafting_unit)
    return Scope(unit_id=unit.id, owner="baocao.report") if unit else None


def module_labels(core: CoreServices) -> dict[str, str]:
    """Plugin name → its menu label (the module's name for people)."""
    labels = {PLUGIN: "Tổng hợp hồ sơ, vụ việc"}
    for item in core.pm.hook.register_nav_items(settings=core.settings):
        for nav in item or []:
            if getattr(nav, "staff", True) and nav.href.count("/") == 2 and nav.href.endswith("/"):
                labels.setdefault(nav.href.strip("/"), nav.label)
    return labels


def reader_units(core: CoreServices, actor: Actor | None, unit_id: int | None = None) -> set[int] | None:
    """The units an actor's figures count over: ``None`` for the whole ward (a ward-wide
    reader without a unit filter). Refuses a reader without the permission, and a unit
    outside the reader's own (fail closed)."""
    units = core.access.units_for(actor, P_VIEW)
    if units is not None and not units:
        raise PermissionDenied("Bạn không có quyền xem bảng theo dõi kế hoạch.")
    if unit_id is None:
        return units
    if not core.access.can(actor, P_VIEW, unit_id):
        raise PermissionDenied("Bạn không có quyền xem số liệu của đơn vị này.")
    return descendant_unit_ids([unit_id])


def visible(core: CoreServices, units: set[int] | None) -> list[Indicator]:
    """The indicators readable over ``units``: all of them ward-wide, else those that count per unit."""
    inds = core.indicators.all()
    if units is not None:
        inds = [i for i in inds if i.compute_units is not None]
    return sorted(inds, key=lambda i: (_section_key(i.section), i.plugin, i.key))


def _section_key(section: str) -> tuple:
    roman = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}
    parts = section.split(".") if section else ["Z"]
    return (roman.get(parts[0], 9), *[int(p) if p.isdigit() else 99 for p in parts[1:]])


def indicator(core: CoreServices, key: str, units: set[int] | None) -> Indicator:
    ind = core.indicators.get(key)  # NotFound
    if units is not None and ind.compute_units is None:
        raise NotFound(f"Chỉ tiêu “{ind.label}” chỉ tính cho toàn phường.")
    return ind


def value(core: CoreServices, ind: Indicator, start: dt.date, end: dt.date, units: set[int] | None):
    return core.indicators.value(ind.key, start, end, units)


def evaluate(core: CoreServices, ind: Indicator, p: Period, units: set[int] | None,
             modules: dict[str, str] | None = None, with_previous: bool = True) -> IndicatorStatus:
    s = settings_of(core)
    v = value(core, ind, p.start, p.end, units)
    target = target_for(core, ind, p.end.year)
    st = status(v, target, ind.direction, s.amber_margin_percent)
    prev = None
    if with_previous:
        before = periods.previous(p)
        prev = value(core, ind, before.start, before.end, units)
    has_records = (ind.records if units is None else ind.records_units) is not None
    return IndicatorStatus(ind.key, ind.label, ind.unit, ind.plugin, (modules or {}).get(ind.plugin, ind.plugin),
                           ind.section, ind.rule, ind.description, ind.direction, v, target, st, STATUS_LABELS[st],
                           prev, has_records)


def board(core: CoreServices, p: Period, units: set[int] | None) -> list[IndicatorStatus]:
    """Every visible indicator over ``p``, against its target."""
    modules = module_labels(core)
    return [evaluate(core, ind, p, units, modules) for ind in visible(core, units)]


def summary(rows: list[IndicatorStatus]) -> dict[str, int]:
    out = dict.fromkeys(STATUS_LABELS, 0)
    for r in rows:
        out[r.status] += 1
    return out


def trend(core: CoreServices, ind: Indicator, p: Period, units: set[int] | None,
          points: int | None = None) -> list[TrendPoint]:
    """The indicator over ``points`` periods of ``p``'s kind ending with ``p``."""
    n = points or settings_of(core).trend_points
    return [TrendPoint(q.label, q.start, q.end, value(core, ind, q.start, q.end, units))
            for q in periods.series(p, n)]


def records(core: CoreServices, ind: Indicator, p: Period, units: set[int] | None) -> list[dict[str, Any]]:
    """What is behind the number (404 when the indicator cannot list it)."""
    out = core.indicators.records(ind.key, p.start, p.end, units)
    if out is None:
        raise NotFound(f"Chỉ tiêu “{ind.label}” không có danh sách hồ sơ chi tiết.")
    return out


def unit_options(core: CoreServices, actor: Actor | None) -> list[tuple[int, str]]:
    """The units a reader may filter by: every unit for a ward-wide reader, else his or her own."""
    from thanthien.core.models import UnitRow

    reach = core.access.units_for(actor, P_VIEW)
    q = UnitRow.select(UnitRow.id, UnitRow.name).order_by(UnitRow.id)
    if reach is not None:
        q = q.where(UnitRow.id.in_(sorted(reach) or [0]))
    return [(r.id, r.name) for r in q]


def trend_statuses(core: CoreServices, ind: Indicator, trend: list[TrendPoint]) -> list[str]:
    """The status of each point of a trend against the target of its own year."""
    margin = settings_of(core).amber_margin_percent
    return [status(t.value, target_for(core, ind, t.end.year), ind.direction, margin) for t in trend]
