"""Intake checks (plan III.1.2: no extra documents, no extra fees), the printed forms
(Mẫu 01–06) as HTML and .docx in the NĐ 30/2020 layout, processing and the register."""
import datetime as dt
import io

import docx
import openpyxl
import pytest

from thanthien.core import audit
from thanthien.core.errors import ValidationError
from thanthien.core.models import CaseRow, DocumentRow
from thanthien.plugins.motcua import services as mc
from thanthien.plugins.motcua.models import DossierRow

from .helpers import APPLICANT, at, receive

D = dt.date


def test_plan_iii_1_2_document_outside_catalogue_refused(services, staff):
    with pytest.raises(ValidationError) as exc:
        receive(services, staff, "HT04", docs=[{"code": "TK"}, {"code": "SHK", "name": "Sổ hộ khẩu"}])
    assert "Sổ hộ khẩu" in exc.value.message and "ngoài quy định" in exc.value.message
    assert CaseRow.select().count() == 0 and DossierRow.select().count() == 0
    assert DocumentRow.select().count() == 0


def test_plan_iii_1_2_fee_above_catalogue_refused(services, staff):
    # CT03: 10.000 đ per case; two cases may be charged 20.000 đ, not one more đồng
    ok = receive(services, staff, "CT03", fee_paid=20000, fee_units=2)
    assert ok.fee_paid == 20000
    with pytest.raises(ValidationError, match="vượt mức trong danh mục"):
        receive(services, staff, "CT03", fee_paid=20001, fee_units=2)
    # a fee the province has not set (HĐND tỉnh, not configured) cannot be charged at all
    with pytest.raises(ValidationError, match="vượt mức"):
        receive(services, staff, "HT04", fee_paid=3000)
    assert DossierRow.select().count() == 1


def test_intake_lists_every_bad_field_and_stores_nothing(services, staff):
    with pytest.raises(ValidationError) as exc:
        mc.receive(services, procedure_code="HT02", applicant={"full_name": "", "citizen_id": "12ab", "phone": "1"},
                   documents=[{"code": "TK", "quantity": 5}], delivery="postal", actor=staff.officer,
                   received_at=at("2026-03-02T09:00"))
    fields = {f for f, _ in exc.value.errors}
    assert {"applicant.full_name", "applicant.citizen_id", "applicant.phone", "documents[0]", "delivery"} <= fields
    assert CaseRow.select().count() == 0


def test_unknown_procedure_is_a_clear_error(services, staff):
    with pytest.raises(ValidationError, match="Không có thủ tục mã 'XX99'"):
        mc.receive(services, procedure_code="XX99", applicant=APPLICANT, documents=[], actor=staff.officer)


def _docx_text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                parts.append(cell.text)
                for inner in cell.tables:
                    parts += [c.text for r in inner.rows for c in r.cells]
    return "\n".join(parts)


ND30_PARTS = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN PHƯỜNG BẮC KẠN",
              "Số:", "Bắc Kạn, ngày", "Nơi nhận:", "Lưu: VT")


def _check_form(services, document, *must):
    html = services.documents.render_html(document)
    text = _docx_text(services.documents.render_docx(document))
    for part in ND30_PARTS + must:
        assert part in html, part
        assert part in text, part
    return html, text


@pytest.mark.rule("R-MC-04")
@pytest.mark.rule("R-MC-05")
@pytest.mark.rule("R-VB-01")
def test_r_mc_05_receipt_form_html_and_docx(services, staff):
    d = receive(services, staff, "HT04", "2026-03-02T09:00", delivery="postal")
    doc = services.documents.get(d.receipt_document_id)
    assert doc.number_symbol == "01/TNHS-UBND" and doc.case_id == d.case_id
    _check_form(services, doc, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", d.code, "Nguyễn Văn Dân",
                "09:00 02/03/2026", "16:30 05/03/2026", "Qua dịch vụ bưu chính công ích",
                "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", "số thứ tự 1", "Lê Thị Tiếp Nhận")


@pytest.mark.rule("R-MC-06")
@pytest.mark.rule("R-MC-13")
def test_r_mc_13_supplement_request_lists_everything_at_once(services, staff):
    d = receive(services, staff, "NCN01", "2026-03-02T09:00", docs=[{"code": "DN"}, {"code": "CCCD"}])
    with pytest.raises(ValidationError, match="liệt kê đầy đủ, một lần"):
        mc.request_supplement(services, d.code, items=[], actor=staff.officer)
    mc.request_supplement(services, d.code, actor=staff.officer, guide_officer="Lê Thị Tiếp Nhận",
                          items=[{"code": "PL", "reason": "Chưa nộp"}, {"code": "VBSK", "reason": "Chưa nộp"},
                                 {"what": "Đơn xin nhận con nuôi ghi thiếu ngày sinh", "reason": "Chưa đầy đủ"}])
    doc = DocumentRow.get(DocumentRow.doc_type == "motcua_supplement")
    _check_form(services, services.documents.get(doc.id), "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
                "Phiếu lý lịch tư pháp của người nhận con nuôi", "Giấy khám sức khỏe",
                "ghi thiếu ngày sinh", "Công chức hướng dẫn: Lê Thị Tiếp Nhận")


