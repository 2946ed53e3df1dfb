"""The outbox's counts per channel × state (``core_outbox_rollup``), kept in step with
every write of ``core_outbox`` (issue 16: the outbox page never counts the outbox).

Filled here from the existing messages; ``thanthien rollups check`` compares it with them
and ``thanthien rollups rebuild`` recounts it.
"""

import peewee as pw

from thanthien.core.storage.db import BaseModel


class OutboxCountRow(BaseModel):
    channel = pw.CharField(max_length=32)
    state = pw.CharField(max_length=16)
    count = pw.IntegerField(default=0)

    class Meta:
        table_name = "core_outbox_rollup"
        indexes = ((("channel", "state"), True),)


def up(migrator, db):
    db.create_tables([OutboxCountRow], safe=True)
    db.execute_sql("DELETE FROM core_outbox_rollup")
    db.execute_sql(
        'INSERT INTO core_outbox_rollup (channel, state, "count") '
        "SELECT channel, state, COUNT(*) FROM core_outbox GROUP BY channel, state"
    )
