"""A supplement request (Mẫu 02) in a real browser, on a phone (390 px) and a desktop
(1366 px) — issue 15 acceptance: a one-stop officer lists the missing documents one per
row and leaves a reason out; the dossier comes back with the error next to that row and
every typed row kept; the officer completes it and the request is made (R-MC-13)."""
from __future__ import annotations

import re

import pytest

from .helpers import DESKTOP, PHONE, login, no_sideways_scroll

pytestmark = pytest.mark.browser


@pytest.mark.rule("R-MC-13")
@pytest.mark.parametrize("device, citizen_id", [(PHONE, "001099555201"), (DESKTOP, "001099555202")],
                         ids=["phone", "desktop"])
def test_a_wrong_supplement_request_keeps_every_row_and_shows_the_error_by_the_row(open_page, device, citizen_id):
    pg = open_page(device)
    login(pg, "motcua")
    # a new dossier, received at the desk
    pg.goto("/motcua/tiep-nhan?thu_tuc=HT04")
    pg.locator("input[name=applicant_full_name]").fill(f"Đào Thị Bổ Sung {citizen_id[-1]}")
    pg.locator("input[name=applicant_citizen_id]").fill(citizen_id)
    for box in pg.locator("input[name=doc]").all():
        box.check()
    pg.get_by_role("button", name="Tiếp nhận và in giấy hẹn").click()
    pg.wait_for_url(re.compile(r".*/motcua/ho-so/[^/]+$"))
    dossier_url = pg.url

    # two documents missing; the second row has no reason
    pg.get_by_label("Giấy tờ dòng 1").fill("Giấy xác nhận tình trạng hôn nhân")
    pg.get_by_label("Lý do dòng 1").fill("Đã hết hạn sử dụng")
    pg.get_by_label("Giấy tờ dòng 2").fill("Tờ khai đăng ký kết hôn có chữ ký hai bên")
    pg.get_by_label("Công chức hướng dẫn").fill("Lê Thị Hướng Dẫn")
    pg.get_by_role("button", name="Lập phiếu yêu cầu bổ sung (Mẫu 02)").click()
    pg.wait_for_load_state()

    # the same dossier page, the error beside row 2's reason, every typed value kept
    error = pg.locator("#e-bo-sung-1")
    assert error.is_visible() and "Dòng 2: Ghi rõ lý do cần bổ sung, hoàn thiện." in error.inner_text()
    reason2 = pg.get_by_label("Lý do dòng 2")
    assert reason2.get_attribute("aria-invalid") == "true"
    assert reason2.get_attribute("aria-describedby") == "e-bo-sung-1"
    row2 = reason2.bounding_box()
    box = error.bounding_box()
    assert abs(box["x"] - row2["x"]) < 2 and 0 <= box["y"] - (row2["y"] + row2["height"]) < 40  # right under it
    assert pg.get_by_label("Giấy tờ dòng 1").input_value() == "Giấy xác nhận tình trạng hôn nhân"
    assert pg.get_by_label("Lý do dòng 1").input_value() == "Đã hết hạn sử dụng"
    assert pg.get_by_label("Giấy tờ dòng 2").input_value() == "Tờ khai đăng ký kết hôn có chữ ký hai bên"
    assert pg.get_by_label("Công chức hướng dẫn").input_value() == "Lê Thị Hướng Dẫn"
    assert pg.get_by_label("Lý do dòng 1").get_attribute("aria-invalid") is None
    assert no_sideways_scroll(pg)

    # completed, it goes through: the request is a step of the dossier
    reason2.fill("Thiếu chữ ký của một bên")
    pg.get_by_role("button", name="Lập phiếu yêu cầu bổ sung (Mẫu 02)").click()
    pg.wait_for_url(dossier_url)
    main = pg.locator("main").inner_text()
    assert "Đã cập nhật hồ sơ." in main
    assert "Chờ bổ sung" in main and "Yêu cầu bổ sung, hoàn thiện hồ sơ" in main  # the state, the Mẫu 02 issued
    assert pg.locator("#e-bo-sung-1").count() == 0
    assert no_sideways_scroll(pg)
