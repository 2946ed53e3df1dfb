"""The demo: a year of meetings, one ballot and one online vote, through the real services;
the indicators read them."""
from __future__ import annotations

import datetime as dt

from thanthien.core import voting
from thanthien.plugins.bieuquyet.models import BallotRoundRow, MatterRow, MeetingRow, OnlineRoundRow


def test_the_demo_ward_has_a_year_of_community_decisions(demo_ward, core):
    assert MeetingRow.select().where(MeetingRow.state == "held").count() >= 9
    assert BallotRoundRow.select().where(BallotRoundRow.counted_at.is_null(False)).count() == 1
    assert OnlineRoundRow.select().count() == 1 and OnlineRoundRow.get().minutes_document_id
    assert MatterRow.select().where(MatterRow.state.in_(["passed", "forwarded", "recognised"])).count() >= 5
    for m in MatterRow.select():
        (vote,) = [v for v in voting.votes_for(f"bieuquyet.matter:{m.id}") if v.state == "closed"]
        assert voting.stored_result(vote.id)["participated"] <= vote.electorate_total
    end = demo_ward.today
    start = end - dt.timedelta(days=366)
    assert core.indicators.value("bieuquyet.decided", start, end) == MatterRow.select().count() == 12
    voted = core.indicators.value("bieuquyet.voted_share", start, end)
    assert 0 < voted <= 100
    assert core.indicators.value("bieuquyet.forwarded_on_time", start, end) == 100.0
    records = core.indicators.get("bieuquyet.voted_share").records(core, start, end)
    assert len(records) == 12 and all(r["href"].startswith("/bieuquyet/ket-qua/") for r in records)
