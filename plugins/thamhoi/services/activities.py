"""Ceremonies, visits and meetings: the letter-handing ceremony at the UBND office, the
visit to a bereaved family, the yearly meeting with respected people and supporters."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from thanthien.core import audit
from thanthien.core.access import Scope
from thanthien.core.errors import IllegalTransition, NotFound, ValidationError
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.types import Actor

from ..models import ActivityRow
from ..types import ACTIVITY_KINDS, ACTIVITY_STATES, P_MANAGE, P_VIEW, Activity
from .common import activity_scope, ceremony_place, office_unit_id, to_activity
from .queries import get_letter
from .signing import sent

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def _lines(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.splitlines()
    return [str(v).strip() for v in value or () if str(v).strip()]


def plan_activity(core: CoreServices, *, kind: str, scheduled_at: dt.datetime | None, place: str = "",
                  title: str = "", delegation: str = "", guests: Iterable[str] | str = (),
                  letter_id: int | None = None, actor: Actor) -> Activity:
    """Plan a letter-handing ceremony at the UBND office, a visit (đoàn thăm hỏi, phúng
    viếng) or the yearly meeting with supporters and respected people (plan III.1.6).
    It belongs to its letter's unit, else the office unit."""
    errors = []
    letter = None
    if kind not in ACTIVITY_KINDS:
        errors.append(("kind", "Loại hoạt động không hợp lệ."))
    if scheduled_at is None:
        errors.append(("scheduled_at", "Vui lòng nhập thời gian (giờ:phút dd/mm/yyyy)."))
    if letter_id is not None:
        try:
            letter = get_letter(letter_id)
        except NotFound as exc:
            errors.append(("letter_id", exc.message))
    unit_id = letter.unit_id if letter is not None else office_unit_id(core)
    core.access.require(actor, P_MANAGE, Scope(unit_id=unit_id, owner="thamhoi.activity"))
    if kind == "letter_ceremony" and (letter is None or letter.kind != "congratulation_letter"):
        errors.append(("letter_id", "Lễ trao thư phải gắn với một thư chúc mừng (khai sinh, kết hôn)."))
    if kind == "visit" and letter is not None and letter.kind != "condolence_letter":
        errors.append(("letter_id", "Đoàn thăm hỏi, phúng viếng chỉ gắn với thư chia buồn."))
    if letter is not None and letter.state == "cancelled":
        errors.append(("letter_id", "Thư đã bị hủy."))
    guest_list = _lines(guests)
    if kind == "respected_meeting" and not guest_list:
        errors.append(("guests", "Vui lòng ghi danh sách khách mời (mỗi dòng một người hoặc tổ chức)."))
    if errors:
        raise ValidationError(errors)
    place = (place or "").strip() or (ceremony_place(core) if kind != "visit" else "")
    if not place:
        raise ValidationError([("place", "Vui lòng ghi địa điểm (nhà gia đình).")])
    title = (title or "").strip() or (f"{ACTIVITY_KINDS[kind]}: {letter.subject}" if letter else ACTIVITY_KINDS[kind])
    with write_transaction():
        row = ActivityRow.create(kind=kind, title=title[:400], scheduled_at=scheduled_at, place=place[:400],
                                 delegation=(delegation or "").strip(), guests=guest_list,
                                 letter=letter.id if letter else None, created_by=actor.person_id,
                                 unit_id=unit_id)
        audit.record("thamhoi.activity.plan", "thamhoi_activity", row.id, actor=actor,
                     after={"kind": kind, "scheduled_at": scheduled_at, "letter_id": row.letter_id,
                            "unit_id": unit_id})
    return get_activity(row.id)


