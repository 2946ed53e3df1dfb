"""What every section shares: settings, units and staff, scopes, stored files, row → type."""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from thanthien.core.access import Scope
from thanthien.core.converters import parse_date
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import PersonRow, UnitRow
from thanthien.core.people import unit_by_code
from thanthien.core.types import Actor
from thanthien.core.uploads import DOCUMENTS_AND_IMAGES, check_upload

from ..models import FileRow
from ..settings import CongvuSettings
from ..types import P_VIEW, PLUGIN, STAFF_OWNER, TASK_OWNER, StaffCard, StoredFile, Upload

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def config(core: CoreServices) -> CongvuSettings:
    """``[plugin.congvu]`` (validated at start)."""
    return core.config(PLUGIN)


def unit_id_of(code: str) -> int | None:
    unit = unit_by_code(code)
    return unit.id if unit is not None else None


def coordinating_unit_id(core: CoreServices) -> int | None:
    """The coordinating office (Phòng Văn hóa - Xã hội, plan IV.2), None when absent."""
    return unit_id_of(config(core).coordinating_unit)


def service_center_id(core: CoreServices) -> int | None:
    """The Public Administrative Service Centre (plan III.1.5), None when absent."""
    return unit_id_of(config(core).service_center_unit)


def unit_name(unit_id: int | None) -> str:
    if unit_id is None:
        return ""
    row = UnitRow.get_or_none(UnitRow.id == unit_id)
    return row.name if row else ""


def require_unit(unit_id: int | None, field: str, errors: list[tuple[str, str]], label: str) -> UnitRow | None:
    if unit_id is None:
        errors.append((field, f"Vui lòng chọn {label}."))
        return None
    row = UnitRow.get_or_none(UnitRow.id == unit_id)
    if row is None or not row.active:
        errors.append((field, f"Không tìm thấy {label} số {unit_id}."))
        return None
    return row


def staff_row(person_id: int | None) -> PersonRow | None:
    """An active staff member, or None."""
    if person_id is None:
        return None
    row = PersonRow.get_or_none(PersonRow.id == person_id)
    if row is None or not row.is_staff or not row.active:
        return None
    return row


def require_staff(person_id: int | None, field: str, errors: list[tuple[str, str]], label: str) -> PersonRow | None:
    """The staff member ``person_id`` or an error on ``field`` ("Rõ người: …")."""
    if person_id is None:
        errors.append((field, f"Vui lòng chọn {label}."))
        return None
    row = staff_row(person_id)
    if row is None:
        errors.append((field, f"Không tìm thấy cán bộ, công chức số {person_id} ({label})."))
    return row


def get_staff(person_id: int) -> PersonRow:
    row = staff_row(person_id)
    if row is None:
        raise NotFound(f"Không tìm thấy cán bộ, công chức số {person_id}.")
    return row


def staff_options() -> list[tuple[int, str]]:
    """Active staff as (id, "name — position") for the forms' pickers."""
    q = (PersonRow.select(PersonRow.id, PersonRow.full_name, PersonRow.position)
         .where(PersonRow.is_staff == True, PersonRow.active == True)  # noqa: E712
         .order_by(PersonRow.full_name).limit(1000))
    return [(p.id, f"{p.full_name} — {p.position}" if p.position else p.full_name) for p in q]


def assignee_options(core: CoreServices, permission: str = P_VIEW) -> list[tuple[int, str]]:
    """Staff who may be given work (a task, a co-worker's part, a duty at the centre):
    ``congvu.view`` holders — the module's staff roles, not a group head, a board member or
    the administrator; ``congvu.tasks`` for a task's responsible leader. (id, "name — position")"""
    return core.access.assignee_choices(permission)


def unit_options() -> list[tuple[int, str]]:
    """The UBND's units except residential groups, for the forms' pickers."""
    q = (UnitRow.select(UnitRow.id, UnitRow.name)
         .where(UnitRow.active == True, UnitRow.kind.not_in(("residential_group", "village")))  # noqa: E712
         .order_by(UnitRow.sort, UnitRow.name))
    return [(u.id, u.name) for u in q]


def staff_card(row: PersonRow, desk: str = "", photo_id: int | None = None) -> StaffCard:
    return StaffCard(row.id, row.full_name, row.position, row.badge_number, unit_name(row.unit_id), desk, photo_id)


def staff_scope(person: PersonRow) -> Scope:
    """Who may read what concerns a staff member (compliments, complaints, breaches, the
    yearly summary): leaders over his or her unit, and the person concerned."""
    return Scope(unit_id=person.unit_id, owner=STAFF_OWNER, owner_id=person.id)


def task_scope(task: Any) -> Scope:
    """A task belongs to its responsible unit, owner ``congvu.task``."""
    return Scope(unit_id=task.unit_id, owner=TASK_OWNER, owner_id=task.id)


def day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.combine(start, dt.time.min), dt.datetime.combine(end, dt.time.max)


def as_date(value: Any) -> dt.date | None:
    return parse_date(value) if value is not None else None


def lines(value: Iterable[str] | str | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.splitlines()
    return [str(v).strip() for v in value if str(v).strip()]


# -- stored files ------------------------------------------------------------------------


def to_file(row: FileRow) -> StoredFile:
    return StoredFile(row.id, row.filename, row.content_type, row.size, row.uploaded_at, row.caption)


def check_files(core: CoreServices, uploads: Iterable[Upload], field: str, errors: list[tuple[str, str]], *,
                kinds: tuple[str, ...] = DOCUMENTS_AND_IMAGES) -> list[tuple[str, str, bytes]]:
    """Each upload checked by content (``core.uploads.check_upload``): (name, MIME, bytes)."""
    cfg = config(core)
    files = [u for u in uploads if u.filename or u.data]
    if len(files) > cfg.max_files:
        errors.append((field, f"Mỗi lần gửi tối đa {cfg.max_files} tệp."))
        return []
    out = []
    for up in files:
        try:
            name, mime = check_upload(up.filename, up.data, up.content_type, cfg.max_file_bytes, kinds=kinds,
                                      field=field)
        except ValidationError as exc:
            errors += exc.errors
            continue
        out.append((name, mime, up.data))
    return out


def store_files(checked: Iterable[tuple[str, str, bytes]], owner_kind: str, owner_id: int, actor: Actor,
                caption: str = "") -> list[FileRow]:
    """Keep checked files (inside the caller's transaction)."""
    return [FileRow.create(owner_kind=owner_kind, owner_id=owner_id, filename=name, content_type=mime,
                           size=len(data), sha256=hashlib.sha256(data).hexdigest(), data=data,
                           caption=caption[:255], uploaded_by=actor.person_id)
            for name, mime, data in checked]


def files_of(owner_kind: str, owner_id: int) -> tuple[StoredFile, ...]:
    q = (FileRow.select(FileRow.id, FileRow.filename, FileRow.content_type, FileRow.size, FileRow.uploaded_at,
                        FileRow.caption)
         .where(FileRow.owner_kind == owner_kind, FileRow.owner_id == owner_id, FileRow.active == True)  # noqa: E712
         .order_by(FileRow.id))
    return tuple(to_file(r) for r in q)
