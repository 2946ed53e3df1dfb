"""R-VB-24: a document's number is unique per symbol and year, not per type.

Letters of several types share a symbol ("UBND-VP"), so numbering per type could give two
documents the same "01/UBND-VP". Written with IF EXISTS / IF NOT EXISTS so that a database
whose 0001 already created the new index converges too.
"""


def up(migrator, db):
    db.execute_sql("DROP INDEX IF EXISTS core_document_doc_type_year_number")
    db.execute_sql(
        "CREATE UNIQUE INDEX IF NOT EXISTS core_document_symbol_year_number ON core_document (symbol, year, number)"
    )
