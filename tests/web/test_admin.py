"""Staff admin page: create an account, grant and revoke roles, reset a password."""
from __future__ import annotations

from thanthien.core import accounts, people
from thanthien.testing import csrf_from, login, token


def test_users_page_html_and_json(make_client):
    c = make_client("quantri")
    r = c.get("/admin/users")
    assert r.status_code == 200 and "chutich" in r.text
    j = c.get("/admin/users.json").json()
    assert any(a["username"] == "chutich" for a in j["accounts"])
    assert make_client("chutich").get("/admin/users").status_code == 403


def test_create_account_grant_and_reset(make_client, ward):
    admin = make_client("quantri")
    p = people.create_person("Vi Thị Lan", is_staff=True, unit_id=ward["units"]["VHXH"], position="Công chức")
    page = admin.get("/admin/users")
    assert "Vi Thị Lan" in page.text
    bad = admin.post("/admin/users", data={"person_id": "", "username": "A B", "password": "ngan",
                                           "csrf_token": csrf_from(page.text)})
    assert bad.status_code == 422 and "Vui lòng chọn cán bộ." in bad.text
    r = admin.post("/admin/users", data={"person_id": str(p.id), "username": "vilan", "password": "mật khẩu đủ dài",
                                         "csrf_token": csrf_from(page.text)}, follow_redirects=False)
    assert r.status_code == 303
    acc = accounts.account_by_username("vilan")
    r = admin.post(f"/admin/users/{acc.id}/roles.json",
                   json={"role": "department_officer", "unit_id": ward["units"]["VHXH"]},
                   headers={"X-CSRF-Token": token(admin)})
    assert r.status_code == 200, r.text
    assert [(g.role, g.unit_id) for g in people.roles_of(p.id)] == [("department_officer", ward["units"]["VHXH"])]
    user = login(make_client(), "vilan", "mật khẩu đủ dài")
    assert user.get("/dashboard").status_code == 200
    r = admin.post(f"/admin/users/{acc.id}/roles.json", json={"role": "khong-co"},
                   headers={"X-CSRF-Token": token(admin)})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "role"
    admin.post(f"/admin/users/{acc.id}/password", data={"password": "mật khẩu thứ hai", "csrf_token": token(admin)})
    assert user.get("/dashboard.json").status_code == 401
    r = admin.post(f"/admin/users/{acc.id}/roles", data={"role": "department_officer",
                                                        "unit_id": str(ward["units"]["VHXH"]), "action": "revoke",
                                                        "csrf_token": token(admin)})
    assert r.status_code == 200 and people.roles_of(p.id) == []
