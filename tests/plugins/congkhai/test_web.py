"""congkhai pages through the app: public board, notice page, feeds with conditional GET,
staff compliance dashboard (HTML and JSON twins)."""
import feedparser
import pytest
from thanthien.core import accounts
from thanthien.plugins.congkhai import services as ck

from .helpers import PASSWORD, STAFF, at


@pytest.fixture
def published(core, ward):
    out = []
    for cat, title in [("ngan_sach", "Dự toán ngân sách phường 2026"), ("phi_le_phi", "Mức thu phí chợ")]:
        n = ck.create_notice(core, category=cat, title=title, body_html="<p>Liên hệ 0912345678</p>",
                             actor=ward.officer)
        out.append(ck.publish_notice(core, n.id, actor=ward.officer, at=at("2026-03-03")))
    return out


@pytest.fixture
def client(make_client, published):
    return make_client()


def test_board_html_and_json(client, published):
    r = client.get("/congkhai/?q=ngan sach")
    assert r.status_code == 200 and "Dự toán ngân sách phường 2026" in r.text and "Mức thu phí chợ" not in r.text
    assert 'rel="alternate"' in r.headers["link"]
    j = client.get("/congkhai/index.json?category=phi_le_phi").json()
    assert j["ok"] and [n["title"] for n in j["notices"]] == ["Mức thu phí chợ"]
    assert client.get("/congkhai/index.json?from=31/02/2026").status_code == 422


def test_notice_page_hides_personal_numbers(client, published, core, ward):
    r = client.get(f"/congkhai/notices/{published[0].id}")
    assert r.status_code == 200 and "0912345678" not in r.text and "Nông Thị Trang" not in r.text
    ck.withdraw_notice(core, published[0].id, reason="Sai số liệu", actor=ward.officer)
    assert client.get(f"/congkhai/notices/{published[0].id}").status_code == 404


def test_feeds_parse_and_conditional_get(client, published, core, ward):
    r = client.get("/congkhai/feed.json")
    assert r.headers["content-type"].startswith("application/feed+json")
    assert r.json()["version"] == "https://jsonfeed.org/version/1.1" and len(r.json()["items"]) == 2
    atom = client.get("/congkhai/feed.atom")
    parsed = feedparser.parse(atom.content)
    assert not parsed.bozo and len(parsed.entries) == 2
    assert client.get("/congkhai/feed.json", headers={"If-None-Match": r.headers["etag"]}).status_code == 304
    assert client.get("/congkhai/feed.atom",
                      headers={"If-Modified-Since": atom.headers["last-modified"]}).status_code == 304
    cat = feedparser.parse(client.get("/congkhai/feeds/phi_le_phi.atom").content)
    assert [e.title for e in cat.entries] == ["Mức thu phí chợ"]
    assert client.get("/congkhai/feeds/khong_co.json").status_code == 404
    ck.withdraw_notice(core, published[1].id, reason="Sai mức thu", actor=ward.officer)
    assert [i["title"] for i in client.get("/congkhai/feed.json").json()["items"]] == ["Dự toán ngân sách phường 2026"]


def test_staff_check_page(make_client, published, ward):
    anonymous = make_client()
    assert anonymous.get(f"{STAFF}/kiem-tra", follow_redirects=False).status_code == 302
    accounts.create_account(ward.officer.person_id, "vanhoa", PASSWORD)
    c = make_client("vanhoa", PASSWORD)
    html = c.get(f"{STAFF}/kiem-tra?date=04/05/2026")
    assert html.status_code == 200 and "Kiểm tra việc công khai ngày 04/05/2026" in html.text
    j = c.get(f"{STAFF}/kiem-tra.json?date=2026-05-04").json()
    kinds = sorted(g["kind"] for g in j["gaps"])
    assert "missing" in kinds and "permanent_absent" in kinds
    reg = c.get(f"{STAFF}/danh-muc?year=2026&quarter=1&print=1")
    assert "DANH MỤC THÔNG TIN CÔNG KHAI" in reg.text
