"""Recommendations to the UBND (kiến nghị) and its answers: R-GS-08 (suspension), R-GS-10.

A recommendation is a case of the core engine (``giamsat_kien_nghi``): its clock gives the
R-GS-10 answer date; the UBND's answer closes it on time or late and issues the answer
letter (công văn) in the same transaction.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import CaseRow
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import Actor

from ..models import InspectionRow, RecommendationRow
from ..types import P_ANSWER, P_SUPERVISE, P_VIEW, RECOMMENDATION, RECOMMENDATION_KINDS, Recommendation
from .access import reach
from .common import active_board, board_scope, day, front_unit_id, get_board, get_project, text

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def to_recommendation(row: RecommendationRow, case: CaseRow | None = None) -> Recommendation:
    case = case or CaseRow.get_by_id(row.case_id)
    timeliness = ""
    if case.closed_at is not None and case.state == "answered":
        timeliness = "late" if case.due_date and case.closed_at.date() > case.due_date else "on_time"
    return Recommendation(row.id, case.id, case.number, row.board_id, row.kind, row.content, row.sent_on, case.state,
                          case.due_date, row.answer, row.answered_on, timeliness, row.document_id)


def make_recommendation(core: CoreServices, board_id: int, *, kind: str, content: str, sent_on: dt.date | None,
                        basis_inspection_id: int | None = None, actor: Actor) -> Recommendation:
    """Send a recommendation to the UBND; the answer is due per R-GS-10 (case engine clock).

    A suspension recommendation (R-GS-08) needs an on-site inspection of this board that
    found a serious violation.
    """
    # the case type has no open_permission: the board's scope is checked here
    core.access.require(actor, P_SUPERVISE, board_scope(core, board_id))
    board = active_board(board_id, "gửi kiến nghị")
    project = get_project(board.project_id)
    errors: list[tuple[str, str]] = []
    if kind not in RECOMMENDATION_KINDS:
        errors.append(("kind", "Vui lòng chọn loại kiến nghị."))
    content = text(content, "content", "nội dung kiến nghị", errors, max_len=10000)
    on = day(sent_on, "sent_on", "ngày UBND nhận kiến nghị", errors, not_future=True)
    basis = None
    if basis_inspection_id is not None:
        basis = InspectionRow.get_or_none(InspectionRow.id == basis_inspection_id, InspectionRow.board == board_id)
        if basis is None:
            errors.append(("basis_inspection_id", "Lần kiểm tra làm căn cứ không thuộc Ban giám sát này."))
    if kind == "tam_dung" and (basis is None or not basis.serious_violation):  # R-GS-08
        errors.append(("basis_inspection_id", "Chỉ kiến nghị tạm dừng đầu tư, thi công, vận hành khi phát hiện vi phạm "
                                              "nghiêm trọng: hãy chọn lần kiểm tra hiện trường đã ghi nhận vi phạm "
                                              "nghiêm trọng (R-GS-08)."))
    if errors:
        raise ValidationError(errors)
    label = "Kiến nghị tạm dừng" if kind == "tam_dung" else "Kiến nghị"
    subject = f"{label} của Ban Giám sát đầu tư của cộng đồng về dự án {project.name}"[:500]

    def detail(case):
        RecommendationRow.create(case=case.id, board=board_id, kind=kind, content=content, sent_on=on,
                                 basis_inspection=basis.id if basis else None)

    case = core.cases.open(RECOMMENDATION, subject, actor=actor, received_at=dt.datetime.combine(on, dt.time(0, 0)),
                           unit_id=front_unit_id(core),
                           data={"board_id": board_id, "project_id": project.id, "kind": kind}, note=content[:500],
                           on_opened=detail)
    return to_recommendation(RecommendationRow.get(RecommendationRow.case == case.id))


def _signature(actor: Actor) -> tuple[str, str]:
    """Signing authority and title of a UBND letter signed by ``actor`` (R-VB-18)."""
    if actor.has_role("vice_chairperson") and not actor.has_role("chairperson"):
        return "KT. CHỦ TỊCH", "Phó Chủ tịch"
    return "TM. ỦY BAN NHÂN DÂN", "Chủ tịch"


def get_recommendation(recommendation_id: int) -> Recommendation:
    """A recommendation, unchecked (callers check its board's scope)."""
    row = RecommendationRow.get_or_none(RecommendationRow.id == recommendation_id)
    if row is None:
        raise NotFound(f"Không tìm thấy kiến nghị số {recommendation_id}.")
    return to_recommendation(row)


def answer_recommendation(core: CoreServices, recommendation_id: int, *, answer: str, actor: Actor,
                          at: dt.datetime | None = None) -> Recommendation:
    """The UBND answers a board recommendation (R-GS-10): the case closes on time or late,
    and the answer letter (công văn) is issued in the same transaction."""
    row = RecommendationRow.get_or_none(RecommendationRow.id == recommendation_id)
    if row is None:
        raise NotFound(f"Không tìm thấy kiến nghị số {recommendation_id}.")
    core.access.require(actor, P_ANSWER, board_scope(core, row.board_id))
    errors: list[tuple[str, str]] = []
    answer = text(answer, "answer", "nội dung trả lời", errors, max_len=10000)
    when = at or now()
    if when.date() < row.sent_on:
        errors.append(("answer", "Ngày trả lời phải sau ngày nhận kiến nghị."))
    if errors:
        raise ValidationError(errors)
    board = get_board(row.board_id)
    project = get_project(board.project_id)
    authority, title = _signature(actor)
    with write_transaction():
        case = core.cases.transition(row.case_id, "answer", actor=actor, note=answer[:500], at=when,
                                     outcome="answered")
        document = core.documents.issue(
            "cong_van", subject="V/v trả lời kiến nghị của Ban Giám sát đầu tư của cộng đồng",
            context={"paragraphs": [
                f"Ngày {format_date(row.sent_on)}, Ủy ban nhân dân phường nhận được kiến nghị số {case.number} của "
                f"Ban Giám sát đầu tư của cộng đồng dự án {project.name} với nội dung: {row.content}",
                f"Ủy ban nhân dân phường trả lời như sau: {answer}"]},
            signer_name=actor.name, signer_title=title, signing_authority=authority,
            addressees=[f"Ban Giám sát đầu tư của cộng đồng dự án {project.name}"],
            recipients=["Như trên", "Ban Thường trực Ủy ban MTTQ Việt Nam phường", project.investor],
            issued_on=when.date(), case_id=case.id, unit_id=case.unit_id, view_permission=P_VIEW, actor=actor)
        RecommendationRow.update(answer=answer, answered_on=when.date(), document_id=document.id).where(
            RecommendationRow.id == recommendation_id).execute()
    return get_recommendation(recommendation_id)


def board_recommendations(board_id: int) -> list[Recommendation]:
    """The board's recommendations, newest first, unchecked (public page, reports)."""
    return _query(board_id=board_id)


def _query(*, board_id: int | None = None, waiting_only: bool = False, limit: int = 500) -> list[Recommendation]:
    q = (RecommendationRow.select(RecommendationRow, CaseRow).join(CaseRow, on=(RecommendationRow.case == CaseRow.id))
         .order_by(RecommendationRow.sent_on.desc(), RecommendationRow.id.desc()).limit(limit))
    if board_id is not None:
        q = q.where(RecommendationRow.board == board_id)
    if waiting_only:
        q = q.where(CaseRow.closed_at.is_null(True))
    return [to_recommendation(r, r.case) for r in q]


def recommendations(core: CoreServices, *, actor: Actor, board_id: int | None = None, waiting_only: bool = False,
                    permission: str = P_VIEW, limit: int = 500) -> list[Recommendation]:
    """Recommendations ``actor`` reaches with ``permission`` (members: their own boards')."""
    if board_id is not None:
        core.access.require(actor, permission, board_scope(core, board_id))
        return _query(board_id=board_id, waiting_only=waiting_only, limit=limit)
    seen = reach(core, actor, permission)
    return [r for r in _query(waiting_only=waiting_only, limit=limit) if seen.board(r.board_id)]


def overdue(today: dt.date) -> list[Recommendation]:
    """Recommendations waiting past their R-GS-10 answer date, unchecked (warnings, CLI)."""
    return [r for r in _query(waiting_only=True, limit=100000) if r.due_date and r.due_date < today]
