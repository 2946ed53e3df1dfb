"""Household ballots and online votes: teams, periods, one ballot per household, the
preliminary poll over all households, codes, and outputs that name no household."""
from __future__ import annotations

import datetime as dt

import pytest

from thanthien.core.documents import DocumentRow
from thanthien.core.errors import ValidationError
from thanthien.plugins.bieuquyet.services import ballots, matters, online

AT = dt.datetime(2026, 11, 2, 8, 0)


def _matter(core, ward, form, group=1):
    return matters.create(core, kind=6, title="Thu quỹ vệ sinh môi trường năm 2027", unit_id=ward.groups[group].id,
                          form=form, agreed_with="Ông Trưởng ban công tác Mặt trận", actor=ward.head2, at=AT)


def _plan(core, ward, m, **kw):
    args = {"reason": "group_k6", "team": ["Bà Mặt Trận", "Ông B", "Bà C"], "published_on": dt.date(2026, 11, 3),
            "plan_issued_on": dt.date(2026, 11, 3), "issue_on": dt.date(2026, 11, 5),
            "return_deadline": dt.date(2026, 11, 10), "actor": ward.head2, "at": AT}
    args.update(kw)
    return ballots.plan(core, m.id, **args)


@pytest.mark.rule("R-BQ-18")
@pytest.mark.rule("R-BQ-19")
def test_ballot_team_and_publication_period(core, ward):
    m = _matter(core, ward, "ballot")
    with pytest.raises(ValidationError) as exc:
        _plan(core, ward, m, team=["A", "B"], published_on=dt.date(2026, 11, 4))
    errors = dict(exc.value.errors)
    assert "từ 3 đến 5" in errors["team"] and "03/11/2026" in errors["published_on"]
    with pytest.raises(ValidationError):
        _plan(core, ward, m, team=["A", "B", "C", "D", "E", "F"])
    rnd, issued = _plan(core, ward, m)  # published exactly 2 days before the ballots go out
    assert rnd.team[0] == "Bà Mặt Trận" and len(issued) == 6


@pytest.mark.rule("R-BQ-17")
def test_a_k6_ballot_needs_the_ballot_form_and_a_ward_choice_needs_a_ward_matter(core, ward):
    m = _matter(core, ward, "meeting")
    with pytest.raises(ValidationError):
        _plan(core, ward, m)
    with pytest.raises(ValidationError) as exc:
        _plan(core, ward, _matter(core, ward, "ballot"), reason="ward_choice")
    assert "toàn phường" in str(exc.value.errors)


@pytest.mark.rule("R-BQ-20")
def test_the_plan_reaches_the_chairman_within_two_days(core, ward):
    rnd, _ = _plan(core, ward, _matter(core, ward, "ballot"))
    assert not ballots.send_plan(core, rnd.id, on=dt.date(2026, 11, 5), actor=ward.head2).plan_sent_late
    rnd2, _ = _plan(core, ward, _matter(core, ward, "ballot", group=2))
    assert ballots.send_plan(core, rnd2.id, on=dt.date(2026, 11, 6), actor=ward.head2).plan_sent_late


@pytest.mark.rule("R-BQ-21")
@pytest.mark.rule("R-BQ-22")
def test_one_ballot_per_household_and_two_witnesses(core, ward):
    m = _matter(core, ward, "ballot")
    rnd, issued = _plan(core, ward, m)
    when = dt.datetime(2026, 11, 8, 9)
    for item in issued[:4]:
        ballots.enter_ballot(core, rnd.id, code=item.code, option="dong_y", actor=ward.head2, at=when)
    with pytest.raises(ValidationError) as exc:  # a second ballot of the same household
        ballots.enter_ballot(core, rnd.id, code=issued[0].code, option="khong_dong_y", actor=ward.head2, at=when)
    assert "đã được sử dụng" in str(exc.value.errors)
    with pytest.raises(ValidationError):
        ballots.count(core, rnd.id, witnesses=["D"], front_head="Bà Mặt Trận", actor=ward.head2, at=when)
    result = ballots.count(core, rnd.id, witnesses=["D", "E"], front_head="Bà Mặt Trận", actor=ward.head2,
                           at=dt.datetime(2026, 11, 11, 8))
    assert result.passed and result.counts["dong_y"] == 4 and result.electorate_total == 6  # 4/6 > 50 %
    minutes = DocumentRow.get_by_id(ballots.rounds(core, m.id)[0].minutes_document_id)
    assert "Đại diện hộ gia đình chứng kiến" in minutes.body_html
    assert matters.get(core, m.id).decided_on == dt.date(2026, 11, 10)  # the return deadline


