"""Notices: drafting, editing, publishing (the places a notice must reach are fixed with
the rules in force that day), new versions of changed information, withdrawal — through
core's :class:`~thanthien.core.notices.NoticeService`, plus what congkhai keeps about
each notice (responsible officer, R-CK-03 deadline, search text, item-14 duties).

A notice belongs to the department that drafts it (core's ``unit_id``): only that
department's staff and the leaders (ward-wide grants) edit, publish, version or
withdraw it (fail-closed scope).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from thanthien.core import audit
from thanthien.core.access import Scope
from thanthien.core.errors import IllegalTransition, NotFound, ValidationError
from thanthien.core.models import NoticeRow, to_type
from thanthien.core.richtext import clean_html
from thanthien.core.settings import plugin_section
from thanthien.core.storage.db import write_transaction
from thanthien.core.types import Actor, Notice

from .. import policy
from ..models import AttachmentRow, NoticeMetaRow, PostingRow, RequirementRow
from ..settings import CongkhaiSettings
from ..types import NOTICE_OWNER, P_NOTICES, PLUGIN, DisclosureRule, Requirement
from .common import (
    config,
    get_notice,
    home_unit,
    mark_place_recorded,
    notice_scope,
    requirements,
    residential_groups,
    search_text,
    today_or,
)

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: the recorder of the automatic website posting (R-CK-04, ``website_feed``)
AUTO_WEBSITE = "Tự động: cổng thông tin điện tử hiển thị bản tin của phường"


def meta(notice_id: int) -> NoticeMetaRow:
    """congkhai's row of a notice (made on first use for a notice another module created)."""
    row = NoticeMetaRow.get_or_none(NoticeMetaRow.notice == notice_id)
    if row is None:
        notice = get_notice(notice_id)
        row = NoticeMetaRow.create(notice=notice_id, search_text=search_text(notice.title, notice.body_html))
    return row


def _notice_errors(core: CoreServices, *, category: str, title: str, decision_date: dt.date | None,
                   responsible_id: int | None, custom: dict[str, bool], window_end: dt.date | None,
                   today: dt.date, scope: Scope) -> list[tuple[str, str]]:
    """What is wrong with the fields of a draft (shared by create and edit)."""
    cats = core.notice_categories
    errors: list[tuple[str, str]] = []
    if category not in cats:
        errors.append(("category", "Loại thông tin không hợp lệ."))
    if not title.strip():
        errors.append(("title", "Vui lòng nhập tiêu đề."))
    if decision_date and decision_date > today:
        errors.append(("decision_date", "Ngày ban hành văn bản không được sau ngày hôm nay."))
    if window_end and window_end < (decision_date or today):
        errors.append(("window_end", "Ngày hết hạn công khai phải sau ngày ban hành và không trước hôm nay."))
    if responsible_id is not None:  # the same test as the form's list (``staff_choices``)
        core.access.check_assignee(responsible_id, P_NOTICES, scope, field="responsible_id", errors=errors,
                                   message="Người phụ trách phải là cán bộ, công chức được soạn, công khai "
                                           "thông báo của đơn vị này.")
    bad = set(custom) - set(policy.CUSTOM_KEYS)
    if bad:
        errors.append(("custom", "Yêu cầu công khai không hợp lệ: " + ", ".join(sorted(bad)) + "."))
    cat = cats.get(category)
    if any(custom.values()) and cat is not None and cat.item_no is not None and cat.key != policy.OTHER_CATEGORY:
        errors.append(("custom", "Nơi và thời gian công khai của nội dung này do luật quy định, "
                                 "không được thay đổi."))
    return errors


def _deadline(core: CoreServices, decision_date: dt.date | None) -> dt.date | None:
    # R-CK-03: counted from the decision, with the rule in force on that date
    return policy.deadline(core.rules, core.calendar, decision_date) if decision_date else None


def create_notice(core: CoreServices, *, category: str, title: str, body_html: str = "", decision_ref: str = "",
                  decision_date: dt.date | None = None, responsible_id: int | None = None,
                  custom: dict[str, bool] | None = None, window_end: dt.date | None = None,
                  unit_id: int | None = None, actor: Actor, today: dt.date | None = None) -> Notice:
    """Draft a notice. It belongs to ``unit_id`` (default: the drafting officer's unit).
    The body is sanitised; the R-CK-03 deadline is computed from the decision date with
    the rule in force on that date."""
    unit_id = unit_id if unit_id is not None else home_unit(core, actor, P_NOTICES)
    scope = Scope(unit_id=unit_id, owner=NOTICE_OWNER)
    core.access.require(actor, P_NOTICES, scope)
    custom = {k: v for k, v in (custom or {}).items() if v}
    errors = _notice_errors(core, category=category, title=title, decision_date=decision_date,
                            responsible_id=responsible_id, custom=custom, window_end=window_end,
                            today=today_or(today), scope=scope)
    if errors:
        raise ValidationError(errors)
    body = clean_html(body_html)
    with write_transaction():
        notice = core.notices.create(category=category, title=title, body_html=body, actor=actor, unit_id=unit_id,
                                     decision_ref=decision_ref.strip(), decision_date=decision_date,
                                     window_end=window_end)
        NoticeMetaRow.create(notice=notice.id, responsible=responsible_id, deadline=_deadline(core, decision_date),
                             search_text=search_text(notice.title, body), custom=custom)
    return notice


