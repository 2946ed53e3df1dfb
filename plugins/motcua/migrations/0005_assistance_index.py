"""Index of the assistance log (issue 16): the help given in a period is an index range
search, not a read of the whole table."""


def up(migrator, db):
    db.execute_sql("CREATE INDEX IF NOT EXISTS motcua_assistance_at ON motcua_assistance (at)")
