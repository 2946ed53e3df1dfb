"""A consultation in a real browser, on a phone (390 px) and a desktop (1366 px).

Staff plan a consultation, send the plan, publish it and print the household code sheet;
a resident, as a new user would, finds the open consultation from the home page,
confirms the household with the printed code and leaves a comment; after the window the
staff publish the results and the explanation, and the resident sees them on the page.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from thanthien.core import demo
from thanthien.core.storage.db import database_proxy

from .helpers import DESKTOP, PHONE, no_sideways_scroll

pytestmark = pytest.mark.browser


def _login(pg, username: str) -> None:
    pg.goto("/login")
    pg.get_by_label("Tên đăng nhập").fill(username)
    pg.get_by_label("Mật khẩu").fill(demo.DEMO_PASSWORD)
    pg.get_by_role("button", name="Đăng nhập").click()
    pg.wait_for_url("**/dashboard")


def _staff_opens_a_consultation(pg, title: str) -> int:
    _login(pg, "chutich")
    pg.goto("/bieuquyet/y-kien/moi")
    today = dt.date.today()
    pg.get_by_label("Tên nội dung lấy ý kiến").fill(title)
    pg.get_by_label("Nhóm nội dung").select_option("art25_6")
    pg.get_by_label("Nội dung đưa ra lấy ý kiến").fill("Dự thảo quy hoạch chi tiết tỷ lệ 1/500, "
                                                        "gồm khu vui chơi trẻ em và bãi đỗ xe.")
    pg.get_by_label("Hội nghị, cuộc họp cộng đồng dân cư").check()
    pg.get_by_label("Cổng thông tin điện tử của phường").check()
    pg.get_by_label("Đơn vị, người chịu trách nhiệm").fill("Phòng Kinh tế, Hạ tầng và Đô thị")
    pg.get_by_label("Hạn cuối nhận ý kiến").fill((today + dt.timedelta(days=10)).strftime("%d/%m/%Y"))
    pg.get_by_role("button", name="Lưu kế hoạch").click()
    # ten days is too short (R-YK-07): the same form says why and keeps what was typed
    assert pg.get_by_text("ít nhất 20 ngày").first.is_visible()
    assert pg.get_by_label("Tên nội dung lấy ý kiến").input_value() == title
    pg.get_by_label("Hạn cuối nhận ý kiến").fill((today + dt.timedelta(days=25)).strftime("%d/%m/%Y"))
    pg.get_by_role("button", name="Lưu kế hoạch").click()
    pg.wait_for_url(re.compile(r".*/bieuquyet/y-kien/\d+/quan-ly$"))
    cid = int(re.search(r"/y-kien/(\d+)/quan-ly", pg.url).group(1))
    pg.get_by_role("button", name="Ban hành kế hoạch, gửi Thường trực HĐND và Mặt trận").click()
    assert pg.get_by_role("link", name="Kế hoạch lấy ý kiến").is_visible()
    pg.get_by_role("button", name="Công bố nội dung, bắt đầu lấy ý kiến hôm nay").click()
    assert pg.get_by_text("Đang lấy ý kiến", exact=True).is_visible()
    return cid


def _print_code(pg, cid: int, group: str) -> str:
    pg.goto(f"/bieuquyet/y-kien/{cid}/quan-ly")
    pg.get_by_label("Tổ dân phố", exact=True).select_option(label=group)
    pg.get_by_role("button", name="In phiếu mã").click()
    assert pg.get_by_role("heading", name="Phiếu mã góp ý trực tuyến").is_visible()
    return pg.locator(".one-time-code").first.inner_text().strip()


def _the_window_passes(cid: int) -> None:
    """Twenty-five days later: the consultation's window has ended (the clock moved by
    moving its dates back, as the server reads the real date)."""
    from thanthien.plugins.bieuquyet.models_consultations import ConsultationRow

    today = dt.date.today()
    with database_proxy.connection_context():
        ConsultationRow.update(published_on=today - dt.timedelta(days=26), ends_on=today - dt.timedelta(days=1)).where(
            ConsultationRow.id == cid).execute()


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_resident_comments_with_a_code_and_later_sees_the_explanation(open_page, device):
    title = f"Quy hoạch khu dân cư Nà Cại ({'điện thoại' if device is PHONE else 'máy tính'})"
    staff = open_page(DESKTOP)
    cid = _staff_opens_a_consultation(staff, title)
    code = _print_code(staff, cid, "Tổ dân phố số 2")
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)

    # a resident, never here before, starts from the home page
    pg = open_page(device)
    pg.goto("/")
    pg.get_by_role("main").get_by_role("link", name="Lấy ý kiến Nhân dân").click()
    pg.wait_for_url("**/bieuquyet/y-kien/")
    pg.get_by_role("link", name=title).click()
    pg.wait_for_url(f"**/bieuquyet/y-kien/{cid}")
    assert pg.get_by_role("heading", name=title, level=1).is_visible()
    # a mistyped code: the same form says so and keeps the comment
    words = "Đề nghị bố trí thêm cây xanh quanh khu vui chơi của trẻ em."
    pg.get_by_label("Mã xác nhận").fill("AAAAA-BBBBB")
    pg.get_by_label("Ý kiến của gia đình").select_option("dong_y")
    pg.get_by_label("Nội dung góp ý").fill(words)
    pg.get_by_role("button", name="Gửi góp ý").click()
    assert pg.locator("#e-code").is_visible()
    assert pg.get_by_label("Nội dung góp ý").input_value() == words
    pg.get_by_label("Mã xác nhận").fill(code.lower().replace("-", " "))
    pg.get_by_role("button", name="Gửi góp ý").click()
    pg.wait_for_url(f"**/bieuquyet/y-kien/{cid}#gop-y-da-nhan")
    assert pg.get_by_text("Cảm ơn gia đình đã góp ý.").is_visible()
    received = pg.locator(".comments li").filter(has_text=words)
    assert received.count() == 1
    assert "Hộ gia đình tổ dân phố số 2" in received.inner_text()
    if device is PHONE:
        assert no_sideways_scroll(pg)

    # the window passes; the staff publish the results and what was accepted
    _the_window_passes(cid)
    staff.goto(f"/bieuquyet/y-kien/{cid}/quan-ly")
    staff.get_by_label("Quyết định", exact=True).select_option("dieu_chinh")
    explanation = "Tiếp thu ý kiến về cây xanh: bổ sung dải cây xanh quanh khu vui chơi."
    staff.get_by_label("Tiếp thu, giải trình ý kiến Nhân dân").fill(explanation)
    staff.get_by_role("button", name="Công khai kết quả").click()
    assert staff.get_by_text("Đã công khai kết quả và giải trình.").is_visible()

    # the resident comes back and reads the explanation
    pg.goto("/bieuquyet/y-kien/")
    pg.get_by_role("link", name=title).click()
    assert pg.get_by_role("heading", name="Kết quả lấy ý kiến và giải trình").is_visible()
    assert pg.get_by_text(explanation).is_visible()
    assert pg.get_by_role("button", name="Gửi góp ý").count() == 0  # no more comments
    if device is PHONE:
        assert no_sideways_scroll(pg)
