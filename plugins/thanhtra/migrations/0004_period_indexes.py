"""Indexes of the board's lists and indicators (issue 16): complaint results by closing
time, recommendations by the day they were voted, reports newest first — index range
searches and ordered walks stopped by LIMIT, not reads of the whole table."""


def up(migrator, db):
    db.execute_sql(
        "CREATE INDEX IF NOT EXISTS thanhtra_complaint_result_closed_at ON thanhtra_complaint_result (closed_at)"
    )
    db.execute_sql("CREATE INDEX IF NOT EXISTS thanhtra_recommendation_voted_on ON thanhtra_recommendation (voted_on)")
    db.execute_sql("CREATE INDEX IF NOT EXISTS thanhtra_report_end_on_id ON thanhtra_report (end_on, id)")
