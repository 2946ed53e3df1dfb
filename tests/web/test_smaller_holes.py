"""Issue 10 item 8, the smaller holes, written as the attacks: a CSRF pair from another
session, a login redirect with control characters, ids beyond 64 bits, lone surrogates,
deeply nested JSON, oversized bodies, lists, objects and NUL bytes in text fields. Every
answer is a 4xx with the app's envelope and security headers, never a 500."""
from __future__ import annotations

import pytest

from thanthien.core import accounts
from thanthien.testing import csrf_from, token
from thanthien.web.forms import structure
from thanthien.web.views import LoginForm

from .helpers import PASSWORD, all_routes, post_login

HEADERS = ("content-security-policy", "x-frame-options", "x-content-type-options", "referrer-policy")


def _envelope(r, status):
    assert r.status_code == status, (r.status_code, r.text[:300])
    for h in HEADERS:
        assert h in r.headers, h
    body = r.json()
    assert body["ok"] is False and body["status"] == status and body["error"]


def test_csrf_pair_from_another_session_is_refused(make_client):
    attacker = make_client("totruong01")
    victim = make_client("kinhte")
    stolen_cookie, stolen_token = attacker.cookies.get("tt_csrf"), token(attacker)
    victim.cookies.set("tt_csrf", stolen_cookie)  # tossed from a sibling domain
    r = victim.post("/account/password.json", json={"current_password": PASSWORD, "password": "x" * 20,
                                                     "password_confirm": "x" * 20},
                    headers={"X-CSRF-Token": stolen_token})
    _envelope(r, 403)
    # the victim's own token for that cookie works (the form is then judged on its merits)
    r = victim.post("/account/password.json", json={"current_password": "sai", "password": "x",
                                                     "password_confirm": "x"}, headers={"X-CSRF-Token": token(victim)})
    assert r.status_code == 422


@pytest.mark.parametrize("target", ["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/ /evil.example",
                                    "/\x0b/evil.example", "/\x7f/evil.example", "//evil.example", "/\\evil.example", "https://evil.example"])
def test_login_redirect_refuses_control_characters(make_client, target):
    c = make_client()
    page = c.get("/login")
    r = c.post("/login", data={"username": "kinhte", "password": PASSWORD, "next": target,
                               "csrf_token": csrf_from(page.text)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/dashboard"


def test_every_id_route_answers_4xx_to_ids_beyond_64_bits(full_app, make_full_client):
    c = make_full_client("chutich")
    checked = 0
    for path, spec in all_routes(full_app):
        if ":int}" not in path or "GET" not in spec.methods:
            continue
        for huge in ("9223372036854775808", "99999999999999999999999999"):
            url = path
            while "{" in url:
                start, end = url.index("{"), url.index("}")
                url = url[:start] + huge + url[end + 1:]
            r = c.get(url)
            assert 400 <= r.status_code < 500, (url, r.status_code)
            if url.endswith(".json"):
                _envelope(r, r.status_code)
            checked += 1
    assert checked > 20


def test_lone_surrogates_and_deep_json_are_4xx(make_client):
    c = make_client("kinhte")
    t = token(c)
    r = c.post("/account/password.json", content=b'{"current_password": "\\ud800", "password": "a"}',
               headers={"X-CSRF-Token": t, "content-type": "application/json"})
    _envelope(r, 400)
    deep = b'{"a": ' + b"[" * 100000 + b"]" * 100000 + b"}"
    r = c.post("/account/password.json", content=deep, headers={"X-CSRF-Token": t, "content-type": "application/json"})
    _envelope(r, 400)
    nested = b'{"a": ' + b"[" * 40 + b"]" * 40 + b"}"
    _envelope(c.post("/account/password.json", content=nested,
                     headers={"X-CSRF-Token": t, "content-type": "application/json"}), 400)
    assert c.get("/people/%ED%A0%80.json").status_code == 404


def test_oversized_body_gets_the_envelope_and_headers(make_client, settings):
    c = make_client("kinhte")
    big = b'{"x": "' + b"a" * (settings.web.max_body_bytes + 10) + b'"}'
    r = c.post("/account/password.json", content=big,
               headers={"X-CSRF-Token": token(c), "content-type": "application/json"})
    _envelope(r, 413)
    _envelope(c.get("/khong-co-trang-nay.json"), 404)


@pytest.mark.parametrize("value", [["kinhte", "chutich"], {"a": 1}, "kinh\x00te"])
def test_text_fields_refuse_lists_objects_and_nul(make_client, value):
    c = make_client()
    r = c.post("/login.json", json={"username": value, "password": PASSWORD}, headers={"X-CSRF-Token": token(c)})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "username"
    assert accounts.account_by_username("kinhte").last_login_at is None
    with pytest.raises(Exception) as exc:
        structure({"username": value, "password": "x"}, LoginForm)
    assert "username" in str(exc.value.errors)


def test_html_form_with_a_repeated_text_field_keeps_the_form(make_client):
    c = make_client()
    page = c.get("/login")
    r = c.post("/login", data={"username": ["kinhte", "chutich"], "password": PASSWORD,
                               "csrf_token": csrf_from(page.text)})
    assert r.status_code == 422 and "chỉ nhận một giá trị" in r.text
    assert post_login(c, "kinhte", PASSWORD).status_code == 303
