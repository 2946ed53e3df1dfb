"""Feeds (JSON Feed 1.1, Atom) parsed by a real parser; exports; privacy on public output."""
import feedparser
import jsonschema
import pytest
from thanthien.plugins.congkhai import exports, feeds
from thanthien.plugins.congkhai import services as ck

from .helpers import JSONFEED_SCHEMA, at, d

BASE = "https://backan.example.gov.vn"
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def notices(core, ward):
    out = []
    for cat, title, body in [
        ("ngan_sach", "Dự toán ngân sách 2026", "<p>Tổng thu 12 tỷ đồng</p><script>x()</script>"),
        ("chinh_sach_an_sinh", "Danh sách hộ nghèo", "<p>Liên hệ 0912345678, CCCD 006190012345</p>"),
        ("phi_le_phi", "Mức thu phí chợ", "<p>Phí chợ</p>"),
    ]:
        n = ck.create_notice(core, category=cat, title=title, body_html=body, actor=ward.officer)
        if cat == "ngan_sach":  # a file is attached to the draft; the published version stays as disclosed
            ck.add_attachment(core, n.id, filename="du-toan.pdf", data=PDF, actor=ward.officer)
        out.append(ck.publish_notice(core, n.id, actor=ward.officer, at=at("2026-03-03")))
    return out


def _feed(core):
    items = ck.public_notices()
    jf = feeds.json_feed(core, items, base_url=BASE, feed_path="/congkhai/feed.json", title="Thông tin công khai")
    atom = feeds.atom_feed(core, items, base_url=BASE, feed_path="/congkhai/feed.atom",
                           title="Thông tin công khai", updated=None)
    return jf, atom


def test_json_feed_valid_and_parsed(core, ward, notices):
    jf, atom = _feed(core)
    jsonschema.validate(jf, JSONFEED_SCHEMA, format_checker=jsonschema.FormatChecker())
    assert [i["title"] for i in jf["items"]] == ["Mức thu phí chợ", "Danh sách hộ nghèo", "Dự toán ngân sách 2026"]
    budget = jf["items"][2]
    assert budget["attachments"][0]["mime_type"] == "application/pdf"
    assert budget["date_published"] == "2026-03-03T09:00:00+07:00"
    parsed = feedparser.parse(atom)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10" and len(parsed.entries) == 3
    assert parsed.entries[2].title == "Dự toán ngân sách 2026"
    assert parsed.entries[2].tags[0].label == "Dự toán, quyết toán ngân sách"
    assert parsed.entries[2].enclosures[0].type == "application/pdf"


def test_withdrawn_notices_leave_the_feeds(core, ward, notices):
    ck.withdraw_notice(core, notices[2].id, reason="Sai mức thu", actor=ward.officer)
    jf, atom = _feed(core)
    assert "Mức thu phí chợ" not in [i["title"] for i in jf["items"]]
    assert "Mức thu phí chợ" not in [e.title for e in feedparser.parse(atom).entries]


def test_public_output_has_no_personal_numbers_or_script(core, ward, notices):
    jf, atom = _feed(core)
    text = str(jf) + atom.decode()
    assert "0912345678" not in text and "006190012345" not in text and "x()" not in text
    assert "Nông Thị Trang" not in text  # the officer
    assert "•••" in text


def test_public_board_filters_and_accentless_search(core, ward, notices):
    assert [n.title for n in ck.public_notices(query="ngan sach")] == ["Dự toán ngân sách 2026"]
    assert [n.title for n in ck.public_notices(query="HO NGHEO")] == ["Danh sách hộ nghèo"]
    assert [n.title for n in ck.public_notices(category="phi_le_phi")] == ["Mức thu phí chợ"]
    assert len(ck.public_notices(group_id=ward.groups[0].id)) == 3
    assert ck.public_notices(start=d("2026-03-04")) == []
    assert len(ck.public_notices(end=d("2026-03-03"))) == 3


def test_loudspeaker_script_social_text_poster(core, ward, notices):
    social = notices[1]
    script = exports.loudspeaker_script(core, social, start=d("2026-03-04"))
    assert "BẢN TIN PHÁT THANH" in script and "Danh sách hộ nghèo" in script
    assert "3 ngày liên tục" in script and "Ngày 04/03/2026" in script and "Ngày 06/03/2026" in script
    assert "0912345678" not in script
    budget_script = exports.loudspeaker_script(core, notices[0])
    assert "không bắt buộc phát" in budget_script
    zalo = exports.social_text(core, social, BASE)
    assert f"{BASE}/congkhai/notices/{social.id}" in zalo and "ít nhất 30 ngày" in zalo
    poster = exports.poster_html(core, notices[0], BASE)
    # A4 through the stylesheet file (the content-security policy forbids inline styles)
    assert "THÔNG BÁO CÔNG KHAI" in poster and '<link rel="stylesheet" href="/static/a4.css">' in poster
    assert "<script" not in poster and "<style" not in poster
    assert "du-toan.pdf" in poster
