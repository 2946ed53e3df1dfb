"""Case-type keys prefixed with the plugin; sessions, register entries, dialogues and
matters belong to the reception unit (their fail-closed scope); a visit records its channel.

* ``core_case.case_type`` and ``core_case_rollup.case_type``: ``khieu_nai`` →
  ``tiepdan_khieu_nai``, ``to_cao`` → ``tiepdan_to_cao``, ``phan_anh`` →
  ``tiepdan_phan_anh``, ``tra_loi_tiep_dan`` → ``tiepdan_tra_loi_tiep_dan`` (cases are
  those with a ``tiepdan_matter`` row). Case numbers' series ("KN-2026") do not embed the
  key; ``tiepdan_matter.kind`` keeps the matter kind (the legal list's slug).
* ``unit_id`` of sessions, visits and dialogues, and of the module's cases still without a
  unit: the unit coded ``TTPVHCC`` (``[plugin.tiepdan] reception_unit``'s default) when it
  exists; the rollup rows of those cases move from "no unit" to it. A ward with another
  reception unit moves them with ``UPDATE … SET unit_id = …``.
"""
import peewee as pw

from thanthien.core.storage.migrate import add_columns

KINDS = ("khieu_nai", "to_cao", "phan_anh", "tra_loi_tiep_dan")
RECEPTION_UNIT = "TTPVHCC"
MATTER_CASES = "SELECT case_id FROM tiepdan_matter"


def up(migrator, db):
    add_columns(migrator, db, "tiepdan_session", {"unit_id": pw.IntegerField(null=True, index=True)})
    add_columns(migrator, db, "tiepdan_visit", {"unit_id": pw.IntegerField(null=True, index=True),
                                                "channel": pw.CharField(max_length=16, default="truc_tiep")})
    add_columns(migrator, db, "tiepdan_dialogue", {"unit_id": pw.IntegerField(null=True, index=True)})
    p = db.param
    for kind in KINDS:
        new = f"tiepdan_{kind}"
        db.execute_sql(f"UPDATE core_case SET case_type = {p} WHERE case_type = {p} AND id IN ({MATTER_CASES})",
                       (new, kind))
        _merge_rollups(db, f"case_type = {p}", (kind,), case_type=new)
    row = db.execute_sql(f"SELECT id FROM core_unit WHERE code = {p}", (RECEPTION_UNIT,)).fetchone()
    if row is None:
        return
    unit = row[0]
    for table in ("tiepdan_session", "tiepdan_visit", "tiepdan_dialogue"):
        db.execute_sql(f"UPDATE {table} SET unit_id = {p} WHERE unit_id IS NULL", (unit,))
    db.execute_sql(f"UPDATE core_case SET unit_id = {p} WHERE unit_id IS NULL AND id IN ({MATTER_CASES})", (unit,))
    types = tuple(f"tiepdan_{kind}" for kind in KINDS)
    _merge_rollups(db, f"case_type IN ({', '.join([p] * len(types))}) AND unit_id = 0", types, unit_id=unit)


def _merge_rollups(db, where: str, params: tuple, **change) -> None:
    """Move the rollup rows matching ``where`` to ``change`` (a new case type or unit),
    adding their counts to a row that already has the new key."""
    p = db.param
    rows = db.execute_sql(f"SELECT id, month, case_type, unit_id, state, timeliness, count FROM core_case_rollup "
                          f"WHERE {where}", params).fetchall()
    for rid, month, case_type, unit_id, state, timeliness, count in rows:
        case_type = change.get("case_type", case_type)
        unit_id = change.get("unit_id", unit_id)
        target = db.execute_sql(f"SELECT id FROM core_case_rollup WHERE month = {p} AND case_type = {p} "
                                f"AND unit_id = {p} AND state = {p} AND timeliness = {p}",
                                (month, case_type, unit_id, state, timeliness)).fetchone()
        if target is None:
            db.execute_sql(f"UPDATE core_case_rollup SET case_type = {p}, unit_id = {p} WHERE id = {p}",
                           (case_type, unit_id, rid))
        else:
            db.execute_sql(f"UPDATE core_case_rollup SET count = count + {p} WHERE id = {p}", (count, target[0]))
            db.execute_sql(f"DELETE FROM core_case_rollup WHERE id = {p}", (rid,))
