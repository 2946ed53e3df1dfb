"""The thamhoi desk through the app: every page has its JSON twin and a permission; staff
draft, sign, send and publish through forms; the family's names never reach a public
page (R-DL-07)."""
from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from thanthien.core import accounts, demo
from thanthien.core.plugins import make_plugin_manager
from thanthien.core.services import make_services
from thanthien.core.types import SYSTEM_ACTOR, PersonRef
from thanthien.plugins import congkhai, thamhoi
from thanthien.plugins.thamhoi import services as sv
from thanthien.web.app import create_app
from thanthien.testing import CSRF_RE, token
from thanthien.web.routing import PUBLIC, route_spec, walk_routes

FAMILY = "Quàng Thị Riêngtư"  # a sentinel name of a bereaved family


@pytest.fixture
def extra_plugins():
    # congkhai runs the public notice board, where the published greeting appears
    return [("thamhoi", thamhoi), ("congkhai", congkhai)]


@pytest.fixture
def ward(settings, pm, db):
    services = make_services(settings, pm)
    # the demo ward with thamhoi's demo year only (congkhai's own demo is not needed here)
    only = make_plugin_manager(settings, load_entrypoints=False, plugins=[("thamhoi", thamhoi)])
    demo.build_demo_ward(settings, only, make_services(settings, only), households=20, seed=5)
    accounts.create_demo_accounts(services)
    letter = sv.on_life_event(services, "death", [PersonRef(None, FAMILY)], None)
    return {"services": services, "letter": letter}


@pytest.fixture
def app(settings, pm, db, ward):
    return create_app(settings, pm, db=db)


@pytest.fixture
def clients(app):
    made = []

    def make(login=None):
        c = TestClient(app, raise_server_exceptions=False)
        c.__enter__()
        made.append(c)
        if login:
            page = c.get("/login")
            r = c.post("/login", data={"username": login, "password": demo.DEMO_PASSWORD,
                                       "csrf_token": CSRF_RE.search(page.text).group(1)}, follow_redirects=False)
            assert r.status_code == 303
        return c

    yield make
    for c in made:
        c.__exit__(None, None, None)


def _get_paths(app, ward):
    activity = sv.activities(ward["services"], actor=SYSTEM_ACTOR, limit=1)[0]
    for path, route in walk_routes(app.routes):
        spec = route_spec(route)
        if spec is None or not path.startswith("/thamhoi") or "GET" not in (route.methods or ()):
            continue
        path = path.replace("/thu/{id:int}", f"/thu/{ward['letter'].id}")
        path = path.replace("/hoat-dong/{id:int}", f"/hoat-dong/{activity.id}")
        yield path, spec


def test_every_page_declares_a_permission_and_has_a_json_twin(app, ward, clients):
    anonymous, outsider, chair = clients(), clients("totruong01"), clients("chutich")
    paths = dict(_get_paths(app, ward))
    assert {"/thamhoi/", "/thamhoi/index.json", "/thamhoi/chuc-mung", "/thamhoi/chuc-mung.json",
            "/thamhoi/hoat-dong", "/thamhoi/hoat-dong.json"} <= set(paths)
    for path, spec in paths.items():
        assert spec.permission not in (None, PUBLIC), path  # nothing of thamhoi is public (R-DL-07)
        r = anonymous.get(path, follow_redirects=False)
        assert r.status_code == (401 if path.endswith(".json") else 302), path
        assert outsider.get(path).status_code == 403, path  # a residential-group head
        r = chair.get(path)
        assert r.status_code == 200, (path, r.text[:300])
        if path.endswith(".json"):
            assert r.json()["ok"] is True
        else:
            assert 'rel="alternate"' in r.headers.get("link", "")


def test_desk_filters_and_json(ward, clients):
    c = clients("vanhoa")
    data = c.get("/thamhoi/index.json?loai=condolence_letter&trang_thai=draft").json()
    assert data["letters"] and all(x["kind"] == "condolence_letter" and x["state"] == "draft" for x in data["letters"])
    assert FAMILY in [x["context"].get("deceased_name") for x in data["letters"]]
    assert c.get("/thamhoi/index.json?loai=khong_co").status_code == 422
    assert c.get("/thamhoi/?nam=abc").status_code == 422
    greetings = c.get("/thamhoi/chuc-mung.json?tu=01/06/2026").json()["occasions"]
    assert [g["occasion"]["day"] for g in greetings][:4] == ["2026-09-02", "2027-01-01", "2027-02-06", "2027-04-30"]


