"""Matters (đơn thư) on core's case engine and their legal clocks: opening, steps, the
handler's assignment, forwarding, reading a matter and the scoped list.

A matter is a core case (``tiepdan_khieu_nai`` …) with the module's detail row
(:class:`~..models.MatterRow`), its people (:class:`~..models.PartyRow`), its clocks
(:class:`~..models.ClockRow`: one per stage, with the rule that set it and whether it was
met) and a tracking code. It belongs to the reception unit (its scope). Every step runs in
one transaction with its case event, its clocks and its audit entries.
"""
from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import TYPE_CHECKING, Any

from thanthien.core import audit
from thanthien.core.errors import NotFound, PermissionDenied, ValidationError
from thanthien.core.models import CaseRow, to_type
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import fold
from thanthien.core.types import SYSTEM_ACTOR, Actor, Case

from ..models import ClockRow, MatterRow, PartyRow, TrackingRow, VisitRow
from ..types import (
    CASE_TYPES,
    CHANNELS,
    COMPLAINT,
    COMPLEXITY,
    DENUNCIATION,
    DENUNCIATION_LABEL,
    MATTER_KINDS,
    ONLINE,
    P_ASSIGN_DENUNCIATION,
    P_HANDLE,
    P_RECEIVE,
    P_VIEW,
    PETITION,
    STATUS_REPLY,
    STATUS_REPLY_TYPE,
    Clock,
    Matter,
    PartyInput,
    kind_of,
)
from .common import case_scope, check_online, clean, person, reception_unit_id
from .documents import issue, sender_line
from .identity import can_view, party_errors, require_content

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


# -- clocks ------------------------------------------------------------------------

def rule_of(policy, case: Case) -> str:
    """The rule ID behind a deadline policy ("R-KN-04" of "R-KN-04.days_complex")."""
    amount = policy.amount(case) if callable(policy.amount) else policy.amount
    return amount.split(".")[0]


def clock_start(case: Case, stage: str, rule: str, at: dt.datetime) -> None:
    if case.due_date is not None:
        ClockRow.create(case=case.id, stage=stage, rule=rule, started_at=at, due_date=case.due_date)


def clock_finish(case_id: int, at: dt.datetime, *, due: dt.date | None = None, rule: str | None = None) -> None:
    """End the running clock of a case; ``due``/``rule`` replace it when another clock
    governs the step taken (forwarding within 5 working days, R-TC-04, R-PA-06)."""
    row = (ClockRow.select().where(ClockRow.case == case_id, ClockRow.done_at.is_null(True))
           .order_by(ClockRow.id.desc()).first())
    if row is None:
        return
    due = due or row.due_date
    changes: dict[str, Any] = {"done_at": at, "due_date": due, "late": at.date() > due}
    if rule:
        changes["rule"] = rule
    ClockRow.update(**changes).where(ClockRow.id == row.id).execute()


def clocks(case_id: int) -> list[Clock]:
    return [to_type(Clock, r) for r in ClockRow.select().where(ClockRow.case == case_id).order_by(ClockRow.id)]


# -- tracking codes ------------------------------------------------------------------

def new_tracking_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
    while True:
        code = "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))
        if TrackingRow.get_or_none(TrackingRow.code == code) is None:
            return code


def tracking_code(case_id: int) -> str:
    row = TrackingRow.select().where(TrackingRow.case == case_id).order_by(TrackingRow.id).first()
    return row.code if row else ""


def matter_row(case_id: int) -> MatterRow:
    row = MatterRow.get_or_none(MatterRow.case == case_id)
    if row is None:
        raise NotFound(f"Hồ sơ số {case_id} không thuộc phân hệ tiếp công dân.")
    return row


# -- opening -----------------------------------------------------------------------

def filing_deadline(core: CoreServices, known_on: dt.date, excused_days: int = 0) -> dt.date:
    """R-KN-01: a complaint is filed within 90 days of learning of the decision or act; days
    lost to illness, disaster or travel (``excused_days``) do not count. Counted from the
    day after the citizen learnt of it (R-LV-11); a last day off moves on (R-LV-12)."""
    n = int(core.rules.value("R-KN-01.days", known_on))
    return core.calendar.period_end(known_on, n + max(int(excused_days or 0), 0))


