"""Ended role grants are kept (``core_role_grant_ended``): a residential group's head
replaced after an election, dismissed or standing in as interim head leaves a record of
who held the role, from when to when and why (R-DV-15, R-DV-18), instead of a deleted
row."""

import peewee as pw

from thanthien.core.storage.db import BaseModel, now


class _Person(BaseModel):
    class Meta:
        table_name = "core_person"


class _Unit(BaseModel):
    class Meta:
        table_name = "core_unit"


# Frozen copy of the model as this migration creates it.
class EndedRoleGrantRow(BaseModel):
    person = pw.ForeignKeyField(_Person, backref="+", on_delete="CASCADE")
    role = pw.CharField(max_length=64, index=True)
    unit = pw.ForeignKeyField(_Unit, null=True, backref="+", on_delete="CASCADE")
    granted_at = pw.DateTimeField(null=True)
    ended_at = pw.DateTimeField(default=now)
    reason = pw.TextField(default="")

    class Meta:
        table_name = "core_role_grant_ended"


def up(migrator, db):
    db.create_tables([EndedRoleGrantRow], safe=True)  # a database built by a newer 0001 has it
