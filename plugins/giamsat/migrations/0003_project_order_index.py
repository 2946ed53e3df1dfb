"""The staff register lists projects newest start first, a page at a time (issue 16): an
index in that order lets the page stop after its rows instead of sorting the whole table.
PostgreSQL puts NULLs first in a descending index unless told; SQLite already puts them
last (it does not accept ``NULLS LAST`` in an index)."""
from thanthien.core.storage.db import is_sqlite


def up(migrator, db):
    nulls = "" if is_sqlite(db) else " NULLS LAST"
    db.execute_sql("CREATE INDEX IF NOT EXISTS giamsat_project_start_on_id "
                   f"ON giamsat_project (start_on DESC{nulls}, id DESC)")
