"""Consultations before a decision (lấy ý kiến Nhân dân, Luật THDCCS Art. 25–28, R-YK-01…10).

| step | function | rule |
| --- | --- | --- |
| the plan: matter, content, forms, method, deadline, responsibility | :func:`create` | R-YK-01…03, 06, 07 |
| send the plan to the HĐND and the Front (a numbered plan, NĐ 30 layout) | :func:`send_plan` | R-YK-06 |
| publish the content (a core notice, Art. 11 item 11) and open the window | :func:`publish` | R-YK-07, R-YK-08 |
| opinions received through a channel, entered by staff | :func:`record_opinion` | R-YK-02…05 |
| a resident asks for a code / staff print the codes for households | :func:`request_code`, :func:`print_codes` | — |
| a resident's online comment, identity confirmed by the code | :func:`comment` | R-YK-02, R-YK-07 |
| moderation: hide with a recorded reason, never delete | :func:`hide_comment` | — |
| results and the acceptance explanation, published | :func:`tally`, :func:`publish_results` | R-YK-05, 08, 09 |
| the report to the HĐND (a numbered report) | :func:`report` | R-YK-10 |

A consultation is ``draft`` → ``planned`` → ``open`` → (its last day passes: shown as
``closed``) → ``published`` → ``reported``. Every step is audit-logged; nothing is deleted.
"""
from __future__ import annotations

import datetime as dt
import re

from thanthien.core import audit
from thanthien.core.access import Scope
from thanthien.core.errors import IllegalTransition, NotFound, ValidationError
from thanthien.core.models import HouseholdRow, PersonRow, UnitRow
from thanthien.core.storage.db import is_sqlite, now, write_transaction
from thanthien.core.types import SYSTEM_ACTOR, Actor

from ..models_consultations import CommentRow, ConsultationRow, OpinionRow
from ..types_consultations import (
    CHANNELS,
    DECISION_FOLLOWS,
    DECISIONS,
    DIALOGUE_CHANNEL,
    DIALOGUE_MATTER,
    DIALOGUE_PARTICIPANTS,
    MATTERS,
    ONLINE_CHANNEL,
    P_CONSULT_MANAGE,
    P_CONSULT_MODERATE,
    P_CONSULT_VIEW,
    STANCES,
    Consultation,
    Opinion,
    PublicComment,
    StaffComment,
    Tally,
    TallyRow,
    code_purpose,
)
from . import codes

#: R-YK-07: the rule parameter of the shortest consultation window
MIN_DAYS = "R-YK-07.min_days"
#: the notice category of Art. 11 item 11 (R-YK-08, R-CK-01)
NOTICE_CATEGORY = "lay_y_kien"
#: the bodies the plan and the report go to (R-YK-06, R-YK-10)
HDND = "Thường trực Hội đồng nhân dân phường"
MTTQ = "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam phường"
#: the longest comment a resident may leave
MAX_COMMENT = 5000
#: the neutral word for whoever commented
NEUTRAL = "Hộ gia đình"

_PHONE_RE = re.compile(r"\D+")


def _today() -> dt.date:
    return now().date()


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------

def _state(row: ConsultationRow, today: dt.date) -> str:
    if row.state == "open" and today > row.ends_on:
        return "closed"
    return row.state


def _to_consultation(row: ConsultationRow, today: dt.date | None = None) -> Consultation:
    return Consultation(
        id=row.id, title=row.title, matter=row.matter, content=row.content, channels=tuple(row.channels or ()),
        method=row.method, responsible=row.responsible, unit_id=row.unit_id, area_unit_id=row.area_unit_id,
        starts_on=row.starts_on, ends_on=row.ends_on, other_law_basis=row.other_law_basis,
        state=_state(row, today or _today()), plan_document_id=row.plan_document_id,
        plan_sent_at=row.plan_sent_at, notice_id=row.notice_id, published_on=row.published_on,
        decision=row.decision, acceptance=row.acceptance, contrary_reason=row.contrary_reason,
        majority=row.majority, result_notice_id=row.result_notice_id,
        results_published_at=row.results_published_at, report_document_id=row.report_document_id,
        reported_at=row.reported_at, created_at=row.created_at,
    )


def _row(consultation_id: int, *, lock: bool = False) -> ConsultationRow:
    q = ConsultationRow.select().where(ConsultationRow.id == consultation_id)
    if lock and not is_sqlite():
        q = q.for_update()
    row = q.first()
    if row is None:
        raise NotFound(f"Không tìm thấy đợt lấy ý kiến số {consultation_id}.")
    return row


def get(consultation_id: int) -> Consultation:
    return _to_consultation(_row(consultation_id))


