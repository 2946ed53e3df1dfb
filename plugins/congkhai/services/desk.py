"""The staff desk (bàn làm việc của cán bộ): the notices a staff member works on, and one
notice with where it must go, what the ledger holds, its findings, versions and files.

A staff member sees the notices of his or her units (``congkhai.notices.manage`` or
``congkhai.ledger.record_ward``) and the published notices that must reach one of the
residential groups he or she records (``congkhai.ledger.record``: a group head sees
only his or her group's places).
"""
from __future__ import annotations

import datetime as dt
import functools
import operator
from typing import TYPE_CHECKING

from peewee import SQL, fn
from thanthien.core.access import Scope
from thanthien.core.errors import PermissionDenied, ValidationError
from thanthien.core.models import NoticeRow, PersonRow, to_type
from thanthien.core.notices import STATES as NOTICE_STATES
from thanthien.core.types import Actor, Notice

from .. import policy
from ..models import NoticeMetaRow, PostingRow, RequirementRow
from ..types import (
    GROUP_KINDS,
    LEDGER_STATUS,
    NOTICE_OWNER,
    P_LEDGER_GROUP,
    P_LEDGER_WARD,
    P_NOTICES,
    PLACE_KINDS,
    POSTED_KINDS,
    DeskLine,
    LedgerSlice,
    NoticeDesk,
    NoticeFacts,
    PlaceState,
    Posting,
    Requirement,
)
from .common import (
    attachments,
    get_notice,
    home_unit,
    notice_scope,
    postings,
    requirements,
    to_posting,
    to_requirement,
    today_or,
    unit_names,
)
from .compliance import compliance
from .ledger import may_record
from .notices import meta, versions

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def _same_place(notice_field, kind_field, unit_field):
    """Posting rows at the place of a requirement (unit compared null-safely)."""
    return PostingRow.select(PostingRow.id).where(
        PostingRow.notice == notice_field, PostingRow.kind == kind_field,
        (PostingRow.unit == unit_field) | (PostingRow.unit.is_null(True) & unit_field.is_null(True)))


def _recorded(core: CoreServices, actor: Actor | None):
    """The requirement rows of the places ``actor`` records: every place of the notices
    of his or her units, and the places of the residential groups he or she records."""
    q = RequirementRow.select()
    ward = core.access.units_for(actor, P_LEDGER_WARD)
    if ward is None:
        return q
    conds = [RequirementRow.notice.in_(NoticeRow.select(NoticeRow.id).where(NoticeRow.unit.in_(sorted(ward) or [-1])))]
    groups = core.access.units_for(actor, P_LEDGER_GROUP)
    if groups is None:
        conds.append(RequirementRow.kind.in_(list(GROUP_KINDS)))
    elif groups:
        conds.append(RequirementRow.kind.in_(list(GROUP_KINDS)) & RequirementRow.unit.in_(sorted(groups)))
    return q.where(functools.reduce(operator.or_, conds))


