"""Indexes of the indicators (issue 16): consultations ending and matters decided in a
period are counted by an index range search, not a read of the whole table."""


def up(migrator, db):
    db.execute_sql("CREATE INDEX IF NOT EXISTS bieuquyet_consultation_ends_on ON bieuquyet_consultation (ends_on)")
    db.execute_sql("CREATE INDEX IF NOT EXISTS bieuquyet_matter_decided_on ON bieuquyet_matter (decided_on)")
