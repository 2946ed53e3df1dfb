"""The documents register (``/documents``) lists issued documents newest first, a page at
a time, over every year or one year (``?year=``) (issue 16): indexes in that order let the
page stop after its rows instead of sorting the whole table. Written ``IF NOT EXISTS`` so
a database built by a newer 0001 converges too."""


def up(migrator, db):
    db.execute_sql("CREATE INDEX IF NOT EXISTS core_document_issued_on_id ON core_document (issued_on, id)")
    db.execute_sql("CREATE INDEX IF NOT EXISTS core_document_year_issued_on_id ON core_document (year, issued_on, id)")
