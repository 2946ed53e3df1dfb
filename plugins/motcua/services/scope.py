"""Who may read and act on a dossier (fail-closed scope) and the audit of full reads.

A dossier belongs to one unit, kept on its case (``core_case.unit_id``) and on its row
(``handling_unit``): the department that handles its procedure when the catalogue names
one that exists (``handling_unit``), else the one-stop centre (``[plugin.motcua]
centre_unit``), else nobody but ward-wide grants (a ward resource). Transferring or
re-assigning it to another unit moves it there. Its scope is
``Scope(unit_id=…, owner="motcua.dossier", owner_id=<case id>)``; the forms it issues
(Mẫu 01–06) carry the same unit, owner and ``motcua.view``, so ``/documents/{id}``
follows the dossier.

The one-stop centre receives and returns dossiers for every unit of the ward (R-MC-01):
:func:`centre_reach` (this module's ``access_for_scope`` answer) lets a holder of
``motcua.receive`` use the centre's permissions (view, receive, process, assign, report)
on every dossier. Everyone else reaches the dossiers of the units they are granted;
a residential-group head or a board member holds no ``motcua.*`` permission and reaches
none. Lists, exports, the register and the dashboard filter with :func:`visible_units`.

Reading an applicant's ID number, phone or address in full is audit-logged
(:func:`audit_personal_read`), wherever it is shown.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from thanthien.core import audit
from thanthien.core.access import ANYWHERE, Scope
from thanthien.core.people import unit_by_code
from thanthien.core.types import Actor

from ..types import DOSSIER_OWNER, P_ASSIGN, P_PROCESS, P_RECEIVE, P_REPORT, P_VIEW, Dossier, Procedure
from .common import config, get_dossier

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: what the one-stop centre does for every unit (R-MC-01)
CENTRE_PERMISSIONS = (P_VIEW, P_RECEIVE, P_PROCESS, P_ASSIGN, P_REPORT)
#: the one-stop centre's own records (bookings, assistance, surveys): owner kind
CENTRE_OWNER = "motcua.centre"


def centre_unit_id(core: CoreServices) -> int | None:
    """The one-stop centre's unit (``centre_unit``), None when the ward has none."""
    unit = unit_by_code(config(core).centre_unit)
    return unit.id if unit is not None else None


def dossier_unit_for(core: CoreServices, procedure: Procedure) -> int | None:
    """The unit a new dossier of ``procedure`` belongs to: the handling department the
    catalogue names, else the one-stop centre (None: a ward resource, leaders only)."""
    unit = unit_by_code(procedure.handling_unit) if procedure.handling_unit else None
    return unit.id if unit is not None else centre_unit_id(core)


def dossier_scope(dossier: Dossier) -> Scope:
    return Scope(unit_id=dossier.unit_id, owner=DOSSIER_OWNER, owner_id=dossier.case_id)


def centre_scope(core: CoreServices) -> Scope:
    """The scope of the centre's own records: bookings, assistance, surveys."""
    return Scope(unit_id=centre_unit_id(core), owner=CENTRE_OWNER)


def centre_reach(core: CoreServices, actor: Actor, permission: str, scope: Any) -> bool | None:
    """``access_for_scope`` of this module: the one-stop centre's staff (holders of
    ``motcua.receive``) use the centre's permissions they hold on every unit's dossiers
    (R-MC-01). No opinion otherwise (core's role × unit table decides)."""
    if permission not in CENTRE_PERMISSIONS or scope is ANYWHERE:
        return None
    table = core.access.role_table_allows
    if table(actor, P_RECEIVE, ANYWHERE) and table(actor, permission, ANYWHERE):
        return True
    return None


def visible_units(core: CoreServices, actor: Actor | None, permission: str) -> set[int] | None:
    """Units whose dossiers ``actor`` reaches with ``permission``: None for the whole ward
    (leaders, the centre's staff), else ``core.access.units_for`` (an empty set: none)."""
    if core.access.can(actor, permission, Scope(owner=DOSSIER_OWNER)):
        return None
    return core.access.units_for(actor, permission)


def only_units(query: Any, field: Any, units: set[int] | None) -> Any:
    """``query`` keeping the rows whose ``field`` is one of ``units`` (None: every row)."""
    if units is None:
        return query
    return query.where(field.in_(sorted(units) or [-1]))


def require(core: CoreServices, actor: Actor | None, permission: str, dossier: Dossier) -> Actor:
    """``core.access.require`` over the dossier's scope, with the message staff expect."""
    return core.access.require(actor, permission, dossier_scope(dossier),
                               message="Hồ sơ này không thuộc đơn vị hoặc phạm vi được giao cho bạn.")


def can_see(core: CoreServices, actor: Actor | None, dossier: Dossier) -> bool:
    """May ``actor`` open the dossier? (its scope, ``motcua.view``)"""
    return core.access.can(actor, P_VIEW, dossier_scope(dossier))


def view_dossier(core: CoreServices, code_or_id: str | int, *, actor: Actor | None) -> Dossier:
    """A dossier for ``actor``, refused outside its scope; the read of the applicant's
    personal fields is audit-logged."""
    dossier = get_dossier(code_or_id)
    require(core, actor, P_VIEW, dossier)
    audit_personal_read(actor, "motcua_dossier", dossier.code,
                        ["applicant_citizen_id", "applicant_phone", "applicant_address", "applicant_email"])
    return dossier


def audit_personal_read(actor: Actor | None, entity: str, entity_id: Any, fields: list[str],
                        count: int | None = None) -> None:
    """Log that ``actor`` was shown personal fields in full (R-DL-11)."""
    after: dict[str, Any] = {"fields": fields}
    if count is not None:
        after["rows"] = count
    audit.record("motcua.personal.view", entity, entity_id, actor=actor, after=after)
