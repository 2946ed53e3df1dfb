"""Fail-closed scope (issue 10, item 1) and the denouncer's protection against a chosen
handler (item 2, R-TC-10): the module's records belong to the reception unit; staff of
another unit neither list nor open them, nor read their documents — unless they handle
the matter; a denunciation's handler is chosen by the Chủ tịch, with a reason, and is
never the person it names. The table below is written by hand, not derived from the policy."""
from __future__ import annotations

import datetime as dt

import attrs
import pytest

from thanthien.core import people
from thanthien.core.access import actor_for_person
from thanthien.core.errors import PermissionDenied, ValidationError
from thanthien.plugins.tiepdan import services as sv
from thanthien.plugins.tiepdan.types import MatterFacts, PartyInput
from thanthien.plugins.tiepdan.views.staff import matter_view, matters_view, register_view

from .helpers import VISITOR, at

D = dt.date


@attrs.frozen
class Ward:
    units: dict
    chair: object
    vice: object
    officer: object  # one-stop officer of the reception unit (TTPVHCC)
    reception: object  # reception officer of the reception unit
    handler: object  # department officer of VHXH, handler once assigned
    outsider: object  # department officer of KTHTDT
    head: object  # residential-group head of TDP01


@pytest.fixture
def ward(db) -> Ward:
    root = people.create_unit("UBND", "UBND phường", "peoples_committee")
    units = {"UBND": root.id}
    for code, kind in [("TTPVHCC", "service_center"), ("VHXH", "department"), ("KTHTDT", "department"),
                       ("TDP01", "residential_group")]:
        units[code] = people.create_unit(code, code, kind, parent_id=root.id).id

    def make(name, role, unit):
        p = people.create_person(name, is_staff=True, unit_id=units.get(unit), position=role)
        people.grant_role(p.id, role, units.get(unit))
        return actor_for_person(p.id, p.full_name)

    return Ward(units, make("Lý Văn Chủ", "chairperson", None), make("Hà Thị Phó", "vice_chairperson", None),
                make("Ma Văn Một Cửa", "one_stop_officer", "TTPVHCC"),
                make("Nông Văn Tiếp", "reception_officer", "TTPVHCC"),
                make("Đinh Thị Xử", "department_officer", "VHXH"),
                make("Lò Văn Ngoài", "department_officer", "KTHTDT"),
                make("Hoàng Văn Tổ", "group_head", "TDP01"))


def complaint_visit(services, ward):
    return sv.record_visit(services, summary="Khiếu nại quyết định xử phạt", classification="khieu_nai",
                           visitor=VISITOR, actor=ward.officer, received_at=at("2026-03-02T09:00"),
                           matter=MatterFacts(decision_known_on=D(2026, 2, 1)))


def test_records_belong_to_the_reception_unit_and_their_documents_too(services, ward):
    unit = ward.units["TTPVHCC"]
    visit = complaint_visit(services, ward)
    case = services.cases.get(visit.case_id)
    assert (visit.unit_id, case.unit_id, services.cases.get(visit.reply_case_id).unit_id) == (unit, unit, unit)
    accepted = sv.accept_complaint(services, case.id, actor=ward.chair, at=at("2026-03-03T09:00"))
    doc = sv.case_documents(services, accepted.id, actor=ward.chair)[0]
    assert (doc.case_id, doc.unit_id, doc.view_permission) == (case.id, unit, "tiepdan.view")
    refusal = sv.refuse_visit(services, ground="da_giai_quyet_dung", summary="Khiếu nại kéo dài", visitor=VISITOR,
                              actor=ward.reception)
    notice = services.documents.get(refusal.document_id)
    assert (notice.owner_kind, notice.owner_id, notice.unit_id) == ("tiepdan.visit", refusal.id, unit)
    session = sv.create_session(services, kind="regular", day=D(2026, 3, 16), start_time="07:30",
                                end_time="11:00", actor=ward.reception)
    dialogue = sv.plan_dialogue(services, title="Hội nghị đối thoại năm 2026", day=D(2026, 11, 20), place="Hội trường",
                                plan="Đối thoại về chỉnh trang đô thị", actor=ward.reception)
    plan = services.documents.get(dialogue.plan_document_id)
    assert session.unit_id == dialogue.unit_id == plan.unit_id == unit and plan.owner_kind == "tiepdan.dialogue"
    # who reads them (hand-written: reception unit and leaders yes; another unit, a group head no)
    for actor, reads in [(ward.chair, True), (ward.vice, True), (ward.officer, True), (ward.reception, True),
                         (ward.handler, False), (ward.outsider, False), (ward.head, False)]:
        assert services.documents.can_read(actor, doc) is reads, actor.name
        assert services.documents.can_read(actor, notice) is reads, actor.name
        assert services.documents.can_read(actor, plan) is reads, actor.name


