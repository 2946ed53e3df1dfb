"""Residents respond where they read (issue 15 item 11) in a real browser, on a phone
(390 px) and a desktop (1366 px): a resident opens a notice, clicks "Gửi ý kiến về nội
dung này", sends feedback about it with a photo; the Chủ tịch publishes it without the
sender's details, takes it and answers; the resident finds it, with the answer and the
notice it is about, in the public list — and never the sender's name or phone."""
from __future__ import annotations

import re

import pytest

from ..core.photos import png
from .helpers import DESKTOP, PHONE, login, no_sideways_scroll

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("device, n", [(PHONE, 1), (DESKTOP, 2)], ids=["phone", "desktop"])
def test_resident_sends_an_opinion_about_a_notice_staff_publish_and_answer_it(open_page, device, n):
    subject = f"Biển báo khuất tầm nhìn số {n}"
    name, phone = f"Hoàng Thị Ý Kiến {n}", f"091277700{n}"
    pg = open_page(device)
    pg.goto("/congkhai/")
    pg.locator("ul.notices li a").first.click()
    notice_title = pg.get_by_role("heading", level=1).inner_text().strip()
    notice_url = pg.url
    pg.get_by_role("link", name="Gửi ý kiến về nội dung này").click()
    pg.wait_for_url(re.compile(r".*/tiepdan/phan-anh\?ve=congkhai\.notice:\d+"))
    assert notice_title in pg.locator(".opinion-subject").inner_text()
    pg.get_by_label(re.compile("^Tiêu đề")).fill(subject)
    pg.get_by_label(re.compile("^Nội dung")).fill(f"Cây che biển báo, tôi là {name}, gọi {phone}.")
    pg.get_by_label(re.compile("^Tổ dân phố")).select_option(index=1)
    pg.get_by_label(re.compile("^Địa điểm cụ thể")).fill("Đầu ngõ 5")
    pg.get_by_label(re.compile("^Ảnh kèm theo")).set_input_files(
        {"name": "anh.png", "mimeType": "image/png", "buffer": png(size=8)})
    pg.get_by_label(re.compile("^Họ và tên")).fill(name)
    pg.get_by_label(re.compile("^Địa chỉ")).fill("Số 9 đường Hùng Vương")
    pg.get_by_label(re.compile("^Số điện thoại")).fill(phone)
    pg.get_by_label(re.compile("^Tôi đồng ý")).check()
    assert no_sideways_scroll(pg)
    pg.get_by_role("button", name="Gửi").click()
    pg.wait_for_load_state()
    assert "Mã tra cứu" in pg.locator("main").inner_text()

    staff = open_page(device)
    login(staff, "chutich")
    staff.goto("/tiepdan/don-thu?loai=phan_anh")
    staff.locator("tr", has_text=subject).get_by_role("link").first.click()
    assert notice_title in staff.locator("dl.facts").last.inner_text() or notice_title in staff.inner_text("main")
    assert staff.locator("img.feedback-photo").count() == 1
    public_text = staff.get_by_label(re.compile("^Nội dung công khai"))
    assert phone not in public_text.input_value() and name not in public_text.input_value()
    staff.get_by_label(re.compile("^Tiêu đề công khai")).fill(subject)
    staff.get_by_label("Công khai ảnh kèm theo").check()
    staff.get_by_role("button", name="Công khai", exact=True).click()
    staff.wait_for_load_state()
    assert "Đã công khai phản ánh" in staff.inner_text("body")
    staff.locator("form.action", has=staff.get_by_role("button", name="Nhận xử lý")).get_by_role(
        "button", name="Nhận xử lý").click()
    staff.wait_for_load_state()
    answer = f"Phường đã cắt tỉa cây, biển báo số {n} đã thông thoáng."
    form = staff.locator("form.action", has=staff.get_by_role("button", name="Trả lời", exact=True))
    form.get_by_label(re.compile("^Nội dung trả lời")).fill(answer)
    form.get_by_role("button", name="Trả lời", exact=True).click()
    staff.wait_for_load_state()
    assert no_sideways_scroll(staff)

    pg.goto("/tiepdan/phan-anh/danh-sach")
    item = pg.locator("li.feedback-item", has_text=subject)
    text = item.inner_text()
    assert answer in text and notice_title in text and re.search(r"Ngày gửi \d{2}/\d{2}/\d{4}", text)
    assert item.get_by_role("link", name=notice_title).get_attribute("href") in notice_url
    assert item.locator("img.feedback-photo").count() == 1
    body = pg.inner_text("body")
    assert name not in body and phone not in body and "Hùng Vương" not in body
    assert no_sideways_scroll(pg)
