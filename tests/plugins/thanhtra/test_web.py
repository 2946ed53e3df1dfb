"""Web pages of thanhtra: every page has a JSON twin, a declared permission and a response
schema, every write a typed form; staff pages need the right role; forms give Vietnamese
422s and re-render their page; the public page shows members' names, offices and groups
only — never a phone, ID number or address."""
from __future__ import annotations

import datetime as dt

import attrs
import pytest
from starlette.testclient import TestClient

from thanthien.core.audit import AuditRow
from thanthien.core.models import CaseRow
from thanthien.plugins.thanhtra import services as sv
from thanthien.plugins.thanhtra.models import MeetingRow
from thanthien.testing import csrf_from, token
from thanthien.web.app import create_app
from thanthien.web.routing import PUBLIC, route_spec, walk_routes

from .helpers import PASSWORD, seat_board

PAYLOAD = "<script>alert(1)</script>"


@pytest.fixture
def data(services, ward):
    term, members = seat_board(services, ward)
    today = dt.date.today()
    inspection, _ = sv.plan_inspection(services, subject="Bộ phận một cửa", content="Kiểm tra niêm yết",
                                       planned_on=today + dt.timedelta(days=20), actor=ward.board)
    petition = sv.receive_petition(services, subject=f"Phản ánh {PAYLOAD}", content="Đề nghị kiểm tra",
                                   channel="truc_tiep", sender_name="Nông Văn Phản Ánh",
                                   sender_phone="0977111222", sender_address="Số 9 ngõ 3", actor=ward.board)
    rec = sv.propose_recommendation(services, subject="Công khai quỹ", content="Đề nghị công khai",
                                    voted_on=today, present=6, votes_for=5, votes_against=1, abstentions=0,
                                    actor=ward.board)
    report = sv.issue_report(services, period="quy", actor=ward.board)
    return {"term": term, "members": members, "inspection": inspection, "petition": petition, "rec": rec,
            "report": report}


@pytest.fixture
def app(settings, pm, db, data):
    return create_app(settings, pm, db=db)


@pytest.fixture
def clients(make_client):
    def make(username=None):
        return make_client(username, PASSWORD) if username else make_client()
    return make


def _json(client, url, body):
    return client.post(url, json=body, headers={"X-CSRF-Token": token(client)})


def _urls(data):
    return ["/thanhtra/", "/thanhtra/ban", "/thanhtra/bau-cu", f"/thanhtra/thanh-vien/{data['members'][0].id}",
            "/thanhtra/ke-hoach", f"/thanhtra/kiem-tra/{data['inspection'].id}", "/thanhtra/phan-anh",
            f"/thanhtra/phan-anh/{data['petition'].id}", "/thanhtra/kien-nghi", f"/thanhtra/kien-nghi/{data['rec'].id}",
            "/thanhtra/khieu-nai", "/thanhtra/bao-cao", "/thanhtra/chi-tieu"]


def test_every_route_has_a_permission_a_json_twin_a_schema_and_a_typed_form(app):
    paths = {}
    for path, route in walk_routes(app.routes):
        if path.startswith("/thanhtra"):
            spec = route_spec(route)
            assert spec is not None and spec.permission, path
            paths[path] = spec
    assert len(paths) >= 50
    for path, spec in paths.items():
        assert spec.schema is not None and attrs.has(spec.schema), path
        if "POST" in spec.methods:
            assert spec.typed_body is not None, path
            assert spec.error_page is not None or "GET" in spec.methods, path
        if not spec.json:
            twin = path + "index.json" if path.endswith("/") else path + ".json"
            assert twin in paths, path
    public = {p for p, s in paths.items() if s.permission == PUBLIC}
    assert public == {"/thanhtra/", "/thanhtra/index.json"}


def test_pages_and_json_twins_for_board_and_chairman(clients, data):
    for login in ("bantt", "chutich", "mattran"):
        c = clients(login)
        for url in _urls(data):
            if url == "/thanhtra/bau-cu" and login == "chutich":
                assert c.get(url).status_code == 403  # elections are recorded by the board / UB MTTQ
                continue
            r = c.get(url)
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), (login, url)
            assert PAYLOAD not in r.text
            twin = url + "index.json" if url.endswith("/") else url + ".json"
            j = c.get(twin)
            assert j.status_code == 200 and j.json()["ok"] is True, (login, twin)