def update_draft(core: CoreServices, notice_id: int, *, category: str, title: str, body_html: str = "",
                 decision_ref: str = "", decision_date: dt.date | None = None, responsible_id: int | None = None,
                 custom: dict[str, bool] | None = None, window_end: dt.date | None = None, actor: Actor,
                 today: dt.date | None = None) -> Notice:
    """Edit a draft (sửa bản nháp) before it is published, through core's NoticeService;
    a published notice changes only through a new version (``revise_notice``, R-CK-12).
    The R-CK-03 deadline follows the decision date."""
    scope = notice_scope(get_notice(notice_id))
    core.access.require(actor, P_NOTICES, scope)
    custom = {k: v for k, v in (custom or {}).items() if v}
    errors = _notice_errors(core, category=category, title=title, decision_date=decision_date,
                            responsible_id=responsible_id, custom=custom, window_end=window_end,
                            today=today_or(today), scope=scope)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        notice = core.notices.update_draft(
            notice_id, actor=actor, category=category, title=title, body_html=body_html,
            decision_ref=decision_ref.strip(), decision_date=decision_date, window_end=window_end)
        m = meta(notice_id)
        before = {"responsible_id": m.responsible_id, "custom": m.custom}
        NoticeMetaRow.update(responsible=responsible_id, deadline=_deadline(core, decision_date), custom=custom,
                             search_text=search_text(notice.title, notice.body_html)).where(
            NoticeMetaRow.id == m.id).execute()
        if before != {"responsible_id": responsible_id, "custom": custom}:
            audit.record("congkhai.notice.update", "notice", notice_id, actor=actor, before=before,
                         after={"responsible_id": responsible_id, "custom": custom})
    return notice


def publish_notice(core: CoreServices, notice_id: int, *, actor: Actor, at: dt.datetime | None = None) -> Notice:
    """Publish a draft, fix where it must go (snapshot of the rules in force) and, for a
    new version, withdraw the version it replaces (R-CK-12)."""
    core.access.require(actor, P_NOTICES, notice_scope(get_notice(notice_id)))
    with write_transaction():
        notice = core.notices.publish(notice_id, actor=actor, at=at)
        build_requirements(core, notice)
        root = notice.parent_id
        if root:
            older = (NoticeRow.select().where(((NoticeRow.id == root) | (NoticeRow.parent == root)),
                                              NoticeRow.id != notice.id, NoticeRow.state == "published"))
            for row in older:
                core.notices.withdraw(row.id, actor=actor, reason=f"Được thay thế bằng phiên bản {notice.version} "
                                                                  f"(thông báo số {notice.id}).")
    return notice


def withdraw_notice(core: CoreServices, notice_id: int, *, reason: str, actor: Actor) -> Notice:
    """Withdraw a published notice (thu hồi), with the reason: only its department or the
    leaders may (R-CK-12: withdrawn information leaves every place)."""
    core.access.require(actor, P_NOTICES, notice_scope(get_notice(notice_id)),
                        message="Chỉ phòng, ban soạn thông báo hoặc lãnh đạo UBND được thu hồi thông báo này.")
    return core.notices.withdraw(notice_id, reason=reason, actor=actor)


def revise_notice(core: CoreServices, notice_id: int, *, title: str, body_html: str, actor: Actor) -> Notice:
    """Changed information (R-CK-12): a new draft version; publishing it replaces the old.
    The new version starts with the attachments of the one it replaces."""
    old = get_notice(notice_id)
    core.access.require(actor, P_NOTICES, notice_scope(old))
    if old.state != "published":
        raise IllegalTransition("Chỉ tạo phiên bản mới cho thông báo đang công khai.")
    if not title.strip():
        raise ValidationError([("title", "Vui lòng nhập tiêu đề.")])
    return new_version(core, old, title=title, body_html=body_html, actor=actor)


def new_version(core: CoreServices, old: Notice, *, title: str, body_html: str, actor: Actor) -> Notice:
    """A draft version of ``old`` with its meta and attachments (the caller checked the actor)."""
    body = clean_html(body_html)
    with write_transaction():
        new = core.notices.revise(old.id, title=title, body_html=body, actor=actor)
        old_meta = meta(old.id)
        NoticeMetaRow.create(notice=new.id, responsible=old_meta.responsible_id, deadline=None,
                             search_text=search_text(new.title, body), custom=old_meta.custom)
        for att in AttachmentRow.select().where(AttachmentRow.notice == old.id).order_by(AttachmentRow.id):
            AttachmentRow.create(notice=new.id, filename=att.filename, content_type=att.content_type,
                                 size=att.size, sha256=att.sha256, data=att.data, created_by=actor.person_id)
    return new


