"""The access policy against a hand-written table, and its scope semantics.

The table below is written out by hand from what each core role is meant to do — it is
not derived from ``CORE_PERMISSIONS`` — so a change to the policy that nobody intended
fails here. Then the scope rules: a ward resource needs a ward-wide grant, a grant covers
its sub-units, ``ANYWHERE`` for gates and menus, the People's Committee root is
ward-wide, ``units_for``, and the ``access_for_scope`` hook (a plugin's answer wins, a
plugin's ``False`` included).
"""
from __future__ import annotations

import pytest

from thanthien.core import hookimpl, people
from thanthien.core.access import ANYWHERE, CORE_ROLES, WARD, Scope
from thanthien.core.errors import PermissionDenied
from thanthien.core.plugins import make_plugin_manager
from thanthien.core.services import make_services
from thanthien.core.settings import Settings
from thanthien.core.types import SYSTEM_ACTOR, Actor

ROLES = ["chairperson", "vice_chairperson", "one_stop_officer", "department_officer", "group_head",
         "board_member", "admin"]

# What each core role may do, ward-wide grant, resource of the whole ward.
# Columns: chairperson, vice_chairperson, one_stop_officer, department_officer,
#          group_head, board_member, admin
TABLE = {
    "core.dashboard.view":            "Y Y Y Y Y Y Y",  # every staff member has a dashboard
    "core.units.view":                "Y Y Y Y Y Y Y",  # the organisation chart is no secret to staff
    "core.units.manage":              "- - - - - - Y",  # only the administrator edits units
    "core.people.view":               "Y Y Y Y Y - Y",  # board members do not browse residents
    "core.people.view_personal":      "Y Y Y - Y - -",  # unmasked personal data: not the admin
    "core.people.manage":             "- - Y Y - - Y",  # the one-stop desk and offices keep records
    "core.cases.view":                "Y Y Y Y Y Y Y",
    "core.cases.view_confidential":   "Y - - - - - -",  # R-TC-10: only the chairperson
    "core.documents.issue":           "Y Y Y Y - - -",  # residents' heads and boards issue nothing
    "core.documents.view":            "Y Y Y Y Y Y Y",
    "core.audit.view":                "Y - - - - - Y",
    "core.users.manage":              "- - - - - - Y",
    "core.users.approve_grant":       "Y - - - - - Y",  # the second person of a privileged grant
    "core.rules.view":                "Y Y Y Y Y Y Y",
    "core.rules.confirm":             "- - - - - - Y",
}


def expected(permission: str, role: str) -> bool:
    return TABLE[permission].split()[ROLES.index(role)] == "Y"


def actor(*grants: tuple[str, int | None], person_id: int = 1) -> Actor:
    return Actor(person_id, "Cán bộ thử", frozenset(grants))


@pytest.fixture
def units(db):
    """The People's Committee at the root, a department with a team, another department,
    a residential group, and a unit without a parent that is not the People's Committee."""
    root = people.create_unit("UBND", "UBND phường", "peoples_committee")
    vp = people.create_unit("VP", "Văn phòng", "department", parent_id=root.id)
    team = people.create_unit("VP-1CUA", "Tổ một cửa", "service_center", parent_id=vp.id)
    kt = people.create_unit("KT", "Phòng Kinh tế", "department", parent_id=root.id)
    tdp = people.create_unit("TDP01", "Tổ dân phố số 1", "residential_group", parent_id=root.id)
    front = people.create_unit("MTTQ", "Ủy ban MTTQ phường", "front_committee")
    return {"root": root.id, "vp": vp.id, "team": team.id, "kt": kt.id, "tdp": tdp.id, "front": front.id}


def test_the_table_covers_exactly_core_permissions_and_roles(core):
    core_perms = {k for k, p in core.access.permissions.items() if k.startswith("core.")}
    assert set(TABLE) == core_perms
    assert [r.key for r in CORE_ROLES] == ROLES


@pytest.mark.parametrize("role", ROLES)
def test_each_role_holds_what_the_table_says(core, role):
    someone = actor((role, None))
    got = {perm: core.access.can(someone, perm, WARD) for perm in TABLE}
    want = {perm: expected(perm, role) for perm in TABLE}
    assert got == want


def test_without_a_role_nothing_is_allowed(core):
    nobody = actor()
    assert not any(core.access.can(nobody, perm, scope) for perm in TABLE for scope in (WARD, ANYWHERE, 1))
    assert not core.access.can(None, "core.dashboard.view", ANYWHERE)
    assert core.access.can(SYSTEM_ACTOR, "core.users.manage", WARD)  # the system itself
    assert core.access.can(None, None)  # no permission needed at all


def test_a_ward_resource_needs_a_ward_wide_grant(core, units):
    in_unit = actor(("department_officer", units["vp"]))
    ward_wide = actor(("department_officer", None))
    for scope in (None, WARD, Scope()):
        assert not core.access.can(in_unit, "core.documents.issue", scope)
        assert core.access.can(ward_wide, "core.documents.issue", scope)
    with pytest.raises(PermissionDenied):
        core.access.require(in_unit, "core.documents.issue")  # a missing scope refuses


