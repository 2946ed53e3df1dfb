"""The annual community meeting and the dialogue conference (R-DT-01…04): once a year,
the plan before the notice, the notice ≥ 5 days ahead, the agenda in its legal order."""
from __future__ import annotations

import datetime as dt

import pytest

from thanthien.core.errors import PermissionDenied, ValidationError
from thanthien.plugins.bieuquyet.services import dialogue as dl

MEETING = dt.date(2026, 12, 27)


def _planned(core, ward, group=None):
    return dl.plan(core, kind="dinh_ky", unit_id=(group or ward.groups[0]).id, meeting_on=MEETING,
                   place="Nhà văn hóa tổ 1", actor=ward.head1)


@pytest.mark.rule("R-DT-02")
def test_r_dt_02_one_periodic_meeting_a_year_convened_by_the_group_head(core, ward):
    m = _planned(core, ward)
    assert m.unit_name == "Tổ dân phố số 1" and m.agenda[0].key == "bao_cao_to_truong"
    with pytest.raises(ValidationError, match="R-DT-02"):
        _planned(core, ward)
    with pytest.raises(PermissionDenied):  # another group's head
        dl.plan(core, kind="dinh_ky", unit_id=ward.groups[0].id, meeting_on=dt.date(2027, 12, 27), actor=ward.head2)
    overview = dl.year_overview(core, 2026, unit_ids=None)
    assert [g for g, _ in overview.groups_without_meeting] == [ward.groups[1].id, ward.groups[2].id]


@pytest.mark.rule("R-DT-03")
def test_r_dt_03_plan_first_then_the_notice_five_days_ahead(core, ward):
    m = _planned(core, ward)
    with pytest.raises(ValidationError, match="R-DT-03"):  # no plan sent yet
        dl.send_notice(core, m.id, sent_on=dt.date(2026, 12, 20), actor=ward.head1)
    dl.send_plan(core, m.id, sent_on=dt.date(2026, 12, 15), actor=ward.head1)
    with pytest.raises(ValidationError, match="ít nhất 5 ngày"):  # four days before
        dl.send_notice(core, m.id, sent_on=dt.date(2026, 12, 23), actor=ward.head1)
    m = dl.send_notice(core, m.id, sent_on=dt.date(2026, 12, 22), actor=ward.head1)  # five days before
    assert m.state == "notified" and m.households_total == 9 and m.notice_last_day == dt.date(2026, 12, 22)


@pytest.mark.rule("R-DT-04")
def test_r_dt_04_the_agenda_runs_in_order_and_the_report_follows(core, ward):
    m = _planned(core, ward)
    dl.send_plan(core, m.id, sent_on=dt.date(2026, 12, 15), actor=ward.head1)
    dl.send_notice(core, m.id, sent_on=dt.date(2026, 12, 20), actor=ward.head1)
    with pytest.raises(ValidationError, match="trình tự"):  # the Front's report before the head's
        dl.record_item(core, m.id, key="bao_cao_mat_tran", summary="Báo cáo", actor=ward.head1)
    with pytest.raises(ValidationError, match="Chưa hoàn thành"):
        dl.send_report(core, m.id, sent_on=dt.date(2026, 12, 28), households_present=8, actor=ward.head1)
    for key in dl.AGENDA:
        m = dl.record_item(core, m.id, key=key, summary=f"Nội dung {key}", actor=ward.head1)
    assert m.next_item is None
    with pytest.raises(ValidationError, match="từ 0 đến 9"):
        dl.send_report(core, m.id, sent_on=dt.date(2026, 12, 28), households_present=10, actor=ward.head1)
    m = dl.send_report(core, m.id, sent_on=dt.date(2026, 12, 28), households_present=8, actor=ward.head1)
    assert (m.state, m.households_present) == ("reported", 8)


@pytest.mark.rule("R-DT-01")
def test_r_dt_01_the_ward_holds_a_dialogue_conference_each_year(core, ward):
    assert dl.year_overview(core, 2026, unit_ids=None).dialogue_held is False
    with pytest.raises(PermissionDenied):
        dl.plan(core, kind="doi_thoai", unit_id=None, meeting_on=dt.date(2026, 10, 15), actor=ward.head1)
    m = dl.plan(core, kind="doi_thoai", unit_id=None, meeting_on=dt.date(2026, 10, 15), actor=ward.chair)
    dl.send_notice(core, m.id, sent_on=dt.date(2026, 10, 1), actor=ward.chair)
    for key in dl.DIALOGUE_AGENDA:
        dl.record_item(core, m.id, key=key, summary="…", actor=ward.chair)
    dl.send_report(core, m.id, sent_on=dt.date(2026, 10, 16), households_present=None, actor=ward.chair)
    assert dl.year_overview(core, 2026, unit_ids=None).dialogue_held is True


def test_the_meeting_pages_and_their_json_twins(core, ward, app, make_client):
    from thanthien.core import accounts
    from thanthien.core.demo import DEMO_PASSWORD
    from thanthien.testing import allow_demo_password, post

    allow_demo_password()
    accounts.create_account(ward.head1.person_id, "totruong1", DEMO_PASSWORD)
    c = make_client("totruong1")
    r = post(c, "/bieuquyet/hoi-nghi/ke-hoach", {"kind": "dinh_ky", "unit_id": ward.groups[0].id,
                                                 "meeting_on": "31/02/2026"})
    assert r.status_code == 422 and "Ngày không hợp lệ" in r.text and 'role="alert"' in r.text
    r = post(c, "/bieuquyet/hoi-nghi/ke-hoach.json", {"kind": "dinh_ky", "unit_id": ward.groups[0].id,
                                                      "meeting_on": "27/12/2026"}, json=True)
    mid = r.json()["meeting_id"]
    assert post(c, f"/bieuquyet/hoi-nghi/{mid}/gui-ke-hoach", {"sent_on": "15/12/2026"}).status_code == 303
    r = post(c, f"/bieuquyet/hoi-nghi/{mid}/thong-bao.json", {"sent_on": "23/12/2026"}, json=True)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "sent_on"
    assert post(c, f"/bieuquyet/hoi-nghi/{mid}/thong-bao", {"sent_on": "22/12/2026"}).status_code == 303
    r = post(c, f"/bieuquyet/hoi-nghi/{mid}/noi-dung", {"key": "thao_luan", "summary": "Thảo luận"})
    assert r.status_code == 422 and "trình tự" in r.text
    page = c.get(f"/bieuquyet/hoi-nghi/{mid}.json").json()
    assert page["meeting"]["state"] == "notified" and page["meeting"]["households_total"] == 9
    listing = c.get("/bieuquyet/hoi-nghi.json?nam=2026").json()
    assert [m["id"] for m in listing["meetings"]] == [mid] and listing["dialogue_held"] is False
