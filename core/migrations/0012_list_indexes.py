"""Indexes of request-time lists (issue 16, the every-route scan test): the staff list of
notices, newest first, is an ordered index walk stopped by its LIMIT."""


def up(migrator, db):
    db.execute_sql("CREATE INDEX IF NOT EXISTS core_notice_created_at_id ON core_notice (created_at, id)")
