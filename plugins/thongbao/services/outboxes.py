"""The staff pages' queries: the outbox with filters, one message and its attempts, resend,
a test message through one channel."""
from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from thanthien.core import audit, outbox
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.outbox import DeliveryAttemptRow, OutboxRow
from thanthien.core.services import CoreServices
from thanthien.core.storage.db import write_transaction
from thanthien.core.types import SYSTEM_ACTOR, Actor

from .messages import channels, ward_name


def search(*, state: str | None = None, channel: str | None = None, kind: str | None = None,
           person_id: int | None = None, start: dt.date | None = None, end: dt.date | None = None,
           limit: int = 100, offset: int = 0) -> list[OutboxRow]:
    query = OutboxRow.select().order_by(OutboxRow.id.desc())
    if state:
        query = query.where(OutboxRow.state == state)
    if channel:
        query = query.where(OutboxRow.channel == channel)
    if kind:
        query = query.where(OutboxRow.kind == kind)
    if person_id:
        query = query.where(OutboxRow.person_id == person_id)
    if start:
        query = query.where(OutboxRow.created_at >= dt.datetime.combine(start, dt.time.min))
    if end:
        query = query.where(OutboxRow.created_at <= dt.datetime.combine(end, dt.time.max))
    return list(query.limit(limit).offset(offset))


def get(message_id: int) -> OutboxRow:
    row = OutboxRow.get_or_none(OutboxRow.id == message_id)
    if row is None:
        raise NotFound("Không tìm thấy tin nhắn.")
    return row


def attempts(message_id: int) -> list[dict[str, Any]]:
    rows = (DeliveryAttemptRow.select().where(DeliveryAttemptRow.message == message_id)
            .order_by(DeliveryAttemptRow.number))
    labels = {"sent": "Thành công", "error": "Lỗi", "interrupted": "Bị gián đoạn, sẽ gửi lại",
              "unconfirmed": "Không xác nhận được", "": "Đang gửi"}
    return [{"number": a.number, "started_at": a.started_at, "finished_at": a.finished_at,
             "outcome": a.outcome, "outcome_label": labels.get(a.outcome, a.outcome), "error": a.error}
            for a in rows]


def resend(message_id: int, *, actor: Actor) -> OutboxRow:
    """Queue a copy of a failed or unconfirmed message (audit-logged)."""
    get(message_id)
    with write_transaction():
        try:
            copy = outbox.resend(message_id, created_by=actor.person_id)
        except ValueError as exc:
            raise ValidationError([("id", str(exc))]) from None
        audit.record("outbox.resend", "core.outbox", message_id, actor=actor, after={"copy": copy.id})
    return copy


def send_test(core: CoreServices, channel_key: str, to: str, *, actor: Actor | None) -> tuple[bool, str]:
    """Send a test text through ``channel_key`` to ``to`` now; (ok, what happened)."""
    from thanthien.core.scheduler import policy

    available = channels(core)
    channel = available.get(channel_key)
    if channel is None:
        return False, f"Không có kênh '{channel_key}'."
    if not channel.configured():
        return False, f"Kênh {channel.label} chưa được cấu hình trong thanthien.toml."
    to = (to or "").strip()
    if channel.address == "email" and "@" not in to:
        return False, "Vui lòng nhập địa chỉ thư điện tử nhận tin thử."
    if channel.address == "phone" and not (to.lstrip("+").isdigit() and 9 <= len(to.lstrip("+")) <= 12):
        return False, "Vui lòng nhập số điện thoại nhận tin thử (9–12 chữ số)."
    text = f"{ward_name(core)}: tin nhắn thử qua kênh {channel.label}."
    actor = actor or SYSTEM_ACTOR
    with write_transaction():
        row = outbox.enqueue(channel.key, text, kind="thongbao.test", recipient=to, subject="Tin nhắn thử",
                             created_by=actor.person_id)
        audit.record("outbox.test", "core.outbox", row.id, actor=actor, after={"channel": channel.key})
    worker = outbox.worker_id()
    once = attrs.evolve(policy(core), max_attempts=1)  # a test is tried once, never retried later
    claimed = outbox.claim(worker, [channel.key], once, message_id=row.id)
    if claimed is None:
        return False, "Tin thử chưa gửi được; xem hộp thư đi."
    state = outbox.deliver_one(claimed, channel, worker, once)
    row = OutboxRow.get_by_id(row.id)
    if state == "sent":
        return True, f"Đã gửi tin thử qua kênh {channel.label} (tin số {row.id})."
    return False, f"Gửi tin thử qua kênh {channel.label} không được: {row.last_error}"
