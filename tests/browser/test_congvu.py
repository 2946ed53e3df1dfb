"""congvu in a real browser, on a phone (390 px) and a desktop (1366 px): a chairman finds
from the dashboard which plan items are late and who owns them; a resident compliments a
staff member from the public page on a phone."""
from __future__ import annotations

import re

import pytest

from thanthien.core import demo

from .helpers import DESKTOP, PHONE, nav_link, no_sideways_scroll

pytestmark = pytest.mark.browser


def _login(pg, username: str) -> None:
    pg.goto("/login")
    pg.get_by_label("Tên đăng nhập").fill(username)
    pg.get_by_label("Mật khẩu").fill(demo.DEMO_PASSWORD)
    pg.get_by_role("button", name="Đăng nhập").click()
    pg.wait_for_url("**/dashboard")


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_chairman_finds_late_plan_items_and_their_owners_from_the_dashboard(open_page, device):
    pg = open_page(device)
    _login(pg, "chutich")
    widget = pg.get_by_role("region", name="Mục kế hoạch quá hạn và người chịu trách nhiệm")
    assert widget.is_visible()
    rows = widget.get_by_role("listitem")
    assert rows.count() >= 1
    first = rows.first.inner_text()
    assert re.search(r"Quá \d+ ngày", first)
    assert "Chủ trì:" in first and "Lãnh đạo phụ trách:" in first and "Đang thực hiện:" in first
    assert any(unit in first for unit in ("Văn phòng", "Phòng Văn hóa - Xã hội", "Trung tâm", "Phòng Kinh tế",
                                          "Ủy ban Mặt trận"))
    # follow the item: its five clarities name the owner unit and the leader in charge
    link = rows.first.get_by_role("link").first
    code = link.inner_text()
    link.click()
    pg.wait_for_url("**/congvu/muc/*")
    assert pg.get_by_role("heading", level=1).inner_text().startswith(f"Mục {code}")
    assert pg.get_by_text("Rõ trách nhiệm — lãnh đạo phụ trách").is_visible()
    assert pg.get_by_text("Rõ người — đơn vị chủ trì").is_visible()
    pg.go_back()
    pg.wait_for_url("**/dashboard")
    assert widget.is_visible()
    if device is PHONE:
        assert no_sideways_scroll(pg)


def test_resident_compliments_a_staff_member_from_the_public_page_on_a_phone(open_page):
    pg = open_page(PHONE)
    pg.goto("/")
    nav_link(pg, "Cán bộ phục vụ hôm nay").click()
    pg.wait_for_url("**/congvu/can-bo-truc")
    assert pg.get_by_role("heading", name="Cán bộ, công chức phục vụ hôm nay").is_visible()
    cards = pg.get_by_role("link", name="Khen ngợi, phản ánh", exact=True)
    if cards.count():
        cards.first.click()  # the staff member's badge number comes with the link
        pg.wait_for_url("**/congvu/gop-y?the=*")
        assert pg.get_by_label("Họ tên hoặc số thẻ của cán bộ, công chức").input_value()
    else:  # nobody on duty today (a weekend): the resident reads the badge number
        nav_link(pg, "Khen ngợi, phản ánh cán bộ").click()
        pg.wait_for_url("**/congvu/gop-y")
        pg.get_by_label("Họ tên hoặc số thẻ của cán bộ, công chức").fill("BACKAN-003")
    assert no_sideways_scroll(pg)
    pg.get_by_label("Ông (bà) muốn").select_option(label="Khen ngợi cán bộ")
    pg.get_by_role("textbox", name="Nội dung", exact=True).fill(
        "Cán bộ hướng dẫn tôi làm giấy khai sinh rất tận tình, chu đáo.")
    pg.get_by_role("button", name="Gửi").click()
    pg.wait_for_url("**/congvu/gop-y/da-gui?loai=compliment*")
    assert pg.get_by_role("heading", name="Cảm ơn ông (bà)").is_visible()
    assert pg.get_by_role("status").is_visible()  # the flash message
