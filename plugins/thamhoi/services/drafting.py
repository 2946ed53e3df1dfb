"""Drafting letters: by a civil-status event or a late TTHC result (inside that event's
transaction), by staff (thank-you letters, apologies for the government's mistakes),
and correcting a draft before it is signed."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs
from thanthien.core import audit
from thanthien.core.access import Scope
from thanthien.core.errors import IllegalTransition, NotFound, ValidationError
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import SYSTEM_ACTOR, Actor, Case, PersonRef

from ..models import LetterRow
from ..types import CONTRIBUTOR_KINDS, EVENTS, LETTER_OWNER, LIFE_EVENTS, P_MANAGE, Letter
from .common import LETTER_COUNTS, base_context, config, count_key, letter_scope, office_unit_id
from .queries import get_letter
from .templates import render_body, template_for

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: the longest personal note added to a draft
NOTE_MAX = 2000


def draft(core: CoreServices, *, event: str, addressee: str, subject: str, context: dict[str, Any],
          case_id: int | None = None, occasion: str = "", occasion_date: dt.date | None = None,
          unit_id: int | None = None, actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None) -> Letter:
    """Draft a letter for ``event`` with the wording chosen by ``letter_for_event``.

    The letter belongs to ``unit_id`` (default: the office unit). Joins the caller's
    transaction: a letter drafted by an event is stored with the event or not at all.
    Nothing is stored when the template cannot render.
    """
    unit_id = unit_id if unit_id is not None else office_unit_id(core)
    core.access.require(actor, P_MANAGE, Scope(unit_id=unit_id, owner=LETTER_OWNER))
    addressee = (addressee or "").strip()
    subject = (subject or "").strip()
    errors = []
    if event not in EVENTS:
        errors.append(("event", f"Sự kiện không hợp lệ: “{event}”."))
    if not subject:
        errors.append(("subject", "Trích yếu của thư không được để trống."))
    elif len(subject) > LetterRow.subject.max_length:
        errors.append(("subject", f"Trích yếu dài quá {LetterRow.subject.max_length} ký tự."))
    if len(addressee) > LetterRow.addressee.max_length:
        errors.append(("addressee", f"Người nhận dài quá {LetterRow.addressee.max_length} ký tự."))
    if errors:
        raise ValidationError(errors)
    full = {**base_context(core), **context}
    tpl = template_for(core, event, {**full, "addressee": addressee, "case_id": case_id})
    kind = EVENTS[event]
    letter = Letter(0, kind, event, "draft", addressee, subject, tpl.key, tpl.plugin, tpl.template, full,
                    at or now(), case_id, occasion, occasion_date, unit_id=unit_id)
    render_body(core, letter)  # a template that cannot render fails here, before anything is stored
    with write_transaction():
        row = LetterRow.create(kind=kind, event=event, addressee=addressee, subject=subject, template_key=tpl.key,
                               template_plugin=tpl.plugin, template_path=tpl.template, context=full, case=case_id,
                               occasion=occasion, occasion_date=occasion_date, drafted_at=letter.drafted_at,
                               drafted_by=actor.person_id, unit_id=unit_id)
        LETTER_COUNTS.add(count_key(letter))
        audit.record("thamhoi.letter.draft", "thamhoi_letter", row.id, actor=actor,
                     after={"kind": kind, "event": event, "subject": subject, "case_id": case_id,
                            "unit_id": unit_id, "template": f"{tpl.plugin}:{tpl.key}"})
    return get_letter(row.id)


def _exists(case_id: int, event: str) -> bool:
    return LetterRow.select().where(LetterRow.case == case_id, LetterRow.event == event).exists()


def _names(people: Iterable[PersonRef]) -> list[str]:
    return [p.full_name.strip() for p in people or () if p and (p.full_name or "").strip()]


def on_life_event(core: CoreServices, kind: str, people: list[PersonRef], case: Case | None) -> Letter | None:
    """A birth or marriage drafts a congratulation letter, a death a condolence letter
    (plan III.1.6). Called from ``life_event_recorded`` inside the registration's transaction;
    the letter belongs to the registering case's unit."""
    event = LIFE_EVENTS.get(kind)
    if event is None or not _names(people):
        return None
    if case is not None and _exists(case.id, event):
        return None
    when = case.closed_at if case is not None and case.closed_at else now()
    unit_id = case.unit_id if case is not None and case.unit_id is not None else None
    return draft(core, **life_letter(event, people, when.date(), case), unit_id=unit_id, at=when)


def life_letter(event: str, people: list[PersonRef], registered: dt.date, case: Case | None = None) -> dict[str, Any]:
    """Addressee, subject and context of the letter a civil-status registration drafts."""
    names = _names(people)
    ctx: dict[str, Any] = {"registered_on": format_date(registered), "people": names}
    if event == "birth_registered":
        ctx.update(child_name=names[0], family_name=names[0])
        addressee = f"Gia đình cháu {names[0]}"
        subject = "Chúc mừng gia đình đón thành viên mới"
    elif event == "marriage_registered":
        ctx.update(spouses=names[:2])
        addressee = " và ".join(f"Anh (chị) {n}" for n in names[:2])
        subject = "Chúc mừng hạnh phúc"
    else:
        ctx.update(deceased_name=names[0], family_name=f"ông (bà) {names[0]}", death_date="")
        addressee = f"Gia đình ông (bà) {names[0]}"
        subject = "Chia buồn cùng gia đình"
    if case is not None:
        ctx["case_number"] = case.number
    return {"event": event, "addressee": addressee, "subject": subject, "context": ctx,
            "case_id": case.id if case is not None else None}