def test_anonymous_sees_only_the_public_page(clients, data):
    anon = clients()
    for url in _urls(data)[1:]:
        r = anon.get(url, follow_redirects=False)
        assert r.status_code == 302 and r.headers["location"].startswith("/login?next="), url
        assert anon.get(url + ".json").status_code == 401
    assert anon.get("/thanhtra/kien-nghi/999999.json").status_code == 401


def test_public_page_shows_names_and_groups_never_contacts(clients, ward, data):
    anon = clients()
    html = anon.get("/thanhtra/").text
    body = anon.get("/thanhtra/index.json").json()
    members = body["members"]
    assert len(members) == 6 and set(members[0]) == {"full_name", "office", "group"}
    assert members[0]["office"] == "Trưởng ban"
    assert set(body) == {"ok", "term", "members", "seats", "results", "figures"}
    for code, residents in ward.residents.items():
        member = residents[0]
        assert member.full_name in html
        for secret in (member.phone, member.citizen_id, member.address):
            assert secret and secret not in html and secret not in str(body), (code, secret)
    assert "Nông Văn Phản Ánh" not in html and "0977111222" not in str(body)


def test_published_results_appear_publicly(services, ward, clients, data):
    inspection = data["inspection"]
    sv.send_inspection_plan(services, inspection.id, sent_on=dt.date.today(), actor=ward.board)
    sv.record_inspection_result(services, inspection.id, held_on=dt.date.today(), findings="Niêm yết đầy đủ.",
                                published=True, actor=ward.board)
    body = clients().get("/thanhtra/index.json").json()
    assert body["results"][0]["findings"] == "Niêm yết đầy đủ."


def test_petition_contacts_in_full_for_the_board_masked_for_others_and_audited(clients, data):
    url = f"/thanhtra/phan-anh/{data['petition'].id}"
    reads = AuditRow.select().where(AuditRow.action == "thanhtra.petition.view_personal")
    before = reads.count()
    board = clients("bantt").get(url).text
    assert "0977111222" in board and "Số 9 ngõ 3" in board
    assert reads.count() == before + 1
    chair = clients("chutich").get(url + ".json").json()["petition"]
    assert chair["sender_phone"].endswith("222") and chair["sender_phone"] != "0977111222"
    assert chair["sender_address"] != "Số 9 ngõ 3"
    assert reads.count() == before + 2  # the name is shown: logged too
    listed = clients("bantt").get("/thanhtra/phan-anh.json").json()["petitions"]
    assert listed and "Nông Văn Phản Ánh" not in str(listed)  # lists never show the sender


def test_civil_servant_election_via_web_is_refused_and_stores_nothing(clients, ward, data):
    c = clients("bantt")
    before = MeetingRow.select().count()
    r = _json(c, "/thanhtra/bau-cu.json", {"group_id": ward.groups[0].id, "candidate_id": ward.clerk_person.id,
                                           "held_on": "10/07/2025", "total_households": 10, "attending": 9,
                                           "votes_for": 8, "standards_confirmed": True})
    assert r.status_code == 422
    errors = {e["field"]: e["error"] for e in r.json()["errors"]}
    assert "R-TTND-07" in errors["candidate_id"]
    assert MeetingRow.select().count() == before
    page = c.get(f"/thanhtra/bau-cu?to={ward.groups[0].id}")
    r = c.post(f"/thanhtra/bau-cu?to={ward.groups[0].id}", data={
        "group_id": ward.groups[0].id, "candidate_id": ward.clerk_person.id, "held_on": "10/07/2025",
        "total_households": "10", "attending": "9", "votes_for": "8", "standards_confirmed": "on",
        "csrf_token": csrf_from(page.text)})
    assert r.status_code == 422 and 'role="alert"' in r.text and "cán bộ, công chức cấp xã" in r.text
    assert 'name="candidate_id"' in r.text and 'value="9"' in r.text  # the form again, as typed


