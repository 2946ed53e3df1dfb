"""Petitions and feedback received by the board (R-PA-09), verified and answered in
writing (plan III.2.3a), or referred to the competent body (R-TTND-08).

The sender's name, address and phone are personal data (classified in ``__init__``):
the board's current members read them in full, and every read that shows them is
audit-logged; other readers see the phone and address masked; lists never show them.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
from thanthien.core import audit
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import CaseRow, to_type
from thanthien.core.privacy import mask
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import Actor, Case, CaseEvent

from ..models import PetitionRow
from ..types import CHANNELS, P_VIEW, P_WORK, PETITION, PETITION_OWNER, Petition, PetitionSummary
from .common import (
    ARCHIVE,
    FRONT_STANDING,
    SIGNER_TITLE,
    SIGNING_AUTHORITY,
    board_issuer,
    board_scope,
    board_unit_id,
    clean,
)
from .members import board_head

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: the sender's fields (personal data, R-DL-02)
SENDER_FIELDS = ("sender_name", "sender_address", "sender_phone")


def receive_petition(core: CoreServices, *, subject: str, content: str, channel: str, sender_name: str = "",
                     sender_address: str = "", sender_phone: str = "", received_at: dt.datetime | None = None,
                     actor: Actor) -> Case:
    """R-PA-09: the board receives feedback directly or through the suggestion box."""
    core.access.require(actor, P_WORK, board_scope())
    errors = []
    if channel not in CHANNELS:
        errors.append(("channel", "Vui lòng chọn kênh tiếp nhận: trực tiếp hoặc hòm thư góp ý (R-PA-09)."))
    if not clean(subject):
        errors.append(("subject", "Vui lòng nhập trích yếu phản ánh, kiến nghị."))
    if not clean(content):
        errors.append(("content", "Vui lòng nhập nội dung phản ánh, kiến nghị."))
    phone = clean(sender_phone).replace(" ", "")
    if phone and (not phone.lstrip("+").isdigit() or not 9 <= len(phone.lstrip("+")) <= 12):
        errors.append(("sender_phone", "Số điện thoại không hợp lệ."))
    if received_at is not None and received_at > now() + dt.timedelta(minutes=5):
        errors.append(("received_at", "Ngày tiếp nhận không được sau hôm nay."))
    if errors:
        raise ValidationError(errors)

    def detail(case: Case) -> None:
        PetitionRow.create(case=case.id, channel=channel, sender_name=clean(sender_name)[:255],
                           sender_address=clean(sender_address)[:255], sender_phone=phone[:20],
                           content=clean(content))

    return core.cases.open(PETITION, clean(subject), actor=actor, received_at=received_at,
                           unit_id=board_unit_id(), data={"channel": channel}, on_opened=detail)


def _petition_row(case_id: int) -> PetitionRow:
    row = PetitionRow.get_or_none(PetitionRow.case == case_id)
    if row is None:
        raise NotFound(f"Không tìm thấy phản ánh, kiến nghị số {case_id}.")
    return row


def get_petition(core: CoreServices, case_id: int) -> Petition:
    """A petition with its sender in full, unchecked: for the module's own steps."""
    row = _petition_row(case_id)
    case = core.cases.get(case_id)
    ct = core.cases.case_type(PETITION)
    return Petition(
        id=case.id, number=case.number, subject=case.subject, state=case.state,
        state_label=ct.state(case.state).label, received_at=case.received_at, due_date=case.due_date,
        closed_at=case.closed_at, timeliness=case.timeliness() if case.closed_at else "", channel=row.channel,
        channel_label=CHANNELS.get(row.channel, row.channel), sender_name=row.sender_name,
        sender_address=row.sender_address, sender_phone=row.sender_phone, content=row.content,
        findings=row.findings, result_document_id=row.result_document_id,
        actions=[t.name for t in ct.available(case.state)])


def view_petition(core: CoreServices, case_id: int, *, actor: Actor | None) -> Petition:
    """A petition for ``actor`` (readers of the board only). The board's current members,
    who handle the sender, read his or her contacts in full — audit-logged; other readers
    (leaders, UB MTTQ) see the phone and address masked."""
    core.access.require(actor, P_VIEW, board_scope(case_id))
    petition = get_petition(core, case_id)
    if not core.access.can(actor, P_WORK, board_scope()):
        petition = attrs.evolve(petition, sender_phone=mask("phone", petition.sender_phone),
                                sender_address=mask("address", petition.sender_address))
        shown = ["sender_name"] if petition.sender_name else []
    else:
        shown = [f for f in SENDER_FIELDS if getattr(petition, f)]
    if shown:
        audit.record("thanhtra.petition.view_personal", "thanhtra_petition", case_id, actor=actor,
                     after={"fields": shown})
    return petition


