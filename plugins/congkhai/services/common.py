"""What every section shares: the module's settings, who a resource belongs to (its
scope), the residential groups, row → type."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core import people
from thanthien.core.access import Scope
from thanthien.core.errors import NotFound
from thanthien.core.models import NoticeRow, PersonRow, UnitRow, to_type
from thanthien.core.richtext import html_to_text
from thanthien.core.text import fold
from thanthien.core.types import COMMUNITY_UNIT_KINDS, Actor, Notice

from ..models import AttachmentRow, ConferenceRow, MediaRow, PostingRow, RequirementRow
from ..settings import CongkhaiSettings
from ..types import (
    CONFERENCE_OWNER,
    MEDIA_OWNER,
    NOTICE_OWNER,
    PLUGIN,
    POSTING_OWNER,
    Attachment,
    Conference,
    MediaItem,
    Posting,
    Requirement,
)

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def config(core: CoreServices) -> CongkhaiSettings:
    """``[plugin.congkhai]`` (validated at start)."""
    return core.config(PLUGIN)


def today_or(day: dt.date | None) -> dt.date:
    return day or dt.date.today()


def residential_groups() -> list:
    return people.list_units(COMMUNITY_UNIT_KINDS)


def unit_names() -> dict[int, str]:
    return {u.id: u.name for u in UnitRow.select(UnitRow.id, UnitRow.name)}


def home_unit(core: CoreServices, actor: Actor | None, permission: str) -> int | None:
    """The unit a new resource of ``actor`` belongs to: his or her own unit when the
    permission reaches it, else the first unit of a grant holding the permission. ``None``
    (a ward resource) for the system and for staff of no unit with a ward-wide grant;
    the caller's ``require`` refuses anyone else."""
    if actor is None or actor.person_id is None:
        return None
    own = PersonRow.select(PersonRow.unit).where(PersonRow.id == actor.person_id).scalar()
    units = core.access.units_for(actor, permission)
    if units is None or (own is not None and own in units):
        return own
    holders = set(core.access.roles_holding(permission))
    granted = sorted(unit for role, unit in actor.roles if role in holders and unit is not None)
    return granted[0] if granted else None


def scoped(query, field, units: set[int] | None):
    """``query`` narrowed to rows whose ``field`` is one of ``units`` (None: the whole ward)."""
    if units is None:
        return query
    return query.where(field.in_(sorted(units) or [-1]))


# -- notices ------------------------------------------------------------------

def get_notice(notice_id: int) -> Notice:
    """A notice, unchecked: for the module's own steps (the caller checks the actor)."""
    row = NoticeRow.get_or_none(NoticeRow.id == notice_id)
    if row is None:
        raise NotFound(f"Không tìm thấy thông báo số {notice_id}.")
    return to_type(Notice, row)


def notice_scope(notice: Notice) -> Scope:
    """Who may act on a notice: its department (unit), owner ``congkhai.notice``. A notice
    without a unit (published by another module through core) is a ward resource."""
    return Scope(unit_id=notice.unit_id, owner=NOTICE_OWNER, owner_id=notice.id)


def place_scope(notice: Notice, kind_unit_id: int | None) -> Scope:
    """The scope of a place of a notice: a residential group's place belongs to the group,
    a ward place (office board, website, loudspeaker) to the notice."""
    if kind_unit_id is None:
        return notice_scope(notice)
    return Scope(unit_id=kind_unit_id, owner=POSTING_OWNER, owner_id=notice.id)


def search_text(title: str, body_html: str) -> str:
    return fold(f"{title} {html_to_text(body_html)}")


# -- row → type ------------------------------------------------------------------

def to_requirement(r: RequirementRow) -> Requirement:
    return Requirement(r.id, r.notice_id, r.kind, r.unit_id, r.due_date, r.min_days, r.permanent,
                       r.broadcast_days, tuple(r.rule_ids))


def to_posting(r: PostingRow) -> Posting:
    return Posting(r.id, r.notice_id, r.kind, r.unit_id, r.posted_on, r.removed_on, r.recorded_by_id,
                   r.recorded_name, r.note)


def to_attachment(r: AttachmentRow) -> Attachment:
    return Attachment(r.id, r.notice_id, r.filename, r.content_type, r.size, r.sha256)


def to_conference(r: ConferenceRow) -> Conference:
    return Conference(r.id, r.kind, r.topic, r.held_on, r.place, r.audience, r.unit_id, r.invited,
                      r.attended, r.note, r.organiser_unit_id)


def to_media(r: MediaRow) -> MediaItem:
    return MediaItem(r.id, r.kind, r.title, r.published_on, r.channel, r.topic, r.url, r.organiser_unit_id)


def conference_scope(c: Conference) -> Scope:
    return Scope(unit_id=c.organiser_unit_id, owner=CONFERENCE_OWNER, owner_id=c.id)


def media_scope(m: MediaItem) -> Scope:
    return Scope(unit_id=m.organiser_unit_id, owner=MEDIA_OWNER, owner_id=m.id)


def requirements(notice_id: int) -> list[Requirement]:
    """The places a published notice must reach (fixed when it was published)."""
    q = RequirementRow.select().where(RequirementRow.notice == notice_id).order_by(RequirementRow.id)
    return [to_requirement(r) for r in q]


def postings(notice_id: int) -> list[Posting]:
    """The ledger lines of a notice, oldest first."""
    q = PostingRow.select().where(PostingRow.notice == notice_id).order_by(PostingRow.posted_on, PostingRow.id)
    return [to_posting(r) for r in q]


def attachments(notice_id: int) -> list[Attachment]:
    """The files attached to a notice (without their bytes)."""
    q = (AttachmentRow.select(AttachmentRow.id, AttachmentRow.notice, AttachmentRow.filename,
                              AttachmentRow.content_type, AttachmentRow.size, AttachmentRow.sha256)
         .where(AttachmentRow.notice == notice_id).order_by(AttachmentRow.id))
    return [to_attachment(r) for r in q]


def mark_place_recorded(notice_id: int, kind: str, unit_id: int | None) -> None:
    """The required place (notice, kind, unit) has a ledger line now (``recorded``; every
    write of a posting calls this in its transaction)."""
    unit = (RequirementRow.unit == unit_id) if unit_id is not None else RequirementRow.unit.is_null(True)
    RequirementRow.update(recorded=True).where(
        RequirementRow.notice == notice_id, RequirementRow.kind == kind, unit, RequirementRow.recorded == False  # noqa: E712
    ).execute()
