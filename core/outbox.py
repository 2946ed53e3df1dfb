"""Transactional outbox (hộp thư đi): messages written with the change that causes them,
delivered later by the worker, at most once per channel.

* :func:`enqueue` inserts a row **inside the caller's transaction** (an event hook runs in
  the transaction of the change), so a rolled-back change sends nothing and a committed
  one is never lost. An ``idempotency_key`` makes a second enqueue of the same message a
  no-op.
* :func:`deliver_batch` (the worker's cycle) claims one row at a time with a conditional
  ``UPDATE … WHERE state = 'queued'`` and a lease, records an attempt, and calls the
  channel. The channel calls ``handover()`` just before the point of no return (the final
  ``.`` of SMTP ``DATA``, the HTTP request of an SMS gateway): from then on the row is
  ``handed`` in the database. A worker that dies (SIGKILL) leaves ``sending`` rows — never
  handed over, so they are queued again — or ``handed`` rows, which become ``unconfirmed``
  and are **not** sent again (at most once; staff decide to resend from the outbox page).
* A failed attempt is retried with exponential back-off (``backoff × 2^(n-1)``) until
  ``max_attempts``; then the message is ``failed``. A permanent error (a refused address)
  fails at once.
* ``secret`` messages (one-time codes) are never shown or logged in clear: the body is
  replaced by :data:`SECRET_MASK` once delivered or failed, and they are never resent.

Channels (e-mail, SMS, Zalo, print, a ward's own) come from the ``register_channels`` hook
(:class:`Channel`). Core owns the mechanism; the notifications module (``thongbao``)
decides who gets what.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol, runtime_checkable

import attrs
import peewee as pw

from .rollups import Counts
from .storage.db import BaseModel, is_sqlite, now, write_transaction

#: what a secret body becomes once it left (R-DL: a one-time code is never kept in clear)
SECRET_MASK = "••••••"

STATES = {
    "queued": "Chờ gửi",
    "sending": "Đang gửi",
    "handed": "Đã chuyển cho nhà cung cấp",
    "sent": "Đã gửi",
    "failed": "Gửi không được",
    "unconfirmed": "Chưa xác nhận (có thể đã gửi)",
    "cancelled": "Đã hủy",
}
OPEN_STATES = ("queued", "sending", "handed")


class OutboxRow(BaseModel):
    """One message to one recipient on one channel."""

    kind = pw.CharField(max_length=64, index=True)
    channel = pw.CharField(max_length=32, index=True)
    recipient = pw.CharField(max_length=255, default="")  # an address: personal data (R-DL-02)
    person_id = pw.IntegerField(null=True, index=True)
    subject = pw.CharField(max_length=255, default="")
    body = pw.TextField()
    link = pw.CharField(max_length=500, default="")
    ref = pw.CharField(max_length=64, default="", index=True)
    secret = pw.BooleanField(default=False)
    idempotency_key = pw.CharField(max_length=128, unique=True)
    state = pw.CharField(max_length=16, default="queued", index=True)
    attempts = pw.IntegerField(default=0)
    next_attempt_at = pw.DateTimeField(default=now, index=True)
    lease_owner = pw.CharField(max_length=128, default="")
    lease_until = pw.DateTimeField(null=True)
    provider_id = pw.CharField(max_length=255, default="")
    last_error = pw.TextField(default="")
    created_at = pw.DateTimeField(default=now, index=True)
    created_by = pw.IntegerField(null=True)
    sent_at = pw.DateTimeField(null=True)
    resend_of = pw.IntegerField(null=True)

    class Meta:
        table_name = "core_outbox"


class DeliveryAttemptRow(BaseModel):
    """One try of one message (who tried, when, what came of it)."""

    message = pw.ForeignKeyField(OutboxRow, backref="delivery_attempts", on_delete="CASCADE")
    number = pw.IntegerField()
    worker = pw.CharField(max_length=128)
    started_at = pw.DateTimeField()
    finished_at = pw.DateTimeField(null=True)
    outcome = pw.CharField(max_length=16, default="")  # sent | error | interrupted | unconfirmed
    error = pw.TextField(default="")

    class Meta:
        table_name = "core_outbox_attempt"


class OutboxCountRow(BaseModel):
    """Rollup: messages per channel × state, kept in step with every write of the outbox."""

    channel = pw.CharField(max_length=32)
    state = pw.CharField(max_length=16)
    count = pw.IntegerField(default=0)

    class Meta:
        table_name = "core_outbox_rollup"
        indexes = ((("channel", "state"), True),)


MODELS = [OutboxRow, DeliveryAttemptRow, OutboxCountRow]


def _count_source() -> Any:
    return (
        ((channel, state), n)
        for channel, state, n in OutboxRow.select(OutboxRow.channel, OutboxRow.state, pw.fn.COUNT(OutboxRow.id))
        .group_by(OutboxRow.channel, OutboxRow.state)
        .tuples()
        .iterator()
    )


#: messages per (channel, state): the outbox page's counts, never a count of the outbox
OUTBOX_COUNTS = Counts("core_outbox", OutboxCountRow, ("channel", "state"), _count_source)


# ---------------------------------------------------------------------------
# channels
# ---------------------------------------------------------------------------


@attrs.frozen
class OutgoingMessage:
    """What a channel receives: the row's content (never the database row itself)."""

    id: int
    kind: str
    recipient: str
    subject: str
    body: str
    link: str
    idempotency_key: str
    secret: bool = False