def test_staff_of_another_unit_neither_list_nor_open_until_they_handle_it(services, ward):
    visit = complaint_visit(services, ward)
    case_id = visit.case_id
    for actor in (ward.outsider, ward.handler):
        assert matters_view(services, actor=actor).matters == []
        assert register_view(services, D(2026, 1, 1), D(2026, 12, 31), actor=actor).visits == []
        with pytest.raises(PermissionDenied):
            matter_view(services, case_id, actor=actor)
        with pytest.raises(PermissionDenied):
            sv.export_register(services, D(2026, 1, 1), D(2026, 12, 31), actor=actor)
        with pytest.raises(PermissionDenied):
            sv.take_petition(services, case_id, actor=actor)
    assert [m.id for m in matters_view(services, actor=ward.officer).matters] == [case_id]
    assert [v.id for v in register_view(services, D(2026, 1, 1), D(2026, 12, 31), actor=ward.officer).visits] == \
        [visit.id]
    # assigned, the handler of VHXH opens it, sees it in the list, acts and replies on it
    sv.assign(services, case_id, ward.handler.person_id, actor=ward.chair)
    assert [m.id for m in matters_view(services, actor=ward.handler).matters] == [case_id]
    assert matter_view(services, case_id, actor=ward.handler).matter.restricted is False
    reply = sv.send_status_reply(services, visit.reply_case_id, status="need_time", actor=ward.handler,
                                 at=at("2026-03-05T09:00"))
    assert reply.state == "replied"
    assert services.documents.can_read(ward.handler, sv.case_documents(services, case_id, actor=ward.handler)[0])
    # …while his colleague of the same department still does not
    colleague = people.create_person("Vi Thị Cùng Phòng", is_staff=True, unit_id=ward.units["VHXH"])
    people.grant_role(colleague.id, "department_officer", ward.units["VHXH"])
    with pytest.raises(PermissionDenied):
        matter_view(services, case_id, actor=actor_for_person(colleague.id, colleague.full_name))


def test_a_denunciations_documents_are_read_by_its_handler_and_the_chairperson_only(services, ward):
    visit = sv.record_visit(services, summary="Tố cáo cán bộ địa chính", classification="to_cao", visitor=VISITOR,
                            actor=ward.officer, matter=MatterFacts(accused="Cán bộ địa chính"))
    sv.assign(services, visit.case_id, ward.handler.person_id, actor=ward.chair, reason="Giao xác minh")
    sv.accept_denunciation(services, visit.case_id, actor=ward.chair)
    doc = sv.case_documents(services, visit.case_id, actor=ward.chair)[0]
    for actor, reads in [(ward.chair, True), (ward.handler, True), (ward.vice, False), (ward.officer, False),
                         (ward.reception, False), (ward.outsider, False), (ward.head, False)]:
        assert services.documents.can_read(actor, doc) is reads, actor.name
    # the one-stop officer lists it as "Đơn tố cáo" only (as the register does)
    item, = matters_view(services, actor=ward.officer).matters
    assert (item.subject, item.restricted) == ("Đơn tố cáo", True)
    entry, = register_view(services, D(2020, 1, 1), dt.date.today(), actor=ward.officer).visits
    assert (entry.summary, entry.visitor) == ("Đơn tố cáo", "[được bảo mật]")


@pytest.mark.rule("R-TC-10")
def test_r_tc_10_only_the_chairperson_assigns_a_denunciation_with_a_reason_never_to_the_denounced(services, ward):
    named = people.create_person("Đỗ Văn Bị", is_staff=True, unit_id=ward.units["VHXH"])
    people.grant_role(named.id, "department_officer", ward.units["VHXH"])
    visit = sv.record_visit(services, summary="Tố cáo công chức nhận tiền", classification="to_cao",
                            visitor=PartyInput(full_name="Người Tố Cáo", address="Tổ 1"), actor=ward.officer,
                            matter=MatterFacts(accused="Ông Đỗ Văn Bị, công chức Phòng Văn hóa - Xã hội"))
    case_id = visit.case_id
    # a vice-chairperson can no longer give it to himself or herself, then reveal the denouncer
    with pytest.raises(PermissionDenied):
        sv.assign(services, case_id, ward.vice.person_id, actor=ward.vice, reason="Tôi xử lý")
    with pytest.raises(PermissionDenied):
        sv.reveal_identity(services, case_id, actor=ward.vice, reason="Xác minh")
    with pytest.raises(PermissionDenied):  # nor may the receiving officer choose its handler
        sv.open_matter(services, "to_cao", subject="Tố cáo", channel="van_ban", parties=[VISITOR],
                       owner_id=ward.handler.person_id, actor=ward.reception)
    # the chairperson does, with a reason, and never to the person it names
    with pytest.raises(ValidationError) as err:
        sv.assign(services, case_id, ward.handler.person_id, actor=ward.chair)
    assert err.value.errors[0][0] == "reason"
    with pytest.raises(ValidationError) as err:
        sv.assign(services, case_id, named.id, actor=ward.chair, reason="Giao phòng xác minh")
    assert err.value.errors[0][0] == "owner_id" and "bị tố cáo" in err.value.errors[0][1]
    sv.assign(services, case_id, ward.handler.person_id, actor=ward.chair, reason="Giao phòng xác minh")
    event = [e for e in services.cases.events(case_id) if e.action == "assign"][-1]
    assert (event.actor_name, event.note) == (ward.chair.name, "Giao phòng xác minh")
    assert sv.reveal_identity(services, case_id, actor=ward.handler, reason="Xác minh")[0].full_name == "Người Tố Cáo"
    # reassigning needs the chairperson too, and a reason
    with pytest.raises(PermissionDenied):
        sv.assign(services, case_id, ward.vice.person_id, actor=ward.vice, reason="Giao lại")
    sv.assign(services, case_id, ward.reception.person_id, actor=ward.chair, reason="Đổi người xác minh")
    with pytest.raises(PermissionDenied):  # the former handler no longer reveals it
        sv.reveal_identity(services, case_id, actor=ward.handler, reason="Xác minh lại")
