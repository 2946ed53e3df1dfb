"""Thresholds and effect: forwarding and recognition clocks in working days, refusal
with reasons, annulment; participation shares over all households."""
from __future__ import annotations

import datetime as dt

import pytest

from thanthien.core.errors import ValidationError
from thanthien.plugins.bieuquyet.services import decisions, matters, meetings, participation

AT = dt.datetime(2026, 11, 2, 8, 0)


@pytest.mark.rule("R-BQ-35")
@pytest.mark.rule("R-BQ-36")
def test_five_working_day_clocks_skip_weekends(core):
    assert decisions.forward_due(core, dt.date(2026, 11, 5)) == dt.date(2026, 11, 12)  # Thu → next Thu
    assert decisions.forward_due(core, dt.date(2026, 11, 7)) == dt.date(2026, 11, 13)  # Sat → Fri
    assert decisions.recognition_due(core, dt.date(2026, 11, 9)) == dt.date(2026, 11, 16)  # Mon → Mon


def _passed_k3(core, ward):
    m = matters.create(core, kind=3, title="Sửa đổi quy ước tổ dân phố", unit_id=ward.groups[2].id, form="meeting",
                       agreed_with="Ông Trưởng ban công tác Mặt trận", actor=ward.head1, at=AT)
    when = dt.datetime(2026, 11, 5, 19)
    mt = meetings.plan(core, unit_id=ward.groups[2].id, matter_id=m.id, title="Họp", scheduled_at=when,
                       place="Nhà văn hóa", actor=ward.head1, at=AT)
    meetings.notify(core, mt.id, channels=["direct"], on=dt.date(2026, 11, 3), actor=ward.head1, at=AT)
    for h in ward.households[ward.groups[2].id]:
        meetings.record_attendance(core, mt.id, h, representative="Đại diện", actor=ward.head1)
    meetings.open_voting(core, mt.id, secretary="Thư ký", method="show_of_hands", procedural_yes=3,
                         actor=ward.head1, at=when)
    for h in ward.households[ward.groups[2].id][:2]:
        meetings.record_vote(core, mt.id, h, "dong_y", actor=ward.head1, at=when)
    meetings.finish(core, mt.id, front_head="Bà Mặt Trận", household_signers=["A", "B"], actor=ward.head1,
                    at=when + dt.timedelta(hours=1))
    return m


@pytest.mark.rule("R-BQ-31")
@pytest.mark.rule("R-BQ-36")
def test_a_covenant_takes_effect_on_recognition(core, ward):
    m = _passed_k3(core, ward)
    passed = matters.get(core, m.id)
    assert passed.state == "passed" and passed.effective_on is None and passed.forward_due == dt.date(2026, 11, 12)
    with pytest.raises(ValidationError):
        decisions.recognise(core, m.id, on=dt.date(2026, 11, 9), actor=ward.chair)
    fwd = decisions.forward(core, m.id, on=dt.date(2026, 11, 9), actor=ward.head1)
    assert fwd.recognition_due == dt.date(2026, 11, 16)
    assert [(x.id, what) for x, what, _ in decisions.due_clocks(core, dt.date(2026, 11, 16))] == [(m.id, "recognition")]
    rec = decisions.recognise(core, m.id, on=dt.date(2026, 11, 13), actor=ward.chair)
    assert rec.state == "recognised" and rec.effective_on == dt.date(2026, 11, 13)


@pytest.mark.rule("R-BQ-36")
@pytest.mark.rule("R-BQ-38")
def test_refusal_needs_reasons_and_annulment_is_recorded(core, ward):
    m = _passed_k3(core, ward)
    decisions.forward(core, m.id, on=dt.date(2026, 11, 9), actor=ward.head1)
    with pytest.raises(ValidationError):
        decisions.refuse(core, m.id, on=dt.date(2026, 11, 10), reason="  ", actor=ward.chair)
    refused = decisions.refuse(core, m.id, on=dt.date(2026, 11, 10), reason="Trái quy định về mức thu",
                               actor=ward.chair)
    assert refused.state == "refused" and refused.refusal_reason == "Trái quy định về mức thu"
    m2 = _passed_k3_second(core, ward)
    annulled = decisions.annul(core, m2.id, on=dt.date(2026, 11, 20), reason="Vi phạm trình tự biểu quyết",
                               kind="amend", actor=ward.chair)
    assert annulled.state == "annulled" and annulled.annul_reason.startswith("Yêu cầu sửa đổi")


def _passed_k3_second(core, ward):
    from thanthien.core import people

    g = people.create_unit("TDP77", "Tổ dân phố số 77", "residential_group", parent_id=ward.ward.id)
    ids = [people.create_household(f"Y{j}", g.id).id for j in range(2)]
    m = matters.create(core, kind=6, title="Trồng cây", unit_id=g.id, form="meeting", agreed_with="Ông MT",
                       actor=ward.chair, at=AT)
    when = dt.datetime(2026, 11, 5, 19)
    mt = meetings.plan(core, unit_id=g.id, matter_id=m.id, title="Họp", scheduled_at=when, place="Nhà văn hóa",
                       actor=ward.chair, at=AT)
    meetings.notify(core, mt.id, channels=["direct"], on=dt.date(2026, 11, 3), actor=ward.chair, at=AT)
    for h in ids:
        meetings.record_attendance(core, mt.id, h, representative="Đại diện", actor=ward.chair)
    meetings.open_voting(core, mt.id, secretary="Thư ký", method="show_of_hands", procedural_yes=2,
                         actor=ward.chair, at=when)
    for h in ids:
        meetings.record_vote(core, mt.id, h, "dong_y", actor=ward.chair, at=when)
    meetings.finish(core, mt.id, front_head="Bà MT", household_signers=["A", "B"], actor=ward.chair,
                    at=when + dt.timedelta(hours=1))
    assert matters.get(core, m.id).effective_on == when.date()  # R-BQ-34: the day of the vote
    return m


def test_participation_shares_are_of_all_households(core, ward):
    m = _passed_k3(core, ward)  # group 3: 3 households, all present, 2 voted
    shares = participation.for_matter(core, m.id).shares
    assert (shares.total, shares.informed, shares.represented, shares.voted) == (3, 0, 3, 2)
    assert shares.voted_pct == 66.7
    groups = participation.by_group(core)
    assert [(g.group_name, g.shares.total, g.shares.voted) for g in groups] == [("Tổ dân phố số 3", 3, 2)]
    assert "household" not in repr(groups)


def test_cli_check_and_participation(core, ward, settings, pm, db):
    import argparse
    import io

    from thanthien.core.cli import CliContext
    from thanthien.plugins.bieuquyet import cli

    m = _passed_k3(core, ward)  # forward due 12/11/2026
    out = io.StringIO()
    ctx = CliContext(settings, pm, out=out)
    ctx._db = db
    command = cli.command()
    parser = argparse.ArgumentParser()
    command.configure(parser)
    assert command.run(parser.parse_args(["check", "--date", "12/11/2026"]), ctx) == 0
    assert command.run(parser.parse_args(["kiem-tra", "--date", "13/11/2026"]), ctx) == 1
    text = out.getvalue()
    assert "hạn gửi UBND, Ủy ban MTTQ phường 12/11/2026 (hôm nay)" in text and "(quá hạn)" in text
    assert matters.get(core, m.id).state == "passed"
    command.run(parser.parse_args(["participation"]), ctx)
    assert "Tổ dân phố số 3\t1\t0.0%\t100.0%\t66.7%" in out.getvalue().splitlines()
