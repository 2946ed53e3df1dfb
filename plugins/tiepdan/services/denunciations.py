"""Denunciations (tố cáo, Luật Tố cáo): acceptance or not (R-TC-06), resolution within
R-TC-07 and its extensions, conclusion, withdrawal (R-TC-08). Documents never name the
denouncer (R-TC-09)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core.errors import IllegalTransition, ValidationError
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.types import Actor, Case

from ..models import ClockRow
from ..types import COMPLEXITY, DENUNCIATION, DENUNCIATION_REFUSAL_GROUNDS, P_DECIDE, kind_of
from .common import clean
from .documents import DENOUNCER_LINE, issue
from .identity import require_content
from .matters import complexity_errors, notify_reply, step

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

BASIS = "Căn cứ Luật Tố cáo ngày 12 tháng 6 năm 2018"


def accept_denunciation(core: CoreServices, case_id: int, *, actor: Actor, complexity: str | None = None,
                        at: dt.datetime | None = None) -> Case:
    """Accept (thụ lý) a denunciation (R-TC-06); resolution within R-TC-07, counted from the
    day after the acceptance (R-LV-11)."""
    if complexity_errors(complexity):
        raise ValidationError(complexity_errors(complexity))
    when = at or now()
    with write_transaction():
        case = step(core, case_id, "accept", actor=actor, at=when, note="Thụ lý tố cáo",
                    data={"complexity": complexity} if complexity else None)
        doc = issue(core, "quyet_dinh", subject="Thụ lý tố cáo", case=case, actor=actor, issued_on=when.date(),
                    bases=[BASIS],
                    articles=[f"Thụ lý tố cáo (hồ sơ số {case.number}) về việc: {case.subject}.",
                              f"Thời hạn giải quyết tố cáo đến hết ngày {case.due_date:%d/%m/%Y}.",
                              "Người được giao xác minh và các cá nhân có liên quan chịu trách nhiệm thi hành "
                              "Quyết định này; giữ bí mật thông tin người tố cáo."],
                    recipients=[DENOUNCER_LINE, "Người bị tố cáo"])
        notify_reply(core, case, actor, "Đã thụ lý tố cáo", doc.id, when)
    return case


def reject_denunciation(core: CoreServices, case_id: int, *, ground: str, actor: Actor, explanation: str = "",
                        at: dt.datetime | None = None) -> Case:
    """R-TC-06: not accepted, with the reason notified to the denouncer."""
    if ground not in DENUNCIATION_REFUSAL_GROUNDS:
        raise ValidationError([("ground", "Vui lòng chọn lý do không thụ lý theo Điều 29 Luật Tố cáo.")])
    when = at or now()
    reason = DENUNCIATION_REFUSAL_GROUNDS[ground] + (f": {clean(explanation)}" if clean(explanation) else "")
    with write_transaction():
        case = step(core, case_id, "reject", actor=actor, note=reason, data={"refusal_ground": ground}, at=when)
        doc = issue(core, "thong_bao", subject="Không thụ lý tố cáo", case=case, actor=actor, issued_on=when.date(),
                    paragraphs=[f"Đơn tố cáo (hồ sơ số {case.number}) không đủ điều kiện thụ lý vì: {reason}."],
                    recipients=[DENOUNCER_LINE])
        notify_reply(core, case, actor, "Không thụ lý tố cáo: " + reason, doc.id, when)
    return case


def extend_denunciation(core: CoreServices, case_id: int, *, reason: str, actor: Actor,
                        complexity: str | None = None, at: dt.datetime | None = None) -> Case:
    """R-TC-07: a complex case gets one extension of ≤ 30 days, an especially complex one two;
    each counts from the acceptance-based deadline (not from a due date already moved off
    a rest day) and the whole period is at most 90 days from the acceptance; each is a
    written decision notified to the denouncer."""
    when = at or now()
    if not clean(reason):
        raise ValidationError([("reason", "Vui lòng ghi rõ lý do gia hạn.")])
    if complexity_errors(complexity):
        raise ValidationError(complexity_errors(complexity))
    with write_transaction():
        case = core.cases.get(case_id)
        require_content(core, actor, case, P_DECIDE)
        if kind_of(case.case_type) != DENUNCIATION or case.state != "accepted":
            raise IllegalTransition("Chỉ gia hạn được tố cáo đã thụ lý và đang giải quyết.")
        if complexity:
            case = core.cases.update(case_id, actor=actor, data={"complexity": complexity},
                                     note=f"Xác định tính chất: {COMPLEXITY[complexity]}")
        if case.data.get("complexity") not in ("complex", "especially_complex"):
            raise ValidationError([("complexity", "Chỉ vụ việc phức tạp hoặc đặc biệt phức tạp mới được gia hạn "
                                                  "thời hạn giải quyết tố cáo (R-TC-07).")])
        previous = case.due_date
        case = core.cases.extend(case_id, actor=actor, note=clean(reason), at=when)
        ClockRow.update(due_date=case.due_date).where(ClockRow.case == case_id,
                                                       ClockRow.done_at.is_null(True)).execute()
        issue(core, "quyet_dinh", subject="Gia hạn giải quyết tố cáo", case=case, actor=actor, issued_on=when.date(),
              bases=["Căn cứ Điều 30 Luật Tố cáo ngày 12 tháng 6 năm 2018"],
              articles=[f"Gia hạn thời hạn giải quyết tố cáo (hồ sơ số {case.number}) từ ngày "
                        f"{previous:%d/%m/%Y} đến hết ngày {case.due_date:%d/%m/%Y} (gia hạn lần "
                        f"{case.extensions}).",
                        f"Lý do gia hạn: {clean(reason)}.",
                        "Người giải quyết tố cáo, người được giao xác minh chịu trách nhiệm thi hành Quyết định này."],
              recipients=[DENOUNCER_LINE, "Người bị tố cáo"])
    return case


def conclude_denunciation(core: CoreServices, case_id: int, *, conclusion: str, actor: Actor,
                          at: dt.datetime | None = None) -> Case:
    if not clean(conclusion):
        raise ValidationError([("conclusion", "Vui lòng tóm tắt kết luận nội dung tố cáo.")])
    return step(core, case_id, "conclude", actor=actor, note=clean(conclusion), at=at)


def withdraw_denunciation(core: CoreServices, case_id: int, *, letter: str, actor: Actor, continue_reason: str = "",
                          at: dt.datetime | None = None) -> Case:
    """R-TC-08: withdrawal in writing before the conclusion stops the handling, unless there
    are signs of violation or of coercion (``continue_reason``): then it goes on."""
    if not clean(letter):
        raise ValidationError([("letter", "Vui lòng ghi nội dung văn bản rút tố cáo.")])
    if clean(continue_reason):
        case = core.cases.get(case_id)
        require_content(core, actor, case, P_DECIDE)
        if not case.is_open:
            raise IllegalTransition("Hồ sơ đã kết thúc.")
        return core.cases.update(case_id, actor=actor, data={"withdrawal_received": True},
                                 note=f"Người tố cáo rút tố cáo; tiếp tục giải quyết vì: {clean(continue_reason)}")
    return step(core, case_id, "withdraw", actor=actor, note=clean(letter), at=at)
