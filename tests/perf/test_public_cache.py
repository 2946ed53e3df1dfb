"""The public board's pages are kept per board version (issue 16, item 3; toolkit:
``web/public_cache.py``): an anonymous visitor gets the same bytes without the page being
built again and without session or CSRF work; every publication, withdrawal and edit of
a public notice shows at once (a stale board is a legal-disclosure bug); ``ETag`` and
``304``; nothing personal (a staff name, a CSRF token) ever goes into a kept body."""
from __future__ import annotations

import datetime as dt

import pytest

from thanthien.core import accounts, people
from thanthien.core.access import actor_for_person
from thanthien.core.models import NoticeRow
from thanthien.plugins import congkhai
from thanthien.plugins.congkhai import services as ck
from thanthien.testing.queries import QueryLog
from thanthien.web.public_cache import MAX_ENTRIES, VersionedCache

PDF = b"%PDF-1.4\n%%EOF\n"
BOARD = ("/congkhai/", "/congkhai/index.json", "/congkhai/feed.json", "/congkhai/feed.atom",
         "/congkhai/?category=ngan_sach", "/congkhai/index.json?page=2")
NAME = "Nông Thị Trang"
PASSWORD = "bảng tin phường sáng mai mưa phùn"


@pytest.fixture
def extra_plugins():
    return [("congkhai", congkhai)]


class Ward:
    """The chairperson (an account ``chutich``) and a few published notices."""

    def __init__(self, core):
        ubnd = people.create_unit("UBND", "UBND phường Bắc Kạn", "peoples_committee")
        person = people.create_person(NAME, is_staff=True, unit_id=ubnd.id)
        people.grant_role(person.id, "chairperson")
        accounts.create_account(person.id, "chutich", PASSWORD)
        self.chair = actor_for_person(person.id, person.full_name)

    def actor(self, login: str):
        assert login == "chutich"
        return self.chair


@pytest.fixture
def demo_ward(core, fast_hasher):
    ward = Ward(core)
    for i in range(3):
        publish(ward, core, f"Thông báo số {i}")
    return ward


def publish(demo_ward, core, title: str) -> int:
    chair = demo_ward.actor("chutich")
    notice = ck.create_notice(core, category="ngan_sach", title=title, body_html="<p>Nội dung</p>", actor=chair)
    ck.add_attachment(core, notice.id, filename="du-toan.pdf", data=PDF, actor=chair)
    return ck.publish_notice(core, notice.id, actor=chair, at=dt.datetime.now().replace(microsecond=0)).id


def board_titles(client) -> list[str]:
    return [n["title"] for n in client.get("/congkhai/index.json").json()["notices"]]


def test_a_kept_page_is_the_same_bytes_without_building_it_again(db, core, demo_ward, make_client):
    client = make_client()
    for path in BOARD:
        first = client.get(path)
        assert first.status_code == 200, path
        with QueryLog(db) as log:
            again = client.get(path)
        assert again.status_code == 200 and again.content == first.content, path
        assert again.headers["ETag"] == first.headers["ETag"]
        assert again.headers["content-type"] == first.headers["content-type"]
        assert again.headers["Cache-Control"].startswith("public"), path
        # only the board's version is read: no session, no notice, no file, no unit list
        tables = " ".join(q.sql for q in log.queries)
        assert "core_session" not in tables and "core_notice\"" not in tables and "congkhai_attachment" not in tables
        assert len(log.queries) <= 2, (path, [q.sql for q in log.queries])


def test_publish_withdraw_and_edit_show_at_once(db, core, demo_ward, make_client):
    client = make_client()
    html = client.get("/congkhai/").text
    titles = board_titles(client)
    feed = client.get("/congkhai/feed.json").json()["items"]

    new_id = publish(demo_ward, core, "Dự toán thu chi năm 2027")
    assert board_titles(client)[0] == "Dự toán thu chi năm 2027"
    assert "Dự toán thu chi năm 2027" in client.get("/congkhai/").text != html
    assert client.get("/congkhai/feed.json").json()["items"][0]["title"] == "Dự toán thu chi năm 2027"
    assert len(client.get("/congkhai/feed.json").json()["items"]) == min(len(feed) + 1, 50)

    chair = demo_ward.actor("chutich")
    revised = ck.revise_notice(core, new_id, title="Dự toán thu chi năm 2027 (điều chỉnh)",
                               body_html="<p>Đã điều chỉnh</p>", actor=chair)
    ck.publish_notice(core, revised.id, actor=chair)
    now_titles = board_titles(client)
    assert "Dự toán thu chi năm 2027 (điều chỉnh)" in now_titles
    assert "Dự toán thu chi năm 2027" not in now_titles  # the old version left the board
    assert "(điều chỉnh)" in client.get("/congkhai/").text

    ck.withdraw_notice(core, revised.id, reason="Ban hành nhầm", actor=chair)
    assert board_titles(client) == titles
    assert "Dự toán thu chi năm 2027" not in client.get("/congkhai/").text
    assert "Dự toán thu chi năm 2027" not in client.get("/congkhai/feed.atom").text