class ChannelError(Exception):
    """A delivery failed. ``retry``: a temporary failure (network, 4xx SMTP, HTTP 5xx);
    ``definite``: the provider surely did not take the message (False when the answer was
    lost after the hand-over: the outbox then marks it unconfirmed, never resends)."""

    def __init__(self, message: str, *, retry: bool = True, definite: bool = True) -> None:
        super().__init__(message)
        self.retry = retry
        self.definite = definite


@runtime_checkable
class Channel(Protocol):
    """A delivery channel (kênh gửi), contributed through ``register_channels``.

    ``key`` names it in the outbox; ``label`` is shown to staff; ``address`` is what a
    recipient needs (``"email"``, ``"phone"`` or ``"none"`` for the print list);
    ``max_length`` (characters, ``None``: unlimited) and ``ascii_only`` (drop diacritics)
    shape the text. ``configured()`` is false when the ward has not set it up: nothing is
    queued for it. ``send(message, handover)`` delivers, calling ``handover()`` just
    before the point after which the provider may have the message, and returns the
    provider's id (or ``""``); it raises :class:`ChannelError` on failure.
    """

    key: str
    label: str
    address: str
    max_length: int | None
    ascii_only: bool

    def configured(self) -> bool: ...

    def send(self, message: OutgoingMessage, handover: Callable[[], None]) -> str: ...


@attrs.frozen
class OutboxPolicy:
    """Retries and leases (``[plugin.core]`` ``outbox_*`` and ``worker_*`` settings)."""

    max_attempts: int = 5
    backoff_seconds: int = 60
    lease_seconds: int = 120
    batch_size: int = 50


# ---------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------


def enqueue(
    channel: str,
    body: str,
    *,
    kind: str,
    recipient: str = "",
    subject: str = "",
    person_id: int | None = None,
    link: str = "",
    ref: str = "",
    secret: bool = False,
    key: str | None = None,
    created_by: int | None = None,
    resend_of: int | None = None,
    not_before: dt.datetime | None = None,
) -> OutboxRow:
    """Write one message into the outbox in the caller's transaction.

    A message with the ``key`` of one already written is not written again (the row
    written first is returned): the same event fired twice sends once. ``not_before``
    holds it back (quiet hours).
    """
    key = key or uuid.uuid4().hex
    with write_transaction():
        existing = OutboxRow.get_or_none(OutboxRow.idempotency_key == key)
        if existing is not None:
            return existing
        row = OutboxRow.create(
            kind=kind,
            channel=channel,
            recipient=recipient,
            person_id=person_id,
            subject=subject[:255],
            body=body,
            link=link,
            ref=ref[:64],
            secret=secret,
            idempotency_key=key,
            created_by=created_by,
            resend_of=resend_of,
            created_at=now(),
            next_attempt_at=max(not_before or now(), now()),
        )
        OUTBOX_COUNTS.add((channel, row.state))
        return row


