"""Issue 15 item 7, acceptance: a screen-text sweep over the pages of the full demo ward as
every demo login (the menu's pages and the links they show, one page of each kind per
login) and the public pages anonymously finds no ISO dates, no English state names of the
case engine and no bare rule IDs in the visible text (the convention: tests/web/screen_words.py)."""
from __future__ import annotations

import pytest

from thanthien.core.plugins import make_plugin_manager

from . import fixture_webplugin
from .helpers import PASSWORD
from .screen_words import findings, state_words
from .sweep import land, pattern, walk


@pytest.fixture
def db_url(tmp_path):
    """SQLite only: the sweep reads pages, the database does not matter here."""
    yield f"sqlite:///{tmp_path / 'data' / 'thanthien.db'}"


@pytest.fixture
def pm(settings):
    return make_plugin_manager(settings, load_entrypoints=True, plugins=[("websample", fixture_webplugin)])


def test_the_checks_catch_what_they_look_for():
    states = {"open", "in_progress"}
    page = ("<html><head><script>var d='2026-01-02'</script></head><body>"
            "<table><tr><td>2026-12-06</td><td>open</td><td>R-KN-03</td></tr></table>"
            "<p>Căn cứ: R-TC-01</p><p>Đang giải quyết (in_progress)</p>"
            "<small>Thời hạn giải quyết theo Luật Khiếu nại (R-KN-03)</small>"
            "<p>Mở <code>open</code> 06/12/2026 <input value='2026-12-06'></p></body></html>")
    got = findings(page, states)
    assert len(got) == 5, got
    assert sum("ISO" in f for f in got) == 1
    assert sum("tiếng Anh" in f for f in got) == 2
    assert sum("trơ trọi" in f for f in got) == 2
    assert findings("<p>Ngày 06/12/2026, hồ sơ đang mở.</p>", states) == []


def test_no_page_shows_iso_dates_english_states_or_bare_rule_ids(make_client, ward, core):
    states = state_words(core.cases.types.values())
    assert {"open", "closed"} & states  # the engine's own words are looked for
    found: dict[str, list[str]] = {}

    def check(who, url, r):
        if r.status_code == 200 and "text/html" in r.headers.get("content-type", ""):
            for line in findings(r.text, states):
                found.setdefault(line, []).append(f"{who}: {url}")

    # anonymous: the public pages
    c = make_client()
    for url, _parent, r in walk(c, "/", max_pages=25, depth=2, key=pattern):
        check("(công khai)", url, r)
    # every demo login: its menu's pages and the links they show, one page of each kind
    for entry in ward["logins"]:
        username = entry["username"]
        c = make_client()
        start = land(c, username, PASSWORD)
        for url, _parent, r in walk(c, start, max_pages=30, depth=2, key=pattern):
            check(username, url, r)
    report = [f"{line} — {', '.join(where[:3])}" for line, where in sorted(found.items())]
    assert not report, "\n".join(report)
