"""The tiepdan pages and their JSON twins through the app: sentinels of a denouncer never
appear on any route for anyone (R-TC-09, R-TC-10, R-DL-14); the handler unmasks them
with a logged reason; public submissions are checked and throttled."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from argon2 import PasswordHasher
from starlette.testclient import TestClient

from thanthien.core import accounts, audit, demo
from thanthien.core.access import actor_for_person
from thanthien.core.models import DocumentRow
from thanthien.core.services import make_services
from thanthien.plugins.tiepdan import services as sv
from thanthien.web.app import create_app
from thanthien.web.routing import route_spec, walk_routes

from .test_confidentiality_intake import GOOD, SENTINELS, counts

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
LOGINS = ["chutich", "phochutich", "motcua", "vanhoa", "kinhte", "totruong01", "bantt", "quantri"]


@pytest.fixture(autouse=True)
def fast_hasher(monkeypatch):
    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.setattr(accounts, "_dummy", [])


@pytest.fixture
def ward(settings, pm, db):
    services = make_services(settings, pm)
    ctx = demo.build_demo_ward(settings, pm, services, households=20, seed=11)
    accounts.create_demo_accounts(services)
    staff = {k: actor_for_person(p.id, p.full_name) for k, p in ctx.staff.items()}
    visit = sv.record_visit(services, summary="Tố cáo cán bộ nhận tiền", classification="to_cao",
                            visitor=dict(SENTINELS), actor=staff["motcua"], matter={"accused": "Cán bộ X"})
    sv.assign(services, visit.case_id, staff["vanhoa"].person_id, actor=staff["chutich"])
    sv.accept_denunciation(services, visit.case_id, actor=staff["chutich"], complexity="complex")
    sv.extend_denunciation(services, visit.case_id, reason="Xác minh nhiều nơi", actor=staff["chutich"])
    return {"services": services, "case_id": visit.case_id, "staff": staff,
            "code": sv.tracking_code(visit.case_id)}


@pytest.fixture
def app(settings, pm, db, ward):
    return create_app(settings, pm, db=db)


def client_for(app, login: str | None) -> TestClient:
    c = TestClient(app, raise_server_exceptions=False)
    c.__enter__()
    if login:
        page = c.get("/login")
        r = c.post("/login", data={"username": login, "password": demo.DEMO_PASSWORD,
                                   "csrf_token": CSRF_RE.search(page.text).group(1)}, follow_redirects=False)
        assert r.status_code == 303, r.text[:300]
    return c


def get_urls(app, ward) -> list[str]:
    """Every GET route of the whole app, with the denunciation's ids filled in."""
    doc_ids = [r.id for r in DocumentRow.select().where(DocumentRow.case == ward["case_id"])]
    urls = []
    for path, route in walk_routes(app.routes):
        spec = route_spec(route)
        if spec is None or "GET" not in spec.methods:
            continue
        if path.startswith("/tiepdan/don-thu/"):
            urls.append(path.replace("{id:int}", str(ward["case_id"])))
        elif path.startswith("/documents/{"):
            urls += [path.replace("{id:int}", str(i)) for i in doc_ids]
        else:
            urls.append(re.sub(r"{(\w+)(?::\w+)?}", "1", path))
    urls += [f"/tiepdan/tra-cuu?ma={ward['code']}", f"/tiepdan/tra-cuu.json?ma={ward['code']}",
             "/tiepdan/so-tiep-dan?tu=01/01/2020", "/tiepdan/so-tiep-dan.json?tu=01/01/2020"]
    return urls


@pytest.mark.rule("R-TC-10")
def test_r_tc_10_sentinels_on_no_route_for_anyone_and_handler_unmasks_with_log(app, ward):
    urls = get_urls(app, ward)
    assert "/tiepdan/don-thu/%d.json" % ward["case_id"] in urls and "/tiepdan/lich-tiep-dan.ics" in urls
    seen_ok = 0
    for login in [None, *LOGINS]:
        c = client_for(app, login)
        try:
            for url in urls:
                r = c.get(url)
                assert r.status_code < 500, (login, url, r.status_code)
                seen_ok += r.status_code == 200
                for value in SENTINELS.values():
                    assert value not in r.text, (login, url, value)
        finally:
            c.__exit__(None, None, None)
    assert seen_ok > 100
    # the handler unmasks, with a reason that goes to the log
    handler = client_for(app, "vanhoa")
    page = handler.get(f"/tiepdan/don-thu/{ward['case_id']}")
    assert "Cán bộ X" in page.text  # the handler sees the content (the accused)
    token = CSRF_RE.search(page.text).group(1)
    r = handler.post(f"/tiepdan/don-thu/{ward['case_id']}/xem-thong-tin",
                     data={"ly_do": "Liên hệ xác minh", "csrf_token": token})
    assert r.status_code == 200 and SENTINELS["full_name"] in r.text and SENTINELS["handwriting"] in r.text
    entry = audit.entries(action="tiepdan.view_personal")[0]
    assert (entry.actor_name, entry.reason) == (ward["staff"]["vanhoa"].name, "Liên hệ xác minh")
    handler.__exit__(None, None, None)
    # another staff member is refused, and that is logged too
    other = client_for(app, "kinhte")
    page = other.get(f"/tiepdan/don-thu/{ward['case_id']}")
    assert "Tố cáo cán bộ nhận tiền" in page.text  # number and subject only
    assert "Cán bộ X" not in page.text and "bảo mật" in page.text
    token = CSRF_RE.search(page.text).group(1)
    r = other.post(f"/tiepdan/don-thu/{ward['case_id']}/xem-thong-tin.json",
                   data={"ly_do": "xem thử", "csrf_token": token})
    assert r.status_code == 403 and SENTINELS["full_name"] not in r.text
    assert audit.entries(action="tiepdan.view_personal.denied")
    other.__exit__(None, None, None)


