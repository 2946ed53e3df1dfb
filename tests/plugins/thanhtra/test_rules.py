"""The R-TTND rules pinned at their boundaries (docs/rules.md), with R-BQ-33 and R-PA-09."""
from __future__ import annotations

import pytest

from thanthien.core import people
from thanthien.core.errors import IllegalTransition, PermissionDenied, ValidationError
from thanthien.core.models import CaseRow, DocumentRow
from thanthien.plugins.thanhtra import services as sv
from thanthien.plugins.thanhtra.models import MeetingRow, MemberRow, RecommendationRow
from thanthien.plugins.thanhtra.types import RECOMMENDATION, HouseholdVote

from .helpers import at, d, seat_board, vote


def _elect(services, ward, term, group, candidate, *, votes, total=10, held_on=d("2025-07-10"), form="hop_cong_dong",
           **kw):
    """UB MTTQ records the households' vote (no board member sits before the first election)."""
    return sv.record_election(services, term_id=term.id, group_id=group.id, candidate_id=candidate.id,
                              vote=vote(held_on, votes=votes, total=total, form=form), standards_confirmed=True,
                              actor=ward.front, **kw)


@pytest.mark.rule("R-TTND-01")
@pytest.mark.rule("R-BQ-33")
def test_r_ttnd_01_election_passes_above_half_of_all_households(services, ward):
    term = sv.create_term(services, start_on=d("2025-08-01"), actor=ward.front)
    g1, g2 = ward.groups[0], ward.groups[1]
    # exactly half of ALL households (even though every one of the 10 attending voted): fails
    meeting, member = _elect(services, ward, term, g1, ward.residents["TDP01"][3], votes=5)
    assert meeting.passed is False and member is None
    # 6 of 10 passes; counted against all households, not those attending
    meeting, member = sv.record_election(services, term_id=term.id, group_id=g2.id,
                                         candidate_id=ward.residents["TDP02"][3].id,
                                         vote=vote("2025-07-10", votes=6, attending=6), standards_confirmed=True,
                                         actor=ward.front)
    assert meeting.passed is True and member.state == "elected"
    # R-BQ-33: effective only on the UB MTTQ recognition
    assert sv.seat_status(services, term.id).filled == 0
    sv.recognise_member(services, member.id, recognised_on=d("2025-07-15"), decision_ref="01/QĐ-MTTQ",
                        actor=ward.front)
    assert sv.seat_status(services, term.id).filled == 1


@pytest.mark.rule("R-BQ-07")
def test_ballot_only_after_a_failed_meeting_and_never_online(services, ward):
    term = sv.create_term(services, start_on=d("2025-08-01"), actor=ward.front)
    group, person = ward.groups[0], ward.residents["TDP01"][3]
    with pytest.raises(ValidationError) as exc:
        _elect(services, ward, term, group, person, votes=7, form="phat_phieu_ho")
    assert "R-BQ-17" in str(exc.value.errors)
    with pytest.raises(ValidationError):
        _elect(services, ward, term, group, person, votes=7, form="bieu_quyet_truc_tuyen")
    _elect(services, ward, term, group, person, votes=4)  # meeting fails
    meeting, member = _elect(services, ward, term, group, person, votes=7, form="phat_phieu_ho")
    assert meeting.passed and member is not None


@pytest.mark.rule("R-TTND-02")
def test_r_ttnd_02_board_size(services):
    rules, on = services.rules, d("2026-01-01")
    assert sv.required_seats(rules, 45, on) == 45
    assert sv.required_seats(rules, 5, on) == 5
    assert sv.required_seats(rules, 6, on) == 6
    assert sv.required_seats(rules, 3, on) == 5  # at least 5, and a small commune at most 5
    assert sv.required_seats(rules, 4, on) == 5


@pytest.mark.rule("R-TTND-02")
def test_r_ttnd_02_missing_seats_are_warned_and_a_group_has_one_seat(services, ward):
    term, members = seat_board(services, ward, groups=ward.groups[:4])
    status = sv.seat_status(services, term.id)
    assert (status.required, status.filled, status.missing) == (6, 4, 2)
    assert status.missing_groups == ("Tổ dân phố số 5", "Tổ dân phố số 6")
    assert any("Tổ dân phố số 5" in w for w in status.warnings)
    with pytest.raises(ValidationError, match="đã có thành viên"):
        _elect(services, ward, term, ward.groups[0], ward.residents["TDP01"][5], votes=8)


