"""External indices (chỉ số đánh giá bên ngoài, plan I.4): SIPAS, PAR INDEX and PAPI, one
value a year as the province publishes it, entered by staff with its source, shown as
trends next to the ward's own satisfaction figure (motcua's ratings, when enabled)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from thanthien.core import audit
from thanthien.core.access import ANYWHERE
from thanthien.core.errors import ValidationError
from thanthien.core.storage.db import now, write_transaction

from ..models import ExternalIndexRow
from ..types import EXTERNAL_INDICES, P_INDEX, P_VIEW, ExternalIndex
from . import dashboard

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices
    from thanthien.core.types import Actor

#: the indicator of the ward's own satisfaction shown next to SIPAS (if registered)
OWN_SATISFACTION = "motcua.satisfaction"


def _to(row: ExternalIndexRow) -> ExternalIndex:
    label, unit = EXTERNAL_INDICES[row.index]
    return ExternalIndex(row.id, row.index, label, row.year, row.value, unit, row.source,
                         row.entered_by.full_name if row.entered_by_id else "", row.entered_at)


def values(core: CoreServices, *, actor: Actor | None) -> list[ExternalIndex]:
    core.access.require(actor, P_VIEW, ANYWHERE)  # figures the province published: any reader of the plan
    return [_to(r) for r in ExternalIndexRow.select().order_by(ExternalIndexRow.index, ExternalIndexRow.year)]


def record(core: CoreServices, *, index: str, year: int, value: float, source: str, actor: Actor) -> ExternalIndex:
    """Enter (or correct) the value of ``index`` for ``year``; a correction keeps the old
    value in the audit log."""
    core.access.require(actor, P_INDEX, dashboard.office_scope(core))
    errors = []
    if index not in EXTERNAL_INDICES:
        errors.append(("index", "Chỉ số không hợp lệ (SIPAS, PAR INDEX hoặc PAPI)."))
    if not 2000 <= year <= dt.date.today().year:
        errors.append(("year", "Năm công bố không hợp lệ."))
    if index in EXTERNAL_INDICES and not 0 <= value <= (100 if EXTERNAL_INDICES[index][1] == "%" else 1000):
        errors.append(("value", "Giá trị chỉ số không hợp lệ."))
    if len(source.strip()) < 5:
        errors.append(("source", "Vui lòng ghi nguồn công bố (văn bản, trang thông tin của tỉnh)."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = ExternalIndexRow.get_or_none(ExternalIndexRow.index == index, ExternalIndexRow.year == year)
        before = None if row is None else {"value": row.value, "source": row.source}
        if row is None:
            row = ExternalIndexRow.create(index=index, year=year, value=value, source=source.strip(),
                                          entered_by=actor.person_id)
        else:
            ExternalIndexRow.update(value=value, source=source.strip(), entered_by=actor.person_id,
                                    entered_at=now()).where(ExternalIndexRow.id == row.id).execute()
        audit.record("baocao.external_index", "baocao_external_index", row.id, actor=actor, before=before,
                     after={"index": index, "year": year, "value": value, "source": source.strip()})
    return _to(ExternalIndexRow.get_by_id(row.id))


def trends(core: CoreServices, *, actor: Actor | None) -> dict[str, list[dict[str, Any]]]:
    """{index: [{"year", "value", "source"}]} oldest first, and the ward's own satisfaction
    per year of the same years (``own``)."""
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in EXTERNAL_INDICES}
    for v in values(core, actor=actor):
        out[v.index].append({"year": v.year, "value": v.value, "source": v.source})
    years = sorted({p["year"] for series in out.values() for p in series})
    own: list[dict[str, Any]] = []
    if OWN_SATISFACTION in core.indicators.by_key:
        own = [{"year": y, "value": core.indicators.value(OWN_SATISFACTION, dt.date(y, 1, 1), dt.date(y, 12, 31))}
               for y in years]
    out["own"] = own
    return out


def series_for_report(core: CoreServices, year: int) -> list[dict[str, Any]]:
    """The indices of the report's year and the year before, for section I."""
    rows = ExternalIndexRow.select().where(ExternalIndexRow.year.between(year - 1, year))
    return [{"index": r.index, "label": EXTERNAL_INDICES[r.index][0], "unit": EXTERNAL_INDICES[r.index][1],
             "year": r.year, "value": r.value, "source": r.source}
            for r in rows.order_by(ExternalIndexRow.index, ExternalIndexRow.year)]
