"""The dashboard is kept per data version (issue 16): opened again while nothing was
written, it runs no widget's queries; after a write (an audited state change) it shows the
change at once."""
from __future__ import annotations

import re

from thanthien.testing.queries import QueryLog

#: what a dashboard opened again may read: the session, its account and person, the role
#: grants, the data version (the audit counter)
SESSION_TABLES = {"core_session", "core_account", "core_person", "core_role_grant", "core_counter"}


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