@pytest.mark.rule("R-TTND-03")
def test_r_ttnd_03_one_head_at_most_two_deputies(services, ward):
    term, members = seat_board(services, ward)
    with pytest.raises(ValidationError, match="đã có Trưởng ban"):
        sv.set_office(services, members[1].id, office="truong_ban", decided_on=d("2025-08-02"), actor=ward.board)
    sv.set_office(services, members[1].id, office="pho_truong_ban", decided_on=d("2025-08-02"), actor=ward.board)
    sv.set_office(services, members[2].id, office="pho_truong_ban", decided_on=d("2025-08-02"), actor=ward.board)
    with pytest.raises(ValidationError, match="tối đa 2 Phó"):
        sv.set_office(services, members[3].id, office="pho_truong_ban", decided_on=d("2025-08-02"),
                      actor=ward.board)
    assert sv.get_member(members[3].id).office == "uy_vien"


@pytest.mark.rule("R-TTND-04")
def test_r_ttnd_04_term_follows_group_heads_term(services, ward):
    long = sv.create_term(services, start_on=d("2025-08-01"), head_term="long", actor=ward.front)
    assert long.end_on == d("2030-07-31")  # R-DV-08: 5 years
    short = sv.create_term(services, start_on=d("2030-08-01"), head_term="short", actor=ward.front)
    assert short.end_on == d("2033-01-31")  # 2.5 years
    with pytest.raises(ValidationError, match="trùng"):
        sv.create_term(services, start_on=d("2029-01-01"), actor=ward.front)


@pytest.mark.rule("R-TTND-05")
def test_r_ttnd_05_by_election_needs_six_months_left(services, ward):
    term = sv.create_term(services, start_on=d("2025-07-16"), actor=ward.front)  # ends 15/07/2030
    assert term.end_on == d("2030-07-15")
    group, person = ward.groups[0], ward.residents["TDP01"][4]
    with pytest.raises(ValidationError) as exc:  # 5 months 29 days left
        _elect(services, ward, term, group, person, votes=8, kind="bau_bo_sung", held_on=d("2030-01-16"))
    assert "R-TTND-05" in str(exc.value.errors)
    assert MeetingRow.select().count() == 0
    meeting, member = _elect(services, ward, term, group, person, votes=8, kind="bau_bo_sung",
                             held_on=d("2030-01-15"))  # exactly 6 months left
    assert meeting.passed and member is not None


@pytest.mark.rule("R-TTND-06")
def test_r_ttnd_06_removal_proposed_by_front_decided_by_group(services, ward):
    term, members = seat_board(services, ward)
    m = members[1]
    with pytest.raises(ValidationError, match="Ủy ban MTTQ"):
        sv.remove_member(services, m.id, kind="bai_nhiem", proposal_ref="", proposed_on=d("2026-03-01"),
                         vote=vote("2026-03-10", votes=9), actor=ward.board)
    meeting, after = sv.remove_member(services, m.id, kind="bai_nhiem", proposal_ref="05/CV-MTTQ",
                                      proposed_on=d("2026-03-01"), vote=vote("2026-03-10", votes=5), actor=ward.board)
    assert not meeting.passed and after.state == "active"  # exactly half: the member stays
    meeting, after = sv.remove_member(services, m.id, kind="bai_nhiem", proposal_ref="05/CV-MTTQ",
                                      proposed_on=d("2026-03-01"), vote=vote("2026-03-20", votes=6), actor=ward.board)
    assert meeting.passed and after.state == "left"
    assert sv.seat_status(services, term.id).missing_groups == ("Tổ dân phố số 2",)
    # the vacant seat is filled by by-election, not by an ordinary election
    with pytest.raises(ValidationError, match="bầu bổ sung"):
        _elect(services, ward, term, ward.groups[1], ward.residents["TDP02"][4], votes=7, held_on=d("2026-04-01"))
    _, new = _elect(services, ward, term, ward.groups[1], ward.residents["TDP02"][4], votes=7,
                    held_on=d("2026-04-01"), kind="bau_bo_sung")
    assert new is not None


