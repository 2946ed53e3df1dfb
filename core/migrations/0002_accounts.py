"""Staff accounts, server-side sessions and login throttling (core/accounts.py)."""

import peewee as pw

from thanthien.core.storage.db import BaseModel, now


class _Person(BaseModel):
    class Meta:
        table_name = "core_person"


# Frozen copies of the models as this migration creates them.
class AccountRow(BaseModel):
    person = pw.ForeignKeyField(_Person, unique=True, on_delete="CASCADE")
    username = pw.CharField(max_length=64, unique=True)
    password_hash = pw.CharField(max_length=255)
    totp_secret = pw.CharField(max_length=64, default="")
    disabled = pw.BooleanField(default=False)
    password_changed_at = pw.DateTimeField(default=now)
    created_at = pw.DateTimeField(default=now)
    last_login_at = pw.DateTimeField(null=True)

    class Meta:
        table_name = "core_account"


class SessionRow(BaseModel):
    id_hash = pw.CharField(max_length=64, primary_key=True)
    account = pw.ForeignKeyField(AccountRow, on_delete="CASCADE")
    stage = pw.CharField(max_length=16, default="full")
    created_at = pw.DateTimeField()
    last_seen = pw.DateTimeField()
    expires_at = pw.DateTimeField(index=True)
    revoked_at = pw.DateTimeField(null=True)
    ip = pw.CharField(max_length=64, default="")
    user_agent = pw.CharField(max_length=255, default="")

    class Meta:
        table_name = "core_session"


class LoginThrottleRow(BaseModel):
    key = pw.CharField(max_length=160, primary_key=True)
    failures = pw.IntegerField(default=0)
    last_failure_at = pw.DateTimeField(null=True)
    locked_until = pw.DateTimeField(null=True)

    class Meta:
        table_name = "core_login_throttle"


def up(migrator, db):
    db.create_tables([AccountRow, SessionRow, LoginThrottleRow])
