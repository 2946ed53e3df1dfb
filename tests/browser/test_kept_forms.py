"""Issue 15 item 1 in a real browser (phone 390 px and desktop 1366 px): the session ends
while an officer types; the form is kept, comes back filled after logging in again, and
is submitted. The page warns before the session ends (script) and says, without it, that
typed work is kept."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from thanthien.core import accounts, demo, kept_forms
from thanthien.core.settings import Settings

from .helpers import DESKTOP, PHONE

pytestmark = pytest.mark.browser

REASON = "Đối chiếu số điện thoại khi giải quyết đơn"


@pytest.fixture
def server_clock(monkeypatch):
    """The server runs in this process: move its session clock forward."""
    shift = {"minutes": 0}

    def clock():
        return dt.datetime.now().replace(microsecond=0) + dt.timedelta(minutes=shift["minutes"])

    monkeypatch.setattr(accounts, "clock", clock)
    monkeypatch.setattr(kept_forms, "clock", clock)
    return shift


def _fill_login(pg, username: str) -> None:
    pg.get_by_label("Tên đăng nhập").fill(username)
    pg.get_by_label("Mật khẩu").fill(demo.DEMO_PASSWORD)
    pg.get_by_role("button", name="Đăng nhập").click()


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_timeout_round_trip_keeps_and_submits_the_form(open_page, server_clock, device):
    pg = open_page(device)
    pg.goto("/login")
    _fill_login(pg, "chutich")
    pg.wait_for_url("**/dashboard")
    pg.goto("/people?q=nguyen+van+a")
    pg.get_by_role("link", name="Nguyễn Văn A").click()
    person_url = pg.url
    pg.get_by_label("Lý do xem (được ghi nhật ký)").fill(REASON)
    server_clock["minutes"] = Settings().web.session_idle_minutes + 5  # the officer went away
    pg.get_by_role("button", name="Xem đầy đủ").click()
    pg.wait_for_url(re.compile(r".*/login\?next=.*"))
    assert "được giữ lại" in pg.locator("main").inner_text()
    _fill_login(pg, "chutich")
    pg.wait_for_url(person_url)
    assert "đã được điền lại" in pg.locator("#bieu-mau-giu-lai").inner_text()
    assert pg.get_by_label("Lý do xem (được ghi nhật ký)").input_value() == REASON
    pg.get_by_role("button", name="Xem đầy đủ").click()
    assert pg.get_by_text("Đang hiển thị đầy đủ thông tin cá nhân").is_visible()  # submitted
    assert pg.get_by_text("0912345678").is_visible()
    assert pg.locator("#bieu-mau-giu-lai").count() == 0
    assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_warning_before_the_session_ends(open_page):
    pg = open_page(DESKTOP)
    pg.clock.install()
    pg.goto("/login")
    _fill_login(pg, "chutich")
    pg.wait_for_url("**/dashboard")
    warning = pg.locator("#canh-bao-phien")
    assert not warning.is_visible()
    assert "phút không thao tác" in pg.locator(".session-note").inner_text()  # said without script too
    idle = Settings().web.session_idle_minutes
    pg.clock.run_for((idle - 1) * 60 * 1000)
    assert warning.is_visible() and "sắp hết hạn" in warning.inner_text()
    pg.get_by_role("button", name="Tiếp tục làm việc").click()
    warning.wait_for(state="hidden")
