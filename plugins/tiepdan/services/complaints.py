"""Complaints (khiếu nại, Luật Khiếu nại): acceptance (R-KN-02, R-KN-03), the first-instance
decision and its sending (R-KN-04, R-KN-05), withdrawal (R-KN-08)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.errors import IllegalTransition, ValidationError
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.types import Actor, Case

from ..types import COMPLAINT_REFUSAL_GROUNDS, P_HANDLE
from .common import clean
from .documents import applicant_line, issue
from .identity import require_content
from .matters import complexity_errors, notify_reply, step

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

BASIS = "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011"


def accept_complaint(core: CoreServices, case_id: int, *, actor: Actor, complexity: str | None = None,
                     at: dt.datetime | None = None) -> Case:
    """Accept (thụ lý) a complaint, R-KN-02; the resolution clock R-KN-04 starts (complex and
    remote-area variants). The acceptance notice goes to the complainant (R-KN-02)."""
    if complexity_errors(complexity):
        raise ValidationError(complexity_errors(complexity))
    when = at or now()
    with write_transaction():
        case = step(core, case_id, "accept", actor=actor, at=when, note="Thụ lý giải quyết",
                    data={"complexity": complexity} if complexity else None)
        doc = issue(core, "thong_bao", subject="Thụ lý giải quyết khiếu nại", case=case, actor=actor,
                    issued_on=when.date(), bases=[BASIS],
                    paragraphs=[f"Ngày {case.received_at:%d/%m/%Y}, Ủy ban nhân dân nhận được đơn khiếu "
                                f"nại (hồ sơ số {case.number}) về việc: {case.subject}.",
                                f"Xét thấy đơn khiếu nại đủ điều kiện thụ lý theo Điều 27 Luật Khiếu nại, "
                                f"Ủy ban nhân dân thông báo đã thụ lý giải quyết khiếu nại. Thời hạn giải "
                                f"quyết đến hết ngày {case.due_date:%d/%m/%Y}."],
                    recipients=[applicant_line(case.id), "Thanh tra cấp trên (để biết)"])
        notify_reply(core, case, actor, "Đã thụ lý giải quyết khiếu nại", doc.id, when)
    return case


def propose_acceptance(core: CoreServices, case_id: int, *, actor: Actor, complexity: str | None = None,
                       note: str = "", at: dt.datetime | None = None) -> Case:
    """The reception officer's part in accepting a complaint or a denunciation.

    The law gives acceptance (thụ lý) to the person competent to resolve — the Chủ tịch
    UBND (Luật Khiếu nại Art. 27, R-KN-02; Luật Tố cáo Art. 29) —, which is why ``accept``
    needs ``tiepdan.decide``. The officer handling the matter (``tiepdan.handle`` over it)
    checks the conditions and proposes acceptance: the proposal (who, when, the nature of
    the matter, the officer's opinion) is stored on the case and recorded as a step; the
    Chủ tịch sees it beside the "Thụ lý" button and decides. The R-KN-02 clock keeps running."""
    errors = complexity_errors(complexity)
    if errors:
        raise ValidationError(errors)
    case = core.cases.get(case_id)
    require_content(core, actor, case, P_HANDLE)
    if "accept" not in [t.name for t in core.cases.case_type(case.case_type).available(case.state)]:
        raise IllegalTransition(f"Đơn {case.number} không ở bước chờ thụ lý.")
    when = at or now()
    opinion = clean(note)
    proposal = {"by_id": actor.person_id, "by": actor.name, "at": when.isoformat(timespec="minutes"),
                "complexity": complexity or "", "note": opinion}
    text = "Đề xuất Chủ tịch UBND thụ lý" + (f": {opinion}" if opinion else "")
    with write_transaction():
        case = core.cases.update(case_id, actor=actor, note=text, data={"acceptance_proposal": proposal})
        audit.record("tiepdan.matter.propose_acceptance", "case", case_id, actor=actor, after=proposal)
    return case


def refuse_complaint(core: CoreServices, case_id: int, *, ground: str, explanation: str = "", actor: Actor,
                     at: dt.datetime | None = None) -> Case:
    """Do not accept a complaint on a ground of R-KN-03, with a written notice giving it."""
    if ground not in COMPLAINT_REFUSAL_GROUNDS:
        raise ValidationError([("ground", "Vui lòng chọn lý do không thụ lý theo Điều 11 Luật Khiếu nại.")])
    when = at or now()
    reason = COMPLAINT_REFUSAL_GROUNDS[ground] + (f": {clean(explanation)}" if clean(explanation) else "")
    with write_transaction():
        case = step(core, case_id, "refuse", actor=actor, note=reason, data={"refusal_ground": ground}, at=when)
        doc = issue(core, "thong_bao", subject="Không thụ lý giải quyết khiếu nại", case=case, actor=actor,
                    issued_on=when.date(), bases=[BASIS],
                    paragraphs=[f"Ủy ban nhân dân nhận được đơn khiếu nại (hồ sơ số {case.number}) về việc: "
                                f"{case.subject}.",
                                f"Ủy ban nhân dân thông báo không thụ lý giải quyết khiếu nại vì lý do: {reason} "
                                f"(Điều 11 Luật Khiếu nại)."],
                    recipients=[applicant_line(case.id)])
        notify_reply(core, case, actor, "Không thụ lý: " + reason, doc.id, when)
    return case


def decide_complaint(core: CoreServices, case_id: int, *, summary: str, actor: Actor,
                     at: dt.datetime | None = None) -> Case:
    """Record the first-instance decision; R-KN-05: it must be sent within 3 working days."""
    if not clean(summary):
        raise ValidationError([("summary", "Vui lòng tóm tắt nội dung quyết định giải quyết.")])
    return step(core, case_id, "decide", actor=actor, note=clean(summary), at=at)


def send_decision(core: CoreServices, case_id: int, *, actor: Actor, at: dt.datetime | None = None) -> Case:
    return step(core, case_id, "send", actor=actor, note="Đã gửi quyết định giải quyết khiếu nại", at=at)


def withdraw_complaint(core: CoreServices, case_id: int, *, letter: str, actor: Actor,
                       at: dt.datetime | None = None) -> Case:
    """R-KN-08: withdrawal by a signed or fingerprinted letter; handling stops with a notice."""
    if not clean(letter):
        raise ValidationError([("letter", "Vui lòng ghi đơn rút khiếu nại (có chữ ký hoặc điểm chỉ).")])
    when = at or now()
    with write_transaction():
        case = step(core, case_id, "withdraw", actor=actor, note=clean(letter), at=when)
        doc = issue(core, "thong_bao", subject="Đình chỉ giải quyết khiếu nại", case=case, actor=actor,
                    issued_on=when.date(),
                    paragraphs=[f"Người khiếu nại đã có đơn rút khiếu nại (hồ sơ số {case.number}).",
                                "Căn cứ Điều 10 Luật Khiếu nại, Ủy ban nhân dân đình chỉ việc giải quyết khiếu nại."],
                    recipients=[applicant_line(case.id)])
        notify_reply(core, case, actor, "Đình chỉ do rút khiếu nại", doc.id, when)
    return case
