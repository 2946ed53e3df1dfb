"""Group-head elections and dismissals (R-DV-08, R-DV-10…18, R-BQ-10, R-BQ-28, R-BQ-32):
every period at its boundary, the winner counted over all households of the register,
the head's role in core following the recognised result, the 50 % petition."""
from __future__ import annotations

import datetime as dt

import pytest

from thanthien.core import people
from thanthien.core.errors import IllegalTransition, ValidationError
from thanthien.core.models import PersonRow
from thanthien.plugins.bieuquyet.services import elections as el

MEETING = dt.date(2026, 12, 20)  # a Sunday


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def residents_of(ward, group):
    return [p.id for p in PersonRow.select().join_from(PersonRow, people.HouseholdRow,
                                                       on=(PersonRow.household == people.HouseholdRow.id))
            .where(people.HouseholdRow.group == group.id).order_by(PersonRow.id)]


def planned(core, ward, group=None, *, meeting_on=MEETING, decision_on=dt.date(2026, 11, 30)):
    return el.plan_election(core, group_id=(group or ward.groups[0]).id, meeting_on=meeting_on,
                            decision_ref="15/QĐ-UBND", decision_on=decision_on, actor=ward.chair)


def prepared(core, ward, group=None, *, candidates=1):
    group = group or ward.groups[0]
    e = planned(core, ward, group)
    people_ids = residents_of(ward, group)
    for pid in people_ids[:candidates]:
        el.add_candidate(core, e.id, person_id=pid, source="danh_sach", actor=ward.chair)
    el.record_step(core, e.id, "candidates", done_on=d("2026-12-05"), reference="01/BB-MTTQ", actor=ward.chair)
    el.record_step(core, e.id, "team", done_on=d("2026-12-10"), reference="16/QĐ-UBND",
                   team_leader="Triệu Văn Trận", actor=ward.chair)
    el.record_step(core, e.id, "publication", done_on=d("2026-12-13"), actor=ward.chair)
    return el.get_election(core, e.id, actor=ward.chair)


@pytest.mark.rule("R-DV-10")
@pytest.mark.rule("R-DV-11")
@pytest.mark.rule("R-DV-12")
@pytest.mark.rule("R-DV-13")
def test_the_timeline_counts_back_from_the_meeting_with_the_working_calendar(core):
    steps = {s.key: s for s in el.timeline(core, MEETING)}
    assert [s.key for s in el.timeline(core, MEETING)] == ["decision", "candidates", "team", "publication"]
    assert steps["decision"].last_day == d("2026-11-30")  # 20 days before, a Monday
    assert steps["candidates"].last_day == d("2026-12-05")  # 15 days before, a Saturday …
    assert steps["candidates"].due_on == d("2026-12-04")  # … so the office's deadline is Friday
    assert steps["team"].last_day == d("2026-12-10")  # 10 days before
    assert steps["publication"].last_day == d("2026-12-13")  # 7 days before, a Sunday
    assert steps["publication"].due_on == d("2026-12-11")


@pytest.mark.rule("R-DV-10")
def test_r_dv_10_decision_twenty_days_before_and_not_one_day_less(core, ward):
    with pytest.raises(ValidationError) as exc:
        planned(core, ward, decision_on=d("2026-12-01"))
    assert "ít nhất 20 ngày" in dict(exc.value.errors)["decision_on"]
    assert planned(core, ward, decision_on=d("2026-11-30")).state == "planned"


@pytest.mark.rule("R-DV-11")
@pytest.mark.rule("R-DV-12")
@pytest.mark.rule("R-DV-13")
def test_each_step_at_its_last_day_and_one_day_late(core, ward):
    e = planned(core, ward)
    pid = residents_of(ward, ward.groups[0])[0]
    el.add_candidate(core, e.id, person_id=pid, source="danh_sach", actor=ward.chair)
    with pytest.raises(ValidationError, match="ít nhất 15 ngày"):  # R-DV-13
        el.record_step(core, e.id, "candidates", done_on=d("2026-12-06"), reference="01/BB", actor=ward.chair)
    el.record_step(core, e.id, "candidates", done_on=d("2026-12-05"), reference="01/BB", actor=ward.chair)
    with pytest.raises(ValidationError, match="ít nhất 10 ngày"):  # R-DV-11
        el.record_step(core, e.id, "team", done_on=d("2026-12-11"), reference="16/QĐ", team_leader="Trận",
                       actor=ward.chair)
    el.record_step(core, e.id, "team", done_on=d("2026-12-10"), reference="16/QĐ", team_leader="Trận",
                   actor=ward.chair)
    with pytest.raises(ValidationError, match="ít nhất 7 ngày"):  # R-DV-12
        el.record_step(core, e.id, "publication", done_on=d("2026-12-14"), actor=ward.chair)
    done = el.record_step(core, e.id, "publication", done_on=d("2026-12-13"), actor=ward.chair)
    assert all(s.on_time for s in done.steps)


