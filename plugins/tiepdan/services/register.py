"""The reception register (sổ tiếp công dân): R-TD-08, R-TD-09, R-TD-11, R-TD-12, R-TD-14.

An entry belongs to the reception unit (its scope): recording needs ``tiepdan.receive``
over it, reading and exporting ``tiepdan.view``. A complaint, denunciation or petition
received at a visit opens its matter in the same transaction.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from thanthien.core import audit
from thanthien.core.counters import next_value
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import to_type
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import SYSTEM_ACTOR, Actor

from ..models import PartyRow, ReceiptRow, SessionRow, VisitRow
from ..types import (
    CLASSIFICATIONS,
    COMPLAINT,
    DENUNCIATION,
    MATTER_OF_CLASSIFICATION,
    ONLINE,
    P_RECEIVE,
    P_VIEW,
    RECEPTION_REFUSAL_GROUNDS,
    SECRET,
    VISIT_CHANNELS,
    VISIT_OWNER,
    WRITTEN_REFUSAL_GROUNDS,
    MatterFacts,
    PartyInput,
    Receipt,
    Visit,
    kind_of,
)
from .common import bounds, check_online, clean, person, reception_unit_id, unit_filter, visit_scope
from .documents import issue
from .identity import party_errors
from .matters import open_status_reply, receive

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def _visit(row: VisitRow) -> Visit:
    return to_type(Visit, row, number=f"{row.seq:04d}/{row.year}", case_id=row.case_id,
                   reply_case_id=row.reply_case_id, session_id=row.session_id)


def get_visit(visit_id: int) -> Visit:
    row = VisitRow.get_or_none(VisitRow.id == visit_id)
    if row is None:
        raise NotFound(f"Không tìm thấy lượt tiếp số {visit_id}.")
    return _visit(row)


def representative_errors(core: CoreServices, headcount: int, representatives: int,
                          on: dt.date) -> list[tuple[str, str]]:
    """R-TD-14: 5–10 people with the same content → 1–2 representatives; > 10 → at most 5."""
    r = core.rules
    small_min = int(r.value("R-TD-14.small_group_min", on))
    small_max = int(r.value("R-TD-14.small_group_max", on))
    rep_min = int(r.value("R-TD-14.small_group_representatives_min", on))
    if headcount < small_min:
        return []
    if headcount <= small_max:
        low, high = rep_min, int(r.value("R-TD-14.small_group_representatives_max", on))
    else:
        low, high = rep_min, int(r.value("R-TD-14.max_representatives", on))
    if not low <= representatives <= high:
        return [("representatives", f"Đoàn {headcount} người cùng nội dung phải cử từ {low} đến {high} người "
                                    f"đại diện (R-TD-14); đã khai {representatives} người.")]
    return []


def record_visit(core: CoreServices, *, summary: str, classification: str, visitor: PartyInput,
                 headcount: int = 1, representatives: list[PartyInput] = (), request: str = "",
                 prior_handling: str = "", received_at: dt.datetime | None = None, session_id: int | None = None,
                 citizen_signed: bool = False, matter: MatterFacts | None = None, channel: str = "truc_tiep",
                 actor: Actor = SYSTEM_ACTOR) -> Visit:
    """Record a visit in the register (R-TD-11) and start the law's clock for it.

    ``classification`` is one of R-TD-11's five keys. A complaint, a denunciation or a
    petition opens its matter (``matter`` holds its own facts: the accused, the date the
    decision was known …); a complaint or denunciation also opens the status reply due
    within 10 working days (R-TD-13). A policy question is answered on the spot. For a
    group (đoàn đông người) ``visitor`` is the first representative and
    ``representatives`` the others (R-TD-14). ``channel`` is ``truc_tiep`` or, from
    R-TD-05's date in force, ``truc_tuyen`` (online reception).
    """
    unit_id = reception_unit_id(core)
    core.access.require(actor, P_RECEIVE, unit_id)
    when = received_at or now()
    representatives = list(representatives or ())
    errors: list[tuple[str, str]] = []
    summary = clean(summary)
    if not summary:
        errors.append(("summary", "Vui lòng ghi tóm tắt nội dung vụ việc."))
    if classification not in CLASSIFICATIONS:
        errors.append(("classification", "Vui lòng phân loại: khiếu nại, tố cáo, kiến nghị, phản ánh "
                                         "hoặc hỏi chính sách."))
    if channel not in VISIT_CHANNELS:
        errors.append(("channel", "Hình thức tiếp không hợp lệ: trực tiếp hoặc trực tuyến."))
    elif channel == ONLINE:
        errors += check_online(core, when.date(), "channel")  # R-TD-05
    if not isinstance(headcount, int) or headcount < 1:
        errors.append(("headcount", "Số người phải từ 1 trở lên."))
        headcount = 1
    errors += party_errors("visitor", visitor or PartyInput(), require_contact=classification != "hoi_chinh_sach")
    for i, rep in enumerate(representatives):
        errors += party_errors(f"representatives.{i}", rep, require_contact=False)
    errors += representative_errors(core, headcount, 1 + len(representatives), when.date())
    if session_id is not None and SessionRow.get_or_none(SessionRow.id == session_id) is None:
        errors.append(("session_id", "Buổi tiếp không tồn tại."))
    if errors:
        raise ValidationError(errors)
    facts = matter or MatterFacts()
    with write_transaction():
        seq = next_value(f"tiepdan:visit:{when.year}")
        officer = person(actor.person_id)
        row = VisitRow.create(year=when.year, seq=seq, received_at=when, session=session_id,
                              headcount=headcount, summary=summary, prior_handling=clean(prior_handling),
                              request=clean(request), classification=classification,
                              officer=officer.id if officer else None, officer_name=actor.name,
                              citizen_signed=bool(citizen_signed), unit_id=unit_id, channel=channel,
                              handling="tra_loi_truc_tiep" if classification == "hoi_chinh_sach" else "")
        confidential = classification == DENUNCIATION
        for i, who in enumerate([visitor, *representatives]):
            role = ("denouncer" if confidential else "applicant") if i == 0 else "representative"
            PartyRow.create(visit=row.id, role=role, confidential=confidential, **who.values())
        audit.record("tiepdan.visit.record", "tiepdan_visit", row.id, actor=actor,
                     after={"number": f"{seq:04d}/{when.year}", "classification": classification,
                            "headcount": headcount, "channel": channel})
        kind = MATTER_OF_CLASSIFICATION.get(classification)
        if kind is not None:
            content = facts.content or summary + ("\n" + clean(request) if clean(request) else "")
            case = receive(core, kind, subject=facts.subject or summary, channel=channel,
                           parties=[visitor, *representatives], content=content, accused=facts.accused,
                           received_at=when, actor=actor, visit_id=row.id, complexity=facts.complexity,
                           multi_site=facts.multi_site, decision_known_on=facts.decision_known_on,
                           excused_days=facts.excused_days, owner_id=facts.owner_id)
            updates: dict[str, Any] = {"case": case.id, "handling": "tiep_nhan_don"}
            if kind_of(case.case_type) in (COMPLAINT, DENUNCIATION):  # R-TD-13 (a petition's own clock)
                updates["reply_case"] = open_status_reply(core, case, visit_id=row.id, channel=channel,
                                                          actor=actor, when=when).id
            VisitRow.update(**updates).where(VisitRow.id == row.id).execute()
    return get_visit(row.id)


def refuse_visit(core: CoreServices, *, ground: str, summary: str, visitor: PartyInput, explanation: str = "",
                 legal_basis: str = "", classification: str = "khieu_nai", received_at: dt.datetime | None = None,
                 actor: Actor = SYSTEM_ACTOR) -> Visit:
    """Refuse to receive a person on a ground of R-TD-08; ground (3) is notified in writing
    (R-TD-09, Mẫu 01-TCD), others may be. The refusal is still entered in the register; its
    notice belongs to the entry (read with ``tiepdan.view`` over the reception unit)."""
    unit_id = reception_unit_id(core)
    core.access.require(actor, P_RECEIVE, unit_id)
    errors = []
    if ground not in RECEPTION_REFUSAL_GROUNDS:
        errors.append(("ground", "Chỉ được từ chối tiếp theo một trong các trường hợp của Điều 9 Luật "
                                 "Tiếp công dân (R-TD-08)."))
    if ground == "ly_do_khac" and not clean(legal_basis):
        errors.append(("legal_basis", "Vui lòng ghi căn cứ pháp luật của việc từ chối."))
    if not clean(summary):
        errors.append(("summary", "Vui lòng ghi tóm tắt sự việc."))
    if classification not in CLASSIFICATIONS:
        errors.append(("classification", "Phân loại không hợp lệ."))
    errors += party_errors("visitor", visitor or PartyInput(), require_contact=False)
    if errors:
        raise ValidationError(errors)
    when = received_at or now()
    name = visitor.values()["full_name"]
    with write_transaction():
        seq = next_value(f"tiepdan:visit:{when.year}")
        officer = person(actor.person_id)
        row = VisitRow.create(year=when.year, seq=seq, received_at=when, summary=clean(summary),
                              classification=classification, handling="tu_choi", refusal_ground=ground,
                              handling_note=clean(explanation or legal_basis), unit_id=unit_id,
                              officer=officer.id if officer else None, officer_name=actor.name)
        PartyRow.create(visit=row.id, role="applicant", **visitor.values())
        doc = None
        if ground in WRITTEN_REFUSAL_GROUNDS or ground == "ly_do_khac":
            reason = RECEPTION_REFUSAL_GROUNDS[ground] + (f" ({clean(legal_basis)})" if clean(legal_basis) else "")
            paragraphs = [
                f"Ngày {format_date(when)}, {core.settings.ward.committee_name.title()} tiếp nhận việc "
                f"ông/bà {name} đến nơi tiếp công dân với nội dung: {clean(summary)}.",
                f"Căn cứ Điều 9 Luật Tiếp công dân năm 2013, Ủy ban nhân dân thông báo từ chối tiếp công dân "
                f"đối với ông/bà {name} vì lý do: {reason}.",
            ]
            if clean(explanation):
                paragraphs.append(clean(explanation))
            doc = issue(core, "thong_bao", subject="Từ chối tiếp công dân", paragraphs=paragraphs,
                        recipients=[f"Ông/bà {name}", "Lưu hồ sơ tiếp công dân"], actor=actor,
                        owner=(VISIT_OWNER, row.id), unit_id=unit_id, issued_on=when.date(),
                        bases=["Căn cứ Luật Tiếp công dân ngày 25 tháng 11 năm 2013"])
            VisitRow.update(document_id=doc.id).where(VisitRow.id == row.id).execute()
        audit.record("tiepdan.visit.refuse", "tiepdan_visit", row.id, actor=actor,
                     after={"number": f"{seq:04d}/{when.year}", "ground": ground,
                            "document_id": doc.id if doc else None})
    return get_visit(row.id)


def issue_receipt(core: CoreServices, *, items: list[str], visit_id: int | None = None, case_id: int | None = None,
                  actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None) -> Receipt:
    """A receipt for the documents and evidence handed in (giấy biên nhận, R-TD-12): two
    copies for a complaint, three for a denunciation."""
    items = [clean(i) for i in items or () if clean(i)]
    errors = []
    if not items:
        errors.append(("items", "Vui lòng liệt kê giấy tờ, tài liệu, chứng cứ đã nhận."))
    if visit_id is None and case_id is None:
        errors.append(("case_id", "Giấy biên nhận phải gắn với một lượt tiếp hoặc một hồ sơ."))
    if errors:
        raise ValidationError(errors)
    case = None
    if case_id is not None:
        case = core.cases.get(case_id)
        core.access.require(actor, P_RECEIVE, case.unit_id)
    else:
        visit = get_visit(visit_id)
        core.access.require(actor, P_RECEIVE, visit_scope(visit))
        case = core.cases.get(visit.case_id) if visit.case_id else None
    when = at or now()
    kind = kind_of(case.case_type) if case is not None else None
    key = "R-TD-12.copies_denunciation" if kind == DENUNCIATION else "R-TD-12.copies_complaint"
    copies = int(core.rules.value(key, when.date()))
    with write_transaction():
        seq = next_value(f"tiepdan:receipt:{when.year}")
        row = ReceiptRow.create(year=when.year, seq=seq, visit=visit_id, case=case_id, items=items,
                                copies=copies, issued_at=when, officer_name=actor.name)
        audit.record("tiepdan.receipt.issue", "tiepdan_receipt", row.id, actor=actor,
                     after={"number": f"{seq:04d}/{when.year}", "items": len(items), "copies": copies})
    return Receipt(row.id, f"{seq:04d}/{when.year}", tuple(items), copies, when, actor.name)


def register(core: CoreServices, start: dt.date, end: dt.date, *, actor: Actor | None,
             limit: int = 500) -> list[Visit]:
    """The reception register over a period, the entries of the actor's units only
    (``tiepdan.view``); without identities (see :func:`.identity.masked_visitors`)."""
    lo, hi = bounds(start, end)
    q = VisitRow.select().where(VisitRow.received_at >= lo, VisitRow.received_at <= hi)
    scoped = unit_filter(VisitRow.unit_id, core.access.units_for(actor, P_VIEW))
    if scoped is not None:
        q = q.where(scoped)
    return [_visit(r) for r in q.order_by(VisitRow.year, VisitRow.seq).limit(limit)]


def export_register(core: CoreServices, start: dt.date, end: dt.date, *, actor: Actor) -> list[dict[str, Any]]:
    """An export of the reception register with the visitors' names and addresses in full,
    the entries of the actor's units only; logged (R-DL-11). Denouncers never appear in an
    export, nor a denunciation's content (R-TC-10)."""
    core.access.require(actor, P_VIEW, reception_unit_id(core))
    visits = register(core, start, end, actor=actor, limit=100000)
    first: dict[int, PartyRow] = {}
    if visits:
        for row in PartyRow.select().where(PartyRow.visit.in_([v.id for v in visits])).order_by(PartyRow.id):
            first.setdefault(row.visit_id, row)
    rows = []
    for v in visits:
        who = first.get(v.id)
        secret = v.confidential or (who is not None and who.confidential)
        rows.append({
            "so_thu_tu": v.number, "ngay_tiep": format_date(v.received_at),
            "ho_ten": SECRET if secret else (who.full_name if who else ""),
            "dia_chi": SECRET if secret else (who.address if who else ""),
            "so_nguoi": v.headcount, "noi_dung": v.shown_summary,
            "phan_loai": v.classification_label, "huong_xu_ly": v.handling_label, "can_bo_tiep": v.officer_name,
        })
    audit.record("tiepdan.register.export", "tiepdan_visit", "", actor=actor,
                 after={"from": start, "to": end, "rows": len(rows), "fields": ["ho_ten", "dia_chi"]})
    return rows