def resend(message_id: int, *, created_by: int | None = None) -> OutboxRow:
    """Queue a copy of a message that failed or was not confirmed (a staff decision).

    A secret message (a one-time code) is never resent: the module that made it issues a
    new code. Raises ``ValueError`` with the reason in Vietnamese."""
    row = OutboxRow.get_or_none(OutboxRow.id == message_id)
    if row is None:
        raise ValueError("Không tìm thấy tin nhắn.")
    if row.secret:
        raise ValueError("Tin có mã xác thực dùng một lần không được gửi lại; hãy cấp mã mới.")
    if row.state in OPEN_STATES:
        raise ValueError("Tin nhắn này đang chờ gửi, chưa thể gửi lại.")
    return enqueue(
        row.channel,
        row.body,
        kind=row.kind,
        recipient=row.recipient,
        subject=row.subject,
        person_id=row.person_id,
        link=row.link,
        ref=row.ref,
        key=f"{row.idempotency_key[:80]}:resend:{uuid.uuid4().hex[:12]}",
        created_by=created_by,
        resend_of=row.id,
    )


# ---------------------------------------------------------------------------
# delivering
# ---------------------------------------------------------------------------


def worker_id() -> str:
    """This process: host, pid and a random part (a restarted pid never matches)."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def recover_stale(at: dt.datetime | None = None) -> dict[str, int]:
    """Rows whose worker's lease ran out: ``sending`` (never handed over) are queued again;
    ``handed`` (the provider may have them) become ``unconfirmed`` — at most once."""
    at = at or now()
    counts = {"requeued": 0, "unconfirmed": 0}
    with write_transaction():
        stale = list(OutboxRow.select().where(OutboxRow.state.in_(("sending", "handed")), OutboxRow.lease_until < at))
        for row in stale:
            outcome = "interrupted" if row.state == "sending" else "unconfirmed"
            (
                DeliveryAttemptRow.update(finished_at=at, outcome=outcome, error="Tiến trình gửi dừng giữa chừng")
                .where(DeliveryAttemptRow.message == row.id, DeliveryAttemptRow.finished_at.is_null(True))
                .execute()
            )
            if row.state == "sending":
                moved = (
                    OutboxRow.update(state="queued", lease_owner="", lease_until=None)
                    .where(OutboxRow.id == row.id, OutboxRow.state == "sending")
                    .execute()
                )
                _moved(row.channel, "sending", "queued", moved)
                counts["requeued"] += 1
            else:
                moved = (
                    OutboxRow.update(
                        state="unconfirmed",
                        lease_owner="",
                        lease_until=None,
                        body=_masked(row),
                        last_error="Tiến trình gửi dừng sau khi chuyển tin; không biết nhà cung cấp đã nhận hay chưa",
                    )
                    .where(OutboxRow.id == row.id, OutboxRow.state == "handed")
                    .execute()
                )
                _moved(row.channel, "handed", "unconfirmed", moved)
                counts["unconfirmed"] += 1
    return counts


def claim(
    worker: str,
    channels: Iterable[str],
    policy: OutboxPolicy,
    at: dt.datetime | None = None,
    message_id: int | None = None,
) -> OutboxRow | None:
    """Take the oldest due message of ``channels`` (or the message ``message_id``) for
    ``worker``; ``None`` when there is none.

    The conditional update (``state = 'queued'``) makes two workers' claims exclusive on
    SQLite (IMMEDIATE transactions) and PostgreSQL (the second UPDATE re-reads the row)."""
    at = at or now()
    keys = list(channels)
    if not keys:
        return None
    for _ in range(5):  # another worker may win the race for a row: try the next one
        with write_transaction():
            query = OutboxRow.select().where(
                OutboxRow.state == "queued", OutboxRow.channel.in_(keys), OutboxRow.next_attempt_at <= at
            )
            if message_id is not None:
                query = query.where(OutboxRow.id == message_id)
            row = query.order_by(OutboxRow.next_attempt_at, OutboxRow.id).first()
            if row is None:
                return None
            won = (
                OutboxRow.update(
                    state="sending",
                    lease_owner=worker,
                    lease_until=at + dt.timedelta(seconds=policy.lease_seconds),
                    attempts=OutboxRow.attempts + 1,
                )
                .where(OutboxRow.id == row.id, OutboxRow.state == "queued")
                .execute()
            )
            if won:
                _moved(row.channel, "queued", "sending", won)
                row = OutboxRow.get_by_id(row.id)
                DeliveryAttemptRow.create(message=row.id, number=row.attempts, worker=worker, started_at=at)
                return row
    return None


def deliver_one(row: OutboxRow, channel: Channel, worker: str, policy: OutboxPolicy) -> str:
    """Send one claimed row through ``channel``; returns the row's new state."""
    handed = False

    def handover() -> None:
        nonlocal handed
        with write_transaction():
            moved = (
                OutboxRow.update(state="handed")
                .where(OutboxRow.id == row.id, OutboxRow.lease_owner == worker, OutboxRow.state == "sending")
                .execute()
            )
            _moved(row.channel, "sending", "handed", moved)
        handed = True

    message = OutgoingMessage(
        row.id, row.kind, row.recipient, row.subject, row.body, row.link, row.idempotency_key, row.secret
    )
    try:
        provider_id = channel.send(message, handover)
    except ChannelError as exc:
        return _failed(row, worker, policy, str(exc), retry=exc.retry, unknown=handed and not exc.definite)
    except Exception as exc:  # noqa: BLE001 - a channel's bug must not stop the worker
        return _failed(row, worker, policy, f"{type(exc).__name__}: {exc}", retry=True, unknown=handed)
    at = now()
    with write_transaction():
        _set_state(
            row.id,
            "sent",
            sent_at=at,
            provider_id=(provider_id or "")[:255],
            lease_owner="",
            lease_until=None,
            last_error="",
            body=_masked(row),
        )
        _finish_attempt(row, at, "sent", "")
    return "sent"


