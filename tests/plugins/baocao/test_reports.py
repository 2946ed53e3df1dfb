"""Reports: drafted with free text per plan section, issued as "…/BC-UBND" with frozen
figures (reproducible, with the data version), as .docx (every section and indicator
table, charts as images), printable A4 HTML and .xlsx with native charts; the external
indices; the open-data package validated by frictionless; the feed entry of an issued report."""
from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from thanthien.core.errors import IllegalTransition, PermissionDenied, ValidationError
from thanthien.plugins.baocao.services import externals, opendata, reports, workbook


def test_a_year_end_report_is_drafted_written_and_issued_as_bc_ubnd(core, leaders, dossiers):
    officer, chair = leaders["officer"], leaders["chair"]
    with pytest.raises(PermissionDenied):
        reports.draft(core, "year", 2026, actor=leaders["group"])
    r = reports.draft(core, "year", 2026, actor=officer)
    assert reports.draft(core, "year", 2026, actor=officer).id == r.id  # one report per period
    r = reports.save_texts(core, r.id, {"III.1.2": "Tiếp nhận và giải quyết hồ sơ đúng quy trình.",
                                        "IV": "Đề xuất tiếp tục nhân rộng mô hình."}, actor=officer)
    assert r.texts["III.1.2"].startswith("Tiếp nhận")
    with pytest.raises(ValidationError):
        reports.save_texts(core, r.id, {"IX": "?"}, actor=officer)
    with pytest.raises(PermissionDenied):
        reports.issue(core, r.id, signer_name="Nguyễn Thị Văn Hóa", signer_title="CHUYÊN VIÊN", actor=officer)
    first = reports.figures(core, "year", 2026, 0)
    assert reports.figures(core, "year", 2026, 0) == first  # the same period gives the same numbers
    issued = reports.issue(core, r.id, signer_name="Đinh Huy Hoàng", signer_title="CHỦ TỊCH", actor=chair)
    assert issued.state == "issued" and issued.document_number.endswith("/BC-UBND")
    assert issued.data_version.startswith("audit-")
    with pytest.raises(IllegalTransition):
        reports.save_texts(core, r.id, {"IV": "sửa sau khi ban hành"}, actor=officer)
    snap = reports.snapshot(core, r.id, actor=chair)
    assert snap["sections"] == first["sections"]
    late = next(i for i in snap["sections"]["III.1.2"] if i["key"] == "motcua.returned_late")
    assert (late["value"], late["status"]) == (2, "red")

    # the .docx: every section of the plan and every indicator's row
    from docx import Document as Docx

    doc = reports.document_of(issued)
    d = Docx(io.BytesIO(core.documents.render_docx(doc)))
    text = "\n".join(p.text for p in d.paragraphs)
    cells = {c.text for t in d.tables for row in t.rows for c in row.cells}
    for s in reports.plan()["sections"]:
        assert s["title"] in text, s["code"]
    for items in snap["sections"].values():
        for i in items:
            assert i["label"] in cells, i["key"]
    assert "Tiếp nhận và giải quyết hồ sơ đúng quy trình." in text
    assert d.inline_shapes, "the charts are in the .docx as images"
    html = core.documents.render_html(doc)
    assert "BC-UBND" in html and "@page" in html and "data:image/png;base64," in html

    # the .xlsx: tables and native charts
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(workbook.build(issued.title, snap)))
    assert wb.sheetnames == ["Chỉ tiêu", "Xu hướng", "Biểu đồ", "Chỉ số bên ngoài"]
    labels = {row[1] for row in wb["Chỉ tiêu"].iter_rows(min_row=5, values_only=True)}
    assert all(i["label"] in labels for items in snap["sections"].values() for i in items)
    assert len(wb["Biểu đồ"]._charts) >= 1


def test_quarterly_and_six_monthly_variants(core, leaders):
    q = reports.draft(core, "quarter", 2026, 1, actor=leaders["officer"])
    h = reports.draft(core, "half", 2026, 2, actor=leaders["officer"])
    assert (q.start, q.end) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert (h.start, h.end) == (dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    assert [t["label"] for t in next(iter(
        i for items in reports.figures(core, "quarter", 2026, 1)["sections"].values() for i in items))["trend"]] == [
        "Tháng 01/2026", "Tháng 02/2026", "Tháng 03/2026"]
    with pytest.raises(ValidationError):
        reports.draft(core, "quarter", 2026, 5, actor=leaders["officer"])


def test_external_indices_are_entered_with_their_source_and_corrections_audited(core, leaders):
    from thanthien.core.models import AuditRow

    officer = leaders["officer"]
    externals.record(core, index="sipas", year=2024, value=82.5, source="Quyết định số 12/QĐ-UBND của UBND tỉnh",
                     actor=officer)
    externals.record(core, index="sipas", year=2025, value=85.1, source="Quyết định số 30/QĐ-UBND của UBND tỉnh",
                     actor=officer)
    externals.record(core, index="sipas", year=2025, value=85.6, source="Quyết định số 31/QĐ-UBND (đính chính)",
                     actor=officer)
    trend = externals.trends(core, actor=leaders["chair"])
    assert [(p["year"], p["value"]) for p in trend["sipas"]] == [(2024, 82.5), (2025, 85.6)]
    assert len(trend["own"]) == 2  # the ward's own satisfaction per year, next to SIPAS
    audit_rows = list(AuditRow.select().where(AuditRow.action == "baocao.external_index"))
    assert len(audit_rows) == 3
    with pytest.raises(ValidationError):
        externals.record(core, index="sipas", year=2025, value=120, source="x", actor=officer)
    with pytest.raises(PermissionDenied):
        externals.record(core, index="papi", year=2025, value=40, source="Báo cáo PAPI 2025", actor=leaders["group"])


def test_the_open_data_package_validates_with_frictionless(core, dossiers, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    today = dt.date(2026, 6, 15)
    descriptor = opendata.datapackage(core, 2026, today)
    assert {r["title"] for r in descriptor["resources"]} == {i.label for i in core.indicators.all()}
    for ind in opendata.indicators(core):
        target = tmp_path / opendata.csv_path(ind.key)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(opendata.series_csv(core, ind, 2026, today))
    for r in descriptor["resources"]:
        r["path"] = r["path"].split("?", 1)[0]  # the files written above
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    report = frictionless.Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = (tmp_path / "csv/motcua/returned_late.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "month,value,target" and rows[3] == "2026-03,2,0" and len(rows) == 7
    # non-personal aggregates only: no applicant's name anywhere
    assert "Nguyễn Văn Dân" not in (tmp_path / "datapackage.json").read_text(encoding="utf-8")


def test_an_issued_report_enters_the_feeds(core, leaders):
    import feedparser

    r = reports.draft(core, "quarter", 2026, 1, actor=leaders["officer"])
    assert opendata.json_feed(core, "https://phuong.example", "/baocao/bao-cao/feed.json")["items"] == []
    reports.issue(core, r.id, signer_name="Đinh Huy Hoàng", signer_title="CHỦ TỊCH", actor=leaders["chair"])
    items = opendata.json_feed(core, "https://phuong.example", "/baocao/bao-cao/feed.json")["items"]
    assert len(items) == 1 and items[0]["url"] == f"https://phuong.example/baocao/cong-bo/{r.id}"
    parsed = feedparser.parse(opendata.atom_feed(core, "https://phuong.example", "/baocao/bao-cao.atom"))
    assert not parsed.bozo and len(parsed.entries) == 1
    assert "BC-UBND" in parsed.entries[0].title
