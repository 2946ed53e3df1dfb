"""Letters name families: each one belongs to a unit, and staff outside it neither list
nor read it, nor its signed document (fail-closed scope); the settings section is typed."""
from __future__ import annotations

import pytest
from thanthien.core import people
from thanthien.core.access import actor_for_person
from thanthien.core.errors import PermissionDenied, SettingsError
from thanthien.core.services import make_services
from thanthien.core.types import PersonRef
from thanthien.plugins.thamhoi import services as sv
from thanthien.testing import make_settings


def test_letters_are_scoped_to_their_unit(services, staff):
    letter = sv.on_life_event(services, "death", [PersonRef(None, "Hoàng Văn Riêng")], None)
    kt = people.create_unit("KTHTDT", "Phòng Kinh tế", "department")
    other_p = people.create_person("Lò Văn Khác", is_staff=True, unit_id=kt.id)
    people.grant_role(other_p.id, "department_officer", kt.id)
    other = actor_for_person(other_p.id, other_p.full_name)
    # the office unit's officer reads it; an officer of another department does not
    assert sv.view_letter(services, letter.id, actor=staff.clerk).id == letter.id
    with pytest.raises(PermissionDenied):
        sv.view_letter(services, letter.id, actor=other)
    assert sv.letters(services, actor=other) == []
    assert [x.id for x in sv.letters(services, actor=staff.clerk)] == [letter.id]
    with pytest.raises(PermissionDenied):
        sv.edit_draft(services, letter.id, addressee="Ai đó", actor=other)
    # the signed document inherits the letter's scope
    signed = sv.sign(services, letter.id, actor=staff.chair)
    doc = services.documents.get(signed.document_id)
    assert services.documents.can_read(staff.clerk, doc)
    assert not services.documents.can_read(other, doc)


def test_a_typo_in_the_settings_section_is_refused_at_start(tmp_path, pm):
    bad = make_settings(tmp_path, plugin={"thamhoi": {"greeting_lead_dayz": 10}}, source=str(tmp_path / "t.toml"))
    with pytest.raises(SettingsError) as exc:
        make_services(bad, pm).check()
    assert exc.value.key == "plugin.thamhoi.greeting_lead_dayz" and "t.toml" in exc.value.message
    negative = make_settings(tmp_path, plugin={"thamhoi": {"greeting_lead_days": -1}})
    with pytest.raises(SettingsError):
        make_services(negative, pm).check()
    good = make_settings(tmp_path, plugin={"thamhoi": {"greeting_lead_days": 20}})
    assert make_services(good, pm).config("thamhoi").greeting_lead_days == 20
