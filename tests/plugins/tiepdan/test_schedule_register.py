"""Reception schedule (R-TD-02, R-TD-04, R-TD-06, R-TD-07) and register (R-TD-08 … R-TD-14)."""
import datetime as dt

import pytest

from thanthien.core.errors import IllegalTransition, PermissionDenied, ValidationError
from thanthien.core.models import NoticeRow
from thanthien.plugins.tiepdan import services as sv
from thanthien.plugins.tiepdan.models import CaseRow, PartyRow, VisitRow
from thanthien.plugins.tiepdan.schemas import PublicSession
from thanthien.plugins.tiepdan.types import MatterFacts, PartyInput, WeekShortfall

from .helpers import VISITOR, at, chairman_day

D = dt.date


@pytest.mark.rule("R-TD-07")
def test_r_td_07_publication_five_working_days_ahead_warns_when_late(services, staff):
    # Mon 16/03/2026: five working days before is Mon 09/03.
    assert sv.latest_publication_date(services, D(2026, 3, 16)) == D(2026, 3, 9)
    ok, warnings = sv.publish_session(services, chairman_day(services, staff, D(2026, 3, 16)).id,
                                      actor=staff.officer, at=at("2026-03-09T16:00"))
    assert warnings == [] and ok.published_late is False and ok.state == "published"
    late, warnings = sv.publish_session(services, chairman_day(services, staff, D(2026, 3, 16)).id,
                                        actor=staff.officer, at=at("2026-03-10T08:00"))
    assert late.published_late is True and "R-TD-07" in warnings[0] and "09/03/2026" in warnings[0]


@pytest.mark.rule("R-TD-07")
def test_r_td_07_working_days_skip_tet(services, staff):
    # Mon 23/02/2026 right after Tết: 13, 12, 11, 10, 09/02 → latest Mon 09/02.
    assert sv.latest_publication_date(services, D(2026, 2, 23)) == D(2026, 2, 9)
    _, warnings = sv.publish_session(services, chairman_day(services, staff, D(2026, 2, 23)).id,
                                     actor=staff.officer, at=at("2026-02-10T09:00"))
    assert warnings


@pytest.mark.rule("R-TD-06")
def test_r_td_06_published_on_board_and_website(services, staff):
    s, _ = sv.publish_session(services, chairman_day(services, staff, D(2026, 3, 16)).id, actor=staff.officer,
                              at=at("2026-03-02T09:00"))
    notice = NoticeRow.get_by_id(s.notice_id)
    assert notice.state == "published" and notice.category == "lich_tiep_cong_dan"
    assert set(notice.channels) == {"niem_yet", "trang_thong_tin_dien_tu"}
    assert sv.reception_place(services) and sv.config(services).regular_hours
    item = PublicSession.of(sv.sessions(D(2026, 3, 1), D(2026, 3, 31))[0])
    assert (item.host_name, item.attendees, item.topics) == (
        "Lý Văn Chủ", ["Công chức Tư pháp - Hộ tịch"], "Đất đai, xây dựng")


@pytest.mark.rule("R-TD-07")
def test_r_td_07_rescheduling_publishes_the_new_date(services, staff):
    s, _ = sv.publish_session(services, chairman_day(services, staff, D(2026, 3, 16)).id, actor=staff.officer,
                              at=at("2026-03-02T09:00"))
    with pytest.raises(ValidationError):
        sv.reschedule_session(services, s.id, day=D(2026, 3, 18), reason=" ", actor=staff.officer)
    new, warnings = sv.reschedule_session(services, s.id, day=D(2026, 3, 18), reason="Chủ tịch họp tỉnh",
                                          actor=staff.officer, at=at("2026-03-12T09:00"))
    assert new.state == "published" and new.moved_from_id == s.id and warnings  # late, but posted
    assert sv.get_session(s.id).state == "moved"
    assert NoticeRow.get_by_id(s.notice_id).state == "withdrawn"
    ics = sv.schedule_ics(services, D(2026, 3, 1), D(2026, 3, 31))
    assert ics.count("BEGIN:VEVENT") == 2 and "STATUS:CANCELLED" in ics
    assert "DTSTART:20260318T003000Z" in ics  # 07:30 in Vietnam (UTC+7)
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    with pytest.raises(IllegalTransition):
        sv.reschedule_session(services, s.id, day=D(2026, 3, 19), reason="x", actor=staff.officer)