def petition_steps(core: CoreServices, case_id: int, *, actor: Actor | None) -> list[CaseEvent]:
    """The recorded steps of a petition (readers of the board only)."""
    core.access.require(actor, P_VIEW, board_scope(case_id))
    _petition_row(case_id)
    return core.cases.events(case_id)


def petitions(core: CoreServices, *, actor: Actor | None, open_only: bool = False,
              limit: int = 200) -> list[PetitionSummary]:
    """The board's petitions, newest first, without the senders (readers of the board only)."""
    core.access.require(actor, P_VIEW, board_scope())
    q = CaseRow.select().where(CaseRow.case_type == PETITION)
    if open_only:
        q = q.where(CaseRow.closed_at.is_null(True))
    ct = core.cases.case_type(PETITION)
    out = []
    for r in q.order_by(CaseRow.received_at.desc(), CaseRow.id.desc()).limit(limit):
        case = to_type(Case, r)
        out.append(PetitionSummary(case.id, case.number, case.subject, case.received_at,
                                   ct.state(case.state).label, case.due_date,
                                   CHANNELS.get(case.data.get("channel"), "")))
    return out


def verify_petition(core: CoreServices, case_id: int, *, note: str = "", actor: Actor,
                    at: dt.datetime | None = None) -> Case:
    """A member is assigned to verify the matter."""
    core.access.require(actor, P_WORK, board_scope(case_id))
    _petition_row(case_id)
    return core.cases.transition(case_id, "verify", actor=actor, note=clean(note), at=at)


def notify_petition(core: CoreServices, case_id: int, *, findings: str, actor: Actor,
                    at: dt.datetime | None = None) -> Case:
    """Plan III.2.3a: the verification result is notified IN WRITING to whoever raised
    the matter — a Thông báo document in the same transaction as the closing step."""
    core.access.require(actor, P_WORK, board_scope(case_id))
    row = _petition_row(case_id)
    case = core.cases.get(case_id)
    errors = []
    if not clean(findings):
        errors.append(("findings", "Vui lòng nhập kết quả xác minh."))
    if not row.sender_name:
        errors.append(("findings", "Phản ánh không ghi họ tên người gửi nên không thể thông báo bằng văn bản; "
                                   "hãy công khai kết quả hoặc kiến nghị cơ quan có thẩm quyền."))
    if errors:
        raise ValidationError(errors)
    when = at or now()
    head = board_head(when.date())
    with write_transaction():
        doc = core.documents.issue(
            "thong_bao", subject=f"Kết quả xác minh phản ánh, kiến nghị số {case.number}", issued_on=when.date(),
            context={"paragraphs": [
                f"Ngày {format_date(case.received_at)}, Ban Thanh tra nhân dân phường nhận được phản ánh, "
                f"kiến nghị của {row.sender_name} về việc: {case.subject}.",
                f"Kết quả kiểm tra, xác minh: {clean(findings)}",
                "Ban Thanh tra nhân dân phường thông báo để ông (bà) được biết."]},
            signer_name=head.full_name, signer_title=SIGNER_TITLE, signing_authority=SIGNING_AUTHORITY,
            issuer=board_issuer(core), recipients=[row.sender_name, FRONT_STANDING, ARCHIVE],
            case_id=case_id, unit_id=board_unit_id(), owner=(PETITION_OWNER, case_id), view_permission=P_VIEW,
            actor=actor)
        PetitionRow.update(findings=clean(findings), result_document_id=doc.id).where(
            PetitionRow.id == row.id).execute()
        case = core.cases.transition(case_id, "notify", actor=actor, at=when,
                                     note=f"Thông báo kết quả số {doc.number_symbol}",
                                     data={"document_id": doc.id})
    return case


def refer_petition(core: CoreServices, case_id: int, *, to_agency: str, findings: str = "", actor: Actor,
                   at: dt.datetime | None = None) -> Case:
    """A violation found: the board recommends the competent body to handle it (R-TTND-08)."""
    core.access.require(actor, P_WORK, board_scope(case_id))
    row = _petition_row(case_id)
    if not clean(to_agency):
        raise ValidationError([("to_agency", "Vui lòng nhập cơ quan, tổ chức có thẩm quyền được kiến nghị xử lý.")])
    with write_transaction():
        PetitionRow.update(findings=clean(findings)).where(PetitionRow.id == row.id).execute()
        return core.cases.transition(case_id, "refer", actor=actor, at=at,
                                     note=f"Kiến nghị {clean(to_agency)} xem xét, xử lý")
