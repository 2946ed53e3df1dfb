"""Propaganda and training (tuyên truyền, tập huấn — plan III.2.1, III.3): conferences in
the residential groups and for staff, news items, articles, reports and broadcasts.

A conference or media item belongs to the unit that organised and recorded it (its
scope); the coverage of the groups is a ward-wide figure (names of groups only).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.access import Scope
from thanthien.core.errors import ValidationError
from thanthien.core.models import UnitRow
from thanthien.core.storage.db import write_transaction
from thanthien.core.types import Actor

from ..models import ConferenceRow, MediaRow
from ..types import (
    AUDIENCES,
    CONFERENCE_KINDS,
    CONFERENCE_OWNER,
    MEDIA_CHANNELS,
    MEDIA_KINDS,
    MEDIA_OWNER,
    MEDIA_TOPICS,
    P_PROPAGANDA,
    Conference,
    Coverage,
    MediaItem,
)
from .common import config, home_unit, residential_groups, to_conference, to_media, today_or

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def record_conference(core: CoreServices, *, kind: str, topic: str, held_on: dt.date, place: str, audience: str,
                      unit_id: int | None = None, invited: int = 0, attended: int = 0, note: str = "",
                      actor: Actor, today: dt.date | None = None) -> Conference:
    """Record a conference held (hội nghị tuyên truyền, tập huấn): in a residential group
    (``unit_id``) or for the ward. It belongs to the recording officer's unit."""
    organiser = home_unit(core, actor, P_PROPAGANDA)
    core.access.require(actor, P_PROPAGANDA, Scope(unit_id=organiser, owner=CONFERENCE_OWNER))
    errors = []
    if kind not in CONFERENCE_KINDS:
        errors.append(("kind", "Loại hội nghị không hợp lệ."))
    if not topic.strip():
        errors.append(("topic", "Vui lòng nhập nội dung hội nghị."))
    if not place.strip():
        errors.append(("place", "Vui lòng nhập địa điểm."))
    if audience not in AUDIENCES:
        errors.append(("audience", "Đối tượng tham dự không hợp lệ."))
    if held_on > today_or(today):
        errors.append(("held_on", "Chỉ ghi nhận hội nghị đã tổ chức (ngày không được sau hôm nay)."))
    if unit_id is not None and UnitRow.get_or_none(UnitRow.id == unit_id) is None:
        errors.append(("unit_id", "Không tìm thấy đơn vị."))
    if invited < 0 or attended < 0:
        errors.append(("attended", "Số người không được âm."))
    if invited and attended > invited:
        errors.append(("attended", "Số người tham dự không được lớn hơn số người được mời."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = ConferenceRow.create(kind=kind, topic=topic.strip(), held_on=held_on, place=place.strip(),
                                   audience=audience, unit=unit_id, invited=invited, attended=attended,
                                   note=note.strip(), created_by=actor.person_id, organiser_unit_id=organiser)
        audit.record("congkhai.conference.record", "congkhai_conference", row.id, actor=actor,
                     after={"kind": kind, "held_on": held_on, "unit_id": unit_id, "attended": attended,
                            "organiser_unit_id": organiser})
    return to_conference(row)


def _visible(q, core: CoreServices, actor: Actor | None, *fields):
    """``q`` narrowed to rows one of whose ``fields`` (unit ids) the actor reaches."""
    units = core.access.units_for(actor, P_PROPAGANDA)
    if units is None:
        return q
    allowed = sorted(units) or [-1]
    cond = None
    for f in fields:
        c = f.in_(allowed)
        cond = c if cond is None else (cond | c)
    return q.where(cond)


def conferences(core: CoreServices, start: dt.date | None = None, end: dt.date | None = None, *,
                actor: Actor | None) -> list[Conference]:
    """Conferences the actor may read (organised by, or held in, one of his or her units),
    latest first."""
    q = _visible(ConferenceRow.select(), core, actor, ConferenceRow.organiser_unit_id,
                 ConferenceRow.unit)
    if start:
        q = q.where(ConferenceRow.held_on >= start)
    if end:
        q = q.where(ConferenceRow.held_on <= end)
    return [to_conference(r) for r in q.order_by(ConferenceRow.held_on.desc(), ConferenceRow.id.desc())]


def propaganda_coverage(core: CoreServices, start: dt.date, end: dt.date, kind: str = "dccs_law") -> Coverage:
    """Plan III.2.1: residential groups that held a conference of ``kind``, vs the target
    (``[plugin.congkhai] propaganda_target_percent``). A ward-wide figure."""
    groups = residential_groups()
    held = {r.unit_id for r in ConferenceRow.select(ConferenceRow.unit).where(
        ConferenceRow.kind == kind, ConferenceRow.held_on >= start, ConferenceRow.held_on <= end,
        ConferenceRow.unit.is_null(False))}
    covered = [g for g in groups if g.id in held]
    target = config(core).propaganda_target_percent
    percent = round(100.0 * len(covered) / len(groups), 1) if groups else 0.0
    return Coverage(kind, len(groups), len(covered), percent, target, percent >= target,
                    [{"unit_id": g.id, "name": g.name} for g in groups if g.id not in held])


def record_media(core: CoreServices, *, kind: str, title: str, published_on: dt.date, channel: str, topic: str,
                 url: str = "", actor: Actor, today: dt.date | None = None) -> MediaItem:
    """Record a news item, article, report or broadcast about the model (tin, bài)."""
    organiser = home_unit(core, actor, P_PROPAGANDA)
    core.access.require(actor, P_PROPAGANDA, Scope(unit_id=organiser, owner=MEDIA_OWNER))
    errors = []
    if kind not in MEDIA_KINDS:
        errors.append(("kind", "Loại tin bài không hợp lệ."))
    if not title.strip():
        errors.append(("title", "Vui lòng nhập tiêu đề."))
    if channel not in MEDIA_CHANNELS:
        errors.append(("channel", "Kênh đăng tải không hợp lệ."))
    if topic not in MEDIA_TOPICS:
        errors.append(("topic", "Chủ đề không hợp lệ."))
    if url and not url.startswith(("http://", "https://")):
        errors.append(("url", "Đường dẫn phải bắt đầu bằng http:// hoặc https://."))
    if published_on > today_or(today):
        errors.append(("published_on", "Ngày đăng không được sau ngày hôm nay."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = MediaRow.create(kind=kind, title=title.strip(), published_on=published_on, channel=channel,
                              topic=topic, url=url.strip(), created_by=actor.person_id, organiser_unit_id=organiser)
        audit.record("congkhai.media.record", "congkhai_media", row.id, actor=actor,
                     after={"kind": kind, "title": row.title, "published_on": published_on,
                            "organiser_unit_id": organiser})
    return to_media(row)


def media_items(core: CoreServices, start: dt.date | None = None, end: dt.date | None = None, *,
                actor: Actor | None) -> list[MediaItem]:
    """News items and broadcasts the actor may read, latest first."""
    q = _visible(MediaRow.select(), core, actor, MediaRow.organiser_unit_id)
    if start:
        q = q.where(MediaRow.published_on >= start)
    if end:
        q = q.where(MediaRow.published_on <= end)
    return [to_media(r) for r in q.order_by(MediaRow.published_on.desc(), MediaRow.id.desc())]
