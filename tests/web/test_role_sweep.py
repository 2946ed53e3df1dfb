"""Issue 15 item 3: every demo login of the full demo ward (every plan module's demo
data) lands on a page it can open and meets no 403 by following the links it is shown."""
from __future__ import annotations

import pytest

from thanthien.core.plugins import make_plugin_manager

from . import fixture_webplugin
from .helpers import PASSWORD
from .sweep import land, walk


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
            if r.status_code == 403:
                forbidden.append(f"{username}: {url} (liên kết trên {parent})")
            elif r.status_code >= 500:
                forbidden.append(f"{username}: {url} → {r.status_code}")
    assert not forbidden, "\n".join(forbidden)


def test_the_board_menu_item_follows_the_board_pages_own_scope(make_client, ward):
    """thanhtra.view held in a department (the economics officer) does not reach the
    board's own scope: its menu item is not shown; a leader and a board member see it and
    the page opens."""
    nav = 'href="/thanhtra/ban"'
    c = make_client()
    start = land(c, "kinhte", PASSWORD)
    assert nav not in c.get(start).text
    assert c.get("/thanhtra/ban").status_code == 403
    for username in ("chutich", "bantt"):
        c = make_client()
        start = land(c, username, PASSWORD)
        assert nav in c.get(start).text, username
        assert c.get("/thanhtra/ban").status_code == 200, username
