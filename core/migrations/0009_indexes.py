"""Indexes for request-time lists that must not read the ward's history (issue 16).

Open cases are few and closed ones many, so the lists of open cases (the dashboard's
overdue and due-soon boxes, a module's due-soon desk) use partial indexes holding the open,
running cases only: by due date, and by case type then due date. Both SQLite (3.8+) and
PostgreSQL use a partial index when the query repeats its condition
(``closed_at IS NULL AND paused_at IS NULL``, as ``CaseEngine.open_cases`` does).
Written ``IF NOT EXISTS`` so a database built by a newer 0001 converges too.
"""

OPEN = "closed_at IS NULL AND paused_at IS NULL"


def up(migrator, db):
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS core_case_open_due ON core_case (due_date, id) WHERE {OPEN}")
    db.execute_sql(
        f"CREATE INDEX IF NOT EXISTS core_case_open_type_due ON core_case (case_type, due_date, id) WHERE {OPEN}"
    )
