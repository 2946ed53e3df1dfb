"""Every congkhai resource belongs to a unit (fail-closed scope), and the information-request
case types are keyed ``congkhai_ttt_<channel>`` (plugin-prefixed keys).

* conferences and media items get ``organiser_unit_id``: the unit of the officer who
  recorded them;
* notices that congkhai keeps (a ``congkhai_notice_meta`` row) and that have no unit get
  the unit of the officer who drafted them;
* information requests: stored cases, their rollup rows renamed ``ttt_<channel>`` →
  ``congkhai_ttt_<channel>`` (the number series ``TTT-<year>`` does not depend on the key);
  a request without a unit gets the unit of the officer who received it.

A row whose officer has no unit keeps no unit: a ward resource, which only ward-wide
grants (the leaders) reach. Safe to run twice.
"""
import peewee as pw
from thanthien.core.storage.migrate import add_columns

CHANNELS = ("in_person", "online", "post")


def up(migrator, db):
    for table in ("congkhai_conference", "congkhai_media"):
        add_columns(migrator, db, table, {"organiser_unit_id": pw.IntegerField(null=True, index=True)})
        db.execute_sql(f"UPDATE {table} SET organiser_unit_id = (SELECT p.unit_id FROM core_person p "
                       f"WHERE p.id = {table}.created_by_id) "
                       "WHERE organiser_unit_id IS NULL AND created_by_id IS NOT NULL")
    db.execute_sql("UPDATE core_notice SET unit_id = (SELECT p.unit_id FROM core_person p "
                   "WHERE p.id = core_notice.created_by_id) "
                   "WHERE unit_id IS NULL AND created_by_id IS NOT NULL AND id IN "
                   "(SELECT m.notice_id FROM congkhai_notice_meta m)")
    renamed = 0
    for channel in CHANNELS:
        old, new = f"ttt_{channel}", f"congkhai_ttt_{channel}"
        renamed += db.execute_sql("UPDATE core_case SET case_type = %s WHERE case_type = %s"
                                  .replace("%s", db.param), (new, old)).rowcount or 0
        db.execute_sql("UPDATE core_case_rollup SET case_type = %s WHERE case_type = %s".replace("%s", db.param),
                       (new, old))
    keys = ", ".join(f"'congkhai_ttt_{c}'" for c in CHANNELS)
    moved = db.execute_sql(
        "UPDATE core_case SET unit_id = (SELECT p.unit_id FROM core_case_event e "
        "JOIN core_person p ON p.id = e.actor_id WHERE e.case_id = core_case.id AND e.action = 'open' "
        f"ORDER BY e.id LIMIT 1) WHERE unit_id IS NULL AND case_type IN ({keys}) AND EXISTS "
        "(SELECT 1 FROM core_case_event e JOIN core_person p ON p.id = e.actor_id "
        "WHERE e.case_id = core_case.id AND e.action = 'open' AND p.unit_id IS NOT NULL)").rowcount or 0
    if moved:
        # the case rollup is keyed by unit: recount it from the cases
        from thanthien.core.cases import rebuild_rollups

        rebuild_rollups()
