"""Paired HTML and JSON tests per core page."""
from __future__ import annotations

import pytest

from thanthien.core import hookimpl
from thanthien.core.cases import CaseType, State
from thanthien.testing import csrf_from, token


def test_home_html_and_json(client):
    r = client.get("/")
    assert r.status_code == 200
    assert "Phường Bắc Kạn".upper() in r.text.upper()
    assert "Ghi chú mẫu" in r.text  # a plugin's public nav item
    assert r.headers["link"].startswith("</index.json>")
    j = client.get("/index.json").json()
    assert j["ok"] is True and j["ward"]["name"] == "Phường Bắc Kạn"
    assert {"label": "Ghi chú mẫu", "href": "/websample/notes"} in j["links"]


def test_public_get_has_etag_and_304(client):
    r = client.get("/index.json")
    etag = r.headers["etag"]
    assert r.headers["cache-control"].startswith("public, max-age=")
    r2 = client.get("/index.json", headers={"If-None-Match": etag})
    assert r2.status_code == 304 and r2.content == b""


def test_health_and_plugins(client):
    assert client.get("/-/health").status_code == 200
    assert client.get("/-/health.json").json() == {"ok": True, "status": "ok", "database": True}
    r = client.get("/-/plugins")
    assert "websample" in r.text and "core" in r.text
    names = [p["name"] for p in client.get("/-/plugins.json").json()["plugins"]]
    assert "core" in names and "websample" in names


