"""Lateness (R-MC-15, R-MC-16): dossiers due soon, the daily check drafting Mẫu 04, and
the signing of the apology and re-appointment by the head of the handling unit.

R-MC-15: Mẫu 04 is issued at the latest ``R-MC-15.min_working_days_before_deadline``
working days before the due date (:func:`apology_deadline`). One signed on or after that
day is still recorded — the re-appointment holds — but it is not timely, and the late
return it covers stays a breach (see :mod:`.processing`). R-MC-16: one re-appointment.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.errors import IllegalTransition, NotFound, ValidationError
from thanthien.core.models import CaseRow
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date, format_datetime
from thanthien.core.types import SYSTEM_ACTOR, Actor

from ..casetypes import DOSSIER
from ..models import ApologyRow, DossierRow
from ..types import P_PROCESS, P_SIGN, P_VIEW, Apology, Dossier
from .common import appointment, dossier_row, issue_form, to_dossier
from .scope import only_units, require, visible_units

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def _warning_days(core: CoreServices, on: dt.date) -> int:
    return int(core.rules.value("R-MC-15.min_working_days_before_deadline", on))  # R-MC-15


def apology_deadline(core: CoreServices, due: dt.date) -> dt.date:
    """The last day to issue Mẫu 04: N working days before the due date (R-MC-15)."""
    n = _warning_days(core, due)
    d = due
    while n > 0:
        d -= dt.timedelta(days=1)
        if core.calendar.is_working_day(d):
            n -= 1
    return d


def _due_query(core: CoreServices, today: dt.date, actor: Actor | None, limit: int, *columns):
    horizon = today
    for _ in range(_warning_days(core, today)):
        horizon = core.calendar.next_working_day(horizon)
    units = visible_units(core, actor, P_VIEW)
    q = (DossierRow.select(*columns).join(CaseRow)
         .where(CaseRow.closed_at.is_null(True), CaseRow.paused_at.is_null(True),
                CaseRow.case_type == DOSSIER.key, CaseRow.due_date <= horizon))
    return only_units(q, CaseRow.unit, units).order_by(CaseRow.due_date, CaseRow.id).limit(limit)


def due_soon(core: CoreServices, today: dt.date | None = None, *, actor: Actor | None = SYSTEM_ACTOR,
             limit: int = 500) -> list[Dossier]:
    """Unfinished dossiers due within R-MC-15's warning time (today included), and the
    overdue ones still open, of the units ``actor`` reaches; paused dossiers are not
    counting time."""
    today = today or now().date()
    return [to_dossier(r, r.case) for r in _due_query(core, today, actor, limit, DossierRow, CaseRow)]


def due_soon_lines(core: CoreServices, today: dt.date | None = None, *, actor: Actor | None = SYSTEM_ACTOR,
                   limit: int = 500) -> list[dict]:
    """The same dossiers as :func:`due_soon`, as the lines of a list (the desk, the
    dashboard): only the columns a line shows — code, procedure, state, due date,
    appointment, re-appointments — without the applicant's details or the documents, so
    a list of a few hundred costs its rows, not a few hundred whole dossiers (issue 16)."""
    today = today or now().date()
    q = _due_query(core, today, actor, limit, DossierRow.code, DossierRow.procedure_name, DossierRow.appointment_at,
                   DossierRow.reappointments, CaseRow.state, CaseRow.due_date)
    return [{"code": code, "procedure_name": name, "appointment_at": appointment_at, "reappointments": again,
             "state": state, "state_label": DOSSIER.state(state).label, "due_date": due}
            for code, name, appointment_at, again, state, due in q.tuples()]


def check_due(core: CoreServices, today: dt.date | None = None, *, actor: Actor = SYSTEM_ACTOR) -> dict[str, list]:
    """Daily check: draft Mẫu 04 for each dossier at risk (for the head of the handling
    unit to sign) and fire ``case_overdue`` for those newly late."""
    today = today or now().date()
    at_risk = due_soon(core, today, actor=actor, limit=100000)
    drafted = []
    for d in at_risk:
        if d.state not in ("processing", "received"):
            continue
        if ApologyRow.select().join(DossierRow).where(DossierRow.case == d.case_id).exists():
            continue
        if d.reappointments >= max_reappointments(core, d):
            continue
        drafted.append(draft_apology(core, d.case_id, actor=actor, reason="Hồ sơ có nguy cơ giải quyết quá hạn."))
    overdue = [c for c in core.cases.check_overdue(today) if c.case_type == DOSSIER.key]
    return {"due_soon": at_risk, "drafted": drafted, "overdue": overdue}


def max_reappointments(core: CoreServices, d: Dossier) -> int:
    return int(core.rules.value("R-MC-16.max_reappointments", d.received_at.date()))  # R-MC-16


def to_apology(row: ApologyRow) -> Apology:
    return Apology(row.id, row.dossier.case_id, row.dossier.code, row.state, row.previous_due, row.proposed_due,
                   row.reason, row.drafted_at, row.signed_at, row.timely, row.document_id)


def draft_apology(core: CoreServices, code: str | int, *, reason: str, proposed_due: dt.date | None = None,
                  actor: Actor) -> Apology:
    """Draft Mẫu 04 with a proposed new date (default: the procedure's own time again
    after the current due date, at least one working day)."""
    row, case = dossier_row(code)
    d = to_dossier(row, case)
    require(core, actor, P_PROCESS, d)
    if case.closed_at is not None:
        raise IllegalTransition(f"Hồ sơ {row.code} đã kết thúc.")
    if d.reappointments >= max_reappointments(core, d):  # R-MC-16
        raise IllegalTransition(f"Hồ sơ {row.code} đã được hẹn lại {d.reappointments} lần; "
                                f"chỉ được hẹn lại {max_reappointments(core, d)} lần.")
    if ApologyRow.select().where(ApologyRow.dossier == row.id, ApologyRow.state == "draft").exists():
        raise IllegalTransition(f"Hồ sơ {row.code} đã có dự thảo văn bản xin lỗi chờ ký.")
    if proposed_due is None:
        base = dt.datetime.combine(case.due_date, dt.time(0, 0))
        proposed_due = core.calendar.add_working_days(base, max(row.time_amount, 1), None)
    errors = _proposal_errors(core, case, proposed_due, reason)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        a = ApologyRow.create(dossier=row.id, previous_due=case.due_date, proposed_due=proposed_due,
                              reason=reason.strip(), drafted_at=now())
        audit.record("motcua.apology.draft", "motcua_apology", a.id, actor=actor,
                     after={"code": row.code, "proposed_due": proposed_due, "reason": reason.strip()})
    return to_apology(ApologyRow.get_by_id(a.id))


def _proposal_errors(core: CoreServices, case: CaseRow, proposed_due, reason) -> list[tuple[str, str]]:
    errors = []
    if not (reason or "").strip():
        errors.append(("reason", "Vui lòng ghi rõ lý do chậm giải quyết."))
    if not isinstance(proposed_due, dt.date) or proposed_due <= case.due_date:
        errors.append(("proposed_due", f"Ngày hẹn mới phải sau ngày hẹn hiện tại {format_date(case.due_date)}."))
    elif not core.calendar.is_working_day(proposed_due):
        errors.append(("proposed_due", f"Ngày hẹn mới {format_date(proposed_due)} không phải ngày làm việc."))
    return errors


def sign_apology(core: CoreServices, apology_id: int, *, signer_name: str, signer_title: str, actor: Actor,
                 proposed_due: dt.date | None = None, reason: str | None = None,
                 at: dt.datetime | None = None) -> Apology:
    """The head of the handling unit signs Mẫu 04: it is numbered and issued, and the
    dossier gets its one new appointment (R-MC-15, R-MC-16). Signed on or after the
    R-MC-15 day (``timely`` False) it is recorded all the same; a late return stays a breach."""
    a = ApologyRow.get_or_none(ApologyRow.id == apology_id)
    if a is None:
        raise NotFound(f"Không tìm thấy văn bản xin lỗi số {apology_id}.")
    row, case = dossier_row(a.dossier.case_id)
    d = to_dossier(row, case)
    require(core, actor, P_SIGN, d)
    if a.state != "draft":
        raise IllegalTransition("Văn bản xin lỗi này đã được ký.")
    if d.reappointments >= max_reappointments(core, d):  # R-MC-16
        raise IllegalTransition(f"Hồ sơ {row.code} đã được hẹn lại {d.reappointments} lần; "
                                f"chỉ được hẹn lại {max_reappointments(core, d)} lần.")
    proposed_due = proposed_due or a.proposed_due
    reason = (reason if reason is not None else a.reason).strip()
    errors = _proposal_errors(core, case, proposed_due, reason)
    if not (signer_name or "").strip():
        errors.append(("signer_name", "Thiếu họ tên người ký (thủ trưởng cơ quan giải quyết)."))
    if not (signer_title or "").strip():
        errors.append(("signer_title", "Thiếu chức vụ người ký."))
    if errors:
        raise ValidationError(errors)
    when = at or now()
    timely = when.date() <= apology_deadline(core, case.due_date)  # R-MC-15
    with write_transaction():
        after = core.cases.transition(case.id, "reappoint", actor=actor, at=when, note=reason,
                                      data={"reappointed_due": proposed_due.isoformat()})
        new_appointment = appointment(core, after.due_date)
        doc = issue_form(core, "motcua_apology", row, case.id, case.unit_id, actor,
                         subject=f"Xin lỗi và hẹn lại ngày trả kết quả hồ sơ {row.code}",
                         signer_name=signer_name, signer_title=signer_title, issued_on=when.date(),
                         recipients=["Ông/Bà " + row.applicant_name, "Bộ phận Một cửa"],
                         context={"code": row.code, "procedure": row.procedure_name, "applicant": row.applicant_name,
                                  "received": format_datetime(row.received_at),
                                  "previous": format_datetime(row.appointment_at),
                                  "new_appointment": format_datetime(new_appointment), "reason": reason})
        ApologyRow.update(state="signed", signed_at=when, signer_name=signer_name.strip(),
                          signer_title=signer_title.strip(), proposed_due=proposed_due, reason=reason,
                          timely=timely, document=doc.id).where(ApologyRow.id == a.id).execute()
        DossierRow.update(reappointments=DossierRow.reappointments + 1, appointment_at=new_appointment).where(
            DossierRow.id == row.id).execute()
        audit.record("motcua.apology.sign", "motcua_apology", a.id, actor=actor,
                     after={"code": row.code, "new_due": proposed_due, "timely": timely,
                            "document": doc.number_symbol})
    return to_apology(ApologyRow.get_by_id(a.id))


def apologies(core: CoreServices, state: str | None = None, *, actor: Actor | None = SYSTEM_ACTOR,
              limit: int = 200) -> list[Apology]:
    """Apologies (Mẫu 04) of the dossiers ``actor`` reaches, newest first."""
    units = visible_units(core, actor, P_VIEW)
    q = ApologyRow.select(ApologyRow, DossierRow).join(DossierRow).join(CaseRow)
    q = only_units(q, CaseRow.unit, units).order_by(ApologyRow.id.desc()).limit(limit)
    if state:
        q = q.where(ApologyRow.state == state)
    return [to_apology(r) for r in q]
