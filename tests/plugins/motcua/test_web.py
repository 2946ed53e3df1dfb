"""Web pages of motcua with their JSON twins: public look-up without personal data,
booking refusals, kiosk rating, staff intake and dossier actions, exports, dashboard."""
import io

import openpyxl
import pytest
from starlette.testclient import TestClient

from thanthien.core import accounts
from thanthien.core.models import CaseRow
from thanthien.core.storage.db import now
from thanthien.plugins.motcua import services as mc
from thanthien.testing import csrf_from, login
from thanthien.web.app import create_app
from thanthien.web.routing import PUBLIC, route_spec, walk_routes

from .helpers import receive

PASSWORD = "mat-khau-thu-nghiem-2026"
SENTINEL = {"full_name": "Quách Thị Sentinel Zê", "citizen_id": "006199887766", "phone": "0987001122",
            "address": "Ngõ Bí Mật số 77, phường Bắc Kạn", "email": "sentinel@example.vn"}


@pytest.fixture
def app(settings, pm, db, staff):
    accounts.create_account(staff.officer.person_id, "motcua", PASSWORD)
    accounts.create_account(staff.head.person_id, "truongvp", PASSWORD)
    return create_app(settings, pm, db=db)


@pytest.fixture
def client(make_client):
    return make_client()


def csrf(client, url):
    return csrf_from(client.get(url).text)


def next_working_day(services):
    return services.calendar.next_working_day(now().date())


def test_lookup_page_and_json_twin(client, services, staff):
    d = receive(services, staff, "HT04", now().strftime("%Y-%m-%dT%H:%M"))
    html = client.get(f"/motcua/tra-cuu?ma={d.code}")
    assert html.status_code == 200 and "Đã tiếp nhận" in html.text and d.code in html.text
    js = client.get(f"/motcua/tra-cuu.json?ma={d.code.lower()}").json()
    assert js["ok"] and js["dossier"]["code"] == d.code and js["dossier"]["status"] == "received"
    assert js["dossier"]["result_ready"] is False
    missing = client.get("/motcua/tra-cuu.json?ma=KHONG-CO")
    assert missing.status_code == 404 and "Không tìm thấy hồ sơ" in missing.json()["error"]


