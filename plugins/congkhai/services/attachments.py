"""Files attached to notices (tệp đính kèm): PDF or image, checked by their content.

What was published stays as it was disclosed: a file attached to a published notice
goes on a new draft version of it (R-CK-12), which replaces the published one when it
is published in turn; a file is removed only from a draft.
"""
from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.errors import IllegalTransition, NotFound
from thanthien.core.models import NoticeRow, to_type
from thanthien.core.storage.db import write_transaction
from thanthien.core.types import Actor, Notice
from thanthien.core.uploads import check_upload

from ..models import AttachmentRow
from ..types import P_NOTICES, Attachment
from .common import config, get_notice, notice_scope, to_attachment
from .notices import new_version

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def _pending_version(notice: Notice) -> Notice | None:
    """A newer draft version of a published notice, if one is being prepared."""
    root = notice.parent_id or notice.id
    row = (NoticeRow.select().where((NoticeRow.id == root) | (NoticeRow.parent == root),
                                    NoticeRow.state == "draft", NoticeRow.version > notice.version)
           .order_by(NoticeRow.version.desc()).first())
    return to_type(Notice, row) if row is not None else None


def add_attachment(core: CoreServices, notice_id: int, *, filename: str, data: bytes, content_type: str = "",
                   actor: Actor) -> Attachment:
    """Attach a PDF or image after checking its real type and size; nothing stored otherwise.

    On a draft the file is added to it. On a published notice the published version is
    left as it was disclosed: the file goes on its pending draft version, or on a new
    one (R-CK-12) — the returned attachment's ``notice_id`` says which.
    """
    notice = get_notice(notice_id)
    core.access.require(actor, P_NOTICES, notice_scope(notice))
    if notice.state in ("withdrawn", "expired"):
        raise IllegalTransition("Không thể đính kèm tệp vào thông báo đã thu hồi hoặc hết hạn.")
    name, mime = check_upload(filename, data, content_type, config(core).max_attachment_bytes)
    digest = hashlib.sha256(data).hexdigest()
    with write_transaction():
        target = notice
        if notice.state == "published":
            target = _pending_version(notice) or new_version(core, notice, title=notice.title,
                                                              body_html=notice.body_html, actor=actor)
        row = AttachmentRow.create(notice=target.id, filename=name, content_type=mime, size=len(data),
                                   sha256=digest, data=data, created_by=actor.person_id)
        audit.record("congkhai.attachment.add", "notice", target.id, actor=actor,
                     after={"attachment": row.id, "filename": name, "size": len(data), "sha256": digest,
                            **({"published_version": notice.id} if target.id != notice.id else {})})
    return to_attachment(row)


def remove_attachment(core: CoreServices, attachment_id: int, *, actor: Actor) -> Attachment:
    """Remove a file from a draft (gỡ tệp đính kèm). What was published stays as it was
    disclosed: a change to a published notice is a new version (R-CK-12)."""
    r = AttachmentRow.get_or_none(AttachmentRow.id == attachment_id)
    if r is None:
        raise NotFound("Không tìm thấy tệp đính kèm.")
    att = to_attachment(r)
    notice = get_notice(att.notice_id)
    core.access.require(actor, P_NOTICES, notice_scope(notice))
    if notice.state != "draft":
        raise IllegalTransition("Chỉ gỡ tệp khỏi bản nháp; thông báo đã công khai thì tạo phiên bản mới (R-CK-12).")
    with write_transaction():
        AttachmentRow.delete().where(AttachmentRow.id == attachment_id).execute()
        audit.record("congkhai.attachment.remove", "notice", att.notice_id, actor=actor,
                     before={"attachment": att.id, "filename": att.filename, "size": att.size,
                             "sha256": att.sha256})
    return att


def attachment_file(attachment_id: int) -> tuple[Attachment, bytes]:
    """A file and its bytes, unchecked: the caller checks who may read its notice."""
    r = AttachmentRow.get_or_none(AttachmentRow.id == attachment_id)
    if r is None:
        raise NotFound("Không tìm thấy tệp đính kèm.")
    return to_attachment(r), bytes(r.data)