def scope_of(c: Consultation | ConsultationRow) -> Scope:
    """The responsible unit (``None``: the ward, leaders only)."""
    return Scope(unit_id=c.unit_id, owner="bieuquyet.consultation", owner_id=c.id)


def view(core, consultation_id: int, *, actor: Actor) -> Consultation:
    """A consultation for staff (403 outside the reader's units)."""
    c = get(consultation_id)
    core.access.require(actor, P_CONSULT_VIEW, scope_of(c))
    return c


def public(consultation_id: int) -> Consultation:
    """A consultation for everyone: only once its content is published (404 before)."""
    c = get(consultation_id)
    if c.published_on is None:
        raise NotFound(f"Không tìm thấy đợt lấy ý kiến số {consultation_id}.")
    return c


def public_list(*, limit: int = 50, offset: int = 0) -> tuple[list[Consultation], list[Consultation]]:
    """Published consultations: (open now, closed), newest first."""
    today = _today()
    q = (ConsultationRow.select().where(ConsultationRow.published_on.is_null(False))
         .order_by(ConsultationRow.published_on.desc(), ConsultationRow.id.desc()).limit(limit).offset(offset))
    items = [_to_consultation(r, today) for r in q]
    return [c for c in items if c.is_open], [c for c in items if not c.is_open]


def staff_list(core, *, actor: Actor, limit: int = 50, offset: int = 0) -> list[Consultation]:
    units = core.access.units_for(actor, P_CONSULT_VIEW)  # None: the whole ward
    q = ConsultationRow.select().order_by(ConsultationRow.id.desc())
    if units is not None:
        q = q.where(ConsultationRow.unit_id.in_(list(units)))
    today = _today()
    return [_to_consultation(r, today) for r in q.limit(limit).offset(offset)]


def opinions(consultation_id: int) -> list[Opinion]:
    q = OpinionRow.select().where(OpinionRow.consultation == consultation_id).order_by(OpinionRow.received_on,
                                                                                    OpinionRow.id)
    return [Opinion(r.id, r.consultation_id, r.channel, r.source, r.received_on, r.agree, r.disagree, r.other,
                    r.summary, dict(r.participants or {}), r.recorded_at) for r in q]


def _group_names(group_ids: set[int]) -> dict[int, str]:
    if not group_ids:
        return {}
    return {u.id: u.name for u in UnitRow.select(UnitRow.id, UnitRow.name).where(UnitRow.id.in_(list(group_ids)))}


def _label(group_id: int | None, names: dict[int, str]) -> str:
    """The neutral label of a comment: never a name, a household code or an address."""
    name = names.get(group_id) if group_id is not None else None
    return f"{NEUTRAL} {name.lower() if name and name.startswith('Tổ') else name}" if name else NEUTRAL


def public_comments(consultation_id: int, *, limit: int = 200, offset: int = 0) -> list[PublicComment]:
    """The comments as everyone sees them: a neutral label; a hidden comment shows only that
    it was hidden and why (moderation never deletes)."""
    rows = list(CommentRow.select().where(CommentRow.consultation == consultation_id)
                .order_by(CommentRow.created_at, CommentRow.id).limit(limit).offset(offset))
    names = _group_names({r.group_id for r in rows if r.group_id is not None})
    out = []
    for r in rows:
        if r.hidden:
            out.append(PublicComment(r.id, _label(r.group_id, names), r.stance, STANCES.get(r.stance, ""), "",
                                     r.created_at, True, r.hidden_reason))
        else:
            out.append(PublicComment(r.id, _label(r.group_id, names), r.stance, STANCES.get(r.stance, ""), r.text,
                                     r.created_at))
    return out


def staff_comments(core, consultation_id: int, *, actor: Actor) -> list[StaffComment]:
    c = get(consultation_id)
    core.access.require(actor, P_CONSULT_VIEW, scope_of(c))
    rows = list(CommentRow.select().where(CommentRow.consultation == consultation_id)
                .order_by(CommentRow.created_at, CommentRow.id))
    names = _group_names({r.group_id for r in rows if r.group_id is not None})
    return [StaffComment(r.id, _label(r.group_id, names), r.stance, r.text, r.created_at, r.hidden,
                         r.hidden_reason, r.hidden_by, r.hidden_at) for r in rows]


# ---------------------------------------------------------------------------
# The plan (R-YK-01, R-YK-02, R-YK-03, R-YK-06, R-YK-07)
# ---------------------------------------------------------------------------

def min_days(core, on: dt.date) -> int:
    """R-YK-07: the shortest window, in days, for a consultation published on ``on``."""
    return int(core.rules.value(MIN_DAYS, on=on))


