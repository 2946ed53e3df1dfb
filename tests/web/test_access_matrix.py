"""The access-control matrix: every route of every enabled plugin (core's included), as
anonymous, as each core role and as staff of another unit."""
from __future__ import annotations

import pytest
from starlette.routing import Route

from thanthien.core import accounts, people
from thanthien.core.plugins import make_plugin_manager
from thanthien.testing import login, token
from thanthien.web.app import RouteWithoutPermission, create_app
from thanthien.web.routing import PUBLIC, WRITE_METHODS, page, route_spec, walk_routes

from . import fixture_webplugin
from .helpers import ROLE_LOGINS, all_routes, allowed, concrete


def call(client, method, url, write):
    if not write:
        return client.request(method, url, follow_redirects=False)
    headers = {"X-CSRF-Token": token(client)}
    if url.endswith(".json"):
        return client.request(method, url, json={}, headers=headers, follow_redirects=False)
    return client.request(method, url, data={}, headers=headers, follow_redirects=False)


def expect(resp, ok: bool, anonymous: bool, url: str, method: str):
    where = f"{method} {url} -> {resp.status_code}"
    if ok:
        assert resp.status_code not in (401, 403) and not (resp.status_code == 302 and "/login?next=" in
                                                            resp.headers.get("location", "")), where
        if method == "GET":
            expected = (200, 303, 308, 404, 500 if "/boom" in url else 200, 409 if "/conflict" in url else 200)
            assert resp.status_code in expected, where
    elif anonymous:
        if url.endswith(".json"):
            assert resp.status_code == 401 and resp.json()["ok"] is False, where
        else:
            assert resp.status_code == 302 and resp.headers["location"].startswith("/login?next="), where
    else:
        assert resp.status_code == 403, where
        if url.endswith(".json"):
            assert resp.json() == {"ok": False, "status": 403, "error": resp.json()["error"]}, where


def test_matrix_every_route(full_app, make_full_client, ward, settings):
    _matrix(full_app, make_full_client, ward)


def _matrix(app, make_client, ward):
    routes = list(all_routes(app))
    paths = {p for p, _ in routes}
    assert "/websample/notes" in paths and "/websample/units/{unit_id:int}.json" in paths
    # staff of another unit: a group head of TDP02
    p2 = people.create_person("Hoàng Văn Tổ", is_staff=True, unit_id=ward["units"]["TDP02"], position="Tổ trưởng")
    people.grant_role(p2.id, "group_head", ward["units"]["TDP02"])
    accounts.create_account(p2.id, "totruong02", "mat-khau-to-02")
    clients = {None: make_client()}
    for username in ROLE_LOGINS:
        clients[username] = make_client(username)
    clients["totruong02"] = login(make_client(), "totruong02", "mat-khau-to-02")
    # plugins that decide their own scopes (access_for_scope: "a board member acts only on
    # the board he or she sits on") may refuse a role the route's gate lets in; their own
    # tests pin those refusals with a hand-written table
    pm = app.state.services.pm
    scoped = {name for name, plugin in pm.list_name_plugin()
              if name != "core" and pm.parse_hookimpl_opts(plugin, "access_for_scope") is not None}
    checked = 0
    for path, spec in routes:
        url, unit, known = concrete(path, ward)
        for method in spec.methods:
            write = method in WRITE_METHODS
            for who, client in clients.items():
                actor = None
                if who:
                    actor = accounts.actor_for_account(accounts.account_by_username(who))
                ok = allowed(app, actor, spec, unit)
                if write and ok and who is not None:
                    continue  # a permitted write would change data; its own tests cover it
                if write and ok and spec.permission != PUBLIC:
                    continue
                resp = call(client, method, url, write)
                if ok and not known and who is not None and resp.status_code == 403:
                    continue  # object "1" of a plugin route may lie outside the role's unit
                if ok and who is not None and resp.status_code == 403 and path.split("/")[1] in scoped:
                    continue  # refused at the plugin's own scope (membership), not by the gate
                expect(resp, ok, who is None, url, method)
                checked += 1
    assert checked > 300


def test_other_unit_is_refused(make_client, ward):
    c = make_client("totruong01")
    assert c.get(f"/websample/units/{ward['units']['TDP01']}").status_code == 200
    assert c.get(f"/websample/units/{ward['units']['TDP02']}").status_code == 403
    assert c.get(f"/websample/units/{ward['units']['TDP02']}.json").json()["status"] == 403


class _NoPermissionPlugin:
    @staticmethod
    def register_routes(settings):
        return [Route("/raw", lambda request: None)]


class _UndeclaredPermissionPlugin:
    @staticmethod
    def register_routes(settings):
        return page("/x", lambda request, form: None, permission="nobody.declared.this")


def _plugin(obj):
    from thanthien.core import hookimpl

    class P:
        pass

    impl = hookimpl(obj.register_routes)
    P.register_routes = staticmethod(impl)
    return P


def test_route_without_permission_fails(settings, db):
    pm = make_plugin_manager(settings, load_entrypoints=False,
                             plugins=[("websample", fixture_webplugin), ("rawroute", _plugin(_NoPermissionPlugin))])
    with pytest.raises(RouteWithoutPermission, match="/rawroute/raw"):
        create_app(settings, pm, db=db)


def test_route_with_undeclared_permission_fails(settings, db):
    pm = make_plugin_manager(settings, load_entrypoints=False,
                             plugins=[("undeclared", _plugin(_UndeclaredPermissionPlugin))])
    with pytest.raises(RouteWithoutPermission, match=r"nobody\.declared\.this"):
        create_app(settings, pm, db=db)


def test_page_requires_a_permission():
    with pytest.raises(ValueError):
        page("/x", lambda r, f: None, permission="")
    with pytest.raises(TypeError):
        page("/x", lambda r, f: None)  # type: ignore[call-arg]


def test_installed_plugins_routes_carry_permissions(settings, db):
    """Every installed plan module (entry points) builds an app with all routes declared."""
    pm = make_plugin_manager(settings, load_entrypoints=True)
    app = create_app(settings, pm, db=db)
    for path, route in walk_routes(app.routes):
        assert route_spec(route) is not None or getattr(route, "thanthien_static", False), path
