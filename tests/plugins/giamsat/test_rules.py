"""R-GS rules pinned at their boundaries; nothing is stored when an input is refused."""
from __future__ import annotations

import datetime as dt

import attrs
import pytest
from thanthien.core.errors import IllegalTransition, ValidationError
from thanthien.core.types import SYSTEM_ACTOR
from thanthien.plugins.giamsat import indicators as ind
from thanthien.plugins.giamsat import services as sv
from thanthien.plugins.giamsat.models import BoardRow, MemberRow
from thanthien.plugins.giamsat.types import MemberInput, Relation

from .helpers import DECEMBER_1, at, board, members, project


def _messages(exc) -> str:
    return " ".join(m for _, m in exc.value.errors)


@pytest.mark.rule("R-GS-03")
def test_r_gs_03_board_of_four_refused_five_accepted(services, world):
    p = project(services, world)
    four = members(world, residents=2)
    assert len(four) == 4
    with pytest.raises(ValidationError) as exc:
        sv.create_board(services, p.id, decision_ref="1/QĐ-MTTQ", established_on=DECEMBER_1, members=four,
                        actor=world.front)
    assert "ít nhất 5 thành viên" in _messages(exc)
    assert BoardRow.select().count() == 0 and MemberRow.select().count() == 0
    b = sv.create_board(services, p.id, decision_ref="1/QĐ-MTTQ", established_on=DECEMBER_1,
                        members=members(world, residents=3), actor=world.front)
    assert len(b.members) == 5 and b.active


@pytest.mark.rule("R-GS-03")
def test_r_gs_03_front_inspection_board_and_residents_represented(services, world):
    p = project(services, world)
    ms = members(world, residents=4)
    ms[1] = attrs.evolve(ms[1], representing="nhan_dan", group_id=world.groups[0])
    with pytest.raises(ValidationError) as exc:
        sv.create_board(services, p.id, decision_ref="1", established_on=DECEMBER_1, members=ms, actor=world.front)
    assert "đại diện Ban Thanh tra nhân dân" in _messages(exc)


@pytest.mark.rule("R-GS-03")
def test_r_gs_03_resident_members_live_in_an_affected_group(services, world):
    p = project(services, world)
    ms = members(world)
    ms[2] = attrs.evolve(ms[2], group_id=world.groups[2])  # TDP 3 is not affected by the project
    with pytest.raises(ValidationError) as exc:
        sv.create_board(services, p.id, decision_ref="1", established_on=DECEMBER_1, members=ms, actor=world.front)
    assert "không cư trú tại tổ dân phố chịu tác động" in _messages(exc)


@pytest.mark.rule("R-GS-04")
def test_r_gs_04_five_resident_members_accepted_six_refused(services, world):
    p = project(services, world)
    with pytest.raises(ValidationError) as exc:
        sv.create_board(services, p.id, decision_ref="1", established_on=DECEMBER_1,
                        members=members(world, residents=6), actor=world.front)
    assert "tối đa 5 người; danh sách có 6" in _messages(exc)
    assert BoardRow.select().count() == 0
    b = sv.create_board(services, p.id, decision_ref="1", established_on=DECEMBER_1,
                        members=members(world, residents=5), actor=world.front)
    assert sum(m.representing == "nhan_dan" for m in b.members) == 5


@pytest.mark.rule("R-GS-05")
def test_r_gs_05_two_deputies_accepted_three_refused(services, world):
    p = project(services, world)
    with pytest.raises(ValidationError) as exc:
        sv.create_board(services, p.id, decision_ref="1", established_on=DECEMBER_1,
                        members=members(world, residents=3, deputies=3), actor=world.front)
    assert "không quá 2 Phó Trưởng ban" in _messages(exc)
    b = sv.create_board(services, p.id, decision_ref="1", established_on=DECEMBER_1,
                        members=members(world, residents=3, deputies=2), actor=world.front)
    assert sum(m.board_role == "pho_truong_ban" for m in b.members) == 2


@pytest.mark.rule("R-GS-06")
def test_r_gs_06_member_related_to_the_contractor_is_refused_nothing_stored(services, world):
    p = project(services, world)
    ms = members(world)
    ms[3] = attrs.evolve(ms[3], relations=[Relation("Cư Văn Thầu", "con trai", "nha_thau")])
    with pytest.raises(ValidationError) as exc:
        sv.create_board(services, p.id, decision_ref="1", established_on=DECEMBER_1, members=ms, actor=world.front)
    text = _messages(exc)
    assert "Cư Dân 2 có người thân (con trai: Cư Văn Thầu) là nhà thầu thi công" in text and "Điều 42" in text
    assert BoardRow.select().count() == 0 and MemberRow.select().count() == 0
    # a declared relation with another party is recorded, not refused
    ms[3] = attrs.evolve(ms[3], relations=[Relation("Cư Văn Hộ", "anh trai", "khac")])
    b = sv.create_board(services, p.id, decision_ref="1", established_on=DECEMBER_1, members=ms, actor=world.front)
    assert b.members[3].relations == ({"name": "Cư Văn Hộ", "relation": "anh trai", "party": "khac"},)