def on_case_closed(core: CoreServices, case: Case) -> Letter | None:
    """A TTHC result returned late drafts an apology letter (plan III.1.6, beyond the
    statutory Mẫu 04 of R-MC-15); an on-time or early one drafts nothing. Confidential
    cases never get a letter (their parties are not to be named)."""
    if case.case_type not in config(core).apology_case_types or case.confidential:
        return None
    if case.timeliness() != "late" or _exists(case.id, "late_result"):
        return None
    addressee = ""
    if case.applicant_id is not None:
        from thanthien.core.people import get_person

        try:
            addressee = f"Ông (bà) {get_person(case.applicant_id).full_name}"
        except NotFound:
            addressee = ""
    ctx = {"case_number": case.number, "procedure": case.subject,
           "received_on": format_date(case.received_at.date()), "due_date": format_date(case.due_date),
           "returned_on": format_date(case.closed_at.date() if case.closed_at else None)}
    return draft(core, event="late_result", addressee=addressee,
                 subject=f"Xin lỗi vì trả kết quả hồ sơ {case.number} quá hạn", context=ctx, case_id=case.id,
                 unit_id=case.unit_id, at=case.closed_at)


def draft_thank_you(core: CoreServices, *, addressee: str, contributor_kind: str, contribution: str,
                    actor: Actor, at: dt.datetime | None = None) -> Letter:
    """A thank-you letter to a resident, organisation or business who contributed (plan III.1.6)."""
    contribution = (contribution or "").strip()
    errors = []
    if not (addressee or "").strip():
        errors.append(("addressee", "Vui lòng ghi người, tổ chức hoặc doanh nghiệp nhận thư."))
    if contributor_kind not in CONTRIBUTOR_KINDS:
        errors.append(("contributor_kind", "Vui lòng chọn người dân, tổ chức hoặc doanh nghiệp."))
    if not contribution:
        errors.append(("contribution", "Vui lòng ghi nội dung đóng góp."))
    if errors:
        raise ValidationError(errors)
    return draft(core, event="contribution", addressee=addressee, actor=actor, at=at,
                 subject="Cảm ơn đóng góp xây dựng chính quyền và cộng đồng dân cư",
                 context={"contributor_kind": contributor_kind, "contribution": contribution})


def draft_mistake_apology(core: CoreServices, *, addressee: str, mistake: str, remedy: str, actor: Actor,
                          at: dt.datetime | None = None) -> Letter:
    """R-MC-17: the government apologises for a mistake affecting people and says how it
    is put right (plan III.1.6: "những hoạt động sai sót của chính quyền")."""
    mistake, remedy = (mistake or "").strip(), (remedy or "").strip()
    errors = []
    if not (addressee or "").strip():
        errors.append(("addressee", "Vui lòng ghi người, tổ chức hoặc doanh nghiệp nhận thư."))
    if not mistake:
        errors.append(("mistake", "Vui lòng nêu sai sót của chính quyền."))
    if not remedy:
        errors.append(("remedy", "Vui lòng nêu việc khắc phục, sửa sai (R-MC-17)."))
    if errors:
        raise ValidationError(errors)
    return draft(core, event="government_mistake", addressee=addressee, actor=actor, at=at,
                 subject="Xin lỗi về sai sót trong giải quyết công việc", context={"mistake": mistake, "remedy": remedy})


def edit_draft(core: CoreServices, letter_id: int, *, addressee: str, note: str = "", actor: Actor) -> Letter:
    """Correct the addressee and add a personal sentence before signing."""
    letter = get_letter(letter_id)
    core.access.require(actor, P_MANAGE, letter_scope(letter))
    if letter.state != "draft":
        raise IllegalTransition("Chỉ sửa được thư đang là dự thảo.")
    addressee = (addressee or "").strip()
    note = (note or "").strip()
    errors = []
    if not addressee:
        errors.append(("addressee", "Vui lòng ghi người nhận thư."))
    elif len(addressee) > LetterRow.addressee.max_length:
        errors.append(("addressee", f"Người nhận dài quá {LetterRow.addressee.max_length} ký tự."))
    if len(note) > NOTE_MAX:
        errors.append(("note", f"Lời nhắn thêm dài quá {NOTE_MAX} ký tự."))
    if errors:
        raise ValidationError(errors)
    context = {**letter.context, "note": note}
    render_body(core, attrs.evolve(letter, addressee=addressee, context=context))
    with write_transaction():
        LetterRow.update(addressee=addressee, context=context).where(LetterRow.id == letter_id).execute()
        audit.record("thamhoi.letter.edit", "thamhoi_letter", letter_id, actor=actor,
                     before={"addressee": letter.addressee, "note": letter.context.get("note", "")},
                     after={"addressee": addressee, "note": note})
    return get_letter(letter_id)
