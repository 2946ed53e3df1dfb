"""Staff in a real browser: login, dashboard, search, a bad field, a JSON twin, print."""
from __future__ import annotations

import json

import pytest

from .helpers import login

pytestmark = pytest.mark.browser


def test_login_and_dashboard(page):
    login(page, "chutich")
    assert page.get_by_role("heading", name="Bảng điều khiển").is_visible()
    assert page.get_by_role("heading", name="Hồ sơ sắp đến hạn và quá hạn").is_visible()
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    assert nav.get_by_role("link", name="Người dân").is_visible()


def test_search_resident_without_accents(page):
    login(page, "chutich")
    page.get_by_role("search").first.get_by_label("Tìm người dân").fill("nguyen van a")
    page.get_by_role("search").first.get_by_role("button", name="Tìm").click()
    page.wait_for_url("**/people?q=nguyen+van+a")
    assert page.get_by_role("link", name="Nguyễn Văn A").is_visible()


def test_bad_field_shows_message(page):
    login(page, "quantri")
    page.goto("/admin/users")
    page.get_by_label("Tên đăng nhập").fill("Tên Có Dấu")
    page.get_by_label("Mật khẩu ban đầu").fill("ngắn")
    page.get_by_role("button", name="Tạo tài khoản").click()
    alert = page.locator("#e-person_id")
    alert.wait_for(state="visible")  # the form comes back from the server: wait for that page
    assert "Vui lòng chọn cán bộ." in alert.inner_text()
    assert page.locator("#f-person_id").get_attribute("aria-invalid") == "true"


def test_json_twin(page):
    login(page, "chutich")
    response = page.goto("/people.json?q=nguyen")
    assert response.status == 200 and response.headers["content-type"].startswith("application/json")
    data = json.loads(page.inner_text("body") if not page.content().startswith("{") else page.content())
    assert data["ok"] is True and any(p["full_name"] == "Nguyễn Văn A" for p in data["people"])
    html = page.goto("/people?q=nguyen")
    assert "/people.json?q=nguyen" in html.headers["link"]


def test_print_view(page, live_server):
    login(page, "chutich")
    page.goto("/people?q=nguyen")
    page.emulate_media(media="print")
    font = page.evaluate("getComputedStyle(document.documentElement).fontFamily")
    assert "Times New Roman" in font
    assert not page.locator(".site-nav").is_visible()
    page.goto(f"/documents/{live_server['document_id']}")
    assert page.get_by_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF"


def test_public_home_works_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server["url"], java_script_enabled=False)
    pg = context.new_page()
    pg.goto("/")
    assert pg.get_by_role("banner").is_visible() and pg.get_by_role("main").is_visible()
    pg.get_by_role("link", name="Cán bộ đăng nhập").click()
    pg.get_by_label("Tên đăng nhập").fill("motcua")
    pg.get_by_label("Mật khẩu").fill("thanthien-demo")
    pg.get_by_role("button", name="Đăng nhập").click()
    pg.wait_for_url("**/dashboard")
    context.close()
