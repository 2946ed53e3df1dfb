"""The transactional outbox (``core_outbox``, ``core_outbox_attempt``) and the scheduled
jobs' state (``core_job``): see core/outbox.py and core/scheduler.py."""

import peewee as pw

from thanthien.core.storage.db import BaseModel, now


# Frozen copies of the models as this migration creates them.
class OutboxRow(BaseModel):
    kind = pw.CharField(max_length=64, index=True)
    channel = pw.CharField(max_length=32, index=True)
    recipient = pw.CharField(max_length=255, default="")
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
    message = pw.ForeignKeyField(OutboxRow, backref="delivery_attempts", on_delete="CASCADE")
    number = pw.IntegerField()
    worker = pw.CharField(max_length=128)
    started_at = pw.DateTimeField()
    finished_at = pw.DateTimeField(null=True)
    outcome = pw.CharField(max_length=16, default="")
    error = pw.TextField(default="")

    class Meta:
        table_name = "core_outbox_attempt"


class JobRow(BaseModel):
    name = pw.CharField(max_length=64, primary_key=True)
    next_run_at = pw.DateTimeField(index=True)
    lease_owner = pw.CharField(max_length=128, default="")
    lease_until = pw.DateTimeField(null=True)
    last_started_at = pw.DateTimeField(null=True)
    last_finished_at = pw.DateTimeField(null=True)
    last_status = pw.CharField(max_length=16, default="")
    last_output = pw.TextField(default="")
    runs = pw.IntegerField(default=0)
    failures = pw.IntegerField(default=0)
    consecutive_failures = pw.IntegerField(default=0)

    class Meta:
        table_name = "core_job"


def up(migrator, db):
    db.create_tables([OutboxRow, DeliveryAttemptRow, JobRow], safe=True)
