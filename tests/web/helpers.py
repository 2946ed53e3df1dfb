"""Helpers shared by the web tests (plain functions and data; fixtures are in conftest.py).

Login, CSRF and client helpers come from :mod:`thanthien.testing`.
"""
from __future__ import annotations

import datetime as dt
import re

from thanthien.core import accounts
from thanthien.core.access import ANYWHERE
from thanthien.core.demo import DEMO_PASSWORD
from thanthien.testing import csrf_from
from thanthien.web.routing import PUBLIC, STAFF, route_spec, walk_routes

PASSWORD = DEMO_PASSWORD
#: one demo login per core role (see thanthien.core.demo.STAFF)
ROLE_LOGINS = ["chutich", "phochutich", "motcua", "vanhoa", "kinhte", "totruong01", "bantt", "quantri"]
PARAM = re.compile(r"{(\w+)(?::\w+)?}")


class Clock:
    """A settable clock for ``accounts.clock`` (sessions, lockouts, TOTP windows)."""

    def __init__(self):
        self.now = dt.datetime(2026, 3, 2, 8, 0, 0)

    def __call__(self):
        return self.now

    def advance(self, **kw):
        self.now += dt.timedelta(**kw)


def post_login(client, username, password):
    """POST the login form (no assertion: the tests check the answer)."""
    page = client.get("/login")
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf_token": csrf_from(page.text)}, follow_redirects=False)


def all_routes(app):
    """Every (path, RouteSpec) of the app."""
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
    """What the app's policy says (the route-sweep tests check the routes agree with it;
    tests/core/test_access.py checks the policy itself against a hand-written table)."""
    if spec.permission == PUBLIC:
        return True
    if actor is None:
        return False
    if spec.permission == STAFF:
        return True
    return app.state.services.access.can(actor, spec.permission, unit if unit is not None else ANYWHERE)
