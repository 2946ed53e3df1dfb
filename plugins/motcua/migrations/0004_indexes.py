"""Indexes for the one-stop desk and the Mẫu 07 register (issue 16): the register reads
a period of receipt dates in register order (keyset pagination on ``received_at, id``);
the desk lists apologies by state, newest first."""


def up(migrator, db):
    db.execute_sql("CREATE INDEX IF NOT EXISTS motcua_dossier_received_at_id ON motcua_dossier (received_at, id)")
    db.execute_sql("CREATE INDEX IF NOT EXISTS motcua_apology_state_id ON motcua_apology (state, id)")
