"""Problems reported by units on a plan item (vướng mắc, plan IV.2).

A unit reports an obstacle on an item; the coordinating office (Phòng Văn hóa - Xã hội)
answers it or escalates it to the UBND's leaders, who answer. The report and the answer
stay on the item.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.errors import IllegalTransition, NotFound, ValidationError
from thanthien.core.models import PersonRow
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.types import Actor

from ..models import ItemRow, ProblemRow
from ..types import P_PLAN, P_VIEW, Problem
from .common import staff_row, unit_name
from .plan import get_item, item_scope

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def _names(ids: set[int | None]) -> dict[int, str]:
    ids_ = sorted(i for i in ids if i is not None)
    return {p.id: p.full_name for p in PersonRow.select(PersonRow.id, PersonRow.full_name)
            .where(PersonRow.id.in_(ids_ or [-1]))}


def _to_problems(rows: list[ProblemRow]) -> list[Problem]:
    names = _names({r.reported_by_id for r in rows} | {r.answered_by_id for r in rows})
    return [Problem(r.id, r.item_id, r.unit_id, unit_name(r.unit_id), r.text, r.state, r.reported_at,
                    names.get(r.reported_by_id, ""), r.answer, r.answered_at, names.get(r.answered_by_id, ""),
                    r.escalation, r.escalated_at) for r in rows]


def get_problem(problem_id: int) -> Problem:
    row = ProblemRow.get_or_none(ProblemRow.id == problem_id)
    if row is None:
        raise NotFound(f"Không tìm thấy vướng mắc số {problem_id}.")
    return _to_problems([row])[0]


def problems(*, item_id: int | None = None, state: str | None = None, limit: int = 100) -> list[Problem]:
    q = ProblemRow.select()
    if item_id is not None:
        q = q.where(ProblemRow.item == item_id)
    if state:
        q = q.where(ProblemRow.state == state)
    return _to_problems(list(q.order_by(ProblemRow.reported_at.desc(), ProblemRow.id.desc()).limit(limit)))


def report_problem(core: CoreServices, item_id: int, *, text: str, actor: Actor,
                   at: dt.datetime | None = None) -> Problem:
    """A unit reports an obstacle on a plan item (its reporter's unit is recorded)."""
    item = get_item(item_id)
    core.access.require(actor, P_VIEW, item_scope(item))
    text = (text or "").strip()
    if not text:
        raise ValidationError([("text", "Vui lòng nêu vướng mắc, khó khăn và đề xuất.")])
    reporter = staff_row(actor.person_id)
    with write_transaction():
        row = ProblemRow.create(item=item_id, unit=reporter.unit_id if reporter else None, text=text,
                                reported_at=at or now(), reported_by=actor.person_id)
        audit.record("congvu.problem.report", "congvu_problem", row.id, actor=actor,
                     after={"item": item_id, "unit": row.unit_id, "text": text})
    return get_problem(row.id)


def answer_problem(core: CoreServices, problem_id: int, *, answer: str, actor: Actor,
                   at: dt.datetime | None = None) -> Problem:
    """The coordinating office (or, once escalated, the UBND's leaders) answers."""
    problem = get_problem(problem_id)
    item = get_item(problem.item_id)
    core.access.require(actor, P_PLAN, item_scope(item))
    answer = (answer or "").strip()
    if problem.state == "answered":
        raise IllegalTransition("Vướng mắc này đã được trả lời.")
    if not answer:
        raise ValidationError([("answer", "Vui lòng ghi nội dung trả lời, hướng dẫn.")])
    with write_transaction():
        ProblemRow.update(state="answered", answer=answer, answered_at=at or now(),
                          answered_by=actor.person_id).where(ProblemRow.id == problem_id).execute()
        audit.record("congvu.problem.answer", "congvu_problem", problem_id, actor=actor,
                     before={"state": problem.state}, after={"state": "answered", "answer": answer})
    return get_problem(problem_id)


def escalate_problem(core: CoreServices, problem_id: int, *, note: str, actor: Actor,
                     at: dt.datetime | None = None) -> Problem:
    """The coordinating office reports the problem to the UBND's leaders (xin ý kiến chỉ đạo)."""
    problem = get_problem(problem_id)
    item = get_item(problem.item_id)
    core.access.require(actor, P_PLAN, item_scope(item))
    note = (note or "").strip()
    if problem.state != "open":
        raise IllegalTransition(f"Vướng mắc đang ở trạng thái “{problem.state_label}”.")
    if not note:
        raise ValidationError([("note", "Vui lòng ghi nội dung báo cáo, đề xuất lãnh đạo.")])
    with write_transaction():
        ProblemRow.update(state="escalated", escalation=note, escalated_at=at or now()).where(
            ProblemRow.id == problem_id).execute()
        audit.record("congvu.problem.escalate", "congvu_problem", problem_id, actor=actor,
                     before={"state": "open"}, after={"state": "escalated", "note": note})
    return get_problem(problem_id)


def open_problem_count(plan_id: int) -> int:
    return (ProblemRow.select().join(ItemRow).where(ItemRow.plan == plan_id, ProblemRow.state != "answered")
            .count())
