"""Issue 10 (privacy and authority), core's columns:

* ``core_audit.mac``: HMAC-SHA256(key, hash) with a key kept outside the database
  (``[audit] key_file`` or ``THANTHIEN_AUDIT_KEY``), so a chain re-hashed with the app's
  own function no longer verifies; entries written before the key have none (the first
  signed checkpoint names them).
* ``core_account.totp_last_step``: the last TOTP time step accepted, so a code is refused
  the second time within its window.
* ``core_account.must_change_password``: set by an administrator's reset; the next login
  must choose a new password before anything else.
* ``core_account.demo``: an account of the demo ward (the public demo password, no
  second factor by default).

All nullable: the audit table refuses UPDATE, so no back-fill is needed or possible.
"""

import peewee as pw

from thanthien.core.storage.migrate import add_columns


def up(migrator, db):
    add_columns(migrator, db, "core_audit", {"mac": pw.CharField(max_length=64, null=True)})
    add_columns(
        migrator,
        db,
        "core_account",
        {
            "totp_last_step": pw.BigIntegerField(null=True),
            "must_change_password": pw.BooleanField(null=True),
            "demo": pw.BooleanField(null=True),
        },
    )
