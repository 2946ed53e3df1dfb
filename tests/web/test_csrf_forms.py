"""CSRF on every state-changing route, and 422 form errors in HTML and JSON."""
from __future__ import annotations

from thanthien.core import accounts
from thanthien.testing import csrf_from, token
from thanthien.web.routing import PUBLIC, STAFF, WRITE_METHODS, route_spec, walk_routes

from .helpers import ROLE_LOGINS, concrete


def _holder(app, spec):
    for login in ROLE_LOGINS:
        actor = accounts.actor_for_account(accounts.account_by_username(login))
        if spec.permission in (PUBLIC, STAFF) or app.state.services.access.can(actor, spec.permission):
            return login
    return None


def test_every_write_route_refuses_a_missing_token(full_app, make_full_client, ward):
    """Every form and JSON write of core and of every installed plan module."""
    app, make_client = full_app, make_full_client
    writes = [(p, s) for p, r in walk_routes(app.routes) if (s := route_spec(r)) and WRITE_METHODS & set(s.methods)]
    assert len(writes) >= 10
    assert {p.split("/")[1] for p, _ in writes} >= {"congkhai", "motcua", "tiepdan", "websample"}
    clients = {}
    for path, spec in writes:
        login = None if spec.permission == PUBLIC else _holder(app, spec)
        client = clients.get(login) or clients.setdefault(login, make_client(login))
        url, _, _ = concrete(path, ward)
        for method in set(spec.methods) & WRITE_METHODS:
            if url.endswith(".json"):
                r = client.request(method, url, json={"x": "1"})
            else:
                r = client.request(method, url, data={"x": "1"})
            assert r.status_code == 403, f"{method} {url} without a CSRF token -> {r.status_code}"
            # a wrong token is refused too
            r = client.request(method, url, data={"csrf_token": "sai"}, headers={})
            assert r.status_code == 403, f"{method} {url} with a wrong token -> {r.status_code}"


def test_token_from_another_cookie_is_refused(make_client, ward):
    a = make_client()
    b = make_client()
    tok_a = token(a)
    token(b)
    r = b.post("/websample/notes", data={"title": "x", "csrf_token": tok_a})
    assert r.status_code == 403


def test_form_with_token_is_accepted(client):
    page = client.get("/websample/notes")
    r = client.post("/websample/notes",
                    data={"title": "Họp tổ dân phố", "count": "2", "csrf_token": csrf_from(page.text)})
    assert r.status_code == 200 and "Đã lưu ghi chú Họp tổ dân phố" in r.text  # flash after the redirect
    assert "Họp tổ dân phố (2)" in r.text


def test_bad_field_gives_422_html_with_one_message_per_field(client):
    page = client.get("/websample/notes")
    r = client.post("/websample/notes", data={"title": "", "count": "nhiều", "csrf_token": csrf_from(page.text)})
    assert r.status_code == 422
    assert "Số lượng phải là số nguyên." in r.text
    assert r.text.count('role="alert"') >= 2  # summary + field message
    assert 'aria-invalid="true"' in r.text


def test_bad_field_gives_422_json_list(client):
    r = client.post("/websample/notes.json", json={"count": "abc"}, headers={"X-CSRF-Token": token(client)})
    assert r.status_code == 422
    body = r.json()
    assert body["ok"] is False and body["status"] == 422 and body["error"]
    fields = {e["field"]: e["error"] for e in body["errors"]}
    assert fields == {"title": "Vui lòng nhập tiêu đề.", "count": "Số lượng phải là số nguyên."}


def test_unknown_field_is_refused(client):
    r = client.post("/websample/notes.json", json={"title": "a", "hack": 1}, headers={"X-CSRF-Token": token(client)})
    assert r.status_code == 422 and r.json()["errors"] == [{"field": "hack", "error": "Trường không được hỗ trợ."}]


def test_json_write_ok(client):
    r = client.post("/websample/notes.json", json={"title": "Loa phát thanh", "count": 3},
                    headers={"X-CSRF-Token": token(client)})
    assert r.status_code == 200 and r.json()["ok"] is True and r.json()["redirect"] == "/websample/notes"


def test_body_is_capped(client, app):
    big = "x" * (app.state.settings.web.max_body_bytes + 10)
    r = client.post("/websample/notes", data={"title": big, "csrf_token": token(client)})
    assert r.status_code == 413


def test_public_form_posts_are_rate_limited(client):
    tok = token(client)
    codes = [client.post("/websample/notes.json", json={"title": f"n{i}"}, headers={"X-CSRF-Token": tok}).status_code
             for i in range(12)]
    assert codes[:10] == [200] * 10 and codes[10] == 429