def test_a_new_file_on_a_public_notice_shows_when_its_version_is_published(db, core, demo_ward, make_client):
    """A file added to a published notice goes on a draft version (R-CK-12): the kept
    board stays as disclosed until that version is published, then shows it at once."""
    client = make_client()
    chair = demo_ward.actor("chutich")
    new_id = publish(demo_ward, core, "Kế hoạch sử dụng đất")
    before = client.get("/congkhai/index.json").json()["notices"][0]
    att = ck.add_attachment(core, new_id, filename="ban-do.pdf", data=PDF, actor=chair)
    assert client.get("/congkhai/index.json").json()["notices"][0] == before
    ck.publish_notice(core, att.notice_id, actor=chair)
    after = client.get("/congkhai/index.json").json()["notices"][0]
    assert before["id"] == new_id and after["id"] == att.notice_id != new_id
    assert [a["filename"] for a in after["attachments"]] == ["du-toan.pdf", "ban-do.pdf"]


def test_conditional_requests_get_304(db, core, demo_ward, make_client):
    client = make_client()
    for path in ("/congkhai/", "/congkhai/index.json", "/congkhai/feed.json"):
        r = client.get(path)
        etag = r.headers["ETag"]
        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b"" and again.headers["ETag"] == etag
        if "Last-Modified" in r.headers:
            assert client.get(path, headers={"If-Modified-Since": r.headers["Last-Modified"]}).status_code == 304
        assert client.get(path, headers={"If-None-Match": 'W/"khac"'}).status_code == 200
    old = client.get("/congkhai/index.json").headers["ETag"]
    publish(demo_ward, core, "Thông báo mới")
    r = client.get("/congkhai/index.json", headers={"If-None-Match": old})
    assert r.status_code == 200 and r.headers["ETag"] != old


def test_nothing_personal_is_kept_or_served_to_others(db, core, demo_ward, make_client):
    staff = make_client("chutich", password=PASSWORD)
    name = NAME
    staff_html = staff.get("/congkhai/").text
    assert name in staff_html and "csrf_token" in staff_html  # the staff page has the logout form
    anonymous = make_client()
    for path in ("/congkhai/", "/congkhai/index.json"):
        first = anonymous.get(path)
        kept = anonymous.get(path)
        assert kept.content == first.content
        assert "set-cookie" not in kept.headers
        for body in (first.text, kept.text):
            assert name not in body and "csrf_token" not in body and "/dashboard" not in body
    # the staff member, after the anonymous visits, still gets his or her own page
    again = staff.get("/congkhai/")
    assert name in again.text and again.headers["Cache-Control"] == "private, no-cache"
    # a visitor with a message to show (flash cookie) gets a page built for him or her
    anonymous.cookies.set("tt_flash", "x")
    with QueryLog(db) as log:
        assert anonymous.get("/congkhai/").status_code == 200
    assert any("core_notice" in q.sql for q in log.queries)


def test_the_query_is_part_of_the_key(db, core, demo_ward, make_client):
    client = make_client()
    publish(demo_ward, core, "Thông báo ngân sách")
    everything = client.get("/congkhai/index.json").json()["notices"]
    budget = client.get("/congkhai/index.json?category=ngan_sach").json()["notices"]
    assert {n["category"] for n in budget} == {"ngan_sach"}
    assert len(everything) >= len(budget)
    bad = client.get("/congkhai/index.json?category=khong-co")
    assert bad.status_code in (400, 422)
    assert client.get("/congkhai/index.json?category=khong-co").status_code == bad.status_code


def test_the_cache_is_bounded():
    cache = VersionedCache()
    for i in range(MAX_ENTRIES * 3):
        cache.put(("/congkhai/", (("q", str(i)),)), 1, b"x")
    assert len(cache) == MAX_ENTRIES
    assert cache.get(("/congkhai/", (("q", "0"),)), 1) is None
    assert cache.get(("/congkhai/", (("q", str(MAX_ENTRIES * 3 - 1)),)), 1) == b"x"
    assert cache.get(("/congkhai/", (("q", str(MAX_ENTRIES * 3 - 1)),)), 2) is None  # another version


@pytest.mark.parametrize("path", ["/congkhai/", "/congkhai/feed.json"])
def test_a_page_of_the_board_reads_the_board_version_before_building(db, core, demo_ward, make_client, path,
                                                                     monkeypatch):
    """A publication landing while a page is built never leaves that (older) page kept
    under the newer version: the version is read first."""
    client = make_client()
    from thanthien.plugins.congkhai import services as svc

    original = svc.public_notices
    landed = {}

    def publish_meanwhile(*a, **kw):
        rows = original(*a, **kw)
        if not landed:
            landed["id"] = publish(demo_ward, core, "Công bố trong lúc dựng trang")
        return rows

    monkeypatch.setattr(svc, "public_notices", publish_meanwhile)
    first = client.get(path)
    assert "Công bố trong lúc dựng trang" not in first.text
    monkeypatch.setattr(svc, "public_notices", original)
    assert "Công bố trong lúc dựng trang" in client.get(path).text
    assert NoticeRow.get_by_id(landed["id"]).state == "published"
