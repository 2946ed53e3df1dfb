"""Issue 15 acceptance, in a real browser: no demo role meets a 403 by following the links
it is shown — every demo login (one per role, the reception officer included) lands on a
page it can open, and every link of its main menu and of that landing page opens, on a
phone (390 px, the menu folded behind "Danh mục") and on a desktop (1366 px).

tests/web/test_role_sweep.py walks deeper with the test client; here the links are the
ones the browser shows (visible after opening the menu), fetched with the browser's own
session."""
from __future__ import annotations

import pytest

from thanthien.core import demo

from .helpers import DESKTOP, PHONE

pytestmark = pytest.mark.browser

#: links that are not pages to open (a download is opened too: it is a link shown)
SKIP = ("/logout", "/static/", "#", "mailto:", "tel:")

SHOWN_LINKS = """(root) => Array.from(document.querySelectorAll(root + ' a[href]'))
    .filter(a => a.offsetParent !== null || a.getClientRects().length > 0)
    .map(a => a.getAttribute('href'))"""


def _land(pg, username: str) -> str:
    pg.goto("/login")
    pg.get_by_label("Tên đăng nhập").fill(username)
    pg.get_by_label("Mật khẩu").fill(demo.DEMO_PASSWORD)
    pg.get_by_role("button", name="Đăng nhập").click()
    pg.wait_for_url(lambda url: "/login" not in url)
    return pg.url


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_demo_login_meets_a_403_by_following_the_links_it_is_shown(open_page, live_server, device):
    logins = live_server["logins"]
    assert "tiepcongdan" in logins and len(logins) >= 9
    forbidden: list[str] = []
    for username in logins:
        pg = open_page(device)
        landing = _land(pg, username)
        assert pg.request.get(landing).status == 200, f"{username}: lands on {landing}"
        assert "Không có quyền truy cập" not in pg.locator("main").inner_text(), f"{username}: {landing}"
        button = pg.locator("label.menu-button")
        if button.is_visible():
            button.click()  # the phone's folded menu: its links are shown once opened
        hrefs = set(pg.evaluate(SHOWN_LINKS, "nav")) | set(pg.evaluate(SHOWN_LINKS, "main"))
        hrefs = {h for h in hrefs if h.startswith("/") and not h.startswith(SKIP)}
        assert hrefs, f"{username}: no link shown on {landing}"
        for href in sorted(hrefs):
            r = pg.request.get(href, max_redirects=5)
            if r.status == 403 or r.status >= 500:
                forbidden.append(f"{username}: {href} → {r.status} (trên {landing})")
        pg.context.close()
    assert not forbidden, "\n".join(forbidden)
