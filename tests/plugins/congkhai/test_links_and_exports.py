"""Absolute links come from ``[web] base_url``, never from the Host header; without it
they are relative (and feeds stay valid); exported spreadsheet cells are never formulas
(issue 10 item 8)."""
from __future__ import annotations

import csv
import io
import uuid

import feedparser
import jsonschema
import pytest
from openpyxl import load_workbook
from thanthien.core import accounts
from thanthien.plugins.congkhai import exports
from thanthien.plugins.congkhai import services as ck
from thanthien.testing import make_settings

from .helpers import JSONFEED_SCHEMA, PASSWORD, PDF, REQUEST, STAFF, at, run_cli

EVIL = "evil.example"
FORMULAS = ['=HYPERLINK("https://evil.example/x","Bấm vào đây")', "+84912345678", "-1+2", "@SUM(A1:A3)"]


def _published(core, ward):
    n = ck.create_notice(core, category="ngan_sach", title="Dự toán ngân sách 2026", body_html="<p>Dự toán</p>",
                         actor=ward.officer)
    ck.add_attachment(core, n.id, filename="du-toan.pdf", data=PDF, actor=ward.officer)
    return ck.publish_notice(core, n.id, actor=ward.officer, at=at("2026-03-03"))


def _officer(make_client, ward):
    accounts.create_account(ward.officer.person_id, "vanhoa", PASSWORD)
    return make_client("vanhoa", PASSWORD, headers={"Host": EVIL})


def test_without_base_url_links_are_relative_and_never_the_host_header(make_client, core, ward):
    n = _published(core, ward)
    anon = make_client(headers={"Host": EVIL})
    feed = anon.get("/congkhai/feed.json")
    assert EVIL not in feed.text
    doc = feed.json()
    jsonschema.validate(doc, JSONFEED_SCHEMA, format_checker=jsonschema.FormatChecker())
    assert "feed_url" not in doc and "home_page_url" not in doc  # the feed does not guess its own address
    assert doc["items"][0]["url"] == f"/congkhai/notices/{n.id}"
    atom = anon.get("/congkhai/feed.atom")
    assert EVIL not in atom.text
    parsed = feedparser.parse(atom.content)
    assert not parsed.bozo and parsed.entries[0].link == f"/congkhai/notices/{n.id}"
    assert uuid.UUID(parsed.entries[0].id.removeprefix("urn:uuid:"))  # an absolute IRI, stable for the ward
    assert parsed.feed.id.startswith("urn:uuid:")
    page = anon.get(f"/congkhai/notices/{n.id}.json").json()["notice"]
    assert page["url"] == f"/congkhai/notices/{n.id}" and page["attachments"][0]["url"].startswith("/congkhai/")
    officer = _officer(make_client, ward)
    for url in (f"{STAFF}/thong-bao/{n.id}/mang-xa-hoi", f"{STAFF}/thong-bao/{n.id}/ban-niem-yet"):
        r = officer.get(url)
        assert r.status_code == 200 and EVIL not in r.text and f"/congkhai/notices/{n.id}" in r.text, url


@pytest.fixture
def settings(tmp_path, request):
    """``[web] base_url`` set for the test that says so in its name."""
    if request.node.originalname.startswith("test_with_base_url"):
        from thanthien.core.settings import WebSettings

        return make_settings(tmp_path, web=WebSettings(base_url="https://backan.example.gov.vn/"),
                             plugin={"congkhai": {"website_feed": False}})
    return make_settings(tmp_path, plugin={"congkhai": {"website_feed": False}})


def test_with_base_url_links_are_absolute_on_that_address(make_client, core, ward, settings, pm, db):
    base = "https://backan.example.gov.vn"
    n = _published(core, ward)
    anon = make_client(headers={"Host": EVIL})
    doc = anon.get("/congkhai/feed.json").json()
    assert (doc["home_page_url"], doc["feed_url"]) == (f"{base}/congkhai/", f"{base}/congkhai/feed.json")
    assert doc["items"][0]["id"] == f"{base}/congkhai/notices/{n.id}"
    assert doc["items"][0]["attachments"][0]["url"].startswith(f"{base}/congkhai/attachments/")
    parsed = feedparser.parse(anon.get("/congkhai/feed.atom").content)
    assert not parsed.bozo and parsed.entries[0].id == f"{base}/congkhai/notices/{n.id}"
    officer = _officer(make_client, ward)
    assert f"{base}/congkhai/notices/{n.id}" in officer.get(f"{STAFF}/thong-bao/{n.id}/mang-xa-hoi").text
    assert EVIL not in officer.get(f"{STAFF}/thong-bao/{n.id}/ban-niem-yet").text
    assert f"{base}/congkhai/notices/{n.id}" in run_cli(settings, pm, db, core, "social", str(n.id))[1]


def test_exported_cells_that_start_a_formula_are_neutralised(make_client, core, ward, settings, pm, db, tmp_path):
    """Attack: notices titled like formulas and a request typed like one; every export
    of the module (quarterly register CSV/XLSX on the page and the CLI, request register
    CSV) writes them as text."""
    for title in FORMULAS:
        n = ck.create_notice(core, category="khac", title=title, decision_ref="=1+1", actor=ward.officer)
        ck.publish_notice(core, n.id, actor=ward.officer, at=at("2026-03-03"))
    ck.open_request(core, actor=ward.officer, received_at=at("2026-03-04"),
                    **{**REQUEST, "info_requested": "=cmd|' /C calc'!A0"})
    officer = _officer(make_client, ward)
    rows = list(csv.reader(io.StringIO(officer.get(f"{STAFF}/danh-muc.csv?year=2026&quarter=1").content
                                       .decode("utf-8-sig"))))
    titles = [r[3] for r in rows[1:]]
    assert sorted(titles) == sorted("'" + t for t in FORMULAS)
    assert {r[5] for r in rows[1:]} == {"'=1+1"}
    book = load_workbook(io.BytesIO(officer.get(f"{STAFF}/danh-muc.xlsx?year=2026&quarter=1").content)).active
    cells = [c for line in book.iter_rows() for c in line if isinstance(c.value, str)]
    assert cells and all(c.data_type == "s" and not c.value.startswith(("=", "+", "-", "@")) for c in cells)
    requests = list(csv.reader(io.StringIO(officer.get(f"{STAFF}/yeu-cau.csv?year=2026").content.decode("utf-8-sig"))))
    assert requests[1][6] == "'=cmd|' /C calc'!A0"
    out = tmp_path / "danh-muc.csv"
    assert run_cli(settings, pm, db, core, "register", "--year", "2026", "--quarter", "1", "--out", str(out))[0] == 0
    assert all(not row[3].startswith(("=", "+", "-", "@")) for row in list(csv.reader(io.StringIO(
        out.read_text(encoding="utf-8-sig"))))[1:])
    assert exports.register_csv(ck.disclosure_register(core, 2026, 1, actor=ward.officer)).count(b"'=HYPERLINK") == 1
