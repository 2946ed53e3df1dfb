"""Official documents (R-VB-*): numbering, register, printable HTML and .docx."""
from __future__ import annotations

import datetime as dt
import io

import docx
import pluggy
import pytest
from docx.shared import Mm, Pt

import thanthien.core.hookspecs
from thanthien.core.documents import (
    GENERIC_TYPES,
    DocumentService,
    DocumentType,
    default_template_dir,
    parse_html,
)
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.hookspecs import hookimpl
from thanthien.core.models import CORE_MODELS, AuditRow, CounterRow, DocumentRow
from thanthien.core.settings import Settings
from thanthien.core.storage.db import open_database, write_transaction

D = dt.date


def _plugin_manager(settings, plugins=()):
    try:
        from thanthien.core.plugins import make_plugin_manager

        return make_plugin_manager(settings, load_entrypoints=False, plugins=plugins)
    except Exception:  # noqa: BLE001 - core/system.py not importable yet: specs only
        pm = pluggy.PluginManager("thanthien")
        pm.add_hookspecs(thanthien.core.hookspecs)
        for name, plugin in plugins:
            pm.register(plugin, name=name)
        return pm


class Recorder:
    """A test plugin: one extra document type, and the issued events it saw."""

    def __init__(self):
        self.issued = []

    @hookimpl
    def register_document_types(self, settings):
        return [DocumentType("to_trinh", "Tờ trình", "TTr", "documents/thong_bao.html", plugin="recorder")]

    @hookimpl
    def document_issued(self, document):
        self.issued.append(document)


@pytest.fixture
def store(tmp_path):
    db = open_database(f"sqlite:///{tmp_path}/t.db")
    db.create_tables(CORE_MODELS)
    yield db
    db.close()


@pytest.fixture
def recorder():
    return Recorder()


@pytest.fixture
def svc(store, recorder):
    settings = Settings()
    pm = _plugin_manager(settings, plugins=[("recorder", recorder)])
    return DocumentService(pm, settings)


ON = D(2026, 1, 5)


def issue(svc, doc_type="thong_bao", on=ON, **kw):
    args = {
        "subject": "Về việc tổ chức Hội nghị đối thoại với Nhân dân năm 2026",
        "context": {"paragraphs": ["Ủy ban nhân dân phường thông báo lịch đối thoại.",
                                   "Đề nghị các tổ dân phố phối hợp."]},
        "signer_name": "Nguyễn Văn An",
        "signer_title": "Chủ tịch",
        "recipients": ["Thường trực Đảng ủy phường", "- Các tổ dân phố;"],
        "issued_on": on,
        "drafting_unit": "VP",
    }
    args.update(kw)
    return svc.issue(doc_type, **args)


def docx_text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    lines = []

    def walk_tables(tables):
        for t in tables:
            for row in t.rows:
                for cell in row.cells:
                    lines.extend(p.text for p in cell.paragraphs)
                    walk_tables(cell.tables)

    lines.extend(p.text for p in d.paragraphs)
    walk_tables(d.tables)
    return "\n".join(lines)


# --------------------------------------------------------------------------- types


def test_generic_types_and_plugin_types(svc):
    keys = set(svc.types)
    assert {"thong_bao", "cong_van", "quyet_dinh", "ke_hoach", "bao_cao", "giay_moi"} <= keys
    assert svc.types["cong_van"].kind == "letter"
    assert svc.types["quyet_dinh"].symbol == "QĐ"
    assert svc.types["to_trinh"].plugin == "recorder"
    for t in GENERIC_TYPES:
        assert (default_template_dir() / t.template).is_file()


@pytest.mark.rule("R-VB-10")
def test_r_vb_10_type_symbol_must_be_upper_case():
    with pytest.raises(ValueError):
        DocumentType("x", "X", "tb", "documents/thong_bao.html")
    with pytest.raises(ValueError):
        DocumentType("x", "X", "T B", "documents/thong_bao.html")
    with pytest.raises(ValueError):
        DocumentType("x", "X", "TB_UBND", "documents/thong_bao.html")


