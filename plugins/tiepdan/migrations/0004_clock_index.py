"""Index of the indicators (issue 16): handling clocks finished in a period are counted
by an index range search, not a read of the whole table."""


def up(migrator, db):
    db.execute_sql("CREATE INDEX IF NOT EXISTS tiepdan_clock_done_at ON tiepdan_clock (done_at)")