@pytest.mark.rule("R-GS-06")
def test_r_gs_06_commune_cadre_or_civil_servant_refused(services, world):
    p = project(services, world)
    ms = members(world)
    ms[0] = attrs.evolve(ms[0], person_id=world.officer.person_id)  # a staff person of the ward
    with pytest.raises(ValidationError) as exc:
        sv.create_board(services, p.id, decision_ref="1", established_on=DECEMBER_1, members=ms, actor=world.front)
    assert "cán bộ, công chức cấp xã" in _messages(exc)
    ms = members(world)
    ms[4] = attrs.evolve(ms[4], is_official=True)
    with pytest.raises(ValidationError):
        sv.create_board(services, p.id, decision_ref="1", established_on=DECEMBER_1, members=ms, actor=world.front)
    assert BoardRow.select().count() == 0


@pytest.mark.rule("R-GS-06")
def test_r_gs_06_added_member_checked_like_the_founders(services, world):
    b = board(services, world)
    with pytest.raises(ValidationError) as exc:
        sv.add_member(services, b.id, MemberInput("Lê Văn Rể", representing="nhan_dan", group_id=world.groups[0],
                                                  relations=[Relation("Lê Thị Đầu Tư", "vợ", "chu_dau_tu")]),
                      actor=world.front)
    assert "chủ đầu tư" in _messages(exc)
    assert MemberRow.select().count() == 5
    b = sv.add_member(services, b.id, MemberInput("Lê Văn Bổ", representing="nhan_dan", group_id=world.groups[0]),
                      actor=world.front)
    assert len(b.members) == 6


@pytest.mark.rule("R-GS-02")
def test_r_gs_02_out_of_scope_project_cannot_get_a_board(services, world):
    p = project(services, world, funding="von_ngoai_nha_nuoc", name="Trung tâm thương mại tư nhân")
    assert not p.in_scope
    with pytest.raises(ValidationError) as exc:
        sv.create_board(services, p.id, decision_ref="1", established_on=DECEMBER_1, members=members(world),
                        actor=world.front)
    assert "Không thuộc phạm vi giám sát" in _messages(exc) and "R-GS-02" in _messages(exc)
    assert BoardRow.select().count() == 0


@pytest.mark.rule("R-GS-01")
def test_r_gs_01_one_board_per_project_and_dissolution(services, world):
    p = project(services, world)
    b = board(services, world, p)
    with pytest.raises(ValidationError) as exc:
        board(services, world, p)
    assert "chỉ thành lập 01 Ban giám sát" in _messages(exc)
    b = sv.dissolve_board(services, b.id, dissolved_on=dt.date.today(), note="Công trình đã quyết toán",
                          actor=world.front)
    assert b.state == "dissolved"
    with pytest.raises(IllegalTransition):
        sv.record_inspection(services, b.id, held_on=dt.date.today(), place="Hiện trường", findings="x",
                             actor=world.front)


@pytest.mark.rule("R-GS-09")
def test_r_gs_09_notice_45_days_before_on_time_44_late(services, world):
    b = board(services, world)
    start = dt.date(2026, 3, 1)
    p1, _ = sv.create_plan(services, b.id, title="Kế hoạch quý I", start_on=start, end_on=dt.date(2026, 3, 31),
                           actor=world.front, today=dt.date(2025, 12, 1))
    assert p1.notify_by == dt.date(2026, 1, 15)
    p1, warn = sv.record_plan_notice(services, p1.id, notified_on=start - dt.timedelta(days=45), notice_ref="5/TB-MTTQ",
                                     actor=world.front)
    assert p1.notified_late is False and warn == []
    p2, _ = sv.create_plan(services, b.id, title="Kế hoạch bổ sung", start_on=start, end_on=dt.date(2026, 3, 31),
                           actor=world.front, today=dt.date(2025, 12, 1))
    p2, warn = sv.record_plan_notice(services, p2.id, notified_on=start - dt.timedelta(days=44),
                                     notice_ref="6/TB-MTTQ", actor=world.front)
    assert p2.notified_late is True and "chậm so với hạn 15/01/2026" in warn[0] and "R-GS-09" in warn[0]


