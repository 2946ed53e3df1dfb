"""The access-control matrix: every route of every enabled plugin (core's included), as
anonymous, as each core role and as staff of another unit."""
from __future__ import annotations

import re

import pytest
from starlette.routing import Route

from thanthien.core import accounts, people
from thanthien.core.plugins import make_plugin_manager
from thanthien.web.app import RouteWithoutPermission, create_app
from thanthien.web.routing import PUBLIC, STAFF, WRITE_METHODS, page, route_spec, walk_routes

from . import fixture_webplugin
from .conftest import token

ROLE_LOGINS = ["chutich", "phochutich", "motcua", "vanhoa", "kinhte", "totruong01", "bantt", "quantri"]
PARAM = re.compile(r"{(\w+)(?::\w+)?}")


def all_routes(app):
    for path, route in walk_routes(app.routes):
        spec = route_spec(route)
        if spec is not None:
            yield path, spec


def samples(ward):
    """Path parameter values per route prefix, and the unit each sample belongs to."""
    tdp01 = ward["units"]["TDP01"]
    kinhte = accounts.account_by_username("kinhte")
    return [
        ("/people/", ward["resident_tdp01"].id, tdp01),
        ("/households/", ward["hh1"].id, tdp01),
        ("/units/", tdp01, None),  # the organisation chart is ward-wide; households inside are scoped
        ("/websample/units/", tdp01, tdp01),
        ("/admin/users/", kinhte.id, None),
        ("/documents/", 999999, None),
    ]


def concrete(path, ward):
    """The URL to call, the unit of the sample it names, and whether that is known."""
    unit = None
    known = "{" not in path
    for prefix, value, sample_unit in samples(ward):
        if path.startswith(prefix) and "{" in path:
            path = PARAM.sub(str(value), path, count=1)
            unit = sample_unit
            known = True
    return PARAM.sub("1", path), unit, known


def allowed(app, actor, spec, unit):
    if spec.permission == PUBLIC:
        return True
    if actor is None:
        return False
    if spec.permission == STAFF:
        return True
    from thanthien.core.access import ANYWHERE

    return app.state.services.access.can(actor, spec.permission, unit if unit is not None else ANYWHERE)


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
            assert resp.status_code in (200, 303, 308, 404, 500 if "/boom" in url else 200, 409 if "/conflict" in url else 200), where
    elif anonymous:
        if url.endswith(".json"):
            assert resp.status_code == 401 and resp.json()["ok"] is False, where
        else:
            assert resp.status_code == 302 and resp.headers["location"].startswith("/login?next="), where
    else:
        assert resp.status_code == 403, where
        if url.endswith(".json"):
            assert resp.json() == {"ok": False, "status": 403, "error": resp.json()["error"]}, where


def test_matrix_every_route(full_app, ward, settings):
    from starlette.testclient import TestClient

    app = full_app
    opened = []

    def make_client(username=None):
        c = TestClient(app, raise_server_exceptions=False)
        c.__enter__()
        opened.append(c)
        if username:
            from .conftest import login as do_login

            do_login(c, username)
        return c

    try:
        _matrix(app, make_client, ward)
    finally:
        for c in opened:
            c.__exit__(None, None, None)


def _matrix(app, make_client, ward):
    routes = list(all_routes(app))
    paths = {p for p, _ in routes}
    assert "/websample/notes" in paths and "/websample/units/{unit_id:int}.json" in paths
    # staff of another unit: a group head of TDP02
    p2 = people.create_person("Hoàng Văn Tổ", is_staff=True, unit_id=ward["units"]["TDP02"], position="Tổ trưởng")
    people.grant_role(p2.id, "group_head", ward["units"]["TDP02"])
    accounts.create_account(p2.id, "totruong02", "mat-khau-to-02")
    clients = {None: make_client()}
    for login in ROLE_LOGINS:
        clients[login] = make_client(login)
    from .conftest import login as do_login

    clients["totruong02"] = do_login(make_client(), "totruong02", "mat-khau-to-02")
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
    with pytest.raises(RouteWithoutPermission, match="nobody.declared.this"):
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