@pytest.mark.rule("R-MC-07")
def test_r_mc_07_refusal_states_reason(services, staff, recorder):
    d = receive(services, staff, "HT04")
    with pytest.raises(ValidationError, match="lý do"):
        mc.refuse(services, d.code, reason=" ", actor=staff.handler)
    out = mc.refuse(services, d.code, reason="Người yêu cầu không thuộc thẩm quyền giải quyết", actor=staff.handler)
    assert out.state == "refused" and not out.is_open
    doc = DocumentRow.get(DocumentRow.doc_type == "motcua_refusal")
    _check_form(services, services.documents.get(doc.id), "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
                "không thuộc thẩm quyền")
    assert ("closed", d.code, "refused") in recorder.calls


def test_stop_notice_form(services, staff):
    d = receive(services, staff, "HT04")
    mc.stop(services, d.code, reason="Người nộp hồ sơ đề nghị dừng giải quyết", actor=staff.handler)
    doc = DocumentRow.get(DocumentRow.doc_type == "motcua_stop")
    _check_form(services, services.documents.get(doc.id), "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "đề nghị dừng")


@pytest.mark.rule("R-MC-15")
def test_r_mc_15_apology_form_signed_by_head(services, staff):
    d = receive(services, staff, "HT04", "2026-03-02T09:00")
    mc.transfer(services, d.code, actor=staff.officer, at=at("2026-03-02T10:00"))
    a = mc.draft_apology(services, d.code, actor=staff.handler, reason="Chờ kết quả xác minh của xã khác.")
    assert a.proposed_due == D(2026, 3, 10)  # default: the procedure's 3 working days again
    signed = mc.sign_apology(services, a.id, signer_name="Hoàng Văn Trưởng", signer_title="Chánh Văn phòng",
                             actor=staff.head, at=at("2026-03-04T08:00"))
    _check_form(services, services.documents.get(signed.document_id),
                "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT", "thành thật xin lỗi",
                "16:30 10/03/2026", "Hoàng Văn Trưởng", "CHÁNH VĂN PHÒNG")


@pytest.mark.rule("R-MC-08")
def test_r_mc_08_control_sheet_from_case_events(services, staff):
    d = receive(services, staff, "HT04", "2026-03-02T09:00")  # due 05/03
    mc.transfer(services, d.code, actor=staff.officer, handler_id=staff.handler_id, at=at("2026-03-02T10:00"))
    mc.mark_result_ready(services, d.code, actor=staff.handler, at=at("2026-03-05T14:00"))
    mc.return_result(services, d.code, actor=staff.officer, at=at("2026-03-06T08:00"))
    steps = mc.control_steps(services, d.code)
    assert [s["step"] for s in steps] == ["Tiếp nhận hồ sơ", "Chuyển xử lý",
                                          "Chuyển kết quả về Bộ phận Một cửa", "Trả kết quả"]
    assert steps[1]["giver"] == "Lê Thị Tiếp Nhận" and steps[1]["receiver"] == "Phạm Văn Xử Lý"
    assert [s["status"] for s in steps] == ["Trước hạn", "Trước hạn", "Đúng hạn", "Quá hạn"]
    doc = mc.issue_control_sheet(services, d.code, actor=staff.officer)
    _check_form(services, doc, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Chuyển xử lý", "Phạm Văn Xử Lý",
                "Quá hạn")


def test_postal_return_needs_tracking_number(services, staff):
    d = receive(services, staff, "HT04", delivery="postal")
    mc.transfer(services, d.code, actor=staff.officer)
    mc.mark_result_ready(services, d.code, actor=staff.handler)
    with pytest.raises(ValidationError, match="số hiệu bưu gửi"):
        mc.return_result(services, d.code, actor=staff.officer, delivery="postal")
    out = mc.return_result(services, d.code, actor=staff.officer, delivery="postal", postal_tracking="EA123456789VN")
    assert out.state == "returned" and out.postal_tracking == "EA123456789VN"


@pytest.mark.rule("R-MC-09")
def test_r_mc_09_register_view_and_exports(services, staff):
    d = receive(services, staff, "HT04", "2026-03-02T09:00")
    mc.transfer(services, d.code, actor=staff.officer, at=at("2026-03-02T10:00"))
    receive(services, staff, "HT01", "2026-03-03T09:00")
    rows = mc.register_rows(services, D(2026, 3, 1), D(2026, 3, 31))
    assert [r[1] for r in rows] == [d.code, rows[1][1]] and rows[0][0] == "1"
    assert rows[0][9] == "10:00 02/03/2026"  # transfer date
    csv_text = mc.register_csv(services, D(2026, 3, 1), D(2026, 3, 31), actor=staff.officer).decode("utf-8-sig")
    assert d.code in csv_text and "Mã hồ sơ" in csv_text
    wb = openpyxl.load_workbook(io.BytesIO(mc.register_xlsx(services, D(2026, 3, 1), D(2026, 3, 2))))
    ws = wb.active
    assert ws.cell(3, 2).value == d.code and ws.max_row == 3
    assert audit.entries(action="motcua.register.export")  # R-DL-11
