"""Each legal clock of the tiepdan module, pinned at its boundary (docs/rules.md, R-TD, R-KN,
R-TC, R-PA, R-LV).

Calendar facts used: Tết Bính Ngọ 2026 is Mon 16/02 – Fri 20/02 (weekend around it);
30/04 and 01/05/2026 are holidays; 27/04/2026 is the Giỗ Tổ day off.
"""
import datetime as dt

import pytest

from thanthien.core.errors import IllegalTransition, ValidationError
from thanthien.plugins.tiepdan import services as sv
from thanthien.plugins.tiepdan.types import MatterFacts

from .helpers import VISITOR, at, complaint, denunciation, last_clock, petition

D = dt.date


# -- complaints --------------------------------------------------------------------------

@pytest.mark.rule("R-KN-01")
def test_r_kn_01_filing_limit_90_days(services, staff):
    # known on 01/01/2026: the 90th day is Wed 01/04/2026.
    assert sv.filing_deadline(services, D(2026, 1, 1)) == D(2026, 4, 1)
    in_time = complaint(services, staff, received="2026-04-01T16:00", known=D(2026, 1, 1))
    late = complaint(services, staff, received="2026-04-02T08:00", known=D(2026, 1, 1))
    assert in_time.data["filing_late"] is False
    assert late.data["filing_late"] is True
    # days lost to illness or disaster are excluded
    excused = complaint(services, staff, received="2026-04-02T08:00", known=D(2026, 1, 1), excused_days=5)
    assert excused.data["filing_deadline"] == "2026-04-06" and excused.data["filing_late"] is False


@pytest.mark.rule("R-KN-01")
def test_r_kn_01_known_date_required(services, staff):
    with pytest.raises(ValidationError) as err:
        sv.open_matter(services, "khieu_nai", subject="x", channel="van_ban", parties=[VISITOR], actor=staff.officer)
    assert err.value.errors[0][0] == "decision_known_on"


@pytest.mark.rule("R-KN-02")
def test_r_kn_02_acceptance_within_10_working_days(services, staff):
    on_time = complaint(services, staff)
    late = complaint(services, staff)
    assert on_time.due_date == D(2026, 3, 16) and on_time.due_unit == "working_days"
    sv.accept_complaint(services, on_time.id, actor=staff.chairman, at=at("2026-03-16T16:30"))
    sv.accept_complaint(services, late.id, actor=staff.chairman, at=at("2026-03-17T08:00"))
    first = sv.clocks(on_time.id)[0]
    assert (first.rule, first.late) == ("R-KN-02", False)
    assert sv.clocks(late.id)[0].late is True


@pytest.mark.rule("R-KN-02")
def test_r_kn_02_period_across_tet(services, staff):
    # Fri 06/02/2026: five working days, then the Tết week, then five more → Fri 27/02.
    case = complaint(services, staff, received="2026-02-06T10:00", known=D(2026, 2, 1))
    assert case.due_date == D(2026, 2, 27)


@pytest.mark.rule("R-KN-04")
def test_r_kn_04_resolution_30_or_45_days(services, staff):
    simple = sv.accept_complaint(services, complaint(services, staff).id, actor=staff.chairman,
                                 at=at("2026-03-02T10:00"))
    assert simple.due_date == D(2026, 4, 1) and simple.due_unit == "days"
    hard = sv.accept_complaint(services, complaint(services, staff).id, actor=staff.chairman,
                               complexity="complex", at=at("2026-03-02T10:00"))
    assert hard.due_date == D(2026, 4, 16)
    assert last_clock(simple.id).rule == "R-KN-04"
    sv.decide_complaint(services, simple.id, summary="Giữ nguyên quyết định", actor=staff.chairman,
                        at=at("2026-04-01T17:00"))
    assert sv.clocks(simple.id)[1].late is False
    sv.decide_complaint(services, hard.id, summary="Hủy quyết định", actor=staff.chairman, at=at("2026-04-17T08:00"))
    assert sv.clocks(hard.id)[1].late is True