def window_errors(core, published_on: dt.date, ends_on: dt.date, other_law_basis: str = "") -> list[tuple[str, str]]:
    """R-YK-07: the window runs at least ``min_days`` days from the day the content is
    published (counted from the next day, so the last day is at least publication + min_days),
    unless another law sets a period (``other_law_basis`` names it)."""
    if ends_on < published_on:
        return [("ends_on", "Ngày kết thúc phải sau ngày công bố nội dung lấy ý kiến.")]
    need = min_days(core, published_on)
    if (ends_on - published_on).days < need and not other_law_basis.strip():  # R-YK-07
        earliest = published_on + dt.timedelta(days=need)
        return [("ends_on", f"Thời gian lấy ý kiến phải ít nhất {need} ngày kể từ ngày công bố nội dung: "
                            f"công bố ngày {published_on:%d/%m/%Y} thì hạn cuối sớm nhất là ngày "
                            f"{earliest:%d/%m/%Y} (trừ khi luật khác quy định thời hạn riêng).")]
    return []


def _plan_errors(core, *, title: str, matter: str, channels: list[str], ends_on: dt.date | None,
                 starts_on: dt.date | None, other_law_basis: str, responsible: str) -> list[tuple[str, str]]:
    errors: list[tuple[str, str]] = []
    if not title.strip():
        errors.append(("title", "Vui lòng nhập tên nội dung lấy ý kiến."))
    if matter not in MATTERS:  # R-YK-01: one of the nine Art. 25 matters
        errors.append(("matter", "Vui lòng chọn một trong chín nhóm nội dung Nhân dân tham gia ý kiến."))
    unknown = [c for c in channels if c not in CHANNELS]
    if not channels or unknown:  # R-YK-02: one or more of the forms of Art. 26
        errors.append(("channels", "Vui lòng chọn ít nhất một hình thức lấy ý kiến trong danh sách."))
    elif matter == DIALOGUE_MATTER and DIALOGUE_CHANNEL not in channels:  # R-YK-03
        errors.append(("channels", "Dự thảo quyết định đặt nghĩa vụ hoặc hạn chế quyền của người dân cụ thể phải "
                                   "có hình thức đối thoại với người dân chịu tác động."))
    if not responsible.strip():  # R-YK-06: the plan names who is responsible
        errors.append(("responsible", "Vui lòng ghi rõ đơn vị, người chịu trách nhiệm."))
    if ends_on is None:
        errors.append(("ends_on", "Vui lòng nhập ngày kết thúc lấy ý kiến."))
    else:  # R-YK-07 from the planned publication day, or from today (publication cannot be earlier)
        errors += window_errors(core, starts_on or _today(), ends_on, other_law_basis)
    return errors


def create(core, *, title: str, matter: str, content: str, channels: list[str], method: str, responsible: str,
           ends_on: dt.date | None, starts_on: dt.date | None = None, unit_id: int | None = None,
           area_unit_id: int | None = None, other_law_basis: str = "", actor: Actor = SYSTEM_ACTOR) -> Consultation:
    """The plan of a consultation (R-YK-06): content, forms, method, deadline, responsibility."""
    core.access.require(actor, P_CONSULT_MANAGE, Scope(unit_id=unit_id))
    channels = list(dict.fromkeys(channels))
    errors = _plan_errors(core, title=title, matter=matter, channels=channels, ends_on=ends_on,
                          starts_on=starts_on, other_law_basis=other_law_basis, responsible=responsible)
    if not content.strip():
        errors.append(("content", "Vui lòng nhập nội dung đưa ra lấy ý kiến."))
    if area_unit_id is not None and UnitRow.get_or_none(UnitRow.id == area_unit_id) is None:
        errors.append(("area_unit_id", "Tổ dân phố không hợp lệ."))
    if errors:
        raise ValidationError(errors)
    assert ends_on is not None
    with write_transaction():
        row = ConsultationRow.create(
            title=title.strip()[:400], matter=matter, content=content.strip(), channels=channels,
            method=method.strip(), responsible=responsible.strip()[:400], unit_id=unit_id,
            area_unit_id=area_unit_id, starts_on=starts_on, ends_on=ends_on,
            other_law_basis=other_law_basis.strip()[:400], created_by=actor.person_id)
        audit.record("bieuquyet.consultation.create", "bieuquyet_consultation", row.id, actor=actor,
                     after={"title": row.title, "matter": matter, "channels": channels, "ends_on": ends_on})
    return get(row.id)


def _signer(actor: Actor) -> tuple[str, str]:
    person = PersonRow.get_or_none(PersonRow.id == actor.person_id) if actor.person_id else None
    name = (person.full_name if person else actor.name) or ""
    title = (person.position if person and person.position else "Chủ tịch Ủy ban nhân dân phường")
    return name, title


