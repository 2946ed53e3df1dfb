"""The demo ward gets realistic giamsat data through the real services: invariants, not
counts from a seed."""
from __future__ import annotations

import datetime as dt

import pytest
from thanthien.core import accounts, demo
from thanthien.core.types import SYSTEM_ACTOR
from thanthien.plugins.giamsat import services as sv
from thanthien.plugins.giamsat.models import BoardRow, ProjectRow
from thanthien.plugins.giamsat.types import IN_SCOPE_FUNDING


@pytest.mark.parametrize("households", [20, 300])
def test_demo_projects_boards_and_recommendations(settings, pm, db, services, households):
    ctx = demo.build_demo_ward(settings, pm, services, households=households, seed=3)
    today = ctx.today
    projects = list(ProjectRow.select())
    assert any("Nhà văn hóa" in p.name for p in projects)
    assert any(p.funding not in IN_SCOPE_FUNDING for p in projects)  # one outside the scope (R-GS-02)
    # every board is for a project in scope, and the public list is exactly the projects with a board
    boarded = {b.project_id for b in BoardRow.select()}
    assert boarded and all(ProjectRow.get_by_id(p).funding in IN_SCOPE_FUNDING for p in boarded)
    assert {p.id for p, _ in sv.supervised_projects(services)} == boarded
    assert any(b.state == "dissolved" for b in BoardRow.select())
    # coverage: some in-scope project still lacks a board, so the share stays under 100 % over the year
    year = sv.coverage(services, today, today + dt.timedelta(days=365))
    assert year.total > year.with_board >= 1 and year.missing
    assert {w.kind for w in sv.warnings(services, today)} >= {"no_board"}
    # recommendations: both kinds; every answered one is timed, the waiting ones are not yet late
    recs = sv.recommendations(services, actor=SYSTEM_ACTOR)
    assert {r.kind for r in recs} == {"kien_nghi", "tam_dung"}
    assert all(r.timeliness in ("on_time", "late") for r in recs if r.answered_on)
    waiting = sv.recommendations(services, actor=SYSTEM_ACTOR, waiting_only=True)
    assert waiting and all(r.due_date >= today for r in waiting)
    assert services.indicators.value("giamsat.answers_late", today - dt.timedelta(days=365), today) == 0
    # the Front Committee's officer has a login; the BTTND's head acts for every active board
    assert accounts.account_by_username("mattran") is not None
    member = ctx.actor("bantt")
    active = {b.id for b in BoardRow.select().where(BoardRow.state == "active")}
    assert sv.member_boards(member) == active
