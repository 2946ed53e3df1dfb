"""The staff list of matters (``/tiepdan/don-thu``) walks the matters newest first, all
kinds or one kind (``?loai=``), a page at a time (issue 16): indexes in that order let the
page stop after its rows instead of joining every case of the ward (one-stop dossiers
included) and sorting them."""


def up(migrator, db):
    db.execute_sql("CREATE INDEX IF NOT EXISTS tiepdan_matter_received_case ON tiepdan_matter (received_at, case_id)")
    db.execute_sql(
        "CREATE INDEX IF NOT EXISTS tiepdan_matter_kind_received_case ON tiepdan_matter (kind, received_at, case_id)")