def test_security_headers(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"]


def test_errors_html_and_json(client):
    r = client.get("/khong-co")
    assert r.status_code == 404 and "Không tìm thấy trang" in r.text
    j = client.get("/khong-co.json")
    assert j.status_code == 404 and j.json()["ok"] is False and j.json()["status"] == 404
    r = client.put("/", content=b"")
    assert r.status_code == 405 and "Phương thức" in r.text
    j = client.put("/index.json", content=b"")
    assert j.status_code == 405 and j.json() == {"ok": False, "status": 405, "error": j.json()["error"]}
    r = client.get("/websample/boom")
    assert r.status_code == 500 and "secret internal detail" not in r.text and "Lỗi hệ thống" in r.text
    j = client.get("/websample/boom.json")
    assert j.status_code == 500 and j.json()["ok"] is False and "secret" not in j.text


def test_dashboard_requires_login(client):
    r = client.get("/dashboard", follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == "/login?next=/dashboard"
    j = client.get("/dashboard.json")
    assert j.status_code == 401 and j.json()["ok"] is False


def test_dashboard_html_and_json(make_client, services, ward):
    c = make_client("chutich")
    r = c.get("/dashboard")
    assert r.status_code == 200 and "Bảng điều khiển" in r.text and "Hồ sơ sắp đến hạn" in r.text
    assert 'href="/websample/staff"' in r.text  # a plugin's nav item, permission held
    j = c.get("/dashboard.json").json()
    assert j["ok"] and j["widgets"][0]["key"] == "core.cases"
    c2 = make_client("motcua")
    assert 'href="/websample/staff"' not in c2.get("/dashboard").text  # not held


def test_units(make_client, ward):
    c = make_client("vanhoa")
    r = c.get("/units")
    assert "Tổ dân phố số 1" in r.text
    j = c.get("/units.json").json()
    assert any(u["code"] == "TDP01" for u in j["units"])
    uid = ward["units"]["TDP01"]
    assert "Tổ dân phố số 1" in c.get(f"/units/{uid}").text
    assert c.get(f"/units/{uid}.json").json()["unit"]["code"] == "TDP01"
    assert c.get("/units/999999").status_code == 404
    assert c.get("/units/999999.json").json()["status"] == 404


@pytest.mark.parametrize("query", ["nguyen van a", "NGUYEN", "Nguyễn Văn A", "nguyễn"])
def test_people_search_accent_free(make_client, ward, query):
    c = make_client("chutich")
    r = c.get("/people", params={"q": query})
    assert "Nguyễn Văn A" in r.text
    j = c.get("/people.json", params={"q": query}).json()
    assert any(p["full_name"] == "Nguyễn Văn A" for p in j["people"])


def test_people_search_dinh(make_client, ward):
    c = make_client("chutich")
    j = c.get("/people.json", params={"q": "dinh"}).json()
    assert any(p["full_name"] == "Đinh Thị Hoa" for p in j["people"])


def test_person_masked_then_unmasked_with_reason(make_client, ward):
    from thanthien.core import audit

    c = make_client("chutich")
    pid = ward["resident_tdp01"].id
    r = c.get(f"/people/{pid}")
    assert "0912345678" not in r.text and "•" in r.text
    j = c.get(f"/people/{pid}.json").json()
    assert j["person"]["phone"].endswith("678") and j["person"]["phone"] != "0912345678"
    page = c.get(f"/people/{pid}")
    bad = c.post(f"/people/{pid}/unmask", data={"reason": "", "csrf_token": csrf_from(page.text)})
    assert bad.status_code == 422 and "lý do" in bad.text.lower()
    ok = c.post(f"/people/{pid}/unmask",
                data={"reason": "Xác minh hồ sơ khai sinh", "csrf_token": csrf_from(page.text)})
    assert ok.status_code == 200 and "0912345678" in ok.text
    entries = audit.entries(action="person.view_personal")
    assert entries and entries[0].entity_id == str(pid) and entries[0].reason == "Xác minh hồ sơ khai sinh"
    j = c.post(f"/people/{pid}/unmask.json", json={"reason": "Đối chiếu CCCD"}, headers={"X-CSRF-Token": token(c)})
    assert j.json()["person"]["citizen_id"] == "006090123456"


def test_unmask_needs_view_personal(make_client, ward):
    c = make_client("quantri")  # administrator: may view people, not personal data
    pid = ward["resident_tdp01"].id
    assert c.get(f"/people/{pid}").status_code == 200
    r = c.post(f"/people/{pid}/unmask.json", json={"reason": "tò mò thôi"}, headers={"X-CSRF-Token": token(c)})
    assert r.status_code == 403


def test_household(make_client, ward):
    c = make_client("chutich")
    hh = ward["hh1"]
    r = c.get(f"/households/{hh.id}")
    assert r.status_code == 200 and "Nguyễn Văn A" in r.text
    j = c.get(f"/households/{hh.id}.json").json()
    assert j["household"]["code"] == hh.code and any(m["full_name"] == "Nguyễn Văn A" for m in j["members"])


def test_group_head_sees_only_own_group(make_client, ward):
    c = make_client("totruong01")
    assert c.get(f"/people/{ward['resident_tdp01'].id}").status_code == 200
    assert c.get(f"/people/{ward['resident_tdp02'].id}").status_code == 403
    assert c.get(f"/households/{ward['hh2'].id}.json").status_code == 403
    names = [p["full_name"] for p in c.get("/people.json", params={"q": "dinh thi hoa"}).json()["people"]]
    assert "Đinh Thị Hoa" not in names


def test_audit_page(make_client, ward):
    c = make_client("quantri")
    r = c.get("/audit")
    assert r.status_code == 200 and "Chuỗi băm" in r.text and c.get("/audit.json").json()["chain"] is None
    r = c.get("/audit?verify=1")
    assert r.status_code == 200 and "toàn vẹn" in r.text
    j = c.get("/audit.json?verify=1").json()
    assert j["chain"]["ok"] is True and j["entries"]
    assert make_client("motcua").get("/audit").status_code == 403


def test_documents_register_and_print(make_client, services, ward):
    doc = services.documents.issue(
        "thong_bao", subject="Lịch tiếp công dân tháng 01",
        context={"paragraphs": ["Ủy ban nhân dân phường thông báo."]},
        signer_name="Nguyễn Văn Bình", signer_title="Chủ tịch", recipients=["Các tổ dân phố"])
    c = make_client("chutich")
    r = c.get("/documents")
    assert r.status_code == 200 and "Sổ văn bản" in r.text and doc.number_symbol in r.text
    j = c.get("/documents.json").json()
    assert j["ok"] is True and j["documents"][0]["number_symbol"] == doc.number_symbol
    page = c.get(f"/documents/{doc.id}")
    assert page.status_code == 200 and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page.text
    assert "Times New Roman" in page.text  # the print layout
    assert c.get(f"/documents/{doc.id}.json").json()["document"]["subject"] == "Lịch tiếp công dân tháng 01"
    docx = c.get(f"/documents/{doc.id}.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert c.get("/documents/99999").status_code == 404


def test_api_page_and_openapi(client):
    r = client.get("/api")
    assert r.status_code == 200 and "/people.json" in r.text
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.1")


def test_domain_errors_map_to_status(client):
    r = client.get("/websample/conflict")
    assert r.status_code == 409 and "hồ sơ đang chờ bổ sung" in r.text
    assert client.get("/websample/conflict.json").json() == {
        "ok": False, "status": 409, "error": "Không thể 'Trả kết quả' khi hồ sơ đang chờ bổ sung."}


def test_people_pagination(make_client, ward):
    c = make_client("chutich")
    first = c.get("/people.json").json()
    assert first["has_next"] is True and len(first["people"]) == 50
    second = c.get("/people.json?page=2").json()
    assert second["page"] == 2
    assert not {p["id"] for p in first["people"]} & {p["id"] for p in second["people"]}
    assert 'rel="next" href="?page=2"' in c.get("/people").text


class ConfidentialCases:
    @hookimpl
    def register_case_types(self, settings):
        return [CaseType("to_cao_mau", "Tố cáo mẫu", (State("moi", "Mới"),), "moi", (),
                         confidential=True, number_prefix="TCM")]


@pytest.mark.rule("R-TC-10")
def test_documents_of_a_confidential_case_show_only_their_number(make_client, services, ward, pm):
    """A denunciation's documents: number only for other staff; content for handler and chairman."""
    from thanthien.core.models import PersonRow
    from thanthien.core.services import make_services

    pm.register(ConfidentialCases(), name="confidential")
    services = make_services(services.settings, pm)
    handler = PersonRow.get(PersonRow.badge_number.endswith("-003"))  # the demo one-stop officer
    case = services.cases.open("to_cao_mau", "Tố cáo số 1", owner_id=handler.id)
    doc = services.documents.issue(
        "thong_bao", subject="Gia hạn giải quyết tố cáo đối với ông Bí Mật", case_id=case.id,
        context={"paragraphs": ["Nội dung bảo mật."]}, signer_name="Nguyễn Văn Bình", signer_title="Chủ tịch",
        recipients=["Người tố cáo"])
    other = make_client("vanhoa")
    listing = other.get("/documents")
    assert doc.number_symbol in listing.text and "Bí Mật" not in listing.text
    assert "Bí Mật" not in other.get("/documents.json").text
    assert other.get(f"/documents/{doc.id}").status_code == 403
    assert other.get(f"/documents/{doc.id}.docx").status_code == 403
    for username in ("chutich", "motcua"):  # the chairman, the assigned handler
        assert "Bí Mật" in make_client(username).get(f"/documents/{doc.id}").text
