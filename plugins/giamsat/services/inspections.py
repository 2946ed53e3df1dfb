"""On-site inspections (kiểm tra, giám sát trực tiếp tại hiện trường) with photos.

Experts may be invited (plan III.2.3b). Photos are checked by content and size before
anything is stored, and are read within their board's scope only.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import to_type
from thanthien.core.storage.db import write_transaction
from thanthien.core.types import Actor
from thanthien.core.uploads import IMAGES, check_upload

from ..models import InspectionRow, PhotoRow
from ..types import P_SUPERVISE, P_VIEW, Inspection, Photo, PhotoUpload
from .common import active_board, board_scope, config, day, text

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def to_photo(row: PhotoRow) -> Photo:
    return to_type(Photo, row, inspection_id=row.inspection_id)


def to_inspection(row: InspectionRow) -> Inspection:
    photos = tuple(to_photo(p) for p in PhotoRow.select(PhotoRow.id, PhotoRow.inspection, PhotoRow.filename,
                                                        PhotoRow.content_type, PhotoRow.size, PhotoRow.caption)
                   .where(PhotoRow.inspection == row.id).order_by(PhotoRow.id))
    return to_type(Inspection, row, board_id=row.board_id, experts=tuple(row.experts or ()), photos=photos)


def record_inspection(core: CoreServices, board_id: int, *, held_on: dt.date | None, place: str, findings: str,
                      participants: str = "", experts: Sequence[str] = (), serious_violation: bool = False,
                      photos: Iterable[PhotoUpload] = (), actor: Actor) -> Inspection:
    """Record an on-site inspection; each photo is checked by content and size
    (``[plugin.giamsat] max_photo_bytes``, ``max_photos_per_inspection``) before anything is stored."""
    core.access.require(actor, P_SUPERVISE, board_scope(core, board_id))
    board = active_board(board_id, "ghi nhận kiểm tra hiện trường")
    errors: list[tuple[str, str]] = []
    on = day(held_on, "held_on", "ngày kiểm tra", errors, not_future=True)
    if on and on < board.established_on:
        errors.append(("held_on", "Ngày kiểm tra phải sau ngày thành lập Ban giám sát."))
    place = text(place, "place", "địa điểm kiểm tra", errors)
    findings = text(findings, "findings", "kết quả kiểm tra", errors, max_len=10000)
    participants = text(participants, "participants", "thành phần tham gia", errors, required=False, max_len=2000)
    expert_list = [e.strip()[:255] for e in experts if e and e.strip()]
    cfg = config(core)
    uploads = list(photos)
    if len(uploads) > cfg.max_photos_per_inspection:
        errors.append(("photos", f"Mỗi lần kiểm tra đính kèm tối đa {cfg.max_photos_per_inspection} ảnh."))
    checked = []
    for up in uploads:
        try:
            name, mime = check_upload(up.filename, up.data, up.content_type, cfg.max_photo_bytes, kinds=IMAGES,
                                      field="photos")
        except ValidationError as exc:
            errors += exc.errors
            continue
        checked.append((name, mime, up.data, up.caption.strip()[:255]))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = InspectionRow.create(board=board_id, held_on=on, place=place, findings=findings,
                                   participants=participants, experts=expert_list,
                                   serious_violation=bool(serious_violation))
        for name, mime, data, caption in checked:
            PhotoRow.create(inspection=row.id, filename=name, content_type=mime, size=len(data),
                            sha256=hashlib.sha256(data).hexdigest(), caption=caption, data=data)
        inspection = to_inspection(row)
        audit.record("giamsat.inspection.record", "giamsat_board", board_id, actor=actor,
                     after={"inspection": row.id, "held_on": on, "place": place, "experts": expert_list,
                            "serious_violation": row.serious_violation,
                            "photos": [{"filename": p.filename, "size": p.size} for p in inspection.photos]})
    return inspection


def board_inspections(board_id: int) -> list[Inspection]:
    """The board's inspections, newest first, unchecked (public page, reports)."""
    q = InspectionRow.select().where(InspectionRow.board == board_id).order_by(InspectionRow.held_on.desc(),
                                                                                InspectionRow.id.desc())
    return [to_inspection(r) for r in q]


def inspections(core: CoreServices, board_id: int, *, actor: Actor) -> list[Inspection]:
    """The board's inspections, read within its scope."""
    core.access.require(actor, P_VIEW, board_scope(core, board_id))
    return board_inspections(board_id)


def photo_file(core: CoreServices, photo_id: int, *, actor: Actor) -> tuple[Photo, bytes]:
    """A site photo and its bytes, read within its board's scope."""
    row = PhotoRow.get_or_none(PhotoRow.id == photo_id)
    if row is None:
        raise NotFound(f"Không tìm thấy ảnh số {photo_id}.")
    core.access.require(actor, P_VIEW, board_scope(core, row.inspection.board_id))
    return to_photo(row), bytes(row.data)
