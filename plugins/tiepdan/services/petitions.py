"""Petitions and feedback (phản ánh, kiến nghị) and the status replies owed to citizens
received at reception (R-PA-05 … R-PA-08, R-TD-13)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.types import Actor, Case

from ..models import MatterRow
from ..types import P_HANDLE, REPLY_STATUSES, STATUS_REPLY, kind_of
from .common import clean
from .documents import issue, sender_line
from .identity import require_content
from .matters import step

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def take_petition(core: CoreServices, case_id: int, *, actor: Actor, at: dt.datetime | None = None) -> Case:
    """Within the ward's competence: handled within R-PA-08."""
    return step(core, case_id, "take", actor=actor, note="Thuộc thẩm quyền, nhận xử lý", at=at)


def file_petition(core: CoreServices, case_id: int, *, reason: str, actor: Actor,
                  at: dt.datetime | None = None) -> Case:
    """R-PA-05: not enough to act on; filed with the reason."""
    return step(core, case_id, "file", actor=actor, note=clean(reason), at=at)


def answer_petition(core: CoreServices, case_id: int, *, answer: str, actor: Actor,
                    at: dt.datetime | None = None) -> Case:
    """Answer a petition. ``answer`` is shown to the citizen on the tracking page: it must not
    contain personal data of anyone."""
    answer = clean(answer)
    if not answer:
        raise ValidationError([("answer", "Vui lòng nhập nội dung trả lời.")])
    when = at or now()
    with write_transaction():
        case = step(core, case_id, "answer", actor=actor, note=answer, at=when)
        MatterRow.update(public_answer=answer, answered_at=when).where(MatterRow.case == case_id).execute()
    return case


def send_status_reply(core: CoreServices, reply_case_id: int, *, status: str, text: str = "", actor: Actor,
                      at: dt.datetime | None = None) -> Case:
    """R-TD-13: tell the citizen, within 10 working days, whether the case was accepted,
    needs more time, was refused (with the reason) or was forwarded — with a written reply
    that never names a denouncer (R-TC-09)."""
    if status not in REPLY_STATUSES:
        raise ValidationError([("status", "Vui lòng chọn tình trạng trả lời (R-TD-13).")])
    if status == "refused" and not clean(text):
        raise ValidationError([("text", "Vui lòng ghi rõ lý do không thụ lý.")])
    when = at or now()
    with write_transaction():
        reply = core.cases.get(reply_case_id)
        if kind_of(reply.case_type) != STATUS_REPLY:
            raise NotFound("Không tìm thấy yêu cầu trả lời tình trạng xử lý.")
        main = core.cases.get(reply.data["case_id"])
        require_content(core, actor, main, P_HANDLE)
        body = REPLY_STATUSES[status] + (f": {clean(text)}" if clean(text) else ".")
        doc = issue(core, "thong_bao", subject="Trả lời tình trạng xử lý đơn", case=main, actor=actor,
                    issued_on=when.date(), bases=["Căn cứ Điều 28 Luật Tiếp công dân ngày 25 tháng 11 năm 2013"],
                    paragraphs=[f"Về đơn của công dân (hồ sơ số {main.number}) tiếp nhận ngày "
                                f"{main.received_at:%d/%m/%Y}, Ủy ban nhân dân trả lời như sau: {body}"],
                    recipients=[sender_line(main)])
        return step(core, reply_case_id, "reply", actor=actor, note=body,
                    data={"document_id": doc.id, "status": status}, at=when)
