"""A seat's meeting remembers the community vote that decided it (``vote_id``, core's vote
engine): elections and removals are counted there, household by household."""
import peewee as pw

from thanthien.core.storage.migrate import add_columns


def up(migrator, db):
    add_columns(migrator, db, "thanhtra_meeting", {"vote_id": pw.IntegerField(null=True)})
    db.execute_sql("CREATE INDEX IF NOT EXISTS thanhtra_meeting_vote_id ON thanhtra_meeting (vote_id)")
