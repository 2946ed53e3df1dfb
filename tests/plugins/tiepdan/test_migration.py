"""Migration 0002: rows stored under the older case-type keys and without a unit take the
prefixed keys and the reception unit; the rollups follow (they equal a rebuild)."""
from __future__ import annotations

import importlib

from playhouse.migrate import SchemaMigrator

from thanthien.core import people
from thanthien.core.cases import rebuild_rollups, rollup_counts
from thanthien.core.models import CaseRollupRow, CaseRow
from thanthien.core.storage.db import database_proxy
from thanthien.plugins.tiepdan import services as sv
from thanthien.plugins.tiepdan.models import VisitRow
from thanthien.plugins.tiepdan.types import MatterFacts

from .helpers import VISITOR, at, complaint, petition

migration = importlib.import_module("thanthien.plugins.tiepdan.migrations.0002_case_type_keys_and_units")


def _as_before(db):
    """What a database written before 0002 holds: unprefixed keys, no units."""
    p = db.param
    for table in ("core_case", "core_case_rollup"):
        for kind in ("khieu_nai", "phan_anh", "tra_loi_tiep_dan"):
            db.execute_sql(f"UPDATE {table} SET case_type = {p} WHERE case_type = {p}", (kind, f"tiepdan_{kind}"))
    db.execute_sql("UPDATE core_case SET unit_id = NULL")
    db.execute_sql("UPDATE core_case_rollup SET unit_id = 0")
    db.execute_sql("UPDATE tiepdan_visit SET unit_id = NULL")


def _rollups():
    return sorted((r["month"], r["case_type"], r["unit_id"], r["state"], r["timeliness"], r["count"])
                  for r in rollup_counts())


def test_old_keys_and_missing_units_are_migrated(services, staff, db):
    a = complaint(services, staff)
    sv.accept_complaint(services, a.id, actor=staff.chairman, at=at("2026-03-03T09:00"))
    complaint(services, staff, received="2026-04-02T09:00")
    petition(services, staff)
    sv.record_visit(services, summary="Khiếu nại", classification="khieu_nai", visitor=VISITOR, actor=staff.officer,
                    received_at=at("2026-03-02T10:00"),
                    matter=MatterFacts(decision_known_on=at("2026-02-01T00:00").date()))
    expected_keys = sorted(r.case_type for r in CaseRow.select())
    _as_before(db)
    assert {r.case_type for r in CaseRow.select()} == {"khieu_nai", "phan_anh", "tra_loi_tiep_dan"}
    unit = people.create_unit("TTPVHCC", "Trung tâm Phục vụ hành chính công", "service_center")
    migration.up(SchemaMigrator.from_database(database_proxy.obj), db)
    assert sorted(r.case_type for r in CaseRow.select()) == expected_keys
    assert {r.unit_id for r in CaseRow.select()} == {unit.id}
    assert {r.unit_id for r in VisitRow.select()} == {unit.id}
    stored = _rollups()
    rebuild_rollups()
    assert stored == _rollups()
    assert CaseRollupRow.select().where(CaseRollupRow.case_type == "khieu_nai").count() == 0
    # a second run changes nothing
    migration.up(SchemaMigrator.from_database(database_proxy.obj), db)
    assert _rollups() == stored
