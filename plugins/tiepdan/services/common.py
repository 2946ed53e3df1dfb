"""What every section shares: the module's settings, the reception unit (the scope of its
records), small input helpers, the People's Committee's leaders."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from thanthien.core.access import Scope
from thanthien.core.errors import ThanthienError
from thanthien.core.models import PersonRow, RoleGrantRow
from thanthien.core.people import unit_by_code
from thanthien.core.types import Actor, Case

from ..settings import TiepdanSettings
from ..types import DIALOGUE_OWNER, PLUGIN, SESSION_OWNER, VISIT_OWNER, Dialogue, ReceptionSession, Visit

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: a resident on the public portal (no account)
CITIZEN = Actor(None, "Công dân (cổng thông tin)", frozenset(), "citizen")

TIME_FORMAT_HELP = "Giờ theo dạng HH:MM, ví dụ 07:30."


class TooManyRequests(ThanthienError):
    """A client sent too many public submissions in the window (chống gửi dồn dập)."""

    code = "rate_limited"
    status = 429


def config(core: CoreServices) -> TiepdanSettings:
    """``[plugin.tiepdan]`` (validated at start)."""
    return core.config(PLUGIN)


def reception_place(core: CoreServices) -> str:
    """R-TD-01: where citizens are received (the configured place, else the ward office)."""
    return config(core).reception_place or core.settings.ward.address


def reception_unit_id(core: CoreServices) -> int | None:
    """The unit whose staff receive citizens (``reception_unit``): the scope of the
    module's records. None when it does not exist: then they are ward resources, which
    only ward-wide grants reach (fail closed)."""
    unit = unit_by_code(config(core).reception_unit)
    return unit.id if unit is not None else None


def case_scope(case: Case) -> Scope:
    """Who may read or act on a matter: its unit, owner ``case`` (core's ``cases.scope_of``)."""
    return Scope(unit_id=case.unit_id, owner="case", owner_id=case.id)


def visit_scope(visit: Visit) -> Scope:
    return Scope(unit_id=visit.unit_id, owner=VISIT_OWNER, owner_id=visit.id)


def session_scope(session: ReceptionSession) -> Scope:
    return Scope(unit_id=session.unit_id, owner=SESSION_OWNER, owner_id=session.id)


def dialogue_scope(dialogue: Dialogue) -> Scope:
    return Scope(unit_id=dialogue.unit_id, owner=DIALOGUE_OWNER, owner_id=dialogue.id)


def unit_filter(column, units: set[int] | None):
    """``column IN units`` for a list scoped with ``core.access.units_for`` (None: no filter)."""
    if units is None:
        return None
    return column.in_(sorted(units) or [-1])


def check_online(core: CoreServices, on: dt.date, field: str) -> list[tuple[str, str]]:
    """R-TD-05: online citizen reception only from its date in force (the rule's
    ``online_reception_allowed`` on the day of the reception)."""
    if core.rules.value("R-TD-05.online_reception_allowed", on):
        return []
    return [(field, f"Tiếp công dân trực tuyến chưa được áp dụng vào ngày {on:%d/%m/%Y} (R-TD-05); "
                    "vui lòng tiếp nhận trực tiếp hoặc bằng đơn.")]


def clean(value: Any) -> str:
    return str(value or "").strip()


def check_time(field: str, value: str, errors: list[tuple[str, str]]) -> str:
    """``HH:MM`` (``7:30`` is written ``07:30``); a bad value adds an error."""
    value = clean(value)
    try:
        hh, mm = value.split(":")
        dt.time(int(hh), int(mm))
    except ValueError:
        errors.append((field, TIME_FORMAT_HELP))
        return value
    return f"{int(hh):02d}:{int(mm):02d}"


def person(person_id: int | None) -> PersonRow | None:
    return PersonRow.get_or_none(PersonRow.id == person_id) if person_id else None


def roles_of(person_id: int | None) -> set[str]:
    if not person_id:
        return set()
    return {g.role for g in RoleGrantRow.select().where(RoleGrantRow.person == person_id)}


def chairman() -> PersonRow | None:
    """The Chủ tịch UBND (first active holder of the ``chairperson`` role)."""
    return (PersonRow.select().join(RoleGrantRow, on=(RoleGrantRow.person == PersonRow.id))
            .where(RoleGrantRow.role == "chairperson", PersonRow.active == True)  # noqa: E712
            .order_by(PersonRow.id).first())


def staff_choices(core: CoreServices, permission: str) -> list[tuple[int, str]]:
    """Staff who may be given the work ``permission`` covers (id, "name — position"):
    ``tiepdan.handle`` for a matter's handler — the assigned handler reaches the matter
    wherever he or she sits —, ``tiepdan.receive`` for a session's host."""
    return core.access.assignee_choices(permission)


def previous_working_day(calendar, day: dt.date) -> dt.date:
    day -= dt.timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.combine(start, dt.time.min), dt.datetime.combine(end, dt.time.max)
