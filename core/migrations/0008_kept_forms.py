"""Forms kept across a session timeout (core/kept_forms.py): short-lived, tied to an
account, encrypted with a key the database does not hold."""

import peewee as pw

from thanthien.core.storage.db import BaseModel


# A frozen copy of the model as this migration creates it.
class KeptFormRow(BaseModel):
    token_hash = pw.CharField(max_length=64, primary_key=True)
    account_id = pw.BigIntegerField(index=True)
    page_path = pw.CharField(max_length=500)
    action_path = pw.CharField(max_length=500)
    created_at = pw.DateTimeField()
    expires_at = pw.DateTimeField(index=True)
    payload = pw.TextField()

    class Meta:
        table_name = "core_kept_form"


def up(migrator, db):
    db.create_tables([KeptFormRow])
