"""bieuquyet in a real browser: a group head records a community meeting on a phone
(390 px) and on a desktop (1366 px) — the matter, the meeting, the notice, attendance,
the votes and the minutes — and the public result page shows the count over all
households without naming any."""
from __future__ import annotations

import datetime as dt

import pytest

from thanthien.core import demo

from .helpers import DESKTOP, PHONE, no_sideways_scroll

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_group_head_records_a_meeting(open_page, device):
    pg = open_page(device)
    title = f"Làm mái che sân nhà văn hóa ({'điện thoại' if device is PHONE else 'máy tính'})"
    pg.goto("/login")
    pg.get_by_label("Tên đăng nhập").fill("totruong01")
    pg.get_by_label("Mật khẩu").fill(demo.DEMO_PASSWORD)
    pg.get_by_role("button", name="Đăng nhập").click()
    pg.wait_for_url("**/dashboard")
    pg.goto("/bieuquyet/can-bo")
    pg.get_by_role("link", name="Đưa nội dung ra Nhân dân bàn và quyết định").click()
    pg.get_by_label("Loại nội dung").select_option("6")
    pg.get_by_label("Tên nội dung").fill(title)
    pg.get_by_label("Tổ dân phố").select_option(label="Tổ dân phố số 1")
    pg.get_by_label("Hình thức").select_option("online")
    pg.get_by_role("button", name="Tạo nội dung").click()
    # the agreement is missing: the same form comes back with the message and what was typed
    assert pg.get_by_text("Vui lòng ghi người đã thống nhất").first.is_visible()
    assert pg.get_by_label("Tên nội dung").input_value() == title
    pg.get_by_label("Hình thức").select_option("meeting")
    pg.get_by_label("Đã thống nhất với", exact=False).fill("Ông Hoàng Văn Mặt, Trưởng ban công tác Mặt trận")
    pg.get_by_role("button", name="Tạo nội dung").click()
    pg.wait_for_url("**/bieuquyet/can-bo/noi-dung/*")
    day = dt.date.today() + dt.timedelta(days=3)
    pg.get_by_label("Ngày họp (dd/mm/yyyy)").fill(day.strftime("%d/%m/%Y"))
    pg.get_by_label("Giờ họp (giờ:phút)").fill("19:30")
    pg.get_by_label("Địa điểm").fill("Nhà văn hóa Tổ dân phố số 1")
    pg.get_by_role("button", name="Lên lịch họp").click()
    pg.wait_for_url("**/bieuquyet/can-bo/hop/*")
    pg.get_by_label("Ngày thông báo (dd/mm/yyyy)").fill(dt.date.today().strftime("%d/%m/%Y"))
    pg.get_by_label("Giấy mời").check()
    pg.get_by_label("Loa truyền thanh").check()
    pg.get_by_role("button", name="Gửi thông báo").click()
    assert pg.get_by_text("Đã gửi thông báo họp").first.is_visible()
    pg.get_by_role("button", name="Có mặt").first.click()
    assert pg.get_by_text("Đã ghi có mặt").first.is_visible()
    assert pg.get_by_test_id("present").inner_text() == "1"
    pg.get_by_label("Thư ký cuộc họp").fill("Bà Lò Thị Thư")
    pg.get_by_label("Số hộ tán thành thư ký, ban kiểm phiếu, cách biểu quyết").fill("1")
    pg.get_by_role("button", name="Bắt đầu biểu quyết").click()
    assert pg.get_by_text("Đã bắt đầu biểu quyết").first.is_visible()
    assert no_sideways_scroll(pg) or device is not PHONE
    pg.get_by_role("button", name="Đồng ý").first.click()
    assert pg.get_by_text("đã biểu quyết: Đồng ý").first.is_visible()
    pg.get_by_label("Trưởng ban công tác Mặt trận").fill("Ông Hoàng Văn Mặt")
    pg.get_by_label("Hai đại diện hộ gia đình ký biên bản (mỗi người một dòng)").fill("Bà A\nÔng B")
    pg.get_by_role("button", name="Kết thúc và lập biên bản").click()
    assert pg.get_by_text("nội dung được thông qua").first.is_visible()
    assert no_sideways_scroll(pg) or device is not PHONE
    pg.get_by_role("main").get_by_role("link", name=title).first.click()
    pg.get_by_role("link", name="Trang kết quả công khai").click()
    assert pg.get_by_text("Được thông qua").first.is_visible()
    assert pg.get_by_text("Tổng số hộ gia đình: 1").first.is_visible()