@pytest.mark.rule("R-TTND-07")
def test_r_ttnd_07_civil_servant_cannot_be_elected(services, ward):
    term = sv.create_term(services, start_on=d("2025-08-01"), actor=ward.front)
    # the civil servant lives in TDP01 too, so residence is not what refuses them
    hh = people.households_in_group(ward.groups[0].id)[2]
    people.update_person(ward.clerk_person.id, household_id=hh.id)
    before = (MeetingRow.select().count(), MemberRow.select().count())
    with pytest.raises(ValidationError) as exc:
        _elect(services, ward, term, ward.groups[0], ward.clerk_person, votes=9)
    messages = dict(exc.value.errors)
    assert "cán bộ, công chức cấp xã" in messages["candidate_id"] and "R-TTND-07" in messages["candidate_id"]
    assert (MeetingRow.select().count(), MemberRow.select().count()) == before


@pytest.mark.rule("R-TTND-07")
def test_r_ttnd_07_group_head_and_non_residents_refused(services, ward):
    term = sv.create_term(services, start_on=d("2025-08-01"), actor=ward.front)
    with pytest.raises(ValidationError, match="không chuyên trách"):
        _elect(services, ward, term, ward.groups[1], ward.group_head_person, votes=9)
    with pytest.raises(ValidationError, match="không thường trú"):
        _elect(services, ward, term, ward.groups[0], ward.residents["TDP03"][0], votes=9)
    with pytest.raises(ValidationError, match="tiêu chuẩn"):
        sv.record_election(services, term_id=term.id, group_id=ward.groups[0].id,
                           candidate_id=ward.residents["TDP01"][2].id, vote=vote("2025-07-10", votes=9),
                           standards_confirmed=False, actor=ward.front)
    assert MeetingRow.select().count() == 0


def test_bad_vote_numbers_store_nothing(services, ward):
    term = sv.create_term(services, start_on=d("2025-08-01"), actor=ward.front)
    with pytest.raises(ValidationError) as exc:
        sv.record_election(services, term_id=term.id, group_id=ward.groups[0].id,
                           candidate_id=ward.residents["TDP01"][2].id,
                           vote=HouseholdVote("hop_cong_dong", d("2025-07-10"), 11, "nhiều"),
                           standards_confirmed=True, actor=ward.front)
    fields = dict(exc.value.errors)
    assert fields["attending"].startswith("Số đại diện hộ dự họp") and "số nguyên" in fields["votes_for"]
    assert MeetingRow.select().count() == 0


@pytest.mark.rule("R-TTND-09")
def test_r_ttnd_09_plan_sent_five_working_days_before_across_a_holiday(services, ward):
    seat_board(services, ward)
    # Inspection on Wed 06/05/2026; Mon 27/04 (Giỗ Tổ compensatory day), Thu 30/4 and Fri 01/5
    # are days off, so 5 working days before is Fri 24/04 and 4 working days before is Tue 28/04.
    for off in ("2026-04-27", "2026-04-30", "2026-05-01"):
        assert not services.calendar.is_working_day(d(off))
    on_time, _ = sv.plan_inspection(services, subject="Bộ phận một cửa", content="Kiểm tra niêm yết",
                                    planned_on=d("2026-05-06"), actor=ward.board)
    late, _ = sv.plan_inspection(services, subject="Tổ dân phố số 3", content="Kiểm tra thu chi",
                                 planned_on=d("2026-05-06"), actor=ward.board)
    assert on_time.latest_send_on == d("2026-04-24")
    sent, warnings = sv.send_inspection_plan(services, on_time.id, sent_on=d("2026-04-24"), actor=ward.board)
    assert warnings == [] and sent.sent_late is False and sent.state == "sent"
    sent, warnings = sv.send_inspection_plan(services, late.id, sent_on=d("2026-04-28"), actor=ward.board)
    assert sent.sent_late is True and "R-TTND-09" in warnings[0] and "24/04/2026" in warnings[0]
    doc = DocumentRow.get_by_id(sent.plan_document_id)
    assert doc.doc_type == "ke_hoach" and "Ban Thường trực Ủy ban MTTQ" in " ".join(doc.recipients)
    assert "Chủ tịch UBND phường" in doc.recipients and "Tổ dân phố số 3" in doc.recipients


@pytest.mark.rule("R-TTND-09")
def test_r_ttnd_09_result_only_after_the_plan_was_sent(services, ward):
    seat_board(services, ward)
    inspection, _ = sv.plan_inspection(services, subject="Nhà văn hóa", content="Kiểm tra",
                                       planned_on=d("2026-05-06"), actor=ward.board)
    with pytest.raises(IllegalTransition):
        sv.record_inspection_result(services, inspection.id, held_on=d("2026-05-06"), findings="Tốt",
                                    actor=ward.board)


