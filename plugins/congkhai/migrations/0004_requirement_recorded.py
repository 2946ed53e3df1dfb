"""Each required place knows whether the ledger has a line there
(``congkhai_requirement.recorded``, indexed with the notice): the notice desk's "missing"
filter reads the places still unrecorded instead of checking every posting of the ward's
history (issue 16). Places of earlier notices are marked from their postings here. Safe to
run twice."""
import peewee as pw

from thanthien.core.storage.migrate import add_columns


def up(migrator, db):
    add_columns(migrator, db, "congkhai_requirement", {"recorded": pw.BooleanField(default=False)})
    db.execute_sql(
        "UPDATE congkhai_requirement SET recorded = EXISTS (SELECT 1 FROM congkhai_posting p "
        "WHERE p.notice_id = congkhai_requirement.notice_id AND p.kind = congkhai_requirement.kind "
        "AND (p.unit_id = congkhai_requirement.unit_id "
        "OR (p.unit_id IS NULL AND congkhai_requirement.unit_id IS NULL)))")
    db.execute_sql("CREATE INDEX IF NOT EXISTS congkhai_requirement_recorded_notice_id "
                   "ON congkhai_requirement (recorded, notice_id)")