@pytest.mark.rule("R-DL-07")
def test_r_dl_07_no_personal_data_on_public_pages_or_json(client, services, staff):
    """A sentinel applicant, received through the staff page, never shows publicly."""
    login(client, "motcua", PASSWORD)
    form = {"procedure_code": "HT01", "csrf_token": csrf(client, "/motcua/tiep-nhan?thu_tuc=HT01"),
            "doc": ["TK", "GCS"], "concerned_name": SENTINEL["full_name"], "delivery": "counter",
            **{f"applicant_{k}": v for k, v in SENTINEL.items()}}
    r = client.post("/motcua/tiep-nhan", data=form, follow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    code = CaseRow.select().order_by(CaseRow.id.desc()).first().number
    mc.transfer(services, code, actor=staff.officer)
    mc.mark_result_ready(services, code, actor=staff.handler)
    mc.return_result(services, code, actor=staff.officer)
    mc.book(services, procedure_code="HT01", day=next_working_day(services), time="09:00",
            name=SENTINEL["full_name"], phone=SENTINEL["phone"])
    # staff see it
    assert SENTINEL["full_name"] in client.get(f"/motcua/ho-so/{code}").text
    client.post("/logout", data={"csrf_token": csrf(client, "/motcua/")})
    anon = TestClient(client.app, raise_server_exceptions=False)
    secret = mc.get_dossier(code).lookup_secret
    urls = [f"/motcua/tra-cuu?ma={code}", f"/motcua/tra-cuu.json?ma={code}", f"/motcua/danh-gia?ma={code}",
            f"/motcua/tra-cuu?ma={code}&k={secret}", f"/motcua/tra-cuu.json?ma={code}&k={secret}",
            f"/motcua/danh-gia?ma={code}&k={secret}", "/api/openapi.json"]
    for path, route in walk_routes(client.app.routes):
        spec = route_spec(route)
        if spec and spec.permission == PUBLIC and "GET" in spec.methods and "{" not in path:
            urls.append(path)
    needles = [SENTINEL["full_name"], "Sentinel", SENTINEL["citizen_id"], SENTINEL["phone"], "Ngõ Bí Mật",
               SENTINEL["email"]]
    checked = 0
    for url in sorted(set(urls)):
        r = anon.get(url)
        if r.status_code != 200:
            continue
        checked += 1
        for needle in needles:
            assert needle not in r.text, (url, needle)
    assert checked >= 10
    assert "Đã trả kết quả" in anon.get(f"/motcua/tra-cuu?ma={code}").text


def test_booking_refuses_full_and_past_slots(client, services, staff, settings):
    day = next_working_day(services)
    cap = mc.config(services).slot_capacity
    token = csrf(client, "/motcua/dat-lich")
    for i in range(cap):
        r = client.post("/motcua/dat-lich.json", json={"procedure_code": "HT04", "day": day.strftime("%d/%m/%Y"),
                                                         "time": "08:00", "name": f"Người {i}",
                                                         "phone": f"091200011{i}"},
                        headers={"X-CSRF-Token": token})
        assert r.status_code == 201, r.text
    kept = r.json()["booking"]["code"]
    assert "name" not in r.json()["booking"] and "phone" not in r.json()["booking"]
    full = client.post("/motcua/dat-lich", data={"procedure_code": "HT04", "day": day.strftime("%d/%m/%Y"),
                                                 "time": "08:00", "name": "Người thừa", "phone": "0912000999",
                                                 "csrf_token": token})
    assert full.status_code == 422 and "đã đủ" in full.text and "Người thừa" in full.text  # values kept
    past = client.post("/motcua/dat-lich.json", json={"procedure_code": "HT04", "day": "02/03/2026",
                                                      "time": "08:00", "name": "A", "phone": "0912000999"},
                       headers={"X-CSRF-Token": token})
    assert past.status_code == 422 and "đã qua" in past.json()["errors"][0]["error"]
    booked = [b for b in mc.bookings_on(services, day, actor=staff.officer) if not b.cancelled]
    assert len(booked) == cap and kept in {b.code for b in booked}  # nothing else lost
    assert [s["booked"] for s in mc.slots(services, day) if s["time"] == "08:00"] == [cap]
    # cancelling frees the seat
    assert client.post("/motcua/huy-lich", data={"code": kept, "csrf_token": token},
                       follow_redirects=False).status_code == 303
    assert [s["free"] for s in mc.slots(services, day) if s["time"] == "08:00"] == [1]


@pytest.mark.rule("R-MC-19")
def test_r_mc_19_kiosk_rating_and_unhappy_feedback(client, services, staff):
    d = receive(services, staff, "HT04", now().strftime("%Y-%m-%dT%H:%M"))
    secret = d.lookup_secret
    token = csrf(client, "/motcua/danh-gia?kiosk=1")
    early = client.post("/motcua/danh-gia?kiosk=1", data={"ma": d.code, "secret": secret, "level": "hai_long",
                                                          "csrf_token": token})
    assert early.status_code == 422 and "đã trả kết quả" in early.text
    mc.transfer(services, d.code, actor=staff.officer)
    mc.mark_result_ready(services, d.code, actor=staff.handler)
    mc.return_result(services, d.code, actor=staff.officer)
    assert "/motcua/danh-gia?ma=" not in client.get(f"/motcua/tra-cuu?ma={d.code}").text  # the code alone: read only
    page = client.get(f"/motcua/tra-cuu?ma={d.code}&k={secret.lower()}")  # the QR code's link
    assert f"/motcua/danh-gia?ma={d.code}&amp;k={secret.lower()}" in page.text
    kiosk = client.get("/motcua/danh-gia?kiosk=1")
    assert "kiosk" in kiosk.text and "Không hài lòng" in kiosk.text and "Rất hài lòng" in kiosk.text
    r = client.post("/motcua/danh-gia?kiosk=1", data={"ma": d.code, "secret": secret, "level": "khong_hai_long",
                                                      "comment": "Chờ lâu", "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303
    fb = CaseRow.get(CaseRow.case_type == "motcua_feedback")
    assert d.code in fb.subject and fb.due_date is not None and fb.unit_id == staff.unit.id
    again = client.post("/motcua/danh-gia.json", json={"ma": d.code, "secret": secret, "level": "hai_long"},
                        headers={"X-CSRF-Token": token})
    assert again.status_code == 422 and "đã được đánh giá" in again.json()["errors"][0]["error"]


def test_staff_intake_actions_and_exports(client, services, staff):
    login(client, "motcua", PASSWORD)
    # the page's form posts to ?thu_tuc=<code>: a refused intake shows the procedure's form again
    bad = client.post("/motcua/tiep-nhan?thu_tuc=CT03", data={"procedure_code": "CT03",
                                                              "csrf_token": csrf(client, "/motcua/tiep-nhan"),
                                                 "doc": ["GT"], "applicant_full_name": "Trần Văn Khách",
                                                 "fee_paid": "50000", "fee_units": "1"})
    assert bad.status_code == 422 and "vượt mức trong danh mục" in bad.text and "Trần Văn Khách" in bad.text
    token = csrf(client, "/motcua/tiep-nhan?thu_tuc=HT04")
    r = client.post("/motcua/tiep-nhan.json", json={"procedure_code": "HT04", "doc": "TK",
                                                     "applicant_full_name": "Trần Văn Khách"},
                    headers={"X-CSRF-Token": token})
    assert r.status_code == 200 and r.json()["ok"], r.text
    code = r.json()["code"]
    doc_page = client.get(f"/documents/{r.json()['receipt_document_id']}")
    assert doc_page.status_code == 200 and "GIẤY TIẾP NHẬN HỒ SƠ" in doc_page.text
    page = client.get(f"/motcua/ho-so/{code}")
    assert page.status_code == 200 and "Chuyển xử lý" in page.text
    r = client.post(f"/motcua/ho-so/{code}/chuyen-xu-ly", data={"handler_id": str(staff.handler_id),
                                                                "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    js = client.get(f"/motcua/ho-so/{code}.json").json()
    assert js["dossier"]["state"] == "processing" and [s["step"] for s in js["steps"]][-1] == "Chuyển xử lý"
    # the older English path answers 308 to the Vietnamese one, which keeps the method and body
    moved = client.post(f"/motcua/ho-so/{code}/return_result.json", json={}, headers={"X-CSRF-Token": token},
                        follow_redirects=False)
    assert moved.status_code == 308 and moved.headers["location"] == f"/motcua/ho-so/{code}/tra-ket-qua.json"
    bad_action = client.post(f"/motcua/ho-so/{code}/return_result.json", json={}, headers={"X-CSRF-Token": token})
    assert bad_action.status_code == 409 and "Không thể" in bad_action.json()["error"]
    desk = client.get("/motcua/")
    assert desk.status_code == 200
    today = now().date().strftime("%d/%m/%Y")
    csv = client.get(f"/motcua/so-theo-doi.csv?tu={today}&den={today}")
    assert csv.status_code == 200 and code in csv.content.decode("utf-8-sig")
    xlsx = client.get(f"/motcua/so-theo-doi.xlsx?tu={today}&den={today}")
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert ws.cell(3, 2).value == code
    ind = client.get("/motcua/chi-tieu.json").json()
    assert ind["rows"][-1]["group"] == "Tổng cộng" and ind["rows"][-1]["received"] == 1
    assert client.get("/motcua/chi-tieu.csv").status_code == 200


def test_dashboard_widget_warns_of_dossier_due_tomorrow(client, services, staff):
    today = now().date()
    d = receive(services, staff, "HT01", now().replace(hour=8, minute=0).strftime("%Y-%m-%dT%H:%M")) \
        if services.calendar.is_working_day(today) else None
    login(client, "motcua", PASSWORD)
    page = client.get("/dashboard")
    assert page.status_code == 200 and "Hồ sơ TTHC sắp đến hạn, quá hạn" in page.text
    if d is not None:
        assert d.code in page.text


def test_staff_pages_need_login(client):
    assert client.get("/motcua/", follow_redirects=False).status_code == 302
    assert client.get("/motcua/so-theo-doi.json").status_code == 401


@pytest.mark.rule("R-MC-13")
def test_a_bad_step_re_renders_the_dossier_with_errors_and_what_was_typed(client, services, staff):
    login(client, "motcua", PASSWORD)
    d = receive(services, staff, "NCN01", now().strftime("%Y-%m-%dT%H:%M"), docs=[{"code": "DN"}, {"code": "CCCD"}])
    token = csrf(client, f"/motcua/ho-so/{d.code}")
    # one row per missing document; the second lacks its reason
    r = client.post(f"/motcua/ho-so/{d.code}/yeu-cau-bo-sung",
                    data={"document": ["PL", "Giấy khám sức khỏe bản gốc"], "reason": ["Chưa nộp", ""],
                          "guide": "Lê Thị Hướng Dẫn", "csrf_token": token})
    assert r.status_code == 422 and f"Hồ sơ {d.code}" in r.text
    assert "Ghi rõ lý do cần bổ sung" in r.text and "Giấy khám sức khỏe bản gốc" in r.text
    assert "Lê Thị Hướng Dẫn" in r.text and mc.get_dossier(d.code).state == "received"
    r = client.post(f"/motcua/ho-so/{d.code}/tu-choi", data={"reason": " ", "csrf_token": token})
    assert r.status_code == 422 and "Vui lòng ghi rõ lý do" in r.text and f"Hồ sơ {d.code}" in r.text
    r = client.post(f"/motcua/ho-so/{d.code}/dung.json", json={}, headers={"X-CSRF-Token": token})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "reason"
    # the JSON API: rows, or the older "giấy tờ | lý do" text
    r = client.post(f"/motcua/ho-so/{d.code}/yeu-cau-bo-sung.json", headers={"X-CSRF-Token": token},
                    json={"items": [{"document": "PL", "reason": "Chưa nộp"}, {"document": "VBSK", "reason": "Hết hạn"}]})
    assert r.status_code == 200 and r.json()["code"] == d.code
    steps = client.get(f"/motcua/ho-so/{d.code}.json").json()["steps"]
    assert "Phiếu lý lịch tư pháp của người nhận con nuôi (Chưa nộp)" in steps[-1]["note"]
    client.post(f"/motcua/ho-so/{d.code}/da-bo-sung", data={"csrf_token": token})
    r = client.post(f"/motcua/ho-so/{d.code}/request_supplement.json", headers={"X-CSRF-Token": token},
                    json={"items": "PL | Thiếu chữ ký\nĐơn ghi thiếu ngày sinh | Chưa đầy đủ"})
    assert r.status_code == 200, r.text
    note = client.get(f"/motcua/ho-so/{d.code}.json").json()["steps"][-1]["note"]
    assert "(Thiếu chữ ký)" in note and "Đơn ghi thiếu ngày sinh (Chưa đầy đủ)" in note
