"""The community vote engine (core/voting.py): votes, their electorate snapshotted from
the household register, and every household's choice per channel (nothing deleted)."""

import peewee as pw

from thanthien.core.storage.db import BaseModel, JSONField, now


# Frozen copies of the models as this migration creates them.
class VoteRow(BaseModel):
    ref = pw.CharField(max_length=128, index=True)
    title = pw.CharField(max_length=400)
    kind = pw.IntegerField()
    scope = pw.CharField(max_length=16)
    form = pw.CharField(max_length=16)
    unit_ids = JSONField(default=list)
    options = JSONField(default=list)
    option_labels = JSONField(default=dict)
    agree_option = pw.CharField(max_length=64, default="")
    max_choices = pw.IntegerField(default=1)
    rule_id = pw.CharField(max_length=16)
    state = pw.CharField(max_length=16, index=True, default="open")
    opened_at = pw.DateTimeField(default=now)
    opened_by_id = pw.IntegerField(null=True)
    opened_by_name = pw.CharField(max_length=255, default="")
    closes_at = pw.DateTimeField(null=True)
    closed_at = pw.DateTimeField(null=True)
    closed_by_id = pw.IntegerField(null=True)
    closed_by_name = pw.CharField(max_length=255, default="")
    cancel_reason = pw.TextField(default="")
    electorate_total = pw.IntegerField(default=0)
    result = JSONField(null=True)
    data = JSONField(default=dict)

    class Meta:
        table_name = "core_vote"


class VoteElectorRow(BaseModel):
    vote = pw.ForeignKeyField(VoteRow, backref="electors", on_delete="RESTRICT")
    household_id = pw.IntegerField()
    group_id = pw.IntegerField()

    class Meta:
        table_name = "core_vote_elector"
        indexes = ((("vote", "household_id"), True),)


class VoteChoiceRow(BaseModel):
    vote = pw.ForeignKeyField(VoteRow, backref="choices", on_delete="RESTRICT")
    household_id = pw.IntegerField(index=True)
    group_id = pw.IntegerField()
    channel = pw.CharField(max_length=16)
    method = pw.CharField(max_length=32)
    options = JSONField(default=list)
    representative = pw.CharField(max_length=255, default="")
    proxy = pw.BooleanField(default=False)
    note = pw.TextField(default="")
    cast_at = pw.DateTimeField()
    recorded_at = pw.DateTimeField(default=now)
    recorded_by_id = pw.IntegerField(null=True)
    recorded_by_name = pw.CharField(max_length=255, default="")
    superseded_at = pw.DateTimeField(null=True)
    superseded_by = pw.IntegerField(null=True)
    voided_at = pw.DateTimeField(null=True)
    void_reason = pw.TextField(default="")

    class Meta:
        table_name = "core_vote_choice"
        indexes = ((("vote", "household_id", "channel"), False),)


def up(migrator, db):
    db.create_tables([VoteRow, VoteElectorRow, VoteChoiceRow])
