"""Home and after-hours help with a procedure (hỗ trợ tại nhà, ngoài giờ, plan III.1.2):
who helped, where and when — records of the one-stop centre."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from thanthien.core import audit
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import PersonRow
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_datetime
from thanthien.core.types import Actor

from ..models import AssistanceRow
from ..types import ASSISTANCE_KINDS, P_VIEW
from .catalogue import get_procedure
from .scope import centre_scope

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def record_assistance(core: CoreServices, *, kind: str, helper_id: int | None, helper_name: str = "", place: str,
                      at: dt.datetime | None, procedure_code: str = "", dossier_code: str = "", note: str = "",
                      actor: Actor) -> int:
    """Record one help given (the centre's staff and leaders)."""
    core.access.require(actor, P_VIEW, centre_scope(core),
                        message="Chỉ công chức Bộ phận Một cửa ghi nhận việc hỗ trợ người dân.")
    errors = []
    if kind not in ASSISTANCE_KINDS:
        errors.append(("kind", "Hình thức hỗ trợ không hợp lệ."))
    helper = PersonRow.get_or_none(PersonRow.id == helper_id) if helper_id else None
    helper_name = (helper.full_name if helper else helper_name or "").strip()
    if not helper_name:
        errors.append(("helper_name", "Vui lòng ghi người hỗ trợ."))
    if not (place or "").strip():
        errors.append(("place", "Vui lòng ghi địa điểm hỗ trợ."))
    if not isinstance(at, dt.datetime) or at > now() + dt.timedelta(minutes=5):
        errors.append(("at", "Thời gian hỗ trợ không hợp lệ (không được ở tương lai)."))
    if procedure_code:
        try:
            get_procedure(procedure_code)
        except NotFound as exc:
            errors.append(("procedure_code", exc.message))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = AssistanceRow.create(kind=kind, helper=helper.id if helper else None, helper_name=helper_name,
                                   place=place.strip(), at=at, procedure_code=procedure_code.strip().upper(),
                                   dossier_code=dossier_code.strip().upper(), note=note.strip())
        audit.record("motcua.assistance.record", "motcua_assistance", row.id, actor=actor,
                     after={"kind": kind, "helper": helper_name, "place": place.strip(), "at": at})
    return row.id


def assistance_between(core: CoreServices, start: dt.date, end: dt.date, *, actor: Actor | None) -> list[dict[str, Any]]:
    """Help given in [start, end], for the centre's staff and leaders (others: none)."""
    if not core.access.can(actor, P_VIEW, centre_scope(core)):
        return []
    q = (AssistanceRow.select().where(AssistanceRow.at >= dt.datetime.combine(start, dt.time(0, 0)),
                                      AssistanceRow.at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0, 0)))
         .order_by(AssistanceRow.at))
    return [{"kind": ASSISTANCE_KINDS[r.kind], "helper": r.helper_name, "place": r.place,
             "at": format_datetime(r.at), "procedure": r.procedure_code, "dossier": r.dossier_code, "note": r.note}
            for r in q]