def _recommend(services, ward, voted_on, *, yes=4, total_present=6):
    return sv.propose_recommendation(services, subject="Công khai quỹ vệ sinh", content="Đề nghị công khai",
                                     voted_on=voted_on, present=total_present, votes_for=yes,
                                     votes_against=total_present - yes, abstentions=0,
                                     sent_at=at(f"{voted_on.isoformat()}T10:00"), actor=ward.board)


@pytest.mark.rule("R-TTND-13")
def test_r_ttnd_13_board_decides_by_majority_of_members(services, ward):
    seat_board(services, ward)  # 6 members
    rejected = _recommend(services, ward, d("2026-03-02"), yes=3)
    assert rejected.passed is False and rejected.case_id is None and rejected.members_total == 6
    passed = _recommend(services, ward, d("2026-03-02"), yes=4)
    assert passed.passed and passed.case_id and passed.number.startswith("TTND-KN-2026-")
    row = RecommendationRow.get_by_id(passed.id)
    assert (row.present, row.votes_for, row.votes_against, row.abstentions) == (6, 4, 2, 0)
    with pytest.raises(ValidationError, match="phải bằng số thành viên"):
        sv.propose_recommendation(services, subject="x", content="y", voted_on=d("2026-03-02"), present=6,
                                  votes_for=4, votes_against=1, abstentions=0, actor=ward.board)


@pytest.mark.rule("R-TTND-11")
def test_r_ttnd_11_ubnd_answers_within_15_days(services, ward):
    seat_board(services, ward)
    first = _recommend(services, ward, d("2026-03-02"))
    second = _recommend(services, ward, d("2026-03-02"))
    # received Mon 02/03/2026: day 15 is Tue 17/03/2026 (a working day)
    assert first.due_date == d("2026-03-17")
    with pytest.raises(PermissionDenied):
        sv.answer_recommendation(services, first.id, answer="Đã chỉ đạo", answered_at=at("2026-03-10T09:00"),
                                 actor=ward.board)
    on_time = sv.answer_recommendation(services, first.id, answer="Đã chỉ đạo khắc phục",
                                       answered_at=at("2026-03-17T16:00"), actor=ward.chairman)
    late = sv.answer_recommendation(services, second.id, answer="Đã chỉ đạo khắc phục",
                                    answered_at=at("2026-03-18T08:00"), actor=ward.vice)
    assert on_time.timeliness == "on_time" and late.timeliness == "late"
    figures = sv.figures(services, d("2026-01-01"), d("2026-12-31"))
    assert figures["recommendations_answered_on_time"] == 1 and figures["share_recommendations_on_time"] == 50.0


@pytest.mark.rule("R-TTND-11")
def test_r_ttnd_11_recommendations_in_the_chairmans_due_soon_list(services, ward):
    seat_board(services, ward)
    rec = _recommend(services, ward, d("2026-03-02"))
    due_soon = services.cases.due_soon(d("2026-03-16"), working_days=2)
    assert rec.number in [c.number for c in due_soon]
    assert rec.number not in [c.number for c in services.cases.due_soon(d("2026-03-10"), working_days=2)]
    assert rec.number in [c.number for c in services.cases.overdue(d("2026-03-18"))]
    pending = sv.pending_recommendations(services, d("2026-03-18"), actor=ward.chairman)
    assert pending[0].number == rec.number and pending[0].status == "overdue"
    assert sv.pending_recommendations(services, d("2026-03-18"), actor=ward.board) == []  # the board does not answer


