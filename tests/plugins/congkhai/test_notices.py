"""Notices through congkhai: drafts, publication, versions, sanitising, uploads, ledger."""

import pytest
from thanthien.core.errors import IllegalTransition, PermissionDenied, ValidationError
from thanthien.core.models import AuditRow, NoticeRow
from thanthien.core.richtext import clean_html
from thanthien.plugins.congkhai import services as ck
from thanthien.plugins.congkhai.models import AttachmentRow, NoticeMetaRow, PostingRow, RequirementRow

from .helpers import at, d

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def publish(core, ward, category="ngan_sach", day="2026-03-03", decision="2026-03-02", **kw):
    n = ck.create_notice(core, category=category, title=kw.pop("title", "Công khai dự toán ngân sách 2026"),
                         body_html=kw.pop("body_html", "<p>Nội dung</p>"), actor=ward.officer,
                         decision_ref="Quyết định số 12/QĐ-UBND", decision_date=d(decision) if decision else None,
                         today=d(day), **kw)
    return ck.publish_notice(core, n.id, actor=ward.officer, at=at(day))


def test_publish_fixes_every_place_with_the_rules_in_force(core, ward):
    notice = publish(core, ward, "chinh_sach_an_sinh")
    reqs = ck.requirements(notice.id)
    kinds = sorted((r.kind, r.unit_id or 0) for r in reqs)
    g = sorted(x.id for x in ward.groups)
    expected = sorted([("website", 0), ("office", 0), ("loudspeaker", 0)]
                      + [(k, gid) for k in ("group_house", "group_head", "social_group") for gid in g])
    assert kinds == expected
    assert {r.due_date for r in reqs} == {d("2026-03-09")}
    assert ck.meta(notice.id).deadline == d("2026-03-09")
    assert ck.build_requirements(core, notice) == reqs  # idempotent


def test_draft_validation_stores_nothing(core, ward):
    before = (NoticeRow.select().count(), NoticeMetaRow.select().count())
    with pytest.raises(ValidationError) as e:
        ck.create_notice(core, category="khong_co", title=" ", actor=ward.officer,
                         decision_date=d("2026-03-10"), today=d("2026-03-02"), custom={"bay": True})
    fields = {f for f, _ in e.value.errors}
    assert {"decision_date", "custom"} <= fields
    with pytest.raises(ValidationError) as e:
        ck.create_notice(core, category="khong_co", title=" ", actor=ward.officer)
    assert {f for f, _ in e.value.errors} == {"category", "title"}
    with pytest.raises(ValidationError, match="do luật quy định"):
        ck.create_notice(core, category="ngan_sach", title="x", actor=ward.officer, custom={"permanent": True})
    assert (NoticeRow.select().count(), NoticeMetaRow.select().count()) == before


def test_only_authorised_staff_publish(core, ward):
    with pytest.raises(PermissionDenied):
        ck.create_notice(core, category="ngan_sach", title="x", actor=ward.head1)


@pytest.mark.rule("R-CK-12")
def test_r_ck_12_new_version_replaces_the_old(core, ward):
    v1 = publish(core, ward, "tthc", title="Danh mục thủ tục hành chính")
    v2 = ck.revise_notice(core, v1.id, title="Danh mục thủ tục hành chính (cập nhật)",
                          body_html="<p>Bổ sung 2 thủ tục</p>", actor=ward.officer)
    assert (v2.version, v2.parent_id, v2.state) == (2, v1.id, "draft")
    ck.publish_notice(core, v2.id, actor=ward.officer, at=at("2026-04-01"))
    states = {n.version: n.state for n in ck.versions(v2.id)}
    assert states == {1: "withdrawn", 2: "published"}
    assert "phiên bản 2" in ck.get_notice(v1.id).withdrawn_reason


HOSTILE = [
    '<p>Chào</p><script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">bấm</a>',
    '<a href="JaVaScRiPt:alert(1)">bấm</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<p onclick="steal()" style="background:url(javascript:x)">đoạn</p>',
    '<svg onload=alert(1)><circle/></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<style>body{display:none}</style><p>ẩn</p>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<form action="https://evil.example"><input name=a></form>',
]


@pytest.mark.parametrize("sample", HOSTILE)
def test_stored_body_is_sanitised(core, ward, sample):
    n = ck.create_notice(core, category="khac", title="Thử", body_html=sample, actor=ward.officer)
    stored = NoticeRow.get_by_id(n.id).body_html.lower()
    for bad in ("<script", "onerror", "onclick", "onload", "javascript:", "<iframe", "<style", "<svg",
                "<form", "<input", "alert(1)"):
        assert bad not in stored, (sample, stored)


