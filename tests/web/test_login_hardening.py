"""Issue 10 item 7, written as the attacks: a TOTP code replayed in its window, a
privileged role without the second factor, common passwords, an administrator's reset
that the user never has to change."""
from __future__ import annotations

import pyotp
import pytest

from thanthien.core import accounts, people
from thanthien.core.errors import ValidationError
from thanthien.core.settings import Settings, WebSettings
from thanthien.testing import csrf_from, login, make_settings, token

from .helpers import PASSWORD, post_login

STRONG = "mật khẩu đủ dài của tôi"


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path, web=WebSettings())  # a ward's defaults


def _staff(ward, name, username, role, unit=None):
    person = people.create_person(name, is_staff=True, unit_id=ward["units"]["VP"], position="Cán bộ")
    accounts.create_account(person.id, username, STRONG)
    people.grant_role(person.id, role, unit)
    return person


def _totp_login(client, username, code):
    assert post_login(client, username, STRONG).headers["location"].startswith("/login/totp")
    page = client.get("/login/totp")
    return client.post("/login/totp", data={"code": code, "csrf_token": csrf_from(page.text)},
                       follow_redirects=False)


def test_privileged_roles_need_the_second_factor_by_default(make_client, ward, clock):
    assert Settings().web.totp_for_privileged_roles is True
    _staff(ward, "Hoàng Văn Chủ", "chutich2", "chairperson")
    _staff(ward, "Lý Thị Quản", "quantri2", "admin")
    _staff(ward, "Nông Văn Cán", "canbo2", "department_officer", ward["units"]["VHXH"])
    for username in ("chutich2", "quantri2"):  # reveals identities / manages accounts
        r = post_login(make_client(), username, STRONG)
        assert r.headers["location"].startswith("/login/totp"), username
    assert post_login(make_client(), "canbo2", STRONG).headers["location"] == "/dashboard"
    # the demo ward's accounts (public demo password) stay usable with the password alone
    assert accounts.account_by_username("chutich").demo
    assert post_login(make_client(), "chutich", PASSWORD).headers["location"] == "/dashboard"


def test_a_totp_code_is_accepted_once(make_client, ward, clock):
    _staff(ward, "Hoàng Văn Chủ", "chutich2", "chairperson")
    secret = pyotp.random_base32()
    accounts.set_totp("chutich2", secret)
    code = pyotp.TOTP(secret).at(clock.now)
    first = _totp_login(make_client(), "chutich2", code)
    assert first.status_code == 303 and first.headers["location"] == "/dashboard"
    # the same code again, still inside its 30-second window (and the next one): refused
    clock.advance(seconds=20)
    replay = _totp_login(make_client(), "chutich2", code)
    assert replay.status_code == 422 and "Mã xác thực không đúng" in replay.text
    clock.advance(seconds=30)
    assert _totp_login(make_client(), "chutich2", code).status_code == 422
    # a fresh code of a later step works
    clock.advance(seconds=30)
    assert _totp_login(make_client(), "chutich2", pyotp.TOTP(secret).at(clock.now)).status_code == 303


@pytest.mark.parametrize("password", ["password", "12345678", "thanthien", "Thanthien2026", "matkhau123",
                                      "qwertyuiop", "abcd1234", "hoangvanchu"])
def test_common_passwords_are_refused(ward, password):
    person = people.create_person("Hoàng Văn Chủ", is_staff=True, unit_id=ward["units"]["VP"])
    with pytest.raises(ValidationError) as exc:
        accounts.create_account(person.id, "hvchu", password)
    assert exc.value.errors[0][0] == "password"
    assert accounts.account_by_username("hvchu") is None


def test_the_demo_password_only_in_the_demo_ward(db, core):
    person = people.create_person("Hoàng Văn Chủ", is_staff=True)
    with pytest.raises(ValidationError):
        accounts.create_account(person.id, "hvchu", PASSWORD)  # no demo ward in this database


def test_common_password_refused_on_the_web_forms(make_client, ward):
    admin = make_client("quantri")
    p = people.create_person("Vi Thị Lan", is_staff=True, unit_id=ward["units"]["VHXH"], position="Công chức")
    page = admin.get("/admin/users")
    r = admin.post("/admin/users", data={"person_id": str(p.id), "username": "vilan", "password": "12345678",
                                         "csrf_token": csrf_from(page.text)})
    assert r.status_code == 422 and "quá dễ đoán" in r.text
    c = make_client("vanhoa")
    r = c.post("/account/password.json", json={"current_password": PASSWORD, "password": "password123",
                                               "password_confirm": "password123"},
               headers={"X-CSRF-Token": token(c)})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "password"


def test_an_admin_reset_forces_a_change_at_next_login(make_client, ward):
    admin = make_client("quantri")
    acc = accounts.account_by_username("kinhte")
    r = admin.post(f"/admin/users/{acc.id}/password", data={"password": STRONG, "csrf_token": token(admin)},
                   follow_redirects=False)
    assert r.status_code == 303 and accounts.get_account(acc.id).must_change_password
    user = make_client()
    r = post_login(user, "kinhte", STRONG)
    assert r.headers["location"] == "/account/password"
    # nothing else until the password is changed: pages redirect, the API refuses
    assert user.get("/dashboard", follow_redirects=False).headers["location"] == "/account/password"
    denied = user.get("/people.json")
    assert denied.status_code == 403 and "đổi mật khẩu" in denied.json()["error"]
    assert user.get("/account/password").status_code == 200
    new = "một câu mật khẩu mới hẳn"
    r = user.post("/account/password", data={"current_password": STRONG, "password": new, "password_confirm": new,
                                             "csrf_token": token(user)}, follow_redirects=False)
    assert r.status_code == 303
    assert not accounts.get_account(acc.id).must_change_password
    assert user.get("/dashboard").status_code == 200
    # the CLI's reset (no person behind it) forces the change too
    accounts.set_password("kinhte", STRONG)
    assert accounts.get_account(acc.id).must_change_password
    assert login(make_client(), "kinhte", STRONG) is not None