def send_plan(core, consultation_id: int, *, actor: Actor) -> Consultation:
    """R-YK-06: the plan, a numbered Kế hoạch (NĐ 30 layout), sent to the HĐND and the Front."""
    with write_transaction():
        row = _row(consultation_id, lock=True)
        core.access.require(actor, P_CONSULT_MANAGE, scope_of(row))
        if row.state != "draft":
            raise IllegalTransition("Kế hoạch lấy ý kiến đã được gửi.")
        c = _to_consultation(row)
        signer_name, signer_title = _signer(actor)
        doc = core.documents.issue(
            "ke_hoach", subject=f"Lấy ý kiến Nhân dân về {c.title}"[:400],
            context={
                "bases": ["Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022"],
                "paragraphs": [f"Ủy ban nhân dân phường xây dựng Kế hoạch lấy ý kiến Nhân dân về {c.title} như sau:"],
                "sections": [
                    {"title": "Nội dung lấy ý kiến", "paragraphs": [c.matter_label, c.content]},
                    {"title": "Hình thức, cách thức lấy ý kiến", "items": c.channel_labels,
                     "paragraphs": [c.method] if c.method else []},
                    {"title": "Thời hạn lấy ý kiến",
                     "paragraphs": [_window_text(c)]},
                    {"title": "Trách nhiệm thực hiện", "paragraphs": [c.responsible]},
                ],
            },
            signer_name=signer_name, signer_title=signer_title,
            recipients=[HDND, MTTQ, "Các tổ dân phố", "Lưu: VT"], unit_id=row.unit_id,
            owner=("bieuquyet.consultation", row.id), view_permission=P_CONSULT_VIEW, actor=actor)
        at = now()
        ConsultationRow.update(state="planned", plan_document_id=doc.id, plan_sent_at=at).where(
            ConsultationRow.id == row.id).execute()
        audit.record("bieuquyet.consultation.send_plan", "bieuquyet_consultation", row.id, actor=actor,
                     before={"state": "draft"}, after={"state": "planned", "document": doc.number_symbol})
    return get(consultation_id)


def _window_text(c: Consultation) -> str:
    start = c.published_on or c.starts_on
    if start:
        return f"Từ ngày {start:%d/%m/%Y} đến hết ngày {c.ends_on:%d/%m/%Y}."
    return f"Đến hết ngày {c.ends_on:%d/%m/%Y}."


def publish(core, consultation_id: int, *, actor: Actor, on: dt.date | None = None) -> Consultation:
    """Publish the content (a core notice of Art. 11 item 11, so the disclosure ledger
    carries it) and open the window; R-YK-07 checked on the day of publication."""
    on = on or _today()
    with write_transaction():
        row = _row(consultation_id, lock=True)
        core.access.require(actor, P_CONSULT_MANAGE, scope_of(row))
        if row.state == "draft":  # R-YK-06: the plan goes to the HĐND and the Front first
            raise IllegalTransition("Cần gửi kế hoạch lấy ý kiến cho Thường trực HĐND và Mặt trận trước khi công bố.")
        if row.state != "planned":
            raise IllegalTransition("Nội dung lấy ý kiến đã được công bố.")
        errors = window_errors(core, on, row.ends_on, row.other_law_basis)  # R-YK-07
        if errors:
            raise ValidationError(errors)
        c = _to_consultation(row)
        body = (f"<p>Ủy ban nhân dân phường lấy ý kiến Nhân dân về: <strong>{_esc(c.title)}</strong>.</p>"
                f"<p>{_esc(c.content)}</p><p>Thời gian lấy ý kiến: từ ngày {on:%d/%m/%Y} đến hết ngày "
                f"{c.ends_on:%d/%m/%Y}.</p><p>Hình thức: {_esc('; '.join(c.channel_labels))}.</p>"
                f"<p>Góp ý trực tuyến tại trang <a href=\"/bieuquyet/y-kien/{c.id}\">/bieuquyet/y-kien/{c.id}</a>.</p>")
        notice = core.notices.create(category=NOTICE_CATEGORY, title=f"Lấy ý kiến Nhân dân: {c.title}",
                                     body_html=body, actor=actor, unit_id=row.area_unit_id, window_start=on,
                                     window_end=row.ends_on, channels=("niem_yet", "trang_thong_tin_dien_tu"))
        core.notices.publish(notice.id, actor=actor, at=dt.datetime.combine(on, now().time()))
        ConsultationRow.update(state="open", published_on=on, notice_id=notice.id).where(
            ConsultationRow.id == row.id).execute()
        audit.record("bieuquyet.consultation.publish", "bieuquyet_consultation", row.id, actor=actor,
                     before={"state": "planned"}, after={"state": "open", "published_on": on, "notice": notice.id})
    return get(consultation_id)