def test_bad_numbers_are_field_errors_before_any_rule(clients, ward, data):
    c = clients("bantt")
    r = _json(c, "/thanhtra/bau-cu.json", {"group_id": ward.groups[0].id, "candidate_id": ward.residents["TDP01"][3].id,
                                           "held_on": "31/02/2025", "total_households": 10, "attending": 9,
                                           "votes_for": "nhiều"})
    assert r.status_code == 422
    errors = {e["field"]: e["error"] for e in r.json()["errors"]}
    assert errors["votes_for"] == "Số phiếu đồng ý phải là số nguyên." and "Ngày không hợp lệ" in errors["held_on"]
    r = _json(c, "/thanhtra/kien-nghi/them.json", {"subject": "x", "content": "y", "voted_on": "01/03/2026",
                                                   "present": -1, "votes_for": 0, "votes_against": 0,
                                                   "abstentions": 0})
    assert r.status_code == 422 and {e["field"] for e in r.json()["errors"]} >= {"present"}


def test_petition_form_json_write_and_errors(clients, data):
    c = clients("bantt")
    r = _json(c, "/thanhtra/phan-anh/them.json", {"subject": "", "content": "", "channel": "fax"})
    assert r.status_code == 422
    fields = {e["field"] for e in r.json()["errors"]}
    assert fields == {"subject", "content", "channel"}
    count = CaseRow.select().count()
    r = _json(c, "/thanhtra/phan-anh/them.json", {"subject": "Đèn đường hỏng", "content": "Ngõ 5 tối",
                                                  "channel": "hom_thu"})
    assert r.status_code == 200 and r.json()["number"].startswith("TTND-PA-")
    assert CaseRow.select().count() == count + 1
    r = _json(c, "/thanhtra/phan-anh/them.json", {"subject": "a", "content": "b", "channel": "hom_thu", "x": "1"})
    assert r.status_code == 422  # unknown fields are refused


def test_a_failed_write_rerenders_its_page_with_the_errors(clients, data):
    c = clients("bantt")
    page = c.get("/thanhtra/ke-hoach")
    r = c.post("/thanhtra/ke-hoach/them", data={"period": "quy", "start_on": "01/04/2026", "end_on": "01/01/2026",
                                                "title": "Kế hoạch quý 2", "content": "Nội dung",
                                                "csrf_token": csrf_from(page.text)})
    assert r.status_code == 422 and "Ngày kết thúc phải sau ngày bắt đầu." in r.text
    assert 'value="Kế hoạch quý 2"' in r.text and "Lập kế hoạch định kỳ" in r.text


def test_chairman_answers_board_cannot(clients, data):
    url = f"/thanhtra/kien-nghi/{data['rec'].id}/tra-loi"
    board = clients("bantt")
    assert _json(board, url + ".json", {"answer": "x"}).status_code == 403
    chair = clients("chutich")
    r = _json(chair, url + ".json", {"answer": "Đã chỉ đạo khắc phục."})
    assert r.status_code == 200 and r.json()["timeliness"] == "early"
    assert "Đã chỉ đạo khắc phục." in chair.get(f"/thanhtra/kien-nghi/{data['rec'].id}").text


def test_chairmans_dashboard_lists_recommendations_waiting(clients, data):
    html = clients("chutich").get("/dashboard").text
    assert "Kiến nghị của Ban Thanh tra nhân dân chờ UBND trả lời" in html and data["rec"].number in html


def test_disabled_plugin_leaves_no_routes(tmp_path, db):
    from thanthien.core.hooks import collect
    from thanthien.core.plugins import make_plugin_manager
    from thanthien.core.settings import PluginsSettings
    from thanthien.plugins import thanhtra
    from thanthien.testing import make_settings

    settings = make_settings(tmp_path, plugins=PluginsSettings(disabled=("thanhtra",)))
    pm = make_plugin_manager(settings, load_entrypoints=False, plugins=[("thanhtra", thanhtra)])
    assert pm.is_blocked("thanhtra")
    assert not [c for c in collect(pm.hook.register_case_types, settings=settings) if c.plugin == "thanhtra"]
    with TestClient(create_app(settings, pm, db=db), raise_server_exceptions=False) as c:
        assert c.get("/thanhtra/").status_code == 404