def test_sanitiser_keeps_formatting():
    html = '<h2>Tiêu đề</h2><p><strong>Đậm</strong> <a href="https://ubnd.example/vb.pdf">Văn bản</a></p><ul><li>Mục</li></ul><table><tr><td colspan="2">Ô</td></tr></table>'
    out = clean_html(html)
    assert "<strong>Đậm</strong>" in out and 'href="https://ubnd.example/vb.pdf"' in out
    assert 'rel="noopener noreferrer nofollow"' in out and "<li>Mục</li>" in out and 'colspan="2"' in out


def test_attachment_accepted_and_checked(core, ward):
    n = ck.create_notice(core, category="ngan_sach", title="Dự toán", actor=ward.officer)
    a = ck.add_attachment(core, n.id, filename="../../du-toan.pdf", data=PDF, content_type="application/pdf",
                          actor=ward.officer)
    assert (a.filename, a.content_type, a.size, a.notice_id) == ("du-toan.pdf", "application/pdf", len(PDF), n.id)
    img = ck.add_attachment(core, n.id, filename="anh.PNG", data=PNG, actor=ward.officer)
    assert img.content_type == "image/png"
    assert ck.attachment_file(a.id)[1] == PDF


@pytest.mark.parametrize("filename,data,ctype,message", [
    ("virus.exe", b"MZ\x90\x00", "", "không đúng loại cho phép"),
    ("trang.html", b"<html><script>", "text/html", "không đúng loại cho phép"),
    ("anh.svg", b"<svg onload=alert(1)>", "image/svg+xml", "không đúng loại cho phép"),
    ("hoa-don.pdf", b"MZ\x90\x00 not a pdf", "application/pdf", "giả dạng"),
    ("anh.jpg", PNG, "image/jpeg", "giả dạng"),
    ("vb.pdf", PDF, "text/html", "khai báo kiểu text/html"),
    ("rong.pdf", b"", "", "rỗng"),
    ("lon.pdf", PDF + b"0" * (1024 * 1024), "application/pdf", "vượt quá mức tối đa 1,0 MB"),
])
def test_bad_upload_refused_and_nothing_stored(core, ward, tmp_path, filename, data, ctype, message):
    from thanthien.core.services import make_services
    from thanthien.core.settings import Settings, StorageSettings

    small = make_services(Settings(storage=StorageSettings(data_dir=str(tmp_path)),
                                   plugin={"congkhai": {"max_attachment_bytes": 1024 * 1024}}), core.pm)
    n = publish(core, ward)
    audit_before = AuditRow.select().count()
    with pytest.raises(ValidationError, match=message):
        ck.add_attachment(small, n.id, filename=filename, data=data, content_type=ctype, actor=ward.officer)
    assert AttachmentRow.select().count() == 0
    assert AuditRow.select().count() == audit_before


def test_ledger_records_and_scopes_group_heads(core, ward):
    n = publish(core, ward, "chinh_sach_an_sinh")
    g1, g2 = ward.groups[0].id, ward.groups[1].id
    p = ck.record_posting(core, n.id, kind="group_house", unit_id=g1, posted_on=d("2026-03-04"),
                          actor=ward.head1, today=d("2026-03-05"))
    assert (p.kind, p.unit_id, p.recorded_name) == ("group_house", g1, "Hoàng Văn Tổ")
    with pytest.raises(PermissionDenied):  # not their group
        ck.record_posting(core, n.id, kind="group_house", unit_id=g2, posted_on=d("2026-03-04"),
                          actor=ward.head1, today=d("2026-03-05"))
    with pytest.raises(PermissionDenied):  # ward-level places are staff work
        ck.record_posting(core, n.id, kind="office", posted_on=d("2026-03-04"), actor=ward.head1,
                          today=d("2026-03-05"))
    with pytest.raises(ValidationError, match="đang được niêm yết"):
        ck.record_posting(core, n.id, kind="group_house", unit_id=g1, posted_on=d("2026-03-05"),
                          actor=ward.head1, today=d("2026-03-05"))
    down = ck.take_down(core, p.id, removed_on=d("2026-04-05"), actor=ward.head1, today=d("2026-04-05"))
    assert down.removed_on == d("2026-04-05")
    assert [e.action for e in __import__("thanthien.core.audit", fromlist=["entries"]).entries(
        entity="notice", entity_id=n.id, limit=2)] == ["congkhai.posting.take_down", "congkhai.posting.record"]


