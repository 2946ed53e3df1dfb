"""Dialogue conferences (hội nghị đối thoại) between the People's Committee and residents,
organised with the Mặt trận committee at least once a year (R-DT-01).

A conference belongs to the reception unit (its scope; ``tiepdan.dialogue`` to organise
it); its plan and invitation are documents of the conference. Questions name a group or
an organisation, never a person: the answers are published.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Iterable

from thanthien.core import audit
from thanthien.core.errors import IllegalTransition, NotFound, ValidationError
from thanthien.core.models import to_type
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import Actor

from ..models import DialogueRow, QuestionRow
from ..types import DIALOGUE_OWNER, P_DIALOGUE, Dialogue, DialogueCoverage, Question
from .common import check_time, clean, dialogue_scope, reception_unit_id
from .documents import issue

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def _dialogue(row: DialogueRow) -> Dialogue:
    return to_type(Dialogue, row, invitees=tuple(row.invitees or ()))


def get_dialogue(dialogue_id: int) -> Dialogue:
    row = DialogueRow.get_or_none(DialogueRow.id == dialogue_id)
    if row is None:
        raise NotFound(f"Không tìm thấy hội nghị đối thoại số {dialogue_id}.")
    return _dialogue(row)


def _organised(core: CoreServices, dialogue_id: int, actor: Actor) -> Dialogue:
    d = get_dialogue(dialogue_id)
    core.access.require(actor, P_DIALOGUE, dialogue_scope(d))
    return d


def plan_dialogue(core: CoreServices, *, title: str, day: dt.date, place: str, plan: str, start_time: str = "08:00",
                  co_organiser: str = "Ủy ban Mặt trận Tổ quốc Việt Nam phường", invitees: Iterable[str] = (),
                  actor: Actor) -> Dialogue:
    """Plan the yearly dialogue conference with the Mặt trận committee (R-DT-01) and issue its plan."""
    unit_id = reception_unit_id(core)
    core.access.require(actor, P_DIALOGUE, unit_id)
    errors: list[tuple[str, str]] = []
    if not clean(title):
        errors.append(("title", "Vui lòng nhập tên hội nghị."))
    if not clean(place):
        errors.append(("place", "Vui lòng nhập địa điểm."))
    if not clean(plan):
        errors.append(("plan", "Vui lòng nhập nội dung kế hoạch."))
    start = check_time("start_time", start_time, errors)
    if errors:
        raise ValidationError(errors)
    invitees = [i.strip() for i in invitees if i and i.strip()]
    with write_transaction():
        row = DialogueRow.create(year=day.year, title=clean(title), day=day, start_time=start, place=clean(place),
                                 co_organiser=clean(co_organiser), plan=clean(plan), invitees=invitees,
                                 unit_id=unit_id)
        doc = issue(core, "ke_hoach", subject=f"Tổ chức {clean(title)}", actor=actor,
                    owner=(DIALOGUE_OWNER, row.id), unit_id=unit_id,
                    sections=[{"title": "Mục đích, yêu cầu", "paragraphs": [clean(plan)]},
                              {"title": "Thời gian, địa điểm",
                               "paragraphs": [f"{start} ngày {format_date(day)}, tại {clean(place)}."]},
                              {"title": "Thành phần", "items": invitees or ["Đại diện Nhân dân các tổ dân phố"]}],
                    recipients=[clean(co_organiser), "Các tổ dân phố"])
        DialogueRow.update(plan_document_id=doc.id).where(DialogueRow.id == row.id).execute()
        audit.record("tiepdan.dialogue.plan", "tiepdan_dialogue", row.id, actor=actor,
                     after={"title": row.title, "day": day})
    return get_dialogue(row.id)


def invite_dialogue(core: CoreServices, dialogue_id: int, *, actor: Actor) -> Dialogue:
    with write_transaction():
        d = _organised(core, dialogue_id, actor)
        if d.state != "planned":
            raise IllegalTransition("Giấy mời chỉ phát hành khi hội nghị đang ở bước kế hoạch.")
        doc = issue(core, "giay_moi", subject=f"Dự {d.title}", actor=actor, owner=(DIALOGUE_OWNER, d.id),
                    unit_id=d.unit_id,
                    paragraphs=[f"Ủy ban nhân dân phối hợp với {d.co_organiser} trân trọng kính mời dự {d.title}.",
                                f"Thời gian: {d.start_time} ngày {format_date(d.day)}.", f"Địa điểm: {d.place}.",
                                "Đề nghị đại biểu gửi trước câu hỏi, ý kiến về Ủy ban nhân dân để tổng hợp."],
                    recipients=list(d.invitees) or ["Đại diện Nhân dân các tổ dân phố"])
        DialogueRow.update(state="invited", invitation_document_id=doc.id).where(
            DialogueRow.id == dialogue_id).execute()
        audit.record("tiepdan.dialogue.invite", "tiepdan_dialogue", dialogue_id, actor=actor,
                     before={"state": "planned"}, after={"state": "invited", "document_id": doc.id})
    return get_dialogue(dialogue_id)


def add_question(core: CoreServices, dialogue_id: int, *, text: str, source: str, actor: Actor) -> int:
    """A question collected before the conference; ``source`` is a group or organisation,
    never a person's name (the answers are published)."""
    d = _organised(core, dialogue_id, actor)
    errors = []
    if d.state in ("published", "cancelled"):
        raise IllegalTransition("Hội nghị đã kết thúc, không nhận thêm câu hỏi.")
    if not clean(text):
        errors.append(("text", "Vui lòng nhập câu hỏi."))
    elif len(clean(text)) > 3000:
        errors.append(("text", "Câu hỏi dài quá 3000 ký tự."))
    if not clean(source):
        errors.append(("source", "Vui lòng ghi nơi gửi câu hỏi (tổ dân phố, tổ chức)."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = QuestionRow.create(dialogue=dialogue_id, text=clean(text), source=clean(source)[:255])
        audit.record("tiepdan.dialogue.question", "tiepdan_dialogue", dialogue_id, actor=actor,
                     after={"question_id": row.id, "source": row.source})
    return row.id


def record_dialogue(core: CoreServices, dialogue_id: int, *, minutes: str, attendance: int,
                    answers: dict[int, tuple[str, str]], actor: Actor, at: dt.datetime | None = None) -> Dialogue:
    """The conference was held: minutes (biên bản), attendance and each answer (by whom)."""
    _organised(core, dialogue_id, actor)
    errors = []
    if not clean(minutes):
        errors.append(("minutes", "Vui lòng nhập biên bản hội nghị."))
    if not isinstance(attendance, int) or attendance < 1:
        errors.append(("attendance", "Số người dự phải từ 1 trở lên."))
    known = {q.id for q in QuestionRow.select().where(QuestionRow.dialogue == dialogue_id)}
    for qid, (text, by) in (answers or {}).items():
        if qid not in known:
            errors.append((f"answers.{qid}", "Câu hỏi không thuộc hội nghị này."))
        elif not clean(text) or not clean(by):
            errors.append((f"answers.{qid}", "Vui lòng nhập nội dung trả lời và người trả lời."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        d = get_dialogue(dialogue_id)
        if d.state not in ("planned", "invited"):
            raise IllegalTransition("Hội nghị đã được ghi nhận.")
        for qid, (text, by) in (answers or {}).items():
            QuestionRow.update(answer=clean(text), answered_by=clean(by)).where(QuestionRow.id == qid).execute()
        DialogueRow.update(state="held", minutes=clean(minutes), attendance=attendance,
                           held_at=at or now()).where(DialogueRow.id == dialogue_id).execute()
        audit.record("tiepdan.dialogue.held", "tiepdan_dialogue", dialogue_id, actor=actor,
                     before={"state": d.state}, after={"state": "held", "attendance": attendance})
    return get_dialogue(dialogue_id)


def publish_dialogue_answers(core: CoreServices, dialogue_id: int, *, actor: Actor,
                             at: dt.datetime | None = None) -> Dialogue:
    with write_transaction():
        d = _organised(core, dialogue_id, actor)
        if d.state != "held":
            raise IllegalTransition("Chỉ công khai kết quả sau khi hội nghị đã diễn ra.")
        missing = QuestionRow.select().where(QuestionRow.dialogue == dialogue_id, QuestionRow.answer == "").count()
        if missing:
            raise ValidationError([("answers", f"Còn {missing} câu hỏi chưa được trả lời.")])
        DialogueRow.update(state="published", published_at=at or now()).where(DialogueRow.id == dialogue_id).execute()
        audit.record("tiepdan.dialogue.publish", "tiepdan_dialogue", dialogue_id, actor=actor,
                     before={"state": "held"}, after={"state": "published"})
    return get_dialogue(dialogue_id)


def published_dialogues(year: int | None = None) -> list[tuple[Dialogue, list[Question]]]:
    """The conferences whose answers are published (public), newest first, with their questions."""
    q = DialogueRow.select().where(DialogueRow.state == "published").order_by(DialogueRow.day.desc())
    if year:
        q = q.where(DialogueRow.year == year)
    return [(_dialogue(d), [to_type(Question, x) for x in d.questions.order_by(QuestionRow.id)]) for d in q]


def dialogue_coverage(core: CoreServices, year: int) -> DialogueCoverage:
    """R-DT-01: at least one dialogue conference a year."""
    held = DialogueRow.select().where(DialogueRow.year == year, DialogueRow.state.in_(("held", "published"))).count()
    need = int(core.rules.value("R-DT-01.min_per_year", dt.date(year, 12, 31)))
    return DialogueCoverage(year, held, need, held >= need)
