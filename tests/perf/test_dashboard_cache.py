"""The dashboard is kept per data version (issue 16): opened again while nothing was
written, it runs no widget's queries; after a write (an audited state change) it shows the
change at once."""
from __future__ import annotations

import re

import pytest

from thanthien.testing.queries import QueryLog

#: what a dashboard opened again may read: the session, its account and person, the role
#: grants, the data version (the audit counter)
SESSION_TABLES = {"core_session", "core_account", "core_person", "core_role_grant", "core_counter"}


@pytest.fixture
def extra_plugins(extra_plugins):
    """The perf tests' modules and the plan's (baocao), whose box reads a year of records."""
    from thanthien.plugins import baocao

    return [*extra_plugins, ("baocao", baocao)]


def _tables(sql: str) -> set[str]:
    return set(re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', sql))


def _month_received(client) -> int:
    widgets = client.get("/dashboard.json").json()["widgets"]
    return next(w for w in widgets if w["key"] == "motcua.due_soon")["data"]["month"]["received"]


def test_dashboard_again_reads_only_the_session_and_the_version(db, core, demo_ward, make_client):
    client = make_client("chutich")
    first = client.get("/dashboard")
    assert first.status_code == 200
    with QueryLog(db) as log:
        again = client.get("/dashboard")
    assert again.status_code == 200
    read = set().union(*(_tables(q.sql) for q in log.selects))
    assert read <= SESSION_TABLES, sorted(read - SESSION_TABLES)
    boxes = re.compile(r'<section class="widget".*?</section>', re.S)
    assert boxes.findall(again.text) == boxes.findall(first.text)  # the same boxes, from the cache
    assert len(boxes.findall(again.text)) >= 4


def test_a_write_shows_on_the_dashboard_at_once(db, core, demo_ward, make_client):
    from thanthien.core.access import actor_for_person
    from thanthien.core.people import create_person, grant_role
    from thanthien.plugins.motcua import services as mc

    client = make_client("chutich")
    before = _month_received(client)
    assert _month_received(client) == before  # kept
    officer = create_person("Công chức Một cửa thử", is_staff=True)
    grant_role(officer.id, "one_stop_officer")
    proc = next(p for p in mc.list_procedures() if p.fee_vnd is not None)
    mc.receive(core, procedure_code=proc.code, actor=actor_for_person(officer.id, officer.full_name),
               issue_receipt=False, applicant={"full_name": "Nguyễn Văn Thử", "citizen_id": "001090000001",
                                               "phone": "0912345678"},
               documents=[{"code": d.code} for d in proc.documents], delivery=proc.delivery[0])
    assert _month_received(client) == before + 1
    page = client.get("/dashboard").text
    assert f"Tháng này: {before + 1} hồ sơ tiếp nhận" in page


def test_the_timed_cache_serves_the_kept_answer_while_it_rebuilds_in_the_background(db):
    """A dear answer (the plan box's year of indicators): kept ``max_age`` seconds; after
    that the kept one is still served at once, and one background build replaces it."""
    import threading

    from thanthien.core.datacache import TimedCache

    clock = [0.0]
    cache = TimedCache(clock=lambda: clock[0])
    calls: list[str] = []
    gate = threading.Event()

    def build(answer: str, wait: bool = False):
        def _build():
            if wait:
                gate.wait(10)
            calls.append(answer)
            return answer
        return _build

    first, at = cache.get("k", build("v1"), max_age=600)
    assert (first, calls) == ("v1", ["v1"])
    clock[0] = 599
    assert cache.get("k", build("never"), max_age=600)[0] == "v1" and calls == ["v1"]  # still young
    clock[0] = 601
    assert cache.get("k", build("v2", wait=True), max_age=600) == ("v1", at)  # old, at once
    assert cache.get("k", build("twice"), max_age=600)[0] == "v1"  # one rebuild at a time
    gate.set()
    assert cache.wait_idle()
    assert calls == ["v1", "v2"]
    assert cache.get("k", build("never"), max_age=600)[0] == "v2"


def test_a_failed_rebuild_keeps_the_answer_and_is_tried_again(db):
    from thanthien.core.datacache import TimedCache

    clock = [0.0]
    cache = TimedCache(clock=lambda: clock[0])
    cache.get("k", lambda: "v1", max_age=10)
    clock[0] = 11

    def broken():
        raise RuntimeError("database gone")

    assert cache.get("k", broken, max_age=10)[0] == "v1"
    assert cache.wait_idle()
    assert cache.get("k", lambda: "v2", max_age=10)[0] == "v1"  # served while the retry runs
    assert cache.wait_idle()
    assert cache.get("k", lambda: "v3", max_age=10)[0] == "v2"


def test_the_plan_box_is_kept_with_its_time_and_not_recomputed_after_each_write(db, core, demo_ward, make_client):
    """The plan box reads the year over every module: after a write it is served from what
    was kept (no baocao indicator query), says when its figures were computed, while every
    other box shows the write at once (test above)."""
    from thanthien.core import audit

    client = make_client("chutich")
    page = client.get("/dashboard")
    assert "Kết quả thực hiện kế hoạch" in page.text
    assert re.search(r"Số liệu tính lúc \d\d:\d\d \d\d/\d\d/\d{4}", page.text), "the box says when"
    box = client.get("/dashboard.json").json()["widgets"]
    plan = next(w for w in box if w["key"] == "baocao.plan_status")
    assert plan["as_of"] and plan["data"]["total"] > 0
    audit.record("test.write", "test", 1)  # a write: a new data version
    with QueryLog(db) as log:
        again = client.get("/dashboard.json").json()["widgets"]
    assert next(w for w in again if w["key"] == "baocao.plan_status")["as_of"] == plan["as_of"]
    read = set().union(*(_tables(q.sql) for q in log.selects))
    assert not any(t.startswith("baocao_") for t in read), sorted(read)
