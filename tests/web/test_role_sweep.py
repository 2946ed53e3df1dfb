"""Issue 15 item 3: every demo login of the full demo ward (every plan module's demo
data) lands on a page it can open and meets no 403 by following the links it is shown."""
from __future__ import annotations

import pytest

from thanthien.core.plugins import make_plugin_manager

from . import fixture_webplugin
from .helpers import PASSWORD
from .sweep import land, walk

#: known, left to the thanhtra module: its menu entry is gated by thanhtra.view held in
#: some unit, while the board page needs it over the board's own scope
KNOWN = {"kinhte: /thanhtra/ban"}


@pytest.fixture
def db_url(tmp_path):
    """SQLite only: the walk reads pages, the database does not matter here."""
    yield f"sqlite:///{tmp_path / 'data' / 'thanthien.db'}"


@pytest.fixture
def pm(settings):
    return make_plugin_manager(settings, load_entrypoints=True, plugins=[("websample", fixture_webplugin)])


def test_every_demo_login_has_one_for_each_role(ward, core):
    logins = {entry["username"] for entry in ward["logins"]}
    assert "tiepcongdan" in logins
    from thanthien.core import accounts, people

    roles_with_login = set()
    for username in logins:
        account = accounts.account_by_username(username)
        roles_with_login |= {g.role for g in people.roles_of(account.person_id)}
    assert set(core.access.roles) <= roles_with_login


def test_no_demo_login_meets_a_403_by_following_what_it_is_shown(make_client, ward):
    forbidden = []
    for entry in ward["logins"]:
        username = entry["username"]
        c = make_client()
        start = land(c, username, PASSWORD)
        for url, parent, r in walk(c, start):
            if r.status_code == 403 and f"{username}: {url}" not in KNOWN:
                forbidden.append(f"{username}: {url} (liên kết trên {parent})")
            elif r.status_code >= 500:
                forbidden.append(f"{username}: {url} → {r.status_code}")
    assert not forbidden, "\n".join(forbidden)
