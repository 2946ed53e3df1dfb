"""R-TTND-12 (complaint results shared with the board, by case-type key, without importing
tiepdan), the indicators hook, and the demo ward's board."""
from __future__ import annotations

import datetime as dt

import pytest

from thanthien.core import hookimpl
from thanthien.core.cases import CaseType, State, Transition
from thanthien.core.plugins import collect
from thanthien.plugins import thanhtra
from thanthien.plugins.thanhtra import services as sv
from thanthien.plugins.thanhtra.models import ComplaintResultRow, InspectionRow, MemberRow, ReportRow

from .conftest import at, d


class ComplaintPlugin:
    """Stands for the complaint module: a case type under the key tiepdan uses."""

    @hookimpl
    def register_case_types(self, settings):
        states = (State("received", "Đã nhận"), State("sent", "Đã gửi quyết định", final=True))
        return [CaseType(key="khieu_nai", name="Khiếu nại", states=states, initial="received", number_prefix="KN",
                         transitions=(Transition("send", "Gửi quyết định", ("received",), "sent"),)),
                CaseType(key="khac", name="Việc khác", states=states, initial="received", number_prefix="KH",
                         transitions=(Transition("send", "Gửi", ("received",), "sent"),))]


@pytest.fixture
def extra_plugins():
    return [("thanhtra", thanhtra), ("khieunai", ComplaintPlugin())]


@pytest.mark.rule("R-TTND-12")
def test_r_ttnd_12_closed_complaints_are_shared_with_the_board(services, db):
    complaint = services.cases.open("khieu_nai", "Khiếu nại quyết định xử phạt", received_at=at("2026-03-02T09:00"))
    other = services.cases.open("khac", "Việc khác", received_at=at("2026-03-02T09:00"))
    assert ComplaintResultRow.select().count() == 0
    services.cases.transition(complaint.id, "send", at=at("2026-03-20T09:00"), outcome="giu_nguyen")
    services.cases.transition(other.id, "send", at=at("2026-03-20T09:00"))
    results = sv.complaint_results()
    assert [(r["number"], r["outcome"]) for r in results] == [(complaint.number, "giu_nguyen")]
    assert sv.indicators(services, d("2026-01-01"), d("2026-12-31"))["complaint_results_shared"] == 1


def test_indicators_hook_computes_from_settings_alone(settings, pm, services, db):
    indicators = {i.key: i for i in collect(pm, "register_indicators", settings=settings)}
    assert indicators["thanhtra.seats_required"].compute(d("2026-01-01"), d("2026-12-31")) == 5
    assert indicators["thanhtra.recommendations_on_time"].compute(d("2026-01-01"), d("2026-12-31")) is None


def test_demo_ward_elects_a_member_in_each_of_45_groups(settings, pm, services, db):
    from thanthien.core import demo

    today = dt.date(2026, 6, 15)
    ctx = demo.build_demo_ward(settings, pm, services, households=45 * 6, seed=11, today=today)
    term = sv.current_term(today)
    status = sv.seat_status(services, term.id, today)
    assert (status.groups, status.required, status.filled, status.missing) == (45, 45, 45, 0)
    members = sv.members(term.id, include_left=True)
    assert sum(1 for m in members if m.state == "left") == 1  # released, then by-elected
    head = sv.board_head(today)
    assert head.person_id == ctx.staff["bantt"].id and head.group_name == "Tổ dân phố số 1"
    figures = sv.indicators(services, today - dt.timedelta(days=365), today)
    assert figures["inspections_held"] >= 4 and figures["inspections_sent_late"] >= 1
    assert figures["petitions_received"] >= 10 and figures["recommendations_sent"] >= 5
    assert figures["recommendations_rejected_by_vote"] >= 1
    assert InspectionRow.select().where(InspectionRow.published == True).count() >= 1  # noqa: E712
    assert ReportRow.select().count() >= 3
    assert sv.pending_recommendations(services, today)
    assert MemberRow.select().count() == 46


def test_public_figures_from_the_rollup_match_the_exact_count(settings, pm, services, db):
    from thanthien.core import demo

    today = dt.date(2026, 11, 20)
    demo.build_demo_ward(settings, pm, services, households=45 * 3, seed=4, today=today)
    exact = sv.indicators(services, dt.date(2026, 1, 1), today)
    public = sv.public_board(services, today)["figures"]
    assert public["petitions_received"] > 0 and public["recommendations_answered"] > 0
    assert public == {k: exact[k] for k in public}
