"""Matters of Art. 15: allowed forms per kind, agreement, citizen initiatives."""
from __future__ import annotations

import datetime as dt

import pytest

from thanthien.core.errors import ValidationError
from thanthien.plugins.bieuquyet.services import initiatives, matters

AT = dt.datetime(2026, 11, 2, 8, 0)
ON = AT.date()


@pytest.mark.rule("R-BQ-07")
@pytest.mark.rule("R-BQ-08")
@pytest.mark.rule("R-BQ-17")
def test_allowed_forms_per_kind(core):
    group = {k: matters.allowed_forms(core, k, "group", ON) for k in range(1, 7)}
    assert group == {1: ["meeting"], 2: ["meeting"], 3: ["meeting"], 4: ["meeting"], 5: ["meeting"],
                     6: ["meeting", "ballot", "online"]}
    ward = {k: matters.allowed_forms(core, k, "ward", ON) for k in (1, 2, 6)}
    assert ward == {1: ["meeting", "ballot"], 2: ["meeting", "ballot"], 6: ["meeting", "ballot"]}
    # the ballot fallback after a failed meeting exists for k.3–k.5 too (R-BQ-17(b)), never online
    assert matters.allowed_forms(core, 4, "group", ON, fallback=True) == ["meeting", "ballot"]


@pytest.mark.rule("R-BQ-08")
@pytest.mark.parametrize("kind", [1, 2, 3, 4, 5])
def test_online_refused_for_k1_to_k5(core, ward, kind):
    with pytest.raises(ValidationError) as exc:
        matters.create(core, kind=kind, title="Nội dung", unit_id=ward.groups[0].id, form="online",
                       agreed_with="Ông Mặt Trận", actor=ward.head1, at=AT)
    assert "trực tuyến" in exc.value.errors[0][1] or "trực tuyến" in str(exc.value.errors)


@pytest.mark.rule("R-BQ-07")
@pytest.mark.parametrize("kind", [3, 4, 5])
def test_meeting_required_for_k3_to_k5(core, ward, kind):
    with pytest.raises(ValidationError) as exc:
        matters.create(core, kind=kind, title="Nội dung", unit_id=ward.groups[0].id, form="ballot",
                       agreed_with="Ông Mặt Trận", actor=ward.head1, at=AT)
    assert "cuộc họp cộng đồng dân cư" in str(exc.value.errors)
    m = matters.create(core, kind=kind, title="Nội dung", unit_id=ward.groups[0].id, form="meeting",
                       agreed_with="Ông Mặt Trận", actor=ward.head1, at=AT)
    assert m.form == "meeting" and m.state == "draft"


@pytest.mark.rule("R-BQ-02")
@pytest.mark.rule("R-BQ-03")
def test_a_matter_needs_the_fronts_agreement_and_ward_scope_only_for_k1_k2_k6(core, ward):
    with pytest.raises(ValidationError) as exc:
        matters.create(core, kind=6, title="Nội dung", unit_id=ward.groups[0].id, form="meeting", actor=ward.head1)
    assert dict(exc.value.errors)["agreed_with"]
    with pytest.raises(ValidationError) as exc:
        matters.create(core, kind=3, title="Hương ước", scope="ward", form="meeting", agreed_with="Bà Chủ tịch MTTQ",
                       actor=ward.chair)
    assert dict(exc.value.errors)["scope"]
    m = matters.create(core, kind=1, title="Bê tông hóa ngõ", scope="ward", form="ballot",
                       agreed_with="Bà Chủ tịch Ủy ban MTTQ phường", actor=ward.chair, at=AT)
    assert m.unit_id is None and m.unit_name == "Toàn phường"


@pytest.mark.rule("R-BQ-04")
def test_an_initiative_needs_ten_percent_of_households(core, ward):
    big = ward.groups[1]  # 6 households
    iid = initiatives.start(core, unit_id=big.id, title="Lắp đèn ngõ 5", on=ON, actor=ward.head2)
    with pytest.raises(ValidationError) as exc:
        initiatives.submit(core, iid, kind=6, form="meeting", on=ON, actor=ward.head2)
    assert "cần Ban công tác Mặt trận đồng ý" in str(exc.value.errors)
    initiatives.record_consent(core, iid, ward.households[big.id][0], on=ON, actor=ward.head2)
    st = initiatives.status(core, iid, ON)
    assert (st.valid, st.total, st.enough) == (1, 6, True)  # 1/6 ≈ 16.7 % ≥ 10 %
    m = initiatives.submit(core, iid, kind=6, form="meeting", on=ON, actor=ward.head2)
    assert m.title == "Lắp đèn ngõ 5" and m.state == "draft" and m.agreed_with == ""


@pytest.mark.rule("R-BQ-04")
def test_an_initiative_below_ten_percent_goes_forward_with_the_fronts_approval(core, ward):
    from thanthien.core import people

    g = people.create_unit("TDP99", "Tổ dân phố số 99", "residential_group", parent_id=ward.ward.id)
    ids = [people.create_household(f"X{j}", g.id).id for j in range(11)]
    iid = initiatives.start(core, unit_id=g.id, title="Sáng kiến", on=ON)
    initiatives.record_consent(core, iid, ids[0], on=ON)
    assert not initiatives.status(core, iid, ON).enough  # 1/11 < 10 %
    initiatives.record_consent(core, iid, ids[1], on=ON)
    assert initiatives.status(core, iid, ON).enough  # 2/11 ≥ 10 %


@pytest.mark.rule("R-BQ-05")
def test_a_consent_is_valid_three_months(core, ward):
    g = ward.groups[2]  # 3 households
    iid = initiatives.start(core, unit_id=g.id, title="Sáng kiến", on=dt.date(2026, 8, 31))
    initiatives.record_consent(core, iid, ward.households[g.id][0], on=dt.date(2026, 8, 31))
    assert initiatives.consent_valid_until(core, dt.date(2026, 8, 31)) == dt.date(2026, 11, 30)
    assert initiatives.status(core, iid, dt.date(2026, 11, 30)).valid == 1
    assert initiatives.status(core, iid, dt.date(2026, 12, 1)).valid == 0
