"""Each required place knows whether the ledger has a line there (``recorded``): kept by
every posting write, filled for earlier notices by migration 0004, and read by the notice
desk's "missing" filter instead of every posting of the ward's history (issue 16)."""
from __future__ import annotations

import datetime as dt
import importlib

from playhouse.migrate import SchemaMigrator
from thanthien.core.demo import build_demo_ward
from thanthien.core.types import SYSTEM_ACTOR
from thanthien.plugins.congkhai import services as ck
from thanthien.plugins.congkhai.models import PostingRow, RequirementRow

migration = importlib.import_module("thanthien.plugins.congkhai.migrations.0004_requirement_recorded")


def _truth() -> dict[int, bool]:
    """Each requirement: has the ledger a line at its place (the unit compared null-safely)?"""
    placed = {(p.notice_id, p.kind, p.unit_id) for p in PostingRow.select()}
    return {r.id: (r.notice_id, r.kind, r.unit_id) in placed for r in RequirementRow.select()}


def _flags() -> dict[int, bool]:
    return {r.id: bool(r.recorded) for r in RequirementRow.select()}


def test_the_flag_follows_the_ledger_and_the_migration_fills_it(core, settings, pm, db):
    today = dt.date(2026, 6, 15)
    build_demo_ward(settings, pm, core, households=45, seed=3, today=today)
    truth = _truth()
    assert set(truth.values()) == {True, False}  # places recorded and places still missing
    assert _flags() == truth  # every write of the demo kept it
    # the desk's filter: exactly the published notices with a place still unrecorded
    missing = {line.notice.id for line in ck.staff_notices(core, actor=SYSTEM_ACTOR, missing=True, limit=1000)}
    unrecorded = {r.notice_id for r in RequirementRow.select() if not truth[r.id]}
    published = {n.id for n in ck.public_notices(limit=1000)}
    assert missing == unrecorded & published and missing
    # a ward upgrading: the flags of earlier notices are filled from their postings, twice safely
    RequirementRow.update(recorded=False).execute()
    for _ in range(2):
        migration.up(SchemaMigrator.from_database(db), db)
    assert _flags() == truth
