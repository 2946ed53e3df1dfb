"""Signing a draft (a numbered *Thư công* in the register), sending or handing it over,
publishing a holiday greeting as a notice, cancelling a draft."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from thanthien.core import audit
from thanthien.core.errors import IllegalTransition, ValidationError
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.types import Actor

from ..types import DOC_TYPE, GREETING_CHANNELS, LETTER_OWNER, NOTICE_CATEGORY, P_MANAGE, P_SIGN, P_VIEW, SEND_METHODS, Letter
from .common import config, letter_scope, set_letter_state
from .queries import get_letter
from .templates import render_body

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


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


def sign(core: CoreServices, letter_id: int, *, actor: Actor, at: dt.datetime | None = None) -> Letter:
    """Sign a draft: it becomes a numbered *Thư công* in the register (R-VB-24), with
    "Kính gửi:" the addressee (R-VB-19) and its date "ngày … tháng … năm …" (R-VB-11).
    The document belongs to the letter: those who may read the letter may read it."""
    letter = get_letter(letter_id)
    core.access.require(actor, P_SIGN, letter_scope(letter))
    if letter.state != "draft":
        raise IllegalTransition(f"Chỉ ký được thư dự thảo; thư đang “{letter.state_label}”.")
    if not letter.addressee:
        raise ValidationError([("addressee", "Vui lòng ghi người nhận thư (Kính gửi) trước khi ký.")])
    authority, title = signer_for(actor)
    when = at or now()
    with write_transaction():
        doc = core.documents.issue(
            DOC_TYPE, subject=letter.subject,
            context={**letter.context, "letter_template": letter.template_path, "addressee": letter.addressee},
            signer_name=actor.name, signer_title=title, signing_authority=authority,
            recipients=_recipients(letter), addressees=[letter.addressee], issued_on=when.date(),
            case_id=letter.case_id, unit_id=letter.unit_id, owner=(LETTER_OWNER, letter.id),
            view_permission=P_VIEW, drafting_unit=config(core).drafting_unit, actor=actor)
        set_letter_state(letter, "signed", document=doc.id, signed_at=when, signer_name=actor.name)
        audit.record("thamhoi.letter.sign", "thamhoi_letter", letter_id, actor=actor,
                     before={"state": "draft"}, after={"state": "signed", "document": doc.number_symbol})
    return get_letter(letter_id)


def mark_sent(core: CoreServices, letter_id: int, *, method: str, actor: Actor,
              at: dt.datetime | None = None) -> Letter:
    """Record that a signed letter was handed over or posted."""
    letter = get_letter(letter_id)
    core.access.require(actor, P_MANAGE, letter_scope(letter))
    if method not in SEND_METHODS or method == "published":
        raise ValidationError([("method", "Vui lòng chọn cách gửi, trao thư.")])
    if letter.kind == "holiday_greeting":
        raise ValidationError([("method", "Thư chúc mừng năm mới, ngày lễ được công bố, không gửi riêng.")])
    return sent(letter, method, actor, at or now())


def sent(letter: Letter, method: str, actor: Actor, when: dt.datetime, notice_id: int | None = None) -> Letter:
    """Mark a signed letter sent (the caller checked the actor)."""
    if letter.state != "signed":
        raise IllegalTransition(f"Chỉ gửi được thư đã ký; thư đang “{letter.state_label}”.")
    with write_transaction():
        changes: dict[str, Any] = {"sent_at": when, "sent_method": method}
        if notice_id is not None:
            changes["notice"] = notice_id
        set_letter_state(letter, "sent", **changes)
        audit.record("thamhoi.letter.send", "thamhoi_letter", letter.id, actor=actor,
                     before={"state": "signed"}, after={"state": "sent", "method": method})
    return get_letter(letter.id)


def publish_greeting(core: CoreServices, letter_id: int, *, actor: Actor, at: dt.datetime | None = None) -> Letter:
    """Publish a signed holiday greeting as a core notice on the loudspeaker, the website
    and the residents' social groups (plan III.1.6). It names no resident (R-DL-07)."""
    letter = get_letter(letter_id)
    core.access.require(actor, P_SIGN, letter_scope(letter))
    if letter.kind != "holiday_greeting":
        raise ValidationError([("letter", "Chỉ thư chúc mừng năm mới, ngày lễ được công bố công khai.")])
    if letter.state != "signed":
        raise IllegalTransition(f"Chỉ công bố được thư đã ký; thư đang “{letter.state_label}”.")
    when = at or now()
    end = (letter.occasion_date or when.date()) + dt.timedelta(days=config(core).greeting_days_after)
    notices = core.notices
    with write_transaction():
        notice = notices.create(category=NOTICE_CATEGORY, title=letter.subject, body_html=render_body(core, letter),
                                actor=actor, window_start=when.date(), window_end=max(end, when.date()),
                                channels=GREETING_CHANNELS, decision_ref=letter.number_symbol,
                                decision_date=letter.signed_at.date() if letter.signed_at else None)
        notices.publish(notice.id, actor=actor, at=when)
        return sent(letter, "published", actor, when, notice_id=notice.id)


def cancel(core: CoreServices, letter_id: int, *, reason: str, actor: Actor) -> Letter:
    """Cancel a draft (e.g. the family asked for no letter); a signed letter stays in the register."""
    letter = get_letter(letter_id)
    core.access.require(actor, P_MANAGE, letter_scope(letter))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError([("reason", "Vui lòng ghi lý do hủy thư.")])
    if letter.state != "draft":
        raise IllegalTransition("Chỉ hủy được thư đang là dự thảo; thư đã ký đã vào sổ văn bản.")
    with write_transaction():
        set_letter_state(letter, "cancelled", cancel_reason=reason)
        audit.record("thamhoi.letter.cancel", "thamhoi_letter", letter_id, actor=actor,
                     before={"state": "draft"}, after={"state": "cancelled"}, reason=reason)
    return get_letter(letter_id)
