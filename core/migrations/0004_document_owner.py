"""Every document knows what it belongs to: an owner (``owner_kind``/``owner_id``, e.g.
``thamhoi.letter`` 12) besides its case and unit, and the permission needed to read it
(``view_permission``; empty: ``core.documents.view``). A document without a case, an
owner and a unit is a ward resource: only ward-wide grants read it."""

import peewee as pw

from thanthien.core.storage.migrate import add_columns


def up(migrator, db):
    add_columns(
        migrator,
        db,
        "core_document",
        {
            "owner_kind": pw.CharField(max_length=64, default=""),
            "owner_id": pw.BigIntegerField(null=True),
            "view_permission": pw.CharField(max_length=100, default=""),
        },
    )
