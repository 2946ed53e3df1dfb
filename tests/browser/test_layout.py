"""Issue 15 item 6 (part): on a phone (390 × 844) the header and the menu take at most a
fifth of the first screen; the menu opens without JavaScript; no sideways scrolling on the
dashboard; on a desktop (1366 px) the menu is always shown."""
from __future__ import annotations

import pytest

from .helpers import DESKTOP, PHONE, login

pytestmark = pytest.mark.browser


def _chrome_height(pg) -> float:
    return pg.evaluate("document.querySelector('.site-nav').getBoundingClientRect().bottom")


def test_phone_header_and_menu_fit_a_fifth_and_open_without_javascript(open_page):
    pg = open_page(PHONE, javascript=False)
    login(pg, "chutich")
    assert _chrome_height(pg) <= 844 / 5
    menu = pg.get_by_role("navigation", name="Điều hướng chính")
    assert not menu.get_by_role("link", name="Người dân").is_visible()
    pg.locator("label.menu-button").click()
    assert menu.get_by_role("link", name="Người dân").is_visible()
    assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_desktop_menu_is_always_shown(open_page):
    pg = open_page(DESKTOP)
    login(pg, "chutich")
    assert not pg.locator("label.menu-button").is_visible()
    assert pg.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Người dân").is_visible()
