"""The JSON shape of every thongbao page (``page(..., schema=…)``): typed view models."""
from __future__ import annotations

from typing import Any

import attrs


@attrs.frozen
class OutboxPage:
    """Hộp thư đi: tin nhắn và trạng thái gửi, lọc theo trạng thái, kênh, loại, ngày."""

    messages: list[dict[str, Any]]
    state: str
    channel: str
    kind: str
    start: str
    end: str
    counts: dict[str, int]
    page: int
    has_next: bool


@attrs.frozen
class MessagePage:
    """Một tin nhắn: nội dung (mã xác thực được ẩn), người nhận (che bớt), các lần gửi."""

    message: dict[str, Any]
    attempts: list[dict[str, Any]]
    can_resend: bool


@attrs.frozen
class ChannelsPage:
    """Các kênh gửi: đã cấu hình hay chưa, gửi tin thử."""

    channels: list[dict[str, Any]]
    values: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class ConsentPage:
    """Sự đồng ý nhận tin của một người dân, theo từng loại tin (R-DL-04)."""

    person: dict[str, Any]
    consents: list[dict[str, Any]]
    messages: list[dict[str, Any]]
    values: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class PrintListPage:
    """Danh sách tin để cán bộ trao tay hoặc đọc trên loa."""

    messages: list[dict[str, Any]]
    day: str