def _online(core, ward, group=1):
    m = _matter(core, ward, "online", group=group)
    rnd = online.plan(core, m.id, team=["Bà Mặt Trận", "Ông B", "Bà C"], informed_on=dt.date(2026, 11, 3),
                      actor=ward.head2, at=AT)
    return m, rnd


@pytest.mark.rule("R-BQ-23")
def test_the_preliminary_poll_needs_more_than_half_of_all_households(core, ward):
    _, rnd = _online(core, ward)  # 6 households
    online.record_poll(core, rnd.id, yes=3, actor=ward.head2, at=AT)  # half of all: not enough,
    start, end = dt.datetime(2026, 11, 5, 7), dt.datetime(2026, 11, 7, 21)
    with pytest.raises(ValidationError) as exc:  # even if all 3 who answered said yes
        online.open_round(core, rnd.id, starts_at=start, ends_at=end, actor=ward.head2, at=AT)
    assert "quá một nửa tổng số hộ" in str(exc.value.errors)
    online.record_poll(core, rnd.id, yes=4, actor=ward.head2, at=AT)
    opened, issued = online.open_round(core, rnd.id, starts_at=start, ends_at=end, actor=ward.head2, at=AT)
    assert opened.poll_passed and len(issued) == 6


@pytest.mark.rule("R-BQ-23")
def test_the_online_team_is_three_to_five(core, ward):
    m = _matter(core, ward, "online")
    with pytest.raises(ValidationError):
        online.plan(core, m.id, team=["A", "B"], informed_on=dt.date(2026, 11, 3), actor=ward.head2, at=AT)


@pytest.mark.rule("R-BQ-24")
@pytest.mark.rule("R-BQ-25")
@pytest.mark.rule("R-BQ-26")
def test_an_online_vote_with_codes(core, ward):
    m, rnd = _online(core, ward)
    online.record_poll(core, rnd.id, yes=5, actor=ward.head2, at=AT)
    start, end = dt.datetime(2026, 11, 5, 7), dt.datetime(2026, 11, 7, 21)
    _, issued = online.open_round(core, rnd.id, starts_at=start, ends_at=end, actor=ward.head2, at=AT)
    when = dt.datetime(2026, 11, 6, 20)
    with pytest.raises(ValidationError):  # before the start
        online.cast(core, m.id, code=issued[0].code, option="dong_y", at=AT)
    with pytest.raises(ValidationError):  # not one of the three options
        online.cast(core, m.id, code=issued[0].code, option="phan_doi", at=when)
    for item, option in zip(issued[:5], ["dong_y"] * 4 + ["y_kien_khac"], strict=True):  # 4/6 > 50 %
        online.cast(core, m.id, code=item.code, option=option, at=when)
    with pytest.raises(ValidationError):  # reused
        online.cast(core, m.id, code=issued[0].code, option="khong_dong_y", at=when)
    with pytest.raises(ValidationError):  # a guess
        online.cast(core, m.id, code="ABCDEFGHJK", option="dong_y", at=when)
    result = online.close(core, rnd.id, front_head="Bà Mặt Trận", actor=ward.head2, at=end + dt.timedelta(hours=1))
    assert result.passed and result.rule_id == "R-BQ-26"
    assert result.options == ("dong_y", "khong_dong_y", "y_kien_khac") and result.participated == 5
    minutes = DocumentRow.get_by_id(online.round_for(core, m.id).minutes_document_id)
    text = minutes.body_html
    assert "07/11/2026" in text and "05/11/2026" in text  # start and end
    assert "DANH SÁCH HỘ GIA ĐÌNH THAM GIA" in text and "Hộ HO02000" in text
    assert online.round_for(core, m.id).closed and matters.get(core, m.id).state == "passed"
