"""Issue 10 items 1–3 as a sweep: every registered GET route of every installed plan
module (HTML, ``.json``, ``.docx``, ``.csv``, ``.xlsx``), with ids tried one after another
as the review did, as a residential-group head and as a board member, against a
**hand-written** table of whose ID number and phone each may read (not derived from the
policy under test). An in-scope full read is in the audit log."""
from __future__ import annotations

import io
import re
import zipfile

import pytest

from thanthien.core import accounts, audit
from thanthien.core.models import HouseholdRow, PersonRow, UnitRow
from thanthien.testing import installed_demo_ward, token

from .helpers import all_routes

PARAM = re.compile(r"{(\w+)(?::\w+)?}")
IDS = range(1, 6)  # sequential ids, as an outsider would try them

#: who may read which residents' ID numbers and phones from the population register,
#: written by hand from the law and the plan: a group head, the residents of his or her
#: own group; a board member of the People's Inspection Board, a department officer and
#: the Front Committee's officer, nobody's. (The one-stop officer receives every dossier
#: of the ward and the one-stop register lists each applicant's phone, R-MC: in scope by
#: law, so not swept here.)
SCOPE = {
    "totruong01": "TDP01",  # group head of Tổ dân phố số 1
    "bantt": None,  # board member (Ban Thanh tra nhân dân)
    "vanhoa": None,  # department officer (Phòng Văn hóa - Xã hội)
    "kinhte": None,  # department officer (Phòng Kinh tế, Hạ tầng và Đô thị)
    "mattran": None,  # the Front Committee's officer (giamsat)
}


@pytest.fixture
def full_ward(settings, db, fast_hasher):
    with installed_demo_ward(settings, db, households=20, seed=11) as (_core, app, factory, _ctx):
        yield app, factory


def _text(resp) -> str:
    ctype = resp.headers.get("content-type", "")
    if "officedocument" in ctype or resp.content[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(resp.content)) as z:
                return " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
        except zipfile.BadZipFile:
            return ""
    return resp.text


def _residents():
    """(citizen_id, phone, group code) of every resident of the population register."""
    out = []
    q = (PersonRow.select(PersonRow, HouseholdRow, UnitRow)
         .join(HouseholdRow, on=(PersonRow.household == HouseholdRow.id))
         .join(UnitRow, on=(HouseholdRow.group == UnitRow.id)).where(PersonRow.is_staff == False))  # noqa: E712
    for p in q:
        out.append((p.citizen_id, p.phone, p.household.group.code))
    return out


def test_no_id_number_or_phone_outside_scope_by_any_route(full_ward):
    app, factory = full_ward
    residents = _residents()
    assert len(residents) > 30
    routes = [(path, spec) for path, spec in all_routes(app) if "GET" in spec.methods]
    leaks: list[str] = []
    requests = 0
    for login, group in SCOPE.items():
        client = factory(login)
        forbidden = {}
        for citizen_id, phone, code in residents:
            if code != group:
                if citizen_id:
                    forbidden[citizen_id] = "số định danh"
                if phone:
                    forbidden[phone] = "số điện thoại"
        for path, _spec in routes:
            if path.startswith(("/static", "/login", "/logout")):
                continue
            params = PARAM.findall(path)
            # every path parameter tried with the same sequential ids (a route with two ids,
            # e.g. a board and one of its members, is walked too)
            urls = [PARAM.sub(str(i), path) for i in IDS] if params else [path]
            for url in urls:
                resp = client.get(url, follow_redirects=False)
                requests += 1
                assert resp.status_code < 500, (login, url, resp.status_code)
                if resp.status_code != 200:
                    continue
                body = _text(resp)
                for value, kind in forbidden.items():
                    if value in body:
                        leaks.append(f"{login} {url}: {kind} {value}")
    assert requests > 500
    assert not leaks, "\n".join(sorted(set(leaks))[:40])


def test_a_group_heads_full_read_in_scope_is_audit_logged(full_ward):
    _app, factory = full_ward
    client = factory("totruong01")

    def resident(code):
        group = UnitRow.get(UnitRow.code == code)
        return (PersonRow.select().join(HouseholdRow, on=(PersonRow.household == HouseholdRow.id))
                .where(HouseholdRow.group == group.id, PersonRow.citizen_id != "").first())

    person = resident("TDP01")
    page = client.get(f"/people/{person.id}")
    assert page.status_code == 200 and person.citizen_id not in page.text  # masked by default
    r = client.post(f"/people/{person.id}/unmask.json", json={"reason": "Xác nhận cư trú cho hộ dân"},
                    headers={"X-CSRF-Token": token(client)})
    assert r.status_code == 200 and person.citizen_id in r.text
    reads = audit.entries(entity="person", entity_id=person.id, action="person.view_personal")
    assert len(reads) == 1 and reads[0].reason == "Xác nhận cư trú cho hộ dân"
    other = resident("TDP02")  # outside the group: refused, and nothing read
    r = client.post(f"/people/{other.id}/unmask.json", json={"reason": "Tò mò xem thử thôi"},
                    headers={"X-CSRF-Token": token(client)})
    assert r.status_code in (403, 404) and other.citizen_id not in r.text
    assert audit.entries(entity="person", entity_id=other.id, action="person.view_personal") == []


#: a resident's feedback, with details the public must never see (issue 15 item 11)
FEEDBACK_SENDER = {"full_name": "Zqy Phananh Sentinel", "address": "Zqy 77 Sentinel Lane", "phone": "0977123456",
                   "email": "zqy.feedback@example.org"}


def test_the_public_feedback_list_never_carries_the_senders_details(full_ward):
    """A feedback whose text repeats its sender's name, address, phone and e-mail, published
    by a moderator who pasted them back: no public route (every id tried) shows any of them."""
    from thanthien.plugins.tiepdan import services as sv
    from thanthien.plugins.tiepdan.types import PartyInput

    app, factory = full_ward
    core = app.state.services
    said = " ".join(FEEDBACK_SENDER.values())
    sent = sv.submit_feedback(core, kind="phan_anh", subject=f"Đèn hỏng – {FEEDBACK_SENDER['full_name']}",
                              content=f"Đèn đường hỏng. {said}", sender=PartyInput(**FEEDBACK_SENDER), consent=True,
                              client="sweep")
    chairman = accounts.account_by_username("chutich")
    from thanthien.core.access import actor_for_person

    actor = actor_for_person(chairman.person_id, "Chủ tịch")
    sv.moderate(core, sent.case_id, publish=True, title=f"Đèn hỏng {FEEDBACK_SENDER['phone']}",
                text=f"Đèn đường hỏng. {said}", actor=actor)
    client = factory()
    listed = client.get("/tiepdan/phan-anh/danh-sach.json").json()["items"]
    assert sent.case_id in [i["id"] for i in listed]
    leaks = []
    for path, spec in all_routes(app):
        if "GET" not in spec.methods or spec.permission != "public" or path.startswith("/static"):
            continue
        urls = [PARAM.sub(str(i), path) for i in (*IDS, sent.case_id)] if PARAM.search(path) else [path]
        for url in urls:
            resp = client.get(url, follow_redirects=False)
            assert resp.status_code < 500, (url, resp.status_code)
            body = _text(resp) if resp.status_code == 200 else ""
            leaks += [f"{url}: {value}" for value in FEEDBACK_SENDER.values() if value in body]
    assert not leaks, "\n".join(leaks)
