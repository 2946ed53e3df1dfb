"""Roles, permissions and scope (phân quyền) — fail closed.

Plugins declare permissions with the roles that hold them (``register_permissions``);
roles are granted to staff per unit (``core_role_grant``). A grant on a unit covers its
sub-units; a grant with no unit (or on the ward's root unit) covers the whole ward. A
ward may change which roles hold a permission in ``[plugin.core] permissions``.

Every resource knows what it belongs to, its :class:`Scope`: a unit (a residential
group, a department, a board's unit) and optionally an owner inside a plugin (a board,
a case). The one way to check a permission is::

    core.access.require(actor, "tiepdan.handle", case.unit_id)       # or a Scope
    core.access.can(actor, "congkhai.ledger", Scope(unit_id=group_id))

A scope of ``None`` (or :data:`WARD`) is a resource of the whole ward: only a ward-wide
grant passes. A missing scope therefore refuses; it never means "anywhere". Only the
gate of a route, a menu and the choice of which buttons to show ask
``can(actor, perm, ANYWHERE)`` — "does the actor hold this permission in some unit?".

The decision itself is the hook ``access_for_scope`` (first answer wins); core's answer
(role × unit table below) comes last, so a plugin adds a scope rule — "a board member acts
only on the boards he or she sits on" — or a ward changes one without forking.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

import attrs

from .errors import PermissionDenied, ValidationError
from .hooks import collect
from .types import Actor, Permission, Person, Role

if TYPE_CHECKING:
    import pluggy

    from .settings import Settings

#: Roles core ships: chairman, vice-chairman, one-stop officer, department officer,
#: residential-group head, board member, administrator.
CORE_ROLES = [
    Role("chairperson", "Chủ tịch UBND"),
    Role("vice_chairperson", "Phó Chủ tịch UBND"),
    Role("one_stop_officer", "Công chức Bộ phận Một cửa"),
    Role("department_officer", "Công chức phòng chuyên môn"),
    Role("group_head", "Tổ trưởng tổ dân phố"),
    Role("board_member", "Thành viên Ban TTND / Ban GSĐTCĐ"),
    Role("admin", "Quản trị hệ thống"),
]

LEADERS = ("chairperson", "vice_chairperson")


@attrs.frozen
class Scope:
    """What a resource belongs to (phạm vi của một tài nguyên).

    ``unit_id`` — the owning unit (residential group, department, board unit); ``None``
    means the ward as a whole. ``owner``/``owner_id`` name a finer owner inside a plugin
    (``("giamsat.board", 3)``, ``("case", 120)``) for ``access_for_scope`` rules.
    """

    unit_id: int | None = None
    owner: str = ""
    owner_id: int | None = None


class _Anywhere:
    """ "In some unit": for route gates, menus and which buttons to show — never for data."""

    def __repr__(self) -> str:
        return "ANYWHERE"


#: A resource of the whole ward: only a ward-wide grant passes.
WARD = Scope()
#: Not a resource: "does the actor hold this permission in at least one unit?".
ANYWHERE: Any = _Anywhere()

ScopeLike = Scope | int | None | _Anywhere


def as_scope(scope: ScopeLike) -> Scope | _Anywhere:
    if scope is None:
        return WARD
    if isinstance(scope, (Scope, _Anywhere)):
        return scope
    if isinstance(scope, bool) or not isinstance(scope, int):
        raise TypeError(f"scope must be a Scope, a unit id, None or ANYWHERE, not {scope!r}")
    return Scope(unit_id=scope)


class AccessPolicy:
    """Answers "may this actor do that, to a resource of this scope?"."""

    def __init__(self, pm: pluggy.PluginManager, settings: Settings, core: Any = None):
        self.pm = pm
        self.settings = settings
        self.core = core

    # -- declarations -------------------------------------------------------

    @cached_property
    def permissions(self) -> dict[str, Permission]:
        perms = {p.key: p for p in collect(self.pm.hook.register_permissions, settings=self.settings)}
        overrides = self.settings.for_plugin("core").get("permissions", {})
        for key, roles in overrides.items():
            if key in perms:
                perms[key] = attrs.evolve(perms[key], roles=tuple(roles))
        return perms

    @cached_property
    def roles(self) -> dict[str, Role]:
        roles = {r.key: r for r in CORE_ROLES}
        for role in collect(self.pm.hook.register_roles, settings=self.settings):
            roles[role.key] = role
        return roles

    def privileged_roles(self) -> set[str]:
        """Roles holding a privileged permission (:attr:`Permission.privileged`: revealing
        a protected identity, managing accounts and roles), after the ward's overrides."""
        return {role for perm in self.permissions.values() if perm.privileged for role in perm.roles}

    def roles_holding(self, permission: str) -> tuple[str, ...]:
        perm = self.permissions.get(permission)
        return perm.roles if perm else ()

    # -- decisions ----------------------------------------------------------

    def can(self, actor: Actor | None, permission: str | None, scope: ScopeLike = None) -> bool:
        """True when ``actor`` holds ``permission`` over a resource of ``scope``.

        ``scope``: a :class:`Scope`, a unit id, ``None``/:data:`WARD` (a resource of the
        whole ward: ward-wide grants only) or :data:`ANYWHERE` (gates and menus).
        """
        if permission is None:
            return True
        if actor is None:
            return False
        if actor.kind == "system":
            return True
        target = as_scope(scope)
        answer = self.pm.hook.access_for_scope(
            actor=actor, permission=permission, scope=target, core=self.core, services=self.core
        )
        return bool(answer)

    def require(
        self,
        actor: Actor | None,
        permission: str,
        scope: ScopeLike = None,
        *,
        unit_id: int | None = None,
        message: str | None = None,
    ) -> Actor:
        """Refuse with :class:`PermissionDenied` unless :meth:`can`; return the actor.

        ``unit_id=`` is a shorthand for ``Scope(unit_id=…)``.
        """
        if unit_id is not None:
            if scope is not None:
                raise TypeError("give either scope or unit_id, not both")
            scope = unit_id
        if not self.can(actor, permission, scope):
            raise PermissionDenied(message or "Bạn không có quyền thực hiện thao tác này.")
        return actor  # type: ignore[return-value]

    def role_table_allows(self, actor: Actor, permission: str, scope: Scope | _Anywhere) -> bool:
        """Core's answer (the ``access_for_scope`` default): the role × unit table.

        A grant counts when its role holds the permission and its unit is the ward
        (no unit, or the root unit), the resource's unit or an ancestor of it.
        """
        holders = set(self.roles_holding(permission))
        if not holders:
            return False
        if "admin" in holders and actor.has_role("admin"):
            return True
        for role, grant_unit in actor.roles:
            if role not in holders:
                continue
            if isinstance(scope, _Anywhere) or grant_unit is None or grant_unit in self.ward_roots():
                return True
            if scope.unit_id is None:
                continue  # a ward resource: only a ward-wide grant
            if grant_unit == scope.unit_id or grant_unit in self.ancestors(scope.unit_id):
                return True
        return False

    def units_for(self, actor: Actor | None, permission: str) -> set[int] | None:
        """Units whose resources ``actor`` reaches with ``permission`` (sub-units
        included); ``None`` means the whole ward. For filtering lists, exports and
        dashboards: ``WHERE unit_id IN units_for(...)``."""
        if actor is None:
            return set()
        if actor.kind == "system":
            return None
        holders = set(self.roles_holding(permission))
        if "admin" in holders and actor.has_role("admin"):
            return None
        units: list[int] = []
        for role, unit in actor.roles:
            if role in holders:
                if unit is None or unit in self.ward_roots():
                    return None
                units.append(unit)
        if not units:
            return set()
        from .people import descendant_unit_ids  # the ORM stays out of ``thanthien --help``

        return descendant_unit_ids(units)

    # -- who may be given a piece of work -----------------------------------

    def assignees(
        self,
        permission: str,
        scope: ScopeLike | Callable[[Person], ScopeLike] = ANYWHERE,
    ) -> list[Person]:
        """Active staff who hold ``permission`` over ``scope`` — the only people a list of
        officers to assign, reassign or hand work to may offer (issue 15 item 3).

        ``scope`` is the resource's scope, :data:`ANYWHERE` (the work reaches the person
        wherever he or she sits, e.g. through an assigned-handler rule) or a function of
        the candidate (a dossier that follows its officer into his or her unit). The
        answer goes through :meth:`can`, so plugins' scope rules apply; the admin role
        is never a candidate (it manages the system, it does not handle files)."""
        from .models import PersonRow, RoleGrantRow, to_type

        holders = set(self.roles_holding(permission)) - {"admin"}
        if not holders:
            return []
        # the grants first (a small reference table), then the people by primary key: the
        # people table grows with the ward's residents and is never read whole for a list
        ids = sorted(
            {
                g.person_id
                for g in RoleGrantRow.select(RoleGrantRow.person).where(RoleGrantRow.role.in_(sorted(holders)))
            }
        )
        if not ids:
            return []
        # by primary key only (active staff are kept below): a condition on the staff flags
        # lets PostgreSQL walk a partial index of every staff member instead
        rows = [
            r
            for r in PersonRow.select().where(PersonRow.id.in_(ids)).order_by(PersonRow.search_name, PersonRow.id)
            if r.is_staff and r.active
        ]
        out: list[Person] = []
        for row in rows:
            person = to_type(Person, row)
            actor = actor_for_person(person.id, person.full_name)
            actor = attrs.evolve(actor, roles=frozenset(g for g in actor.roles if g[0] != "admin"))
            target = scope(person) if callable(scope) and not isinstance(scope, _Anywhere) else scope
            if self.can(actor, permission, target):
                out.append(person)
        return out

    def assignee_choices(
        self,
        permission: str,
        scope: ScopeLike | Callable[[Person], ScopeLike] = ANYWHERE,
    ) -> list[tuple[int, str]]:
        """:meth:`assignees` as a select's options: (person id, "name — position")."""
        return [
            (p.id, f"{p.full_name} — {p.position}" if p.position else p.full_name)
            for p in self.assignees(permission, scope)
        ]

    def check_assignee(
        self,
        person_id: int | None,
        permission: str,
        scope: ScopeLike | Callable[[Person], ScopeLike] = ANYWHERE,
        *,
        field: str,
        errors: list[tuple[str, str]] | None = None,
        message: str = "",
    ) -> bool:
        """Refuse an officer a list of :meth:`assignees` would not offer: appends a field
        error to ``errors`` (or raises :class:`ValidationError` when ``errors`` is None) and
        returns False. A forged form (a resident, an administrator, a board member picked
        by id) is thus refused on the server, not only hidden in the page."""
        if person_id is not None and any(p.id == person_id for p in self.assignees(permission, scope)):
            return True
        text = message or "Người được chọn không có vai trò, thẩm quyền xử lý việc này trong đơn vị."
        if errors is None:
            raise ValidationError([(field, text)])
        errors.append((field, text))
        return False

    # -- the unit tree ------------------------------------------------------

    def ward_roots(self) -> set[int]:
        """The People's Committee at the top of the unit tree: a grant there is ward-wide."""
        from .models import UnitRow

        return {
            u.id
            for u in UnitRow.select(UnitRow.id).where(UnitRow.parent.is_null(), UnitRow.kind == "peoples_committee")
        }

    def ancestors(self, unit_id: int) -> list[int]:
        from .models import UnitRow

        out: list[int] = []
        current = UnitRow.get_or_none(UnitRow.id == unit_id)
        while current is not None and current.parent_id is not None and len(out) < 20:
            out.append(current.parent_id)
            current = UnitRow.get_or_none(UnitRow.id == current.parent_id)
        return out


def actor_for_person(person_id: int, name: str, kind: str = "staff") -> Actor:
    """Build an Actor with the person's role grants."""
    from .models import RoleGrantRow

    grants = RoleGrantRow.select().where(RoleGrantRow.person == person_id)
    return Actor(person_id, name, frozenset((g.role, g.unit_id) for g in grants), kind)
