"""Every dossier belongs to a unit, and its receipt carries a secret; late apologies count
only when signed in time.

1. ``motcua_dossier.handling_unit`` (the dossier's scope) is filled for rows without one:
   the unit the catalogue names for the procedure, else the one-stop centre (unit code
   ``TTPVHCC``, the ``centre_unit`` default); their cases (``core_case.unit_id``) and the
   feedback cases of their ratings get the same unit; core's case rollup is recounted.
2. ``lookup_secret`` (printed on new receipts) is added and drawn for existing dossiers:
   their residents ask the centre for it to rate a dossier.
3. R-MC-15: a late return whose only signed apology was signed too late becomes a breach;
   the module's rollup is recounted.
"""
import secrets

import peewee as pw

from thanthien.core.storage.migrate import add_columns

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def up(migrator, db):
    add_columns(migrator, db, "motcua_dossier", {"lookup_secret": pw.CharField(max_length=16, default="")})
    db.execute_sql("CREATE INDEX IF NOT EXISTS motcua_booking_phone ON motcua_booking (phone)")
    db.execute_sql(
        "UPDATE motcua_dossier SET handling_unit_id = (SELECT u.id FROM core_unit u JOIN motcua_procedure p "
        "ON p.handling_unit = u.code WHERE p.code = motcua_dossier.procedure_code) WHERE handling_unit_id IS NULL")
    db.execute_sql("UPDATE motcua_dossier SET handling_unit_id = (SELECT u.id FROM core_unit u "
                   "WHERE u.code = 'TTPVHCC') WHERE handling_unit_id IS NULL")
    db.execute_sql("UPDATE core_case SET unit_id = (SELECT d.handling_unit_id FROM motcua_dossier d "
                   "WHERE d.case_id = core_case.id) WHERE case_type = 'motcua_dossier' AND unit_id IS NULL")
    db.execute_sql("UPDATE core_case SET unit_id = (SELECT d.handling_unit_id FROM motcua_rating r "
                   "JOIN motcua_dossier d ON d.id = r.dossier_id WHERE r.feedback_case_id = core_case.id) "
                   "WHERE case_type = 'motcua_feedback' AND unit_id IS NULL")
    rows = db.execute_sql("SELECT id FROM motcua_dossier WHERE lookup_secret = '' OR lookup_secret IS NULL").fetchall()
    for (dossier_id,) in rows:
        secret = "".join(secrets.choice(ALPHABET) for _ in range(6))
        db.execute_sql("UPDATE motcua_dossier SET lookup_secret = %s WHERE id = %s" % (db.param, db.param),
                       (secret, dossier_id))
    # R-MC-15: only an apology signed in time apologises for a late return
    db.execute_sql(
        "UPDATE motcua_dossier SET breach = %s WHERE timeliness = 'late' AND NOT EXISTS (SELECT 1 FROM motcua_apology a "
        "WHERE a.dossier_id = motcua_dossier.id AND a.state = 'signed' AND a.timely = %s)" % (db.param, db.param),
        (True, True))
    from thanthien.core.cases import rebuild_rollups
    from thanthien.plugins.motcua.services.rollups import rebuild_rollup

    rebuild_rollups()
    rebuild_rollup()
