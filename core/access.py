"""Roles, permissions and unit scope (phân quyền).

Plugins declare permissions with the roles that hold them (``register_permissions``);
roles are granted to staff per unit (``core_role_grant``). A grant on a unit covers its
sub-units; a grant with no unit covers the whole ward. A ward may change which roles
hold a permission in ``[plugin.core] permissions`` (a table ``perm = [roles]``).
"""
from __future__ import annotations

from functools import cached_property

from .models import RoleGrantRow, UnitRow
from .plugins import collect
from .types import Actor, Permission, Role

#: Roles core ships (issue 3: chairman, vice-chairman, one-stop officer, department
#: officer, residential-group head, board member, administrator).
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


class AccessPolicy:
    """Answers "may this actor do that, in this unit?"."""

    def __init__(self, pm, settings):
        self.pm = pm
        self.settings = settings

    @cached_property
    def permissions(self) -> dict[str, Permission]:
        perms = {p.key: p for p in collect(self.pm, "register_permissions", settings=self.settings)}
        overrides = self.settings.for_plugin("core").get("permissions", {})
        for key, roles in overrides.items():
            if key in perms:
                perms[key] = Permission(key, perms[key].label, tuple(roles), perms[key].plugin)
        return perms

    @cached_property
    def roles(self) -> dict[str, Role]:
        roles = {r.key: r for r in CORE_ROLES}
        for role in collect(self.pm, "register_roles", settings=self.settings):
            roles[role.key] = role
        return roles

    def roles_holding(self, permission: str) -> tuple[str, ...]:
        perm = self.permissions.get(permission)
        return perm.roles if perm else ()

    def can(self, actor: Actor | None, permission: str | None, unit_id: int | None = None) -> bool:
        """True when the actor holds ``permission`` over ``unit_id`` (or anywhere if None)."""
        if permission is None:
            return True
        if actor is None:
            return False
        if actor.kind == "system":
            return True
        holders = set(self.roles_holding(permission))
        if "admin" in holders and actor.has_role("admin"):
            return True
        for role, scope in actor.roles:
            if role not in holders:
                continue
            if scope is None or unit_id is None or scope == unit_id or scope in self.ancestors(unit_id):
                return True
        return False

    def ancestors(self, unit_id: int) -> list[int]:
        out: list[int] = []
        current = UnitRow.get_or_none(UnitRow.id == unit_id)
        while current is not None and current.parent_id is not None and len(out) < 20:
            out.append(current.parent_id)
            current = UnitRow.get_or_none(UnitRow.id == current.parent_id)
        return out


def actor_for_person(person_id: int, name: str, kind: str = "staff") -> Actor:
    """Build an Actor with the person's role grants."""
    grants = RoleGrantRow.select().where(RoleGrantRow.person == person_id)
    return Actor(person_id, name, frozenset((g.role, g.unit_id) for g in grants), kind)
