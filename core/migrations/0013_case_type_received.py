"""Counting one kind of case received in a period without reading the others (issue 16).

The plan's indicators count a module's cases by ``received_at`` over a month, a quarter or
a year (petitions to the people's inspection board, disclosure requests, citizens'
matters). With ``core_case`` holding every one-stop dossier as well, an index on
``case_type`` alone leaves the database a choice between reading every case of that type
and reading the whole table (SQLite picks the latter once ``ANALYZE`` has seen a million
dossiers): ``(case_type, received_at)`` finds exactly the period's cases of that type.
Written ``IF NOT EXISTS`` so a database built by a newer 0001 converges too.
"""


def up(migrator, db):
    db.execute_sql("CREATE INDEX IF NOT EXISTS core_case_type_received ON core_case (case_type, received_at)")