def record_activity(core: CoreServices, activity_id: int, *, result: str, attendance: int | None = None,
                    actor: Actor, at: dt.datetime | None = None) -> Activity:
    """Record what happened; a signed letter handed over at it is marked sent with it."""
    act = get_activity(activity_id)
    core.access.require(actor, P_MANAGE, activity_scope(act))
    result = (result or "").strip()
    if act.state != "planned":
        raise IllegalTransition(f"Hoạt động đang “{act.state_label}”.")
    errors = []
    if not result:
        errors.append(("result", "Vui lòng ghi kết quả."))
    if attendance is not None and attendance < 0:
        errors.append(("attendance", "Số người dự không được âm."))
    letter = get_letter(act.letter_id) if act.letter_id else None
    if letter is not None and act.kind == "letter_ceremony" and letter.state != "signed":
        errors.append(("letter_id", "Thư chúc mừng phải được ký trước khi trao."))
    if errors:
        raise ValidationError(errors)
    when = at or now()
    with write_transaction():
        ActivityRow.update(state="done", result=result, attendance=attendance, done_at=when).where(
            ActivityRow.id == activity_id).execute()
        audit.record("thamhoi.activity.done", "thamhoi_activity", activity_id, actor=actor,
                     before={"state": "planned"}, after={"state": "done", "attendance": attendance})
        if letter is not None and letter.state == "signed":
            sent(letter, "ceremony" if act.kind == "letter_ceremony" else "visit", actor, when)
    return get_activity(activity_id)


def cancel_activity(core: CoreServices, activity_id: int, *, reason: str, actor: Actor) -> Activity:
    """Cancel a planned activity, with the reason (recorded, nothing deleted)."""
    act = get_activity(activity_id)
    core.access.require(actor, P_MANAGE, activity_scope(act))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError([("reason", "Vui lòng ghi lý do hủy.")])
    if act.state != "planned":
        raise IllegalTransition(f"Hoạt động đang “{act.state_label}”.")
    with write_transaction():
        ActivityRow.update(state="cancelled", cancel_reason=reason).where(ActivityRow.id == activity_id).execute()
        audit.record("thamhoi.activity.cancel", "thamhoi_activity", activity_id, actor=actor,
                     before={"state": "planned"}, after={"state": "cancelled"}, reason=reason)
    return get_activity(activity_id)


def get_activity(activity_id: int) -> Activity:
    """An activity, unchecked: for the module's own steps."""
    row = ActivityRow.get_or_none(ActivityRow.id == activity_id)
    if row is None:
        raise NotFound(f"Không tìm thấy hoạt động số {activity_id}.")
    return to_activity(row)


def view_activity(core: CoreServices, activity_id: int, *, actor: Actor | None) -> Activity:
    """An activity for ``actor``, refused outside his or her units (guests are named)."""
    act = get_activity(activity_id)
    core.access.require(actor, P_VIEW, activity_scope(act))
    return act


def activities(core: CoreServices, *, actor: Actor | None, kind: str | None = None, state: str | None = None,
               year: int | None = None, letter_id: int | None = None, limit: int = 50,
               offset: int = 0) -> list[Activity]:
    """Activities the actor may read, latest first."""
    if kind and kind not in ACTIVITY_KINDS:
        raise ValidationError([("kind", "Loại hoạt động không hợp lệ.")])
    if state and state not in ACTIVITY_STATES:
        raise ValidationError([("state", "Trạng thái không hợp lệ.")])
    q = ActivityRow.select()
    units = core.access.units_for(actor, P_VIEW)
    if units is not None:
        q = q.where(ActivityRow.unit_id.in_(sorted(units) or [-1]))
    if kind:
        q = q.where(ActivityRow.kind == kind)
    if state:
        q = q.where(ActivityRow.state == state)
    if year:
        q = q.where(ActivityRow.scheduled_at >= dt.datetime(year, 1, 1),
                    ActivityRow.scheduled_at < dt.datetime(year + 1, 1, 1))
    if letter_id is not None:
        q = q.where(ActivityRow.letter == letter_id)
    q = q.order_by(ActivityRow.scheduled_at.desc(), ActivityRow.id.desc()).limit(limit).offset(offset)
    return [to_activity(r) for r in q]
