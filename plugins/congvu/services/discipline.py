"""The register of breaches of internal rules and of disciplinary decisions (plan III.1.4:
every year, 0 staff disciplined and 0 breaches — alcohol before or during working hours,
unexplained absence from the office …). Read by leaders over the person's unit and by the
person concerned; recorded by the UBND's leaders. Nothing is deleted."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.errors import IllegalTransition, NotFound, ValidationError
from thanthien.core.models import PersonRow
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.types import Actor

from ..models import BreachRow, DisciplineRow
from ..types import (
    BREACH_KINDS,
    BREACH_OWNER,
    DISCIPLINE_FORMS,
    DISCIPLINE_OWNER,
    P_CONDUCT,
    P_CONDUCT_MANAGE,
    Breach,
    Discipline,
    Upload,
)
from .common import check_files, files_of, get_staff, staff_scope, store_files
from .conduct import visible_staff

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def _names(ids) -> dict[int, str]:
    ids = sorted({i for i in ids if i is not None})
    return {p.id: p.full_name for p in PersonRow.select(PersonRow.id, PersonRow.full_name)
            .where(PersonRow.id.in_(ids or [-1]))}


def _breaches(rows: list[BreachRow]) -> list[Breach]:
    names = _names([r.person_id for r in rows] + [r.recorded_by_id for r in rows])
    return [Breach(r.id, r.person_id, names.get(r.person_id, ""), r.kind, r.occurred_on, r.description, r.evidence,
                   r.state, r.recorded_at, names.get(r.recorded_by_id, ""), r.handling, r.handled_at,
                   r.discipline_id, files_of(BREACH_OWNER, r.id)) for r in rows]


def _disciplines(rows: list[DisciplineRow]) -> list[Discipline]:
    names = _names([r.person_id for r in rows])
    out = []
    for r in rows:
        breach_ids = tuple(b.id for b in BreachRow.select(BreachRow.id).where(BreachRow.discipline == r.id))
        out.append(Discipline(r.id, r.person_id, names.get(r.person_id, ""), r.form, r.decided_on, r.document_ref,
                              r.reason, r.recorded_at, r.document_id, breach_ids, files_of(DISCIPLINE_OWNER, r.id)))
    return out


def _staff_for(person_id: int | None, errors: list[tuple[str, str]]) -> PersonRow | None:
    if person_id is None:
        errors.append(("person_id", "Vui lòng chọn cán bộ, công chức."))
        return None
    try:
        return get_staff(person_id)
    except NotFound as exc:
        errors.append(("person_id", exc.message))
        return None


def record_breach(core: CoreServices, *, person_id: int | None, kind: str, occurred_on: dt.date | None,
                  description: str, evidence: str = "", files: Iterable[Upload] = (), actor: Actor,
                  at: dt.datetime | None = None) -> Breach:
    """Record a breach with its evidence (a description and/or checked files)."""
    errors: list[tuple[str, str]] = []
    person = _staff_for(person_id, errors)
    if person is not None:
        core.access.require(actor, P_CONDUCT_MANAGE, staff_scope(person))
    when = at or now()
    if kind not in BREACH_KINDS:
        errors.append(("kind", "Vui lòng chọn loại vi phạm."))
    if occurred_on is None:
        errors.append(("occurred_on", "Vui lòng nhập ngày vi phạm (dd/mm/yyyy)."))
    elif occurred_on > when.date():
        errors.append(("occurred_on", "Ngày vi phạm không được sau hôm nay."))
    description, evidence = (description or "").strip(), (evidence or "").strip()
    if not description:
        errors.append(("description", "Vui lòng mô tả hành vi vi phạm."))
    checked = check_files(core, files, "files", errors)
    if not evidence and not checked and not any(f == "files" for f, _ in errors):
        errors.append(("evidence", "Vui lòng ghi chứng cứ (biên bản, người chứng kiến…) hoặc đính kèm tệp."))
    if errors:
        raise ValidationError(errors)
    assert person is not None
    with write_transaction():
        row = BreachRow.create(person=person.id, kind=kind, occurred_on=occurred_on, description=description,
                               evidence=evidence, recorded_at=when, recorded_by=actor.person_id)
        store_files(checked, BREACH_OWNER, row.id, actor)
        audit.record("congvu.breach.record", "congvu_breach", row.id, actor=actor,
                     after={"person": person.id, "kind": kind, "occurred_on": occurred_on,
                            "files": [n for n, _, _ in checked]})
    return get_breach(row.id)


def get_breach(breach_id: int) -> Breach:
    row = BreachRow.get_or_none(BreachRow.id == breach_id)
    if row is None:
        raise NotFound(f"Không tìm thấy vi phạm số {breach_id}.")
    return _breaches([row])[0]


def view_breach(core: CoreServices, breach_id: int, *, actor: Actor | None) -> Breach:
    breach = get_breach(breach_id)
    core.access.require(actor, P_CONDUCT, staff_scope(get_staff(breach.person_id)))
    return breach


def handle_breach(core: CoreServices, breach_id: int, *, handling: str, actor: Actor,
                  at: dt.datetime | None = None) -> Breach:
    """Record how a breach was handled (nhắc nhở, kiểm điểm, đề nghị kỷ luật …)."""
    breach = get_breach(breach_id)
    core.access.require(actor, P_CONDUCT_MANAGE, staff_scope(get_staff(breach.person_id)))
    handling = (handling or "").strip()
    if breach.state == "handled":
        raise IllegalTransition("Vi phạm này đã được xử lý.")
    if not handling:
        raise ValidationError([("handling", "Vui lòng ghi hình thức, kết quả xử lý.")])
    with write_transaction():
        BreachRow.update(state="handled", handling=handling, handled_at=at or now(),
                         handled_by=actor.person_id).where(BreachRow.id == breach_id).execute()
        audit.record("congvu.breach.handle", "congvu_breach", breach_id, actor=actor,
                     before={"state": "recorded"}, after={"state": "handled", "handling": handling})
    return get_breach(breach_id)


def breaches(core: CoreServices, *, actor: Actor | None, person_id: int | None = None, year: int | None = None,
             limit: int = 100, offset: int = 0) -> list[Breach]:
    q = BreachRow.select()
    cond = visible_staff(core, actor, BreachRow.person)
    if cond is not None:
        q = q.where(cond)
    if person_id is not None:
        q = q.where(BreachRow.person == person_id)
    if year:
        q = q.where(BreachRow.occurred_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return _breaches(list(q.order_by(BreachRow.occurred_on.desc(), BreachRow.id.desc()).limit(limit).offset(offset)))


def record_discipline(core: CoreServices, *, person_id: int | None, form: str, decided_on: dt.date | None,
                      document_ref: str, reason: str, document_id: int | None = None,
                      files: Iterable[Upload] = (), breach_ids: Iterable[int] = (), actor: Actor,
                      at: dt.datetime | None = None) -> Discipline:
    """Record a disciplinary decision with its document (the register's number and symbol,
    and the issued document or its scan); the breaches it settles are marked handled."""
    errors: list[tuple[str, str]] = []
    person = _staff_for(person_id, errors)
    if person is not None:
        core.access.require(actor, P_CONDUCT_MANAGE, staff_scope(person))
    if form not in DISCIPLINE_FORMS:
        errors.append(("form", "Vui lòng chọn hình thức kỷ luật."))
    when = at or now()
    if decided_on is None:
        errors.append(("decided_on", "Vui lòng nhập ngày quyết định (dd/mm/yyyy)."))
    elif decided_on > when.date():
        errors.append(("decided_on", "Ngày quyết định không được sau hôm nay."))
    document_ref, reason = (document_ref or "").strip(), (reason or "").strip()
    if not document_ref:
        errors.append(("document_ref", "Vui lòng ghi số, ký hiệu quyết định kỷ luật."))
    if not reason:
        errors.append(("reason", "Vui lòng ghi lý do kỷ luật."))
    if document_id is not None:
        try:
            core.documents.get(document_id)
        except NotFound as exc:
            errors.append(("document_id", exc.message))
    checked = check_files(core, files, "files", errors)
    if document_id is None and not checked and not any(f == "files" for f, _ in errors):
        errors.append(("document", "Vui lòng đính kèm bản quyết định (tệp PDF, ảnh) hoặc chọn văn bản đã ban hành."))
    settled = []
    for bid in dict.fromkeys(breach_ids):
        b = BreachRow.get_or_none(BreachRow.id == bid)
        if b is None or (person is not None and b.person_id != person.id):
            errors.append(("breach_ids", f"Vi phạm số {bid} không phải của cán bộ này."))
        else:
            settled.append(b)
    if errors:
        raise ValidationError(errors)
    assert person is not None
    with write_transaction():
        row = DisciplineRow.create(person=person.id, form=form, decided_on=decided_on, document_ref=document_ref[:64],
                                   document=document_id, reason=reason, recorded_at=when, recorded_by=actor.person_id)
        store_files(checked, DISCIPLINE_OWNER, row.id, actor)
        text = f"Kỷ luật {DISCIPLINE_FORMS[form].lower()} theo Quyết định số {document_ref}."
        for b in settled:
            BreachRow.update(discipline=row.id, state="handled", handling=b.handling or text,
                             handled_at=b.handled_at or when, handled_by=b.handled_by_id or actor.person_id).where(
                BreachRow.id == b.id).execute()
        audit.record("congvu.discipline.record", "congvu_discipline", row.id, actor=actor,
                     after={"person": person.id, "form": form, "decided_on": decided_on, "document_ref": document_ref,
                            "document": document_id, "breaches": [b.id for b in settled]})
    return get_discipline(row.id)


def get_discipline(discipline_id: int) -> Discipline:
    row = DisciplineRow.get_or_none(DisciplineRow.id == discipline_id)
    if row is None:
        raise NotFound(f"Không tìm thấy quyết định kỷ luật số {discipline_id}.")
    return _disciplines([row])[0]


def disciplines(core: CoreServices, *, actor: Actor | None, person_id: int | None = None, year: int | None = None,
                limit: int = 100, offset: int = 0) -> list[Discipline]:
    q = DisciplineRow.select()
    cond = visible_staff(core, actor, DisciplineRow.person)
    if cond is not None:
        q = q.where(cond)
    if person_id is not None:
        q = q.where(DisciplineRow.person == person_id)
    if year:
        q = q.where(DisciplineRow.decided_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return _disciplines(list(q.order_by(DisciplineRow.decided_on.desc(), DisciplineRow.id.desc())
                             .limit(limit).offset(offset)))
