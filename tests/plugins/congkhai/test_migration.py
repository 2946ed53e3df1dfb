"""Migration 0002 on a ward's existing data: information-request cases keyed ``ttt_<channel>``
become ``congkhai_ttt_<channel>`` (cases and rollups), the old keys stay aliases, and
rows without a unit get the unit of the officer who made them; the settings are typed."""
from __future__ import annotations

import importlib

import pytest
from playhouse.migrate import SchemaMigrator
from thanthien.core import people
from thanthien.core.access import actor_for_person
from thanthien.core.cases import rollup_counts
from thanthien.core.errors import SettingsError
from thanthien.core.models import CaseRollupRow, CaseRow, NoticeRow
from thanthien.core.services import make_services
from thanthien.plugins.congkhai import services as ck
from thanthien.plugins.congkhai.models import ConferenceRow, MediaRow
from thanthien.testing import make_settings

from .helpers import REQUEST, at, d

migration = importlib.import_module("thanthien.plugins.congkhai.migrations.0002_scope_and_case_keys")


def test_old_case_keys_and_missing_units_are_migrated(core, db, ward):
    vhxh = people.create_unit("VHXH", "Phòng Văn hóa - Xã hội", "department", parent_id=ward.ward.id)
    p = people.create_person("Lý Thị Mai", is_staff=True, unit_id=vhxh.id)
    people.grant_role(p.id, "department_officer")  # ward-wide, with a home unit
    officer = actor_for_person(p.id, p.full_name)
    case = ck.open_request(core, actor=officer, received_at=at("2026-03-02"), **REQUEST)
    notice = ck.create_notice(core, category="khac", title="Lịch tiếp dân", actor=officer)
    conf = ck.record_conference(core, kind="dccs_law", topic="Luật", held_on=d("2026-03-02"), place="NVH",
                                audience="residents", actor=officer, today=d("2026-03-03"))
    media = ck.record_media(core, kind="news", title="Tin", published_on=d("2026-03-02"), channel="website",
                            topic="model", actor=officer, today=d("2026-03-03"))
    # the shape a ward had before: old key, no units
    CaseRow.update(case_type="ttt_online", unit=None).where(CaseRow.id == case.id).execute()
    CaseRollupRow.delete().execute()
    CaseRollupRow.create(month="2026-03", case_type="ttt_online", unit_id=0, state="received", timeliness="open",
                         count=1)
    NoticeRow.update(unit=None).where(NoticeRow.id == notice.id).execute()
    ConferenceRow.update(organiser_unit_id=None).execute()
    MediaRow.update(organiser_unit_id=None).execute()
    for _ in range(2):  # safe to run twice
        migration.up(SchemaMigrator.from_database(db), db)
    moved = CaseRow.get_by_id(case.id)
    assert (moved.case_type, moved.unit_id) == ("congkhai_ttt_online", vhxh.id)
    assert [(r["case_type"], r["unit_id"], r["count"]) for r in rollup_counts()] == [
        ("congkhai_ttt_online", vhxh.id, 1)]
    assert NoticeRow.get_by_id(notice.id).unit_id == vhxh.id
    assert ConferenceRow.get_by_id(conf.id).organiser_unit_id == vhxh.id
    assert MediaRow.get_by_id(media.id).organiser_unit_id == vhxh.id
    # the old keys are aliases; other modules find the types by their tag
    assert core.cases.type_of("ttt_online").key == "congkhai_ttt_online"
    assert {ct.key for ct in core.cases.types_tagged("information_request")} == {
        "congkhai_ttt_in_person", "congkhai_ttt_online", "congkhai_ttt_post"}
    assert [r.case_id for r in ck.request_register(core, 2026, actor=officer)] == [case.id]


def test_a_typo_in_the_settings_section_is_refused_at_start(tmp_path, pm):
    bad = make_settings(tmp_path, plugin={"congkhai": {"website_fed": False}}, source=str(tmp_path / "t.toml"))
    with pytest.raises(SettingsError) as exc:
        make_services(bad, pm).check()
    assert exc.value.key == "plugin.congkhai.website_fed" and "t.toml" in exc.value.message
    for wrong in ({"broadcast_times": ["6h30"]}, {"max_attachment_bytes": 0}, {"propaganda_target_percent": 120}):
        with pytest.raises(SettingsError):
            make_services(make_settings(tmp_path, plugin={"congkhai": wrong}), pm).check()
    good = make_settings(tmp_path, plugin={"congkhai": {"website_feed": False, "loudspeaker": False,
                                                        "broadcast_times": ["06:00"], "social_groups": False,
                                                        "max_attachment_bytes": 2048,
                                                        "propaganda_target_percent": 90,
                                                        "expiring_within_days": 5, "website": True}})
    cfg = make_services(good, pm).config("congkhai")
    assert (cfg.website_feed, cfg.loudspeaker, cfg.broadcast_times, cfg.max_attachment_bytes) == (
        False, False, ("06:00",), 2048)
