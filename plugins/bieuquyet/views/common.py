"""Helpers shared by the bieuquyet pages."""
from __future__ import annotations

from starlette.requests import Request

from thanthien.core.errors import ValidationError
from thanthien.web.request import query_text

BASE = "/bieuquyet"
PUBLIC_HOME = ("Nhân dân bàn và quyết định", f"{BASE}/")
DESK = ("Bàn và quyết định", f"{BASE}/can-bo")
#: the most a page lists at once
PER_PAGE = 50
SMALL = 64 * 1024


def choice(request: Request, name: str, allowed: dict) -> str:
    value = query_text(request, name)
    if value and value not in allowed:
        raise ValidationError([(name, "Giá trị không hợp lệ.")])
    return value
