"""Recommendations of the board to the UBND (R-TTND-13: voted by a majority of the
board's members; R-TTND-11: the UBND answers within the rule's period)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from thanthien.core import audit
from thanthien.core.errors import IllegalTransition, NotFound, ValidationError
from thanthien.core.models import CaseRow, to_type
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import Actor, Case

from ..models import InspectionRow, RecommendationRow
from ..types import (
    P_ANSWER,
    P_VIEW,
    P_WORK,
    RECOMMENDATION,
    RECOMMENDATION_OWNER,
    PendingRecommendation,
    Recommendation,
)
from .common import (
    ARCHIVE,
    FRONT_STANDING,
    SIGNER_TITLE,
    SIGNING_AUTHORITY,
    board_issuer,
    board_scope,
    board_unit_id,
    clean,
    more_than,
)
from .members import active_member_count, board_head

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def _recommendation(core: CoreServices, row: RecommendationRow) -> Recommendation:
    extra: dict[str, Any] = {"case_id": row.case_id, "inspection_id": row.inspection_id, "number": "",
                             "state": "", "state_label": "", "due_date": None, "timeliness": ""}
    if row.case_id:
        case = core.cases.get(row.case_id)
        ct = core.cases.case_type(RECOMMENDATION)
        extra.update(number=case.number, state=case.state, state_label=ct.state(case.state).label,
                     due_date=case.due_date, timeliness=case.timeliness() if case.closed_at else "")
    else:
        extra.update(state="rejected", state_label="Không được Ban thông qua (R-TTND-13)")
    return to_type(Recommendation, row, **extra)


def get_recommendation(core: CoreServices, rec_id: int) -> Recommendation:
    """A recommendation, unchecked: for the module's own steps (the caller checks the actor)."""
    row = RecommendationRow.get_or_none(RecommendationRow.id == rec_id)
    if row is None:
        raise NotFound(f"Không tìm thấy kiến nghị số {rec_id}.")
    return _recommendation(core, row)


def view_recommendation(core: CoreServices, rec_id: int, *, actor: Actor | None) -> Recommendation:
    """A recommendation for ``actor`` (readers of the board only)."""
    core.access.require(actor, P_VIEW, board_scope(rec_id))
    return get_recommendation(core, rec_id)


def recommendations(core: CoreServices, *, actor: Actor | None, limit: int = 200) -> list[Recommendation]:
    """The board's recommendations, latest vote first (readers of the board only)."""
    core.access.require(actor, P_VIEW, board_scope())
    q = RecommendationRow.select().order_by(RecommendationRow.voted_on.desc(), RecommendationRow.id.desc()).limit(limit)
    return [_recommendation(core, r) for r in q]


