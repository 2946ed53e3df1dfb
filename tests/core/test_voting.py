"""The community vote engine (core/voting.py): electorate from the register, one count per
household whatever the channels, thresholds at their boundaries, closing fires vote_closed."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thanthien.core import audit, hookimpl, people, voting
from thanthien.core.errors import ValidationError
from thanthien.core.models import HouseholdRow

AT = dt.datetime(2026, 11, 2, 19, 0)


class Listener:
    def __init__(self):
        self.closed = []

    @hookimpl
    def vote_closed(self, vote, core):
        self.closed.append(vote)


@pytest.fixture
def listener():
    return Listener()


@pytest.fixture
def extra_plugins(listener):
    return [("listener", listener)]


_seq = itertools.count(1)


def make_groups(sizes):
    n = next(_seq)
    root = people.create_unit(f"UBND{n}", "UBND phường", "peoples_committee")
    groups = []
    for i, size in enumerate(sizes, start=1):
        g = people.create_unit(f"T{n}-{i}", f"Tổ dân phố số {i}", "residential_group", parent_id=root.id)
        hh = [people.create_household(f"H{n}-{i}-{j}", g.id).id for j in range(size)]
        groups.append((g.id, hh))
    return groups


def vote_agreeing(core, kind, size, agree, *, scope="group", form="meeting", present=None):
    """A vote of ``kind`` in one group of ``size`` households where ``agree`` agree and
    the others present disagree."""
    ((gid, hh),) = make_groups([size])
    vote = voting.open_vote(core, ref="test:1", title="Nội dung", kind=kind, scope=scope, unit_ids=[gid],
                            form=form, at=AT)
    present = size if present is None else present
    for i, h in enumerate(hh[:present]):
        voting.record_choice(core, vote.id, h, "dong_y" if i < agree else "khong_dong_y",
                             channel="online" if form == "online" else "meeting", at=AT)
    return vote


@pytest.mark.rule("R-BQ-29")
@pytest.mark.rule("R-BQ-28")
def test_k1_in_a_group_passes_with_exactly_two_thirds_of_all_households_and_fails_one_short(core):
    ok = vote_agreeing(core, 1, 9, 6)
    assert voting.tally(core, ok.id).passed
    assert voting.tally(core, ok.id).rule_id == "R-BQ-29"
    ((gid, hh),) = make_groups([9])
    v = voting.open_vote(core, ref="t", title="x", kind=2, unit_ids=[gid], at=AT)
    for h in hh[:5]:
        voting.record_choice(core, v.id, h, "dong_y", channel="meeting", at=AT)
    assert not voting.tally(core, v.id).passed  # 5/9 < 2/3


@pytest.mark.rule("R-BQ-28")
@pytest.mark.rule("R-BQ-34")
def test_more_than_half_of_all_households_not_of_those_present(core):
    # 10 households, 6 present, 4 agree: > 50 % of those present but not of all households
    vote = vote_agreeing(core, 6, 10, 4, present=6)
    result = voting.tally(core, vote.id)
    assert result.participated == 6 and result.counts["dong_y"] == 4 and not result.passed
    assert result.rule_id == "R-BQ-34" and result.electorate_total == 10


@pytest.mark.rule("R-BQ-31")
@pytest.mark.rule("R-BQ-32")
@pytest.mark.rule("R-BQ-33")
@pytest.mark.rule("R-BQ-34")
@pytest.mark.parametrize("kind, rule", [(3, "R-BQ-31"), (4, "R-BQ-32"), (5, "R-BQ-33"), (6, "R-BQ-34")])
def test_more_than_half_exactly_half_fails(core, kind, rule):
    half = vote_agreeing(core, kind, 10, 5)
    assert not voting.tally(core, half.id).passed
    voting.record_choice(core, half.id, voting.electorate(half.id)[5][0], "dong_y", channel="meeting", at=AT)
    result = voting.tally(core, half.id)
    assert result.passed and result.rule_id == rule and result.counts["dong_y"] == 6


@pytest.mark.rule("R-BQ-26")
@pytest.mark.rule("R-BQ-24")
def test_online_vote_more_than_half_and_exactly_three_options(core):
    vote = vote_agreeing(core, 6, 8, 5, form="online")
    assert voting.tally(core, vote.id).passed and voting.tally(core, vote.id).rule_id == "R-BQ-26"
    ((gid, _),) = make_groups([3])
    with pytest.raises(ValidationError) as exc:
        voting.open_vote(core, ref="x", title="x", kind=6, unit_ids=[gid], form="online",
                         options=("dong_y", "khong_dong_y"), at=AT)
    assert "ba phương án" in str(exc.value.errors)


@pytest.mark.rule("R-BQ-30")
def test_ward_wide_k1_counts_groups_each_by_two_thirds(core):
    groups = make_groups([3, 3, 3])
    vote = voting.open_vote(core, ref="w", title="Làm đường", kind=1, scope="ward", at=AT)
    assert vote.electorate_total == 9 and vote.rule_id == "R-BQ-30"
    # groups 1 and 2 approve with 2/3; group 3 with 1/3: 2 of 3 groups = exactly 2/3 → passes
    for (_gid, hh), agree in zip(groups, (2, 2, 1), strict=True):
        for i, h in enumerate(hh):
            voting.record_choice(core, vote.id, h, "dong_y" if i < agree else "khong_dong_y", channel="paper", at=AT)
    result = voting.tally(core, vote.id)
    assert result.groups_total == 3 and result.groups_approved == 2 and result.passed
    h = groups[1][1][0]
    voting.record_choice(core, vote.id, h, "khong_dong_y", channel="paper", at=AT)  # group 2 now 1/3
    assert not voting.tally(core, vote.id).passed


@pytest.mark.rule("R-BQ-14")
def test_procedural_votes_count_those_present(core):
    assert voting.procedural_passes(core.rules, 4, 7, AT.date())
    assert not voting.procedural_passes(core.rules, 3, 6, AT.date())


def test_the_electorate_is_the_register_at_opening(core):
    ((gid, hh),) = make_groups([4])
    HouseholdRow.update(active=False).where(HouseholdRow.id == hh[0]).execute()
    vote = voting.open_vote(core, ref="r", title="x", kind=6, unit_ids=[gid], at=AT)
    assert vote.electorate_total == 3 == voting.electorate_size([gid])
    with pytest.raises(ValidationError):
        voting.record_choice(core, vote.id, hh[0], "dong_y", channel="meeting", at=AT)


def test_precedence_meeting_over_paper_over_online_and_corrections_are_kept(core):
    ((gid, hh),) = make_groups([3])
    vote = voting.open_vote(core, ref="p", title="x", kind=6, unit_ids=[gid], at=AT)
    voting.record_choice(core, vote.id, hh[0], "khong_dong_y", channel="online", at=AT)
    voting.record_choice(core, vote.id, hh[0], "dong_y", channel="meeting", representative="Bà Lan", at=AT)
    voting.record_choice(core, vote.id, hh[0], "y_kien_khac", channel="paper", at=AT)
    result = voting.tally(core, vote.id)
    assert result.participated == 1 and result.counts == {"dong_y": 1, "khong_dong_y": 0, "y_kien_khac": 0}
    assert result.not_counted == 2 and result.by_channel == {"meeting": 1, "paper": 0, "online": 0}
    # a correction at the meeting supersedes the earlier record, which stays
    voting.record_choice(core, vote.id, hh[0], "khong_dong_y", channel="meeting", at=AT)
    records = voting.choices(vote.id, household_id=hh[0])
    assert len(records) == 4 and sum(c.counted for c in records) == 1
    assert [c.options for c in records if c.counted] == [("khong_dong_y",)]
    assert any(c.superseded_at for c in records)
    # voiding the meeting record lets the paper ballot count
    counted = next(c for c in records if c.counted)
    voting.void_choice(core, counted.id, reason="Ghi nhầm hộ", at=AT)
    assert voting.tally(core, vote.id).counts["y_kien_khac"] == 1


def test_close_fires_vote_closed_and_stops_recording(core, listener):
    ((gid, hh),) = make_groups([3])
    vote = voting.open_vote(core, ref="c", title="x", kind=6, unit_ids=[gid], at=AT)
    for h in hh[:2]:
        voting.record_choice(core, vote.id, h, "dong_y", channel="meeting", at=AT)
    result = voting.close_vote(core, vote.id, at=AT)
    assert result.passed and listener.closed == [result]
    assert voting.stored_result(vote.id)["counts"] == {"dong_y": 2, "khong_dong_y": 0, "y_kien_khac": 0}
    with pytest.raises(ValidationError):
        voting.record_choice(core, vote.id, hh[2], "dong_y", channel="meeting", at=AT)
    actions = [e.action for e in audit.entries(entity="vote", entity_id=vote.id)]
    assert actions.count("vote_choice_recorded") == 2 and "vote_opened" in actions and "vote_closed" in actions


def test_a_public_result_names_no_household(core):
    ((gid, hh),) = make_groups([3])
    vote = voting.open_vote(core, ref="c", title="x", kind=6, unit_ids=[gid], at=AT)
    voting.record_choice(core, vote.id, hh[0], "dong_y", channel="online", representative="Ông Tư", at=AT)
    text = repr(voting.tally(core, vote.id))
    assert "household" not in text and "Ông Tư" not in text


def test_an_election_gives_each_candidate_its_own_result(core):
    ((gid, hh),) = make_groups([5])
    vote = voting.open_vote(core, ref="e", title="Bầu Ban TTND", kind=5, unit_ids=[gid],
                            options=("an", "binh", "cuong"), agree_option=None, max_choices=2, at=AT)
    for h, pick in zip(hh, [("an", "binh"), ("an",), ("an", "cuong"), ("binh",), ("binh", "an")], strict=True):
        voting.record_choice(core, vote.id, h, pick, channel="meeting", method="secret_ballot", at=AT)
    result = voting.tally(core, vote.id)
    assert result.counts == {"an": 4, "binh": 3, "cuong": 1}
    assert result.passed_options == ("an", "binh") and result.passed
    with pytest.raises(ValidationError):
        voting.record_choice(core, vote.id, hh[0], ("an", "binh", "cuong"), channel="meeting", at=AT)


CHANNEL = st.sampled_from(["meeting", "paper", "online"])
OPTION = st.sampled_from(list(voting.STANDARD_OPTIONS))


@pytest.mark.rule("R-BQ-28")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.lists(st.tuples(st.integers(0, 5), CHANNEL, OPTION), max_size=25))
def test_a_household_counts_once_whatever_the_mix_of_channels(core, records):
    ((gid, hh),) = make_groups([6])
    vote = voting.open_vote(core, ref="prop", title="x", kind=6, unit_ids=[gid], at=AT)
    expected: dict[int, tuple[int, str]] = {}
    for i, channel, option in records:
        voting.record_choice(core, vote.id, hh[i], option, channel=channel, at=AT)
        rank = voting.PRECEDENCE[channel]
        if i not in expected or rank >= expected[i][0]:
            expected[i] = (rank, option)
    result = voting.tally(core, vote.id)
    assert result.participated == len(expected) == len(voting.voted_households(vote.id))
    assert sum(result.counts.values()) == len(expected) <= result.electorate_total == 6
    for option in voting.STANDARD_OPTIONS:
        assert result.counts[option] == sum(1 for _, o in expected.values() if o == option)
    assert sum(result.by_channel.values()) == result.participated