# --------------------------------------------------------------------------- numbering


@pytest.mark.rule("R-VB-10")
@pytest.mark.rule("R-VB-24")
def test_r_vb_10_r_vb_24_numbers_per_type_and_year(svc):
    a = issue(svc)
    b = issue(svc, on=D(2026, 3, 2))
    q = issue(svc, "quyet_dinh", context={"articles": ["Phê duyệt kế hoạch."]})
    c = issue(svc, on=D(2026, 12, 31))
    assert (a.number, b.number, c.number, q.number) == (1, 2, 3, 1)
    assert a.number_symbol == "01/TB-UBND"
    assert b.number_symbol == "02/TB-UBND"
    assert q.number_symbol == "01/QĐ-UBND"
    # R-VB-24: a new year starts again at 01 on 01/01.
    n = issue(svc, on=D(2027, 1, 1))
    assert n.number_symbol == "01/TB-UBND" and n.year == 2027
    # and the old year's series goes on independently
    assert issue(svc, on=D(2026, 12, 31)).number_symbol == "04/TB-UBND"


@pytest.mark.rule("R-VB-10")
def test_r_vb_10_two_digit_numbers_and_letter_symbol(svc):
    for _ in range(10):
        last = issue(svc)
    assert last.number_symbol == "10/TB-UBND"
    letter = issue(svc, "cong_van", subject="Đề nghị cung cấp số liệu hộ nghèo",
                   addressees=["Phòng Văn hóa - Xã hội"])
    assert letter.number_symbol == "01/UBND-VP"


@pytest.mark.rule("R-VB-24")
def test_r_vb_24_rolled_back_issue_leaves_no_gap(svc):
    with pytest.raises(RuntimeError), write_transaction():
        doc = issue(svc)
        assert doc.number == 1
        raise RuntimeError("the caller's work failed")
    assert DocumentRow.select().count() == 0
    again = issue(svc)
    assert again.number_symbol == "01/TB-UBND"
    assert CounterRow.get_by_id("doc:TB-UBND:2026").value == 1  # one series per symbol and year


def test_issue_records_audit_and_fires_event(svc, recorder):
    doc = issue(svc)
    row = AuditRow.select().where(AuditRow.action == "document.issue").get()
    assert row.entity == "document" and row.entity_id == str(doc.id)
    assert row.after["number_symbol"] == "01/TB-UBND"
    assert [d.id for d in recorder.issued] == [doc.id]


def test_plugin_type_is_issued(svc):
    doc = issue(svc, "to_trinh")
    assert doc.number_symbol == "01/TTr-UBND"  # NĐ 30 Phụ lục III spells Tờ trình "TTr"


def test_issue_rejects_bad_input(svc):
    with pytest.raises(ValidationError) as err:
        svc.issue("khong_co", subject=" ", context={}, signer_name="", signer_title="",
                  recipients=[" ", "-"])
    fields = {f for f, _ in err.value.errors}
    assert fields == {"doc_type", "subject", "recipients", "signer_name", "signer_title"}
    assert all(msg for _, msg in err.value.errors)
    assert DocumentRow.select().count() == 0


@pytest.mark.rule("R-VB-19")
def test_r_vb_19_letter_needs_addressee(svc):
    with pytest.raises(ValidationError) as err:
        issue(svc, "cong_van")
    assert err.value.errors[0][0] == "addressees"


@pytest.mark.rule("R-VB-18")
def test_r_vb_18_no_academic_title_before_signer_name(svc):
    with pytest.raises(ValidationError) as err:
        issue(svc, signer_name="TS. Nguyễn Văn An")
    assert err.value.errors[0][0] == "signer_name"
    assert issue(svc, signer_name="Tạ Sơn").signer_name == "Tạ Sơn"


# --------------------------------------------------------------------------- register


