"""The audit log's keyed signature: ``core_audit.mac`` holds HMAC-SHA256(key, hash) with a
key kept outside the database (``[audit] key_file`` or ``THANTHIEN_AUDIT_KEY``), so a chain
re-hashed with the app's own function no longer verifies. Nullable: entries written before
the key existed have none (the first signed checkpoint names them)."""
import peewee as pw

from thanthien.core.storage.migrate import add_columns


def up(migrator, db):
    add_columns(migrator, db, "core_audit", {"mac": pw.CharField(max_length=64, null=True)})
