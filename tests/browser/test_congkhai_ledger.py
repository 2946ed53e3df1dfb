"""The dissemination ledger in a real browser on the demo ward (45 residential groups), on a
phone (390 px) and a desktop (1366 px): the culture officer narrows the ledger of a new
notice to one group's places not yet posted, ticks them and records "đã niêm yết" for
today at once; the page comes back with the filter kept, the confirmation and the dates.
A group head sees only his own group's places. Nothing scrolls sideways on the phone and
no date column is clipped on the desktop."""
from __future__ import annotations

import datetime as dt

import pytest

from .helpers import DESKTOP, PHONE, login, no_sideways_scroll

pytestmark = pytest.mark.browser

TODAY = dt.date.today().strftime("%d/%m/%Y")
CLIPPED = """() => [...document.querySelectorAll('table.reflow td.date, table.reflow th.date')]
    .filter(c => c.offsetParent !== null && c.scrollWidth > c.clientWidth + 1).length"""


def _published_notice(pg, title: str) -> int:
    """A published budget notice, made through the JSON twins as the logged-in officer."""
    csrf = pg.request.get("/-/csrf.json").json()["csrf_token"]
    headers = {"X-CSRF-Token": csrf}
    r = pg.request.post("/congkhai/can-bo/thong-bao/moi.json", headers=headers,
                        data={"category": "ngan_sach", "title": title, "body_html": "<p>Tổng thu 12 tỷ đồng</p>"})
    assert r.ok, r.text()
    notice_id = int(r.json()["notice_id"])
    r = pg.request.post(f"/congkhai/can-bo/thong-bao/{notice_id}/cong-khai.json", headers=headers, data={})
    assert r.ok, r.text()
    return notice_id


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_officer_filters_and_records_a_group_at_once_group_head_sees_own_group(open_page, device):
    pg = open_page(device)
    login(pg, "vanhoa")
    where = "điện thoại" if device is PHONE else "máy tính"
    notice_id = _published_notice(pg, f"Dự toán ngân sách phường năm 2026 ({where})")
    pg.goto(f"/congkhai/can-bo/thong-bao/{notice_id}/so-niem-yet")
    assert pg.get_by_role("heading", level=1).inner_text() == "Ghi nhận niêm yết"
    # one page of groups, not the whole ward: the ward's own places and ten groups at most
    assert 2 <= pg.locator("section.ledger-group").count() <= 11
    assert pg.get_by_role("link", name="Trang sau »").is_visible()
    assert no_sideways_scroll(pg)
    if device is DESKTOP:
        assert pg.evaluate(CLIPPED) == 0

    pg.get_by_label("Tổ dân phố", exact=True).select_option(label="Tổ dân phố số 3")
    pg.get_by_label("Tình trạng").select_option("pending")
    pg.get_by_role("button", name="Lọc").click()
    pg.wait_for_url("**status=pending**")
    group = pg.locator("section.ledger-group")
    assert group.count() == 1 and group.get_by_role("heading", level=2).inner_text() == "Tổ dân phố số 3"
    boxes = group.get_by_role("checkbox")
    n = boxes.count()
    assert n >= 2
    assert group.get_by_label("Ngày (dd/mm/yyyy) cho các nơi đã đánh dấu").input_value() == ""  # nothing pre-filled
    for i in range(n):
        boxes.nth(i).check()
    group.get_by_label("Ngày (dd/mm/yyyy) cho các nơi đã đánh dấu").fill(TODAY)
    group.get_by_role("button", name="Đã niêm yết, đã thực hiện ngày này").click()
    pg.wait_for_load_state()
    assert "status=pending" in pg.url and "group=" in pg.url  # the filter is kept
    assert f"Đã ghi nhận niêm yết, thực hiện ngày {TODAY} cho {n} nơi." in pg.get_by_role("status").first.inner_text()
    assert pg.get_by_label("Tình trạng").input_value() == "pending"
    assert pg.get_by_label("Tổ dân phố", exact=True).locator("option:checked").inner_text() == "Tổ dân phố số 3"
    assert "Không có nơi nào khớp bộ lọc." in pg.content()
    # the same group, every status: each place recorded today
    pg.get_by_label("Tình trạng").select_option("")
    pg.get_by_role("button", name="Lọc").click()
    pg.wait_for_url(lambda url: "status=pending" not in url)
    rows = pg.locator("section.ledger-group tbody tr")
    assert rows.count() == n
    for i in range(n):
        assert TODAY in rows.nth(i).inner_text() and "Đã thực hiện" in rows.nth(i).inner_text()
    assert no_sideways_scroll(pg)
    if device is DESKTOP:
        assert pg.evaluate(CLIPPED) == 0

    head = open_page(device)
    login(head, "totruong01")
    head.goto(f"/congkhai/can-bo/thong-bao/{notice_id}/so-niem-yet")
    headings = head.locator("section.ledger-group h2")
    assert headings.count() == 1 and headings.inner_text() == "Tổ dân phố số 1"
    assert "Tổ dân phố số 3" not in head.content() and "Bảng niêm yết tại trụ sở" not in head.content()
    assert no_sideways_scroll(head)
