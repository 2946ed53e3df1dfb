"""Fail-closed scope (issue 10): every notice, posting, conference and information request
belongs to a unit, and staff outside it neither list, read, change nor export it. Each
test is an attack by an officer of another unit (or a boundary of who may).

The table below is written by hand, not derived from the access policy under test.
"""
from __future__ import annotations

import pytest
from thanthien.core import accounts
from thanthien.core.audit import entries
from thanthien.core.errors import PermissionDenied
from thanthien.plugins.congkhai import exports
from thanthien.plugins.congkhai import services as ck
from thanthien.testing import post

from .helpers import PASSWORD, REQUEST, STAFF, at, d

#: who may withdraw a notice of the culture department (hand-written)
WITHDRAW = {"culture_officer": True, "economy_officer": False, "chair": True, "head1": False,
            "one_stop_officer": False}


def _actors(ward, departments):
    return {"culture_officer": departments.culture_officer, "economy_officer": departments.economy_officer,
            "chair": ward.chair, "head1": ward.head1, "one_stop_officer": departments.one_stop_officer}


def _culture_notice(core, departments, category="ngan_sach", title="Dự toán ngân sách 2026"):
    n = ck.create_notice(core, category=category, title=title, actor=departments.culture_officer,
                         decision_date=d("2026-03-02"), today=d("2026-03-03"))
    return ck.publish_notice(core, n.id, actor=departments.culture_officer, at=at("2026-03-03"))


def test_a_notice_belongs_to_the_drafting_officers_department(core, ward, departments):
    n = _culture_notice(core, departments)
    assert n.unit_id == departments.culture.id
    assert ck.create_notice(core, category="khac", title="x", actor=ward.officer).unit_id is None  # ward-wide officer
    with pytest.raises(PermissionDenied):  # a department officer cannot file a notice under another department
        ck.create_notice(core, category="khac", title="x", unit_id=departments.economy.id,
                         actor=departments.culture_officer)


@pytest.mark.parametrize("who", sorted(WITHDRAW))
def test_withdrawing_is_for_the_notices_department_or_the_leaders(core, ward, departments, who):
    n = _culture_notice(core, departments)
    actor = _actors(ward, departments)[who]
    if WITHDRAW[who]:
        assert ck.withdraw_notice(core, n.id, reason="Sai số liệu", actor=actor).state == "withdrawn"
    else:
        with pytest.raises(PermissionDenied):
            ck.withdraw_notice(core, n.id, reason="Sai số liệu", actor=actor)
        assert ck.get_notice(n.id).state == "published"


def test_another_department_neither_lists_nor_changes_a_notice(core, ward, departments):
    n = _culture_notice(core, departments)
    draft = ck.create_notice(core, category="tthc", title="Bản nháp", actor=departments.culture_officer)
    other = departments.economy_officer
    assert ck.staff_notices(core, actor=other) == []
    assert {x.notice.id for x in ck.staff_notices(core, actor=departments.culture_officer)} == {n.id, draft.id}
    for attack in (lambda: ck.notice_desk(core, n.id, actor=other),
                   lambda: ck.update_draft(core, draft.id, category="tthc", title="Sửa", actor=other),
                   lambda: ck.publish_notice(core, draft.id, actor=other),
                   lambda: ck.revise_notice(core, n.id, title="v2", body_html="", actor=other),
                   lambda: ck.add_attachment(core, draft.id, filename="a.pdf", data=b"%PDF-1.4\n%%EOF\n", actor=other),
                   lambda: ck.record_posting(core, n.id, kind="office", posted_on=d("2026-03-03"), actor=other,
                                             today=d("2026-03-04"))):
        with pytest.raises(PermissionDenied):
            attack()


def test_the_notices_department_records_every_place_of_its_notice(core, ward, departments):
    """A culture officer whose role is scoped to her department records every group's
    places of her department's notice; not those of another department's notice. A group
    head records only his or her own group's places (moved from test_staff_web)."""
    mine = _culture_notice(core, departments)
    theirs = ck.create_notice(core, category="phi_le_phi", title="Phí chợ", actor=departments.economy_officer)
    theirs = ck.publish_notice(core, theirs.id, actor=departments.economy_officer, at=at("2026-03-03"))
    scoped, g1, g3 = departments.culture_officer, ward.groups[0].id, ward.groups[2].id
    assert ck.may_record(core, scoped, mine, "group_house", g3)
    assert ck.may_record(core, scoped, mine, "office", None)
    assert not ck.may_record(core, scoped, theirs, "group_house", g3)
    assert not ck.may_record(core, ward.head1, mine, "group_house", g3)
    assert ck.may_record(core, ward.head1, mine, "group_head", g1)
    assert not ck.may_record(core, ward.head1, mine, "loudspeaker", None)
    # the head's desk shows the published notices of his group, only his group's places
    listed = {x.notice.id for x in ck.staff_notices(core, actor=ward.head1)}
    assert listed == {mine.id, theirs.id}
    places = ck.notice_desk(core, mine.id, actor=ward.head1).places
    assert places and {p.requirement.unit_id for p in places} == {g1}