def test_register_lists_issued_documents_newest_first(svc):
    a = issue(svc, on=D(2026, 1, 5))
    b = issue(svc, "quyet_dinh", on=D(2026, 2, 1), context={"articles": ["Điều khoản."]})
    c = issue(svc, on=D(2027, 1, 2))
    assert [d.id for d in svc.register()] == [c.id, b.id, a.id]
    assert [d.id for d in svc.register(year=2026)] == [b.id, a.id]
    assert [d.id for d in svc.register(doc_type="thong_bao")] == [c.id, a.id]
    assert [d.id for d in svc.register(limit=1, offset=1)] == [b.id]
    got = svc.get(a.id)
    assert got == a
    assert got.recipients == ("Thường trực Đảng ủy phường", "Các tổ dân phố")
    with pytest.raises(NotFound):
        svc.get(9999)


# --------------------------------------------------------------------------- docx

EXPECTED_PARTS = [
    "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN",  # R-VB-08
    "ỦY BAN NHÂN DÂN PHƯỜNG BẮC KẠN",  # R-VB-09
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # R-VB-06
    "Độc lập - Tự do - Hạnh phúc",  # R-VB-07
    "Số: 01/TB-UBND",  # R-VB-10
    "Bắc Kạn, ngày 05 tháng 01 năm 2026",  # R-VB-11
    "THÔNG BÁO",  # R-VB-12
    "Về việc tổ chức Hội nghị đối thoại với Nhân dân năm 2026",  # R-VB-13
    "Ủy ban nhân dân phường thông báo lịch đối thoại.",  # R-VB-16
    "Nơi nhận:",  # R-VB-20
    "- Thường trực Đảng ủy phường;",
    "- Các tổ dân phố;",
    "- Lưu: VT, VP.",
    "TM. ỦY BAN NHÂN DÂN",  # R-VB-18
    "CHỦ TỊCH",
    "Nguyễn Văn An",
]


@pytest.mark.rule("R-VB-01")
def test_r_vb_01_docx_contains_every_part_in_order(svc):
    text = docx_text(svc.render_docx(issue(svc)))
    positions = [text.find(part) for part in EXPECTED_PARTS]
    assert -1 not in positions, [p for p, i in zip(EXPECTED_PARTS, positions, strict=True) if i < 0]
    # header table first, then body paragraphs, then the foot table (tables listed after
    # paragraphs by docx_text): check the order inside each block
    assert text.index("Số: 01/TB-UBND") < text.index("Bắc Kạn, ngày 05 tháng 01 năm 2026")
    assert text.index("THÔNG BÁO") < text.index("Về việc tổ chức") < text.index("Ủy ban nhân dân phường thông báo")


@pytest.mark.rule("R-VB-01")
def test_r_vb_01_docx_body_order_in_document(svc):
    d = docx.Document(io.BytesIO(svc.render_docx(issue(svc))))
    body = d.element.body
    kinds = [el.tag.rsplit("}", 1)[1] for el in body.iterchildren()]
    # header table, title/subject/body paragraphs, foot table, section properties
    assert kinds[0] == "tbl" and kinds[-2] == "tbl" and kinds[-1] == "sectPr"
    head, foot = d.tables[0], d.tables[-1]
    assert head.cell(0, 1).paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert foot.cell(0, 0).paragraphs[0].text == "Nơi nhận:"
    assert foot.cell(0, 0).paragraphs[-1].text == "- Lưu: VT, VP."
    assert foot.cell(0, 1).paragraphs[-1].text == "Nguyễn Văn An"


@pytest.mark.rule("R-VB-03")
def test_r_vb_03_docx_a4_portrait_and_margins(svc):
    d = docx.Document(io.BytesIO(svc.render_docx(issue(svc))))
    s = d.sections[0]
    assert abs(s.page_width - Mm(210)) < Mm(0.1)
    assert abs(s.page_height - Mm(297)) < Mm(0.1)
    assert s.page_height > s.page_width
    assert abs(s.top_margin - Mm(20)) < Mm(0.1)
    assert abs(s.bottom_margin - Mm(20)) < Mm(0.1)
    assert abs(s.left_margin - Mm(30)) < Mm(0.1)
    assert abs(s.right_margin - Mm(15)) < Mm(0.1)


