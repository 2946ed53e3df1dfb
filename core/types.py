"""Core domain types (kiểu dữ liệu lõi): frozen attrs classes.

Rows are peewee models (``core/models.py``); storage code maps rows to these types with
:func:`thanthien.core.models.to_type`. The web layer and plugins see only these types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs

# ---------------------------------------------------------------------------
# Units, people, households
# ---------------------------------------------------------------------------

#: Unit kinds (loại đơn vị), keys from docs/glossary.md (units and bodies).
UNIT_KINDS: dict[str, str] = {
    "peoples_committee": "Ủy ban nhân dân",
    "department": "Phòng chuyên môn",
    "service_center": "Trung tâm Phục vụ hành chính công",
    "public_service_unit": "Đơn vị sự nghiệp công lập",
    "residential_group": "Tổ dân phố",
    "village": "Thôn",
    "inspection_board": "Ban Thanh tra nhân dân",
    "investment_supervision_board": "Ban Giám sát đầu tư của cộng đồng",
    "front_committee": "Ủy ban Mặt trận Tổ quốc",
    "mass_organisation": "Tổ chức chính trị - xã hội",
}
COMMUNITY_UNIT_KINDS = ("residential_group", "village")


@attrs.frozen
class Unit:
    """A unit (đơn vị): the ward, a department, a residential group, a board…"""

    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None = None
    address: str = ""
    active: bool = True

    @property
    def kind_label(self) -> str:
        return UNIT_KINDS.get(self.kind, self.kind)

    @property
    def is_community(self) -> bool:
        """A thôn or tổ dân phố (community_unit)."""
        return self.kind in COMMUNITY_UNIT_KINDS


@attrs.frozen
class Household:
    """A household (hộ gia đình) living in a residential group."""

    id: int
    code: str
    group_id: int
    address: str = ""
    head_id: int | None = None
    active: bool = True


@attrs.frozen
class Person:
    """A person (người): a resident (người dân) or a staff member (cán bộ, công chức).

    Personal fields are classified in :mod:`thanthien.core.privacy`; never show them
    without going through it.
    """

    id: int
    full_name: str
    birth_date: dt.date | None = None
    sex: str = ""
    citizen_id: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    ethnicity: str = ""
    household_id: int | None = None
    relation_to_head: str = ""
    is_staff: bool = False
    unit_id: int | None = None
    position: str = ""
    badge_number: str = ""
    active: bool = True


@attrs.frozen
class PersonRef:
    """A light reference to a person concerned by an event."""

    id: int | None
    full_name: str
    role: str = ""


@attrs.frozen
class MessageRequest:
    """A short message a plan module asks to send to one resident or staff member.

    The notifications module (``thongbao``) turns it into an outbox row inside the same
    transaction, on the channels the ward configured and only to a contact who consented
    (``personal=True`` messages never go to a contact without consent). When no
    notifications module is enabled nothing is sent: the module that asked must also offer
    the paper way (a printed code, a letter, a notice on the board).

    :param kind: a dotted key naming the message, ``<plugin>.<what>``
        (e.g. ``bieuquyet.one_time_code``), used for templates, preferences and the log.
    :param text: the Vietnamese text, already written for the reader (short: an SMS).
    :param person_id: the resident or staff person it is for (``None`` for a bare contact).
    :param contact: a phone number or e-mail address to use instead of the person's own.
    :param subject: a subject line for channels that have one (e-mail).
    :param personal: the text concerns the person's own matter (needs their consent).
    :param secret: the text carries a one-time code: never logged in clear, never resent.
    :param link: a path on the ward's site the message points to (made absolute from
        ``[web] base_url``).
    :param ref: what caused it (``"case:12"``, ``"vote:4"``) for the delivery log.
    """

    kind: str
    text: str
    person_id: int | None = None
    contact: str | None = None
    subject: str = ""
    personal: bool = True
    secret: bool = False
    link: str | None = None
    ref: str = ""


@attrs.frozen
class RoleGrant:
    """A role (vai trò) granted to a staff person within a unit (and its sub-units)."""

    person_id: int
    role: str
    unit_id: int | None


@attrs.frozen
class Actor:
    """Who performs an action: a staff person, a resident, or the system."""

    person_id: int | None
    name: str
    roles: frozenset[tuple[str, int | None]] = frozenset()
    kind: str = "staff"  # staff | citizen | system

    def has_role(self, role: str) -> bool:
        return any(r == role for r, _ in self.roles)


SYSTEM_ACTOR = Actor(None, "Hệ thống", frozenset(), "system")

# ---------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------


@attrs.frozen
class Case:
    """A case (vụ việc / hồ sơ): anything with a clock and an owner."""

    id: int
    case_type: str
    number: str
    year: int
    seq: int
    subject: str
    state: str
    opened_at: dt.datetime
    received_at: dt.datetime
    unit_id: int | None = None
    owner_id: int | None = None
    applicant_id: int | None = None
    due_date: dt.date | None = None
    due_unit: str = ""  # working_days | days
    paused_at: dt.datetime | None = None
    paused_remaining: int | None = None
    extensions: int = 0
    closed_at: dt.datetime | None = None
    outcome: str = ""
    confidential: bool = False
    overdue_notified: bool = False
    data: dict[str, Any] = attrs.Factory(dict)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    def timeliness(self, on: dt.date | None = None) -> str:
        """``early`` / ``on_time`` / ``late`` (trước hạn / đúng hạn / quá hạn)."""
        if self.due_date is None:
            return "on_time"
        done = self.closed_at.date() if self.closed_at else (on or dt.date.today())
        if done < self.due_date:
            return "early" if self.closed_at else "on_time"
        if done == self.due_date:
            return "on_time"
        return "late"


@attrs.frozen
class CaseEvent:
    """One recorded step of a case (bước xử lý): who, when, what."""

    id: int
    case_id: int
    at: dt.datetime
    action: str
    actor_id: int | None = None
    actor_name: str = ""
    from_state: str = ""
    to_state: str = ""
    note: str = ""
    due_date: dt.date | None = None
    data: dict[str, Any] = attrs.Factory(dict)


# ---------------------------------------------------------------------------
# Notices and documents
# ---------------------------------------------------------------------------


@attrs.frozen
class NoticeCategory:
    """A category of published information (loại thông tin công khai)."""

    key: str
    name: str
    item_no: int | None = None
    plugin: str = "core"


@attrs.frozen
class Notice:
    """Something published (thông báo công khai)."""

    id: int
    category: str
    title: str
    body_html: str
    state: str  # draft | published | withdrawn | expired
    created_at: dt.datetime
    unit_id: int | None = None
    decision_ref: str = ""
    decision_date: dt.date | None = None
    published_at: dt.datetime | None = None
    window_start: dt.date | None = None
    window_end: dt.date | None = None
    channels: tuple[str, ...] = ()
    created_by: int | None = None
    version: int = 1
    parent_id: int | None = None
    withdrawn_reason: str = ""


@attrs.frozen
class Document:
    """An issued official document (văn bản hành chính) in the register (sổ văn bản)."""

    id: int
    doc_type: str
    number: int
    year: int
    symbol: str
    subject: str
    issued_on: dt.date
    body_html: str
    context: dict[str, Any] = attrs.Factory(dict)
    case_id: int | None = None
    unit_id: int | None = None
    signer_name: str = ""
    signer_title: str = ""
    recipients: tuple[str, ...] = ()
    created_by: int | None = None
    created_at: dt.datetime | None = None
    #: what it belongs to besides its case ("thamhoi.letter", 12) and the permission to read it
    owner_kind: str = ""
    owner_id: int | None = None
    view_permission: str = ""

    @property
    def number_symbol(self) -> str:
        """ "05/TB-UBND" (R-VB-10: numbers below 10 take a leading 0)."""
        return f"{self.number:02d}/{self.symbol}"


@attrs.frozen
class AuditEntry:
    """One entry of the append-only audit log (nhật ký kiểm toán)."""

    seq: int
    at: dt.datetime
    actor_id: int | None
    actor_name: str
    action: str
    entity: str
    entity_id: str
    before: Any = None
    after: Any = None
    reason: str = ""
    prev_hash: str = ""
    hash: str = ""


# ---------------------------------------------------------------------------
# Contributions through register_* hooks
# ---------------------------------------------------------------------------


@attrs.frozen
class Role:
    key: str
    label: str
    plugin: str = "core"


@attrs.frozen
class Permission:
    """A permission (quyền) and the roles that hold it unless a ward changes it."""

    key: str
    label: str
    roles: tuple[str, ...] = ()
    plugin: str = "core"
    #: reveals a protected identity or manages accounts and roles: its roles need the
    #: second factor by default and are granted by two people (issue 10 items 2 and 7)
    privileged: bool = False


@attrs.frozen
class NavItem:
    label: str
    href: str
    permission: str | None = None  # None = public
    order: int = 100
    staff: bool = True
    #: the scope the page itself checks the permission over (``() -> Scope``), when it is
    #: narrower than "somewhere": the menu then shows the item only to whom the page opens
    scope: Callable[[], Any] | None = None


@attrs.frozen
class DashboardWidget:
    """A box on the staff dashboard. ``data(ctx)`` returns the template's context.

    A box's data is kept until the next write (core/datacache.py). A box whose figures are
    too dear for that — a year of records over every module — sets ``max_age`` (seconds):
    its data is then kept that long, shown with the moment it was computed, and refreshed
    in the background after that (``TimedCache``). Its ``data`` must use only
    ``ctx.services``, ``ctx.actor`` and ``ctx.today``, not the request."""

    key: str
    title: str
    template: str
    data: Callable[[Any], dict]
    permission: str | None = None
    order: int = 100
    max_age: int | None = None


@attrs.frozen
class Indicator:
    """A named measure over a period (chỉ tiêu), registered with ``register_indicators``.

    ``compute(core, start, end)`` returns the value for the period (``None`` when it has
    no meaning, e.g. a share of nothing); it reads rollups or indexed rows, never a full
    scan. ``records(core, start, end)``, when given, lists what is behind the number
    (dicts with at least ``label`` and ``href``) for a drill-down. ``compute_units`` and
    ``records_units`` give the same over a set of units (a unit filter, a department's or a
    group head's own figures).
    """

    key: str
    label: str
    unit: str
    compute: Callable[[Any, dt.date, dt.date], float | int | None]
    target: float | None = None
    plugin: str = "core"
    #: "higher" or "lower": which way is better (for the red/amber/green status).
    direction: str = "higher"
    #: the plan section it measures ("III.1.2") and the rule, if any ("R-MC-15").
    section: str = ""
    rule: str = ""
    description: str = ""
    records: Callable[[Any, dt.date, dt.date], list[dict[str, Any]]] | None = None
    #: the value counted over some units only (``compute_units(core, start, end, units)``, the
    #: units a department or a residential group head reaches); ``None``: the indicator is
    #: ward-wide only and a unit-scoped reader does not see it (fail closed)
    compute_units: Callable[[Any, dt.date, dt.date, set[int]], float | int | None] | None = None
    #: the records behind the number over some units (``records_units(core, start, end, units)``)
    records_units: Callable[[Any, dt.date, dt.date, set[int]], list[dict[str, Any]]] | None = None


@attrs.frozen
class LetterTemplate:
    """A letter (thư) template: congratulation, condolence, thanks, apology, greeting."""

    key: str
    name: str
    template: str
    priority: int = 0
    plugin: str = "core"
