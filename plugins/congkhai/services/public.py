"""The public side (bảng tin công khai): published notices, their files, the board's
filters and accent-free search. Nothing personal reaches it (R-DL-07, R-DL-14): bodies
are re-sanitised and ID and phone numbers typed into them are masked."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from thanthien.core.errors import NotFound
from thanthien.core.models import AuditRow, NoticeRow, to_type
from thanthien.core.privacy import mask
from thanthien.core.richtext import clean_html, html_to_text
from thanthien.core.storage.db import now
from thanthien.core.text import fold
from thanthien.core.types import Notice

from ..models import AttachmentRow, NoticeMetaRow, RequirementRow
from ..types import Attachment
from .attachments import attachment_file
from .common import get_notice, to_attachment

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

# R-DL-07 / R-DL-14: a safety net for public output — personal ID and phone numbers
# typed into a body are masked before a public page or feed shows it.
_CITIZEN_ID = re.compile(r"(?<![\d])(\d{12}|\d{9})(?![\d])")
_PHONE = re.compile(r"(?<![\d+])((?:\+84|0)(?:[ .]?\d){9,10})(?![\d])")


def redact_public(text: str) -> str:
    """``text`` with ID numbers (9 or 12 digits) and phone numbers masked."""
    text = _PHONE.sub(lambda m: mask("phone", re.sub(r"\D", "", m.group(1))), text)
    return _CITIZEN_ID.sub(lambda m: mask("citizen_id", m.group(1)), text)


#: the summary of a notice on the board and in the feeds: its first characters
SUMMARY_LENGTH = 300


def public_text(title: str, body_html: str) -> tuple[str, str, str]:
    """What the public sees of a notice: its title, its body re-sanitised, both with ID and
    phone numbers masked, and the summary (plain text) — computed once at publication."""
    body = redact_public(clean_html(body_html))
    return redact_public(title), body, html_to_text(body)[:SUMMARY_LENGTH]


def store_public_text(notice: Notice) -> None:
    """Keep a published notice's public text beside it (its meta row exists)."""
    title, body, summary = public_text(notice.title, notice.body_html)
    NoticeMetaRow.update(public_title=title, public_body=body, public_summary=summary).where(
        NoticeMetaRow.notice == notice.id).execute()


def public_texts(notices: list[Notice]) -> dict[int, tuple[str, str, str]]:
    """The public text of each of ``notices`` in one query (computed for any not prepared)."""
    ids = [n.id for n in notices]
    stored = {r.notice_id: (r.public_title, r.public_body, r.public_summary)
              for r in NoticeMetaRow.select(NoticeMetaRow.notice, NoticeMetaRow.public_title,
                                            NoticeMetaRow.public_body, NoticeMetaRow.public_summary)
              .where(NoticeMetaRow.notice.in_(ids), NoticeMetaRow.public_title != "")} if ids else {}
    return {n.id: stored.get(n.id) or public_text(n.title, n.body_html) for n in notices}


def attachments_of(notice_ids: list[int]) -> dict[int, list[Attachment]]:
    """The files of each notice (without their bytes), in one query."""
    out: dict[int, list[Attachment]] = {i: [] for i in notice_ids}
    if notice_ids:
        for r in (AttachmentRow.select(AttachmentRow.id, AttachmentRow.notice, AttachmentRow.filename,
                                       AttachmentRow.content_type, AttachmentRow.size, AttachmentRow.sha256)
                  .where(AttachmentRow.notice.in_(notice_ids)).order_by(AttachmentRow.id)):
            out[r.notice_id].append(to_attachment(r))
    return out


def public_base(core: CoreServices) -> str:
    """The ward's public address for absolute links (``[web] base_url``), without the
    final slash; ``""`` when not configured: links are then relative to the site. Never
    taken from the request's Host header."""
    return (core.settings.web.base_url or "").strip().rstrip("/")


def public_notices(*, category: str | None = None, group_id: int | None = None, start: dt.date | None = None,
                   end: dt.date | None = None, query: str = "", limit: int = 50, offset: int = 0) -> list[Notice]:
    """Published notices, newest first; ``query`` is matched without accents."""
    q = NoticeRow.select().where(NoticeRow.state == "published")
    if category:
        q = q.where(NoticeRow.category == category)
    if start:
        q = q.where(NoticeRow.published_at >= dt.datetime.combine(start, dt.time()))
    if end:
        q = q.where(NoticeRow.published_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
    needle = fold(query)
    if needle:
        q = q.join(NoticeMetaRow, on=(NoticeMetaRow.notice == NoticeRow.id)).where(
            NoticeMetaRow.search_text.contains(needle))
    if group_id:
        at_group = RequirementRow.select(RequirementRow.notice).where(RequirementRow.unit == group_id)
        q = q.where(NoticeRow.id.in_(at_group))
    q = q.order_by(NoticeRow.published_at.desc(), NoticeRow.id.desc()).limit(limit).offset(offset)
    return [to_type(Notice, r) for r in q]


def published_notice(notice_id: int) -> Notice:
    """A notice a resident may read: published, else 404."""
    notice = get_notice(notice_id)
    if notice.state != "published":
        raise NotFound("Thông tin này không còn được công khai.")
    return notice


def public_attachment(attachment_id: int) -> tuple[Attachment, bytes]:
    """A file of a published notice, else 404 (a draft's files are not public)."""
    att, data = attachment_file(attachment_id)
    if get_notice(att.notice_id).state != "published":
        raise NotFound("Tệp này không còn được công khai.")
    return att, data


def last_modified() -> dt.datetime | None:
    """When the public board last changed (for conditional GET): the newest audit entry
    of a notice (published, withdrawn, changed)."""
    return board_version()[0]


def board_version() -> tuple[dt.datetime | None, int]:
    """When the public board last changed and the audit sequence number of that change:
    a feed computed at one version stays right until the next (issue 16)."""
    row = (AuditRow.select(AuditRow.at, AuditRow.seq).where(AuditRow.entity == "notice")
           .order_by(AuditRow.seq.desc()).first())
    return (row.at, int(row.seq)) if row else (None, 0)


def board_page_version() -> tuple:
    """The version of the public board's pages and feeds: the board's last change (every
    publication, withdrawal, edit, file or expiry of a notice is audited on the notice),
    the residential groups offered as a filter (units are audited when created) and the
    day. A body built at one version is right for every visitor until the next."""
    unit = (AuditRow.select(AuditRow.seq).where(AuditRow.entity == "unit")
            .order_by(AuditRow.seq.desc()).limit(1).scalar())
    return board_version()[1], int(unit or 0), now().date()