def propose_recommendation(core: CoreServices, *, subject: str, content: str, voted_on: dt.date | None,
                           present: int, votes_for: int, votes_against: int, abstentions: int,
                           inspection_id: int | None = None, sent_at: dt.datetime | None = None,
                           actor: Actor) -> Recommendation:
    """The board votes on a recommendation (R-TTND-13: collectively, by a majority of its
    members); adopted, it is sent to the UBND as a letter and its answer clock starts
    (R-TTND-11). A rejected proposal is kept with its vote."""
    core.access.require(actor, P_WORK, board_scope())
    errors = []
    if voted_on is None:
        errors.append(("voted_on", "Vui lòng nhập ngày họp Ban (dd/mm/yyyy)."))
    if not clean(subject):
        errors.append(("subject", "Vui lòng nhập trích yếu kiến nghị."))
    if not clean(content):
        errors.append(("content", "Vui lòng nhập nội dung kiến nghị."))
    numbers = {"present": ("Số thành viên dự họp", present), "votes_for": ("Số thành viên tán thành", votes_for),
               "votes_against": ("Số thành viên không tán thành", votes_against),
               "abstentions": ("Số thành viên không biểu quyết", abstentions)}
    bad = False
    for field, (label, value) in numbers.items():
        if isinstance(value, bool) or not isinstance(value, int):
            errors.append((field, f"{label} phải là số nguyên."))
            bad = True
        elif value < 0:
            errors.append((field, f"{label} không được âm."))
            bad = True
    total = active_member_count(voted_on) if voted_on else 0
    if voted_on and total == 0:
        errors.append(("present", "Ban chưa có thành viên được công nhận vào ngày họp."))
    if not bad and present > total and total:
        errors.append(("present", f"Số thành viên dự họp lớn hơn số thành viên của Ban ({total})."))
    if not bad and votes_for + votes_against + abstentions != present:
        errors.append(("votes_for", "Tổng số tán thành, không tán thành và không biểu quyết phải bằng số thành viên "
                                    "dự họp."))
    if inspection_id is not None and InspectionRow.get_or_none(InspectionRow.id == inspection_id) is None:
        errors.append(("inspection_id", "Cuộc kiểm tra, giám sát không tồn tại."))
    sent_at = sent_at or (dt.datetime.combine(voted_on, dt.time(9, 0)) if voted_on else None)
    if sent_at and voted_on and sent_at.date() < voted_on:
        errors.append(("sent_at", "Ngày gửi kiến nghị không được trước ngày Ban biểu quyết."))
    if errors:
        raise ValidationError(errors)
    passed = more_than(core, "R-TTND-13.more_than_percent", votes_for, total, voted_on)  # R-TTND-13
    head = board_head(voted_on) if passed else None
    with write_transaction():
        row = RecommendationRow.create(subject=clean(subject)[:500], content=clean(content), voted_on=voted_on,
                                       members_total=total, present=present, votes_for=votes_for,
                                       votes_against=votes_against, abstentions=abstentions, passed=passed,
                                       inspection=inspection_id)
        audit.record("thanhtra.recommendation.vote", "thanhtra_recommendation", row.id, actor=actor,
                     after={"members_total": total, "present": present, "votes_for": votes_for,
                            "votes_against": votes_against, "abstentions": abstentions, "passed": passed})
        if passed:
            doc = core.documents.issue(
                "cong_van", subject=f"Kiến nghị {clean(subject)}"[:500], issued_on=sent_at.date(), actor=actor,
                addressees=["Chủ tịch Ủy ban nhân dân phường"],
                context={"paragraphs": [clean(content),
                                        f"Kiến nghị được Ban Thanh tra nhân dân thông qua ngày {format_date(voted_on)} "
                                        f"với {votes_for}/{total} thành viên tán thành. Đề nghị Ủy ban nhân dân phường "
                                        f"xem xét, trả lời bằng văn bản theo quy định."]},
                signer_name=head.full_name, signer_title=SIGNER_TITLE, signing_authority=SIGNING_AUTHORITY,
                issuer=board_issuer(core), recipients=["Như trên", FRONT_STANDING, ARCHIVE], unit_id=board_unit_id(),
                owner=(RECOMMENDATION_OWNER, row.id), view_permission=P_VIEW)
            case = core.cases.open(RECOMMENDATION, clean(subject), actor=actor, received_at=sent_at,
                                   unit_id=board_unit_id(), data={"recommendation_id": row.id, "document_id": doc.id})
            RecommendationRow.update(case=case.id, document_id=doc.id).where(RecommendationRow.id == row.id).execute()
    return get_recommendation(core, row.id)


def answer_recommendation(core: CoreServices, rec_id: int, *, answer: str, answered_at: dt.datetime | None = None,
                          actor: Actor) -> Recommendation:
    """The UBND answers (R-TTND-11); on time when answered by the due date."""
    core.access.require(actor, P_ANSWER, board_scope(rec_id))
    rec = get_recommendation(core, rec_id)
    if rec.case_id is None:
        raise IllegalTransition("Kiến nghị này không được Ban thông qua nên không gửi UBND.")
    if not clean(answer):
        raise ValidationError([("answer", "Vui lòng nhập nội dung trả lời của UBND.")])
    when = answered_at or now()
    with write_transaction():
        core.cases.transition(rec.case_id, "answer", actor=actor, at=when, note=clean(answer)[:500])
        RecommendationRow.update(answer=clean(answer), answered_on=when.date()).where(
            RecommendationRow.id == rec_id).execute()
    return get_recommendation(core, rec_id)


def withdraw_recommendation(core: CoreServices, rec_id: int, *, reason: str, actor: Actor) -> Recommendation:
    """The board withdraws a recommendation it sent."""
    core.access.require(actor, P_WORK, board_scope(rec_id))
    rec = get_recommendation(core, rec_id)
    if rec.case_id is None:
        raise IllegalTransition("Kiến nghị này không được Ban thông qua nên không gửi UBND.")
    core.cases.transition(rec.case_id, "withdraw", actor=actor, note=clean(reason))
    return get_recommendation(core, rec_id)


def pending_recommendations(core: CoreServices, today: dt.date, *, actor: Actor | None) -> list[PendingRecommendation]:
    """Recommendations waiting for the UBND's answer, for the chairperson's dashboard and
    the daily check: empty for an actor who may not answer them."""
    if not core.access.can(actor, P_ANSWER, board_scope()):
        return []
    q = (CaseRow.select().where(CaseRow.case_type == RECOMMENDATION, CaseRow.closed_at.is_null(True))
         .order_by(CaseRow.due_date).limit(100))
    out = []
    for r in q:
        case = to_type(Case, r)
        status = "overdue" if case.due_date and case.due_date < today else "waiting"
        out.append(PendingRecommendation(case.data.get("recommendation_id"), case.number, case.subject,
                                         case.received_at, case.due_date, status))
    return out