def named_in(case: Case, matter: MatterRow | None, person_id: int | None) -> bool:
    """Is the person named in the matter (its subject, the accused, its content) — the
    denounced person, who may not handle it (Luật Tố cáo Art. 47, R-TC-10)?"""
    who = person(person_id)
    if who is None or not who.full_name.strip():
        return False
    text = fold(" ".join([case.subject, matter.accused if matter else "", matter.content if matter else ""]))
    return re.search(rf"(?<!\w){re.escape(fold(who.full_name))}(?!\w)", text) is not None


def _check_assignee(core: CoreServices, case: Case, matter: MatterRow | None, owner_id: int, actor: Actor,
                    errors: list[tuple[str, str]]) -> None:
    """The handler must be staff; a denunciation's is chosen by the competent person (the
    Chủ tịch, ``tiepdan.assign_denunciation``) and is never a person it names (R-TC-10)."""
    if case.confidential:
        core.access.require(actor, P_ASSIGN_DENUNCIATION, case_scope(case),
                            message="Chỉ Chủ tịch UBND (người có thẩm quyền giải quyết tố cáo) được giao, giao lại "
                                    "người xử lý đơn tố cáo (R-TC-10).")
    if not core.access.check_assignee(owner_id, P_HANDLE, field="owner_id", errors=errors,
                                      message="Người được giao phải là cán bộ, công chức có nhiệm vụ xử lý đơn thư."):
        return
    if case.confidential and named_in(case, matter, owner_id):
        errors.append(("owner_id", "Người bị tố cáo không được giao xử lý đơn tố cáo về mình (R-TC-10)."))


def open_matter(core: CoreServices, kind: str, *, subject: str, channel: str, parties: list[PartyInput],
                content: str = "", accused: str = "", received_at: dt.datetime | None = None,
                actor: Actor = SYSTEM_ACTOR, visit_id: int | None = None, complexity: str = "simple",
                multi_site: bool = False, decision_known_on: dt.date | None = None, excused_days: int = 0,
                owner_id: int | None = None, anonymous: bool = False, has_evidence: bool = False,
                parent_case_id: int | None = None) -> Case:
    """Open a complaint, denunciation or petition (``kind``: ``khieu_nai``, ``to_cao``,
    ``phan_anh``) with its first clock and tracking code; ``actor`` receives it
    (``tiepdan.receive`` over the reception unit).

    * complaint: R-KN-01 filing limit is checked (``decision_known_on``) and recorded;
      acceptance is due within R-KN-02.
    * denunciation: initial handling within R-TC-03 (``multi_site`` → the longer period);
      forwarding, when not competent, within R-TC-04. An anonymous or pseudonymous letter
      is not a denunciation (R-TC-05): with clear content and evidence it is opened as
      information to inspect (a petition flagged ``anonymous_denunciation``), otherwise it
      is refused here. Its handler (``owner_id``) is chosen by the Chủ tịch only (R-TC-10).
    * petition: status reply within R-PA-07, forwarding within R-PA-06.
    * online (``truc_tuyen``): only from R-TD-05's date in force.
    """
    core.access.require(actor, P_RECEIVE, reception_unit_id(core))
    return receive(core, kind, subject=subject, channel=channel, parties=parties, content=content, accused=accused,
                   received_at=received_at, actor=actor, visit_id=visit_id, complexity=complexity,
                   multi_site=multi_site, decision_known_on=decision_known_on, excused_days=excused_days,
                   owner_id=owner_id, anonymous=anonymous, has_evidence=has_evidence, parent_case_id=parent_case_id)


