"""The demo ward gets realistic giamsat data through the real services."""
from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher
from thanthien.core import accounts, demo
from thanthien.plugins.giamsat import services as sv


@pytest.fixture(autouse=True)
def fast_hasher(monkeypatch):
    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.mark.parametrize("households", [20, 300])
def test_demo_projects_boards_and_recommendations(settings, pm, db, services, households):
    ctx = demo.build_demo_ward(settings, pm, services, households=households, seed=3)
    names = [p.name for p in sv.projects()]
    assert len(names) == 5 and any("Nhà văn hóa" in n for n in names)
    cov = sv.coverage(ctx.today, ctx.today)
    assert (cov["total"], cov["with_board"]) == (2, 2)  # the cultural house finished, the lighting not started
    cov = sv.coverage(ctx.today, ctx.today + dt.timedelta(days=365))
    assert (cov["total"], cov["with_board"]) == (3, 2)  # the sponsored lighting has no board yet
    public = sv.public_projects()
    assert len(public) == 3
    recs = sv.recommendations()
    assert {r.kind for r in recs} == {"kien_nghi", "tam_dung"}
    assert [r.timeliness for r in recs if r.answered_on] == ["on_time"]
    waiting = sv.recommendations(waiting_only=True)
    assert len(waiting) == 1 and waiting[0].due_date > ctx.today
    kinds = {w["kind"] for w in sv.warnings(services, ctx.today)}
    assert "no_board" in kinds
    assert accounts.account_by_username("mattran") is not None
    assert sv.indicators(ctx.today - dt.timedelta(days=365), ctx.today)["answers_on_time"] == 1
