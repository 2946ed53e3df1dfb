"""Helpers of the browser tests (fixtures are in conftest.py)."""
from __future__ import annotations

from thanthien.core import demo

#: the two viewports every new flow is tried on (issue brief: phone 390 px, desktop 1366 px)
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


def no_sideways_scroll(pg) -> bool:
    """Whether the page fits its viewport's width (nothing to scroll sideways)."""
    return pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def login(page, username: str, password: str = demo.DEMO_PASSWORD) -> None:
    """Log in through the login page and wait for the dashboard."""
    page.goto("/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/dashboard")


def nav_link(page, name: str):
    """A link of the main menu, opening the menu first where it is folded behind
    "Danh mục" (phones)."""
    button = page.locator("label.menu-button")
    if button.is_visible():
        button.click()
    return page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name=name)