def receive(core: CoreServices, kind: str, *, subject: str, channel: str, parties: list[PartyInput],
            content: str = "", accused: str = "", received_at: dt.datetime | None = None,
            actor: Actor = SYSTEM_ACTOR, visit_id: int | None = None, complexity: str = "simple",
            multi_site: bool = False, decision_known_on: dt.date | None = None, excused_days: int = 0,
            owner_id: int | None = None, anonymous: bool = False, has_evidence: bool = False,
            parent_case_id: int | None = None) -> Case:
    """:func:`open_matter` without the receiving officer's permission: for the portal
    (a resident) and for the module's own steps, whose caller checked the actor."""
    when = received_at or now()
    kind = kind_of(kind)
    parties = list(parties or ())
    errors: list[tuple[str, str]] = []
    if kind not in (COMPLAINT, DENUNCIATION, PETITION):
        errors.append(("kind", "Loại đơn không hợp lệ."))
    if channel not in CHANNELS:
        errors.append(("channel", "Kênh tiếp nhận không hợp lệ."))
    elif channel == ONLINE:
        errors += check_online(core, when.date(), "channel")  # R-TD-05
    if complexity not in COMPLEXITY:
        errors.append(("complexity", "Tính chất vụ việc không hợp lệ."))
    if not clean(subject):
        errors.append(("subject", "Vui lòng nhập trích yếu nội dung đơn."))
    elif len(clean(subject)) > 500:
        errors.append(("subject", "Trích yếu dài quá 500 ký tự."))
    if kind == DENUNCIATION and anonymous:  # R-TC-05
        if not (has_evidence and clean(content)):
            raise ValidationError([("anonymous", "Đơn tố cáo nặc danh, mạo danh không được xử lý là tố cáo; "
                                                 "nội dung không rõ ràng, không có thông tin, tài liệu, chứng "
                                                 "cứ cụ thể nên không có cơ sở để kiểm tra (R-TC-05).")])
        kind, parties = PETITION, []
    elif kind in (COMPLAINT, DENUNCIATION, PETITION) and not (kind == PETITION and channel == "hom_thu"):
        if not parties:
            errors.append(("parties", "Vui lòng nhập họ tên, địa chỉ người gửi đơn (R-TC-02, R-PA-03)."))
        for i, p in enumerate(parties):
            errors += party_errors(f"parties.{i}", p, require_contact=(i == 0))
    if kind == COMPLAINT and decision_known_on is None:
        errors.append(("decision_known_on", "Vui lòng nhập ngày nhận được hoặc biết được quyết định, hành vi "
                                            "bị khiếu nại (để tính thời hiệu, R-KN-01)."))
    if errors:
        raise ValidationError(errors)
    data: dict[str, Any] = {"channel": channel, "complexity": complexity}
    if kind == DENUNCIATION:
        data["multi_site"] = bool(multi_site)
        # R-TC-04: forwarded within 5 working days of receipt (R-LV-11)
        data["forward_due"] = core.calendar.period_end(
            when, int(core.rules.value("R-TC-04.max_working_days", when.date())), "working_days").isoformat()
    if kind == PETITION:
        # R-PA-06: forwarded within 5 working days of receipt (R-LV-11)
        data["forward_due"] = core.calendar.period_end(
            when, int(core.rules.value("R-PA-06.max_working_days", when.date())), "working_days").isoformat()
        if anonymous:
            data["anonymous_denunciation"] = True  # R-TC-05
    if kind == COMPLAINT:
        limit = filing_deadline(core, decision_known_on, excused_days)
        data.update(decision_known_on=decision_known_on.isoformat(), excused_days=int(excused_days or 0),
                    filing_deadline=limit.isoformat(), filing_late=when.date() > limit)  # R-KN-01
    confidential = kind == DENUNCIATION
    case_type = CASE_TYPES[kind]
    unit_id = reception_unit_id(core)
    if owner_id is not None:
        probe = Case(0, case_type, "", when.year, 0, clean(subject), "", when, when, unit_id,
                     confidential=core.cases.case_type(case_type).confidential)
        problems: list[tuple[str, str]] = []
        _check_assignee(core, probe, MatterRow(accused=clean(accused), content=clean(content)), owner_id, actor,
                        problems)
        if problems:
            raise ValidationError(problems)
    with write_transaction():
        case = core.cases.open(case_type, clean(subject), actor=actor, received_at=when, data=data,
                               owner_id=owner_id, unit_id=unit_id)
        MatterRow.create(case=case.id, kind=kind, channel=channel, received_at=when, content=clean(content),
                         accused=clean(accused), visit=visit_id, parent=parent_case_id)
        for i, p in enumerate(parties):
            role = ("denouncer" if confidential else "applicant") if i == 0 else "representative"
            PartyRow.create(case=case.id, role=role, confidential=confidential, **p.values())
        clock_start(case, "open", rule_of(core.cases.case_type(case_type).deadline, case), when)
        TrackingRow.create(code=new_tracking_code(), case=case.id)
    return case


