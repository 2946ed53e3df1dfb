"""The optional TOTP second factor, required here for the chairperson role."""
from __future__ import annotations

import pyotp
import pytest

from thanthien.core import accounts
from thanthien.testing import csrf_from, make_settings

from .helpers import PASSWORD, post_login


@pytest.fixture
def settings(tmp_path):
    from thanthien.core.settings import WebSettings

    return make_settings(tmp_path, web=WebSettings(require_totp_roles=("chairperson",)))


def test_totp_required_for_role(make_client, clock):
    c = make_client()
    r = post_login(c, "chutich", PASSWORD)
    assert r.status_code == 303 and r.headers["location"].startswith("/login/totp")
    assert c.get("/dashboard.json").status_code == 401  # not logged in yet
    page = c.get("/login/totp")
    assert "Khóa bí mật" in page.text
    secret = page.text.split('<code class="secret">')[1].split("<")[0]
    wrong = c.post("/login/totp", data={"code": "000000", "csrf_token": csrf_from(page.text)})
    assert wrong.status_code == 422 and "Mã xác thực không đúng" in wrong.text
    code = pyotp.TOTP(secret).at(clock.now)
    r = c.post("/login/totp", data={"code": code, "csrf_token": csrf_from(page.text)}, follow_redirects=False)
    assert r.status_code == 303
    assert c.get("/dashboard.json").status_code == 200
    assert accounts.account_by_username("chutich").totp_enabled
    # next login asks for the code of the stored secret
    c2 = make_client()
    post_login(c2, "chutich", PASSWORD)
    page = c2.get("/login/totp")
    assert "Khóa bí mật" not in page.text
    clock.advance(seconds=60)
    r = c2.post("/login/totp", data={"code": pyotp.TOTP(secret).at(clock.now), "csrf_token": csrf_from(page.text)},
                follow_redirects=False)
    assert r.status_code == 303 and c2.get("/dashboard.json").status_code == 200
    # roles without the requirement log in with the password alone
    assert post_login(make_client(), "motcua", PASSWORD).headers["location"] == "/dashboard"