@pytest.mark.rule("R-DV-13")
def test_r_dv_13_the_list_needs_a_candidate(core, ward):
    e = planned(core, ward)
    with pytest.raises(ValidationError, match="ít nhất 1 người ứng cử"):
        el.record_step(core, e.id, "candidates", done_on=d("2026-12-01"), reference="01/BB", actor=ward.chair)


@pytest.mark.rule("R-DV-11")
def test_r_dv_11_a_candidate_is_not_on_the_election_team(core, ward):
    e = planned(core, ward)
    pid = residents_of(ward, ward.groups[0])[0]
    el.add_candidate(core, e.id, person_id=pid, source="danh_sach", actor=ward.chair)
    name = people.get_person(pid).full_name
    with pytest.raises(ValidationError, match="R-DV-11"):
        el.record_step(core, e.id, "team", done_on=d("2026-12-01"), reference="16/QĐ", team_leader=name,
                       actor=ward.chair)


@pytest.mark.rule("R-DV-14")
def test_r_dv_14_self_nomination_and_nomination_at_the_meeting(core, ward):
    e = prepared(core, ward)
    others = residents_of(ward, ward.groups[0])
    with pytest.raises(ValidationError, match="R-DV-14"):  # the Front's list is closed
        el.add_candidate(core, e.id, person_id=others[1], source="danh_sach", actor=ward.chair)
    with pytest.raises(ValidationError, match="người hoặc tổ chức đề cử"):
        el.add_candidate(core, e.id, person_id=others[2], source="de_cu", actor=ward.chair)
    el.add_candidate(core, e.id, person_id=others[1], source="tu_ung_cu", actor=ward.chair)
    e = el.add_candidate(core, e.id, person_id=others[2], source="de_cu", nominated_by="Chi hội Phụ nữ",
                         actor=ward.chair)
    assert [c.source for c in e.candidates] == ["danh_sach", "tu_ung_cu", "de_cu"]
    outsider = residents_of(ward, ward.groups[1])[0]
    with pytest.raises(ValidationError, match="không cư trú"):
        el.add_candidate(core, e.id, person_id=outsider, source="tu_ung_cu", actor=ward.chair)


def _vote(core, ward, e, picks):
    e = el.open_election_vote(core, e.id, actor=ward.chair, at=dt.datetime(2026, 12, 20, 8, 0))
    el.record_choices(core, e.id, picks, actor=ward.chair, at=dt.datetime(2026, 12, 20, 9, 0))
    return el.close_election_vote(core, e.id, received_on=d("2026-12-21"), actor=ward.chair,
                                  at=dt.datetime(2026, 12, 20, 10, 0))


@pytest.mark.rule("R-BQ-28")
@pytest.mark.rule("R-BQ-32")
def test_the_winner_needs_more_than_half_of_all_households_not_of_those_present(core, ward):
    group = ward.groups[1]  # 6 households in the register
    e = prepared(core, ward, group, candidates=2)
    a, b = (c.person_id for c in e.candidates)
    hh = ward.households[group.id]
    # exactly half of all households (3 of 6), although all 4 present chose a
    e = _vote(core, ward, e, {hh[0]: str(a), hh[1]: str(a), hh[2]: str(a), hh[3]: str(b)})
    assert (e.state, e.winner_person_id, e.households_total) == ("no_winner", None, 6)
    el.order_rerun(core, e.id, reason="Không ai đạt quá nửa tổng số hộ", actor=ward.chair)
    e2 = el.plan_election(core, group_id=group.id, meeting_on=d("2027-01-31"), decision_ref="20/QĐ-UBND",
                          decision_on=d("2027-01-05"), actor=ward.chair)
    for pid in (a, b):
        el.add_candidate(core, e2.id, person_id=pid, source="danh_sach", actor=ward.chair)
    el.record_step(core, e2.id, "candidates", done_on=d("2027-01-10"), reference="02/BB", actor=ward.chair)
    el.record_step(core, e2.id, "team", done_on=d("2027-01-11"), reference="21/QĐ", team_leader="Trận",
                   actor=ward.chair)
    el.record_step(core, e2.id, "publication", done_on=d("2027-01-12"), actor=ward.chair)
    e2 = el.open_election_vote(core, e2.id, actor=ward.chair, at=dt.datetime(2027, 1, 31, 8, 0))
    # 4 of 6 for a; one household voted on paper and at the meeting: counted once
    el.record_choices(core, e2.id, {hh[0]: str(a), hh[1]: str(a), hh[2]: str(a), hh[3]: str(a)},
                      actor=ward.chair, at=dt.datetime(2027, 1, 31, 9, 0))
    el.record_choices(core, e2.id, {hh[0]: str(b)}, channel="paper", actor=ward.chair,
                      at=dt.datetime(2027, 1, 31, 9, 30))
    e2 = el.close_election_vote(core, e2.id, received_on=d("2027-02-01"), actor=ward.chair,
                                at=dt.datetime(2027, 1, 31, 10, 0))
    assert (e2.state, e2.winner_person_id, e2.winner_votes) == ("counted", a, 4)