@pytest.mark.rule("R-TD-02")
def test_r_td_02_one_chairman_day_every_week(services, staff):
    for day in (D(2026, 3, 2), D(2026, 3, 16)):
        sv.publish_session(services, chairman_day(services, staff, day).id, actor=staff.officer,
                           at=at("2026-02-23T09:00"))
    cov = sv.chairman_coverage(services, D(2026, 3, 2), D(2026, 3, 22))
    assert cov.weeks == 3 and cov.required == 3
    assert cov.missing == [WeekShortfall(D(2026, 3, 9), 0, 1)]
    # The Tết week (16–20/02/2026) has no working day: nothing is required.
    assert sv.chairman_coverage(services, D(2026, 2, 16), D(2026, 2, 22)).required == 0


@pytest.mark.rule("R-TD-04")
def test_r_td_04_no_delegation_to_deputy_from_1_july_2026(services, staff):
    before = chairman_day(services, staff, D(2026, 6, 30), host=staff.vice)
    assert before.delegated is True
    with pytest.raises(ValidationError) as err:
        chairman_day(services, staff, D(2026, 7, 1), host=staff.vice)
    assert "R-TD-04" in str(err.value)
    with pytest.raises(ValidationError):
        chairman_day(services, staff, D(2026, 6, 30), host=staff.handler)


def test_schedule_needs_permission_and_valid_input(services, staff):
    with pytest.raises(PermissionDenied):
        chairman_day(services, staff, D(2026, 3, 16), actor=staff.other)
    with pytest.raises(ValidationError) as err:
        sv.create_session(services, kind="chairman", day=D(2026, 3, 15), start_time="11:00", end_time="9:00",
                          host_id=staff.chairman.person_id, actor=staff.officer)
    fields = {f for f, _ in err.value.errors}
    assert fields == {"day", "end_time"}


@pytest.mark.rule("R-TD-11")
def test_r_td_11_register_entry_fields(services, staff):
    v = sv.record_visit(services, summary="Hỏi chế độ người có công", classification="hoi_chinh_sach",
                        visitor=PartyInput(full_name="Trần Thị Hỏi"), request="Được hướng dẫn thủ tục",
                        prior_handling="Chưa", citizen_signed=True, actor=staff.officer,
                        received_at=at("2026-03-02T08:10"))
    assert v.number == "0001/2026" and v.officer_name == "Nông Văn Tiếp" and v.citizen_signed
    assert v.case_id is None and v.handling == "tra_loi_truc_tiep"
    with pytest.raises(ValidationError) as err:
        sv.record_visit(services, summary="", classification="khac", visitor=PartyInput(), actor=staff.officer)
    assert {f for f, _ in err.value.errors} >= {"summary", "classification", "visitor.full_name"}


@pytest.mark.rule("R-TD-14")
@pytest.mark.parametrize("people,reps,ok", [(4, 1, True), (5, 1, True), (5, 3, False), (10, 2, True),
                                            (10, 3, False), (11, 5, True), (11, 6, False)])
def test_r_td_14_group_representatives(services, staff, people, reps, ok):
    others = [PartyInput(full_name=f"Đại diện {i}") for i in range(reps - 1)]
    kwargs = dict(summary="Phản ánh ô nhiễm", classification="phan_anh", visitor=VISITOR, headcount=people,
                  representatives=others, actor=staff.officer)
    if ok:
        v = sv.record_visit(services, **kwargs)
        assert PartyRow.select().where(PartyRow.visit == v.id).count() == reps
    else:
        before = (VisitRow.select().count(), CaseRow.select().count())
        with pytest.raises(ValidationError) as err:
            sv.record_visit(services, **kwargs)
        assert "R-TD-14" in str(err.value)
        assert (VisitRow.select().count(), CaseRow.select().count()) == before


