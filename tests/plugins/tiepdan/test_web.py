"""The tiepdan pages and their JSON twins through the app: sentinels of a denouncer never
appear on any route for anyone (R-TC-09, R-TC-10, R-DL-14); the handler unmasks them
with a logged reason; public submissions are checked and throttled; every page declares
its view model and every write its form."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from thanthien.core import accounts, audit, demo
from thanthien.core.models import DocumentRow
from thanthien.core.services import make_services
from thanthien.plugins.tiepdan import services as sv
from thanthien.plugins.tiepdan.settings import TiepdanSettings
from thanthien.plugins.tiepdan.types import MatterFacts, PartyInput
from thanthien.testing import csrf_from, token
from thanthien.web.app import create_app
from thanthien.web.routing import WRITE_METHODS, route_spec, walk_routes

from .test_confidentiality_intake import GOOD, SENTINELS, counts

LOGINS = ["chutich", "phochutich", "motcua", "vanhoa", "kinhte", "totruong01", "bantt", "quantri"]


@pytest.fixture
def ward(settings, pm, db):
    core = make_services(settings, pm)
    ctx = demo.build_demo_ward(settings, pm, core, households=20, seed=11)
    accounts.create_demo_accounts(core)
    staff = {k: ctx.actor(k) for k in ctx.staff}
    visit = sv.record_visit(core, summary="Tố cáo cán bộ nhận tiền", classification="to_cao",
                            visitor=PartyInput(**SENTINELS), actor=staff["motcua"],
                            matter=MatterFacts(accused="Cán bộ X"))
    sv.assign(core, visit.case_id, staff["vanhoa"].person_id, actor=staff["chutich"], reason="Giao xác minh")
    sv.accept_denunciation(core, visit.case_id, actor=staff["chutich"], complexity="complex")
    sv.extend_denunciation(core, visit.case_id, reason="Xác minh nhiều nơi", actor=staff["chutich"])
    return {"core": core, "case_id": visit.case_id, "staff": staff, "code": sv.tracking_code(visit.case_id)}


@pytest.fixture
def app(settings, pm, db, ward):
    return create_app(settings, pm, db=db)


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
             "/tiepdan/so-tiep-dan?tu=01/01/2020&den=31/12/2020", "/tiepdan/so-tiep-dan.json?tu=01/01/2026"]
    return urls


@pytest.mark.rule("R-TC-10")
def test_r_tc_10_sentinels_on_no_route_for_anyone_and_handler_unmasks_with_log(app, ward, make_client):
    urls = get_urls(app, ward)
    assert "/tiepdan/don-thu/%d.json" % ward["case_id"] in urls and "/tiepdan/lich-tiep-dan.ics" in urls
    seen_ok = 0
    for login in [None, *LOGINS]:
        c = make_client(login)
        for url in urls:
            r = c.get(url)
            assert r.status_code < 500, (login, url, r.status_code)
            seen_ok += r.status_code == 200
            for value in SENTINELS.values():
                assert value not in r.text, (login, url, value)
    assert seen_ok > 100
    # the handler unmasks, with a reason that goes to the log
    handler = make_client("vanhoa")
    page = handler.get(f"/tiepdan/don-thu/{ward['case_id']}")
    assert "Cán bộ X" in page.text  # the handler sees the content (the accused)
    r = handler.post(f"/tiepdan/don-thu/{ward['case_id']}/xem-thong-tin",
                     data={"ly_do": "Liên hệ xác minh", "csrf_token": csrf_from(page.text)})
    assert r.status_code == 200 and SENTINELS["full_name"] in r.text and SENTINELS["handwriting"] in r.text
    entry = audit.entries(action="tiepdan.view_personal")[0]
    assert (entry.actor_name, entry.reason) == (ward["staff"]["vanhoa"].name, "Liên hệ xác minh")
    # the one-stop officer (the reception unit) sees "Đơn tố cáo" and its number only
    officer = make_client("motcua")
    page = officer.get(f"/tiepdan/don-thu/{ward['case_id']}")
    assert page.status_code == 200 and "Đơn tố cáo" in page.text and "bảo mật" in page.text
    assert "Tố cáo cán bộ nhận tiền" not in page.text and "Cán bộ X" not in page.text
    listing = officer.get("/tiepdan/don-thu.json").json()["matters"]
    mine = [m for m in listing if m["id"] == ward["case_id"]]
    assert mine == [{"id": ward["case_id"], "number": mine[0]["number"], "subject": "Đơn tố cáo",
                     "kind_label": "Tố cáo", "restricted": True}]
    # the vice-chairperson too; he or she may not reveal it, and the refusal is logged
    vice = make_client("phochutich")
    page = vice.get(f"/tiepdan/don-thu/{ward['case_id']}.json").json()["matter"]
    assert page["restricted"] is True and page["subject"] == "Đơn tố cáo"
    r = vice.post(f"/tiepdan/don-thu/{ward['case_id']}/xem-thong-tin.json", json={"ly_do": "xem thử"},
                  headers={"X-CSRF-Token": token(vice)})
    assert r.status_code == 403 and SENTINELS["full_name"] not in r.text
    # a department officer of another unit does not even open it; a reveal is refused and logged
    other = make_client("kinhte")
    assert other.get(f"/tiepdan/don-thu/{ward['case_id']}").status_code == 403
    r = other.post(f"/tiepdan/don-thu/{ward['case_id']}/xem-thong-tin.json", json={"ly_do": "xem thử"},
                   headers={"X-CSRF-Token": token(other)})
    assert r.status_code == 403 and SENTINELS["full_name"] not in r.text
    denied = {e.actor_name for e in audit.entries(action="tiepdan.view_personal.denied")}
    assert {ward["staff"]["phochutich"].name, ward["staff"]["kinhte"].name} <= denied


@pytest.mark.rule("R-TC-10")
def test_r_tc_10_a_vice_chairperson_cannot_give_a_denunciation_to_himself(ward, make_client):
    assign_form = 'name="action" value="assign"'
    assert assign_form in make_client("chutich").get(f"/tiepdan/don-thu/{ward['case_id']}").text
    assert assign_form not in make_client("vanhoa").get(f"/tiepdan/don-thu/{ward['case_id']}").text
    vice = make_client("phochutich")
    me = ward["staff"]["phochutich"].person_id
    r = vice.post(f"/tiepdan/don-thu/{ward['case_id']}/xu-ly.json",
                  json={"action": "assign", "owner_id": me, "reason": "Tự xử lý"},
                  headers={"X-CSRF-Token": token(vice)})
    assert r.status_code == 403
    assert ward["core"].cases.get(ward["case_id"]).owner_id == ward["staff"]["vanhoa"].person_id


def test_public_schedule_json_twin_and_ics(ward, make_client):
    c = make_client()
    html = c.get("/tiepdan/lich-tiep-dan")
    data = c.get("/tiepdan/lich-tiep-dan.json").json()
    assert html.status_code == 200 and data["ok"] is True and data["sessions"]
    assert {"place", "regular_hours", "from", "to", "sessions"} <= set(data)
    assert set(data["sessions"][0]) == {"id", "kind", "kind_label", "day", "day_display", "start_time", "end_time",
                                        "place", "host_name", "host_title", "attendees", "topics", "state",
                                        "state_label", "moved_from_id", "moved_reason", "published_at"}
    assert data["sessions"][0]["kind"] == "chairman" and re.fullmatch(r"\d{4}-\d\d-\d\d", data["sessions"][0]["day"])
    ics = c.get("/tiepdan/lich-tiep-dan.ics")
    assert ics.headers["content-type"].startswith("text/calendar") and "BEGIN:VEVENT" in ics.text
    assert c.get("/tiepdan/lich-tiep-dan.json?tu=99/99/2026").status_code == 422


@pytest.mark.rule("R-PA-03")
def test_public_feedback_errors_store_nothing_and_flood_is_throttled(ward, make_client):
    c = make_client()
    tok = token(c)
    before = counts()
    r = c.post("/tiepdan/phan-anh.json", json={**GOOD, "content": "x" * 6000}, headers={"X-CSRF-Token": tok})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "content"
    r = c.post("/tiepdan/phan-anh", data={**GOOD, "full_name": "", "csrf_token": tok})
    assert r.status_code == 422 and "Vui lòng nhập họ và tên" in r.text
    assert 'value="Đèn đường hỏng"' in r.text  # the form again, with what was typed
    # the body may carry one photo ([plugin.tiepdan] max_photo_bytes), nothing bigger
    r = c.post("/tiepdan/phan-anh.json", content=b"{" + b"a" * TiepdanSettings().feedback_body_limit + b"}",
               headers={"X-CSRF-Token": tok, "content-type": "application/json"})
    assert r.status_code == 413
    assert counts() == before
    r = c.post("/tiepdan/phan-anh.json", json=GOOD, headers={"X-CSRF-Token": tok})
    assert r.status_code == 201, r.text
    assert {"ok", "sent", "values", "max_chars"} <= set(r.json())
    code = r.json()["sent"]["tracking_code"]
    status = c.get(f"/tiepdan/tra-cuu.json?ma={code}").json()["status"]
    assert status["state"] == "received" and status["kind"] == "phan_anh" and GOOD["full_name"] not in str(status)
    limit = sv.config(ward["core"]).public_rate_limit
    codes = []
    for _ in range(limit - 3):  # two refused + one accepted attempt already counted
        codes.append(c.post("/tiepdan/phan-anh.json", json=GOOD, headers={"X-CSRF-Token": tok}).status_code)
    r = c.post("/tiepdan/phan-anh.json", json=GOOD, headers={"X-CSRF-Token": tok})
    assert codes == [201] * (limit - 3) and r.status_code == 429 and "quá nhiều" in r.json()["error"]


def test_staff_records_a_visit_and_acts_on_it(ward, make_client):
    c = make_client("motcua")
    tok = csrf_from(c.get("/tiepdan/tiep-cong-dan").text)
    r = c.post("/tiepdan/tiep-cong-dan.json", data={
        "classification": "khieu_nai", "summary": "Khiếu nại quyết định xử phạt", "full_name": "Lê Văn Khiếu",
        "address": "Tổ 3", "decision_known_on": dt.date.today().strftime("%d/%m/%Y"), "csrf_token": tok})
    assert r.status_code == 200 and r.json()["case_id"], r.text
    assert {"visit_id", "number", "case_id", "redirect"} <= set(r.json())
    case_id = r.json()["case_id"]
    register = c.get("/tiepdan/so-tiep-dan").text  # R-TD-11: handling in words, not a key
    assert "Tiếp nhận đơn, vào sổ theo dõi" in register and "tiep_nhan_don" not in register
    assert "Lê Văn Khiếu" not in register  # names masked in the register (R-DL-09)
    chair = make_client("chutich")
    tok = csrf_from(chair.get(f"/tiepdan/don-thu/{case_id}").text)
    r = chair.post(f"/tiepdan/don-thu/{case_id}/xu-ly.json", data={"action": "accept", "complexity": "simple",
                                                                   "csrf_token": tok})
    assert r.status_code == 200 and r.json()["state"] == "accepted"
    view = chair.get(f"/tiepdan/don-thu/{case_id}.json").json()
    assert view["matter"]["state"] == "accepted" and view["documents"][0]["number_symbol"].endswith("TB-UBND")
    assert view["matter"]["kind"] == "khieu_nai" and view["matter"]["case_type"] == "tiepdan_khieu_nai"
    r = chair.post(f"/tiepdan/don-thu/{case_id}/xu-ly.json", data={"action": "conclude", "csrf_token": tok})
    assert r.status_code == 422
    # an HTML action that fails validation shows the matter page again, with the error
    r = chair.post(f"/tiepdan/don-thu/{case_id}/xu-ly", data={"action": "decide", "summary": "", "csrf_token": tok})
    assert r.status_code == 422 and "Vui lòng tóm tắt nội dung quyết định giải quyết" in r.text
    assert "Khiếu nại quyết định xử phạt" in r.text
    # the complaint's documents are read in the reception unit, not by a group head
    doc = view["documents"][0]["id"]
    assert chair.get(f"/documents/{doc}").status_code == 200
    assert make_client("totruong01").get(f"/documents/{doc}").status_code == 403


def test_every_page_declares_its_schema_and_every_write_its_form(app):
    for path, route in walk_routes(app.routes):
        spec = route_spec(route)
        if spec is None or not path.startswith("/tiepdan") or path.endswith(".ics") or "/anh/" in path:
            continue  # a calendar file, a photo: not pages
        assert spec.schema is not None, path
        if WRITE_METHODS & set(spec.methods):
            assert spec.typed_body is not None, path


def test_not_resolved_before_an_answer_shows_the_look_up_again(ward, make_client):
    c = make_client()
    sent = c.post("/tiepdan/phan-anh.json", json=GOOD, headers={"X-CSRF-Token": token(c)}).json()["sent"]
    code = sent["tracking_code"]
    page = c.get(f"/tiepdan/tra-cuu?ma={code}")
    assert page.status_code == 200 and "Đã tiếp nhận" in page.text
    r = c.post(f"/tiepdan/tra-cuu/chua-giai-quyet?ma={code}", data={"ma": code, "ly_do": "Chưa sửa",
                                                                      "csrf_token": token(c)})
    assert r.status_code == 422 and "Chỉ phản ánh, kiến nghị đã được trả lời" in r.text and code in r.text
    r = c.post("/tiepdan/tra-cuu/chua-giai-quyet.json", json={"ma": code, "ly_do": "Chưa sửa"},
               headers={"X-CSRF-Token": token(c)})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "code"


def test_the_openapi_document_describes_the_module(ward, make_client):
    from openapi_spec_validator import validate

    doc = make_client().get("/api/openapi.json").json()
    validate(doc)
    post = doc["paths"]["/tiepdan/phan-anh.json"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/FeedbackForm"}
    assert "MatterPage" in doc["components"]["schemas"] and "SchedulePage" in doc["components"]["schemas"]


@pytest.mark.rule("R-KN-02")
def test_the_reception_officer_proposes_acceptance_and_the_chairperson_accepts(ward, make_client):
    """Issue 15 item 3: the reception officer (demo login ``tiepcongdan``) takes a complaint
    as far as the law lets him: acceptance is the Chủ tịch's (Luật Khiếu nại Art. 27), so
    his page says so in words and offers "Đề xuất thụ lý"; the proposal is on the record and
    the Chủ tịch accepts."""
    officer = make_client("tiepcongdan")
    tok = csrf_from(officer.get("/tiepdan/tiep-cong-dan").text)
    r = officer.post("/tiepdan/tiep-cong-dan.json", data={
        "classification": "khieu_nai", "summary": "Khiếu nại việc thu hồi đất", "full_name": "Lê Thị Khiếu",
        "address": "Tổ 5", "decision_known_on": dt.date.today().strftime("%d/%m/%Y"), "csrf_token": tok})
    assert r.status_code == 200, r.text
    case_id = r.json()["case_id"]
    page = officer.get(f"/tiepdan/don-thu/{case_id}")
    assert page.status_code == 200
    assert "do Chủ tịch UBND phường — người có thẩm quyền giải quyết — quyết định (Điều 27 Luật Khiếu nại)" in page.text
    assert ">Đề xuất thụ lý</button>" in page.text and ">Thụ lý</button>" not in page.text
    tok = csrf_from(page.text)
    # accepting himself is refused: the law gives it to the Chủ tịch
    r = officer.post(f"/tiepdan/don-thu/{case_id}/xu-ly.json", data={"action": "accept", "csrf_token": tok})
    assert r.status_code == 403
    # a wrong nature of the matter is a field error; nothing is recorded
    r = officer.post(f"/tiepdan/don-thu/{case_id}/xu-ly", data={
        "action": "propose", "complexity": "rat_kho", "note": "Đủ điều kiện", "csrf_token": tok})
    assert r.status_code == 422 and "Tính chất vụ việc không hợp lệ." in r.text
    r = officer.post(f"/tiepdan/don-thu/{case_id}/xu-ly.json", data={
        "action": "propose", "complexity": "complex", "note": "Đủ điều kiện theo Điều 11", "csrf_token": tok})
    assert r.status_code == 200 and r.json()["state"] == "received"
    chair = make_client("chutich")
    page = chair.get(f"/tiepdan/don-thu/{case_id}").text
    assert "Đã đề xuất thụ lý:" in page and "Đủ điều kiện theo Điều 11" in page and "Phức tạp" in page
    assert ">Thụ lý</button>" in page and ">Đề xuất thụ lý</button>" not in page
    assert "Đề xuất Chủ tịch UBND thụ lý" in page  # a step of the record, in words
    assert len(audit.entries("case", case_id, action="tiepdan.matter.propose_acceptance")) == 1
    r = chair.post(f"/tiepdan/don-thu/{case_id}/xu-ly.json", data={
        "action": "accept", "complexity": "complex", "csrf_token": csrf_from(page)})
    assert r.status_code == 200 and r.json()["state"] == "accepted"
    # once accepted, the proposal form is gone
    assert ">Đề xuất thụ lý</button>" not in officer.get(f"/tiepdan/don-thu/{case_id}").text


def test_the_matters_list_goes_page_by_page_newest_first(ward, make_client, monkeypatch):
    """Issue 16: the staff list reads one page at a time along the matters' own index;
    every matter is on exactly one page, newest received first; the JSON keeps its keys."""
    from thanthien.plugins.tiepdan.views import staff

    core, chair = ward["core"], ward["staff"]["chutich"]
    for i in range(5):
        sv.open_matter(core, "phan_anh", subject=f"Phản ánh đèn đường số {i}", channel="van_ban",
                       parties=[PartyInput(full_name="Nguyễn Văn Dân", address="Số 5, Tổ dân phố số 1",
                                           phone="0912345678")],
                       received_at=dt.datetime(2030, 1, 1 + i, 9), actor=chair)
    monkeypatch.setattr(staff, "PER_PAGE", 3)
    client = make_client("chutich")
    first = client.get("/tiepdan/don-thu.json").json()
    assert first["page"] == 1 and first["has_next"] is True and "kind" in first
    assert [m["subject"] for m in first["matters"]] == [f"Phản ánh đèn đường số {i}" for i in (4, 3, 2)]
    seen, number, data = [], 1, first
    while True:
        seen += [m["id"] for m in data["matters"]]
        if not data["has_next"]:
            break
        number += 1
        data = client.get(f"/tiepdan/don-thu.json?page={number}").json()
    assert len(seen) == len(set(seen)) == len(sv.list_matters(core, actor=chair, limit=1000))
    assert 'rel="next" href="?page=2"' in client.get("/tiepdan/don-thu").text
    only = client.get("/tiepdan/don-thu.json?loai=phan_anh&page=2").json()["matters"]
    assert [m["subject"] for m in only][:2] == ["Phản ánh đèn đường số 1", "Phản ánh đèn đường số 0"]