def test_ledger_validation(core, ward):
    n = publish(core, ward, "chinh_sach_an_sinh")
    count = PostingRow.select().count()
    cases = [
        dict(kind="tivi", posted_on=d("2026-03-04")),
        dict(kind="group_house", posted_on=d("2026-03-04")),
        dict(kind="office", unit_id=ward.groups[0].id, posted_on=d("2026-03-04")),
        dict(kind="office", posted_on=d("2026-03-01")),
        dict(kind="office", posted_on=d("2026-03-09")),
        dict(kind="loudspeaker", posted_on=d("2026-03-04"), removed_on=d("2026-03-05")),
        dict(kind="office", posted_on=d("2026-03-04"), removed_on=d("2026-03-03")),
    ]
    for kw in cases:
        with pytest.raises(ValidationError):
            ck.record_posting(core, n.id, actor=ward.officer, today=d("2026-03-05"), **kw)
    assert PostingRow.select().count() == count
    ck.record_posting(core, n.id, kind="loudspeaker", posted_on=d("2026-03-04"), actor=ward.officer,
                      today=d("2026-03-05"))
    with pytest.raises(ValidationError, match="Đã ghi nhận phát loa"):
        ck.record_posting(core, n.id, kind="loudspeaker", posted_on=d("2026-03-04"), actor=ward.officer,
                          today=d("2026-03-05"))
    ck.withdraw_notice(core, n.id, reason="Sai đối tượng", actor=ward.officer)
    with pytest.raises(IllegalTransition):
        ck.record_posting(core, n.id, kind="office", posted_on=d("2026-03-05"), actor=ward.officer,
                          today=d("2026-03-05"))


def test_notice_published_by_core_gets_its_places_lazily(core, ward):
    from thanthien.core.notices import NoticeService

    bare = NoticeService(core.pm, core.settings)  # another module, through core (no bundle in its events)
    n = bare.create(category="phi_le_phi", title="Mức thu phí chợ")
    n = bare.publish(n.id, at=at("2026-03-03"))
    assert NoticeMetaRow.get(NoticeMetaRow.notice == n.id).search_text == "muc thu phi cho"
    assert RequirementRow.select().where(RequirementRow.notice == n.id).count() == 0
    report = ck.check(core, d("2026-03-04"), actor=ward.chair)
    assert RequirementRow.select().where(RequirementRow.notice == n.id).count() == 3 + 3 * 3
    assert ck.meta(n.id).deadline == d("2026-03-10")  # no decision date: counted from publication
    assert not report.gaps_of(n.id)


@pytest.mark.rule("R-CK-12")
def test_a_file_attached_to_a_published_notice_goes_on_a_new_version(core, ward):
    """Attack: changing what was published by attaching a file afterwards. The published
    version stays as disclosed; the file goes on a draft version that replaces it only
    when published, with the version history showing it."""
    n = publish(core, ward, "phi_le_phi", title="Mức thu phí chợ")
    a = ck.add_attachment(core, n.id, filename="bieu-phi.pdf", data=PDF, actor=ward.officer)
    assert a.notice_id != n.id
    assert ck.attachments(n.id) == [] and ck.get_notice(n.id).state == "published"
    v2 = ck.get_notice(a.notice_id)
    assert (v2.state, v2.version, v2.parent_id, v2.title) == ("draft", 2, n.id, n.title)
    # a second file joins the pending draft instead of making a third version
    b = ck.add_attachment(core, n.id, filename="anh.png", data=PNG, actor=ward.officer)
    assert b.notice_id == v2.id and [x.filename for x in ck.attachments(v2.id)] == ["bieu-phi.pdf", "anh.png"]
    assert [v.version for v in ck.versions(n.id)] == [1, 2]
    assert AuditRow.select().where(AuditRow.action == "congkhai.attachment.add",
                                   AuditRow.entity_id == str(v2.id)).count() == 2
    ck.publish_notice(core, v2.id, actor=ward.officer, at=at("2026-03-10"))
    assert ck.get_notice(n.id).state == "withdrawn"
    ck.withdraw_notice(core, v2.id, reason="Bãi bỏ mức thu", actor=ward.officer)
    with pytest.raises(IllegalTransition):
        ck.add_attachment(core, v2.id, filename="muon.pdf", data=PDF, actor=ward.officer)