def staff_notices(core: CoreServices, *, actor: Actor | None, state: str | None = None, category: str | None = None,
                  missing: bool = False, limit: int = 50, offset: int = 0) -> list[DeskLine]:
    """The notices desk (danh sách thông báo): newest first, with how many of the required
    places the actor records have a ledger line. ``missing``: only published notices with
    such a place where nothing is recorded yet."""
    errors = []
    if state and state not in NOTICE_STATES:
        errors.append(("state", "Trạng thái không hợp lệ."))
    if category and category not in core.notice_categories:
        errors.append(("category", "Loại thông tin không hợp lệ."))
    if errors:
        raise ValidationError(errors)
    recorded = _recorded(core, actor)
    q = NoticeRow.select()
    managed = core.access.units_for(actor, P_NOTICES)
    ward = core.access.units_for(actor, P_LEDGER_WARD)
    if managed is not None and ward is not None:
        mine = sorted(managed | ward) or [-1]
        q = q.where(NoticeRow.unit.in_(mine) | ((NoticeRow.state == "published")
                                                & NoticeRow.id.in_(recorded.select(RequirementRow.notice))))
    if state:
        q = q.where(NoticeRow.state == state)
    if category:
        q = q.where(NoticeRow.category == category)
    if missing:  # the places still without a ledger line, read by their index
        undone = recorded.select(RequirementRow.notice).where(RequirementRow.recorded == False)  # noqa: E712
        q = q.where(NoticeRow.state == "published", NoticeRow.id.in_(undone))
    q = q.order_by(NoticeRow.created_at.desc(), NoticeRow.id.desc()).limit(limit).offset(offset)
    rows = [to_type(Notice, r) for r in q]
    ids = [n.id for n in rows]
    required: dict[int, int] = {}
    done: dict[int, int] = {}
    deadlines: dict[int, dt.date | None] = {}
    if ids:
        # the places with a ledger line, read by the page's notices (an index search): an
        # EXISTS per requirement lets PostgreSQL hash the whole postings table instead
        placed = {(p.notice_id, p.kind, p.unit_id)
                  for p in PostingRow.select(PostingRow.notice, PostingRow.kind, PostingRow.unit)
                  .where(PostingRow.notice.in_(ids))}
        for r in recorded.where(RequirementRow.notice.in_(ids)):
            required[r.notice_id] = required.get(r.notice_id, 0) + 1
            if (r.notice_id, r.kind, r.unit_id) in placed:  # the unit compared null-safely, as _same_place
                done[r.notice_id] = done.get(r.notice_id, 0) + 1
        deadlines = {m.notice_id: m.deadline for m in NoticeMetaRow.select().where(NoticeMetaRow.notice.in_(ids))}
    return [DeskLine(n, deadlines.get(n.id), required.get(n.id, 0), done.get(n.id, 0)) for n in rows]


def _place_state(req: Requirement, done: list[Posting], today: dt.date, unit_name: str, mine: bool) -> PlaceState:
    """A required place with its ledger lines and status: done, broadcast still running,
    pending, missing."""
    if req.kind == "loudspeaker" and req.broadcast_days:  # R-CK-09: consecutive days
        run, _ = policy.longest_run(p.posted_on for p in done)
        status = "done" if run >= req.broadcast_days else ("running" if done else None)
    else:
        run, status = None, "done" if done else None
    if status is None:
        status = "missing" if today > req.due_date else "pending"
    return PlaceState(req, tuple(done), status, unit_name, run, mine)


def place_states(core: CoreServices, notice: Notice, today: dt.date, actor: Actor | None,
                 only_mine: bool) -> list[PlaceState]:
    """Every required place of ``notice`` (those ``actor`` records, with ``only_mine``) and
    its status: done, broadcast still running, pending, missing."""
    names = unit_names()
    plist: dict[tuple[str, int | None], list[Posting]] = {}
    for p in postings(notice.id):
        plist.setdefault((p.kind, p.unit_id), []).append(p)
    out = []
    for req in requirements(notice.id):
        mine = may_record(core, actor, notice, req.kind, req.unit_id)
        if only_mine and not mine:
            continue
        out.append(_place_state(req, plist.get((req.kind, req.unit_id), []), today,
                                names.get(req.unit_id, "") if req.unit_id else "", mine))
    return out


def _ledger_scope(core: CoreServices, actor: Actor | None, notice: Notice):
    """The SQL condition on requirement rows of ``notice`` that ``actor`` records (None:
    every place) — the list form of :func:`.ledger.may_record`."""
    if core.access.can(actor, P_LEDGER_WARD, notice_scope(notice)):
        return None
    groups = core.access.units_for(actor, P_LEDGER_GROUP)
    cond = RequirementRow.kind.in_(list(GROUP_KINDS))
    if groups is None:
        return cond
    return cond & RequirementRow.unit.in_(sorted(groups) or [-1])


