"""A leader's full task list (congvu, issue 16): open tasks soonest deadline first, then
closed ones, paginated by keyset (``?sau=``) and read per state along the
``(state, deadline, id)`` index — no sort of the whole ``congvu_task`` table, which
grows with the ward's history."""
from __future__ import annotations

import datetime as dt

import pytest

from thanthien.core import people
from thanthien.core.access import actor_for_person
from thanthien.plugins import congvu
from thanthien.plugins.congvu import services as cv
from thanthien.plugins.congvu.models import TaskRow
from thanthien.plugins.congvu.types import OPEN_TASK_STATES
from thanthien.testing.queries import QueryLog, full_scans

STATES = ("assigned", "submitted", "done", "cancelled")


@pytest.fixture
def extra_plugins():
    return [("congvu", congvu)]


@pytest.fixture
def leader(core):
    ubnd = people.create_unit("UBND", "UBND phường Bắc Kạn", "peoples_committee")
    chair = people.create_person("Hoàng Văn Minh", is_staff=True, unit_id=ubnd.id)
    people.grant_role(chair.id, "chairperson")
    officer = people.create_person("Nông Thị Trang", is_staff=True, unit_id=ubnd.id)
    return actor_for_person(chair.id, chair.full_name), officer.id, ubnd.id


def add_tasks(leader, n: int, start: int = 0) -> None:
    actor, officer, unit = leader
    day = dt.date(2026, 1, 5)
    rows = [{"title": f"Nhiệm vụ {i}", "assignee": officer, "leader": actor.person_id, "unit": unit,
             "deadline": day + dt.timedelta(days=(i * 7) % 90), "original_deadline": day,
             "expected_result": "Báo cáo", "state": STATES[i % 4], "source_kind": "document"}
            for i in range(start, start + n)]
    for k in range(0, n, 200):
        TaskRow.insert_many(rows[k:k + 200]).execute()


def expected_order() -> list[int]:
    rows = list(TaskRow.select(TaskRow.id, TaskRow.state, TaskRow.deadline))
    return [r.id for r in sorted(rows, key=lambda r: (r.state not in OPEN_TASK_STATES, r.deadline, r.id))]


def test_pages_cover_every_task_once_open_first(db, core, leader):
    add_tasks(leader, 130)
    seen, after, pages = [], "", 0
    while True:
        rows = cv.tasks(core, actor=leader[0], limit=26, after=after)
        pages += 1
        seen += [t.id for t in rows]
        if len(rows) < 26:
            break
        after = cv.task_cursor(rows[-1])
    assert seen == expected_order() and len(seen) == 130 and pages == 6
    # filters keep the order and the keyset
    open_only = cv.tasks(core, actor=leader[0], state="submitted", limit=500)
    assert [t.state for t in open_only] == ["submitted"] * 33
    assert [t.deadline for t in open_only] == sorted(t.deadline for t in open_only)
    assert cv.tasks(core, actor=leader[0], limit=5, after="khong-hop-le") == cv.tasks(core, actor=leader[0], limit=5)


def test_the_list_reads_no_whole_table(db, core, leader):
    add_tasks(leader, 400)
    growing = frozenset({"congvu_task", "congvu_task_member"})
    first = cv.tasks(core, actor=leader[0], limit=51)
    with QueryLog(db) as log:
        cv.tasks(core, actor=leader[0], limit=51, after=cv.task_cursor(first[-1]))
        cv.tasks(core, actor=leader[0], limit=51)
    problems = {q.sql: full_scans(db, q.sql, q.params, growing) for q in log.selects if "congvu_task" in q.sql}
    assert problems and not any(problems.values()), problems


def test_the_tasks_page_links_to_the_next(db, core, leader, app, make_client, fast_hasher):
    from thanthien.core import accounts

    accounts.create_account(leader[0].person_id, "chutich", "nhiệm vụ năm rõ của phường")
    add_tasks(leader, 60)
    client = make_client("chutich", password="nhiệm vụ năm rõ của phường")
    first = client.get("/congvu/nhiem-vu.json?xem=tat-ca").json()
    ids = [t["id"] for t in first["tasks"]]
    assert first["has_next"] and first["next_after"]
    second = client.get(f"/congvu/nhiem-vu.json?xem=tat-ca&sau={first['next_after']}&page=2").json()
    more = [t["id"] for t in second["tasks"]]
    assert more and not set(ids) & set(more)
    assert ids + more == expected_order()[: len(ids) + len(more)]
    html = client.get("/congvu/nhiem-vu?xem=tat-ca").text
    assert "Trang sau" in html and f"sau={first['next_after']}" in html
    page2 = client.get(f"/congvu/nhiem-vu?xem=tat-ca&sau={first['next_after']}&page=2").text
    assert "Trang đầu" in page2 and "Trang 2" in page2
