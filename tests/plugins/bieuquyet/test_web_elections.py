"""The group-head election pages (R-DV-10…15) in HTML and JSON: a whole election through
the web, bad input answered on the same form, a group head kept to his own group."""
from __future__ import annotations

from thanthien.core import accounts, people
from thanthien.core.demo import DEMO_PASSWORD
from thanthien.core.models import PersonRow
from thanthien.testing import allow_demo_password, post

BASE = "/bieuquyet/bau-truong-thon"


def _accounts(ward):
    allow_demo_password()
    accounts.create_account(ward.chair.person_id, "chutich", DEMO_PASSWORD)
    accounts.create_account(ward.head2.person_id, "totruong2", DEMO_PASSWORD)


def _residents(group):
    household = people.HouseholdRow
    return [p.id for p in PersonRow.select().join(household, on=(PersonRow.household == household.id))
            .where(household.group == group.id).order_by(PersonRow.id)]


def test_an_election_through_the_pages_and_their_json_twins(core, ward, app, make_client):
    _accounts(ward)
    c = make_client("chutich")
    group = ward.groups[0]
    assert c.get(f"{BASE}.json").json()["ok"] is True
    # R-DV-10: 19 days before is refused on the same form, the input kept
    r = post(c, f"{BASE}/quyet-dinh", {"group_id": group.id, "meeting_on": "20/12/2026", "decision_ref": "15/QĐ-UBND",
                                       "decision_on": "01/12/2026"})
    assert r.status_code == 422 and 'role="alert"' in r.text and "ít nhất 20 ngày" in r.text
    assert 'value="15/QĐ-UBND"' in r.text
    r = post(c, f"{BASE}/quyet-dinh.json", {"group_id": group.id, "meeting_on": "20/12/2026",
                                            "decision_ref": "15/QĐ-UBND", "decision_on": "30/11/2026"}, json=True)
    assert r.status_code == 200, r.text
    eid = r.json()["election_id"]
    cand = _residents(group)[0]
    assert post(c, f"{BASE}/{eid}/ung-cu", {"person_id": cand, "source": "danh_sach"}).status_code == 303
    for step, day, extra in [("candidates", "05/12/2026", {"reference": "01/BB-MTTQ"}),
                             ("team", "10/12/2026", {"reference": "16/QĐ-UBND", "team_leader": "Triệu Văn Trận"}),
                             ("publication", "13/12/2026", {})]:
        r = post(c, f"{BASE}/{eid}/buoc", {"step": step, "done_on": day, **extra})
        assert r.status_code == 303, r.text[:800]
    assert post(c, f"{BASE}/{eid}/bo-phieu", {"form": "meeting"}).status_code == 303
    for h in ward.households[group.id][:5]:
        assert post(c, f"{BASE}/{eid}/phieu", {"household_id": h, "pick": str(cand)}).status_code == 303
    r = post(c, f"{BASE}/{eid}/phieu", {"household_id": 999999, "pick": str(cand)})
    assert r.status_code == 422 and "không có trong danh sách hộ" in r.text
    r = post(c, f"{BASE}/{eid}/ket-thuc.json", {"received_on": "21/12/2026"}, json=True)
    assert r.status_code == 200 and "trúng cử với 5/9" in r.json()["message"]
    page = c.get(f"{BASE}/{eid}.json").json()
    assert page["election"]["state"] == "counted" and page["election"]["households_total"] == 9
    assert page["participated"] == 5
    r = post(c, f"{BASE}/{eid}/cong-nhan", {"recognised_on": "28/12/2026", "decision_ref": ""})
    assert r.status_code == 422 and "số quyết định công nhận" in r.text
    assert post(c, f"{BASE}/{eid}/cong-nhan", {"recognised_on": "28/12/2026",
                                               "decision_ref": "30/QĐ-UBND"}).status_code == 303
    assert people.holders_of("group_head", group.id) == [cand]
    html = c.get(f"{BASE}/{eid}").text
    assert "Đã công nhận ngày 28/12/2026" in html


def test_a_group_head_sees_only_his_group_and_cannot_decide(core, ward, app, make_client):
    import datetime as dt

    from thanthien.plugins.bieuquyet.services import elections as el

    _accounts(ward)

    e = el.plan_election(core, group_id=ward.groups[0].id, meeting_on=dt.date(2026, 12, 20), decision_ref="1",
                         decision_on=dt.date(2026, 11, 30), actor=ward.chair)
    c = make_client("totruong2")
    assert c.get(f"{BASE}/{e.id}").status_code == 403
    assert c.get(f"{BASE}.json").json()["elections"] == []
    r = post(c, f"{BASE}/quyet-dinh", {"group_id": ward.groups[1].id, "meeting_on": "20/12/2026",
                                       "decision_ref": "1", "decision_on": "30/11/2026"})
    assert r.status_code == 403