@pytest.mark.rule("R-GS-09")
def test_r_gs_09_plan_not_notified_in_time_is_warned(services, world):
    b = board(services, world)
    start = dt.date.today() + dt.timedelta(days=44)
    _, warn = sv.create_plan(services, b.id, title="Kế hoạch gấp", start_on=start, end_on=start, actor=world.front)
    assert warn and "chưa thông báo" in warn[0]
    assert any(w.kind == "plan_notice" for w in sv.warnings(services))
    start = dt.date.today() + dt.timedelta(days=45)
    _, warn = sv.create_plan(services, b.id, title="Kế hoạch kịp", start_on=start, end_on=start, actor=world.front)
    assert warn == []


@pytest.mark.rule("R-GS-10")
def test_r_gs_10_answer_on_day_15_on_time_day_16_late(services, world):
    b = board(services, world)
    received = dt.date(2026, 3, 2)  # a Monday; day 15 is Tuesday 17/03/2026, a working day
    r1 = sv.make_recommendation(services, b.id, kind="kien_nghi", content="Bổ sung biển báo thi công",
                                sent_on=received, actor=world.front)
    r2 = sv.make_recommendation(services, b.id, kind="kien_nghi", content="Che chắn vật liệu",
                                sent_on=received, actor=world.front)
    assert r1.due_date == dt.date(2026, 3, 17) and r1.state == "sent"
    a1 = sv.answer_recommendation(services, r1.id, answer="Đã yêu cầu nhà thầu bổ sung.", actor=world.chairman,
                                  at=at("2026-03-17T16:00"))
    a2 = sv.answer_recommendation(services, r2.id, answer="Đã chỉ đạo khắc phục.", actor=world.chairman,
                                  at=at("2026-03-18T08:00"))
    assert (a1.timeliness, a2.timeliness) == ("on_time", "late")
    assert a1.document_id and services.documents.get(a1.document_id).doc_type == "cong_van"
    year = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert (ind.answers_on_time(services, *year), ind.answers_late(services, *year)) == (1, 1)
    assert services.indicators.value("giamsat.answers_late", *year) == 1


@pytest.mark.rule("R-GS-10")
def test_r_gs_10_waiting_recommendation_overdue_warned(services, world):
    b = board(services, world)
    r = sv.make_recommendation(services, b.id, kind="kien_nghi", content="Kiểm tra mác bê tông",
                               sent_on=dt.date(2026, 3, 2), actor=world.front)
    assert not [w for w in sv.warnings(services, dt.date(2026, 3, 17)) if w.kind == "answer_overdue"]
    late = [w for w in sv.warnings(services, dt.date(2026, 3, 18)) if w.kind == "answer_overdue"]
    assert late and r.number in late[0].message


@pytest.mark.rule("R-GS-08")
def test_r_gs_08_suspension_needs_a_serious_violation(services, world):
    b = board(services, world)
    plain = sv.record_inspection(services, b.id, held_on=dt.date(2026, 1, 10), place="Đầu tuyến",
                                 findings="Thi công đúng thiết kế", actor=world.front)
    with pytest.raises(ValidationError) as exc:
        sv.make_recommendation(services, b.id, kind="tam_dung", content="Tạm dừng thi công",
                               sent_on=dt.date(2026, 1, 12), basis_inspection_id=plain.id, actor=world.front)
    assert "vi phạm nghiêm trọng" in _messages(exc)
    assert sv.recommendations(services, actor=SYSTEM_ACTOR) == []
    bad = sv.record_inspection(services, b.id, held_on=dt.date(2026, 1, 11), place="Cống số 3",
                               findings="Đổ bê tông thiếu thép, nguy cơ sập", serious_violation=True,
                               experts=["Kỹ sư xây dựng Trần Văn Kỹ"], actor=world.front)
    rec = sv.make_recommendation(services, b.id, kind="tam_dung", content="Tạm dừng thi công cống số 3",
                                 sent_on=dt.date(2026, 1, 12), basis_inspection_id=bad.id, actor=world.front)
    assert rec.kind == "tam_dung" and rec.state == "sent"


@pytest.mark.rule("R-GS-08")
def test_r_gs_08_information_request_items(services, world):
    b = board(services, world)  # public investment: no settlement data
    with pytest.raises(ValidationError):
        sv.send_info_request(services, b.id, sent_on=dt.date(2026, 1, 5), addressee="Chủ đầu tư",
                             items=["quyet_toan"], actor=world.front)
    req = sv.send_info_request(services, b.id, sent_on=dt.date(2026, 1, 5), addressee="Chủ đầu tư",
                               items=["quyet_dinh_dau_tu", "tien_do"], actor=world.front)
    req = sv.record_request_answer(services, req.id, answered_on=dt.date(2026, 1, 9), answer="Đã gửi quyết định",
                                   actor=world.front)
    assert req.answered_on == dt.date(2026, 1, 9)


