"""Login, sessions, throttling, second factor, cookie flags, logout replay."""
from __future__ import annotations

from thanthien.core import accounts, audit
from thanthien.testing import csrf_from, login, token
from thanthien.web.auth import SESSION_COOKIE

from .helpers import PASSWORD, post_login


def _set_cookie_headers(resp, name):
    return [h for h in resp.headers.get_list("set-cookie") if h.startswith(name + "=")]


def test_login_logout_html(make_client):
    c = make_client()
    r = post_login(c, "chutich", PASSWORD)
    assert r.status_code == 303 and r.headers["location"] == "/dashboard"
    assert c.get("/dashboard").status_code == 200
    page = c.get("/dashboard")
    r = c.post("/logout", data={"csrf_token": csrf_from(page.text)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert c.get("/dashboard", follow_redirects=False).status_code == 302


def test_login_json(make_client):
    c = make_client()
    r = c.post("/login.json", json={"username": "chutich", "password": PASSWORD}, headers={"X-CSRF-Token": token(c)})
    assert r.status_code == 200 and r.json()["ok"] is True and r.json()["username"] == "chutich"
    assert c.get("/dashboard.json").json()["ok"] is True
    bad = c.post("/login.json", json={"username": "chutich", "password": "sai"}, headers={"X-CSRF-Token": token(c)})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "password"


def test_wrong_password_message(make_client):
    c = make_client()
    r = post_login(c, "chutich", "sai-mat-khau")
    assert r.status_code == 422 and "Tên đăng nhập hoặc mật khẩu không đúng." in r.text
    assert post_login(c, "khongco", "sai-mat-khau").status_code == 422


def test_next_is_kept_and_only_local(make_client):
    c = make_client()
    page = c.get("/login?next=/people")
    r = c.post("/login", data={"username": "chutich", "password": PASSWORD, "next": "/people",
                               "csrf_token": csrf_from(page.text)}, follow_redirects=False)
    assert r.headers["location"] == "/people"
    c2 = make_client()
    page = c2.get("/login")
    r = c2.post("/login", data={"username": "chutich", "password": PASSWORD, "next": "//evil.example/",
                                "csrf_token": csrf_from(page.text)}, follow_redirects=False)
    assert r.headers["location"] == "/dashboard"


def test_throttling_per_account_and_client_with_growing_delays(make_client, clock):
    c = make_client(client=("203.0.113.5", 5000))
    for _ in range(4):
        assert post_login(c, "motcua", "sai").status_code == 422
    r = post_login(c, "motcua", "sai")  # the 5th failure: a 30-second wait, not a lock
    assert r.status_code == 429 and "vui lòng chờ đến 08:00:30 02/03/2026" in r.text
    assert post_login(c, "motcua", PASSWORD).status_code == 429  # while waiting, even the right one
    locks = audit.entries(action="login.locked")
    assert any(e.entity == "account" and e.entity_id == "motcua|203.0.113.5" for e in locks)
    clock.advance(seconds=31)
    assert "08:01:31" in post_login(c, "motcua", "sai").text  # the 6th: twice as long
    clock.advance(seconds=61)
    assert post_login(c, "motcua", PASSWORD).status_code == 303


def test_a_stranger_cannot_lock_the_chairperson_out(make_client, clock):
    attacker = make_client(client=("198.51.100.66", 4000))
    for _ in range(30):
        post_login(attacker, "chutich", "doan-mat-khau")
    assert post_login(attacker, "chutich", PASSWORD).status_code == 429
    # the chairperson's own computer is not affected at all
    chair = make_client(client=("10.0.0.2", 6000))
    r = post_login(chair, "chutich", PASSWORD)
    assert r.status_code == 303 and r.headers["location"] == "/dashboard"


def test_throttling_per_client_across_accounts(make_client, clock):
    c = make_client()
    for i in range(accounts.IP_MAX_FAILURES):
        post_login(c, f"khong-co-{i}", "sai")  # different accounts, same address
    r = post_login(c, "chutich", PASSWORD)
    assert r.status_code == 429
    assert any(e.entity == "ip" for e in audit.entries(action="login.locked"))
    assert post_login(make_client(client=("10.0.0.9", 1)), "chutich", PASSWORD).status_code == 303
    clock.advance(minutes=1)
    assert post_login(c, "chutich", PASSWORD).status_code == 303


def test_idle_timeout(make_client, clock, settings):
    c = make_client("chutich")
    assert c.get("/dashboard.json").status_code == 200
    clock.advance(minutes=settings.web.session_idle_minutes - 1)
    assert c.get("/dashboard.json").status_code == 200  # activity refreshes last_seen
    clock.advance(minutes=settings.web.session_idle_minutes - 1)
    assert c.get("/dashboard.json").status_code == 200
    clock.advance(minutes=settings.web.session_idle_minutes)
    assert c.get("/dashboard.json").status_code == 401
    assert c.get("/dashboard", follow_redirects=False).status_code == 302


def test_absolute_timeout(make_client, clock, settings):
    c = make_client("chutich")
    steps = settings.web.session_absolute_hours * 60 // 20
    for _ in range(steps - 1):
        clock.advance(minutes=20)
        assert c.get("/dashboard.json").status_code == 200
    clock.advance(minutes=21)
    assert c.get("/dashboard.json").status_code == 401


def test_cookie_flags_http(make_client):
    c = make_client()
    page = c.get("/login")
    r = c.post("/login", data={"username": "chutich", "password": PASSWORD, "csrf_token": csrf_from(page.text)},
               follow_redirects=False)
    (cookie,) = _set_cookie_headers(r, SESSION_COOKIE)
    low = cookie.lower()
    assert "httponly" in low and "samesite=lax" in low and "path=/" in low and "secure" not in low
    assert len(cookie.split(";")[0].split("=", 1)[1]) >= 22  # 128 bits, url-safe base64


def test_cookie_flags_https(make_client, ward):
    c = make_client(base_url="https://testserver")
    page = c.get("/login")
    csrf_cookie = _set_cookie_headers(page, "tt_csrf")[0].lower()
    assert "secure" in csrf_cookie and "httponly" in csrf_cookie
    r = c.post("/login", data={"username": "chutich", "password": PASSWORD, "csrf_token": csrf_from(page.text)},
               follow_redirects=False)
    (cookie,) = _set_cookie_headers(r, SESSION_COOKIE)
    assert "secure" in cookie.lower() and "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
    assert r.headers["strict-transport-security"]


def test_new_session_id_at_login(make_client):
    c = make_client()
    c.cookies.set(SESSION_COOKIE, "attacker-chosen-value-123", domain="testserver.local")
    login(c, "chutich")
    assert c.cookies.get(SESSION_COOKIE) != "attacker-chosen-value-123"
    first = c.cookies.get(SESSION_COOKIE)
    login(c, "chutich")
    assert c.cookies.get(SESSION_COOKIE) != first


def test_session_cookie_replayed_after_logout_is_refused(app, make_client):
    c = make_client("chutich")
    stolen = c.cookies.get(SESSION_COOKIE)
    assert c.get("/dashboard.json").status_code == 200
    c.post("/logout", data={"csrf_token": token(c)})
    thief = make_client(cookies={SESSION_COOKIE: stolen})
    assert thief.get("/dashboard.json").status_code == 401
    assert thief.get("/dashboard", follow_redirects=False).status_code == 302


def test_password_change_revokes_other_sessions(app, make_client):
    a = make_client("vanhoa")
    b = make_client("vanhoa")
    page = a.get("/account/password")
    bad = a.post("/account/password", data={"current_password": PASSWORD, "password": "mới-123456",
                                            "password_confirm": "khác", "csrf_token": csrf_from(page.text)})
    assert bad.status_code == 422 and "không khớp" in bad.text
    r = a.post("/account/password", data={"current_password": PASSWORD, "password": "mật khẩu mới của tôi",
                                          "password_confirm": "mật khẩu mới của tôi",
                                          "csrf_token": csrf_from(page.text)},
               follow_redirects=False)
    assert r.status_code == 303
    assert a.get("/dashboard.json").status_code == 200  # the changer keeps a fresh session
    assert b.get("/dashboard.json").status_code == 401
    assert post_login(make_client(), "vanhoa", "mật khẩu mới của tôi").status_code == 303


def test_disable_revokes_sessions(make_client):
    victim = make_client("kinhte")
    admin = make_client("quantri")
    acc = accounts.account_by_username("kinhte")
    r = admin.post(f"/admin/users/{acc.id}/disable", data={"disabled": "1", "csrf_token": token(admin)},
                   follow_redirects=False)
    assert r.status_code == 303
    assert victim.get("/dashboard.json").status_code == 401
    assert post_login(make_client(), "kinhte", PASSWORD).status_code == 422




def test_password_change_needs_the_current_password(make_client):
    a = make_client("vanhoa")
    page = a.get("/account/password")
    r = a.post("/account/password", data={"current_password": "sai mật khẩu", "password": "mật khẩu mới của tôi",
                                          "password_confirm": "mật khẩu mới của tôi",
                                          "csrf_token": csrf_from(page.text)})
    assert r.status_code == 422 and "Mật khẩu hiện tại không đúng." in r.text
    assert post_login(make_client(), "vanhoa", PASSWORD).status_code == 303  # unchanged