@pytest.mark.rule("R-DV-15")
@pytest.mark.rule("R-DV-08")
def test_r_dv_15_recognition_in_five_working_days_then_the_role_moves(core, ward):
    group = ward.groups[0]  # head1 holds the role today
    old_head = ward.head1.person_id
    e = prepared(core, ward, group)
    winner = e.candidates[0].person_id
    hh = ward.households[group.id]
    e = _vote(core, ward, e, {h: str(winner) for h in hh[:5]})  # 5 of 9
    # received Mon 21/12/2026: five working days later is Mon 28/12
    assert e.recognition_due == d("2026-12-28")
    assert people.holders_of("group_head", group.id) == [old_head]  # not before recognition
    with pytest.raises(ValidationError):
        el.recognise_election(core, e.id, recognised_on=d("2026-12-28"), decision_ref="", actor=ward.chair)
    e = el.recognise_election(core, e.id, recognised_on=d("2026-12-28"), decision_ref="30/QĐ-UBND",
                              actor=ward.chair)
    assert e.state == "recognised" and e.term_end_on == d("2031-12-27")  # R-DV-08: five years
    assert people.holders_of("group_head", group.id) == [winner]
    [ended] = people.ended_role_grants(person_id=old_head, role="group_head")
    assert ended.unit_id == group.id and "30/QĐ-UBND" in ended.reason
    assert el.overdue(core, d("2026-12-29")) == []


@pytest.mark.rule("R-DV-15")
def test_overdue_recognition_is_listed_the_day_after_the_fifth_working_day(core, ward):
    e = prepared(core, ward)
    hh = ward.households[ward.groups[0].id]
    _vote(core, ward, e, {h: str(e.candidates[0].person_id) for h in hh[:5]})
    assert el.overdue(core, d("2026-12-28")) == []
    assert len(el.overdue(core, d("2026-12-29"))) == 1


@pytest.mark.rule("R-DV-15")
def test_the_daily_check_reports_a_late_recognition_and_fails(core, ward, settings, pm, db):
    import argparse
    import io

    from thanthien.core.cli import CliContext
    from thanthien.plugins.bieuquyet import cli

    e = prepared(core, ward)
    hh = ward.households[ward.groups[0].id]
    _vote(core, ward, e, {h: str(e.candidates[0].person_id) for h in hh[:5]})
    out = io.StringIO()
    ctx = CliContext(settings, pm, out=out)
    ctx._db = db
    command = cli.command()
    parser = argparse.ArgumentParser()
    command.configure(parser)
    assert command.run(parser.parse_args(["check", "--date", "28/12/2026"]), ctx) == 0
    assert command.run(parser.parse_args(["check", "--date", "29/12/2026"]), ctx) == 1
    assert "quá hạn công nhận kết quả (28/12/2026)" in out.getvalue()
    assert "1 việc bầu, miễn nhiệm Tổ trưởng quá hạn" in out.getvalue()


@pytest.mark.rule("R-DV-16")
def test_r_dv_16_a_petition_needs_half_of_all_households(core, ward):
    group = ward.groups[0]  # 9 households: 50 % is 4.5, so 5 signatures
    hh = ward.households[group.id]
    dm = el.open_dismissal(core, group_id=group.id, trigger="kien_nghi_ho", grounds="",
                           received_on=d("2026-12-01"), actor=ward.chair)
    assert dm.petition_needed == 5 and dm.head_person_id == ward.head1.person_id
    with pytest.raises(ValidationError):  # a household of another group does not sign here
        el.sign_petition(core, dm.id, [ward.households[ward.groups[1].id][0]], signed_on=d("2026-12-01"),
                         actor=ward.chair)
    el.sign_petition(core, dm.id, hh[:4], signed_on=d("2026-12-01"), actor=ward.chair)
    el.sign_petition(core, dm.id, hh[:2], signed_on=d("2026-12-02"), actor=ward.chair)  # once per household
    with pytest.raises(ValidationError, match="4/9 hộ; cần ít nhất 5 hộ"):
        el.open_dismissal_vote(core, dm.id, actor=ward.chair)
    dm = el.sign_petition(core, dm.id, hh[4:5], signed_on=d("2026-12-02"), actor=ward.chair)
    assert dm.signatures == 5
    assert el.open_dismissal_vote(core, dm.id, actor=ward.chair).state == "voting"
    # on an even register exactly half is enough (≥ 50 %)
    assert el.petition_needed(core, 6, d("2026-12-01")) == 3