@pytest.mark.rule("R-VB-04")
@pytest.mark.rule("R-VB-16")
def test_r_vb_04_docx_times_new_roman(svc):
    d = docx.Document(io.BytesIO(svc.render_docx(issue(svc))))
    normal = d.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)
    runs = [r for p in d.paragraphs for r in p.runs]
    runs += [r for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert runs and all(r.font.name in (None, "Times New Roman") for r in runs)
    body = next(p for p in d.paragraphs if p.text.startswith("Ủy ban nhân dân phường thông báo"))
    assert body.alignment == 3  # justified
    assert abs(body.paragraph_format.first_line_indent - Mm(10)) < Mm(0.1)
    assert body.paragraph_format.space_after == Pt(6)


@pytest.mark.rule("R-VB-06")
@pytest.mark.rule("R-VB-07")
@pytest.mark.rule("R-VB-11")
@pytest.mark.rule("R-VB-12")
@pytest.mark.rule("R-VB-20")
def test_docx_run_formatting(svc):
    d = docx.Document(io.BytesIO(svc.render_docx(issue(svc))))
    head, foot = d.tables[0], d.tables[-1]

    def run_of(paragraph):
        return paragraph.runs[0]

    national, motto = head.cell(0, 1).paragraphs[:2]
    assert run_of(national).bold and run_of(national).font.size == Pt(12)
    assert run_of(motto).bold and run_of(motto).underline  # R-VB-07 underlined
    place = head.cell(1, 1).paragraphs[0]
    assert run_of(place).italic and run_of(place).font.size == Pt(14)
    title = next(p for p in d.paragraphs if p.text == "THÔNG BÁO")
    assert run_of(title).bold and title.alignment == 1
    label = foot.cell(0, 0).paragraphs[0]
    assert run_of(label).bold and run_of(label).italic and run_of(label).font.size == Pt(12)
    assert run_of(foot.cell(0, 0).paragraphs[1]).font.size == Pt(11)
    # the header table is borderless
    assert 'w:val="nil"' in head._tbl.xml


@pytest.mark.rule("R-VB-05")
def test_r_vb_05_docx_page_numbers_except_first_page(svc):
    d = docx.Document(io.BytesIO(svc.render_docx(issue(svc))))
    s = d.sections[0]
    assert s.different_first_page_header_footer is True
    assert "PAGE" in s.header._element.xml
    assert s.header.paragraphs[0].alignment == 1
    assert "PAGE" not in s.first_page_header._element.xml


@pytest.mark.rule("R-VB-14")
@pytest.mark.rule("R-VB-19")
def test_r_vb_14_letter_has_vv_and_kinh_gui(svc):
    one = issue(svc, "cong_van", subject="Đề nghị cung cấp số liệu hộ nghèo",
                addressees=["Phòng Văn hóa - Xã hội"])
    text = docx_text(svc.render_docx(one))
    assert "V/v Đề nghị cung cấp số liệu hộ nghèo" in text
    assert "Kính gửi: Phòng Văn hóa - Xã hội." in text
    assert "CÔNG VĂN" not in text
    d = docx.Document(io.BytesIO(svc.render_docx(one)))
    vv = d.tables[0].cell(1, 0).paragraphs[1]
    assert vv.text.startswith("V/v") and vv.runs[0].font.size == Pt(12)
    assert vv.paragraph_format.space_before == Pt(6)
    many = issue(svc, "cong_van", subject="V/v rà soát hộ nghèo",
                 addressees=["Tổ dân phố 1", "Tổ dân phố 2;", "Tổ dân phố 3"])
    text = docx_text(svc.render_docx(many))
    assert "V/v rà soát hộ nghèo" in text and "V/v V/v" not in text
    assert "Kính gửi:\n- Tổ dân phố 1;\n- Tổ dân phố 2;\n- Tổ dân phố 3." in text
    html = svc.render_html(many)
    assert "- Tổ dân phố 3." in html and "Số: 02/UBND-VP" in html


@pytest.mark.rule("R-VB-15")
@pytest.mark.rule("R-VB-17")
def test_r_vb_15_r_vb_17_decision_bases_and_articles(svc):
    doc = issue(svc, "quyet_dinh", subject="Về việc thành lập Tổ công tác",
                context={
                    "bases": ["Căn cứ Luật Tổ chức chính quyền địa phương;",
                              "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022."],
                    "proposal": "Theo đề nghị của Văn phòng HĐND và UBND phường",
                    "articles": ["Thành lập Tổ công tác.", {"text": "Quyết định có hiệu lực từ ngày ký."},
                                 {"title": "Tổ chức thực hiện", "text": "Văn phòng thi hành."}],
                })
    html = doc.body_html
    assert "<em>Căn cứ Luật Tổ chức chính quyền địa phương;</em>" in html
    assert "<em>Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022.</em>" in html
    assert "<strong>Điều 1.</strong> Thành lập Tổ công tác." in html
    assert "<strong>Điều 2.</strong> Quyết định có hiệu lực từ ngày ký." in html
    assert "<strong>Điều 3. Tổ chức thực hiện</strong></p>\n<p>Văn phòng thi hành.</p>" in html
    d = docx.Document(io.BytesIO(svc.render_docx(doc)))
    basis = next(p for p in d.paragraphs if p.text.startswith("Căn cứ Luật Tổ chức"))
    assert basis.runs[0].italic and basis.text.endswith(";")
    art = next(p for p in d.paragraphs if p.text.startswith("Điều 1."))
    assert art.runs[0].bold and art.runs[0].text == "Điều 1."
    assert not art.runs[1].bold
    texts = [p.text for p in d.paragraphs]
    assert "QUYẾT ĐỊNH" in texts and "QUYẾT ĐỊNH:" in texts
    assert "ỦY BAN NHÂN DÂN PHƯỜNG BẮC KẠN" in texts


def test_docx_body_converter_lists_tables_headings(svc):
    doc = issue(svc, "ke_hoach", subject="Kế hoạch thực hiện dân chủ ở cơ sở năm 2026",
                context={
                    "sections": [
                        {"title": "Mục đích, yêu cầu", "paragraphs": ["Nâng cao chất lượng."],
                         "items": ["Công khai kịp thời", "Đúng quy định"]},
                        {"title": "Nội dung",
                         "subsections": [{"title": "Tiếp công dân", "paragraphs": ["Hằng tuần."]}]},
                    ],
                    "table": {"header": ["STT", "Nội dung"], "rows": [["1", "Đối thoại"], ["2", "Tiếp dân"]]},
                })
    d = docx.Document(io.BytesIO(svc.render_docx(doc)))
    texts = [p.text for p in d.paragraphs]
    assert "I. MỤC ĐÍCH, YÊU CẦU" in texts and "II. NỘI DUNG" in texts
    assert "1. Tiếp công dân" in texts
    assert "- Công khai kịp thời" in texts
    h = next(p for p in d.paragraphs if p.text == "I. MỤC ĐÍCH, YÊU CẦU")
    assert h.runs[0].bold
    grid = d.tables[1]
    assert [c.text for c in grid.rows[0].cells] == ["STT", "Nội dung"]
    assert grid.rows[0].cells[0].paragraphs[0].runs[0].bold
    assert [c.text for c in grid.rows[2].cells] == ["2", "Tiếp dân"]


def test_body_converter_inline_markup(svc):
    from thanthien.core.documents import _BodyConverter, _DocxWriter

    writer = _DocxWriter(svc.layout(D(2026, 1, 5)))
    d = docx.Document()
    _BodyConverter(writer).blocks(
        d, parse_html("<p>Một <b>đậm</b> <i>nghiêng</i> <u>gạch</u><br>dòng&nbsp;hai &amp; ba</p>"
                      "<ol><li>thứ nhất</li><li>thứ hai</li></ol><script>alert(1)</script>").children,
        level=0)
    p = d.paragraphs[-3]
    runs = {r.text: r for r in p.runs}
    assert runs["đậm"].bold and runs["nghiêng"].italic and runs["gạch"].underline
    assert "w:br" in p._p.xml
    assert "dòng\xa0hai & ba" in p.text
    assert [x.text for x in d.paragraphs[-2:]] == ["1. thứ nhất", "2. thứ hai"]
    assert "alert" not in "\n".join(x.text for x in d.paragraphs)


def test_body_converter_draws_data_uri_png_images_only(svc):
    """A PNG given as a data: URI (the QR code of a receipt) is drawn in the .docx; an
    image from elsewhere, or a broken one, is left out."""
    from thanthien.core.documents import _BodyConverter, _DocxWriter

    png = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
    writer = _DocxWriter(svc.layout(D(2026, 1, 5)))
    d = docx.Document()
    _BodyConverter(writer).blocks(
        d, parse_html(f'<p>Quét mã:</p><p class="center"><img src="data:image/png;base64,{png}" data-width-mm="30"></p>'
                      '<p><img src="https://example.org/x.png"><img src="data:image/png;base64,AAAA"></p>').children,
        level=0)
    assert len(d.inline_shapes) == 1
    assert abs(d.inline_shapes[0].width.mm - 30) < 0.5


# --------------------------------------------------------------------------- HTML


@pytest.mark.rule("R-VB-01")
def test_r_vb_01_html_contains_every_part_in_order(svc):
    html = svc.render_html(issue(svc))
    assert html.startswith("<!DOCTYPE html>")
    positions = [html.find(part) for part in EXPECTED_PARTS if part not in ("- Các tổ dân phố;",)]
    assert -1 not in positions
    order = ["ỦY BAN NHÂN DÂN PHƯỜNG BẮC KẠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 01/TB-UBND",
             "Bắc Kạn, ngày 05 tháng 01 năm 2026", ">THÔNG BÁO<", "Về việc tổ chức",
             "Ủy ban nhân dân phường thông báo", "Nơi nhận:", "- Lưu: VT, VP.", "TM. ỦY BAN NHÂN DÂN",
             "Nguyễn Văn An"]
    idx = [html.index(o) for o in order]
    assert idx == sorted(idx)
    assert 'lang="vi"' in html


@pytest.mark.rule("R-VB-03")
@pytest.mark.rule("R-VB-04")
@pytest.mark.rule("R-VB-05")
def test_r_vb_03_html_print_css(svc):
    html = svc.render_html(issue(svc))
    assert "size: 210mm 297mm" in html
    assert "margin: 20mm 15mm 20mm 30mm" in html
    assert "Times New Roman" in html
    assert "@top-center { content: counter(page)" in html
    assert "@page :first { @top-center { content: none; } }" in html
    assert "text-indent: 10mm" in html


def test_html_escapes_subject_and_context(svc):
    evil = "<script>alert('x')</script>"
    doc = issue(svc, subject=f"Về việc {evil}", context={"paragraphs": [evil], "bases": [evil]},
                recipients=[evil], signer_name=f"An {evil}")
    html = svc.render_html(doc)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<script>" not in doc.body_html
    text = docx_text(svc.render_docx(doc))
    assert "Về việc <script>alert('x')</script>" in text  # plain text in Word, not markup


def test_rendering_uses_the_snapshot_not_todays_settings(svc, store):
    doc = issue(svc)
    renamed = Settings().evolve(ward=Settings().ward.__class__(name="Phường Đức Xuân", place_name="Đức Xuân"))
    other = DocumentService(svc.pm, renamed)
    html = other.render_html(other.get(doc.id))
    assert "ỦY BAN NHÂN DÂN PHƯỜNG BẮC KẠN" in html
    assert "Bắc Kạn, ngày 05 tháng 01 năm 2026" in html
    assert "ĐỨC XUÂN" not in html
    new = other.issue("thong_bao", subject="Thông báo mới", context={}, signer_name="Lê Bình",
                      signer_title="Chủ tịch", recipients=["Như trên"], issued_on=D(2026, 2, 1))
    assert "ỦY BAN NHÂN DÂN PHƯỜNG ĐỨC XUÂN" in other.render_html(new)
    assert new.number_symbol == "02/TB-UBND"


def test_ward_override_template_dir(tmp_path, store):
    override = tmp_path / "ward" / "documents"
    override.mkdir(parents=True)
    (override / "thong_bao.html").write_text(
        '{% extends "default:documents/thong_bao.html" %}<p>Ghi chú của phường</p>', encoding="utf-8")
    (override / "giay_moi.html").write_text("<p>Mẫu riêng: {{ venue }}</p>", encoding="utf-8")
    settings = Settings().evolve(web=Settings().web.__class__(template_dir=str(tmp_path / "ward")))
    svc = DocumentService(_plugin_manager(settings), settings)
    doc = issue(svc, "giay_moi", context={"venue": "Hội trường <A>"})
    assert doc.body_html == "<p>Mẫu riêng: Hội trường &lt;A&gt;</p>"


@pytest.mark.rule("R-VB-03")
def test_layout_fallback_reader_matches_rulebook(svc):
    from pathlib import Path

    import thanthien.core.documents as documents

    fallback = documents._RuleFile(Path(documents.__file__).parent / "data" / "rules" / "vb.toml")
    on = D(2026, 1, 5)
    assert documents.Layout.from_rules(fallback, on) == svc.layout(on)
    assert svc.layout(on).margin_left == 30 and svc.layout(on).body_size == 14


class SecondLetter:
    @hookimpl
    def register_document_types(self, settings):
        return [DocumentType("thu_cong", "Thư", "", "documents/thong_bao.html", kind="letter", plugin="second")]


@pytest.mark.rule("R-VB-24")
def test_r_vb_24_letters_of_two_types_sharing_a_symbol_never_share_a_number(store):
    settings = Settings()
    svc = DocumentService(_plugin_manager(settings, plugins=[("second", SecondLetter())]), settings)
    a = issue(svc, "cong_van", addressees=["Phòng Văn hóa - Xã hội"])
    b = issue(svc, "thu_cong", addressees=["Gia đình ông Nguyễn Văn B"])
    assert (a.number_symbol, b.number_symbol) == ("01/UBND-VP", "02/UBND-VP")


@pytest.mark.rule("R-VB-09")
def test_r_vb_09_r_vb_10_another_issuing_body_heads_and_numbers_its_documents(svc):
    from thanthien.core.documents import Issuer

    board = Issuer("Ban Thanh tra nhân dân phường Bắc Kạn", "BTTND", "Ủy ban Mặt trận Tổ quốc Việt Nam phường Bắc Kạn")
    ubnd = issue(svc)
    own = issue(svc, issuer=board, signing_authority="TM. BAN THANH TRA NHÂN DÂN")
    assert (ubnd.number_symbol, own.number_symbol) == ("01/TB-UBND", "01/TB-BTTND")
    text = docx_text(svc.render_docx(own))
    assert "BAN THANH TRA NHÂN DÂN PHƯỜNG BẮC KẠN" in text
    assert "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM PHƯỜNG BẮC KẠN" in text
    assert "ỦY BAN NHÂN DÂN PHƯỜNG BẮC KẠN" not in text.split("CỘNG HÒA")[0]
    assert "BAN THANH TRA NHÂN DÂN PHƯỜNG BẮC KẠN" in svc.render_html(own)
    with pytest.raises(ValidationError):
        issue(svc, issuer=Issuer("Ban", "bttnd"))
