"""The report, index and open-data pages in a client: forms keep what was typed and answer
in Vietnamese, downloads open, public pages carry aggregates only."""
from __future__ import annotations

import io

from thanthien.testing import post
from thanthien.web.render import PRINT_CSP


def test_a_report_is_drafted_written_and_issued_from_the_pages(leaders, dossiers, make_client):
    officer = make_client("vanhoa")
    r = post(officer, "/baocao/bao-cao", {"kind": "quarter", "year": "2026", "part": "9"})
    assert r.status_code == 422 and "Quý phải từ 1 đến 4" in r.text and 'value="9"' in r.text
    r = post(officer, "/baocao/bao-cao.json", {"kind": "year", "year": "2026"})
    report_id = r.json()["report_id"]
    page = officer.get(f"/baocao/bao-cao/{report_id}").text
    assert "I. MỤC ĐÍCH, YÊU CẦU" in page and "IV. TỔ CHỨC THỰC HIỆN" in page and "Hồ sơ trả quá hạn" in page
    r = post(officer, f"/baocao/bao-cao/{report_id}/noi-dung", {"text_III_1_2": "Giải quyết hồ sơ đúng hạn là chính."})
    assert r.status_code in (200, 303)
    assert "Giải quyết hồ sơ đúng hạn là chính." in officer.get(f"/baocao/bao-cao/{report_id}").text
    assert post(officer, f"/baocao/bao-cao/{report_id}/ban-hanh", {"signer_name": "X"}).status_code == 403
    chair = make_client("chutich")
    r = post(chair, f"/baocao/bao-cao/{report_id}/ban-hanh", {"signer_name": ""})
    assert r.status_code == 422 and "Vui lòng ghi họ tên người ký." in r.text
    r = post(chair, f"/baocao/bao-cao/{report_id}/ban-hanh.json",
             {"signer_name": "Đinh Huy Hoàng", "signer_title": "CHỦ TỊCH"})
    assert r.json()["ok"] is True and "BC-UBND" in r.json()["message"]
    docx = chair.get(f"/baocao/bao-cao/{report_id}.docx")
    assert docx.status_code == 200
    from docx import Document

    assert any("IV. TỔ CHỨC THỰC HIỆN" in p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    xlsx = chair.get(f"/baocao/bao-cao/{report_id}.xlsx")
    from openpyxl import load_workbook

    assert load_workbook(io.BytesIO(xlsx.content))["Biểu đồ"]._charts
    printed = chair.get(f"/baocao/bao-cao/{report_id}/ban-in")
    assert "BC-UBND" in printed.text and "@page" in printed.text
    # its inline print CSS applies: the print page's own policy, not the app's (which blocks it)
    assert printed.headers["content-security-policy"] == PRINT_CSP
    # published: on the public page and in the feeds, without logging in
    public = make_client()
    published = public.get(f"/baocao/cong-bo/{report_id}")
    assert "BC-UBND" in published.text and published.headers["content-security-policy"] == PRINT_CSP
    assert f"/baocao/cong-bo/{report_id}" in public.get("/baocao/bao-cao/feed.json").text
    assert "<entry>" in public.get("/baocao/bao-cao.atom").text


def test_a_draft_is_not_public_and_a_group_head_cannot_draft(leaders, make_client):
    officer = make_client("vanhoa")
    report_id = post(officer, "/baocao/bao-cao.json", {"kind": "year", "year": "2026"}).json()["report_id"]
    assert make_client().get(f"/baocao/cong-bo/{report_id}").status_code in (401, 403)
    assert post(make_client("totruong01"), "/baocao/bao-cao", {"kind": "year", "year": "2026"}).status_code == 403


def test_external_indices_page_keeps_a_bad_value_and_shows_the_trend(leaders, make_client):
    officer = make_client("vanhoa")
    r = post(officer, "/baocao/chi-so", {"index": "sipas", "year": "2025", "value": "tám mươi", "source": "QĐ 30"})
    assert r.status_code == 422 and "Giá trị phải là một số" in r.text and 'value="tám mươi"' in r.text
    post(officer, "/baocao/chi-so", {"index": "sipas", "year": "2024", "value": "82,5",
                                     "source": "Quyết định số 12/QĐ-UBND của UBND tỉnh"})
    post(officer, "/baocao/chi-so", {"index": "sipas", "year": "2025", "value": "85,6",
                                     "source": "Quyết định số 30/QĐ-UBND của UBND tỉnh"})
    page = make_client("chutich").get("/baocao/chi-so").text
    assert "<svg" in page and "85,6 %" in page and "Quyết định số 30/QĐ-UBND của UBND tỉnh" in page


def test_open_data_is_public_and_aggregate(leaders, dossiers, make_client):
    public = make_client()
    assert "datapackage.json" in public.get("/baocao/du-lieu-mo").text
    package = public.get("/baocao/du-lieu-mo/datapackage.json").json()
    assert package["resources"] and package["licenses"][0]["name"] == "CC-BY-4.0"
    path = next(r["path"] for r in package["resources"] if r["name"] == "motcua.returned_late")
    body = public.get(f"/baocao/du-lieu-mo/{path}?nam=2026".replace("?nam=2026?", "?")).text
    assert body.splitlines()[0] == "month,value,target" and "2026-03,2,0" in body
    assert "Nguyễn Văn Dân" not in body


def test_a_group_head_sees_issued_reports_only(leaders, make_client):
    officer = make_client("vanhoa")
    draft = post(officer, "/baocao/bao-cao.json", {"kind": "year", "year": "2026"}).json()["report_id"]
    group = make_client("totruong01")
    listing = group.get("/baocao/bao-cao.json")
    assert listing.status_code == 200 and listing.json()["reports"] == []
    assert group.get(f"/baocao/bao-cao/{draft}.json").status_code == 403
    assert [r["id"] for r in officer.get("/baocao/bao-cao.json").json()["reports"]] == [draft]