@pytest.mark.rule("R-KN-04")
def test_r_kn_04_period_ending_in_tet_moves_to_next_working_day(services, staff):
    case = complaint(services, staff, received="2026-01-12T09:00", known=D(2026, 1, 5))
    case = sv.accept_complaint(services, case.id, actor=staff.chairman, at=at("2026-01-16T09:00"))
    # 16/01 + 30 days = Sun 15/02, inside the Tết break → Mon 23/02 (R-LV-12).
    assert case.due_date == D(2026, 2, 23)


@pytest.mark.rule("R-KN-04")
def test_r_kn_04_unit_is_a_rule_parameter(services, staff):
    assert services.rules.value("R-KN-04.unit", D(2026, 3, 2)) == "days"
    assert services.cases.case_type("tiepdan_khieu_nai").transition("accept").deadline.unit == "R-KN-04.unit"
    assert services.cases.type_of("khieu_nai").key == "tiepdan_khieu_nai"  # the older key is an alias


@pytest.mark.rule("R-KN-05")
def test_r_kn_05_decision_sent_within_3_working_days(services, staff):
    cases = []
    for _ in range(2):
        c = sv.accept_complaint(services, complaint(services, staff).id, actor=staff.chairman,
                                at=at("2026-03-03T09:00"))
        cases.append(sv.decide_complaint(services, c.id, summary="Giải quyết", actor=staff.chairman,
                                         at=at("2026-03-05T09:00")))
    assert cases[0].due_date == D(2026, 3, 10)
    sv.send_decision(services, cases[0].id, actor=staff.officer, at=at("2026-03-10T17:00"))
    sv.send_decision(services, cases[1].id, actor=staff.officer, at=at("2026-03-11T08:00"))
    assert (last_clock(cases[0].id).rule, last_clock(cases[0].id).late) == ("R-KN-05", False)
    assert last_clock(cases[1].id).late is True
    assert services.cases.get(cases[0].id).state == "sent"


@pytest.mark.rule("R-KN-03")
def test_r_kn_03_refusal_needs_a_legal_ground(services, staff):
    case = complaint(services, staff)
    with pytest.raises(ValidationError):
        sv.refuse_complaint(services, case.id, ground="khong_thich", actor=staff.chairman)
    refused = sv.refuse_complaint(services, case.id, ground="het_thoi_hieu", actor=staff.chairman)
    assert refused.state == "refused" and refused.data["refusal_ground"] == "het_thoi_hieu"
    docs = sv.case_documents(services, case.id, actor=staff.chairman)
    assert "Thời hiệu" in docs[0].body_html and docs[0].number_symbol.endswith("/TB-UBND")


@pytest.mark.rule("R-KN-08")
def test_r_kn_08_withdrawal_stops_handling_with_a_notice(services, staff):
    case = sv.accept_complaint(services, complaint(services, staff).id, actor=staff.chairman)
    with pytest.raises(ValidationError):
        sv.withdraw_complaint(services, case.id, letter="  ", actor=staff.officer)
    case = sv.withdraw_complaint(services, case.id, letter="Đơn rút khiếu nại ngày 10/3, có chữ ký",
                                 actor=staff.officer)
    assert case.state == "withdrawn" and not case.is_open
    assert sv.case_documents(services, case.id, actor=staff.chairman)[-1].subject == "Đình chỉ giải quyết khiếu nại"
    with pytest.raises(IllegalTransition):
        sv.decide_complaint(services, case.id, summary="x", actor=staff.chairman)


# -- denunciations ---------------------------------------------------------------------------

@pytest.mark.rule("R-TC-03")
def test_r_tc_03_initial_handling_7_or_10_working_days(services, staff):
    one = denunciation(services, staff)
    several = denunciation(services, staff, multi_site=True)
    assert one.due_date == D(2026, 3, 11)
    assert several.due_date == D(2026, 3, 16)
    sv.accept_denunciation(services, one.id, actor=staff.chairman, at=at("2026-03-11T17:00"))
    sv.accept_denunciation(services, several.id, actor=staff.chairman, at=at("2026-03-17T08:00"))
    assert sv.clocks(one.id)[0].late is False and sv.clocks(several.id)[0].late is True


