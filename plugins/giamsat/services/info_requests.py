"""Information requests of a board to the investor or an authority: R-GS-08."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import to_type
from thanthien.core.storage.db import write_transaction
from thanthien.core.types import Actor

from ..models import InfoRequestRow
from ..types import P_SUPERVISE, P_VIEW, InfoRequest, request_items
from .common import active_board, board_scope, day, get_project, text

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def to_request(row: InfoRequestRow) -> InfoRequest:
    return to_type(InfoRequest, row, board_id=row.board_id, items=tuple(row.items or ()))


def send_info_request(core: CoreServices, board_id: int, *, sent_on: dt.date | None, addressee: str,
                      items: Iterable[str], note: str = "", actor: Actor) -> InfoRequest:
    """The board asks the investor or an authority for information (R-GS-08)."""
    core.access.require(actor, P_SUPERVISE, board_scope(core, board_id))
    board = active_board(board_id, "gửi yêu cầu cung cấp thông tin")
    project = get_project(board.project_id)
    errors: list[tuple[str, str]] = []
    on = day(sent_on, "sent_on", "ngày gửi yêu cầu", errors, not_future=True)
    addressee = text(addressee, "addressee", "nơi nhận yêu cầu", errors, max_len=255)
    chosen = [i.strip() for i in items if i and i.strip()]
    allowed = request_items(project.funding)
    if not chosen:
        errors.append(("items", "Vui lòng chọn thông tin cần cung cấp."))
    elif any(i not in allowed for i in chosen):  # R-GS-08
        errors.append(("items", "Thông tin yêu cầu không thuộc quyền yêu cầu của Ban giám sát với dự án này (R-GS-08)."))
    note = text(note, "note", "ghi chú", errors, required=False, max_len=2000)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = InfoRequestRow.create(board=board_id, sent_on=on, addressee=addressee, items=chosen, note=note)
        audit.record("giamsat.request.send", "giamsat_board", board_id, actor=actor,
                     after={"request": row.id, "sent_on": on, "addressee": addressee, "items": chosen})
    return to_request(row)


def get_request(request_id: int) -> InfoRequest:
    """A request, unchecked (callers check its board's scope)."""
    row = InfoRequestRow.get_or_none(InfoRequestRow.id == request_id)
    if row is None:
        raise NotFound(f"Không tìm thấy yêu cầu cung cấp thông tin số {request_id}.")
    return to_request(row)


def record_request_answer(core: CoreServices, request_id: int, *, answered_on: dt.date | None, answer: str,
                          actor: Actor) -> InfoRequest:
    """The investor or authority answered the board's request."""
    req = get_request(request_id)
    core.access.require(actor, P_SUPERVISE, board_scope(core, req.board_id))
    errors: list[tuple[str, str]] = []
    on = day(answered_on, "answered_on", "ngày nhận trả lời", errors, not_future=True)
    if on and on < req.sent_on:
        errors.append(("answered_on", "Ngày nhận trả lời phải sau ngày gửi yêu cầu."))
    answer = text(answer, "answer", "nội dung trả lời", errors, max_len=10000)
    if req.answered_on is not None:
        errors.append(("answered_on", "Yêu cầu này đã có trả lời."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        InfoRequestRow.update(answered_on=on, answer=answer).where(InfoRequestRow.id == request_id).execute()
        audit.record("giamsat.request.answer", "giamsat_board", req.board_id, actor=actor,
                     after={"request": request_id, "answered_on": on})
    return get_request(request_id)


def info_requests(core: CoreServices, board_id: int, *, actor: Actor) -> list[InfoRequest]:
    """The board's requests, newest first, read within its scope."""
    core.access.require(actor, P_VIEW, board_scope(core, board_id))
    q = InfoRequestRow.select().where(InfoRequestRow.board == board_id).order_by(InfoRequestRow.sent_on.desc())
    return [to_request(r) for r in q]
