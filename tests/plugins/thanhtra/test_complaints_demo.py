"""R-TTND-12 (complaint results shared with the board, for any case type tagged
"complaint", without knowing another plugin's key), the indicators registered with the
real core bundle, the settings section, and the demo ward's board (invariants)."""
from __future__ import annotations

import datetime as dt

import pytest
from thanthien.core import hookimpl
from thanthien.core.cases import CaseType, State, Transition
from thanthien.core.errors import SettingsError
from thanthien.core.services import make_services
from thanthien.plugins import thanhtra
from thanthien.plugins.thanhtra import services as sv
from thanthien.plugins.thanhtra.models import ComplaintResultRow, InspectionRow, MemberRow, ReportRow
from thanthien.plugins.thanhtra.types import PETITION
from thanthien.testing import make_settings

from .helpers import at, d

STATES = (State("received", "Đã nhận"), State("sent", "Đã gửi quyết định", final=True))


def _case_type(key: str, prefix: str, tags: tuple[str, ...] = ()) -> CaseType:
    return CaseType(key=key, name=key, states=STATES, initial="received", number_prefix=prefix, tags=tags,
                    transitions=(Transition("send", "Gửi quyết định", ("received",), "sent"),))


class ComplaintPlugin:
    """Stands for whatever module handles complaints: a case type tagged "complaint" under a
    key thanhtra has never heard of, an untagged one, and one under tiepdan's old key
    without the tag (the key alone no longer counts)."""

    @hookimpl
    def register_case_types(self, settings):
        return [_case_type("fixture_khieu_nai", "KNX", ("complaint",)), _case_type("khac", "KH"),
                _case_type("khieu_nai", "KN")]


@pytest.fixture
def extra_plugins():
    return [("thanhtra", thanhtra), ("khieunai", ComplaintPlugin())]


@pytest.mark.rule("R-TTND-12")
def test_r_ttnd_12_closed_complaints_are_shared_with_the_board(services, db):
    complaint = services.cases.open("fixture_khieu_nai", "Khiếu nại quyết định xử phạt",
                                    received_at=at("2026-03-02T09:00"))
    others = [services.cases.open(key, "Việc khác", received_at=at("2026-03-02T09:00"))
              for key in ("khac", "khieu_nai")]
    assert ComplaintResultRow.select().count() == 0
    services.cases.transition(complaint.id, "send", at=at("2026-03-20T09:00"), outcome="giu_nguyen")
    for other in others:
        services.cases.transition(other.id, "send", at=at("2026-03-20T09:00"))
    results = ComplaintResultRow.select()
    assert [(r.number, r.outcome) for r in results] == [(complaint.number, "giu_nguyen")]
    assert sv.figures(services, d("2026-01-01"), d("2026-12-31"))["complaint_results_shared"] == 1


def test_indicators_computed_with_the_core_bundle(services, db):
    indicators = {i.key: i for i in services.indicators.all(plugin="thanhtra")}
    assert len(indicators) == 8 and all(i.section == "III.2.3a" for i in indicators.values())
    assert services.indicators.value("thanhtra.seats_required", d("2026-01-01"), d("2026-12-31")) == 5
    assert services.indicators.value("thanhtra.recommendations_on_time", d("2026-01-01"), d("2026-12-31")) is None
    assert indicators["thanhtra.recommendations_on_time"].rule == "R-TTND-11"


def test_settings_are_typed_and_the_petition_clock_follows_them(tmp_path, pm, settings):
    bad = make_settings(tmp_path, plugin={"thanhtra": {"petition_deadlin": "R-PA-07.max_working_days"}},
                        source=str(tmp_path / "t.toml"))
    with pytest.raises(SettingsError) as exc:
        make_services(bad, pm).check()
    assert exc.value.key == "plugin.thanhtra.petition_deadlin" and "t.toml" in exc.value.message
    with pytest.raises(SettingsError):
        make_services(make_settings(tmp_path, plugin={"thanhtra": {"head_term": "3"}}), pm).check()
    good = make_settings(tmp_path, plugin={"thanhtra": {"petition_deadline": "R-TTND-11.max_days",
                                                         "head_term": "short"}})
    core = make_services(good, pm)
    assert core.config("thanhtra").head_term == "short"
    assert core.cases.case_type(PETITION).deadline.amount == "R-TTND-11.max_days"
    assert make_services(settings, pm).cases.case_type(PETITION).deadline.amount == "R-PA-07.max_working_days"


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
    assert sv.is_current_member(ctx.staff["bantt"].id)  # the demo's board account acts for the board
    figures = sv.figures(services, today - dt.timedelta(days=365), today)
    assert figures["inspections_held"] >= 4 and figures["inspections_sent_late"] >= 1
    assert figures["petitions_received"] >= 10 and figures["recommendations_sent"] >= 5
    assert figures["recommendations_rejected_by_vote"] >= 1
    assert InspectionRow.select().where(InspectionRow.published == True).count() >= 1  # noqa: E712
    assert ReportRow.select().count() >= 3
    assert sv.pending_recommendations(services, today, actor=ctx.actor("chutich"))
    assert MemberRow.select().count() == 46


def test_public_figures_from_the_rollup_match_the_exact_count(settings, pm, services, db):
    from thanthien.core import demo

    today = dt.date(2026, 11, 20)
    demo.build_demo_ward(settings, pm, services, households=45 * 3, seed=4, today=today)
    exact = sv.figures(services, dt.date(2026, 1, 1), today)
    public = sv.public_figures(today)
    assert public["petitions_received"] > 0 and public["recommendations_answered"] > 0
    assert public == {k: exact[k] for k in public}