def open_status_reply(core: CoreServices, case: Case, *, visit_id: int, channel: str, actor: Actor,
                      when: dt.datetime) -> Case:
    """R-TD-13: the reply due to a citizen received at reception within 10 working days
    (petitions carry it as their own first clock)."""
    reply = core.cases.open(STATUS_REPLY_TYPE, f"Trả lời công dân về hồ sơ {case.number}", actor=actor,
                            received_at=when, data={"case_id": case.id}, unit_id=case.unit_id)
    MatterRow.create(case=reply.id, kind=STATUS_REPLY, channel=channel, received_at=when, visit=visit_id,
                     parent=case.id)
    clock_start(reply, "open", "R-TD-13", when)
    return reply


# -- steps ---------------------------------------------------------------------------

def step(core: CoreServices, case_id: int, name: str, *, actor: Actor = SYSTEM_ACTOR, note: str = "",
         data: dict | None = None, at: dt.datetime | None = None, clock_due: dt.date | None = None,
         clock_rule: str | None = None) -> Case:
    """Take a transition and keep the module's clocks in step (same transaction). The
    actor must see the matter's content (R-TC-10); core checks the transition's permission
    over the matter's scope."""
    when = at or now()
    with write_transaction():
        case = core.cases.get(case_id)
        require_content(core, actor, case)
        ct = core.cases.case_type(case.case_type)
        tr = ct.transition(name)
        new = core.cases.transition(case_id, name, actor=actor, note=note, data=data, at=when)
        clock_finish(case_id, when, due=clock_due, rule=clock_rule)
        if tr is not None and tr.deadline is not None:
            clock_start(new, name, rule_of(tr.deadline, new), when)
        if ct.state(new.state).final:
            audit.record("tiepdan.matter.close", "case", case_id, actor=actor,
                         after={"state": new.state, "number": new.number})
    return new


def assign(core: CoreServices, case_id: int, owner_id: int, *, actor: Actor, reason: str = "") -> Case:
    """Assign (or reassign) the handler of a matter (người được giao xử lý).

    R-TC-10 (Luật Tố cáo Art. 47): a denunciation's handler is chosen by the competent
    person, the Chủ tịch (``tiepdan.assign_denunciation``) — so a Phó Chủ tịch cannot give
    it to himself or herself and then read the denouncer's identity —, with a reason on the
    record, and never a person the denunciation names (the denounced person). Other matters
    are assigned by whoever handles them (``tiepdan.handle`` over the matter)."""
    case = core.cases.get(case_id)
    reason = clean(reason)
    errors: list[tuple[str, str]] = []
    if case.confidential:
        _check_assignee(core, case, MatterRow.get_or_none(MatterRow.case == case_id), owner_id, actor, errors)
        if not reason:
            errors.append(("reason", "Vui lòng ghi lý do giao, giao lại người xử lý đơn tố cáo."))
    else:
        require_content(core, actor, case, P_HANDLE)
        _check_assignee(core, case, None, owner_id, actor, errors)
    if errors:
        raise ValidationError(errors)
    return core.cases.update(case_id, actor=actor, owner_id=owner_id, note=reason or "Giao xử lý")


def reply_case_of(case_id: int) -> int | None:
    """The R-TD-13 status-reply case opened with a matter received at reception, if any."""
    matter = matter_row(case_id)
    if matter.visit_id is None:
        return None
    return VisitRow.get_by_id(matter.visit_id).reply_case_id


def notify_reply(core: CoreServices, case: Case, actor: Actor, text: str, document_id: int | None,
                 when: dt.datetime) -> None:
    """Close the R-TD-13 status reply of a matter received at reception, if still open."""
    reply_id = reply_case_of(case.id)
    if reply_id is None:
        return
    reply = core.cases.get(reply_id)
    if reply.is_open:
        step(core, reply.id, "reply", actor=actor, note=text, data={"document_id": document_id}, at=when)


