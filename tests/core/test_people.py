"""Units, people, households: accent-free search, validation, audit, classification."""
import pytest

from thanthien.core import audit, people
from thanthien.core.errors import ValidationError
from thanthien.core.privacy import PrivacyRegistry, mask
from thanthien.core.text import fold, letter_date


def test_fold():
    assert fold("Nguyễn Văn Á") == "nguyen van a"
    assert fold("  ĐINH   Thị  ") == "dinh thi"


def test_search_is_diacritic_insensitive(db):
    a = people.create_person("Nguyễn Văn A")
    b = people.create_person("Đinh Thị Hương")
    people.create_person("Trần Quốc Toản")
    assert [p.id for p in people.search_people("nguyen van a")] == [a.id]
    assert [p.id for p in people.search_people("NGUYEN")] == [a.id]
    assert [p.id for p in people.search_people("dinh")] == [b.id]
    assert [p.id for p in people.search_people("huong")] == [b.id]


def test_validation_stores_nothing(db):
    with pytest.raises(ValidationError) as err:
        people.create_person(" ", citizen_id="12ab", phone="abc")
    assert {f for f, _ in err.value.errors} == {"full_name", "citizen_id", "phone"}
    assert people.search_people("") == []


def test_update_is_audited_with_changed_fields_only(db):
    p = people.create_person("Lê Văn Bình", phone="0912345678")
    people.update_person(p.id, phone="0987654321")
    entry = audit.entries(entity="person", action="person.update")[0]
    assert entry.before == {"phone": "0912345678"} and entry.after == {"phone": "0987654321"}


def test_units_tree_and_households(db):
    ward = people.create_unit("UBND", "UBND phường", "peoples_committee")
    g = people.create_unit("TDP01", "Tổ dân phố số 1", "residential_group", parent_id=ward.id)
    with pytest.raises(ValidationError):
        people.create_unit("TDP01", "Trùng mã", "residential_group")
    hh = people.create_household("HO1", g.id, address="Số 1")
    p = people.create_person("Hà Văn C", household_id=hh.id)
    assert [m.id for m in people.household_members(hh.id)] == [p.id]
    assert g.is_community and [u.code for u in people.list_units("residential_group")] == ["TDP01"]


@pytest.mark.rule("R-DL-02")
@pytest.mark.rule("R-DL-03")
@pytest.mark.rule("R-DL-10")
def test_classification_in_one_place():
    reg = PrivacyRegistry()
    assert reg.classify("person", "citizen_id") == "basic"
    assert reg.classify("person", "ethnicity") == "sensitive"
    data = {"id": 1, "full_name": "Nguyễn Văn A", "phone": "0912345678", "position": "Công chức"}
    assert reg.public_view("person", data) == {"id": 1, "position": "Công chức"}
    masked = reg.masked_view("person", data, allowed=set())
    assert masked["phone"].endswith("678") and "0912" not in masked["phone"]
    assert mask("full_name", "Nguyễn Văn A") == "N••••• V•• A"


@pytest.mark.rule("R-VB-11")
def test_letter_date_zero_pads_day_and_first_two_months():
    import datetime as dt

    assert letter_date("Bắc Kạn", dt.date(2026, 1, 5)) == "Bắc Kạn, ngày 05 tháng 01 năm 2026"
    assert letter_date("Bắc Kạn", dt.date(2026, 11, 26)) == "Bắc Kạn, ngày 26 tháng 11 năm 2026"


def test_notice_bodies_are_sanitised_by_core_whoever_publishes(db, pm, settings):
    from thanthien.core.notices import NoticeService

    svc = NoticeService(pm, settings)
    n = svc.create(category="khac", title="Thông báo",
                   body_html='<p onclick="x()">Nội dung<script>alert(1)</script>'
                             '<a href="javascript:alert(1)">liên kết</a></p>')
    stored = svc.get(n.id).body_html
    assert "script" not in stored and "onclick" not in stored and "javascript:" not in stored
    assert "<p>Nội dung" in stored


@pytest.mark.rule("R-DV-15")
def test_an_ended_role_grant_is_kept_with_its_reason(db):
    ward = people.create_unit("UBND", "UBND phường", "peoples_committee")
    group = people.create_unit("TDP01", "Tổ dân phố 1", "residential_group", parent_id=ward.id)
    head = people.create_person("Hoàng Văn Tám")
    people.grant_role(head.id, "group_head", group.id)
    assert people.holders_of("group_head", group.id) == [head.id]
    people.revoke_role(head.id, "group_head", group.id, reason="Bầu Tổ trưởng mới")
    assert people.holders_of("group_head", group.id) == []
    assert people.roles_of(head.id) == []
    [ended] = people.ended_role_grants(unit_id=group.id, role="group_head")
    assert (ended.person_id, ended.reason) == (head.id, "Bầu Tổ trưởng mới")
    assert ended.granted_at is not None and ended.ended_at >= ended.granted_at
    assert audit.entries(entity="person", action="role.revoke")[0].reason == "Bầu Tổ trưởng mới"


def test_households_are_counted_from_the_register(db):
    ward = people.create_unit("UBND", "UBND phường", "peoples_committee")
    group = people.create_unit("TDP01", "Tổ dân phố 1", "residential_group", parent_id=ward.id)
    other = people.create_unit("TDP02", "Tổ dân phố 2", "residential_group", parent_id=ward.id)
    for i in range(3):
        people.create_household(f"H{i}", group.id)
    people.create_household("X1", other.id)
    assert people.count_households(group.id) == 3
    assert people.count_households(other.id) == 1
