"""Web fixtures: a small ward with one account per core role, an app and clients.

Login, CSRF and client helpers come from ``thanthien.testing``; plain helpers shared by
these tests are in ``helpers.py``.
"""
from __future__ import annotations

import pytest

from thanthien.core import accounts, people
from thanthien.core.plugins import make_plugin_manager
from thanthien.core.storage.migrate import migrate_all
from thanthien.testing import ClientFactory, demo_snapshot
from thanthien.web.app import create_app

from . import fixture_webplugin
from .helpers import Clock


@pytest.fixture
def extra_plugins():
    return [("websample", fixture_webplugin)]


@pytest.fixture
def ward(settings, pm, db, core):
    """The demo ward (45 groups, 20 households), demo accounts, two named residents."""
    ctx = demo_snapshot(settings, pm, core, db, households=20, seed=7)
    logins = ctx.logins
    hh1 = people.households_in_group(ctx.units["TDP01"].id)[0]
    hh2 = people.households_in_group(ctx.units["TDP02"].id)[0]
    a = people.create_person("Nguyễn Văn A", household_id=hh1.id, phone="0912345678", citizen_id="006090123456")
    b = people.create_person("Đinh Thị Hoa", household_id=hh2.id, phone="0987654321")
    fixture_webplugin.NOTES.clear()
    return {"ctx": ctx, "logins": logins, "units": {k: v.id for k, v in ctx.units.items()},
            "resident_tdp01": a, "resident_tdp02": b, "hh1": hh1, "hh2": hh2}


@pytest.fixture
def app(settings, pm, db, ward):
    return create_app(settings, pm, db=db)


@pytest.fixture
def full_app(settings, db, ward):
    """Core, every installed plan module (entry points) and the fixture plugin: the tests
    that walk every route (access matrix, CSRF, escaping) run on this app."""
    pm = make_plugin_manager(settings, load_entrypoints=True, plugins=[("websample", fixture_webplugin)])
    migrate_all(db, pm, settings)
    return create_app(settings, pm, db=db)


@pytest.fixture
def make_full_client(full_app, fast_hasher):
    """Clients of :func:`full_app` (``make_full_client("chutich")`` is logged in)."""
    factory = ClientFactory(full_app)
    yield factory
    factory.close()


@pytest.fixture
def client(make_client):
    """An anonymous client of the app."""
    return make_client()


@pytest.fixture
def clock(monkeypatch):
    """A settable clock for sessions, lockouts and TOTP windows (``clock.advance(minutes=…)``)."""
    c = Clock()
    monkeypatch.setattr(accounts, "clock", c)
    return c