@pytest.mark.rule("R-GS-07")
def test_r_gs_07_extended_content_for_community_funded_projects(services, world):
    public = board(services, world)
    p2 = project(services, world, funding="dong_gop_cong_dong", name="Sửa nhà văn hóa")
    community = board(services, world, p2)
    public_items = {c.item for c in sv.checks(services, public.id, actor=world.front)}
    community_items = {c.item for c in sv.board_checks(community.id, "dong_gop_cong_dong")}
    assert "quyet_toan" not in public_items and {"quyet_toan", "nghiem_thu", "dinh_muc_vat_tu"} <= community_items
    with pytest.raises(ValidationError):
        sv.update_check(services, public.id, item="quyet_toan", status="dat", actor=world.front)
    with pytest.raises(ValidationError):  # a problem needs its finding
        sv.update_check(services, community.id, item="quyet_toan", status="co_van_de", actor=world.front)
    c = sv.update_check(services, community.id, item="quyet_toan", status="co_van_de", finding="Thiếu chứng từ chi",
                        actor=world.front)
    assert c.status_label == "Có vấn đề, cần kiến nghị"


@pytest.mark.rule("R-PA-09")
def test_r_pa_09_reports_directly_or_from_the_suggestion_box(services, world):
    b = board(services, world)
    with pytest.raises(ValidationError):
        sv.receive_report(services, b.project_id, channel="email", content="Bụi", received_on=dt.date(2026, 1, 3),
                          actor=world.front)
    r = sv.receive_report(services, b.project_id, channel="hom_thu", content="Xe chở vật liệu gây bụi",
                          received_on=dt.date(2026, 1, 3), sender_name="Bà Tư", actor=world.front)
    assert r.board_id == b.id
    r = sv.handle_report(services, r.id, result="Đề nghị nhà thầu tưới nước", handled_on=dt.date(2026, 1, 5),
                         actor=world.front)
    assert r.state == "da_xu_ly"


def test_coverage_counts_projects_with_and_without_a_board(services, world):
    with_board = project(services, world, name="Đường A")
    board(services, world, with_board)
    without = project(services, world, name="Mương B", funding="ngan_sach_xa")
    project(services, world, name="Cửa hàng tư nhân", funding="von_ngoai_nha_nuoc")  # out of scope: not counted
    project(services, world, name="Đường cũ", start_on=dt.date(2024, 1, 1), end_on=dt.date(2024, 12, 31))  # ended before
    cov = sv.coverage(services, dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert (cov.total, cov.with_board, cov.without_board, cov.share) == (2, 1, 1, 50.0)
    assert [p.id for p in cov.missing] == [without.id]
    april = (dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert services.indicators.value("giamsat.coverage", *april) == 50.0
    assert services.indicators.value("giamsat.projects_without_board", *april) == 1
    assert services.indicators.value("giamsat.projects_with_board", *april) == 1


def test_report_to_front_committee_is_a_document(services, world):
    b = board(services, world)
    sv.record_inspection(services, b.id, held_on=dt.date(2026, 1, 10), place="Đầu tuyến", findings="Đúng tiến độ",
                         actor=world.board_member)
    rep = sv.issue_board_report(services, b.id, kind="dinh_ky", period_start=dt.date(2026, 1, 1),
                                period_end=dt.date(2026, 3, 31), actor=world.front, issued_on=dt.date(2026, 4, 2))
    doc = services.documents.get(rep.document_id)
    # R-VB-09/10: the board's own report carries the board's name and symbol, not the UBND's
    assert rep.number_symbol == "01/BCGS-BGSĐTCĐ" and "Đúng tiến độ" in doc.body_html
    html = services.documents.render_html(doc)
    assert "TM. BAN GIÁM SÁT ĐẦU TƯ CỦA CỘNG ĐỒNG" in html and "ngày 02 tháng 4 năm 2026" in html
    assert "BAN GIÁM SÁT ĐẦU TƯ CỦA CỘNG ĐỒNG PHƯỜNG" in html


def test_board_member_acts_only_on_own_board(services, world):
    from thanthien.core.errors import PermissionDenied

    mine = board(services, world)  # world.board_member sits on it
    other_project = project(services, world, name="Mương C")
    ms = members(world)
    ms[1] = MemberInput("Người Khác", "uy_vien", "bttnd")
    other = sv.create_board(services, other_project.id, decision_ref="2", established_on=DECEMBER_1, members=ms,
                            actor=world.front)
    sv.record_inspection(services, mine.id, held_on=dt.date(2026, 1, 2), place="A", findings="ok",
                         actor=world.board_member)
    with pytest.raises(PermissionDenied):
        sv.record_inspection(services, other.id, held_on=dt.date(2026, 1, 2), place="A", findings="ok",
                             actor=world.board_member)
