"""Issue 15 item 4: daily administration in the browser — a new staff profile with its
account and first role, a reset that forces a change, disabling, the last logins; a
refused admin action stays on the account's page (item 2)."""
from __future__ import annotations

from thanthien.core import accounts, audit, people
from thanthien.testing import csrf_from

from .helpers import PASSWORD

NEW_PASSWORD = "Mat-khau-rieng-2026"


def _login(c, username, password):
    page = c.get("/login")
    return c.post("/login", data={"username": username, "password": password,
                                  "csrf_token": csrf_from(page.text)}, follow_redirects=False)


def _change(c, current, new):
    page = c.get("/account/password")
    return c.post("/account/password", data={"current_password": current, "password": new,
                                             "password_confirm": new, "csrf_token": csrf_from(page.text)},
                  follow_redirects=False)


def test_admin_creates_profile_and_account_and_the_new_user_must_change_the_password(make_client, ward):
    admin = make_client("quantri")
    page = admin.get("/admin/users")
    r = admin.post("/admin/users", data={"full_name": "Lò Văn Sáng", "position": "Công chức một cửa",
                                         "unit_id": str(ward["units"]["VHXH"]), "role": "one_stop_officer",
                                         "username": "lovansang", "password": PASSWORD,
                                         "csrf_token": csrf_from(page.text)}, follow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    account = accounts.account_by_username("lovansang")
    person = people.get_person(account.person_id)
    assert person.is_staff and person.position == "Công chức một cửa" and person.unit_id == ward["units"]["VHXH"]
    assert {(g.role, g.unit_id) for g in people.roles_of(person.id)} == {("one_stop_officer", ward["units"]["VHXH"])}
    assert "phải đổi mật khẩu" in admin.get(r.headers["location"]).text

    new = make_client()
    assert _login(new, "lovansang", PASSWORD).status_code == 303
    r = new.get("/dashboard", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/account/password"
    assert "Vui lòng đổi mật khẩu (chọn mật khẩu của riêng bạn)" in new.get("/account/password").text
    assert new.get("/dashboard.json").status_code == 403
    same = _change(new, PASSWORD, PASSWORD)
    assert same.status_code == 422 and "phải khác mật khẩu hiện tại" in same.text
    assert _change(new, PASSWORD, NEW_PASSWORD).status_code == 303
    assert new.get("/dashboard").status_code == 200


def test_a_refused_profile_leaves_nothing_behind_and_keeps_the_input(make_client, ward):
    admin = make_client("quantri")
    page = admin.get("/admin/users")
    before = len(people.list_staff())
    r = admin.post("/admin/users", data={"full_name": "Hà Thị Mai", "position": "Văn thư", "username": "ha",
                                         "password": "ngan", "csrf_token": csrf_from(page.text)})
    assert r.status_code == 422
    assert 'value="Hà Thị Mai"' in r.text and 'value="Văn thư"' in r.text and "ngan" not in r.text
    assert len(people.list_staff()) == before  # the profile was not created without its account
    both = admin.post("/admin/users", data={"full_name": "Hà Thị Mai", "person_id": str(ward["resident_tdp01"].id),
                                            "username": "hathimai", "password": PASSWORD,
                                            "csrf_token": csrf_from(page.text)})
    assert both.status_code == 422 and "không cả hai" in both.text


def test_reset_forces_a_change_and_the_page_shows_last_logins(make_client, ward):
    make_client("kinhte")  # one login to show
    admin = make_client("quantri")
    acc = accounts.account_by_username("kinhte")
    page = admin.get(f"/admin/users/{acc.id}")
    assert "Các lần đăng nhập gần đây" in page.text and "testclient" in page.text
    r = admin.post(f"/admin/users/{acc.id}/password", data={"password": "Dat-lai-2026-abc",
                                                             "csrf_token": csrf_from(page.text)},
                   follow_redirects=False)
    assert r.status_code == 303
    assert "phải đổi ở lần đăng nhập tới" in admin.get(f"/admin/users/{acc.id}").text
    c = make_client()
    _login(c, "kinhte", "Dat-lai-2026-abc")
    assert c.get("/dashboard", follow_redirects=False).headers["location"] == "/account/password"


def test_refused_admin_actions_stay_on_the_account_page(make_client, ward):
    admin = make_client("quantri")
    me = accounts.account_by_username("quantri")
    page = admin.get(f"/admin/users/{me.id}")
    r = admin.post(f"/admin/users/{me.id}/disable", data={"disabled": "1", "csrf_token": csrf_from(page.text)})
    assert r.status_code == 422 and "Không thể tự khóa" in r.text and "Các lần đăng nhập gần đây" in r.text
    other = accounts.account_by_username("kinhte")
    r = admin.post(f"/admin/users/{other.id}/disable", data={"disabled": "1", "csrf_token": csrf_from(page.text)},
                   follow_redirects=False)
    assert r.status_code == 303 and accounts.get_account(other.id).disabled
    assert any(e.action.startswith("account.") for e in audit.entries(entity="account", entity_id=other.id))