@pytest.mark.rule("R-PA-09")
def test_r_pa_09_petitions_directly_or_by_suggestion_box_answered_in_writing(services, ward):
    seat_board(services, ward)
    with pytest.raises(ValidationError, match="R-PA-09"):
        sv.receive_petition(services, subject="Đèn đường", content="Hỏng", channel="zalo", actor=ward.board)
    assert CaseRow.select().count() == 0
    case = sv.receive_petition(services, subject="Thu quỹ không công khai", content="Đề nghị kiểm tra",
                               channel="hom_thu", sender_name="Nông Văn Dân", sender_phone="0912345678",
                               received_at=at("2026-03-02T09:00"), actor=ward.board)
    assert case.due_date == d("2026-03-16")  # R-PA-07 period: 10 working days
    sv.verify_petition(services, case.id, actor=ward.board, at=at("2026-03-03T09:00"))
    closed = sv.notify_petition(services, case.id, findings="Phản ánh đúng; tổ đã công khai sổ quỹ.",
                                actor=ward.board, at=at("2026-03-16T15:00"))
    assert closed.state == "notified" and closed.timeliness() == "on_time"
    doc = DocumentRow.get_by_id(sv.get_petition(services, case.id).result_document_id)
    assert doc.doc_type == "thong_bao" and doc.case_id == case.id and "Nông Văn Dân" in doc.recipients


def test_anonymous_box_letter_cannot_be_notified_in_writing(services, ward):
    seat_board(services, ward)
    case = sv.receive_petition(services, subject="Thư không tên", content="...", channel="hom_thu",
                               actor=ward.board)
    with pytest.raises(ValidationError, match="không ghi họ tên"):
        sv.notify_petition(services, case.id, findings="Đã xác minh", actor=ward.board)
    referred = sv.refer_petition(services, case.id, to_agency="Công an phường", actor=ward.board)
    assert referred.state == "referred"


@pytest.mark.rule("R-TTND-10")
def test_r_ttnd_10_quarterly_report_as_a_document(services, ward):
    seat_board(services, ward)
    _recommend(services, ward, d("2026-02-02"))
    report = sv.issue_report(services, period="quy", day=d("2026-02-10"), issued_on=d("2026-04-01"),
                             actor=ward.board)
    assert (report.start_on, report.end_on) == (d("2026-01-01"), d("2026-03-31"))
    doc = DocumentRow.get_by_id(report.document_id)
    assert doc.doc_type == "bao_cao" and doc.signer_title == "Trưởng Ban Thanh tra nhân dân"
    assert "Kiến nghị gửi UBND" in doc.body_html
    for period, bounds in [("sau_thang", ("2026-01-01", "2026-06-30")), ("nam", ("2026-01-01", "2026-12-31")),
                           ("nhiem_ky", ("2025-08-01", "2030-07-31"))]:
        assert sv.period_bounds(period, d("2026-02-10")) == (d(bounds[0]), d(bounds[1]))
    with pytest.raises(ValidationError):
        sv.issue_report(services, period="dot_xuat", start_on=d("2026-03-01"), end_on=d("2026-02-01"),
                        actor=ward.board)


def test_only_the_board_works_and_only_the_front_recognises(services, ward):
    term = sv.create_term(services, start_on=d("2025-08-01"), actor=ward.front)
    with pytest.raises(PermissionDenied):
        sv.receive_petition(services, subject="a", content="b", channel="truc_tiep", actor=ward.chairman)
    _, member = _elect(services, ward, term, ward.groups[0], ward.residents["TDP01"][3], votes=7)
    with pytest.raises(PermissionDenied):
        sv.recognise_member(services, member.id, recognised_on=d("2025-07-20"), decision_ref="1", actor=ward.board)


def test_recommendation_case_type_declares_the_rule_clock(services):
    ct = services.cases.case_type(RECOMMENDATION)
    assert ct.deadline.amount == "R-TTND-11.max_days" and ct.deadline.unit == "R-TTND-11.unit"
    assert services.rules.value("R-TTND-11.unit") == "days"


@pytest.mark.rule("R-BQ-28")
@pytest.mark.rule("R-BQ-33")
def test_the_household_total_is_read_from_the_register_not_typed(services, ward):
    """Two more households join TDP01 (12 in the register): 6 in favour is exactly half of
    all households and fails, 7 passes — whatever total a client sends."""
    term = sv.create_term(services, start_on=d("2025-08-01"), actor=ward.front)
    group = ward.groups[0]
    for code in ("TDP01-H90", "TDP01-H91"):
        people.create_household(code, group.id)
    typed = HouseholdVote("hop_cong_dong", d("2025-07-10"), 6, 6, total_households=10)
    meeting, member = sv.record_election(services, term_id=term.id, group_id=group.id,
                                         candidate_id=ward.residents["TDP01"][3].id, vote=typed,
                                         standards_confirmed=True, actor=ward.front)
    assert (meeting.total_households, meeting.passed, member) == (12, False, None)
    meeting, member = _elect(services, ward, term, group, ward.residents["TDP01"][3], votes=7,
                             form="phat_phieu_ho")
    assert (meeting.total_households, meeting.passed) == (12, True)
    with pytest.raises(ValidationError) as exc:  # more households present than the register holds
        sv.record_election(services, term_id=term.id, group_id=ward.groups[2].id,
                           candidate_id=ward.residents["TDP03"][3].id,
                           vote=HouseholdVote("hop_cong_dong", d("2025-07-10"), 11, 7),
                           standards_confirmed=True, actor=ward.front)
    assert "sổ hộ gia đình (10)" in dict(exc.value.errors)["attending"]