@pytest.mark.rule("R-TC-04")
def test_r_tc_04_forwarding_within_5_working_days(services, staff):
    on_time, late = denunciation(services, staff), denunciation(services, staff)
    assert on_time.data["forward_due"] == "2026-03-09"
    sv.forward_matter(services, on_time.id, to_agency="Công an tỉnh Thái Nguyên", actor=staff.handler,
                      at=at("2026-03-09T16:00"))
    sv.forward_matter(services, late.id, to_agency="Công an tỉnh Thái Nguyên", actor=staff.handler,
                      at=at("2026-03-10T08:00"))
    c1, c2 = last_clock(on_time.id), last_clock(late.id)
    assert (c1.rule, c1.due_date, c1.late) == ("R-TC-04", D(2026, 3, 9), False)
    assert c2.late is True
    letter = sv.case_documents(services, on_time.id, actor=staff.chairman)[-1]
    assert letter.doc_type == "cong_van" and "Công an tỉnh Thái Nguyên" in letter.body_html


@pytest.mark.rule("R-TC-07")
def test_r_tc_07_resolution_30_days_no_extension_when_simple(services, staff):
    case = sv.accept_denunciation(services, denunciation(services, staff).id, actor=staff.chairman,
                                  at=at("2026-03-02T10:00"))
    assert case.due_date == D(2026, 4, 1)
    with pytest.raises(ValidationError):
        sv.extend_denunciation(services, case.id, reason="Cần xác minh thêm", actor=staff.chairman)


@pytest.mark.rule("R-TC-07")
def test_r_tc_07_complex_case_one_extension(services, staff):
    case = sv.accept_denunciation(services, denunciation(services, staff).id, actor=staff.chairman,
                                  complexity="complex", at=at("2026-03-02T10:00"))
    case = sv.extend_denunciation(services, case.id, reason="Phải xác minh nhiều nơi", actor=staff.chairman)
    # 01/04 + 30 days = Fri 01/05 (holiday) → Mon 04/05.
    assert (case.due_date, case.extensions) == (D(2026, 5, 4), 1)
    assert last_clock(case.id).due_date == D(2026, 5, 4)
    with pytest.raises(IllegalTransition):
        sv.extend_denunciation(services, case.id, reason="Lần hai", actor=staff.chairman)
    decision = sv.case_documents(services, case.id, actor=staff.chairman)[-1]
    assert decision.doc_type == "quyet_dinh" and "04/05/2026" in decision.body_html


@pytest.mark.rule("R-TC-07")
def test_r_tc_07_especially_complex_two_extensions_at_most_90_days(services, staff):
    case = sv.accept_denunciation(services, denunciation(services, staff).id, actor=staff.chairman,
                                  complexity="especially_complex", at=at("2026-03-02T10:00"))
    case = sv.extend_denunciation(services, case.id, reason="Lần 1", actor=staff.chairman)
    case = sv.extend_denunciation(services, case.id, reason="Lần 2", actor=staff.chairman)
    # 90 days from the acceptance end Sun 31/05 → Mon 01/06 (R-LV-12); the first extension's
    # holiday shift (Fri 01/05 → Mon 04/05) does not carry over (it used to give 03/06).
    assert (case.due_date, case.extensions) == (D(2026, 6, 1), 2)
    total = services.rules.value("R-TC-07.max_total_days", D(2026, 3, 2))
    assert (case.due_date - D(2026, 3, 2)).days <= total + 1
    with pytest.raises(IllegalTransition):
        sv.extend_denunciation(services, case.id, reason="Lần 3", actor=staff.chairman)


@pytest.mark.rule("R-TC-07")
def test_r_tc_07_only_leaders_extend(services, staff):
    case = sv.accept_denunciation(services, denunciation(services, staff).id, actor=staff.chairman,
                                  complexity="complex")
    from thanthien.core.errors import PermissionDenied
    with pytest.raises(PermissionDenied):
        sv.extend_denunciation(services, case.id, reason="x", actor=staff.handler)


@pytest.mark.rule("R-TC-08")
def test_r_tc_08_withdrawal_stops_unless_signs_of_violation(services, staff):
    a = sv.accept_denunciation(services, denunciation(services, staff).id, actor=staff.chairman)
    b = sv.accept_denunciation(services, denunciation(services, staff).id, actor=staff.chairman)
    a = sv.withdraw_denunciation(services, a.id, letter="Văn bản rút tố cáo", actor=staff.chairman)
    assert a.state == "withdrawn"
    b = sv.withdraw_denunciation(services, b.id, letter="Văn bản rút tố cáo", actor=staff.chairman,
                                 continue_reason="Có dấu hiệu bị ép buộc rút tố cáo")
    assert b.state == "accepted" and b.data["withdrawal_received"] is True