def versions(notice_id: int) -> list[Notice]:
    """Every version of the notice ``notice_id`` belongs to, oldest first."""
    notice = get_notice(notice_id)
    root = notice.parent_id or notice.id
    q = NoticeRow.select().where((NoticeRow.id == root) | (NoticeRow.parent == root)).order_by(NoticeRow.version)
    return [to_type(Notice, r) for r in q]


def rule_for(core: CoreServices, notice: Notice, on: dt.date | None = None) -> DisclosureRule:
    """Where and how long ``notice`` must be disclosed, with the rules in force on ``on``."""
    cat = core.notice_categories.get(notice.category)
    if cat is None:
        raise NotFound(f"Loại thông tin '{notice.category}' không còn được khai báo.")
    day = on or (notice.published_at.date() if notice.published_at else dt.date.today())
    return policy.disclosure_rule(core.rules, config(core), cat, day, meta(notice.id).custom)


def build_requirements(core: CoreServices, notice: Notice) -> list[Requirement]:
    """Fix the places a published notice must reach, with the rules in force on the day it
    was published (the triggering date). Idempotent."""
    m = meta(notice.id)
    if m.requirements_built:
        return requirements(notice.id)
    published = notice.published_at.date()
    rule = rule_for(core, notice, published)
    if m.deadline is None:
        m.deadline = policy.deadline(core.rules, core.calendar, notice.decision_date or published)
    due = max(m.deadline, published)
    with write_transaction():
        # a place may have its line before its requirement (the website's, at publishing)
        placed = {(p.kind, p.unit_id) for p in PostingRow.select(PostingRow.kind, PostingRow.unit)
                  .where(PostingRow.notice == notice.id)}
        for place in policy.required_places(rule, [g.id for g in residential_groups()]):
            RequirementRow.create(notice=notice.id, kind=place["kind"], unit=place["unit_id"], due_date=due,
                                  min_days=place.get("min_days"), permanent=place.get("permanent", False),
                                  broadcast_days=place.get("broadcast_days"), rule_ids=place["rule_ids"],
                                  recorded=(place["kind"], place["unit_id"]) in placed)
        m.requirements_built = True
        m.save()
    return requirements(notice.id)


# -- event hooks -----------------------------------------------------------------

def _config(core: CoreServices | None, settings: Any) -> CongkhaiSettings:
    return config(core) if core is not None else plugin_section(settings, PLUGIN, CongkhaiSettings)


def on_notice_published(core: CoreServices | None, notice: Notice, settings: Any) -> None:
    """``notice_published``: keep the search text of notices (also those other modules
    publish) and, when the ward's portal shows the JSON feed by itself (``website_feed``),
    record the website posting (R-CK-04) at the moment of publication."""
    row = NoticeMetaRow.get_or_none(NoticeMetaRow.notice == notice.id)
    text = search_text(notice.title, notice.body_html)
    if row is None:
        NoticeMetaRow.create(notice=notice.id, search_text=text)
    elif row.search_text != text:
        NoticeMetaRow.update(search_text=text).where(NoticeMetaRow.id == row.id).execute()
    from .public import store_public_text  # (public imports this module's neighbours)

    store_public_text(notice)  # sanitised once, here, not on every public request
    cfg = _config(core, settings)
    if cfg.website and cfg.website_feed:
        posting = PostingRow.create(notice=notice.id, kind="website", unit=None,
                                    posted_on=notice.published_at.date(), recorded_by=None,
                                    recorded_name=AUTO_WEBSITE, note="R-CK-04")
        mark_place_recorded(notice.id, "website", None)
        audit.record("congkhai.posting.record", "notice", notice.id,
                     after={"posting": posting.id, "kind": "website", "posted_on": posting.posted_on,
                            "automatic": True})


def on_notice_withdrawn(core: CoreServices | None, notice: Notice, settings: Any) -> None:
    """``notice_withdrawn``: the feed drops the notice, so the automatic website posting
    ends the same day (R-CK-12)."""
    today = dt.date.today()
    for row in PostingRow.select().where(PostingRow.notice == notice.id, PostingRow.kind == "website",
                                         PostingRow.recorded_name == AUTO_WEBSITE,
                                         PostingRow.removed_on.is_null(True)):
        removed = max(today, row.posted_on)
        PostingRow.update(removed_on=removed).where(PostingRow.id == row.id).execute()
        audit.record("congkhai.posting.take_down", "notice", notice.id,
                     after={"posting": row.id, "removed_on": removed, "automatic": True})