@pytest.mark.rule("R-BQ-33")
@pytest.mark.rule("R-BQ-28")
def test_the_board_election_runs_on_the_vote_engine_over_the_register(services, ward):
    """The Ban TTND election is counted by core's engine: its electorate is every household
    of the group in the register, a household counts once whatever channels it used, and
    exactly half of all households fails although every household present agreed."""
    from thanthien.core import voting
    from thanthien.core.models import HouseholdRow

    term = sv.create_term(services, start_on=d("2025-08-01"), actor=ward.front)
    group = ward.groups[0]
    households = [h.id for h in HouseholdRow.select().where(HouseholdRow.group == group.id).order_by(HouseholdRow.id)]
    vote = sv.open_seat_vote(services, term_id=term.id, group_id=group.id, candidate_id=ward.residents["TDP01"][3].id,
                             held_on=d("2025-07-10"), standards_confirmed=True, actor=ward.front)
    assert vote.electorate_total == 10 and vote.kind == 5 and vote.rule_id == "R-BQ-33"
    sv.record_seat_choices(services, vote.id, dict.fromkeys(households[:5], "dong_y"), actor=ward.front)
    # the same households on paper too: still five households
    result = sv.record_seat_choices(services, vote.id, dict.fromkeys(households[:3], "dong_y"), channel="paper",
                                    actor=ward.front)
    assert (result.participated, result.counts["dong_y"], result.passed) == (5, 5, False)
    meeting, member = sv.close_seat_vote(services, vote.id, actor=ward.front)
    assert (meeting.total_households, meeting.attending, meeting.votes_for, meeting.passed) == (10, 5, 5, False)
    assert member is None
    # the ballot after the failed meeting (R-BQ-17): six of all ten households
    ballot = sv.open_seat_vote(services, term_id=term.id, group_id=group.id,
                               candidate_id=ward.residents["TDP01"][3].id, held_on=d("2025-07-17"),
                               form="phat_phieu_ho", standards_confirmed=True, actor=ward.front)
    assert ballot.form == "ballot"
    sv.record_seat_choices(services, ballot.id, {**dict.fromkeys(households[:6], "dong_y"),
                                                 households[6]: "khong_dong_y"}, channel="paper", actor=ward.front)
    meeting, member = sv.close_seat_vote(services, ballot.id, actor=ward.front)
    assert meeting.passed and member is not None and meeting.total_households == 10
    assert voting.get_vote(ballot.id).state == "closed"
    # a refused seat opens no vote: the same candidate again
    with pytest.raises(ValidationError):
        sv.open_seat_vote(services, term_id=term.id, group_id=group.id, candidate_id=ward.residents["TDP01"][3].id,
                          held_on=d("2025-07-20"), standards_confirmed=True, actor=ward.front)


@pytest.mark.rule("R-TTND-06")
@pytest.mark.rule("R-BQ-33")
def test_a_removal_is_voted_on_the_engine(services, ward):
    from thanthien.core.models import HouseholdRow

    term, members = seat_board(services, ward, groups=ward.groups[:2])
    member = members[1]
    households = [h.id for h in HouseholdRow.select().where(HouseholdRow.group == member.group_id)]
    vote = sv.open_removal_vote(services, member.id, kind="cho_thoi", proposal_ref="12/CV-MTTQ",
                                proposed_on=d("2025-09-01"), held_on=d("2025-09-10"), actor=ward.front)
    sv.record_seat_choices(services, vote.id, dict.fromkeys(households[:6], "dong_y"), actor=ward.front)
    meeting, after = sv.close_seat_vote(services, vote.id, actor=ward.front)
    assert meeting.passed and after.state == "left" and meeting.total_households == 10
