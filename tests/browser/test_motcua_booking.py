"""One-stop booking in a real browser, on a phone (390 px) and a desktop (1366 px): a
resident picks a free slot by clicking it (no JavaScript needed: the slot is a link that
fills the form), types the time the way people write it ("9g30", "8h"), and gets a
confirmation naming the procedure, the place and the date in words, with a calendar file."""
from __future__ import annotations

import re

import pytest

from .helpers import DESKTOP, PHONE

pytestmark = pytest.mark.browser

WHEN = re.compile(r"(thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật), ngày \d{2} tháng \d{1,2} năm \d{4}, \d{2}:\d{2}")


def _as_typed(slot: str) -> str:
    """"09:30" → "9g30", "08:00" → "8h": how residents write times."""
    hh, mm = slot.split(":")
    return f"{int(hh)}h" if mm == "00" else f"{int(hh)}g{mm}"


@pytest.mark.parametrize("device, phone", [(PHONE, "0912555101"), (DESKTOP, "0912555102")],
                         ids=["phone", "desktop"])
def test_resident_books_a_clicked_slot_and_gets_it_in_words_with_a_calendar_file(open_page, device, phone):
    pg = open_page(device)
    pg.goto("/motcua/dat-lich")
    assert pg.get_by_role("heading", level=1).inner_text() == "Đặt lịch hẹn giờ làm thủ tục"
    slots = pg.locator("a.slot")
    assert slots.count() >= 1
    slot = slots.last
    chosen = slot.inner_text().strip()
    slot.click()
    pg.wait_for_url(re.compile(r".*/motcua/dat-lich\?.*gio=.*"))
    time_field = pg.get_by_label(re.compile("^Giờ hẹn"))
    assert time_field.input_value() == chosen  # the click filled the form
    procedure = pg.get_by_label(re.compile("^Thủ tục"))
    procedure.select_option(index=1)
    name = procedure.locator("option:checked").inner_text().strip()
    time_field.fill(_as_typed(chosen))
    pg.get_by_label(re.compile("^Họ và tên")).fill("Lý Thị Hẹn")
    pg.get_by_label(re.compile("^Số điện thoại")).fill(phone)
    pg.get_by_role("button", name="Đặt lịch").click()
    pg.wait_for_load_state()
    assert pg.get_by_role("heading", level=1).inner_text() == "Đã đặt lịch hẹn"
    text = pg.locator("main").inner_text() if pg.locator("main").count() else pg.inner_text("body")
    assert WHEN.search(text) and WHEN.search(text).group(0).endswith(chosen)
    assert name in text and "Trung tâm Phục vụ hành chính công" in text
    assert phone not in text and "Lý Thị Hẹn" not in text
    ics_link = pg.get_by_role("link", name=re.compile("Thêm vào lịch"))
    href = ics_link.get_attribute("href")
    assert href and href.endswith(".ics")
    r = pg.request.get(href)
    assert r.ok and r.headers["content-type"].startswith("text/calendar")
    body = r.text()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and "BEGIN:VEVENT" in body and phone not in body
    assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_time_the_form_cannot_read_is_said_in_vietnamese_and_kept(open_page, device):
    pg = open_page(device)
    pg.goto("/motcua/dat-lich")
    pg.get_by_label(re.compile("^Thủ tục")).select_option(index=1)
    pg.get_by_label(re.compile("^Giờ hẹn")).fill("chín rưỡi")
    pg.get_by_label(re.compile("^Họ và tên")).fill("Lý Thị Hẹn")
    pg.get_by_label(re.compile("^Số điện thoại")).fill("0912555199")
    pg.get_by_role("button", name="Đặt lịch").click()
    pg.wait_for_load_state()
    assert "ví dụ 9h, 9:00, 09:00 hoặc 9g30" in pg.inner_text("body")
    assert pg.get_by_label(re.compile("^Giờ hẹn")).input_value() == "chín rưỡi"