def _failed(row: OutboxRow, worker: str, policy: OutboxPolicy, error: str, *, retry: bool, unknown: bool) -> str:
    at = now()
    error = error[:2000]
    changes: dict[str, Any]
    with write_transaction():
        if unknown:
            state, changes = "unconfirmed", {"body": _masked(row)}
        elif retry and row.attempts < policy.max_attempts:
            delay = policy.backoff_seconds * 2 ** (row.attempts - 1)
            state, changes = "queued", {"next_attempt_at": at + dt.timedelta(seconds=delay)}
        else:
            state, changes = "failed", {"body": _masked(row)}
        _set_state(row.id, state, last_error=error, lease_owner="", lease_until=None, **changes)
        _finish_attempt(row, at, "unconfirmed" if unknown else "error", error)
    return state


def _finish_attempt(row: OutboxRow, at: dt.datetime, outcome: str, error: str) -> None:
    (
        DeliveryAttemptRow.update(finished_at=at, outcome=outcome, error=error)
        .where(DeliveryAttemptRow.message == row.id, DeliveryAttemptRow.number == row.attempts)
        .execute()
    )


def _moved(channel: str, before: str, after: str, rows: int) -> None:
    """A conditional update moved ``rows`` (0 or 1) messages of ``channel`` from ``before`` to ``after``."""
    if rows:
        OUTBOX_COUNTS.move((channel, before), (channel, after))