def test_letter_flow_through_forms(ward, clients):
    clerk, chair = clients("vanhoa"), clients("chutich")
    page = clerk.get("/thamhoi/thu-moi")
    r = clerk.post("/thamhoi/thu-moi/cam-on", data={
        "addressee": "Công ty TNHH Thành Đạt", "contributor_kind": "business",
        "contribution": "ủng hộ 30 triệu đồng làm đèn chiếu sáng ngõ", "csrf_token": CSRF_RE.search(page.text).group(1)},
        follow_redirects=False)
    assert r.status_code == 303
    letter_id = int(r.headers["location"].rsplit("/", 1)[1])
    # only the Chủ tịch and Phó Chủ tịch sign
    assert clerk.post(f"/thamhoi/thu/{letter_id}/ky.json", headers={"X-CSRF-Token": token(clerk)}).status_code == 403
    r = chair.post(f"/thamhoi/thu/{letter_id}/ky.json", headers={"X-CSRF-Token": token(chair)})
    assert r.status_code == 200 and r.json()["letter_id"] == letter_id
    detail = clerk.get(f"/thamhoi/thu/{letter_id}.json").json()
    assert detail["letter"]["state"] == "signed" and detail["docx_url"].endswith(".docx")
    assert clerk.get(detail["document_url"]).status_code == 200  # the A4 page from core's register
    r = clerk.get(detail["docx_url"])
    assert r.status_code == 200 and r.content[:2] == b"PK"
    r = clerk.post(f"/thamhoi/thu/{letter_id}/gui.json", json={"method": "post"}, headers={"X-CSRF-Token": token(clerk)})
    assert r.status_code == 200
    assert sv.get_letter(letter_id).state == "sent"
    # a second signature is a 409, not a crash
    r = chair.post(f"/thamhoi/thu/{letter_id}/ky.json", headers={"X-CSRF-Token": token(chair)})
    assert r.status_code == 409 and r.json()["ok"] is False


def test_bad_forms_answer_422_in_vietnamese_and_store_nothing(ward, clients):
    clerk = clients("vanhoa")
    before = len(sv.letters(ward["services"], actor=SYSTEM_ACTOR, limit=1000))
    r = clerk.post("/thamhoi/thu-moi/xin-loi.json", json={"addressee": "Bà Hoa", "mistake": "ghi sai tên"},
                   headers={"X-CSRF-Token": token(clerk)})
    assert r.status_code == 422 and {e["field"] for e in r.json()["errors"]} == {"remedy"}
    page = clerk.get("/thamhoi/hoat-dong/moi")
    r = clerk.post("/thamhoi/hoat-dong/moi", data={"kind": "letter_ceremony", "day": "31/02/2026", "time": "25:00",
                                                    "csrf_token": CSRF_RE.search(page.text).group(1)})
    assert r.status_code == 422 and "Ngày không hợp lệ" in r.text
    r = clerk.post(f"/thamhoi/thu/{ward['letter'].id}/sua.json", json={"addressee": " "},
                   headers={"X-CSRF-Token": token(clerk)})
    assert r.status_code == 422
    assert len(sv.letters(ward["services"], actor=SYSTEM_ACTOR, limit=1000)) == before
    assert sv.get_letter(ward["letter"].id).addressee == f"Gia đình ông (bà) {FAMILY}"


def test_ceremony_planned_and_recorded_through_forms(ward, clients):
    clerk, chair = clients("vanhoa"), clients("chutich")
    birth = sv.on_life_event(ward["services"], "birth", [PersonRef(None, "Bé Gia Hân")], None)
    chair.post(f"/thamhoi/thu/{birth.id}/ky.json", headers={"X-CSRF-Token": token(chair)})
    r = clerk.post("/thamhoi/hoat-dong/moi.json", json={"kind": "letter_ceremony", "day": "20/03/2026",
                                                       "time": "08:30", "letter_id": birth.id},
                   headers={"X-CSRF-Token": token(clerk)})
    assert r.status_code == 200, r.text
    activity_id = r.json()["activity_id"]
    r = clerk.post(f"/thamhoi/hoat-dong/{activity_id}/ket-qua.json", json={"result": "Đã trao thư", "attendance": 5},
                   headers={"X-CSRF-Token": token(clerk)})
    assert r.status_code == 200
    assert sv.get_letter(birth.id).state == "sent" and sv.get_activity(activity_id).attendance == 5


@pytest.mark.rule("R-DL-07")
def test_r_dl_07_greeting_is_public_family_names_never(app, ward, clients):
    services = ward["services"]
    chair = clients("chutich")
    r = chair.post("/thamhoi/chuc-mung/soan.json", json={"occasion": "lunar_new_year", "day": "06/02/2027"},
                   headers={"X-CSRF-Token": token(chair)})
    assert r.status_code == 200, r.text
    letter_id = r.json()["letter_id"]
    chair.post(f"/thamhoi/thu/{letter_id}/ky.json", headers={"X-CSRF-Token": token(chair)})
    r = chair.post(f"/thamhoi/thu/{letter_id}/cong-bo.json", headers={"X-CSRF-Token": token(chair)})
    assert r.status_code == 200
    notice_id = sv.get_letter(letter_id).notice_id
    assert notice_id
    family_names = {x.context.get("deceased_name") or x.context.get("child_name") for x in sv.letters(ward["services"], actor=SYSTEM_ACTOR, limit=1000)}
    family_names.discard(None)
    assert FAMILY in family_names
    anonymous = clients()
    greeting_seen = []
    paths = [f"/congkhai/notices/{notice_id}", f"/congkhai/notices/{notice_id}.json", "/congkhai/feeds/khac.json"]
    for path, route in walk_routes(app.routes):
        spec = route_spec(route)
        if spec is not None and spec.permission == PUBLIC and "{" not in path and "GET" in (route.methods or ()):
            paths.append(path)
    for path in paths:
        body = anonymous.get(path).text
        if "Xuân Đinh Mùi 2027" in body:
            greeting_seen.append(path)
        for name in family_names:
            assert name not in body, (path, name)
    assert greeting_seen  # the greeting is the public output
    assert services.pm.get_plugin("congkhai") is not None
