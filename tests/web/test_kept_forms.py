"""Issue 15 item 1: a form posted after the session ended is kept (encrypted, tied to the
account, short-lived) and comes back filled in after logging in again."""
from __future__ import annotations

import pytest

from thanthien.core import audit, kept_forms
from thanthien.core.kept_forms import KeptFormRow
from thanthien.testing import csrf_from
from thanthien.web.kept import KEPT_COOKIE

from .helpers import PASSWORD

REASON = "Xác minh hồ sơ trợ cấp của ông Nguyễn Văn A"


@pytest.fixture
def kept_clock(clock, monkeypatch):
    monkeypatch.setattr(kept_forms, "clock", clock)
    return clock


def _expire_and_post(c, ward, clock, settings, reason=REASON):
    pid = ward["resident_tdp01"].id
    page = c.get(f"/people/{pid}")
    assert page.status_code == 200 and 'name="reason"' in page.text
    token = csrf_from(page.text)
    clock.advance(minutes=settings.web.session_idle_minutes + 1)
    return pid, c.post(f"/people/{pid}/unmask", data={"reason": reason, "csrf_token": token},
                       headers={"referer": f"http://testserver/people/{pid}"}, follow_redirects=False)


def _login(c, username, next_url):
    page = c.get(f"/login?next={next_url}")
    return page, c.post("/login", data={"username": username, "password": PASSWORD, "next": next_url,
                                         "csrf_token": csrf_from(page.text)}, follow_redirects=False)


def test_timeout_round_trip_keeps_and_submits_the_form(make_client, ward, kept_clock, settings):
    c = make_client("chutich")
    pid, r = _expire_and_post(c, ward, kept_clock, settings)
    assert r.status_code == 303 and r.headers["location"] == f"/login?next=/people/{pid}"
    assert c.cookies.get(KEPT_COOKIE)
    row = KeptFormRow.get()
    assert REASON not in row.payload and "Nguy" not in row.payload  # encrypted at rest
    assert row.page_path == f"/people/{pid}" and row.action_path == f"/people/{pid}/unmask"
    page, r = _login(c, "chutich", f"/people/{pid}")
    assert "được giữ lại" in page.text  # the login page says the form is safe
    assert r.status_code == 303 and r.headers["location"] == f"/people/{pid}"
    back = c.get(f"/people/{pid}")
    assert back.status_code == 200
    assert f'value="{REASON}"' in back.text and "đã được điền lại" in back.text
    assert KeptFormRow.select().count() == 0  # handed back once
    again = c.get(f"/people/{pid}")
    assert REASON not in again.text
    done = c.post(f"/people/{pid}/unmask", data={"reason": REASON, "csrf_token": csrf_from(back.text)})
    assert done.status_code == 200
    assert any(e.reason == REASON for e in audit.entries(action="person.view_personal"))


def test_another_account_gets_nothing(make_client, ward, kept_clock, settings):
    c = make_client("chutich")
    pid, r = _expire_and_post(c, ward, kept_clock, settings)
    assert r.status_code == 303
    _, r = _login(c, "phochutich", f"/people/{pid}")
    assert r.status_code == 303
    page = c.get(f"/people/{pid}")
    assert REASON not in page.text
    assert KeptFormRow.select().count() == 1  # still waiting for its own officer (until it expires)


def test_a_kept_form_expires(make_client, ward, kept_clock, settings):
    c = make_client("chutich")
    pid, r = _expire_and_post(c, ward, kept_clock, settings)
    assert r.status_code == 303
    kept_clock.advance(minutes=kept_forms.KEEP_MINUTES + 1)
    _login(c, "chutich", f"/people/{pid}")
    assert REASON not in c.get(f"/people/{pid}").text


def test_logout_keeps_nothing_and_json_gets_401(make_client, ward, kept_clock, settings):
    c = make_client("chutich")
    pid = ward["resident_tdp01"].id
    page = c.get(f"/people/{pid}")
    token = csrf_from(page.text)
    kept_clock.advance(minutes=settings.web.session_idle_minutes + 1)
    r = c.post(f"/people/{pid}/unmask.json", json={"reason": REASON}, headers={"x-csrf-token": token})
    assert r.status_code == 401
    assert KeptFormRow.select().count() == 0
    # a stranger's browser (no session cookie at all) posting a form keeps nothing
    other = make_client()
    login_page = other.get("/login")
    r = other.post(f"/people/{pid}/unmask", data={"reason": REASON, "csrf_token": csrf_from(login_page.text)},
                   follow_redirects=False)
    assert r.status_code == 302 and KeptFormRow.select().count() == 0


def test_the_page_warns_before_the_session_ends(make_client, ward, settings):
    c = make_client("chutich")
    page = c.get("/dashboard")
    assert f'data-session-idle-minutes="{settings.web.session_idle_minutes}"' in page.text
    assert '<script src="/static/session.js"' in page.text and "canh-bao-phien" in page.text
    assert "nội dung đã nhập được giữ lại" in page.text  # the no-JS note
    assert c.get("/static/session.js").status_code == 200
    state = c.get("/-/session.json").json()
    assert state["ok"] and state["active"] and state["idle_minutes"] == settings.web.session_idle_minutes
    assert make_client().get("/-/session.json").status_code == 401