def _set_state(message_id: int, state: str, **changes: Any) -> None:
    """Set a message's state whatever it was (the end of a delivery: ``sending`` or
    ``handed``, or changed meanwhile by a recovery), its count moved from the state read
    under the row's lock (PostgreSQL; SQLite's transaction holds the write lock)."""
    query = OutboxRow.select(OutboxRow.channel, OutboxRow.state).where(OutboxRow.id == message_id)
    if not is_sqlite():
        query = query.for_update()
    current = query.first()
    if current is None:
        return
    OutboxRow.update(state=state, **changes).where(OutboxRow.id == message_id).execute()
    OUTBOX_COUNTS.move((current.channel, current.state), (current.channel, state))


def _masked(row: OutboxRow) -> str:
    return SECRET_MASK if row.secret else row.body


def deliver_batch(
    channels: Mapping[str, Channel],
    policy: OutboxPolicy,
    *,
    worker: str | None = None,
    limit: int | None = None,
    stop: Callable[[], bool] | None = None,
) -> dict[str, int]:
    """One worker cycle: recover stale rows, then deliver due messages one at a time.

    Only configured channels are served; a message of a channel that is not (or no
    longer) configured waits. Returns counts per resulting state.
    """
    worker = worker or worker_id()
    recover_stale()
    ready = {key: ch for key, ch in channels.items() if ch.configured()}
    counts: dict[str, int] = {}
    for _ in range(limit or policy.batch_size):
        if stop is not None and stop():
            break
        row = claim(worker, ready, policy)
        if row is None:
            break
        state = deliver_one(row, ready[row.channel], worker, policy)
        counts[state] = counts.get(state, 0) + 1
    return counts


def counts_by_state(since: dt.datetime | None = None) -> dict[tuple[str, str], int]:
    """``{(channel, state): n}`` of all messages (the rollup, a handful of rows), or of
    those created since ``since`` (counted from the outbox: not for a request)."""
    if since is None:
        return OUTBOX_COUNTS.read()
    query = OutboxRow.select(OutboxRow.channel, OutboxRow.state, pw.fn.COUNT(OutboxRow.id).alias("n"))
    if since is not None:
        query = query.where(OutboxRow.created_at >= since)
    rows: Any = query.group_by(OutboxRow.channel, OutboxRow.state).tuples()
    return {(channel, state): n for channel, state, n in rows}


def as_dict(row: OutboxRow, *, with_recipient: bool = False) -> dict[str, Any]:
    """A row for pages and JSON: the body masked when secret; the address only on request
    (the caller audit-logs a full read)."""
    return {
        "id": row.id,
        "kind": row.kind,
        "channel": row.channel,
        "state": row.state,
        "state_label": STATES.get(row.state, row.state),
        "subject": row.subject,
        "body": SECRET_MASK if row.secret else row.body,
        "secret": row.secret,
        "link": row.link,
        "ref": row.ref,
        "person_id": row.person_id,
        "attempts": row.attempts,
        "next_attempt_at": row.next_attempt_at,
        "created_at": row.created_at,
        "sent_at": row.sent_at,
        "last_error": row.last_error,
        "resend_of": row.resend_of,
        "recipient": row.recipient if with_recipient else mask_address(row.recipient),
    }


def mask_address(address: str) -> str:
    """``n***@example.vn``, ``09*****123``: enough for staff to tell two apart."""
    if not address:
        return ""
    if "@" in address:
        name, _, domain = address.partition("@")
        return f"{name[:1]}***@{domain}"
    if len(address) <= 4:
        return "*" * len(address)
    return f"{address[:2]}{'*' * (len(address) - 5)}{address[-3:]}"
