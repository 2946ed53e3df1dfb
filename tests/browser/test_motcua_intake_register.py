"""One-stop intake with the resident register in a real browser, on a phone (390 px) and a
desktop (1366 px): the officer finds a resident typing the name without accents, one click
fills the applicant's fields, and a new applicant received at the desk is findable at once."""
from __future__ import annotations

import re

import pytest

from thanthien.core import demo

from .helpers import DESKTOP, PHONE

pytestmark = pytest.mark.browser


def _login(pg) -> None:
    pg.goto("/login")
    pg.get_by_label("Tên đăng nhập").fill("motcua")
    pg.get_by_label("Mật khẩu").fill(demo.DEMO_PASSWORD)
    pg.get_by_role("button", name="Đăng nhập").click()
    pg.wait_for_load_state()


def _search(pg, typed: str) -> None:
    form = pg.get_by_role("search", name="Tìm người nộp trong sổ dân cư")
    form.get_by_role("textbox").fill(typed)
    form.get_by_role("button", name="Tìm", exact=True).click()
    pg.wait_for_url(re.compile(r".*tim=.*"))


@pytest.mark.parametrize("device, citizen_id", [(PHONE, "001099555101"), (DESKTOP, "001099555102")],
                         ids=["phone", "desktop"])
def test_officer_fills_the_intake_form_from_the_register(open_page, device, citizen_id):
    pg = open_page(device)
    _login(pg)
    pg.goto("/motcua/tiep-nhan?thu_tuc=HT04")
    _search(pg, "nguyen van a")
    matches = pg.get_by_role("list", name="Người tìm thấy trong sổ dân cư")
    assert "0912345678" not in matches.inner_text()  # masked in the list
    matches.get_by_role("link", name="Nguyễn Văn A", exact=True).first.click()
    pg.wait_for_url(re.compile(r".*nguoi=\d+.*"))
    assert pg.locator("input[name=applicant_full_name]").input_value() == "Nguyễn Văn A"
    assert pg.locator("input[name=applicant_phone]").input_value() == "0912345678"
    # a new applicant, received now, is found by the next look-up
    name = f"Phùng Thị Mới {citizen_id[-1]}"
    pg.locator("input[name=applicant_full_name]").fill(name)
    pg.locator("input[name=applicant_citizen_id]").fill(citizen_id)
    pg.locator("input[name=applicant_phone]").fill("")
    for box in pg.locator("input[name=doc]").all():
        box.check()
    pg.get_by_role("button", name="Tiếp nhận và in giấy hẹn").click()
    pg.wait_for_url(re.compile(r".*/motcua/ho-so/.+"))
    pg.goto("/motcua/tiep-nhan?thu_tuc=HT04")
    _search(pg, f"phung thi moi {citizen_id[-1]}")
    assert pg.get_by_role("list", name="Người tìm thấy trong sổ dân cư").get_by_role(
        "link", name=name, exact=True).is_visible()
    _search(pg, citizen_id)
    assert pg.get_by_role("list", name="Người tìm thấy trong sổ dân cư").get_by_text(name).is_visible()
    assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