def test_public_schedule_json_twin_and_ics(app, ward):
    c = client_for(app, None)
    html = c.get("/tiepdan/lich-tiep-dan")
    data = c.get("/tiepdan/lich-tiep-dan.json").json()
    assert html.status_code == 200 and data["ok"] is True and data["sessions"]
    assert data["sessions"][0]["kind"] == "chairman" and "place" in data and "regular_hours" in data
    ics = c.get("/tiepdan/lich-tiep-dan.ics")
    assert ics.headers["content-type"].startswith("text/calendar") and "BEGIN:VEVENT" in ics.text
    assert c.get("/tiepdan/lich-tiep-dan.json?tu=99/99/2026").status_code == 422
    c.__exit__(None, None, None)


def _token(c):
    return c.get("/-/csrf.json").json()["csrf_token"]


@pytest.mark.rule("R-PA-03")
def test_public_feedback_errors_store_nothing_and_flood_is_throttled(app, ward):
    c = client_for(app, None)
    token = _token(c)
    before = counts()
    r = c.post("/tiepdan/phan-anh.json", json={**GOOD, "content": "x" * 6000}, headers={"X-CSRF-Token": token})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "content"
    r = c.post("/tiepdan/phan-anh", data={**GOOD, "full_name": "", "csrf_token": token})
    assert r.status_code == 422 and "Vui lòng nhập họ và tên" in r.text
    r = c.post("/tiepdan/phan-anh.json", content=b"{" + b"a" * 70000 + b"}",
               headers={"X-CSRF-Token": token, "content-type": "application/json"})
    assert r.status_code == 413
    assert counts() == before
    r = c.post("/tiepdan/phan-anh.json", json=GOOD, headers={"X-CSRF-Token": token})
    assert r.status_code == 201, r.text
    code = r.json()["sent"]["tracking_code"]
    status = c.get(f"/tiepdan/tra-cuu.json?ma={code}").json()["status"]
    assert status["state"] == "received" and GOOD["full_name"] not in str(status)
    limit = sv.config(ward["services"].settings)["public_rate_limit"]
    codes = []
    for _ in range(limit - 3):  # two refused + one accepted attempt already counted
        codes.append(c.post("/tiepdan/phan-anh.json", json=GOOD, headers={"X-CSRF-Token": token}).status_code)
    r = c.post("/tiepdan/phan-anh.json", json=GOOD, headers={"X-CSRF-Token": token})
    assert codes == [201] * (limit - 3) and r.status_code == 429 and "quá nhiều" in r.json()["error"]
    c.__exit__(None, None, None)


def test_staff_records_a_visit_and_acts_on_it(app, ward):
    c = client_for(app, "motcua")
    token = CSRF_RE.search(c.get("/tiepdan/tiep-cong-dan").text).group(1)
    r = c.post("/tiepdan/tiep-cong-dan.json", data={
        "classification": "khieu_nai", "summary": "Khiếu nại quyết định xử phạt", "full_name": "Lê Văn Khiếu",
        "address": "Tổ 3", "decision_known_on": dt.date.today().strftime("%d/%m/%Y"), "csrf_token": token})
    assert r.status_code == 200 and r.json()["case_id"], r.text
    case_id = r.json()["case_id"]
    register = c.get("/tiepdan/so-tiep-dan").text  # R-TD-11: handling in words, not a key
    assert "Tiếp nhận đơn, vào sổ theo dõi" in register and "tiep_nhan_don" not in register
    chair = client_for(app, "chutich")
    token = CSRF_RE.search(chair.get(f"/tiepdan/don-thu/{case_id}").text).group(1)
    r = chair.post(f"/tiepdan/don-thu/{case_id}/xu-ly.json", data={"action": "accept", "complexity": "simple",
                                                                   "csrf_token": token})
    assert r.status_code == 200 and r.json()["state"] == "accepted"
    view = chair.get(f"/tiepdan/don-thu/{case_id}.json").json()
    assert view["matter"]["state"] == "accepted" and view["documents"][0]["number_symbol"].endswith("TB-UBND")
    r = chair.post(f"/tiepdan/don-thu/{case_id}/xu-ly.json", data={"action": "conclude", "csrf_token": token})
    assert r.status_code == 422
    c.__exit__(None, None, None)
    chair.__exit__(None, None, None)
