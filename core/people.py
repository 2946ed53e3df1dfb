"""Units, households and people (đơn vị, hộ gia đình, người dân, cán bộ): the only writer
of their tables. Every change is audit-logged with its before/after; personal fields in
the log are limited to what changed (R-DL-11).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from . import audit
from .errors import NotFound, ValidationError
from .models import EndedRoleGrantRow, HouseholdRow, PersonRow, RoleGrantRow, UnitRow, to_type
from .storage.db import now, write_transaction
from .text import fold
from .types import SYSTEM_ACTOR, UNIT_KINDS, Actor, Household, Person, RoleGrant, Unit

PERSON_FIELDS = {f.name for f in attrs.fields(Person)} - {"id"}


def create_unit(
    code: str, name: str, kind: str, *, parent_id: int | None = None, address: str = "", actor: Actor = SYSTEM_ACTOR
) -> Unit:
    errors = []
    if not code.strip():
        errors.append(("code", "Vui lòng nhập mã đơn vị."))
    if not name.strip():
        errors.append(("name", "Vui lòng nhập tên đơn vị."))
    if kind not in UNIT_KINDS:
        errors.append(("kind", "Loại đơn vị không hợp lệ."))
    if code.strip() and UnitRow.get_or_none(UnitRow.code == code.strip()):
        errors.append(("code", f"Mã đơn vị '{code}' đã được dùng."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = UnitRow.create(code=code.strip(), name=name.strip(), kind=kind, parent=parent_id, address=address)
        unit = to_type(Unit, row)
        audit.record("unit.create", "unit", unit.id, actor=actor, after=attrs.asdict(unit))
    return unit


def get_unit(unit_id: int) -> Unit:
    row = UnitRow.get_or_none(UnitRow.id == unit_id)
    if row is None:
        raise NotFound(f"Không tìm thấy đơn vị số {unit_id}.")
    return to_type(Unit, row)


def unit_by_code(code: str) -> Unit | None:
    row = UnitRow.get_or_none(UnitRow.code == code)
    return to_type(Unit, row) if row else None


def list_units(kind: str | tuple[str, ...] | None = None) -> list[Unit]:
    q = UnitRow.select().where(UnitRow.active == True).order_by(UnitRow.sort, UnitRow.code)  # noqa: E712
    if kind:
        q = q.where(UnitRow.kind.in_([kind] if isinstance(kind, str) else list(kind)))
    return [to_type(Unit, r) for r in q]


def create_household(code: str, group_id: int, *, address: str = "", actor: Actor = SYSTEM_ACTOR) -> Household:
    if not code.strip():
        raise ValidationError([("code", "Vui lòng nhập mã hộ.")])
    if HouseholdRow.get_or_none(HouseholdRow.code == code.strip()):
        raise ValidationError([("code", f"Mã hộ '{code}' đã được dùng.")])
    with write_transaction():
        row = HouseholdRow.create(code=code.strip(), group=group_id, address=address)
        hh = to_type(Household, row)
        audit.record("household.create", "household", hh.id, actor=actor, after={"code": hh.code, "group_id": group_id})
    return hh


def _person_errors(values: dict[str, Any]) -> list[tuple[str, str]]:
    errors = []
    if "full_name" in values and not str(values["full_name"] or "").strip():
        errors.append(("full_name", "Vui lòng nhập họ và tên."))
    cid = str(values.get("citizen_id") or "")
    if cid and (not cid.isdigit() or len(cid) not in (9, 12)):
        errors.append(("citizen_id", "Số định danh cá nhân gồm 12 chữ số (CMND cũ: 9 chữ số)."))
    phone = str(values.get("phone") or "").replace(" ", "")
    if phone and (not phone.lstrip("+").isdigit() or not 9 <= len(phone.lstrip("+")) <= 12):
        errors.append(("phone", "Số điện thoại không hợp lệ."))
    birth = values.get("birth_date")
    if isinstance(birth, dt.date) and birth > dt.date.today():
        errors.append(("birth_date", "Ngày sinh không được sau ngày hôm nay."))
    return errors


def create_person(full_name: str, *, actor: Actor = SYSTEM_ACTOR, **fields: Any) -> Person:
    unknown = set(fields) - PERSON_FIELDS
    if unknown:
        raise ValidationError([(k, "Trường không được hỗ trợ.") for k in sorted(unknown)])
    values = {"full_name": full_name, **fields}
    errors = _person_errors(values)
    if errors:
        raise ValidationError(errors)
    values["full_name"] = full_name.strip()
    with write_transaction():
        row = PersonRow.create(
            search_name=fold(values["full_name"]),
            **{("household" if k == "household_id" else "unit" if k == "unit_id" else k): v for k, v in values.items()},
        )
        person = to_type(Person, row)
        audit.record(
            "person.create",
            "person",
            person.id,
            actor=actor,
            after={"full_name": person.full_name, "is_staff": person.is_staff},
        )
    return person


def update_person(person_id: int, *, actor: Actor = SYSTEM_ACTOR, **changes: Any) -> Person:
    unknown = set(changes) - PERSON_FIELDS
    if unknown:
        raise ValidationError([(k, "Trường không được hỗ trợ.") for k in sorted(unknown)])
    errors = _person_errors(changes)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        before = get_person(person_id)
        after = attrs.evolve(before, **changes)
        values = {
            ("household" if k == "household_id" else "unit" if k == "unit_id" else k): v for k, v in changes.items()
        }
        if "full_name" in changes:
            values["search_name"] = fold(changes["full_name"])
        values["updated_at"] = now()
        PersonRow.update(**values).where(PersonRow.id == person_id).execute()
        b, a = audit.diff(attrs.asdict(before), attrs.asdict(after))
        if a:
            audit.record("person.update", "person", person_id, actor=actor, before=b, after=a)
    return after


def get_person(person_id: int) -> Person:
    row = PersonRow.get_or_none(PersonRow.id == person_id)
    if row is None:
        raise NotFound(f"Không tìm thấy người số {person_id}.")
    return to_type(Person, row)


def search_people(
    query: str = "", *, staff: bool | None = None, group_id: int | None = None, limit: int = 50, offset: int = 0
) -> list[Person]:
    """Diacritic-insensitive search: "nguyen van a" and "NGUYEN" find "Nguyễn Văn A"."""
    q = PersonRow.select()
    needle = fold(query)
    if needle:
        if needle.isdigit():
            q = q.where((PersonRow.citizen_id == needle) | (PersonRow.phone == needle))
        else:
            q = q.where(PersonRow.search_name.contains(needle))
    if staff is not None:
        q = q.where(PersonRow.is_staff == staff)
    if group_id is not None:
        q = q.join(HouseholdRow, on=(PersonRow.household == HouseholdRow.id)).where(HouseholdRow.group == group_id)
    q = q.order_by(PersonRow.search_name, PersonRow.id).limit(limit).offset(offset)
    return [to_type(Person, r) for r in q]


def household_members(household_id: int) -> list[Person]:
    q = PersonRow.select().where(PersonRow.household == household_id).order_by(PersonRow.id)
    return [to_type(Person, r) for r in q]


def grant_role(person_id: int, role: str, unit_id: int | None = None, *, actor: Actor = SYSTEM_ACTOR) -> RoleGrant:
    with write_transaction():
        RoleGrantRow.insert(person=person_id, role=role, unit=unit_id).on_conflict_ignore().execute()
        audit.record("role.grant", "person", person_id, actor=actor, after={"role": role, "unit_id": unit_id})
    return RoleGrant(person_id, role, unit_id)


def revoke_role(
    person_id: int,
    role: str,
    unit_id: int | None = None,
    *,
    actor: Actor = SYSTEM_ACTOR,
    reason: str = "",
    ended_at: dt.datetime | None = None,
) -> None:
    """End a grant: it no longer gives access and is kept, with its dates and ``reason``,
    in the ended grants (``ended_role_grants``) — a role is never silently forgotten."""
    with write_transaction():
        q = RoleGrantRow.select().where(RoleGrantRow.person == person_id, RoleGrantRow.role == role)
        q = q.where(RoleGrantRow.unit.is_null(True) if unit_id is None else RoleGrantRow.unit == unit_id)
        rows = list(q)
        for row in rows:
            EndedRoleGrantRow.create(
                person=person_id,
                role=role,
                unit=unit_id,
                granted_at=row.granted_at,
                ended_at=ended_at or now(),
                reason=reason.strip(),
            )
            RoleGrantRow.delete().where(RoleGrantRow.id == row.id).execute()
        if rows:
            audit.record(
                "role.revoke",
                "person",
                person_id,
                actor=actor,
                before={"role": role, "unit_id": unit_id},
                reason=reason.strip(),
            )


def holders_of(role: str, unit_id: int | None) -> list[int]:
    """The people holding ``role`` on exactly ``unit_id`` now (ids, oldest grant first)."""
    q = RoleGrantRow.select(RoleGrantRow.person).where(RoleGrantRow.role == role)
    q = q.where(RoleGrantRow.unit.is_null(True) if unit_id is None else RoleGrantRow.unit == unit_id)
    return [r.person_id for r in q.order_by(RoleGrantRow.granted_at, RoleGrantRow.id)]


@attrs.frozen
class EndedRoleGrant:
    """A grant that ended: who held which role where, from when to when, and why."""

    person_id: int
    role: str
    unit_id: int | None
    granted_at: dt.datetime | None
    ended_at: dt.datetime
    reason: str


def ended_role_grants(
    *, person_id: int | None = None, role: str | None = None, unit_id: int | None = None
) -> list[EndedRoleGrant]:
    """Ended grants, newest first, filtered by person, role and unit."""
    q = EndedRoleGrantRow.select()
    if person_id is not None:
        q = q.where(EndedRoleGrantRow.person == person_id)
    if role is not None:
        q = q.where(EndedRoleGrantRow.role == role)
    if unit_id is not None:
        q = q.where(EndedRoleGrantRow.unit == unit_id)
    return [
        EndedRoleGrant(r.person_id, r.role, r.unit_id, r.granted_at, r.ended_at, r.reason)
        for r in q.order_by(EndedRoleGrantRow.ended_at.desc(), EndedRoleGrantRow.id.desc())
    ]


def roles_of(person_id: int) -> list[RoleGrant]:
    return [
        RoleGrant(g.person_id, g.role, g.unit_id) for g in RoleGrantRow.select().where(RoleGrantRow.person == person_id)
    ]


# -- read helpers for the web pages (added by the web front) --------------------


def get_household(household_id: int) -> Household:
    row = HouseholdRow.get_or_none(HouseholdRow.id == household_id)
    if row is None:
        raise NotFound(f"Không tìm thấy hộ gia đình số {household_id}.")
    return to_type(Household, row, group_id=row.group_id, head_id=row.head_id)


def households_in_group(group_id: int, *, limit: int = 50, offset: int = 0) -> list[Household]:
    q = (
        HouseholdRow.select()
        .where(HouseholdRow.group == group_id, HouseholdRow.active == True)  # noqa: E712
        .order_by(HouseholdRow.code)
        .limit(limit)
        .offset(offset)
    )
    return [to_type(Household, r, group_id=r.group_id, head_id=r.head_id) for r in q]


def count_households(group_id: int) -> int:
    """How many households the register holds in a residential group now (the base of
    every community vote, R-BQ-28: all households, not those present)."""
    return (
        HouseholdRow.select()
        .where(HouseholdRow.group == group_id, HouseholdRow.active == True)  # noqa: E712
        .count()
    )


def child_units(unit_id: int | None) -> list[Unit]:
    q = UnitRow.select().where(UnitRow.active == True).order_by(UnitRow.sort, UnitRow.code)  # noqa: E712
    q = q.where(UnitRow.parent.is_null(True) if unit_id is None else UnitRow.parent == unit_id)
    return [to_type(Unit, r, parent_id=r.parent_id) for r in q]


def descendant_unit_ids(unit_ids: list[int]) -> set[int]:
    """The units and every unit below them (a grant on a unit covers its sub-units)."""
    found = set(unit_ids)
    frontier = list(unit_ids)
    while frontier:
        children = [r.id for r in UnitRow.select(UnitRow.id).where(UnitRow.parent.in_(frontier))]
        frontier = [c for c in children if c not in found]
        found.update(frontier)
    return found


def staff_in_unit(unit_id: int) -> list[Person]:
    q = PersonRow.select().where(PersonRow.unit == unit_id, PersonRow.is_staff == True).order_by(PersonRow.id)  # noqa: E712
    return [to_type(Person, r) for r in q]


def list_staff(limit: int = 500) -> list[Person]:
    q = PersonRow.select().where(PersonRow.is_staff == True).order_by(PersonRow.search_name).limit(limit)  # noqa: E712
    return [to_type(Person, r) for r in q]


def search_people_in_groups(
    query: str, group_ids: set[int] | None, *, limit: int = 50, offset: int = 0
) -> list[Person]:
    """Like :func:`search_people`, restricted to residents of ``group_ids`` (None: everyone)."""
    if group_ids is None:
        return search_people(query, limit=limit, offset=offset)
    q = (
        PersonRow.select()
        .join(HouseholdRow, on=(PersonRow.household == HouseholdRow.id))
        .where(HouseholdRow.group.in_(list(group_ids) or [-1]))
    )
    needle = fold(query)
    if needle:
        if needle.isdigit():
            q = q.where((PersonRow.citizen_id == needle) | (PersonRow.phone == needle))
        else:
            q = q.where(PersonRow.search_name.contains(needle))
    q = q.order_by(PersonRow.search_name, PersonRow.id).limit(limit).offset(offset)
    return [to_type(Person, r) for r in q]
