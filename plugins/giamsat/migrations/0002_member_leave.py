"""A membership can end (left_on, leave_note): only current members act for a board.
Answers are counted by their day (index on answered_on) for the indicators."""
import peewee as pw

from thanthien.core.storage.migrate import add_columns


def up(migrator, db):
    add_columns(migrator, db, "giamsat_member", {"left_on": pw.DateField(null=True),
                                                 "leave_note": pw.TextField(default="")})
    db.execute_sql("CREATE INDEX IF NOT EXISTS giamsat_recommendation_answered_on "
                   "ON giamsat_recommendation (answered_on)")
