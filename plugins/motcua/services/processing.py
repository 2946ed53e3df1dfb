"""Processing (giải quyết): transfer to the handling unit, assignment, the supplement
request (Mẫu 02) and its receipt, refusal (Mẫu 03), stop (Mẫu 05), the result and its
return. Each step checks the actor over the dossier's scope, then runs in one write
transaction (case event, audit entry, rollups, the numbered form)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from thanthien.core.access import Scope
from thanthien.core.errors import IllegalTransition, ValidationError
from thanthien.core.models import PersonRow, UnitRow
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_datetime
from thanthien.core.types import Actor, PersonRef

from ..casetypes import REQUEST_SUPPLEMENT, REQUEST_SUPPLEMENT_RUNNING
from ..models import ApologyRow, DossierRow, ProcedureRow
from ..types import CHANNELS, DOSSIER_OWNER, P_ASSIGN, P_PROCESS, P_RECEIVE, Dossier
from .catalogue import get_procedure
from .common import appointment, dossier_row, get_dossier, issue_form, to_dossier
from .rollups import bump
from .scope import require

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

TRANSFER_ASSIGN_NOTE = "Phân công giải quyết khi chuyển xử lý"


def _checked(core: CoreServices, code: str | int, actor: Actor, permission: str):
    row, case = dossier_row(code)
    dossier = to_dossier(row, case)
    require(core, actor, permission, dossier)
    return row, case, dossier


def _assignment_errors(core: CoreServices, unit_id: int | None, handler_id: int | None) -> list[tuple[str, str]]:
    """A unit that exists; an officer who may process a dossier of the unit it lands in
    (the named unit, else the officer's own): the same test as :func:`handlers` lists."""
    errors: list[tuple[str, str]] = []
    if unit_id and not UnitRow.get_or_none(UnitRow.id == unit_id):
        errors.append(("unit_id", "Đơn vị giải quyết không tồn tại."))
        return errors
    if handler_id:
        core.access.check_assignee(
            handler_id, P_PROCESS, lambda p: _handler_scope(unit_id or p.unit_id), field="handler_id", errors=errors,
            message="Công chức được chọn không có thẩm quyền giải quyết hồ sơ của đơn vị này.")
    return errors


def _handler_scope(unit_id: int | None) -> Scope:
    return Scope(unit_id=unit_id, owner=DOSSIER_OWNER)


def _assign_data(unit_id: int | None, handler_id: int | None) -> dict[str, Any]:
    data = {}
    if unit_id:
        data["to_unit"] = UnitRow.get_by_id(unit_id).name
    if handler_id:
        data["to_person"] = PersonRow.get_by_id(handler_id).full_name
    return data


def _handler_unit(handler_id: int | None) -> int | None:
    """The unit of the officer a dossier is handed to (the dossier follows him or her)."""
    person = PersonRow.get_or_none(PersonRow.id == handler_id) if handler_id else None
    return person.unit_id if person is not None and person.is_staff else None


def _move(core: CoreServices, case_id: int, row: DossierRow, unit_id: int | None, handler_id: int | None,
          actor: Actor, note: str) -> None:
    """Record the handling unit (the dossier's scope moves with it) and officer."""
    moved = unit_id is not None and unit_id != row.handling_unit_id
    if moved or handler_id:
        core.cases.update(case_id, actor=actor, owner_id=handler_id, unit_id=unit_id if moved else None,
                          data=_assign_data(unit_id if moved else None, handler_id), note=note)
    changes: dict[str, Any] = {}
    if moved:
        changes["handling_unit"] = unit_id
    if handler_id:
        changes["handler"] = handler_id
    if changes:
        DossierRow.update(**changes).where(DossierRow.id == row.id).execute()


def transfer(core: CoreServices, code: str | int, *, actor: Actor, unit_id: int | None = None,
             handler_id: int | None = None, note: str = "", at: dt.datetime | None = None) -> Dossier:
    """Hand the dossier to the handling unit and officer (a Mẫu 06 step). Handed to an
    officer without naming a unit, it moves to the officer's unit (its scope follows)."""
    row, case, dossier = _checked(core, code, actor, P_RECEIVE)
    errors = _assignment_errors(core, unit_id, handler_id)
    if errors:
        raise ValidationError(errors)
    unit_id = unit_id or _handler_unit(handler_id)
    if unit_id and unit_id != row.handling_unit_id:
        core.access.require(actor, P_RECEIVE, Scope(unit_id=unit_id, owner=DOSSIER_OWNER))
    with write_transaction():
        data = _assign_data(unit_id or row.handling_unit_id, handler_id)
        core.cases.transition(case.id, "transfer", actor=actor, note=note, data=data, at=at)
        _move(core, case.id, row, unit_id, handler_id, actor, TRANSFER_ASSIGN_NOTE)
    return get_dossier(case.id)


def assign(core: CoreServices, code: str | int, *, actor: Actor, unit_id: int | None = None,
           handler_id: int | None = None, note: str = "") -> Dossier:
    """Re-assign the handling unit or officer of an open dossier (recorded as a step): the
    one-stop centre or the head of the handling unit (``motcua.assign`` over the dossier,
    and over the new unit when it moves)."""
    row, case, dossier = _checked(core, code, actor, P_ASSIGN)
    errors = _assignment_errors(core, unit_id, handler_id)
    if not unit_id and not handler_id:
        errors.append(("handler_id", "Vui lòng chọn đơn vị hoặc công chức giải quyết."))
    if case.closed_at is not None:
        raise IllegalTransition(f"Hồ sơ {row.code} đã kết thúc.")
    if errors:
        raise ValidationError(errors)
    unit_id = unit_id or _handler_unit(handler_id)
    if unit_id and unit_id != row.handling_unit_id:
        core.access.require(actor, P_ASSIGN, Scope(unit_id=unit_id, owner=DOSSIER_OWNER),
                            message="Bạn không có quyền giao hồ sơ cho đơn vị này.")
    with write_transaction():
        _move(core, case.id, row, unit_id, handler_id, actor, note or "Phân công giải quyết")
    return get_dossier(case.id)


def supplement_pauses(core: CoreServices, on: dt.date) -> bool:
    """R-MC-14: does a supplement request pause the clock on ``on``?"""
    return bool(core.rules.value("R-MC-14.supplement_pauses_clock", on))


def request_supplement(core: CoreServices, code: str | int, *, items: list[dict[str, Any]], guide_officer: str = "",
                       actor: Actor, at: dt.datetime | None = None) -> Dossier:
    """Mẫu 02: everything missing, at once (R-MC-06, R-MC-13), one row per document —
    ``{"document": <catalogue code or what to complete>, "reason": …}`` (older keys
    ``code``/``what`` accepted). The clock pauses while R-MC-14 says so."""
    row, case, dossier = _checked(core, code, actor, P_PROCESS)
    proc = get_procedure(row.procedure_code)
    errors, lines = [], []
    for i, item in enumerate(items or ()):
        item = item or {}
        named = str(item.get("document") or item.get("code") or item.get("what") or "").strip()
        spec = proc.document(named.upper()) if named else None
        reason = str(item.get("reason") or "").strip()
        if not named:
            errors.append((f"items[{i}]", "Ghi rõ giấy tờ cần bổ sung (theo danh mục) hoặc nội dung cần hoàn thiện."))
        elif not reason:
            errors.append((f"items[{i}]", "Ghi rõ lý do cần bổ sung, hoàn thiện."))
        else:
            lines.append({"what": spec.name if spec else named, "reason": reason})
    if not lines and not errors:
        errors.append(("items", "Phiếu yêu cầu bổ sung phải liệt kê đầy đủ, một lần, mọi nội dung cần bổ sung."))
    if errors:
        raise ValidationError(errors)
    guide = guide_officer.strip() or actor.name
    when = at or now()
    name = REQUEST_SUPPLEMENT if supplement_pauses(core, when.date()) else REQUEST_SUPPLEMENT_RUNNING  # R-MC-14
    with write_transaction():
        note = "; ".join(f"{x['what']} ({x['reason']})" for x in lines)
        core.cases.transition(case.id, name, actor=actor, note=note, data={"supplement_items": lines}, at=when)
        issue_form(core, "motcua_supplement", row, case.id, case.unit_id, actor,
                   subject=f"Yêu cầu bổ sung, hoàn thiện hồ sơ {row.code}", issued_on=when.date(),
                   context={"code": row.code, "procedure": row.procedure_name, "applicant": row.applicant_name,
                            "received": format_datetime(row.received_at),
                            "items": [[str(i + 1), x["what"], x["reason"]] for i, x in enumerate(lines)],
                            "guide": guide})
    return get_dossier(case.id)


def receive_supplement(core: CoreServices, code: str | int, *, actor: Actor, at: dt.datetime | None = None,
                       note: str = "") -> Dossier:
    """The applicant brought the documents: the clock resumes with the time left (R-MC-14)."""
    row, case, dossier = _checked(core, code, actor, P_RECEIVE)
    with write_transaction():
        after = core.cases.transition(case.id, "supplemented", actor=actor, at=at,
                                      note=note or "Đã nhận đủ hồ sơ bổ sung")
        # The supplement time does not count: the appointment moves with the clock.
        DossierRow.update(original_due=after.due_date, appointment_at=appointment(core, after.due_date)).where(
            DossierRow.id == row.id).execute()
    return get_dossier(case.id)


def refuse(core: CoreServices, code: str | int, *, reason: str, actor: Actor,
           at: dt.datetime | None = None) -> Dossier:
    """Mẫu 03: refusal with its reason (R-MC-07)."""
    return _close_with_form(core, code, "refuse", "motcua_refusal", reason, actor, at,
                            subject="Từ chối tiếp nhận, giải quyết hồ sơ")


def stop(core: CoreServices, code: str | int, *, reason: str, actor: Actor, at: dt.datetime | None = None) -> Dossier:
    """Mẫu 05: stop notice, e.g. at the applicant's request."""
    return _close_with_form(core, code, "stop", "motcua_stop", reason, actor, at, subject="Dừng giải quyết hồ sơ")


def _close_with_form(core: CoreServices, code: str | int, transition: str, doc_type: str, reason: str,
                     actor: Actor, at: dt.datetime | None, *, subject: str) -> Dossier:
    row, case, dossier = _checked(core, code, actor, P_PROCESS)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError([("reason", "Vui lòng ghi rõ lý do.")])
    when = at or now()
    with write_transaction():
        core.cases.transition(case.id, transition, actor=actor, note=reason, at=when, outcome=transition)
        bump(when, row.procedure_code, "refused" if transition == "refuse" else "stopped")
        issue_form(core, doc_type, row, case.id, case.unit_id, actor, subject=f"{subject} {row.code}",
                   issued_on=when.date(),
                   context={"code": row.code, "procedure": row.procedure_name, "applicant": row.applicant_name,
                            "received": format_datetime(row.received_at), "reason": reason})
    return get_dossier(case.id)


def mark_result_ready(core: CoreServices, code: str | int, *, actor: Actor, at: dt.datetime | None = None,
                      note: str = "") -> Dossier:
    """The handling unit has the result and hands it back to the centre."""
    row, case, dossier = _checked(core, code, actor, P_PROCESS)
    when = at or now()
    with write_transaction():
        core.cases.transition(case.id, "result_ready", actor=actor, at=when,
                              note=note or "Chuyển kết quả về Bộ phận Một cửa")
        DossierRow.update(result_ready_at=when).where(DossierRow.id == row.id).execute()
    return get_dossier(case.id)


def return_result(core: CoreServices, code: str | int, *, actor: Actor, delivery: str | None = None,
                  postal_tracking: str = "", at: dt.datetime | None = None) -> Dossier:
    """Return the result at the counter, by public postal service (with tracking number) or
    online; classify it early / on time / late against the appointment, and announce
    life events.

    R-MC-15/16: a late return is apologised only by a Mẫu 04 signed in time (at the
    latest the working day before the due date) and a return by its new date; a late
    return with no apology, an apology signed too late, or a return after the new date
    is a breach — recorded in the register (Mẫu 07) and the indicators."""
    row, case, dossier = _checked(core, code, actor, P_RECEIVE)
    delivery = delivery or row.delivery
    tracking = (postal_tracking or "").strip()
    errors = []
    if delivery not in CHANNELS:
        errors.append(("delivery", "Hình thức trả kết quả không hợp lệ."))
    elif delivery == "postal" and not tracking:
        errors.append(("postal_tracking", "Trả qua bưu chính công ích phải ghi số hiệu bưu gửi."))
    if errors:
        raise ValidationError(errors)
    when = at or now()
    timely_apology = (ApologyRow.select().where(ApologyRow.dossier == row.id, ApologyRow.state == "signed",
                                                ApologyRow.timely == True)  # noqa: E712 - R-MC-15
                      .order_by(ApologyRow.id.desc()).first())
    with write_transaction():
        after = core.cases.transition(
            case.id, "return_result", actor=actor, at=when, outcome="returned",
            note=CHANNELS[delivery] + (f", số hiệu bưu gửi {tracking}" if tracking else ""),
            data={"delivery": delivery, "postal_tracking": tracking},
        )
        day = when.date()
        timeliness = "early" if day < row.original_due else "on_time" if day == row.original_due else "late"
        breach = timeliness == "late" and (timely_apology is None or day > after.due_date)  # R-MC-15, R-MC-16
        working = core.calendar.working_days_between(row.received_at.date(), day)
        DossierRow.update(returned_at=when, delivery=delivery, postal_tracking=tracking, processing_days=working,
                          timeliness=timeliness, breach=breach).where(DossierRow.id == row.id).execute()
        bump(when, row.procedure_code, f"returned_{timeliness}")
        if timeliness == "late" and not breach:
            bump(when, row.procedure_code, "late_apologised")
        if breach:
            bump(when, row.procedure_code, "breach")
        bump(when, row.procedure_code, "processing_working_days", working)
        proc_row = ProcedureRow.get_or_none(ProcedureRow.code == row.procedure_code)
        if proc_row is not None and proc_row.life_event:
            people = [PersonRef(None, p["full_name"], p.get("role", "")) for p in row.concerned] or \
                [PersonRef(case.applicant_id, row.applicant_name, "người yêu cầu")]
            core.pm.hook.life_event_recorded(kind=proc_row.life_event, people=people, case=after, core=core,
                                             services=core)
    return get_dossier(case.id)


def handlers(core: CoreServices) -> list[tuple[int, str]]:
    """Officers a dossier can be handed to: those who may process (``motcua.process``) a
    dossier of their own unit, where the dossier follows them — (person id, "name — position")."""
    return core.access.assignee_choices(P_PROCESS, lambda p: _handler_scope(p.unit_id))