def ledger_notices(core: CoreServices, *, actor: Actor | None, limit: int = 30) -> list[tuple[int, str]]:
    """The published notices whose ledger ``actor`` keeps (id, title), newest first, at
    most ``limit``: the notice filter of the ledger page. The notices of his or her
    units, and those that must reach a residential group he or she records."""
    q = NoticeRow.select(NoticeRow.id, NoticeRow.title).where(NoticeRow.state == "published")
    ward = core.access.units_for(actor, P_LEDGER_WARD)
    if ward is not None:
        groups = core.access.units_for(actor, P_LEDGER_GROUP)
        conds = [NoticeRow.unit.in_(sorted(ward) or [-1])]
        if groups is None:
            conds.append(NoticeRow.id.in_(RequirementRow.select(RequirementRow.notice)
                                          .where(RequirementRow.kind.in_(list(GROUP_KINDS)))))
        elif groups:
            conds.append(NoticeRow.id.in_(RequirementRow.select(RequirementRow.notice)
                                          .where(RequirementRow.unit.in_(sorted(groups)))))
        q = q.where(functools.reduce(operator.or_, conds))
    q = q.order_by(NoticeRow.published_at.desc(), NoticeRow.id.desc()).limit(limit)
    return [(r.id, r.title) for r in q]


def _group_key(field):
    """The residential group of a requirement or posting; 0 for the ward's own places (a
    literal, not a parameter: PostgreSQL compares the DISTINCT and ORDER BY texts)."""
    return fn.COALESCE(field, SQL("0"))


def ledger_slice(core: CoreServices, notice_id: int, *, actor: Actor | None, kind: str = "",
                 group: int | None = None, status: str = "", todo: bool = False, limit: int = 10,
                 offset: int = 0, today: dt.date | None = None) -> LedgerSlice:
    """One page of the ledger of a notice (sổ theo dõi niêm yết): the places ``actor``
    records — a group head only his or her group's —, narrowed to a place ``kind``, a
    residential ``group``, a ``status`` (``LEDGER_STATUS``) or what is not done yet
    (``todo``), grouped by residential group: ``limit`` groups from ``offset`` (the ward's
    own places count as one group and come first).

    Every query is on one notice's rows through its index and the page reads the ledger
    lines of its own groups only: the page costs the same whatever the ward's history.
    """
    today = today_or(today)
    errors = []
    if kind and kind not in PLACE_KINDS:
        errors.append(("kind", "Nơi/kênh công khai không hợp lệ."))
    if status and status not in LEDGER_STATUS:
        errors.append(("status", "Tình trạng không hợp lệ."))
    if errors:
        raise ValidationError(errors)
    notice = staff_notice(core, notice_id, actor=actor)
    mine = RequirementRow.select().where(RequirementRow.notice == notice.id)
    cond = _ledger_scope(core, actor, notice)
    if cond is not None:
        mine = mine.where(cond)
    same = _same_place(RequirementRow.notice, RequirementRow.kind, RequirementRow.unit)
    still_up = same.where(PostingRow.removed_on.is_null(True))
    q = mine
    if kind:
        q = q.where(RequirementRow.kind == kind)
    if group:
        q = q.where(RequirementRow.unit == group)
    if status == "pending":
        q = q.where(~fn.EXISTS(same))
    elif status == "posted":
        q = q.where(fn.EXISTS(still_up))
    elif status == "removed":
        q = q.where(RequirementRow.kind.in_(list(POSTED_KINDS)), fn.EXISTS(same), ~fn.EXISTS(still_up))
    if todo:  # a broadcast may have lines and still run short: its status decides below
        q = q.where(~fn.EXISTS(same) | (RequirementRow.kind == "loudspeaker"))
    key = _group_key(RequirementRow.unit)
    units = [u for (u,) in q.select(key).distinct().order_by(key).limit(limit + 1).offset(offset).tuples()]
    has_next, units = len(units) > limit, units[:limit]
    names = unit_names()
    places: list[PlaceState] = []
    if units:
        lines: dict[tuple[str, int | None], list[Posting]] = {}
        for r in (PostingRow.select().where(PostingRow.notice == notice.id, _group_key(PostingRow.unit).in_(units))
                  .order_by(PostingRow.posted_on, PostingRow.id)):
            lines.setdefault((r.kind, r.unit_id), []).append(to_posting(r))
        order = {k: i for i, k in enumerate(PLACE_KINDS)}
        rows = sorted(q.where(key.in_(units)), key=lambda r: (r.unit_id or 0, order[r.kind], r.id))
        for r in rows:
            req = to_requirement(r)
            if not may_record(core, actor, notice, req.kind, req.unit_id):  # fail closed
                continue
            p = _place_state(req, lines.get((req.kind, req.unit_id), []), today,
                             names.get(req.unit_id, "") if req.unit_id else "", True)
            if todo and p.status == "done":
                continue
            places.append(p)
    kinds = {k for (k,) in mine.select(RequirementRow.kind).distinct().tuples()}
    group_ids = {u for (u,) in mine.select(RequirementRow.unit).where(RequirementRow.unit.is_null(False))
                 .distinct().tuples()}
    report = compliance(core, today, units=None, notice_id=notice.id)  # the actor may read this notice
    running = any(pd.requirement.kind == "loudspeaker" for pd in report.pending
                  if may_record(core, actor, notice, "loudspeaker", None))
    complete = (notice.state == "published" and bool(kinds) and not report.gaps and not running
                and not mine.where(~fn.EXISTS(same)).exists())
    return LedgerSlice(notice, _facts(notice.id), tuple(places), has_next, tuple(k for k in PLACE_KINDS if k in kinds),
                       tuple(sorted(((u, names.get(u, "")) for u in group_ids), key=lambda g: g[0])),
                       complete, report.gaps)


