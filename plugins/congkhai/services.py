"""Operations of the disclosure module (công khai); the only code that writes its tables.

Functions take the core :class:`~thanthien.core.services.Services` bundle (``svc``) and
the acting :class:`~thanthien.core.types.Actor`. Every change is one transaction with
an audit entry; bad input raises a Vietnamese ``ValidationError`` before anything is
stored.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import attrs
from peewee import fn

from thanthien.core import audit, people
from thanthien.core.errors import IllegalTransition, NotFound, PermissionDenied, ValidationError
from thanthien.core.models import NoticeRow, PersonRow, UnitRow, to_type
from thanthien.core.notices import NoticeService
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import fold, format_date
from thanthien.core.types import COMMUNITY_UNIT_KINDS, SYSTEM_ACTOR, Actor, Notice

from . import policy
from .models import (AttachmentRow, ConferenceRow, MediaRow, NoticeMetaRow, PostingRow,
                     RequirementRow)
from .sanitize import check_upload, clean_html, html_to_text
from .types import (AUDIENCES, CONFERENCE_KINDS, GROUP_KINDS, MEDIA_CHANNELS, MEDIA_KINDS,
                    MEDIA_TOPICS, PLACE_KINDS, POSTED_KINDS, Attachment, Conference, Gap,
                    MediaItem, Posting, Requirement)

# Permission keys (declared in __init__.register_permissions).
P_NOTICES = "congkhai.notices.manage"
P_LEDGER_WARD = "congkhai.ledger.record_ward"
P_LEDGER_GROUP = "congkhai.ledger.record"
P_COMPLIANCE = "congkhai.compliance.view"
P_PROPAGANDA = "congkhai.propaganda.manage"
P_REQUESTS = "congkhai.requests.handle"
P_REQUESTS_PERSONAL = "congkhai.requests.view_personal"


def require(svc, actor: Actor | None, permission: str, unit_id: int | None = None) -> None:
    if not svc.access.can(actor, permission, unit_id):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def _today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


def notice_service(svc) -> NoticeService:
    return NoticeService(svc.pm, svc.settings)


def residential_groups() -> list:
    return people.list_units(COMMUNITY_UNIT_KINDS)


# ---------------------------------------------------------------------------
# Notices (core's NoticeService + congkhai's meta)
# ---------------------------------------------------------------------------

def _search_text(title: str, body_html: str) -> str:
    return fold(f"{title} {html_to_text(body_html)}")


def _notice_errors(svc, *, category: str, title: str, decision_date: dt.date | None,
                   responsible_id: int | None, custom: dict[str, bool], window_end: dt.date | None,
                   today: dt.date) -> list[tuple[str, str]]:
    """What is wrong with the fields of a draft (shared by create and edit)."""
    cats = svc.notice_categories
    errors: list[tuple[str, str]] = []
    if category not in cats:
        errors.append(("category", "Loại thông tin không hợp lệ."))
    if not title.strip():
        errors.append(("title", "Vui lòng nhập tiêu đề."))
    if decision_date and decision_date > today:
        errors.append(("decision_date", "Ngày ban hành văn bản không được sau ngày hôm nay."))
    if window_end and window_end < (decision_date or today):
        errors.append(("window_end", "Ngày hết hạn công khai phải sau ngày ban hành và không trước hôm nay."))
    if responsible_id is not None:
        row = PersonRow.get_or_none(PersonRow.id == responsible_id)
        if row is None or not row.is_staff:
            errors.append(("responsible_id", "Người phụ trách phải là cán bộ, công chức của phường."))
    bad = set(custom) - set(policy.CUSTOM_KEYS)
    if bad:
        errors.append(("custom", "Yêu cầu công khai không hợp lệ: " + ", ".join(sorted(bad)) + "."))
    cat = cats.get(category)
    if any(custom.values()) and cat is not None and cat.item_no is not None and cat.key != policy.OTHER_CATEGORY:
        errors.append(("custom", "Nơi và thời gian công khai của nội dung này do luật quy định, "
                                 "không được thay đổi."))
    return errors


def create_notice(svc, *, category: str, title: str, body_html: str = "", actor: Actor = SYSTEM_ACTOR,
                  decision_ref: str = "", decision_date: dt.date | None = None,
                  responsible_id: int | None = None, custom: dict[str, bool] | None = None,
                  window_end: dt.date | None = None, today: dt.date | None = None) -> Notice:
    """Draft a notice. The body is sanitised; the R-CK-03 deadline is computed from the
    decision date with the rule in force on that date."""
    require(svc, actor, P_NOTICES)
    custom = {k: v for k, v in (custom or {}).items() if v}
    errors = _notice_errors(svc, category=category, title=title, decision_date=decision_date,
                            responsible_id=responsible_id, custom=custom, window_end=window_end,
                            today=_today(today))
    if errors:
        raise ValidationError(errors)
    body = clean_html(body_html)
    with write_transaction():
        notice = notice_service(svc).create(category=category, title=title, body_html=body, actor=actor,
                                            decision_ref=decision_ref.strip(), decision_date=decision_date,
                                            window_end=window_end)
        due = policy.deadline(svc.rules, svc.calendar, decision_date) if decision_date else None
        NoticeMetaRow.create(notice=notice.id, responsible=responsible_id, deadline=due,
                             search_text=_search_text(notice.title, body), custom=custom)
    return notice


def update_draft(svc, notice_id: int, *, category: str, title: str, body_html: str = "",
                 decision_ref: str = "", decision_date: dt.date | None = None,
                 responsible_id: int | None = None, custom: dict[str, bool] | None = None,
                 window_end: dt.date | None = None, actor: Actor = SYSTEM_ACTOR,
                 today: dt.date | None = None) -> Notice:
    """Edit a draft (sửa bản nháp) before it is published, through core's NoticeService;
    a published notice changes only through a new version (``revise_notice``, R-CK-12).
    The R-CK-03 deadline follows the decision date."""
    require(svc, actor, P_NOTICES)
    custom = {k: v for k, v in (custom or {}).items() if v}
    errors = _notice_errors(svc, category=category, title=title, decision_date=decision_date,
                            responsible_id=responsible_id, custom=custom, window_end=window_end,
                            today=_today(today))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        notice = notice_service(svc).update_draft(
            notice_id, actor=actor, category=category, title=title, body_html=body_html,
            decision_ref=decision_ref.strip(), decision_date=decision_date, window_end=window_end)
        m = meta(notice_id)
        due = policy.deadline(svc.rules, svc.calendar, decision_date) if decision_date else None
        before = {"responsible_id": m.responsible_id, "custom": m.custom}
        NoticeMetaRow.update(responsible=responsible_id, deadline=due, custom=custom,
                             search_text=_search_text(notice.title, notice.body_html)).where(
            NoticeMetaRow.id == m.id).execute()
        if before != {"responsible_id": responsible_id, "custom": custom}:
            audit.record("congkhai.notice.update", "notice", notice_id, actor=actor, before=before,
                         after={"responsible_id": responsible_id, "custom": custom})
    return notice


def meta(notice_id: int) -> NoticeMetaRow:
    row = NoticeMetaRow.get_or_none(NoticeMetaRow.notice == notice_id)
    if row is None:  # a notice created through core directly (another plugin)
        notice = notice_service_get(notice_id)
        row = NoticeMetaRow.create(notice=notice_id, search_text=_search_text(notice.title, notice.body_html))
    return row


def notice_service_get(notice_id: int) -> Notice:
    row = NoticeRow.get_or_none(NoticeRow.id == notice_id)
    if row is None:
        raise NotFound(f"Không tìm thấy thông báo số {notice_id}.")
    return to_type(Notice, row)


def publish_notice(svc, notice_id: int, *, actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None) -> Notice:
    """Publish a draft, fix where it must go (snapshot of the rules in force) and, for a
    new version, withdraw the version it replaces (R-CK-12)."""
    require(svc, actor, P_NOTICES)
    with write_transaction():
        notice = notice_service(svc).publish(notice_id, actor=actor, at=at)
        build_requirements(svc, notice)
        root = notice.parent_id
        if root:
            older = (NoticeRow.select().where(((NoticeRow.id == root) | (NoticeRow.parent == root)),
                                              NoticeRow.id != notice.id, NoticeRow.state == "published"))
            for row in older:
                notice_service(svc).withdraw(row.id, actor=actor,
                                             reason=f"Được thay thế bằng phiên bản {notice.version} "
                                                    f"(thông báo số {notice.id}).")
    return notice


def withdraw_notice(svc, notice_id: int, *, reason: str, actor: Actor = SYSTEM_ACTOR) -> Notice:
    require(svc, actor, P_NOTICES)
    return notice_service(svc).withdraw(notice_id, reason=reason, actor=actor)


def revise_notice(svc, notice_id: int, *, title: str, body_html: str, actor: Actor = SYSTEM_ACTOR) -> Notice:
    """Changed information (R-CK-12): a new draft version; publishing it replaces the old."""
    require(svc, actor, P_NOTICES)
    old = notice_service_get(notice_id)
    if old.state != "published":
        raise IllegalTransition("Chỉ tạo phiên bản mới cho thông báo đang công khai.")
    body = clean_html(body_html)
    with write_transaction():
        new = notice_service(svc).revise(notice_id, title=title, body_html=body, actor=actor)
        old_meta = meta(notice_id)
        NoticeMetaRow.create(notice=new.id, responsible=old_meta.responsible_id, deadline=None,
                             search_text=_search_text(new.title, body), custom=old_meta.custom)
        # The new version starts with the attachments of the one it replaces; the
        # officer removes or adds files on the draft before publishing it.
        for att in AttachmentRow.select().where(AttachmentRow.notice == notice_id).order_by(AttachmentRow.id):
            AttachmentRow.create(notice=new.id, filename=att.filename, content_type=att.content_type,
                                 size=att.size, sha256=att.sha256, data=att.data, created_by=actor.person_id)
    return new


def versions(notice_id: int) -> list[Notice]:
    notice = notice_service_get(notice_id)
    root = notice.parent_id or notice.id
    q = NoticeRow.select().where((NoticeRow.id == root) | (NoticeRow.parent == root)).order_by(NoticeRow.version)
    return [to_type(Notice, r) for r in q]


def rule_for(svc, notice: Notice, on: dt.date | None = None):
    cat = svc.notice_categories.get(notice.category)
    if cat is None:
        raise NotFound(f"Loại thông tin '{notice.category}' không còn được khai báo.")
    day = on or (notice.published_at.date() if notice.published_at else dt.date.today())
    return policy.disclosure_rule(svc.rules, svc.settings, cat, day, meta(notice.id).custom)


def build_requirements(svc, notice: Notice) -> list[Requirement]:
    """Fix the places a published notice must reach, with the rules in force on the day it
    was published (DOMAIN.md §0: the triggering date). Idempotent."""
    m = meta(notice.id)
    if m.requirements_built:
        return requirements(notice.id)
    published = notice.published_at.date()
    rule = rule_for(svc, notice, published)
    if m.deadline is None:
        m.deadline = policy.deadline(svc.rules, svc.calendar, notice.decision_date or published)
    due = max(m.deadline, published)
    with write_transaction():
        for place in policy.required_places(rule, [g.id for g in residential_groups()]):
            RequirementRow.create(notice=notice.id, kind=place["kind"], unit=place["unit_id"], due_date=due,
                                  min_days=place.get("min_days"), permanent=place.get("permanent", False),
                                  broadcast_days=place.get("broadcast_days"), rule_ids=place["rule_ids"])
        m.requirements_built = True
        m.save()
    return requirements(notice.id)


def requirements(notice_id: int) -> list[Requirement]:
    q = RequirementRow.select().where(RequirementRow.notice == notice_id).order_by(RequirementRow.id)
    return [_requirement(r) for r in q]


def _requirement(r: RequirementRow) -> Requirement:
    return Requirement(r.id, r.notice_id, r.kind, r.unit_id, r.due_date, r.min_days, r.permanent,
                       r.broadcast_days, tuple(r.rule_ids))


AUTO_WEBSITE = "Tự động: cổng thông tin điện tử hiển thị bản tin của phường"


def on_notice_published(notice: Notice, settings) -> None:
    """``notice_published`` hook: keep the search text of notices (also those other modules
    publish) and, when the ward's portal shows the JSON feed by itself (``website_feed``),
    record the website posting (R-CK-04) at the moment of publication."""
    row = NoticeMetaRow.get_or_none(NoticeMetaRow.notice == notice.id)
    text = _search_text(notice.title, notice.body_html)
    if row is None:
        NoticeMetaRow.create(notice=notice.id, search_text=text)
    elif row.search_text != text:
        NoticeMetaRow.update(search_text=text).where(NoticeMetaRow.id == row.id).execute()
    opts = policy.ward_options(settings)
    if opts["website"] and opts["website_feed"]:
        posting = PostingRow.create(notice=notice.id, kind="website", unit=None,
                                    posted_on=notice.published_at.date(), recorded_by=None,
                                    recorded_name=AUTO_WEBSITE, note="R-CK-04")
        audit.record("congkhai.posting.record", "notice", notice.id,
                     after={"posting": posting.id, "kind": "website", "posted_on": posting.posted_on,
                            "automatic": True})


def on_notice_withdrawn(notice: Notice, settings) -> None:
    """``notice_withdrawn`` hook: the feed drops the notice, so the automatic website posting
    ends the same day (R-CK-12)."""
    today = dt.date.today()
    for row in PostingRow.select().where(PostingRow.notice == notice.id, PostingRow.kind == "website",
                                         PostingRow.recorded_name == AUTO_WEBSITE,
                                         PostingRow.removed_on.is_null(True)):
        removed = max(today, row.posted_on)
        PostingRow.update(removed_on=removed).where(PostingRow.id == row.id).execute()
        audit.record("congkhai.posting.take_down", "notice", notice.id,
                     after={"posting": row.id, "removed_on": removed, "automatic": True})


# ---------------------------------------------------------------------------
# Attachments
# ---------------------------------------------------------------------------

def add_attachment(svc, notice_id: int, *, filename: str, data: bytes, content_type: str = "",
                   actor: Actor = SYSTEM_ACTOR) -> Attachment:
    """Attach a PDF or image after checking its real type and size; nothing stored otherwise."""
    require(svc, actor, P_NOTICES)
    notice = notice_service_get(notice_id)
    if notice.state in ("withdrawn", "expired"):
        raise IllegalTransition("Không thể đính kèm tệp vào thông báo đã thu hồi hoặc hết hạn.")
    max_bytes = policy.ward_options(svc.settings)["max_attachment_bytes"]
    name, mime = check_upload(filename, data, content_type, max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    with write_transaction():
        row = AttachmentRow.create(notice=notice_id, filename=name, content_type=mime, size=len(data),
                                   sha256=digest, data=data, created_by=actor.person_id)
        audit.record("congkhai.attachment.add", "notice", notice_id, actor=actor,
                     after={"attachment": row.id, "filename": name, "size": len(data), "sha256": digest})
    return _attachment(row)


def _attachment(r: AttachmentRow) -> Attachment:
    return Attachment(r.id, r.notice_id, r.filename, r.content_type, r.size, r.sha256)


def attachments(notice_id: int) -> list[Attachment]:
    q = (AttachmentRow.select(AttachmentRow.id, AttachmentRow.notice, AttachmentRow.filename,
                              AttachmentRow.content_type, AttachmentRow.size, AttachmentRow.sha256)
         .where(AttachmentRow.notice == notice_id).order_by(AttachmentRow.id))
    return [_attachment(r) for r in q]


def attachment_file(attachment_id: int) -> tuple[Attachment, bytes]:
    r = AttachmentRow.get_or_none(AttachmentRow.id == attachment_id)
    if r is None:
        raise NotFound("Không tìm thấy tệp đính kèm.")
    return _attachment(r), bytes(r.data)


def remove_attachment(svc, attachment_id: int, *, actor: Actor = SYSTEM_ACTOR) -> Attachment:
    """Remove a file from a draft (gỡ tệp đính kèm). What was published stays as it was
    disclosed: a change to a published notice is a new version (R-CK-12)."""
    require(svc, actor, P_NOTICES)
    r = AttachmentRow.get_or_none(AttachmentRow.id == attachment_id)
    if r is None:
        raise NotFound("Không tìm thấy tệp đính kèm.")
    att = _attachment(r)
    if notice_service_get(att.notice_id).state != "draft":
        raise IllegalTransition("Chỉ gỡ tệp khỏi bản nháp; thông báo đã công khai thì tạo phiên bản mới (R-CK-12).")
    with write_transaction():
        AttachmentRow.delete().where(AttachmentRow.id == attachment_id).execute()
        audit.record("congkhai.attachment.remove", "notice", att.notice_id, actor=actor,
                     before={"attachment": att.id, "filename": att.filename, "size": att.size,
                             "sha256": att.sha256})
    return att


# ---------------------------------------------------------------------------
# Dissemination ledger (sổ theo dõi niêm yết)
# ---------------------------------------------------------------------------

def may_record(svc, actor: Actor | None, kind: str, unit_id: int | None) -> bool:
    """Whether ``actor`` may record the ledger line of one place.

    Ward-level places (office board, website, loudspeaker) need ``P_LEDGER_WARD``. A
    residential group's places need ``P_LEDGER_GROUP`` over that group — a group head
    only for their own group — or ``P_LEDGER_WARD``: ward staff who record the ward's
    places record every group's too, whichever department their role is scoped to.
    """
    if svc.access.can(actor, P_LEDGER_WARD):
        return True
    return kind in GROUP_KINDS and unit_id is not None and svc.access.can(actor, P_LEDGER_GROUP, unit_id)


def recordable_groups(svc, actor: Actor | None) -> list | None:
    """The residential groups whose places ``actor`` records; None means every group."""
    if svc.access.can(actor, P_LEDGER_WARD):
        return None
    return [g for g in residential_groups() if svc.access.can(actor, P_LEDGER_GROUP, g.id)]


def _ledger_permission(svc, actor: Actor, kind: str, unit_id: int | None) -> None:
    if not may_record(svc, actor, kind, unit_id):
        raise PermissionDenied("Bạn không có quyền ghi nhận việc công khai tại nơi này"
                               + (" (tổ trưởng chỉ ghi nhận cho tổ dân phố của mình)." if kind in GROUP_KINDS
                                  else "."))


def record_posting(svc, notice_id: int, *, kind: str, posted_on: dt.date, unit_id: int | None = None,
                   removed_on: dt.date | None = None, note: str = "", actor: Actor = SYSTEM_ACTOR,
                   today: dt.date | None = None) -> Posting:
    """Record that a notice was posted, broadcast, delivered or shared at one place."""
    today = _today(today)
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
    _ledger_permission(svc, actor, kind, unit_id)
    notice = notice_service_get(notice_id)
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
        audit.record("congkhai.posting.record", "notice", notice_id, actor=actor,
                     after={"posting": row.id, "kind": kind, "unit_id": unit_id, "posted_on": posted_on,
                            "removed_on": removed_on})
    return _posting(row)


def take_down(svc, posting_id: int, *, removed_on: dt.date, actor: Actor = SYSTEM_ACTOR,
              note: str = "", today: dt.date | None = None) -> Posting:
    """Record when a posting was taken down (gỡ xuống)."""
    row = PostingRow.get_or_none(PostingRow.id == posting_id)
    if row is None:
        raise NotFound("Không tìm thấy bản ghi niêm yết.")
    _ledger_permission(svc, actor, row.kind, row.unit_id)
    errors = []
    if row.kind not in POSTED_KINDS:
        errors.append(("removed_on", f"{PLACE_KINDS[row.kind]} không có ngày gỡ xuống."))
    elif row.removed_on is not None:
        errors.append(("removed_on", f"Đã ghi nhận gỡ xuống ngày {format_date(row.removed_on)}."))
    elif removed_on < row.posted_on:
        errors.append(("removed_on", "Ngày gỡ xuống không được trước ngày niêm yết."))
    elif removed_on > _today(today):
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
    return _posting(row)


def _posting(r: PostingRow) -> Posting:
    return Posting(r.id, r.notice_id, r.kind, r.unit_id, r.posted_on, r.removed_on, r.recorded_by_id,
                   r.recorded_name, r.note)


def posting(posting_id: int) -> Posting:
    r = PostingRow.get_or_none(PostingRow.id == posting_id)
    if r is None:
        raise NotFound("Không tìm thấy bản ghi niêm yết.")
    return _posting(r)


def postings(notice_id: int) -> list[Posting]:
    q = PostingRow.select().where(PostingRow.notice == notice_id).order_by(PostingRow.posted_on, PostingRow.id)
    return [_posting(r) for r in q]


# ---------------------------------------------------------------------------
# Compliance check (kiểm tra việc công khai)
# ---------------------------------------------------------------------------

@attrs.frozen
class Pending:
    """A place still to do whose deadline has not passed (việc cần làm)."""

    requirement: Requirement
    notice_id: int
    note: str = ""


@attrs.frozen
class GroupCoverage:
    unit_id: int
    name: str
    required: int
    done: int

    @property
    def percent(self) -> float:
        return 100.0 if self.required == 0 else round(100.0 * self.done / self.required, 1)


@attrs.frozen
class ComplianceReport:
    today: dt.date
    gaps: tuple[Gap, ...]
    pending: tuple[Pending, ...]
    expiring: tuple[Posting, ...]
    groups: tuple[GroupCoverage, ...]
    notices: dict[int, Notice]

    def gaps_of(self, notice_id: int) -> list[Gap]:
        return [g for g in self.gaps if g.notice_id == notice_id]


def _unit_names() -> dict[int, str]:
    return {u.id: u.name for u in UnitRow.select(UnitRow.id, UnitRow.name)}


def check(svc, today: dt.date | None = None, notice_id: int | None = None) -> ComplianceReport:
    """Everything missing, late, removed early or out of date, as of ``today``; with
    ``notice_id``, the findings of that notice only (no ward-wide items, no coverage).

    R-CK-03 late disclosure; R-CK-04/05/07/09/10 places not reached once due; R-CK-06
    postings removed before their minimum days; R-CK-07 permanent items removed, absent
    or superseded but still posted; R-CK-09 broadcasts shorter than the consecutive days;
    R-CK-12 withdrawn information still posted.
    """
    today = _today(today)
    names = _unit_names()
    cats = svc.notice_categories
    gaps: list[Gap] = []
    pending: list[Pending] = []
    expiring: list[Posting] = []
    within = policy.ward_options(svc.settings)["expiring_within_days"]
    nq = NoticeRow.select().where(NoticeRow.state.in_(["draft", "published", "expired", "withdrawn"]))
    mq, rq, pq = NoticeMetaRow.select(), RequirementRow.select(), PostingRow.select()
    if notice_id is not None:
        nq, mq = nq.where(NoticeRow.id == notice_id), mq.where(NoticeMetaRow.notice == notice_id)
        rq, pq = rq.where(RequirementRow.notice == notice_id), pq.where(PostingRow.notice == notice_id)
    notices = {r.id: to_type(Notice, r) for r in nq}
    metas = {m.notice_id: m for m in mq}

    # Build the snapshot for notices published through core by other modules.
    for n in notices.values():
        if n.state in ("published", "expired") and not (metas.get(n.id) and metas[n.id].requirements_built):
            build_requirements(svc, n)
            metas[n.id] = NoticeMetaRow.get(NoticeMetaRow.notice == n.id)

    reqs: dict[int, list[Requirement]] = {}
    for r in rq:
        reqs.setdefault(r.notice_id, []).append(_requirement(r))
    posts: dict[tuple[int, str, int | None], list[Posting]] = {}
    for p in pq.order_by(PostingRow.posted_on, PostingRow.id):
        posts.setdefault((p.notice_id, p.kind, p.unit_id), []).append(_posting(p))

    def where(kind: str, unit_id: int | None) -> str:
        return PLACE_KINDS[kind] + (f" – {names.get(unit_id, '')}" if unit_id else "")

    for n in sorted(notices.values(), key=lambda n: n.id):
        m = metas.get(n.id)
        if n.state == "draft":
            if m is not None and m.deadline is not None and m.deadline < today:  # R-CK-03
                gaps.append(Gap("late", n.id, n.category, ("R-CK-03",),
                                f"Quá hạn công khai ngày {format_date(m.deadline)} nhưng vẫn là bản nháp."))
            continue
        if n.state == "withdrawn":  # R-CK-12 / R-CK-07: withdrawn information must come down
            permanent = any(r.permanent for r in reqs.get(n.id, ()))
            for (nid, kind, unit_id), plist in posts.items():
                if nid != n.id or kind not in POSTED_KINDS:
                    continue
                for p in plist:
                    if p.removed_on is None:
                        gaps.append(Gap("not_taken_down", n.id, n.category,
                                        ("R-CK-07",) if permanent else ("R-CK-12",),
                                        f"Thông báo đã thu hồi/được thay thế nhưng vẫn còn niêm yết tại "
                                        f"{where(kind, unit_id)}.", kind, unit_id, p.id))
            continue
        published = n.published_at.date()
        if m.deadline is not None and published > m.deadline:  # R-CK-03
            late_by = svc.calendar.working_days_between(m.deadline, published)
            gaps.append(Gap("late", n.id, n.category, ("R-CK-03",),
                            f"Công khai ngày {format_date(published)}, chậm {late_by} ngày làm việc so với hạn "
                            f"{format_date(m.deadline)}."))
        for req in reqs.get(n.id, ()):
            plist = posts.get((n.id, req.kind, req.unit_id), [])
            place = where(req.kind, req.unit_id)
            if not plist:
                if today > req.due_date:
                    gaps.append(Gap("missing", n.id, n.category, req.rule_ids,
                                    f"Chưa thực hiện: {place} (hạn {format_date(req.due_date)}).",
                                    req.kind, req.unit_id))
                else:
                    pending.append(Pending(req, n.id, f"Hạn {format_date(req.due_date)}"))
                continue
            if req.kind == "loudspeaker" and req.broadcast_days:  # R-CK-09
                best, last = policy.longest_run(p.posted_on for p in plist)
                if best < req.broadcast_days:
                    if last is not None and last >= today - dt.timedelta(days=1):
                        pending.append(Pending(req, n.id, f"Đang phát: {best}/{req.broadcast_days} ngày liên tục"))
                    else:
                        gaps.append(Gap("broadcast_short", n.id, n.category, req.rule_ids,
                                        f"Chỉ phát loa {best} ngày liên tục, yêu cầu ít nhất "
                                        f"{req.broadcast_days} ngày.", req.kind))
                continue
            if req.kind not in POSTED_KINDS:
                continue
            open_now = [p for p in plist if p.removed_on is None]
            for p in plist:
                if p.removed_on is None:
                    if req.min_days and n.state == "published":
                        ends = p.posted_on + dt.timedelta(days=req.min_days)
                        if today <= ends <= today + dt.timedelta(days=within):
                            expiring.append(p)
                    continue
                if req.permanent and n.state == "published" and not open_now:  # R-CK-07
                    gaps.append(Gap("removed_early", n.id, n.category, req.rule_ids,
                                    f"Nội dung phải niêm yết thường xuyên nhưng đã gỡ khỏi {place} ngày "
                                    f"{format_date(p.removed_on)}.", req.kind, req.unit_id, p.id))
                elif req.min_days and (p.removed_on - p.posted_on).days < req.min_days:  # R-CK-06
                    days = (p.removed_on - p.posted_on).days
                    gaps.append(Gap("removed_early", n.id, n.category, req.rule_ids,
                                    f"Niêm yết tại {place} từ {format_date(p.posted_on)} đến "
                                    f"{format_date(p.removed_on)} ({days} ngày), chưa đủ {req.min_days} "
                                    f"ngày liên tục.", req.kind, req.unit_id, p.id))

    if notice_id is not None:
        return ComplianceReport(today, tuple(gaps), tuple(pending), tuple(expiring), (), notices)
    # R-CK-07: permanent items must always be on the office board.
    for item in svc.rules.value("R-CK-07.items", today):
        cat = next((c for c in cats.values() if c.item_no == item), None)
        if cat is None:
            continue
        if not any(n.category == cat.key and n.state == "published" for n in notices.values()):
            gaps.append(Gap("permanent_absent", None, cat.key, ("R-CK-07",),
                            f"Chưa có thông báo đang niêm yết thường xuyên về mục {item}: {cat.name}."))

    groups = _coverage(notices, reqs, posts, today)
    return ComplianceReport(today, tuple(gaps), tuple(pending), tuple(expiring), tuple(groups), notices)


def _coverage(notices, reqs, posts, today, start: dt.date | None = None, end: dt.date | None = None):
    """Per residential group: required placements due by ``today`` and those done."""
    counts: dict[int, list[int]] = {g.id: [0, 0] for g in residential_groups()}
    for nid, rlist in reqs.items():
        n = notices.get(nid)
        if n is None or n.state not in ("published", "expired"):
            continue
        if start and n.published_at.date() < start or end and n.published_at.date() > end:
            continue
        for r in rlist:
            if r.unit_id is None or r.unit_id not in counts:
                continue
            done = bool(posts.get((nid, r.kind, r.unit_id)))
            if done or today > r.due_date:
                counts[r.unit_id][0] += 1
                counts[r.unit_id][1] += int(done)
    names = _unit_names()
    return [GroupCoverage(uid, names[uid], req, done) for uid, (req, done) in counts.items()]


# ---------------------------------------------------------------------------
# Quarterly disclosure register (danh mục thông tin công khai), R-CK-08
# ---------------------------------------------------------------------------

def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    if quarter not in (1, 2, 3, 4):
        raise ValidationError([("quarter", "Quý phải là 1, 2, 3 hoặc 4.")])
    start = dt.date(year, 3 * quarter - 2, 1)
    end = (dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)) - dt.timedelta(days=1)
    return start, end


def disclosure_register(svc, year: int, quarter: int) -> dict[str, Any]:
    """R-CK-08: the items disclosed in the quarter with their form and timing, plus the
    permanent items (R-CK-07) still posted at the end of the quarter."""
    start, end = quarter_bounds(year, quarter)
    cats = svc.notice_categories
    q = NoticeRow.select().where(NoticeRow.published_at.is_null(False),
                                 NoticeRow.published_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
    rows = []
    names = _unit_names()
    for r in q.order_by(NoticeRow.published_at, NoticeRow.id):
        n = to_type(Notice, r)
        published = n.published_at.date()
        reqs = requirements(n.id)
        permanent = any(x.permanent for x in reqs)
        if published < start and not (permanent and n.state == "published"):
            continue
        m = meta(n.id)
        kinds = sorted({p.kind for p in postings(n.id)}, key=list(PLACE_KINDS).index)
        min_days = max((x.min_days or 0 for x in reqs), default=0)
        cat = cats.get(n.category)
        responsible = ""
        if m.responsible_id:
            person = PersonRow.get_or_none(PersonRow.id == m.responsible_id)
            if person is not None:
                responsible = person.position or names.get(person.unit_id, "")
        status = "Đúng hạn"
        if m.deadline and published > m.deadline:
            status = f"Chậm {svc.calendar.working_days_between(m.deadline, published)} ngày làm việc"
        rows.append({
            "notice_id": n.id,
            "item_no": cat.item_no if cat else None,
            "category": n.category,
            "category_name": cat.name if cat else n.category,
            "title": n.title,
            "decision_ref": n.decision_ref,
            "decision_date": format_date(n.decision_date),
            "forms": [PLACE_KINDS[k] for k in kinds],
            "published_on": format_date(published),
            "duration": "Thường xuyên" if permanent else (f"Ít nhất {min_days} ngày" if min_days else "—"),
            "responsible": responsible,
            "status": status,
            "state": n.state,
            "version": n.version,
        })
    return {"year": year, "quarter": quarter, "start": format_date(start), "end": format_date(end),
            "ward": svc.settings.ward.name, "rows": rows}


# ---------------------------------------------------------------------------
# Propaganda and training (tuyên truyền, tập huấn), plan III.2.1 and III.3
# ---------------------------------------------------------------------------

def record_conference(svc, *, kind: str, topic: str, held_on: dt.date, place: str, audience: str,
                      unit_id: int | None = None, invited: int = 0, attended: int = 0, note: str = "",
                      actor: Actor = SYSTEM_ACTOR, today: dt.date | None = None) -> Conference:
    require(svc, actor, P_PROPAGANDA)
    errors = []
    if kind not in CONFERENCE_KINDS:
        errors.append(("kind", "Loại hội nghị không hợp lệ."))
    if not topic.strip():
        errors.append(("topic", "Vui lòng nhập nội dung hội nghị."))
    if not place.strip():
        errors.append(("place", "Vui lòng nhập địa điểm."))
    if audience not in AUDIENCES:
        errors.append(("audience", "Đối tượng tham dự không hợp lệ."))
    if held_on > _today(today):
        errors.append(("held_on", "Chỉ ghi nhận hội nghị đã tổ chức (ngày không được sau hôm nay)."))
    if unit_id is not None:
        unit = UnitRow.get_or_none(UnitRow.id == unit_id)
        if unit is None:
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
                                   note=note.strip(), created_by=actor.person_id)
        audit.record("congkhai.conference.record", "congkhai_conference", row.id, actor=actor,
                     after={"kind": kind, "held_on": held_on, "unit_id": unit_id, "attended": attended})
    return _conference(row)


def _conference(r: ConferenceRow) -> Conference:
    return Conference(r.id, r.kind, r.topic, r.held_on, r.place, r.audience, r.unit_id, r.invited,
                      r.attended, r.note)


def conferences(start: dt.date | None = None, end: dt.date | None = None) -> list[Conference]:
    q = ConferenceRow.select().order_by(ConferenceRow.held_on.desc(), ConferenceRow.id.desc())
    if start:
        q = q.where(ConferenceRow.held_on >= start)
    if end:
        q = q.where(ConferenceRow.held_on <= end)
    return [_conference(r) for r in q]


def propaganda_coverage(svc, start: dt.date, end: dt.date, kind: str = "dccs_law") -> dict[str, Any]:
    """Plan III.2.1: residential groups that held a law-propaganda conference, vs target."""
    groups = residential_groups()
    held = {r.unit_id for r in ConferenceRow.select(ConferenceRow.unit).where(
        ConferenceRow.kind == kind, ConferenceRow.held_on >= start, ConferenceRow.held_on <= end,
        ConferenceRow.unit.is_null(False))}
    covered = [g for g in groups if g.id in held]
    target = policy.ward_options(svc.settings)["propaganda_target_percent"]
    percent = round(100.0 * len(covered) / len(groups), 1) if groups else 0.0
    return {"kind": kind, "groups": len(groups), "covered": len(covered), "percent": percent,
            "target_percent": target, "reached": percent >= target,
            "missing": [{"unit_id": g.id, "name": g.name} for g in groups if g.id not in held]}


def record_media(svc, *, kind: str, title: str, published_on: dt.date, channel: str, topic: str,
                 url: str = "", actor: Actor = SYSTEM_ACTOR, today: dt.date | None = None) -> MediaItem:
    require(svc, actor, P_PROPAGANDA)
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
    if published_on > _today(today):
        errors.append(("published_on", "Ngày đăng không được sau ngày hôm nay."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = MediaRow.create(kind=kind, title=title.strip(), published_on=published_on, channel=channel,
                              topic=topic, url=url.strip(), created_by=actor.person_id)
        audit.record("congkhai.media.record", "congkhai_media", row.id, actor=actor,
                     after={"kind": kind, "title": row.title, "published_on": published_on})
    return MediaItem(row.id, kind, row.title, published_on, channel, topic, row.url)


def media_items(start: dt.date | None = None, end: dt.date | None = None) -> list[MediaItem]:
    q = MediaRow.select().order_by(MediaRow.published_on.desc(), MediaRow.id.desc())
    if start:
        q = q.where(MediaRow.published_on >= start)
    if end:
        q = q.where(MediaRow.published_on <= end)
    return [MediaItem(r.id, r.kind, r.title, r.published_on, r.channel, r.topic, r.url) for r in q]


# ---------------------------------------------------------------------------
# Public side (bảng tin công khai): no personal data (R-DL-07, R-DL-14)
# ---------------------------------------------------------------------------

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


def last_modified() -> dt.datetime | None:
    """When the public board last changed (for conditional GET): newest publish or audit of a notice."""
    from thanthien.core.models import AuditRow

    row = (AuditRow.select(AuditRow.at).where(AuditRow.entity == "notice")
           .order_by(AuditRow.seq.desc()).first())
    return row.at if row else None


# ---------------------------------------------------------------------------
# Information requests (yêu cầu cung cấp thông tin), R-TT-05 … R-TT-11
# ---------------------------------------------------------------------------

import re as _re  # noqa: E402

from thanthien.core.models import CaseRow  # noqa: E402
from thanthien.core.types import Case  # noqa: E402

from .cases import CASE_TYPE_BY_CHANNEL, CHANNEL_RULES  # noqa: E402
from .models import InfoRequestRow  # noqa: E402
from .types import DELIVERY_FORMS, REFUSAL_GROUNDS, REQUEST_CHANNELS, InfoRequest  # noqa: E402

_ID_NO = _re.compile(r"^(\d{9}|\d{12}|[A-Z]\d{7,8})$")


def open_request(svc, *, channel: str, requester_name: str, requester_id_no: str, requester_address: str,
                 info_requested: str, purpose: str, delivery_form: str, complex: bool = False,
                 requester_contact: str = "", organisation: str = "", actor: Actor = SYSTEM_ACTOR,
                 received_at: dt.datetime | None = None) -> Case:
    """Receive a request (Phiếu yêu cầu, R-TT-05) and enter it in the register (R-TT-07)."""
    errors: list[tuple[str, str]] = []
    if channel not in REQUEST_CHANNELS:
        errors.append(("channel", "Hình thức yêu cầu không hợp lệ (trực tiếp, qua mạng, qua bưu chính/fax)."))
    if not requester_name.strip():
        errors.append(("requester_name", "Vui lòng nhập họ và tên người yêu cầu."))
    if not requester_address.strip():
        errors.append(("requester_address", "Vui lòng nhập nơi cư trú của người yêu cầu."))
    id_no = requester_id_no.strip().upper()
    if not _ID_NO.match(id_no):
        errors.append(("requester_id_no", "Số định danh cá nhân/CCCD (12 chữ số), CMND (9 chữ số) hoặc số hộ "
                                          "chiếu không hợp lệ."))
    if not info_requested.strip():
        errors.append(("info_requested", "Vui lòng ghi rõ thông tin cần cung cấp (tên văn bản, hồ sơ, tài liệu)."))
    if not purpose.strip():
        errors.append(("purpose", "Vui lòng ghi rõ lý do, mục đích yêu cầu cung cấp thông tin."))
    if delivery_form not in DELIVERY_FORMS:
        errors.append(("delivery_form", "Vui lòng chọn hình thức nhận thông tin."))
    if errors:
        raise ValidationError(errors)
    received = received_at or now()
    rule_id = CHANNEL_RULES[channel]
    notice_due = None
    if complex and channel != "in_person":  # R-TT-09/10: notify the timeline first
        n = int(svc.rules.value(f"{rule_id}.complex_notice_max_working_days", received))
        notice_due = svc.calendar.add_working_days(received, n, None)

    def detail(case: Case) -> None:
        InfoRequestRow.create(case=case.id, channel=channel, complex=complex, requester_name=requester_name.strip(),
                              requester_id_no=id_no, requester_address=requester_address.strip(),
                              requester_contact=requester_contact.strip(), organisation=organisation.strip(),
                              info_requested=info_requested.strip(), purpose=purpose.strip(),
                              delivery_form=delivery_form, notice_due=notice_due)

    ct = CASE_TYPE_BY_CHANNEL[channel]
    return svc.cases.open(ct.key, info_requested.strip()[:200], actor=actor, received_at=received,
                          data={"complex": bool(complex), "channel": channel}, on_opened=detail)


def request_detail(case_id: int) -> InfoRequest:
    r = InfoRequestRow.get_or_none(InfoRequestRow.case == case_id)
    if r is None:
        raise NotFound(f"Không tìm thấy yêu cầu cung cấp thông tin số {case_id}.")
    return InfoRequest(r.case_id, r.channel, r.complex, r.requester_name, r.requester_id_no, r.requester_address,
                       r.requester_contact, r.organisation, r.info_requested, r.purpose, r.delivery_form,
                       r.notice_due, r.notified_on, r.provided_on, r.refusal_ground, tuple(r.previous_cases))


def notify_timeline(svc, case_id: int, *, actor: Actor = SYSTEM_ACTOR, note: str = "",
                    at: dt.datetime | None = None) -> Case:
    """R-TT-09/10: tell the requester of a complex request when it will be answered."""
    d = request_detail(case_id)
    if not d.complex:
        raise IllegalTransition("Chỉ thông báo thời hạn cho yêu cầu phức tạp.")
    when = at or now()
    with write_transaction():
        case = svc.cases.transition(case_id, "notify", actor=actor, note=note, at=when)
        InfoRequestRow.update(notified_on=when.date()).where(InfoRequestRow.case == case_id).execute()
    return case


def provide_information(svc, case_id: int, *, actor: Actor = SYSTEM_ACTOR, note: str = "",
                        at: dt.datetime | None = None) -> Case:
    when = at or now()
    with write_transaction():
        case = svc.cases.transition(case_id, "provide", actor=actor, note=note, at=when, outcome="provided")
        InfoRequestRow.update(provided_on=when.date()).where(InfoRequestRow.case == case_id).execute()
    return case


def refuse_request(svc, case_id: int, *, ground: str, reason: str, previous_cases: tuple[str, ...] = (),
                   actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None) -> Case:
    """R-TT-11: refuse only on a ground of Art. 28, in writing with reasons (Mẫu 05)."""
    errors: list[tuple[str, str]] = []
    if ground not in REFUSAL_GROUNDS:
        errors.append(("ground", "Chỉ được từ chối theo một trong các trường hợp của Điều 28 Luật Tiếp cận "
                                 "thông tin."))
    if not reason.strip():
        errors.append(("reason", "Vui lòng nêu rõ lý do từ chối."))
    prev = tuple(dict.fromkeys(p.strip() for p in previous_cases if p.strip()))
    if ground == "da_cung_cap_hai_lan":
        d = request_detail(case_id)
        case = svc.cases.get(case_id)
        times = int(svc.rules.value("R-TT-11.max_times_provided", case.received_at))
        ok = []
        for number in prev:
            other = svc.cases.by_number(number)
            if other is None or other.state != "provided" or other.id == case_id:
                continue
            od = InfoRequestRow.get_or_none(InfoRequestRow.case == other.id)
            if od is not None and od.requester_id_no == d.requester_id_no:
                ok.append(number)
        if len(ok) < times:
            errors.append(("previous_cases", f"Chỉ được từ chối vì đã cung cấp khi có ít nhất {times} yêu cầu "
                                             f"đã cung cấp cho chính người này; mới xác định được {len(ok)}."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        case = svc.cases.transition(case_id, "refuse", actor=actor, at=at,
                                    note=f"{REFUSAL_GROUNDS[ground]}. {reason.strip()}", outcome="refused")
        InfoRequestRow.update(refusal_ground=ground, previous_cases=list(prev)).where(
            InfoRequestRow.case == case_id).execute()
    return case


def extend_request(svc, case_id: int, *, reason: str, actor: Actor = SYSTEM_ACTOR,
                   at: dt.datetime | None = None) -> Case:
    """R-TT-08/09/10: only a complex request may be extended, once, with written notice (Mẫu 04)."""
    if not request_detail(case_id).complex:
        raise IllegalTransition("Yêu cầu đơn giản không được gia hạn.")
    return svc.cases.extend(case_id, actor=actor, note=reason, at=at)


def request_register(svc, year: int, *, actor: Actor | None = None, today: dt.date | None = None) -> list[dict]:
    """R-TT-07: Sổ theo dõi cung cấp thông tin theo yêu cầu for ``year``.

    Requester names and ID numbers are masked unless the actor may see them; unmasking
    is audit-logged (R-DL-11).
    """
    from thanthien.core.privacy import mask

    today = _today(today)
    personal = actor is not None and svc.access.can(actor, P_REQUESTS_PERSONAL)
    q = (CaseRow.select(CaseRow, InfoRequestRow).join(InfoRequestRow, on=(InfoRequestRow.case == CaseRow.id))
         .where(CaseRow.year == year, CaseRow.case_type.in_([ct.key for ct in CASE_TYPE_BY_CHANNEL.values()]))
         .order_by(CaseRow.seq))
    out = []
    for row in q:
        case = to_type(Case, row)
        d = row.inforequestrow
        state = svc.cases.case_type(case.case_type).state(case.state).label
        out.append({
            "case_id": case.id, "number": case.number, "received_on": format_date(case.received_at),
            "channel": REQUEST_CHANNELS[d.channel], "complex": d.complex,
            "requester_name": d.requester_name if personal else mask("full_name", d.requester_name),
            "requester_id_no": d.requester_id_no if personal else mask("citizen_id", d.requester_id_no),
            "info_requested": d.info_requested, "due_date": format_date(case.due_date),
            "notice_due": format_date(d.notice_due), "notified_on": format_date(d.notified_on),
            "state": state, "closed_on": format_date(case.closed_at),
            "refusal_ground": REFUSAL_GROUNDS.get(d.refusal_ground, ""),
            "timeliness": case.timeliness(today), "extensions": case.extensions,
        })
    if personal and out:
        audit.record("congkhai.requests.view_personal", "congkhai_info_request", str(year), actor=actor,
                     after={"rows": len(out)})
    return out


# ---------------------------------------------------------------------------
# Staff desk (bàn làm việc của cán bộ): what the staff pages show
# ---------------------------------------------------------------------------

from thanthien.core.notices import STATES as NOTICE_STATES  # noqa: E402

#: Status of one required place on the desk (tình trạng từng nơi công khai).
PLACE_STATUS: dict[str, str] = {
    "done": "Đã thực hiện",
    "running": "Đang phát, chưa đủ ngày",
    "pending": "Chưa thực hiện, còn hạn",
    "missing": "Chưa thực hiện, quá hạn",
}


def _same_place(notice_field, kind_field, unit_field):
    """Posting rows at the place of a requirement (unit compared null-safely)."""
    return PostingRow.select(PostingRow.id).where(
        PostingRow.notice == notice_field, PostingRow.kind == kind_field,
        (PostingRow.unit == unit_field) | (PostingRow.unit.is_null(True) & unit_field.is_null(True)))


def _scoped_requirements(svc, actor: Actor | None):
    """Requirement rows of the places ``actor`` records (all for ward staff)."""
    q = RequirementRow.select()
    groups = recordable_groups(svc, actor)
    if groups is not None:
        q = q.where(RequirementRow.kind.in_(list(GROUP_KINDS)), RequirementRow.unit.in_([g.id for g in groups]))
    return q


def staff_notices(svc, actor: Actor | None, *, state: str | None = None, category: str | None = None,
                  missing: bool = False, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """The notices desk (danh sách thông báo): newest first, with how many of the required
    places (those ``actor`` records) have a ledger line. ``missing``: only published
    notices with a required place where nothing is recorded yet. Staff who may not draft
    see only published notices that must reach one of their groups."""
    errors = []
    if state and state not in NOTICE_STATES:
        errors.append(("state", "Trạng thái không hợp lệ."))
    if category and category not in svc.notice_categories:
        errors.append(("category", "Loại thông tin không hợp lệ."))
    if errors:
        raise ValidationError(errors)
    q = NoticeRow.select()
    manager = svc.access.can(actor, P_NOTICES)
    scoped = _scoped_requirements(svc, actor)
    if not manager and recordable_groups(svc, actor) is not None:
        q = q.where(NoticeRow.state == "published", NoticeRow.id.in_(scoped.select(RequirementRow.notice)))
    if state:
        q = q.where(NoticeRow.state == state)
    if category:
        q = q.where(NoticeRow.category == category)
    if missing:
        undone = scoped.select(RequirementRow.notice).where(
            ~fn.EXISTS(_same_place(RequirementRow.notice, RequirementRow.kind, RequirementRow.unit)))
        q = q.where(NoticeRow.state == "published", NoticeRow.id.in_(undone))
    q = q.order_by(NoticeRow.created_at.desc(), NoticeRow.id.desc()).limit(limit).offset(offset)
    rows = list(q)
    ids = [r.id for r in rows]
    required: dict[int, int] = {}
    done: dict[int, int] = {}
    if ids:
        for r in scoped.where(RequirementRow.notice.in_(ids)):
            required[r.notice_id] = required.get(r.notice_id, 0) + 1
        for r in scoped.where(RequirementRow.notice.in_(ids),
                              fn.EXISTS(_same_place(RequirementRow.notice, RequirementRow.kind, RequirementRow.unit))):
            done[r.notice_id] = done.get(r.notice_id, 0) + 1
    deadlines = {m.notice_id: m.deadline for m in NoticeMetaRow.select().where(NoticeMetaRow.notice.in_(ids))} \
        if ids else {}
    cats = svc.notice_categories
    out = []
    for r in rows:
        cat = cats.get(r.category)
        out.append({"id": r.id, "title": r.title, "category": r.category,
                    "category_name": cat.name if cat else r.category, "item_no": cat.item_no if cat else None,
                    "state": r.state, "state_label": NOTICE_STATES.get(r.state, r.state), "version": r.version,
                    "created_on": r.created_at.date(), "published_on": r.published_at.date() if r.published_at else None,
                    "deadline": deadlines.get(r.id), "required": required.get(r.id, 0), "done": done.get(r.id, 0)})
    return out


def _place_rows(svc, notice: Notice, today: dt.date, actor: Actor | None, only_mine: bool) -> list[dict[str, Any]]:
    names = _unit_names()
    plist: dict[tuple[str, int | None], list[Posting]] = {}
    for p in postings(notice.id):
        plist.setdefault((p.kind, p.unit_id), []).append(p)
    out = []
    for req in requirements(notice.id):
        mine = may_record(svc, actor, req.kind, req.unit_id)
        if only_mine and not mine:
            continue
        done = plist.get((req.kind, req.unit_id), [])
        if req.kind == "loudspeaker" and req.broadcast_days:
            run, _ = policy.longest_run(p.posted_on for p in done)
            status = "done" if run >= req.broadcast_days else ("running" if done else None)
        else:
            run, status = None, "done" if done else None
        if status is None:
            status = "missing" if today > req.due_date else "pending"
        out.append({
            "requirement_id": req.id, "kind": req.kind, "label": req.label, "unit_id": req.unit_id,
            "unit_name": names.get(req.unit_id, "") if req.unit_id else "",
            "due_date": req.due_date, "min_days": req.min_days, "permanent": req.permanent,
            "broadcast_days": req.broadcast_days, "broadcast_run": run, "rule_ids": list(req.rule_ids),
            "status": status, "status_label": PLACE_STATUS[status], "may_record": mine,
            "takes_down": req.kind in POSTED_KINDS,
            "postings": [{"id": p.id, "posted_on": p.posted_on, "removed_on": p.removed_on,
                          "recorded_name": p.recorded_name, "note": p.note} for p in done],
        })
    return out


def notice_desk(svc, notice_id: int, *, actor: Actor | None, today: dt.date | None = None) -> dict[str, Any]:
    """One notice as staff see it (trang thông báo của cán bộ): content, where it must go
    and what is recorded, the compliance findings, versions and attachments."""
    today = _today(today)
    notice = notice_service_get(notice_id)
    manager = svc.access.can(actor, P_NOTICES)
    places = _place_rows(svc, notice, today, actor, only_mine=not manager)
    if not manager and not places:
        raise PermissionDenied("Thông báo này không phải niêm yết tại tổ dân phố của bạn.")
    m = meta(notice_id)
    report = check(svc, today, notice_id=notice_id)
    names = _unit_names()
    gaps = [{"kind": g.kind, "label": g.label, "message": g.message, "rule_ids": list(g.rule_ids),
             "place": PLACE_KINDS.get(g.place, ""), "unit_name": names.get(g.unit_id, "") if g.unit_id else ""}
            for g in report.gaps]
    cat = svc.notice_categories.get(notice.category)
    responsible = PersonRow.get_or_none(PersonRow.id == m.responsible_id) if m.responsible_id else None
    complete = (notice.state == "published" and bool(places) and not gaps
                and all(p["status"] == "done" for p in places))
    return {
        "notice": {"id": notice.id, "title": notice.title, "body_html": clean_html(notice.body_html),
                   "category": notice.category, "category_name": cat.name if cat else notice.category,
                   "item_no": cat.item_no if cat else None, "state": notice.state,
                   "state_label": NOTICE_STATES.get(notice.state, notice.state), "version": notice.version,
                   "parent_id": notice.parent_id, "decision_ref": notice.decision_ref,
                   "decision_date": notice.decision_date, "created_on": notice.created_at.date(),
                   "published_on": notice.published_at.date() if notice.published_at else None,
                   "window_end": notice.window_end, "withdrawn_reason": notice.withdrawn_reason,
                   "deadline": m.deadline, "custom": dict(m.custom or {}),
                   "responsible_id": m.responsible_id,
                   "responsible": (f"{responsible.full_name} – {responsible.position}" if responsible
                                   and responsible.position else (responsible.full_name if responsible else ""))},
        "places": places,
        "gaps": gaps,
        "complete": complete,
        "versions": [{"id": v.id, "version": v.version, "state": v.state,
                      "state_label": NOTICE_STATES.get(v.state, v.state), "title": v.title,
                      "published_on": v.published_at.date() if v.published_at else None}
                     for v in versions(notice_id)],
        "attachments": [attrs.asdict(a) for a in attachments(notice_id)],
        "may_manage": manager,
    }


def staff_choices() -> list[tuple[int, str]]:
    """Staff who may be responsible for a notice (id, "name – position")."""
    q = (PersonRow.select().where(PersonRow.is_staff == True, PersonRow.active == True)  # noqa: E712
         .order_by(PersonRow.full_name))
    return [(p.id, f"{p.full_name} – {p.position}" if p.position else p.full_name) for p in q]


def request_view(svc, case_id: int, *, actor: Actor | None, personal: bool = False,
                 today: dt.date | None = None) -> dict[str, Any]:
    """An information request as its handler sees it: the answer deadline with its rule
    (R-TT-08/09/10), the steps, the actions still open. The requester's personal data
    is masked unless ``personal`` and the actor may see it; unmasking is audit-logged
    (R-DL-11)."""
    from thanthien.core.privacy import mask

    require(svc, actor, P_REQUESTS)
    d = request_detail(case_id)
    case = svc.cases.get(case_id)
    ct = svc.cases.case_type(case.case_type)
    show = personal and svc.access.can(actor, P_REQUESTS_PERSONAL)
    if personal and not show:
        raise PermissionDenied("Bạn không có quyền xem thông tin cá nhân của người yêu cầu.")
    if show:
        audit.record("congkhai.requests.view_personal", "congkhai_info_request", case_id, actor=actor,
                     after={"case": case.number})
    limit = ct.extension.max_count
    if not isinstance(limit, int):
        limit = int(svc.rules.value(limit, case.received_at.date()))
    is_open = case.closed_at is None
    actions = []
    if is_open and d.complex and case.state == "received":
        actions.append("notify")
    if is_open and d.complex and case.extensions < limit:
        actions.append("extend")
    if is_open:
        actions += ["provide", "refuse"]
    requester = {"name": d.requester_name, "id_no": d.requester_id_no, "address": d.requester_address,
                 "contact": d.requester_contact}
    if not show:
        requester = {"name": mask("full_name", d.requester_name), "id_no": mask("citizen_id", d.requester_id_no),
                     "address": mask("address", d.requester_address),
                     "contact": mask("contact", d.requester_contact)}
    return {
        "case_id": case.id, "number": case.number, "channel": d.channel,
        "channel_label": REQUEST_CHANNELS[d.channel], "complex": d.complex,
        "rule_id": CHANNEL_RULES[d.channel], "received_at": case.received_at, "due_date": case.due_date,
        "notice_due": d.notice_due, "notified_on": d.notified_on, "provided_on": d.provided_on,
        "extensions": case.extensions, "max_extensions": limit, "state": case.state,
        "state_label": ct.state(case.state).label, "closed_at": case.closed_at,
        "timeliness": case.timeliness(_today(today)),
        "refusal_ground": d.refusal_ground, "refusal_ground_label": REFUSAL_GROUNDS.get(d.refusal_ground, ""),
        "previous_cases": list(d.previous_cases), "organisation": d.organisation,
        "info_requested": d.info_requested, "purpose": d.purpose, "delivery_form": d.delivery_form,
        "delivery_label": DELIVERY_FORMS.get(d.delivery_form, ""), "requester": requester,
        "personal_shown": show, "actions": actions,
        "events": [{"at": e.at, "action": e.action, "actor_name": e.actor_name, "note": e.note}
                   for e in svc.cases.events(case_id)],
    }
