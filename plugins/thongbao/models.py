"""Tables of the thongbao module, prefixed ``thongbao_``; only :mod:`.services` writes them.

The messages themselves are core's outbox (``core_outbox``); here are a person's consent
and their subscriptions to notices.
"""
from __future__ import annotations

import peewee as pw

from thanthien.core.storage.db import BaseModel, now


class ConsentRow(BaseModel):
    """A person's consent to one category of messages (R-DL-04): given or withdrawn."""

    person_id = pw.IntegerField(index=True)
    category = pw.CharField(max_length=32)
    granted = pw.BooleanField(default=False)
    source = pw.CharField(max_length=16, default="")
    note = pw.CharField(max_length=255, default="")
    recorded_at = pw.DateTimeField(default=now)
    recorded_by = pw.IntegerField(null=True)

    class Meta:
        table_name = "thongbao_consent"
        indexes = ((("person_id", "category"), True),)


class SubscriptionRow(BaseModel):
    """A person follows the notices of a residential group (``unit_id``) or a category."""

    person_id = pw.IntegerField(index=True)
    unit_id = pw.IntegerField(null=True, index=True)
    category = pw.CharField(max_length=64, default="", index=True)
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "thongbao_subscription"
        indexes = ((("person_id", "unit_id", "category"), True),)


MODELS = [ConsentRow, SubscriptionRow]