def test_a_grant_covers_its_sub_units_only(core, units):
    officer = actor(("department_officer", units["vp"]))
    assert core.access.can(officer, "core.people.view", units["vp"])
    assert core.access.can(officer, "core.people.view", units["team"])  # a sub-unit
    assert core.access.can(officer, "core.people.view", Scope(unit_id=units["team"], owner="x.thing", owner_id=3))
    assert not core.access.can(officer, "core.people.view", units["kt"])  # a sibling
    assert not core.access.can(officer, "core.people.view", units["root"])  # the parent
    assert not core.access.can(officer, "core.people.view", units["tdp"])
    head = actor(("group_head", units["tdp"]))
    assert core.access.can(head, "core.people.view_personal", units["tdp"])
    assert not core.access.can(head, "core.people.view_personal", units["vp"])


def test_a_role_that_does_not_hold_the_permission_gets_nothing_in_its_unit(core, units):
    board = actor(("board_member", units["tdp"]))
    assert not core.access.can(board, "core.people.view", units["tdp"])


def test_anywhere_asks_whether_the_actor_holds_it_in_some_unit(core, units):
    officer = actor(("department_officer", units["kt"]))
    assert core.access.can(officer, "core.documents.issue", ANYWHERE)
    assert not core.access.can(officer, "core.audit.view", ANYWHERE)


def test_only_the_peoples_committee_root_is_ward_wide(core, units):
    at_root = actor(("vice_chairperson", units["root"]))
    assert core.access.can(at_root, "core.documents.issue", WARD)
    assert core.access.can(at_root, "core.documents.issue", units["tdp"])
    assert core.access.units_for(at_root, "core.people.view") is None
    # a unit without a parent that is not the People's Committee is not the ward
    at_front = actor(("vice_chairperson", units["front"]))
    assert not core.access.can(at_front, "core.documents.issue", WARD)
    assert not core.access.can(at_front, "core.documents.issue", units["tdp"])
    assert core.access.units_for(at_front, "core.people.view") == {units["front"]}


def test_units_for(core, units):
    assert core.access.units_for(actor(("chairperson", None)), "core.people.view") is None
    assert core.access.units_for(actor(("department_officer", units["vp"])), "core.people.view") == {
        units["vp"], units["team"]}
    assert core.access.units_for(actor(("department_officer", units["vp"]), ("group_head", units["tdp"])),
                                 "core.people.view") == {units["vp"], units["team"], units["tdp"]}
    assert core.access.units_for(actor(("board_member", units["tdp"])), "core.people.view") == set()
    assert core.access.units_for(actor(("admin", units["kt"])), "core.users.manage") is None  # admin: everywhere
    assert core.access.units_for(None, "core.people.view") == set()
    assert core.access.units_for(SYSTEM_ACTOR, "core.people.view") is None


def test_require_returns_the_actor_or_refuses(core, units):
    officer = actor(("department_officer", units["vp"]))
    assert core.access.require(officer, "core.people.view", unit_id=units["team"]) is officer
    with pytest.raises(PermissionDenied, match="không có quyền"):
        core.access.require(officer, "core.people.view", unit_id=units["kt"])
    with pytest.raises(TypeError):
        core.access.require(officer, "core.people.view", units["vp"], unit_id=units["vp"])
    with pytest.raises(TypeError):
        core.access.can(officer, "core.people.view", "VP")  # a scope, a unit id, None or ANYWHERE


def test_a_ward_changes_which_roles_hold_a_permission(settings, pm, db):
    changed = settings.evolve(plugin={"core": {"permissions": {"core.audit.view": ["vice_chairperson"]}}})
    policy = make_services(changed, pm).access
    assert policy.can(actor(("vice_chairperson", None)), "core.audit.view", WARD)
    assert not policy.can(actor(("chairperson", None)), "core.audit.view", WARD)


class BoardRule:
    """A plugin's scope rule: on ``x.board`` resources, members of the board may act
    (whatever their grants), and the board's secretary never may (even a chairperson)."""

    members = frozenset({7})
    excluded = frozenset({9})

    @hookimpl
    def access_for_scope(self, actor, permission, scope, core):
        if scope is ANYWHERE or scope.owner != "x.board":
            return None
        if actor.person_id in self.excluded:
            return False
        return True if actor.person_id in self.members else None


class TestScopeHook:
    @pytest.fixture
    def extra_plugins(self):
        return [("boardrule", BoardRule())]

    def test_the_access_for_scope_hook_overrides_core_for_its_scopes(self, core, units):
        board = Scope(unit_id=units["tdp"], owner="x.board", owner_id=1)
        member = actor(person_id=7)  # no grant at all
        assert core.access.can(member, "core.cases.view", board)
        assert not core.access.can(member, "core.cases.view", units["tdp"])  # not its scope: core's table
        outsider = actor(("department_officer", units["kt"]), person_id=8)
        assert not core.access.can(outsider, "core.cases.view", board)  # None: core's table answers

    def test_a_plugin_returning_false_wins(self, core, units):
        board = Scope(unit_id=units["tdp"], owner="x.board", owner_id=1)
        chair = actor(("chairperson", None), person_id=9)
        assert core.access.can(chair, "core.cases.view", units["tdp"])
        assert not core.access.can(chair, "core.cases.view", board)
        with pytest.raises(PermissionDenied):
            core.access.require(chair, "core.cases.view", board)


def test_hooks_do_not_open_what_no_plugin_answers_for(db):
    settings = Settings()
    pm = make_plugin_manager(settings, load_entrypoints=False)
    policy = make_services(settings, pm).access
    assert not policy.can(actor(), "core.cases.view", Scope(owner="x.board", owner_id=1))
