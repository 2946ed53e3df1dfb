"""Operations of the thamhoi module (thăm hỏi, chúc mừng, động viên — plan III.1.6).

The only code that writes ``thamhoi_*`` tables. A letter (thư) is drafted — by an event
(a birth, marriage or death registered at the one-stop centre, a TTHC result returned
late) or by staff (thank-you letters, apologies for the government's mistakes, the
Chủ tịch's holiday greetings) — then signed, which issues it through core's
:class:`~thanthien.core.documents.DocumentService` as a numbered *Thư công* in the
NĐ 30/2020 layout (R-VB-01, R-VB-11, R-VB-19, R-VB-24), then sent or handed over at a
ceremony or a visit. A holiday greeting is published as a core notice on the
loudspeaker, website and social-group channels: the only public output (R-DL-07).

The wording of each letter comes from a letter template: ``letter_for_event`` first (a
ward's plugin may choose per event), else the highest-priority template registered with
``register_letter_templates`` for the letter's key (:func:`thanthien.core.letters.letter_templates`).
The template chosen is recorded with the draft, so a draft keeps its wording.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs
from thanthien.core import audit
from thanthien.core.errors import (
    IllegalTransition,
    NotFound,
    ThanthienError,
    ValidationError,
)
from thanthien.core.letters import letter_templates
from thanthien.core.lunar import lunar_to_solar, lunar_year_name
from thanthien.core.notices import NoticeService
from thanthien.core.richtext import html_to_text
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import SYSTEM_ACTOR, Actor, Case, LetterTemplate, PersonRef

from .models import ActivityRow, LetterRow
from .types import (
    ACTIVITY_KINDS,
    CONTRIBUTOR_KINDS,
    EVENTS,
    GREETING_CHANNELS,
    LETTER_KINDS,
    LETTER_STATES,
    LIFE_EVENTS,
    OCCASIONS,
    SEND_METHODS,
    Activity,
    Letter,
    Occasion,
)

DOC_TYPE = "thamhoi_thu_cong"  # NĐ 30/2020 Art. 7: "thư công", a letter-kind document
NOTICE_CATEGORY = "khac"  # Art. 11 item 14 "Nội dung khác": the greeting is not an Art. 11 item

DEFAULTS: dict[str, Any] = {
    # the drafting unit on "Lưu: VT, VHXH." and in the number symbol (R-VB-10, R-VB-20);
    # Phòng Văn hóa - Xã hội leads the plan (plan IV.2)
    "drafting_unit": "VHXH",
    # case types whose late closing drafts an apology letter (plan III.1.6: TTHC results)
    "apology_case_types": ["motcua_dossier"],
    # how many days before a holiday its greeting is drafted by the daily check
    "greeting_lead_days": 15,
    # how many days after the holiday the published greeting stays on the notice board
    "greeting_days_after": 7,
    # where letters are handed over (plan III.1.6: "tại trụ sở UBND")
    "ceremony_place": "",
}




def config(settings) -> dict[str, Any]:
    """``[plugin.thamhoi]`` over the defaults."""
    cfg = {**DEFAULTS, **settings.for_plugin("thamhoi")}
    cfg["ceremony_place"] = cfg["ceremony_place"] or settings.ward.address or f"Trụ sở UBND {settings.ward.name}"
    return cfg


def _ward_lower(settings) -> str:
    name = settings.ward.name
    return name[:1].lower() + name[1:]


def _base_context(services) -> dict[str, Any]:
    ward = services.settings.ward
    return {"ward_name": _ward_lower(services.settings), "committee": "Ủy ban nhân dân " + _ward_lower(services.settings),
            "place_name": ward.place_name}


# ---------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------

def template_for(services, event: str, context: dict[str, Any]) -> LetterTemplate:
    """The wording of the letter for ``event``: ``letter_for_event`` (a ward's choice) first,
    else the highest-priority registered template of the event's letter kind."""
    if event not in EVENTS:
        raise ValidationError([("event", f"Sự kiện không hợp lệ: “{event}”.")])
    chosen = services.pm.hook.letter_for_event(event=event, context=context)
    if chosen is not None:
        return chosen
    tpl = letter_templates(services.pm, services.settings).get(EVENTS[event])
    if tpl is None:
        raise ThanthienError(f"Chưa có mẫu thư cho “{LETTER_KINDS[EVENTS[event]]}”.")
    return tpl


def render_body(services, letter: Letter) -> str:
    """The letter's wording as HTML (autoescaped template), as it will be printed."""
    template = services.documents.env.get_template(letter.template_path)
    return template.render({**letter.context, "addressee": letter.addressee, "subject": letter.subject}).strip()


def broadcast_texts(services, letter: Letter) -> dict[str, str]:
    """Plain text of a greeting for the loudspeaker script and for the residents' social groups."""
    body = html_to_text(render_body(services, letter))
    chair = letter.signer_name or "Chủ tịch UBND"
    ward = _ward_lower(services.settings)
    loudspeaker = (f"Kính thưa toàn thể Nhân dân {ward}!\n"
                   f"Sau đây, Đài truyền thanh {ward} xin trân trọng gửi tới quý vị và các bạn "
                   f"{letter.subject[:1].lower() + letter.subject[1:]} của Chủ tịch Ủy ban nhân dân {ward}.\n"
                   f"{body}\n{chair}")
    social = f"{letter.subject.upper()}\n\n{body}\n\n— {chair}, Chủ tịch UBND {ward}"
    return {"loudspeaker": loudspeaker, "social_group": social}


# ---------------------------------------------------------------------------
# Drafting
# ---------------------------------------------------------------------------

def _letter(row: LetterRow) -> Letter:
    return Letter(
        id=row.id, kind=row.kind, event=row.event, state=row.state, addressee=row.addressee, subject=row.subject,
        template_key=row.template_key, template_plugin=row.template_plugin, template_path=row.template_path,
        context=dict(row.context or {}), drafted_at=row.drafted_at, case_id=row.case_id, occasion=row.occasion,
        occasion_date=_date(row.occasion_date), document_id=row.document_id,
        number_symbol=_number_symbol(row), signed_at=row.signed_at, signer_name=row.signer_name,
        sent_at=row.sent_at, sent_method=row.sent_method, notice_id=row.notice_id, cancel_reason=row.cancel_reason,
    )


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _number_symbol(row: LetterRow) -> str:
    if row.document_id is None:
        return ""
    doc = row.document
    return f"{doc.number:02d}/{doc.symbol}"


def draft(services, *, event: str, addressee: str, subject: str, context: dict[str, Any],
          case_id: int | None = None, occasion: str = "", occasion_date: dt.date | None = None,
          actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None) -> Letter:
    """Draft a letter for ``event`` with the wording chosen by :func:`template_for`.

    Joins the caller's transaction: a letter drafted by an event is stored with the event
    or not at all. Nothing is stored when the template cannot render.
    """
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
    full = {**_base_context(services), **context}
    tpl = template_for(services, event, {**full, "addressee": addressee, "case_id": case_id})
    kind = EVENTS[event]
    letter = Letter(0, kind, event, "draft", addressee, subject, tpl.key, tpl.plugin, tpl.template, full,
                    at or now(), case_id, occasion, occasion_date)
    render_body(services, letter)  # a template that cannot render fails here, before anything is stored
    with write_transaction():
        row = LetterRow.create(kind=kind, event=event, addressee=addressee, subject=subject, template_key=tpl.key,
                               template_plugin=tpl.plugin, template_path=tpl.template, context=full, case=case_id,
                               occasion=occasion, occasion_date=occasion_date, drafted_at=letter.drafted_at,
                               drafted_by=actor.person_id)
        audit.record("thamhoi.letter.draft", "thamhoi_letter", row.id, actor=actor,
                     after={"kind": kind, "event": event, "subject": subject, "case_id": case_id,
                            "template": f"{tpl.plugin}:{tpl.key}"})
    return get_letter(row.id)


def _exists(case_id: int, event: str) -> bool:
    return LetterRow.select().where(LetterRow.case == case_id, LetterRow.event == event).exists()


def _names(people: Iterable[PersonRef]) -> list[str]:
    return [p.full_name.strip() for p in people or () if p and (p.full_name or "").strip()]


def on_life_event(services, kind: str, people: list[PersonRef], case: Case | None) -> Letter | None:
    """A birth or marriage drafts a congratulation letter, a death a condolence letter
    (plan III.1.6). Called from ``life_event_recorded`` inside the registration's transaction."""
    event = LIFE_EVENTS.get(kind)
    if event is None or not _names(people):
        return None
    if case is not None and _exists(case.id, event):
        return None
    when = case.closed_at if case is not None and case.closed_at else now()
    return draft(services, **life_letter(event, people, when.date(), case), at=when)


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


def on_case_closed(services, case: Case) -> Letter | None:
    """A TTHC result returned late drafts an apology letter (plan III.1.6, beyond the
    statutory Mẫu 04 of R-MC-15); an on-time or early one drafts nothing. Confidential
    cases never get a letter (their parties are not to be named)."""
    cfg = config(services.settings)
    if case.case_type not in cfg["apology_case_types"] or case.confidential:
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
    return draft(services, event="late_result", addressee=addressee,
                 subject=f"Xin lỗi vì trả kết quả hồ sơ {case.number} quá hạn", context=ctx, case_id=case.id,
                 at=case.closed_at)


def draft_thank_you(services, *, addressee: str, contributor_kind: str, contribution: str,
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
    return draft(services, event="contribution", addressee=addressee, actor=actor, at=at,
                 subject="Cảm ơn đóng góp xây dựng chính quyền và cộng đồng dân cư",
                 context={"contributor_kind": contributor_kind, "contribution": contribution})


def draft_mistake_apology(services, *, addressee: str, mistake: str, remedy: str, actor: Actor,
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
    return draft(services, event="government_mistake", addressee=addressee, actor=actor, at=at,
                 subject="Xin lỗi về sai sót trong giải quyết công việc", context={"mistake": mistake, "remedy": remedy})


def edit_draft(services, letter_id: int, *, addressee: str, note: str = "", actor: Actor) -> Letter:
    """Correct the addressee and add a personal sentence before signing."""
    letter = get_letter(letter_id)
    if letter.state != "draft":
        raise IllegalTransition("Chỉ sửa được thư đang là dự thảo.")
    addressee = (addressee or "").strip()
    note = (note or "").strip()
    errors = []
    if not addressee:
        errors.append(("addressee", "Vui lòng ghi người nhận thư."))
    elif len(addressee) > LetterRow.addressee.max_length:
        errors.append(("addressee", f"Người nhận dài quá {LetterRow.addressee.max_length} ký tự."))
    if len(note) > 2000:
        errors.append(("note", "Lời nhắn thêm dài quá 2000 ký tự."))
    if errors:
        raise ValidationError(errors)
    context = {**letter.context, "note": note}
    render_body(services, attrs.evolve(letter, addressee=addressee, context=context))
    with write_transaction():
        LetterRow.update(addressee=addressee, context=context).where(LetterRow.id == letter_id).execute()
        audit.record("thamhoi.letter.edit", "thamhoi_letter", letter_id, actor=actor,
                     before={"addressee": letter.addressee, "note": letter.context.get("note", "")},
                     after={"addressee": addressee, "note": note})
    return get_letter(letter_id)


# ---------------------------------------------------------------------------
# Signing, sending, publishing, cancelling
# ---------------------------------------------------------------------------

def signer_for(actor: Actor) -> tuple[str, str]:
    """(signing authority, title): the Chủ tịch signs in person; a Phó Chủ tịch "KT. CHỦ TỊCH" (R-VB-18)."""
    roles = {role for role, _ in actor.roles}
    if "chairperson" in roles:
        return "", "Chủ tịch"
    if "vice_chairperson" in roles:
        return "KT. CHỦ TỊCH", "Phó Chủ tịch"
    raise ValidationError([("signer", "Thư do Chủ tịch hoặc Phó Chủ tịch UBND ký.")])


def _recipients(letter: Letter) -> list[str]:
    if letter.kind == "holiday_greeting":
        return ["Như trên", "Đài truyền thanh phường", "Trang thông tin điện tử phường", "Các tổ dân phố"]
    return ["Như trên", "Chủ tịch, các Phó Chủ tịch UBND"]


def sign(services, letter_id: int, *, actor: Actor, at: dt.datetime | None = None) -> Letter:
    """Sign a draft: it becomes a numbered *Thư công* in the register (R-VB-24), with
    "Kính gửi:" the addressee (R-VB-19) and its date "ngày … tháng … năm …" (R-VB-11)."""
    letter = get_letter(letter_id)
    if letter.state != "draft":
        raise IllegalTransition(f"Chỉ ký được thư dự thảo; thư đang “{letter.state_label}”.")
    if not letter.addressee:
        raise ValidationError([("addressee", "Vui lòng ghi người nhận thư (Kính gửi) trước khi ký.")])
    authority, title = signer_for(actor)
    when = at or now()
    with write_transaction():
        doc = services.documents.issue(
            DOC_TYPE, subject=letter.subject,
            context={**letter.context, "letter_template": letter.template_path, "addressee": letter.addressee},
            signer_name=actor.name, signer_title=title, signing_authority=authority,
            recipients=_recipients(letter), addressees=[letter.addressee], issued_on=when.date(),
            case_id=letter.case_id, drafting_unit=str(config(services.settings)["drafting_unit"]), actor=actor)
        LetterRow.update(state="signed", document=doc.id, signed_at=when, signer_name=actor.name).where(
            LetterRow.id == letter_id).execute()
        audit.record("thamhoi.letter.sign", "thamhoi_letter", letter_id, actor=actor,
                     before={"state": "draft"}, after={"state": "signed", "document": doc.number_symbol})
    return get_letter(letter_id)


def mark_sent(services, letter_id: int, *, method: str, actor: Actor, at: dt.datetime | None = None) -> Letter:
    """Record that a signed letter was handed over or posted."""
    letter = get_letter(letter_id)
    if method not in SEND_METHODS or method == "published":
        raise ValidationError([("method", "Vui lòng chọn cách gửi, trao thư.")])
    if letter.kind == "holiday_greeting":
        raise ValidationError([("method", "Thư chúc mừng năm mới, ngày lễ được công bố, không gửi riêng.")])
    return _sent(letter, method, actor, at or now())


def _sent(letter: Letter, method: str, actor: Actor, when: dt.datetime, notice_id: int | None = None) -> Letter:
    if letter.state != "signed":
        raise IllegalTransition(f"Chỉ gửi được thư đã ký; thư đang “{letter.state_label}”.")
    with write_transaction():
        changes: dict[str, Any] = {"state": "sent", "sent_at": when, "sent_method": method}
        if notice_id is not None:
            changes["notice"] = notice_id
        LetterRow.update(**changes).where(LetterRow.id == letter.id).execute()
        audit.record("thamhoi.letter.send", "thamhoi_letter", letter.id, actor=actor,
                     before={"state": "signed"}, after={"state": "sent", "method": method})
    return get_letter(letter.id)


def publish_greeting(services, letter_id: int, *, actor: Actor, at: dt.datetime | None = None) -> Letter:
    """Publish a signed holiday greeting as a core notice on the loudspeaker, the website
    and the residents' social groups (plan III.1.6). It names no resident (R-DL-07)."""
    letter = get_letter(letter_id)
    if letter.kind != "holiday_greeting":
        raise ValidationError([("letter", "Chỉ thư chúc mừng năm mới, ngày lễ được công bố công khai.")])
    if letter.state != "signed":
        raise IllegalTransition(f"Chỉ công bố được thư đã ký; thư đang “{letter.state_label}”.")
    when = at or now()
    cfg = config(services.settings)
    end = (letter.occasion_date or when.date()) + dt.timedelta(days=int(cfg["greeting_days_after"]))
    notices = NoticeService(services.pm, services.settings)
    with write_transaction():
        notice = notices.create(category=NOTICE_CATEGORY, title=letter.subject, body_html=render_body(services, letter),
                                actor=actor, window_start=when.date(), window_end=max(end, when.date()),
                                channels=GREETING_CHANNELS, decision_ref=letter.number_symbol,
                                decision_date=letter.signed_at.date() if letter.signed_at else None)
        notices.publish(notice.id, actor=actor, at=when)
        return _sent(letter, "published", actor, when, notice_id=notice.id)


def cancel(services, letter_id: int, *, reason: str, actor: Actor) -> Letter:
    """Cancel a draft (e.g. the family asked for no letter); a signed letter stays in the register."""
    letter = get_letter(letter_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError([("reason", "Vui lòng ghi lý do hủy thư.")])
    if letter.state != "draft":
        raise IllegalTransition("Chỉ hủy được thư đang là dự thảo; thư đã ký đã vào sổ văn bản.")
    with write_transaction():
        LetterRow.update(state="cancelled", cancel_reason=reason).where(LetterRow.id == letter_id).execute()
        audit.record("thamhoi.letter.cancel", "thamhoi_letter", letter_id, actor=actor,
                     before={"state": "draft"}, after={"state": "cancelled"}, reason=reason)
    return get_letter(letter_id)


# ---------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------

def get_letter(letter_id: int) -> Letter:
    row = LetterRow.get_or_none(LetterRow.id == letter_id)
    if row is None:
        raise NotFound(f"Không tìm thấy thư số {letter_id}.")
    return _letter(row)


def letters(*, kind: str | None = None, state: str | None = None, year: int | None = None,
            case_id: int | None = None, limit: int = 50, offset: int = 0) -> list[Letter]:
    """Letters, newest first, filtered by kind, state and year drafted."""
    errors = []
    if kind and kind not in LETTER_KINDS:
        errors.append(("kind", "Loại thư không hợp lệ."))
    if state and state not in LETTER_STATES:
        errors.append(("state", "Trạng thái không hợp lệ."))
    if errors:
        raise ValidationError(errors)
    q = LetterRow.select()
    if kind:
        q = q.where(LetterRow.kind == kind)
    if state:
        q = q.where(LetterRow.state == state)
    if year:
        q = q.where(LetterRow.drafted_at >= dt.datetime(year, 1, 1), LetterRow.drafted_at < dt.datetime(year + 1, 1, 1))
    if case_id is not None:
        q = q.where(LetterRow.case == case_id)
    q = q.order_by(LetterRow.drafted_at.desc(), LetterRow.id.desc()).limit(limit).offset(offset)
    return [_letter(r) for r in q]


def counts(year: int | None = None) -> dict[str, dict[str, int]]:
    """{kind: {state: n}} for the desk's summary (a small table, grouped once)."""
    from peewee import fn

    q = LetterRow.select(LetterRow.kind, LetterRow.state, fn.COUNT(LetterRow.id).alias("n"))
    if year:
        q = q.where(LetterRow.drafted_at >= dt.datetime(year, 1, 1), LetterRow.drafted_at < dt.datetime(year + 1, 1, 1))
    out: dict[str, dict[str, int]] = {k: {s: 0 for s in LETTER_STATES} for k in LETTER_KINDS}
    for r in q.group_by(LetterRow.kind, LetterRow.state).objects():
        out.setdefault(r.kind, {})[r.state] = r.n
    return out


# ---------------------------------------------------------------------------
# Holiday greetings (thư chúc mừng năm mới, ngày lễ)
# ---------------------------------------------------------------------------

def _add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(d.day, last))


def occasions(calendar, start: dt.date, months: int = 12) -> list[Occasion]:
    """The holidays greeted in ``[start, start + months)``, dated from the working calendar
    (R-LV-01, R-LV-09): the official table of a year, else the statutory rule (provisional).
    Tết Nguyên đán is dated on mùng 1 (lunar 1/1, R-LV-04's lunar calendar)."""
    end = _add_months(start, months)
    found: list[Occasion] = []
    for year in range(start.year, end.year + 1):
        holidays = [s for s in calendar.special_days(year) if s.kind == "holiday"]
        by: dict[str, list] = {}
        for s in holidays:
            if s.name.startswith("Tết Dương lịch"):
                by.setdefault("new_year", []).append(s)
            elif s.name.startswith("Tết "):
                by.setdefault("lunar_new_year", []).append(s)
            elif "Chiến thắng" in s.name or "Lao động" in s.name:
                by.setdefault("victory_labour", []).append(s)
            elif "Quốc khánh" in s.name:
                by.setdefault("national_day", []).append(s)
        for key, days in by.items():
            dates = {s.date for s in days}
            if key == "lunar_new_year":
                day = lunar_to_solar(1, 1, year)
                if day not in dates:  # the calendar's Tết block must hold mùng 1
                    day = min(dates)
                name = f"Tết Nguyên đán {lunar_year_name(year)}"
            elif key == "national_day":
                day = dt.date(year, 9, 2) if dt.date(year, 9, 2) in dates else max(dates)
                name = OCCASIONS[key]
            else:
                day = min(dates)
                name = OCCASIONS[key]
            if start <= day < end:
                found.append(Occasion(key, name, day, any(s.provisional for s in days)))
    return sorted(found, key=lambda o: o.day)


def greeting_for(occasion: Occasion) -> Letter | None:
    row = (LetterRow.select().where(LetterRow.occasion == occasion.key, LetterRow.occasion_date == occasion.day,
                                    LetterRow.state != "cancelled").first())
    return _letter(row) if row else None


def draft_greeting(services, occasion: Occasion, *, actor: Actor = SYSTEM_ACTOR,
                   at: dt.datetime | None = None) -> Letter:
    """Draft the Chủ tịch's greeting to all residents for ``occasion`` (one per occasion)."""
    if occasion.key not in OCCASIONS:
        raise ValidationError([("occasion", "Dịp lễ không hợp lệ.")])
    if greeting_for(occasion) is not None:
        raise ValidationError([("occasion", f"Đã có thư chúc mừng {occasion.name} năm {occasion.year}.")])
    ward = _ward_lower(services.settings)
    if occasion.key == "lunar_new_year":
        subject = f"Thư chúc mừng năm mới Xuân {lunar_year_name(occasion.year)} {occasion.year}"
    elif occasion.key == "new_year":
        subject = f"Thư chúc mừng năm mới {occasion.year}"
    else:
        subject = f"Thư chúc mừng nhân dịp {occasion.name} năm {occasion.year}"
    ctx = {"occasion": occasion.key, "occasion_name": occasion.name, "occasion_day": format_date(occasion.day),
           "year": occasion.year, "lunar_year": lunar_year_name(occasion.year)}
    return draft(services, event="holiday", addressee=f"Toàn thể cán bộ và Nhân dân {ward}", subject=subject,
                 context=ctx, occasion=occasion.key, occasion_date=occasion.day, actor=actor, at=at)


def plan_greetings(services, today: dt.date, *, actor: Actor = SYSTEM_ACTOR,
                   at: dt.datetime | None = None) -> list[Letter]:
    """Daily check: draft the greeting of every holiday within the lead time, once."""
    lead = int(config(services.settings)["greeting_lead_days"])
    drafted = []
    for occ in occasions(services.calendar, today, 12):
        if (occ.day - today).days <= lead and greeting_for(occ) is None:
            drafted.append(draft_greeting(services, occ, actor=actor, at=at))
    return drafted


def find_occasion(services, key: str, day: dt.date) -> Occasion:
    for occ in occasions(services.calendar, day, 1):
        if occ.key == key and occ.day == day:
            return occ
    raise ValidationError([("occasion", "Dịp lễ không có trong lịch làm việc.")])


# ---------------------------------------------------------------------------
# Ceremonies, visits, meetings
# ---------------------------------------------------------------------------

def _activity(row: ActivityRow) -> Activity:
    return Activity(row.id, row.kind, row.title, row.scheduled_at, row.place, row.state, row.delegation,
                    tuple(row.guests or ()), row.letter_id, row.result, row.attendance, row.done_at,
                    row.cancel_reason)


def _lines(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.splitlines()
    return [str(v).strip() for v in value or () if str(v).strip()]


def plan_activity(services, *, kind: str, scheduled_at: dt.datetime | None, place: str = "", title: str = "",
                  delegation: str = "", guests: Iterable[str] | str = (), letter_id: int | None = None,
                  actor: Actor) -> Activity:
    """Plan a letter-handing ceremony at the UBND office, a visit (đoàn thăm hỏi, phúng
    viếng) or the yearly meeting with supporters and respected people (plan III.1.6)."""
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
    cfg = config(services.settings)
    place = (place or "").strip() or (cfg["ceremony_place"] if kind != "visit" else "")
    if not place:
        errors.append(("place", "Vui lòng ghi địa điểm (nhà gia đình)."))
    title = (title or "").strip() or (f"{ACTIVITY_KINDS[kind]}: {letter.subject}" if letter else ACTIVITY_KINDS[kind])
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = ActivityRow.create(kind=kind, title=title[:400], scheduled_at=scheduled_at, place=place[:400],
                                 delegation=(delegation or "").strip(), guests=guest_list,
                                 letter=letter.id if letter else None, created_by=actor.person_id)
        audit.record("thamhoi.activity.plan", "thamhoi_activity", row.id, actor=actor,
                     after={"kind": kind, "scheduled_at": scheduled_at, "letter_id": row.letter_id})
    return get_activity(row.id)


def record_activity(services, activity_id: int, *, result: str, attendance: int | None = None,
                    actor: Actor, at: dt.datetime | None = None) -> Activity:
    """Record what happened; a signed letter handed over at it is marked sent with it."""
    act = get_activity(activity_id)
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
            _sent(letter, "ceremony" if act.kind == "letter_ceremony" else "visit", actor, when)
    return get_activity(activity_id)


def cancel_activity(services, activity_id: int, *, reason: str, actor: Actor) -> Activity:
    act = get_activity(activity_id)
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
    row = ActivityRow.get_or_none(ActivityRow.id == activity_id)
    if row is None:
        raise NotFound(f"Không tìm thấy hoạt động số {activity_id}.")
    return _activity(row)


def activities(*, kind: str | None = None, state: str | None = None, year: int | None = None,
               letter_id: int | None = None, limit: int = 50, offset: int = 0) -> list[Activity]:
    if kind and kind not in ACTIVITY_KINDS:
        raise ValidationError([("kind", "Loại hoạt động không hợp lệ.")])
    q = ActivityRow.select()
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
    return [_activity(r) for r in q]


# ---------------------------------------------------------------------------
# Indicators
# ---------------------------------------------------------------------------

def indicator_value(key: str, start: dt.date, end: dt.date) -> float | int | None:
    """Letters sent, late TTHC results apologised by letter, meetings held, in [start, end]."""
    lo, hi = dt.datetime.combine(start, dt.time.min), dt.datetime.combine(end, dt.time.max)
    sent = LetterRow.select().where(LetterRow.state == "sent", LetterRow.sent_at.between(lo, hi))
    if key == "letters_sent":
        return sent.count()
    if key == "late_apology_share":
        drafted = LetterRow.select().where(LetterRow.event == "late_result", LetterRow.drafted_at.between(lo, hi))
        total = drafted.count()
        if not total:
            return None
        done = drafted.where(LetterRow.state == "sent").count()
        return round(100 * done / total, 1)
    if key == "respected_meetings":
        return ActivityRow.select().where(ActivityRow.kind == "respected_meeting", ActivityRow.state == "done",
                                          ActivityRow.done_at.between(lo, hi)).count()
    raise KeyError(key)
