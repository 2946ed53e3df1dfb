"""The dissemination ledger (sổ theo dõi niêm yết, phát thanh, gửi tổ trưởng): one line
per place a notice was posted, broadcast, delivered or shared, and when it came down.

Who records what (fail-closed): the notice's department and the leaders record every
place of the notice (``congkhai.ledger.record_ward`` over the notice); a residential
group's places are also recorded by those who hold ``congkhai.ledger.record`` over the
group — a group head for his or her own group only.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.errors import IllegalTransition, NotFound, PermissionDenied, ValidationError
from thanthien.core.models import UnitRow
from thanthien.core.storage.db import write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import COMMUNITY_UNIT_KINDS, Actor, Notice

from ..models import PostingRow, RequirementRow
from ..types import BULK_ACTIONS, GROUP_KINDS, P_LEDGER_GROUP, P_LEDGER_WARD, PLACE_KINDS, POSTED_KINDS, Posting
from .common import get_notice, mark_place_recorded, notice_scope, place_scope, to_posting, today_or, unit_names

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def may_record(core: CoreServices, actor: Actor | None, notice: Notice, kind: str, unit_id: int | None) -> bool:
    """Whether ``actor`` may record the ledger line of one place of ``notice``.

    Every place: ``congkhai.ledger.record_ward`` over the notice (its department, the
    leaders). A residential group's place (``GROUP_KINDS``): also
    ``congkhai.ledger.record`` over that group — a group head only for his or her own.
    """
    if core.access.can(actor, P_LEDGER_WARD, notice_scope(notice)):
        return True
    return (kind in GROUP_KINDS and unit_id is not None
            and core.access.can(actor, P_LEDGER_GROUP, place_scope(notice, unit_id)))


def _require_record(core: CoreServices, actor: Actor, notice: Notice, kind: str, unit_id: int | None) -> None:
    if not may_record(core, actor, notice, kind, unit_id):
        raise PermissionDenied("Bạn không có quyền ghi nhận việc công khai tại nơi này"
                               + (" (tổ trưởng chỉ ghi nhận cho tổ dân phố của mình)." if kind in GROUP_KINDS
                                  else "."))


def record_posting(core: CoreServices, notice_id: int, *, kind: str, posted_on: dt.date, unit_id: int | None = None,
                   removed_on: dt.date | None = None, note: str = "", actor: Actor,
                   today: dt.date | None = None) -> Posting:
    """Record that a notice was posted, broadcast, delivered or shared at one place."""
    today = today_or(today)
    errors: list[tuple[str, str]] = []
    if kind not in PLACE_KINDS:
        raise ValidationError([("kind", "Nơi/kênh công khai không hợp lệ.")])
    if kind in GROUP_KINDS:
        unit = UnitRow.get_or_none(UnitRow.id == unit_id) if unit_id else None
        if unit is None or unit.kind not in COMMUNITY_UNIT_KINDS:
            errors.append(("unit_id", "Vui lòng chọn tổ dân phố."))
    elif unit_id is not None:
        errors.append(("unit_id", f"{PLACE_KINDS[kind]} không gắn với một tổ dân phố."))
    if errors:
        raise ValidationError(errors)
    notice = get_notice(notice_id)
    _require_record(core, actor, notice, kind, unit_id)
    if notice.state != "published":
        raise IllegalTransition("Chỉ ghi nhận niêm yết cho thông báo đang công khai.")
    published = notice.published_at.date()
    if posted_on > today:
        errors.append(("posted_on", "Ngày thực hiện không được sau ngày hôm nay."))
    if posted_on < published:
        errors.append(("posted_on", f"Ngày thực hiện không được trước ngày công khai {format_date(published)}."))
    if removed_on is not None:
        if kind not in POSTED_KINDS:
            errors.append(("removed_on", f"{PLACE_KINDS[kind]} không có ngày gỡ xuống."))
        elif removed_on < posted_on:
            errors.append(("removed_on", "Ngày gỡ xuống không được trước ngày niêm yết."))
        elif removed_on > today:
            errors.append(("removed_on", "Ngày gỡ xuống không được sau ngày hôm nay."))
    same = PostingRow.select().where(PostingRow.notice == notice_id, PostingRow.kind == kind,
                                     (PostingRow.unit == unit_id) if unit_id else PostingRow.unit.is_null(True))
    if kind == "loudspeaker" and same.where(PostingRow.posted_on == posted_on).exists():
        errors.append(("posted_on", f"Đã ghi nhận phát loa ngày {format_date(posted_on)}."))
    if kind in POSTED_KINDS and same.where(PostingRow.removed_on.is_null(True)).exists():
        errors.append(("kind", "Thông báo đang được niêm yết tại nơi này; hãy ghi nhận gỡ xuống trước."))
    if kind in ("group_head", "social_group") and same.exists():
        errors.append(("kind", "Đã ghi nhận việc này cho tổ dân phố."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = PostingRow.create(notice=notice_id, kind=kind, unit=unit_id, posted_on=posted_on,
                                removed_on=removed_on, recorded_by=actor.person_id,
                                recorded_name=actor.name, note=note.strip())
        mark_place_recorded(notice_id, kind, unit_id)
        audit.record("congkhai.posting.record", "notice", notice_id, actor=actor,
                     after={"posting": row.id, "kind": kind, "unit_id": unit_id, "posted_on": posted_on,
                            "removed_on": removed_on})
    return to_posting(row)


def take_down(core: CoreServices, posting_id: int, *, removed_on: dt.date, note: str = "", actor: Actor,
              today: dt.date | None = None) -> Posting:
    """Record when a posting was taken down (gỡ xuống)."""
    row = PostingRow.get_or_none(PostingRow.id == posting_id)
    if row is None:
        raise NotFound("Không tìm thấy bản ghi niêm yết.")
    _require_record(core, actor, get_notice(row.notice_id), row.kind, row.unit_id)
    errors = []
    if row.kind not in POSTED_KINDS:
        errors.append(("removed_on", f"{PLACE_KINDS[row.kind]} không có ngày gỡ xuống."))
    elif row.removed_on is not None:
        errors.append(("removed_on", f"Đã ghi nhận gỡ xuống ngày {format_date(row.removed_on)}."))
    elif removed_on < row.posted_on:
        errors.append(("removed_on", "Ngày gỡ xuống không được trước ngày niêm yết."))
    elif removed_on > today_or(today):
        errors.append(("removed_on", "Ngày gỡ xuống không được sau ngày hôm nay."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        PostingRow.update(removed_on=removed_on, note=(row.note + ("\n" if row.note and note else "") + note.strip())
                          ).where(PostingRow.id == posting_id).execute()
        audit.record("congkhai.posting.take_down", "notice", row.notice_id, actor=actor,
                     before={"posting": posting_id, "removed_on": None},
                     after={"posting": posting_id, "removed_on": removed_on})
        row = PostingRow.get_by_id(posting_id)
    return to_posting(row)


def record_bulk(core: CoreServices, notice_id: int, *, place_ids: list[int], action: str, day: dt.date,
                note: str = "", actor: Actor, today: dt.date | None = None) -> int:
    """Ghi nhận hàng loạt: the selected places of a notice were posted (or the act done) on
    ``day`` (``action`` "posted"), or taken down on ``day`` ("removed"). Returns how many
    places were recorded.

    Every place is checked first and the whole batch is refused (fail closed, nothing
    recorded) when one of them is not of this notice or not the actor's — a group head
    sending another group's place. Each line is recorded by :func:`record_posting` or
    :func:`take_down` (who, when, the audit entry); a place whose line cannot be recorded
    (already posted, a date before the posting…) is named in the error and nothing of the
    batch is stored.
    """
    errors: list[tuple[str, str]] = []
    if action not in BULK_ACTIONS:
        errors.append(("action", "Thao tác không hợp lệ."))
    ids = sorted(set(place_ids))
    if not ids:
        errors.append(("places", "Vui lòng đánh dấu ít nhất một nơi."))
    if errors:
        raise ValidationError(errors)
    notice = get_notice(notice_id)
    rows = list(RequirementRow.select().where(RequirementRow.notice == notice_id, RequirementRow.id.in_(ids))
                .order_by(RequirementRow.id))
    if len(rows) != len(ids) or not all(may_record(core, actor, notice, r.kind, r.unit_id) for r in rows):
        raise PermissionDenied("Có nơi được chọn không thuộc thông báo này hoặc không thuộc phạm vi bạn được giao "
                               "(tổ trưởng chỉ ghi nhận cho tổ dân phố của mình); chưa ghi nhận nơi nào.")
    names = unit_names()
    seen: set[tuple[str, str]] = set()

    def fail(place: str, exc: ValidationError) -> None:
        for field, message in exc.errors:
            err = ("day", message) if field in ("posted_on", "removed_on") else ("places", f"{place}: {message}")
            if err not in seen:
                seen.add(err)
                errors.append(err)

    with write_transaction():
        for r in rows:
            place = PLACE_KINDS[r.kind] + (f" – {names.get(r.unit_id, '')}" if r.unit_id else "")
            try:
                if action == "posted":
                    record_posting(core, notice_id, kind=r.kind, unit_id=r.unit_id, posted_on=day, note=note,
                                   actor=actor, today=today)
                    continue
                if r.kind not in POSTED_KINDS:
                    raise ValidationError([("kind", "không có ngày gỡ xuống.")])
                up = list(PostingRow.select(PostingRow.id).where(
                    PostingRow.notice == notice_id, PostingRow.kind == r.kind, PostingRow.removed_on.is_null(True),
                    (PostingRow.unit == r.unit_id) if r.unit_id else PostingRow.unit.is_null(True)))
                if not up:
                    raise ValidationError([("kind", "không có bản niêm yết nào đang còn để ghi nhận gỡ xuống.")])
                for line in up:
                    take_down(core, line.id, removed_on=day, note=note, actor=actor, today=today)
            except ValidationError as exc:
                fail(place, exc)
        if errors:
            raise ValidationError(errors)  # the whole batch is rolled back
    return len(rows)


def posting(posting_id: int) -> Posting:
    """A ledger line, unchecked (the caller checks the actor)."""
    r = PostingRow.get_or_none(PostingRow.id == posting_id)
    if r is None:
        raise NotFound("Không tìm thấy bản ghi niêm yết.")
    return to_posting(r)