def _esc(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


# ---------------------------------------------------------------------------
# Opinions through the channels (R-YK-02…05)
# ---------------------------------------------------------------------------

def record_opinion(core, consultation_id: int, *, channel: str, source: str, received_on: dt.date | None,
                   agree: int, disagree: int, other: int, summary: str,
                   participants: dict[str, str] | None = None, actor: Actor) -> Opinion:
    """Opinions received through one channel of the plan, entered by staff."""
    participants = {k: (v or "").strip() for k, v in (participants or {}).items() if k in DIALOGUE_PARTICIPANTS}
    with write_transaction():
        row = _row(consultation_id, lock=True)
        core.access.require(actor, P_CONSULT_MANAGE, scope_of(row))
        c = _to_consultation(row)
        if c.state not in ("open", "closed"):
            raise IllegalTransition("Chỉ ghi nhận ý kiến khi nội dung đã công bố và chưa công khai kết quả.")
        errors: list[tuple[str, str]] = []
        if channel not in c.channels:  # R-YK-02: the forms chosen in the plan
            errors.append(("channel", "Hình thức này không có trong kế hoạch lấy ý kiến."))
        if received_on is None:
            errors.append(("received_on", "Vui lòng nhập ngày nhận ý kiến."))
        elif received_on > _today():
            errors.append(("received_on", "Ngày nhận ý kiến không được sau hôm nay."))
        elif c.published_on and not c.published_on <= received_on <= c.ends_on:
            errors.append(("received_on", f"Ngày nhận ý kiến phải trong thời gian lấy ý kiến (từ "
                                          f"{c.published_on:%d/%m/%Y} đến {c.ends_on:%d/%m/%Y})."))
        for name, value in (("agree", agree), ("disagree", disagree), ("other", other)):
            if value < 0:
                errors.append((name, "Số ý kiến không được âm."))
        if agree + disagree + other <= 0:
            errors.append(("agree", "Vui lòng nhập số ý kiến nhận được."))
        if not source.strip():
            errors.append(("source", "Vui lòng ghi nơi, cuộc họp hoặc kênh nhận ý kiến."))
        # R-YK-04: a dialogue with a group of persons affected includes UBND, the Front and the BTTND
        if channel == DIALOGUE_CHANNEL and agree + disagree + other > 1:
            for key, label in DIALOGUE_PARTICIPANTS.items():
                if not participants.get(key):
                    errors.append((f"participant_{key}", f"Đối thoại với nhóm người dân phải có {label.lower()}."))
        if errors:
            raise ValidationError(errors)
        assert received_on is not None
        op = OpinionRow.create(consultation=row.id, channel=channel, source=source.strip()[:400],
                               received_on=received_on, agree=agree, disagree=disagree, other=other,
                               summary=summary.strip(), participants=participants, recorded_by=actor.person_id)
        audit.record("bieuquyet.consultation.opinion", "bieuquyet_consultation_opinion", op.id, actor=actor,
                     after={"consultation": row.id, "channel": channel, "agree": agree, "disagree": disagree,
                            "other": other})
    return next(o for o in opinions(consultation_id) if o.id == op.id)


# ---------------------------------------------------------------------------
# Online comments with a one-time code
# ---------------------------------------------------------------------------

def normalise_contact(contact: str) -> str:
    """A phone number as the register stores it (0912345678) or an e-mail in lower case."""
    contact = (contact or "").strip()
    if "@" in contact:
        return contact.lower()
    digits = _PHONE_RE.sub("", contact)
    if digits.startswith("84") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return digits


def _in_area(c: Consultation, group_id: int | None) -> bool:
    if c.area_unit_id is None:
        return True
    if group_id is None:
        return False
    from thanthien.core import people

    return group_id in people.descendant_unit_ids([c.area_unit_id])


def request_code(core, consultation_id: int, *, contact: str) -> bool:
    """A resident asks for a code: when the phone number or e-mail belongs to a resident of
    the register (living in the area consulted) a single-use code is sent to it through
    ``message_requested``. The answer shown is the same either way (no one learns who is in
    the register); returns whether a code was issued (for the tests and the log)."""
    c = public(consultation_id)
    if not c.is_open:
        raise IllegalTransition("Đợt lấy ý kiến này không còn nhận góp ý.")
    value = normalise_contact(contact)
    if len(value) < 8:
        raise ValidationError([("contact", "Vui lòng nhập số điện thoại hoặc thư điện tử đã khai trong sổ hộ khẩu "
                                           "của phường.")])
    field = PersonRow.email if "@" in value else PersonRow.phone
    person = (PersonRow.select(PersonRow, HouseholdRow).join(HouseholdRow)
              .where(field == value, PersonRow.active == True, HouseholdRow.active == True)  # noqa: E712
              .order_by(PersonRow.id).first())
    if person is None or not _in_area(c, person.household.group_id):
        audit.record("bieuquyet.consultation.code_refused", "bieuquyet_consultation", c.id)
        return False
    with write_transaction():
        issued = codes.issue(core, purpose=code_purpose(c.id), person_id=person.id,
                             expires_at=dt.datetime.combine(c.ends_on, dt.time(23, 59, 59)))
        codes.send(core, issued, person_id=person.id, link=f"/bieuquyet/y-kien/{c.id}",
                   text=f"Mã xác nhận góp ý về “{c.title[:60]}”: {{code}}. Mã dùng một lần, "
                        f"hạn đến hết ngày {c.ends_on:%d/%m/%Y}.")
    return True


def print_codes(core, consultation_id: int, *, group_id: int, actor: Actor) -> list[codes.SheetLine]:
    """One code per household of a residential group, printed and handed to each household."""
    c = get(consultation_id)
    core.access.require(actor, P_CONSULT_MANAGE, scope_of(c))
    if not c.is_open:
        raise IllegalTransition("Chỉ in mã góp ý khi đợt lấy ý kiến đang mở.")
    if not _in_area(c, group_id):
        raise ValidationError([("group_id", "Tổ dân phố này không thuộc phạm vi lấy ý kiến.")])
    if UnitRow.get_or_none(UnitRow.id == group_id) is None:
        raise ValidationError([("group_id", "Tổ dân phố không hợp lệ.")])
    households = [h.id for h in HouseholdRow.select(HouseholdRow.id).where(
        HouseholdRow.group == group_id, HouseholdRow.active == True).order_by(HouseholdRow.code)]  # noqa: E712
    if not households:
        raise ValidationError([("group_id", "Tổ dân phố này chưa có hộ gia đình nào trong sổ hộ.")])
    with write_transaction():
        issued = codes.issue_for_households(core, purpose=code_purpose(c.id), household_ids=households,
                                            expires_at=dt.datetime.combine(c.ends_on, dt.time(23, 59, 59)),
                                            actor=actor)
        # the sheet shows heads of household and addresses to the staff member: a full read
        audit.record("bieuquyet.consultation.print_codes", "bieuquyet_consultation", c.id, actor=actor,
                     after={"group_id": group_id, "households": len(households)})
    return codes.code_sheet(issued)


def comment(core, consultation_id: int, *, code: str, stance: str, text: str) -> PublicComment:
    """A resident's comment: the window open (R-YK-07), the code valid for this consultation
    (consumed in the same transaction), stored with the household; shown under a neutral label."""
    c = public(consultation_id)
    errors: list[tuple[str, str]] = []
    if stance not in STANCES:
        errors.append(("stance", "Vui lòng chọn ý kiến của gia đình: đồng ý, không đồng ý hoặc ý kiến khác."))
    text = (text or "").strip()
    if len(text) < 5:
        errors.append(("text", "Vui lòng nhập nội dung góp ý (ít nhất 5 ký tự)."))
    elif len(text) > MAX_COMMENT:
        errors.append(("text", f"Nội dung góp ý dài quá {MAX_COMMENT} ký tự."))
    if not (code or "").strip():
        errors.append(("code", "Vui lòng nhập mã xác nhận."))
    if errors:
        raise ValidationError(errors)
    if not c.is_open:  # R-YK-07: opinions are received until the last day
        raise IllegalTransition(f"Đợt lấy ý kiến đã kết thúc ngày {c.ends_on:%d/%m/%Y}; không nhận thêm góp ý.")
    with write_transaction():
        holder = codes.consume(core, purpose=code_purpose(c.id), code=code)  # 422: wrong, used or expired
        household_id = holder.household_id
        if household_id is None and holder.person_id is not None:
            person = PersonRow.get_or_none(PersonRow.id == holder.person_id)
            household_id = person.household_id if person else None
        household = HouseholdRow.get_or_none(HouseholdRow.id == household_id) if household_id else None
        group_id = household.group_id if household else None
        row = CommentRow.create(consultation=c.id, household_id=household_id, person_id=holder.person_id,
                                group_id=group_id, stance=stance, text=text)
        audit.record("bieuquyet.consultation.comment", "bieuquyet_consultation_comment", row.id,
                     after={"consultation": c.id, "stance": stance})
    return next(pc for pc in public_comments(c.id) if pc.id == row.id)


def hide_comment(core, consultation_id: int, comment_id: int, *, reason: str, actor: Actor) -> StaffComment:
    """Moderation: the comment is hidden from the public page with the reason recorded
    (who, when, why); the row and its text stay, nothing is deleted."""
    c = get(consultation_id)
    core.access.require(actor, P_CONSULT_MODERATE, scope_of(c))
    if not reason.strip():
        raise ValidationError([("reason", "Vui lòng ghi rõ lý do ẩn góp ý.")])
    with write_transaction():
        row = CommentRow.get_or_none((CommentRow.id == comment_id) & (CommentRow.consultation == consultation_id))
        if row is None:
            raise NotFound(f"Không tìm thấy góp ý số {comment_id}.")
        if row.hidden:
            raise IllegalTransition("Góp ý này đã được ẩn.")
        at = now()
        CommentRow.update(hidden=True, hidden_reason=reason.strip()[:1000], hidden_by=actor.person_id,
                          hidden_at=at).where(CommentRow.id == comment_id).execute()
        audit.record("bieuquyet.consultation.hide_comment", "bieuquyet_consultation_comment", comment_id,
                     actor=actor, before={"hidden": False}, after={"hidden": True}, reason=reason.strip())
    return next(sc for sc in staff_comments(core, consultation_id, actor=actor) if sc.id == comment_id)


# ---------------------------------------------------------------------------
# Results, explanation and report (R-YK-05, R-YK-08, R-YK-09, R-YK-10)
# ---------------------------------------------------------------------------

def tally(consultation_id: int) -> Tally:
    """Opinions of every channel plus the online comments (a hidden comment's opinion still
    counts: moderation hides the words, not the household's view)."""
    per: dict[str, list[int]] = {}
    for o in OpinionRow.select().where(OpinionRow.consultation == consultation_id):
        acc = per.setdefault(o.channel, [0, 0, 0])
        acc[0] += o.agree
        acc[1] += o.disagree
        acc[2] += o.other
    for r in CommentRow.select(CommentRow.stance).where(CommentRow.consultation == consultation_id):
        acc = per.setdefault(ONLINE_CHANNEL, [0, 0, 0])
        acc[list(STANCES).index(r.stance)] += 1
    rows = [TallyRow(ch, CHANNELS[ch], *per[ch]) for ch in CHANNELS if ch in per]
    agree, disagree, other = (sum(r.agree for r in rows), sum(r.disagree for r in rows), sum(r.other for r in rows))
    total = agree + disagree + other
    majority = "dong_y" if 2 * agree > total else "khong_dong_y" if 2 * disagree > total else ""
    return Tally(rows, agree, disagree, other, majority)


def contrary_to_majority(decision: str, majority: str) -> bool:
    """R-YK-09: the decision differs from what more than half of the opinions said."""
    return bool(majority) and DECISION_FOLLOWS.get(decision) != majority


def publish_results(core, consultation_id: int, *, decision: str, acceptance: str, contrary_reason: str = "",
                    actor: Actor) -> Consultation:
    """R-YK-08: the aggregated results and the acceptance explanation published (a core
    notice of Art. 11 item 11); R-YK-09: a decision against the majority carries its reasons."""
    with write_transaction():
        row = _row(consultation_id, lock=True)
        core.access.require(actor, P_CONSULT_MANAGE, scope_of(row))
        c = _to_consultation(row)
        if c.state == "open":
            raise IllegalTransition(f"Đợt lấy ý kiến đến hết ngày {c.ends_on:%d/%m/%Y}; công khai kết quả sau "
                                    f"ngày đó.")
        if c.state != "closed":
            raise IllegalTransition("Chỉ công khai kết quả của đợt lấy ý kiến đã kết thúc và chưa công khai.")
        result = tally(row.id)
        errors: list[tuple[str, str]] = []
        if decision not in DECISIONS:
            errors.append(("decision", "Vui lòng chọn quyết định sau khi lấy ý kiến."))
        if not acceptance.strip():  # R-YK-08
            errors.append(("acceptance", "Vui lòng nêu nội dung tiếp thu, giải trình ý kiến Nhân dân."))
        if decision in DECISIONS and contrary_to_majority(decision, result.majority) and not contrary_reason.strip():
            errors.append(("contrary_reason", "Quyết định khác với ý kiến của đa số "
                                              f"({result.majority_label.lower()}): vui lòng giải thích lý do."))
        if errors:
            raise ValidationError(errors)
        body = _results_html(c, result, decision, acceptance.strip(), contrary_reason.strip())
        notice = core.notices.create(category=NOTICE_CATEGORY, title=f"Kết quả lấy ý kiến Nhân dân: {c.title}",
                                     body_html=body, actor=actor, unit_id=row.area_unit_id,
                                     channels=("niem_yet", "trang_thong_tin_dien_tu"))
        core.notices.publish(notice.id, actor=actor)
        ConsultationRow.update(state="published", decision=decision, acceptance=acceptance.strip(),
                               contrary_reason=contrary_reason.strip(), majority=result.majority,
                               result_notice_id=notice.id, results_published_at=now()).where(
            ConsultationRow.id == row.id).execute()
        audit.record("bieuquyet.consultation.publish_results", "bieuquyet_consultation", row.id, actor=actor,
                     before={"state": "closed"},
                     after={"state": "published", "decision": decision, "majority": result.majority,
                            "agree": result.agree, "disagree": result.disagree, "other": result.other})
    return get(consultation_id)


def _results_html(c: Consultation, result: Tally, decision: str, acceptance: str, contrary: str) -> str:
    rows = "".join(f"<tr><td>{_esc(r.label)}</td><td>{r.agree}</td><td>{r.disagree}</td><td>{r.other}</td></tr>"
                   for r in result.rows)
    html = (f"<p>Kết quả lấy ý kiến Nhân dân về <strong>{_esc(c.title)}</strong> (từ ngày "
            f"{c.published_on:%d/%m/%Y} đến hết ngày {c.ends_on:%d/%m/%Y}).</p>"
            f"<table><thead><tr><th>Hình thức</th><th>Đồng ý</th><th>Không đồng ý</th><th>Ý kiến khác</th></tr>"
            f"</thead><tbody>{rows}<tr><td>Tổng cộng</td><td>{result.agree}</td><td>{result.disagree}</td>"
            f"<td>{result.other}</td></tr></tbody></table>"
            f"<p>Ý kiến đa số: {_esc(result.majority_label)}.</p>"
            f"<p>Quyết định: {_esc(DECISIONS[decision])}.</p>"
            f"<p>Tiếp thu, giải trình: {_esc(acceptance)}</p>")
    if contrary:
        html += f"<p>Lý do quyết định khác với ý kiến đa số: {_esc(contrary)}</p>"
    return html


def report(core, consultation_id: int, *, actor: Actor) -> Consultation:
    """R-YK-10: the report to the HĐND, a numbered Báo cáo (NĐ 30 layout); it carries the
    acceptance explanation, which so stays with the decision file (R-YK-05)."""
    with write_transaction():
        row = _row(consultation_id, lock=True)
        core.access.require(actor, P_CONSULT_MANAGE, scope_of(row))
        if row.state != "published":
            raise IllegalTransition("Báo cáo Hội đồng nhân dân sau khi đã công khai kết quả lấy ý kiến.")
        c = _to_consultation(row)
        result = tally(row.id)
        signer_name, signer_title = _signer(actor)
        items = [f"{r.label}: {r.agree} đồng ý, {r.disagree} không đồng ý, {r.other} ý kiến khác" for r in result.rows]
        sections = [
            {"title": "Nội dung và hình thức lấy ý kiến",
             "paragraphs": [f"{c.title} ({c.matter_label}). {_window_text(c)}"], "items": c.channel_labels},
            {"title": "Kết quả lấy ý kiến",
             "paragraphs": [f"Tổng số {result.total} ý kiến: {result.agree} đồng ý, {result.disagree} không đồng ý, "
                            f"{result.other} ý kiến khác. Ý kiến đa số: {result.majority_label.lower()}."],
             "items": items},
            {"title": "Tiếp thu, giải trình và quyết định",
             "paragraphs": [c.acceptance, f"Quyết định: {c.decision_label}."]
             + ([f"Lý do quyết định khác với ý kiến đa số: {c.contrary_reason}"] if c.contrary_reason else [])},
        ]
        doc = core.documents.issue(
            "bao_cao", subject=f"Kết quả lấy ý kiến Nhân dân về {c.title}"[:400],
            context={"paragraphs": ["Ủy ban nhân dân phường báo cáo Hội đồng nhân dân phường kết quả lấy ý kiến "
                                    "Nhân dân như sau:"], "sections": sections},
            signer_name=signer_name, signer_title=signer_title, recipients=[HDND, MTTQ, "Lưu: VT"],
            unit_id=row.unit_id, owner=("bieuquyet.consultation", row.id), view_permission=P_CONSULT_VIEW,
            actor=actor)
        ConsultationRow.update(state="reported", report_document_id=doc.id, reported_at=now()).where(
            ConsultationRow.id == row.id).execute()
        audit.record("bieuquyet.consultation.report", "bieuquyet_consultation", row.id, actor=actor,
                     before={"state": "published"}, after={"state": "reported", "document": doc.number_symbol})
    return get(consultation_id)
