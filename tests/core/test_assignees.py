"""Lists of officers to assign work offer only staff who may do that work (issue 15 item 3).

Every picker of an officer — a dossier's handler (motcua), a matter's handler and a
session's host (tiepdan), a task's assignee, co-worker and responsible leader and the
centre's duty roster (congvu), a notice's responsible officer (congkhai) — comes from
``core.access.assignees`` and the POST refuses anyone that list would not offer: a forged
form naming the group head, the board member or the administrator gets a field error and
nothing changes.
"""

from __future__ import annotations

import re

import pytest

from thanthien.core import accounts
from thanthien.core.models import CaseRow, PersonRow
from thanthien.plugins.motcua.models import DossierRow
from thanthien.plugins.tiepdan.types import CASE_TYPES, STATUS_REPLY_TYPE
from thanthien.testing import csrf_from, post


@pytest.fixture
def pm(settings):
    """Core and every installed plan module (entry points), as a ward runs them."""
    from thanthien.core.plugins import make_plugin_manager

    return make_plugin_manager(settings, load_entrypoints=True)


#: demo staff who hold no role to handle files (a residential-group head, a board member,
#: the administrator)
OUTSIDERS = ("totruong01", "bantt", "quantri")


def options(html: str, name: str) -> set[int]:
    """The person ids a page's ``<select name=…>`` offers (every select of that name)."""
    found: set[int] = set()
    for body in re.findall(rf'<select id="f-{name}" name="{name}"[^>]*>(.*?)</select>', html, re.S):
        found |= {int(v) for v in re.findall(r'<option value="(\d+)"', body)}
    assert found, f"no options for {name}"
    return found


def ids(ward, *logins: str) -> set[int]:
    """The person ids of demo logins."""
    return {accounts.account_by_username(login).person_id for login in logins}


def pid(login: str) -> int:
    return accounts.account_by_username(login).person_id


def test_every_officer_picker_lists_only_the_right_roles_and_the_post_refuses_others(core, demo_ward, make_client):
    ward = demo_ward
    handlers = {p.id for p in core.access.assignees("tiepdan.handle")}
    assert ids(ward, "tiepcongdan", "vanhoa", "kinhte", "chutich", "phochutich") <= handlers
    assert not handlers & ids(ward, "motcua", *OUTSIDERS)
    # the scope counts: a department officer processes the dossiers of his or her department only
    vanhoa_unit = PersonRow.get_by_id(pid("vanhoa")).unit_id
    here = {p.id for p in core.access.assignees("motcua.process", vanhoa_unit)}
    assert pid("vanhoa") in here and pid("kinhte") not in here
    errors: list[tuple[str, str]] = []
    assert not core.access.check_assignee(pid("quantri"), "tiepdan.handle", field="owner_id", errors=errors)
    assert errors and errors[0][0] == "owner_id"

    outsiders = ids(ward, *OUTSIDERS)

    # motcua: the handler of a dossier is someone who may process it
    motcua = make_client("motcua")
    row = (DossierRow.select().join(CaseRow, on=(DossierRow.case == CaseRow.id))
           .where(CaseRow.closed_at.is_null(True)).order_by(DossierRow.id).first())
    page = motcua.get(f"/motcua/ho-so/{row.code}")
    assert page.status_code == 200
    offered = options(page.text, "handler_id")
    assert ids(ward, "vanhoa", "kinhte") <= offered and not offered & (outsiders | ids(ward, "chutich"))
    before = DossierRow.get_by_id(row.id).handler_id
    r = post(motcua, f"/motcua/ho-so/{row.code}/phan-cong.json", {"handler_id": pid("totruong01")},
             json=True)
    assert r.status_code == 422 and [e["field"] for e in r.json()["errors"]] == ["handler_id"]
    assert DossierRow.get_by_id(row.id).handler_id == before

    # tiepdan: the handler of a matter holds tiepdan.handle; the host of a session receives citizens
    chair = make_client("chutich")
    case = (CaseRow.select().where(CaseRow.case_type.in_([t for t in CASE_TYPES.values() if t != STATUS_REPLY_TYPE]),
                                   CaseRow.confidential == False, CaseRow.closed_at.is_null(True))  # noqa: E712
            .order_by(CaseRow.id).first())
    page = chair.get(f"/tiepdan/don-thu/{case.id}")
    offered = options(page.text, "owner_id")
    assert ids(ward, "tiepcongdan", "vanhoa", "kinhte") <= offered and not offered & (outsiders | ids(ward, "motcua"))
    r = chair.post(f"/tiepdan/don-thu/{case.id}/xu-ly", data={
        "action": "assign", "owner_id": pid("bantt"), "reason": "Giao thử", "csrf_token": csrf_from(page.text)})
    assert r.status_code == 422 and "có nhiệm vụ xử lý đơn thư" in r.text
    assert CaseRow.get_by_id(case.id).owner_id != pid("bantt")
    offered = options(chair.get("/tiepdan/lich").text, "host_id")
    assert ids(ward, "chutich", "tiepcongdan") <= offered and not offered & outsiders

    # congvu: a task's assignee and co-workers are the module's staff; its leader leads the unit
    page = chair.get("/congvu/nhiem-vu/moi").text
    assert not options(page, "assignee_id") & outsiders
    leaders = options(page, "leader_id")
    assert ids(ward, "chutich", "phochutich") <= leaders and not leaders & ids(ward, "kinhte", *OUTSIDERS)
    unit = PersonRow.get_by_id(pid("kinhte")).unit_id
    r = post(chair, "/congvu/nhiem-vu/moi.json", {
        "assignee_id": pid("totruong01"), "leader_id": pid("kinhte"), "unit_id": unit,
        "title": "Việc", "expected_result": "Kết quả", "working_days": 3, "source_kind": "meeting_conclusion",
        "source_ref": "Giao ban"}, json=True)
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {"assignee_id", "leader_id"}

    # congkhai: a notice's responsible officer may draft the unit's notices
    vanhoa = make_client("vanhoa")
    page = vanhoa.get("/congkhai/can-bo/thong-bao/moi")
    assert page.status_code == 200
    offered = options(page.text, "responsible_id")
    assert pid("vanhoa") in offered and not offered & (outsiders | ids(ward, "kinhte", "motcua"))
    category = re.search(r'<select id="f-category" name="category"[^>]*>.*?<option value="([^"]+)"', page.text, re.S)
    r = post(vanhoa, "/congkhai/can-bo/thong-bao/moi.json", {
        "category": category[1],
        "title": "Thông báo thử", "responsible_id": pid("totruong01")}, json=True)
    assert r.status_code == 422 and "responsible_id" in {e["field"] for e in r.json()["errors"]}