def forward_matter(core: CoreServices, case_id: int, *, to_agency: str, actor: Actor,
                   at: dt.datetime | None = None) -> Case:
    """Forward a matter outside the ward's competence (R-TC-04, R-PA-06 within 5 working days
    of receipt; a complaint is returned with guidance, R-PA-10) with a forwarding letter."""
    to_agency = clean(to_agency)
    if not to_agency:
        raise ValidationError([("to_agency", "Vui lòng nhập cơ quan có thẩm quyền nhận đơn.")])
    when = at or now()
    with write_transaction():
        case = core.cases.get(case_id)
        due = dt.date.fromisoformat(case.data["forward_due"]) if case.data.get("forward_due") else None
        rule = {DENUNCIATION: "R-TC-04", PETITION: "R-PA-06"}.get(kind_of(case.case_type))
        case = step(core, case_id, "forward", actor=actor, note=f"Chuyển đến {to_agency}",
                    data={"forwarded_to": to_agency}, at=when, clock_due=due, clock_rule=rule)
        kind_label = MATTER_KINDS[kind_of(case.case_type)].lower()
        # A denunciation's letter does not carry the denouncer's identity (R-TC-09); the
        # identity travels in the sealed file handed over, not in the register.
        doc = issue(core, "cong_van", subject=f"Chuyển đơn {kind_label}", case=case, actor=actor,
                    issued_on=when.date(), addressees=[to_agency],
                    paragraphs=[f"Ngày {case.received_at:%d/%m/%Y}, Ủy ban nhân dân nhận được đơn "
                                f"{kind_label} (hồ sơ số {case.number}) về việc: {case.subject}.",
                                f"Nội dung đơn không thuộc thẩm quyền giải quyết của Ủy ban nhân dân; Ủy ban "
                                f"nhân dân chuyển đơn đến {to_agency} để xem xét, giải quyết theo thẩm quyền."],
                    recipients=[to_agency, sender_line(case)])
        notify_reply(core, case, actor, f"Đã chuyển đơn đến {to_agency}", doc.id, when)
    return case


# -- reading -------------------------------------------------------------------------

def _matter(core: CoreServices, actor: Actor | None, case: Case, row: MatterRow) -> Matter:
    kind = row.kind
    if not core.cases.content_visible(actor, case):  # R-TC-10: its number, and "Đơn tố cáo"
        return Matter(case.id, case.number, kind, case.case_type, DENUNCIATION_LABEL, True,
                      confidential=case.confidential)
    return Matter(case.id, case.number, kind, case.case_type, case.subject, False, state=case.state,
                  channel=row.channel, received_at=case.received_at, due_date=case.due_date, due_unit=case.due_unit,
                  extensions=case.extensions, owner_id=case.owner_id, content=row.content, accused=row.accused,
                  data=dict(case.data), closed_at=case.closed_at, unit_id=case.unit_id,
                  confidential=case.confidential)


def get_matter(core: CoreServices, case_id: int, *, actor: Actor | None) -> Matter:
    """A matter as ``actor`` may see it: refused outside his or her units (unless he or she
    handles it); a denunciation restricted to its number for others than its handler and
    the Chủ tịch (R-TC-10)."""
    case = core.cases.get(case_id)
    row = matter_row(case_id)
    if not can_view(core, actor, case):
        raise PermissionDenied("Bạn không có quyền xem đơn thư này.")
    return _matter(core, actor, case, row)


def list_matters(core: CoreServices, *, actor: Actor | None, kind: str | None = None, open_only: bool = False,
                 limit: int = 200, offset: int = 0) -> list[Matter]:
    """Matters ``actor`` may see, newest first: those of his or her units and those he or
    she handles; a denunciation shows "Đơn tố cáo" and its number only to anyone else than
    its handler and the Chủ tịch (R-TC-10)."""
    q = (CaseRow.select(CaseRow, MatterRow).join(MatterRow, on=(MatterRow.case == CaseRow.id), attr="matter")
         .where(MatterRow.kind != STATUS_REPLY))
    units = core.access.units_for(actor, P_VIEW)
    if units is not None:
        mine = CaseRow.unit.in_(sorted(units) or [-1])
        if actor is not None and actor.person_id is not None:
            mine = mine | (CaseRow.owner == actor.person_id)
        q = q.where(mine)
    if kind:
        q = q.where(MatterRow.kind == kind_of(kind))
    if open_only:
        q = q.where(CaseRow.closed_at.is_null(True))
    # newest first along the matters' own index (migration 0005; a matter's received_at is
    # its case's): the page stops after its rows instead of sorting every case joined
    q = q.order_by(MatterRow.received_at.desc(), MatterRow.case.desc()).limit(limit).offset(offset)
    return [_matter(core, actor, to_type(Case, row), row.matter) for row in q]


def available_actions(core: CoreServices, matter: Matter) -> list[str]:
    """The transitions the matter's state allows (its page shows their forms)."""
    return [t.name for t in core.cases.case_type(matter.case_type).available(matter.state)]


def complexity_errors(complexity: str | None) -> list[tuple[str, str]]:
    if complexity and complexity not in COMPLEXITY:
        return [("complexity", "Tính chất vụ việc không hợp lệ.")]
    return []