@pytest.mark.rule("R-TC-05")
def test_r_tc_05_anonymous_letters(services, staff):
    with pytest.raises(ValidationError) as err:
        sv.open_matter(services, "to_cao", subject="Thư nặc danh", channel="van_ban", parties=[],
                       content="", anonymous=True, actor=staff.officer)
    assert "nặc danh" in str(err.value)
    case = sv.open_matter(services, "to_cao", subject="Thư nặc danh về sai phạm xây dựng", channel="van_ban",
                          parties=[], content="Công trình tại tổ 3 xây sai phép, có ảnh kèm theo",
                          anonymous=True, has_evidence=True, actor=staff.officer)
    assert case.case_type == "tiepdan_phan_anh" and case.data["anonymous_denunciation"] is True


# -- petitions and status replies ----------------------------------------------------------------

@pytest.mark.rule("R-PA-07")
def test_r_pa_07_status_reply_within_10_working_days(services, staff):
    on_time, late = petition(services, staff), petition(services, staff)
    assert on_time.due_date == D(2026, 3, 16)
    sv.take_petition(services, on_time.id, actor=staff.handler, at=at("2026-03-16T10:00"))
    sv.take_petition(services, late.id, actor=staff.handler, at=at("2026-03-17T10:00"))
    assert sv.clocks(on_time.id)[0].late is False and sv.clocks(late.id)[0].late is True


@pytest.mark.rule("R-PA-06")
def test_r_pa_06_forwarding_within_5_working_days(services, staff):
    on_time, late = petition(services, staff), petition(services, staff)
    sv.forward_matter(services, on_time.id, to_agency="Điện lực Bắc Kạn", actor=staff.handler,
                      at=at("2026-03-09T10:00"))
    sv.forward_matter(services, late.id, to_agency="Điện lực Bắc Kạn", actor=staff.handler,
                      at=at("2026-03-10T10:00"))
    assert (last_clock(on_time.id).rule, last_clock(on_time.id).late) == ("R-PA-06", False)
    assert last_clock(late.id).late is True


@pytest.mark.rule("R-TD-13")
def test_r_td_13_status_reply_for_what_reception_received(services, staff):
    visits = [sv.record_visit(services, summary="Tố cáo cán bộ địa chính", classification="to_cao",
                              visitor=VISITOR, received_at=at("2026-02-06T09:00"), actor=staff.officer)
              for _ in range(2)]
    replies = [services.cases.get(v.reply_case_id) for v in visits]
    assert replies[0].due_date == D(2026, 2, 27)  # 10 working days across Tết
    sv.assign(services, visits[0].case_id, staff.handler.person_id, actor=staff.chairman, reason="Giao xác minh")
    sv.send_status_reply(services, replies[0].id, status="need_time", actor=staff.handler,
                         at=at("2026-02-27T16:00"))
    sv.send_status_reply(services, replies[1].id, status="need_time", actor=staff.chairman,
                         at=at("2026-03-02T08:00"))
    assert sv.clocks(replies[0].id)[0].late is False
    assert sv.clocks(replies[1].id)[0].late is True
    with pytest.raises(ValidationError):
        sv.send_status_reply(services, replies[0].id, status="refused", actor=staff.chairman)


@pytest.mark.rule("R-TD-13")
def test_r_td_13_acceptance_notice_is_the_reply(services, staff):
    visit = sv.record_visit(services, summary="Khiếu nại việc cấp giấy", classification="khieu_nai",
                            visitor=VISITOR, actor=staff.officer, matter=MatterFacts(decision_known_on=D(2026, 1, 5)),
                            received_at=at("2026-02-02T09:00"))
    sv.accept_complaint(services, visit.case_id, actor=staff.chairman, at=at("2026-02-04T09:00"))
    reply = services.cases.get(visit.reply_case_id)
    assert reply.state == "replied" and reply.data["document_id"]