@pytest.mark.rule("R-BQ-10")
def test_r_bq_10_the_head_does_not_run_his_own_dismissal(core, ward):
    group = ward.groups[0]
    dm = el.open_dismissal(core, group_id=group.id, trigger="xin_thoi", grounds="", received_on=d("2026-12-01"),
                           actor=ward.chair)
    with pytest.raises(ValidationError, match="R-BQ-10"):
        el.open_dismissal_vote(core, dm.id, actor=ward.head1)


@pytest.mark.rule("R-DV-17")
@pytest.mark.rule("R-DV-18")
@pytest.mark.rule("R-DV-08")
def test_r_dv_17_18_recognition_interim_head_and_new_election_within_sixty_days(core, ward):
    group = ward.groups[0]
    hh = ward.households[group.id]
    dm = el.open_dismissal(core, group_id=group.id, trigger="mat_tran", grounds="Không hoàn thành nhiệm vụ",
                           received_on=d("2026-12-01"), actor=ward.chair)
    el.open_dismissal_vote(core, dm.id, actor=ward.chair, at=dt.datetime(2026, 12, 6, 8))
    el.record_dismissal_choices(core, dm.id, dict.fromkeys(hh[:5], "dong_y"), actor=ward.chair,
                                at=dt.datetime(2026, 12, 6, 9))
    dm = el.close_dismissal_vote(core, dm.id, received_on=d("2026-12-07"), actor=ward.chair,
                                 at=dt.datetime(2026, 12, 6, 10))
    assert dm.state == "counted" and dm.recognition_due == d("2026-12-14")  # R-DV-17
    interim = residents_of(ward, group)[3]
    dm = el.recognise_dismissal(core, dm.id, recognised_on=d("2026-12-14"), decision_ref="31/QĐ-UBND",
                                interim_person_id=interim, actor=ward.chair)
    assert dm.interim_until == d("2027-06-14")  # R-DV-08: six months at most
    assert dm.new_election_due == d("2027-02-12")  # R-DV-18: 60 days (a Friday)
    assert people.holders_of("group_head", group.id) == [interim]
    assert people.ended_role_grants(person_id=ward.head1.person_id)[0].unit_id == group.id
    with pytest.raises(ValidationError, match="trong 60 ngày"):  # one day after the limit
        el.plan_election(core, group_id=group.id, meeting_on=d("2027-02-13"), decision_ref="40/QĐ",
                         decision_on=d("2027-01-20"), kind="bau_moi", dismissal_id=dm.id, actor=ward.chair)
    e = el.plan_election(core, group_id=group.id, meeting_on=d("2027-02-12"), decision_ref="40/QĐ",
                         decision_on=d("2027-01-20"), kind="bau_moi", dismissal_id=dm.id, actor=ward.chair)
    assert e.kind == "bau_moi"


@pytest.mark.rule("R-DV-17")
def test_r_dv_17_when_the_meeting_does_not_agree_the_committee_decides(core, ward):
    group = ward.groups[2]  # 3 households; nobody heads it yet
    people.grant_role(residents_of(ward, group)[0], "group_head", group.id)
    dm = el.open_dismissal(core, group_id=group.id, trigger="xin_thoi", grounds="", received_on=d("2026-12-01"),
                           actor=ward.chair)
    el.open_dismissal_vote(core, dm.id, actor=ward.chair)
    hh = ward.households[group.id]
    el.record_dismissal_choices(core, dm.id, {hh[0]: "dong_y", hh[1]: "khong_dong_y"}, actor=ward.chair)
    dm = el.close_dismissal_vote(core, dm.id, actor=ward.chair)
    assert dm.state == "not_agreed"
    dm = el.recognise_dismissal(core, dm.id, recognised_on=d("2026-12-10"), decision_ref="33/QĐ-UBND",
                                interim_person_id=None, dismiss=False, actor=ward.chair)
    assert dm.state == "kept" and people.holders_of("group_head", group.id) == [residents_of(ward, group)[0]]
    with pytest.raises(IllegalTransition):
        el.recognise_dismissal(core, dm.id, recognised_on=d("2026-12-10"), decision_ref="x",
                               interim_person_id=None, actor=ward.chair)


def test_a_group_head_cannot_plan_an_election(core, ward):
    from thanthien.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        el.plan_election(core, group_id=ward.groups[0].id, meeting_on=MEETING, decision_ref="1",
                         decision_on=d("2026-11-30"), actor=ward.head1)
