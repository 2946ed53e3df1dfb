"""baocao in a real browser, on a phone (390 px) and a desktop (1366 px): the chairman sees
the plan's status without sideways scrolling and reaches the late dossiers behind a red
number in two clicks from the staff dashboard."""
from __future__ import annotations

import re

import pytest

from .helpers import DESKTOP, PHONE, login, nav_link, no_sideways_scroll

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_chairman_sees_the_plan_and_reaches_the_late_dossiers_in_two_clicks(open_page, device):
    pg = open_page(device)
    login(pg, "chutich")
    # click 1: the plan from the menu
    nav_link(pg, "Theo dõi kế hoạch").click()
    pg.wait_for_url("**/baocao/")
    assert pg.get_by_role("heading", level=1, name="Theo dõi thực hiện kế hoạch").is_visible()
    summary = pg.get_by_role("region", name="Tình hình chung")
    assert re.search(r"\d+ chưa đạt", summary.inner_text())
    assert no_sideways_scroll(pg)
    card = pg.locator("li.plan-card", has=pg.get_by_role("link", name="Hồ sơ trả quá hạn", exact=True))
    assert "Chưa đạt" in card.inner_text() and "Chỉ tiêu: 0 hồ sơ" in card.inner_text()
    # click 2: the red number
    card.get_by_role("link", name=re.compile("xem hồ sơ chi tiết")).click()
    pg.wait_for_url("**/baocao/chi-tieu/motcua/returned_late/ho-so*")
    assert pg.get_by_role("heading", level=1).inner_text().startswith("Hồ sơ trả quá hạn")
    dossiers = pg.locator("ul.plan-records a[href^='/motcua/ho-so/']")
    assert dossiers.count() >= 1
    assert no_sideways_scroll(pg)
    # the trend: an SVG chart with its table, still no sideways scroll
    pg.go_back()
    card.get_by_role("link", name="Hồ sơ trả quá hạn", exact=True).click()
    pg.wait_for_url("**/baocao/chi-tieu/motcua/returned_late?*")
    assert pg.get_by_role("img", name=re.compile("Hồ sơ trả quá hạn")).is_visible()
    assert pg.get_by_role("table", name="Số liệu của biểu đồ").is_visible()
    assert no_sideways_scroll(pg)
