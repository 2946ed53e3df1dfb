"""Training and propaganda on the model (plan III.3): conferences, news, articles and reports
on "Chính quyền thân thiện" and on measuring satisfaction, recorded with attendance and
linked to the plan items they carry out."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.access import ANYWHERE, Scope
from thanthien.core.errors import IllegalTransition, NotFound, ValidationError
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.types import Actor

from ..models import EventRow, ItemRow
from ..types import EVENT_KINDS, EVENT_OWNER, EVENT_STATES, P_EVENTS, P_VIEW, Event
from .common import coordinating_unit_id, require_unit, unit_name

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def _events(rows: list[EventRow]) -> list[Event]:
    codes = {i.id: i.code for i in ItemRow.select(ItemRow.id, ItemRow.code)
             .where(ItemRow.id.in_(sorted({r.item_id for r in rows if r.item_id}) or [-1]))}
    return [Event(r.id, r.kind, r.title, r.held_on, r.state, r.place, r.unit_id, unit_name(r.unit_id), r.item_id,
                  codes.get(r.item_id, ""), r.audience, r.staff_count, r.resident_count, r.url, r.result) for r in rows]


def get_event(event_id: int) -> Event:
    row = EventRow.get_or_none(EventRow.id == event_id)
    if row is None:
        raise NotFound(f"Không tìm thấy hoạt động số {event_id}.")
    return _events([row])[0]


def view_event(core: CoreServices, event_id: int, *, actor: Actor | None) -> Event:
    """An event (nothing personal: every staff member reads it)."""
    core.access.require(actor, P_VIEW, ANYWHERE)
    return get_event(event_id)


def event_scope(event: Event) -> Scope:
    return Scope(unit_id=event.unit_id, owner=EVENT_OWNER, owner_id=event.id)


def plan_event(core: CoreServices, *, kind: str, title: str, held_on: dt.date | None, place: str = "",
               unit_id: int | None = None, item_id: int | None = None, audience: str = "", url: str = "",
               actor: Actor, at: dt.datetime | None = None) -> Event:
    """Plan a conference or record an article or report; it belongs to its organising unit
    (the coordinating office by default, plan IV.2)."""
    errors: list[tuple[str, str]] = []
    if kind not in EVENT_KINDS:
        errors.append(("kind", "Vui lòng chọn loại hoạt động."))
    title = (title or "").strip()
    if not title:
        errors.append(("title", "Vui lòng ghi tên hội nghị, tin bài."))
    if held_on is None:
        errors.append(("held_on", "Vui lòng nhập ngày (dd/mm/yyyy)."))
    unit = require_unit(unit_id if unit_id is not None else coordinating_unit_id(core), "unit_id", errors,
                        "đơn vị tổ chức")
    if unit is not None:
        core.access.require(actor, P_EVENTS, Scope(unit_id=unit.id, owner=EVENT_OWNER))
    if item_id is not None and not ItemRow.select().where(ItemRow.id == item_id).exists():
        errors.append(("item_id", f"Không tìm thấy mục kế hoạch số {item_id}."))
    if errors:
        raise ValidationError(errors)
    assert unit is not None
    with write_transaction():
        row = EventRow.create(kind=kind, title=title[:500], held_on=held_on, place=(place or "").strip()[:500],
                              unit=unit.id, item=item_id, audience=(audience or "").strip()[:255],
                              url=(url or "").strip()[:500], created_at=at or now(), created_by=actor.person_id)
        audit.record("congvu.event.plan", "congvu_event", row.id, actor=actor,
                     after={"kind": kind, "title": title, "held_on": held_on, "unit": unit.id, "item": item_id})
    return get_event(row.id)


def record_event(core: CoreServices, event_id: int, *, result: str, staff_count: int | None = None,
                 resident_count: int | None = None, url: str = "", actor: Actor,
                 at: dt.datetime | None = None) -> Event:
    """Record what happened and who attended (staff, residents)."""
    event = get_event(event_id)
    core.access.require(actor, P_EVENTS, event_scope(event))
    if event.state != "planned":
        raise IllegalTransition(f"Hoạt động đang “{event.state_label}”.")
    result = (result or "").strip()
    errors = []
    if not result:
        errors.append(("result", "Vui lòng ghi kết quả."))
    for field, n in (("staff_count", staff_count), ("resident_count", resident_count)):
        if n is not None and n < 0:
            errors.append((field, "Số người không được âm."))
    if event.kind in ("training", "propaganda") and staff_count is None and resident_count is None:
        errors.append(("staff_count", "Vui lòng ghi số người dự (cán bộ và/hoặc người dân)."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        EventRow.update(state="done", result=result, staff_count=staff_count, resident_count=resident_count,
                        url=(url or "").strip()[:500] or event.url, done_at=at or now()).where(
            EventRow.id == event_id).execute()
        audit.record("congvu.event.done", "congvu_event", event_id, actor=actor, before={"state": "planned"},
                     after={"state": "done", "staff_count": staff_count, "resident_count": resident_count})
    return get_event(event_id)


def cancel_event(core: CoreServices, event_id: int, *, reason: str, actor: Actor) -> Event:
    event = get_event(event_id)
    core.access.require(actor, P_EVENTS, event_scope(event))
    if event.state != "planned":
        raise IllegalTransition(f"Hoạt động đang “{event.state_label}”.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError([("reason", "Vui lòng ghi lý do hủy.")])
    with write_transaction():
        EventRow.update(state="cancelled", result=reason).where(EventRow.id == event_id).execute()
        audit.record("congvu.event.cancel", "congvu_event", event_id, actor=actor, before={"state": "planned"},
                     after={"state": "cancelled"}, reason=reason)
    return get_event(event_id)


def events(core: CoreServices, *, actor: Actor | None, kind: str | None = None, state: str | None = None,
           year: int | None = None, item_id: int | None = None, limit: int = 50, offset: int = 0) -> list[Event]:
    """Training and propaganda events (nothing personal: every staff member reads them)."""
    core.access.require(actor, P_VIEW, ANYWHERE)
    errors = []
    if kind and kind not in EVENT_KINDS:
        errors.append(("kind", "Loại không hợp lệ."))
    if state and state not in EVENT_STATES:
        errors.append(("state", "Trạng thái không hợp lệ."))
    if errors:
        raise ValidationError(errors)
    q = EventRow.select()
    if kind:
        q = q.where(EventRow.kind == kind)
    if state:
        q = q.where(EventRow.state == state)
    if year:
        q = q.where(EventRow.held_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    if item_id is not None:
        q = q.where(EventRow.item == item_id)
    return _events(list(q.order_by(EventRow.held_on.desc(), EventRow.id.desc()).limit(limit).offset(offset)))
