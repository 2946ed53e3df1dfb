"""Indicators of the thongbao module (chỉ tiêu): messages sent and failed, per channel."""
from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

from thanthien.core.outbox import OutboxRow
from thanthien.core.types import Indicator

from .types import CHANNEL_LABELS, PLUGIN

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.combine(start, dt.time.min), dt.datetime.combine(end, dt.time.max)


def sent(core: CoreServices, start: dt.date, end: dt.date, channel: str | None = None) -> int:
    """Messages delivered in [start, end] (on ``channel`` when given)."""
    lo, hi = _bounds(start, end)
    query = OutboxRow.select().where(OutboxRow.state == "sent", OutboxRow.sent_at.between(lo, hi))
    if channel:
        query = query.where(OutboxRow.channel == channel)
    return query.count()


def failed(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Messages written in [start, end] that failed or could not be confirmed."""
    lo, hi = _bounds(start, end)
    return OutboxRow.select().where(OutboxRow.state.in_(("failed", "unconfirmed")),
                                    OutboxRow.created_at.between(lo, hi)).count()


def failed_share(core: CoreServices, start: dt.date, end: dt.date) -> float | None:
    """Share (%) of the messages written in [start, end] that did not arrive."""
    lo, hi = _bounds(start, end)
    total = OutboxRow.select().where(OutboxRow.created_at.between(lo, hi),
                                     OutboxRow.state.in_(("sent", "failed", "unconfirmed"))).count()
    if not total:
        return None
    return round(100 * failed(core, start, end) / total, 1)


def indicators(core: CoreServices) -> list[Indicator]:
    out = [
        Indicator(f"{PLUGIN}.sent", "Tin nhắn đã gửi tới người dân, cán bộ", "tin", sent, None, PLUGIN),
        Indicator(f"{PLUGIN}.failed", "Tin nhắn gửi không được hoặc chưa xác nhận", "tin", failed, 0, PLUGIN,
                  direction="lower"),
        Indicator(f"{PLUGIN}.failed_share", "Tỷ lệ tin nhắn gửi không được", "%", failed_share, 0, PLUGIN,
                  direction="lower"),
    ]
    for key, label in CHANNEL_LABELS.items():
        out.append(Indicator(f"{PLUGIN}.sent_{key}", f"Tin đã gửi qua kênh: {label}", "tin",
                             partial(sent, channel=key), None, PLUGIN))
    return out
