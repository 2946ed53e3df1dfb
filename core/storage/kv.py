"""A small key–value store in the ward database (``core_kv``).

For pieces of state that are not domain data: the app secret that signs cookies, the
working calendar's fingerprint, the demo ward's marker, a plugin's salt. Values are JSON.
Keys are namespaced by their owner (``web.secret``, ``calendar.fingerprint``,
``tiepdan.client_salt``). Write inside the caller's transaction when the value must
change together with other rows.
"""

from __future__ import annotations

from typing import Any

import peewee as pw

from .db import BaseModel, JSONField, now


class KeyValueRow(BaseModel):
    """Small pieces of state (calendar fingerprint, demo marker, app secret)."""

    key = pw.CharField(max_length=128, primary_key=True)
    value = JSONField(null=True)
    updated_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "core_kv"


def kv_get(key: str, default: Any = None) -> Any:
    """The value stored under ``key``, or ``default``."""
    row = KeyValueRow.get_or_none(KeyValueRow.key == key)
    return row.value if row else default


def kv_set(key: str, value: Any) -> None:
    """Store ``value`` (JSON) under ``key``, replacing any previous value."""
    (
        KeyValueRow.insert(key=key, value=value, updated_at=now())
        .on_conflict(
            conflict_target=[KeyValueRow.key], update={KeyValueRow.value: value, KeyValueRow.updated_at: now()}
        )
        .execute()
    )
