"""The demo ward gets a year of disclosure data, with gaps the check finds; every
resource of it belongs to a unit (invariants, not counts of the random story)."""
import datetime as dt

from thanthien.core.demo import build_demo_ward
from thanthien.core.models import CaseRow, NoticeRow
from thanthien.core.notices import ART11_CATEGORIES
from thanthien.core.types import SYSTEM_ACTOR
from thanthien.plugins.congkhai import services as ck
from thanthien.plugins.congkhai.casetypes import CASE_TYPE_KEYS
from thanthien.plugins.congkhai.models import ConferenceRow, MediaRow, PostingRow


def test_demo_data(core, settings, pm):
    today = dt.date(2026, 6, 15)
    ctx = build_demo_ward(settings, pm, core, households=90, today=today)
    cats = {n.category for n in ck.public_notices(limit=1000)}
    assert cats == {c.key for c in ART11_CATEGORIES}  # every Art. 11 item
    assert PostingRow.select().count() >= 10 * NoticeRow.select().count()  # groups' places recorded
    report = ck.check(core, today, actor=SYSTEM_ACTOR)
    assert {"missing", "late"} <= {g.kind for g in report.gaps}  # the check has something to find
    # propaganda: most groups held their conference, a few are still to cover, staff were trained
    groups = {g.id for g in ctx.groups}
    held = {r.unit_id for r in ConferenceRow.select().where(ConferenceRow.kind == "dccs_law")}
    assert held < groups and len(held) >= len(groups) * 0.9
    assert ConferenceRow.select().where(ConferenceRow.kind == "model_training").exists()
    assert MediaRow.select().exists()
    # information requests: some provided, some still open, all in the register
    requests = CaseRow.select().where(CaseRow.case_type.in_(CASE_TYPE_KEYS))
    assert requests.where(CaseRow.state == "provided").exists() and requests.where(CaseRow.closed_at.is_null()).exists()
    listed = ck.request_register(core, 2026, actor=SYSTEM_ACTOR) + ck.request_register(core, 2025, actor=SYSTEM_ACTOR)
    assert {r.case_id for r in listed} == {c.id for c in requests}
    # fail-closed scope: every notice, conference, media item and request belongs to a unit
    culture = ctx.units["VHXH"].id
    assert {n.unit_id for n in NoticeRow.select()} == {culture}
    assert {c.organiser_unit_id for c in ConferenceRow.select()} == {culture}
    assert {m.organiser_unit_id for m in MediaRow.select()} == {culture}
    assert {c.unit_id for c in requests} == {culture}