def test_the_compliance_dashboard_and_register_show_only_the_actors_notices(core, ward, departments):
    mine = _culture_notice(core, departments)
    theirs = ck.create_notice(core, category="phi_le_phi", title="Phí chợ", actor=departments.economy_officer)
    theirs = ck.publish_notice(core, theirs.id, actor=departments.economy_officer, at=at("2026-03-03"))
    report = ck.check(core, d("2026-05-04"), actor=departments.culture_officer)
    assert set(report.notices) == {mine.id}
    assert {g.notice_id for g in report.gaps} == {mine.id}  # no ward-wide finding for a department
    ward_wide = ck.check(core, d("2026-05-04"), actor=ward.chair)
    assert {mine.id, theirs.id} <= set(ward_wide.notices) and any(g.kind == "permanent_absent" for g in ward_wide.gaps)
    assert [r.notice_id for r in ck.disclosure_register(core, 2026, 1, actor=departments.culture_officer).rows] == [
        mine.id]
    assert ck.check(core, d("2026-05-04"), actor=ward.head1).notices == {}  # a group head checks nothing


def test_conferences_and_media_belong_to_the_organising_unit(core, ward, departments):
    c = ck.record_conference(core, kind="dccs_law", topic="Phổ biến Luật", held_on=d("2026-03-10"), place="NVH",
                             audience="residents", unit_id=ward.groups[0].id, actor=departments.culture_officer,
                             today=d("2026-03-31"))
    m = ck.record_media(core, kind="news", title="Tin", published_on=d("2026-03-10"), channel="website",
                        topic="model", actor=departments.culture_officer, today=d("2026-03-31"))
    assert (c.organiser_unit_id, m.organiser_unit_id) == (departments.culture.id, departments.culture.id)
    period = (d("2026-01-01"), d("2026-12-31"))
    assert [x.id for x in ck.conferences(core, *period, actor=departments.culture_officer)] == [c.id]
    assert ck.conferences(core, *period, actor=departments.economy_officer) == []
    assert ck.media_items(core, *period, actor=departments.economy_officer) == []
    assert [x.id for x in ck.media_items(core, *period, actor=ward.chair)] == [m.id]


def test_an_information_request_belongs_to_the_receiving_unit(core, ward, departments):
    case = ck.open_request(core, actor=departments.one_stop_officer, received_at=at("2026-03-02"), **REQUEST)
    assert case.unit_id == departments.one_stop.id and case.case_type == "congkhai_ttt_online"
    other = departments.economy_officer
    assert ck.request_register(core, 2026, actor=other) == []
    assert [r.case_id for r in ck.request_register(core, 2026, actor=departments.one_stop_officer)] == [case.id]
    for attack in (lambda: ck.view_request(core, case.id, actor=other),
                   lambda: ck.view_request(core, case.id, actor=other, personal=True),
                   lambda: ck.provide_information(core, case.id, actor=other),
                   lambda: ck.refuse_request(core, case.id, ground="bi_mat", reason="x", actor=other),
                   lambda: exports.request_form_html(core, case.id, "01a", actor=other)):
        with pytest.raises(PermissionDenied):
            attack()
    assert not entries(action="congkhai.requests.view_personal")


@pytest.mark.parametrize("form", ["01a", "02", "05"])
def test_a_printed_form_is_a_full_read_checked_and_audit_logged(core, ward, departments, form):
    """Forms 01a…06 carry the requester's name, ID number and address: printing one needs
    the permission of unmasking the request's page and leaves an audit entry."""
    case = ck.open_request(core, actor=departments.one_stop_officer, received_at=at("2026-03-02"), **REQUEST)
    html = exports.request_form_html(core, case.id, form, actor=departments.one_stop_officer)
    assert "Lục Thị Hoa" in html
    logged = entries(action="congkhai.requests.view_personal")
    assert [(e.entity_id, e.actor_id) for e in logged] == [(str(case.id), departments.one_stop_officer.person_id)]
    assert logged[0].after["read"] == f"form {form}"


def test_withdrawal_by_another_department_is_refused_through_the_page(make_client, core, ward, departments, app):
    n = _culture_notice(core, departments)
    accounts.create_account(departments.economy_officer.person_id, "kinhte", PASSWORD)
    other = make_client("kinhte", PASSWORD)
    r = post(other, f"{STAFF}/thong-bao/{n.id}/thu-hoi", {"reason": "Sai"})
    assert r.status_code == 403 and ck.get_notice(n.id).state == "published"
    assert other.get(f"{STAFF}/thong-bao/{n.id}").status_code == 403
    assert other.get(f"{STAFF}/thong-bao.json").json()["notices"] == []
