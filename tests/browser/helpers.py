"""Helpers of the browser tests (fixtures are in conftest.py)."""
from __future__ import annotations

from thanthien.core import demo


def login(page, username: str, password: str = demo.DEMO_PASSWORD) -> None:
    """Log in through the login page and wait for the dashboard."""
    page.goto("/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/dashboard")