@pytest.mark.rule("R-TD-08")
def test_r_td_08_refusal_only_on_legal_grounds(services, staff):
    with pytest.raises(ValidationError):
        sv.refuse_visit(services, ground="dong_nguoi", summary="x", visitor=VISITOR, actor=staff.officer)
    v = sv.refuse_visit(services, ground="de_doa_xuc_pham", summary="Lớn tiếng xúc phạm cán bộ",
                        visitor=VISITOR, actor=staff.officer)
    assert v.handling == "tu_choi" and v.document_id is None


@pytest.mark.rule("R-TD-09")
def test_r_td_09_refusal_on_ground_3_in_writing(services, staff):
    v = sv.refuse_visit(services, ground="da_giai_quyet_dung", summary="Khiếu nại kéo dài về đất đã giải quyết",
                        visitor=VISITOR, actor=staff.officer, received_at=at("2026-03-02T09:00"))
    doc = services.documents.get(v.document_id)
    assert doc.subject == "Từ chối tiếp công dân" and "Điều 9" in doc.body_html
    assert services.documents.render_docx(doc)[:2] == b"PK"
    assert "Từ chối tiếp công dân" in services.documents.render_html(doc)


@pytest.mark.rule("R-TD-12")
def test_r_td_12_receipt_copies(services, staff):
    kn = sv.record_visit(services, summary="Khiếu nại", classification="khieu_nai", visitor=VISITOR,
                         actor=staff.officer, matter=MatterFacts(decision_known_on=D(2026, 1, 5)))
    tc = sv.record_visit(services, summary="Tố cáo", classification="to_cao", visitor=VISITOR, actor=staff.officer)
    r1 = sv.issue_receipt(services, items=["Đơn khiếu nại (bản chính)", "Quyết định số 12/QĐ-UBND (bản sao)"],
                          visit_id=kn.id, actor=staff.officer)
    r2 = sv.issue_receipt(services, items=["Đơn tố cáo"], case_id=tc.case_id, actor=staff.officer)
    assert (r1.copies, r2.copies) == (2, 3)
    assert r1.number != r2.number
    with pytest.raises(ValidationError):
        sv.issue_receipt(services, items=[], visit_id=kn.id, actor=staff.officer)


def test_visit_of_complaint_opens_case_and_reply_all_or_nothing(services, staff):
    before = (VisitRow.select().count(), CaseRow.select().count(), PartyRow.select().count())
    with pytest.raises(ValidationError):  # complaint without the date the decision was known
        sv.record_visit(services, summary="Khiếu nại", classification="khieu_nai", visitor=VISITOR,
                        actor=staff.officer)
    assert (VisitRow.select().count(), CaseRow.select().count(), PartyRow.select().count()) == before


@pytest.mark.rule("R-DT-01")
def test_r_dt_01_dialogue_once_a_year(services, staff):
    assert sv.dialogue_coverage(services, 2026).met is False
    d = sv.plan_dialogue(services, title="Hội nghị đối thoại giữa UBND phường với Nhân dân năm 2026",
                         day=D(2026, 11, 20), place="Hội trường UBND phường", plan="Trao đổi về chỉnh trang đô thị",
                         invitees=["Trưởng các tổ dân phố"], actor=staff.officer)
    assert services.documents.get(d.plan_document_id).doc_type == "ke_hoach"
    q = sv.add_question(services, d.id, text="Khi nào sửa đường tổ 5?", source="Tổ dân phố số 5",
                        actor=staff.officer)
    d = sv.invite_dialogue(services, d.id, actor=staff.officer)
    assert services.documents.get(d.invitation_document_id).doc_type == "giay_moi"
    with pytest.raises(IllegalTransition):
        sv.publish_dialogue_answers(services, d.id, actor=staff.officer)
    sv.record_dialogue(services, d.id, minutes="Biên bản hội nghị", attendance=120,
                       answers={q: ("Quý I/2027 sẽ sửa", "Chủ tịch UBND")}, actor=staff.chairman)
    sv.publish_dialogue_answers(services, d.id, actor=staff.chairman)
    coverage = sv.dialogue_coverage(services, 2026)
    assert (coverage.year, coverage.held, coverage.required, coverage.met) == (2026, 1, 1, True)
    (published, questions), = sv.published_dialogues(2026)
    assert published.id == d.id and questions[0].answer == "Quý I/2027 sẽ sửa"