def staff_notice(core: CoreServices, notice_id: int, *, actor: Actor | None) -> Notice:
    """A notice for a staff member who works on it: its department and the leaders, or
    whoever records one of its places (a group head: a place of his or her group)."""
    notice = get_notice(notice_id)
    if core.access.can(actor, P_NOTICES, notice_scope(notice)):
        return notice
    if any(may_record(core, actor, notice, r.kind, r.unit_id) for r in requirements(notice.id)):
        return notice
    raise PermissionDenied("Thông báo này không thuộc đơn vị của bạn và không phải niêm yết tại tổ dân phố "
                           "của bạn.")


def _facts(notice_id: int) -> NoticeFacts:
    m = meta(notice_id)
    responsible = PersonRow.get_or_none(PersonRow.id == m.responsible_id) if m.responsible_id else None
    who = ""
    if responsible is not None:
        who = f"{responsible.full_name} – {responsible.position}" if responsible.position else responsible.full_name
    return NoticeFacts(m.deadline, dict(m.custom or {}), m.responsible_id, who)


def notice_desk(core: CoreServices, notice_id: int, *, actor: Actor | None, today: dt.date | None = None) -> NoticeDesk:
    """One notice as a staff member sees it: content, where it must go and what is
    recorded (only the places he or she records, unless he or she manages the notice),
    the compliance findings, versions and attachments."""
    today = today_or(today)
    notice = staff_notice(core, notice_id, actor=actor)
    manager = core.access.can(actor, P_NOTICES, notice_scope(notice))
    places = place_states(core, notice, today, actor, only_mine=not manager)
    report = compliance(core, today, units=None, notice_id=notice_id)  # the actor may read this notice
    facts = _facts(notice_id)
    complete = (notice.state == "published" and bool(places) and not report.gaps
                and all(p.status == "done" for p in places))
    return NoticeDesk(notice, facts, tuple(places), report.gaps, complete, tuple(versions(notice_id)),
                      tuple(attachments(notice_id)), manager)


def staff_choices(core: CoreServices, actor: Actor | None, notice_id: int | None = None) -> list[tuple[int, str]]:
    """Staff who may be responsible for a notice (id, "name — position"): holders of
    ``congkhai.notices`` over the notice's unit (a new one: the drafting officer's unit)."""
    if notice_id is not None:
        scope = notice_scope(get_notice(notice_id))
    else:
        scope = Scope(unit_id=home_unit(core, actor, P_NOTICES), owner=NOTICE_OWNER)
    return core.access.assignee_choices(P_NOTICES, scope)
