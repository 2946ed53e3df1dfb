"""Public pages and feeds run a fixed number of queries, however many rows they show
(issue 16, item 3): no query per notice for its files or its text. Notices' public text
is sanitised once at publication; feeds are kept until the board changes and answer
conditional requests."""
from __future__ import annotations

import datetime as dt

import pytest

from thanthien.core import people
from thanthien.core.access import actor_for_person
from thanthien.plugins import congkhai, motcua
from thanthien.plugins.congkhai import services as ck
from thanthien.plugins.congkhai.models import NoticeMetaRow
from thanthien.plugins.motcua import services as mc
from thanthien.testing.queries import QueryLog

from .helpers import add_history

PDF = b"%PDF-1.4\n%%EOF\n"
PAGES = ["/congkhai/", "/congkhai/index.json", "/congkhai/feed.json", "/congkhai/feed.atom",
         "/congkhai/feeds/ngan_sach.json", "/motcua/tra-cuu.json?ma={code}", "/motcua/tra-cuu?ma={code}",
         "/motcua/thu-tuc.json"]


@pytest.fixture
def extra_plugins():
    return [("congkhai", congkhai), ("motcua", motcua)]


@pytest.fixture
def officer(core):
    ubnd = people.create_unit("UBND", "UBND phường Bắc Kạn", "peoples_committee")
    person = people.create_person("Nông Thị Trang", is_staff=True, unit_id=ubnd.id)
    people.grant_role(person.id, "department_officer")
    mc.ensure_catalogue()
    return actor_for_person(person.id, person.full_name)


def publish(core, officer, n: int, start: int = 0) -> list:
    out = []
    for i in range(start, start + n):
        notice = ck.create_notice(core, category="ngan_sach", title=f"Dự toán số {i}",
                                  body_html=f"<p>Liên hệ 0912345{i:03d}</p><script>x()</script>", actor=officer)
        ck.add_attachment(core, notice.id, filename=f"du-toan-{i}.pdf", data=PDF, actor=officer)
        ck.add_attachment(core, notice.id, filename=f"phu-luc-{i}.pdf", data=PDF, actor=officer)
        out.append(ck.publish_notice(core, notice.id, actor=officer,
                                     at=dt.datetime(2026, 3, 3, 9) + dt.timedelta(minutes=i)))
    return out


def counts(db, client, code: str) -> dict[str, int]:
    out = {}
    for path in PAGES:
        url = path.format(code=code)
        with QueryLog(db) as log:
            r = client.get(url)
        assert r.status_code == 200, (url, r.text[:300])
        out[url] = len(log)
    return out


def test_queries_do_not_grow_with_rows(db, core, officer, make_client):
    publish(core, officer, 3)
    codes = add_history(db, core, 20)
    client = make_client()
    few = counts(db, client, codes[3])
    publish(core, officer, 6, start=3)
    add_history(db, core, 40)
    client = make_client()
    many = counts(db, client, codes[3])
    assert len(client.get("/congkhai/index.json").json()["notices"]) == 9
    assert many == few


def test_a_feed_is_built_once_per_board_version(db, core, officer, make_client):
    publish(core, officer, 2)
    client = make_client()
    with QueryLog(db) as first:
        assert client.get("/congkhai/feed.json").status_code == 200
    with QueryLog(db) as again:
        body = client.get("/congkhai/feed.json").json()
    assert len(again) < len(first)
    assert not any("congkhai_attachment" in q.sql for q in again.queries)
    assert len(body["items"]) == 2
    publish(core, officer, 1, start=2)  # the board changed: the feed is built again
    assert len(client.get("/congkhai/feed.json").json()["items"]) == 3


def test_feeds_answer_conditional_requests(db, core, officer, make_client):
    publish(core, officer, 1)
    client = make_client()
    for path in ("/congkhai/feed.json", "/congkhai/feed.atom", "/congkhai/index.json"):
        r = client.get(path)
        etag = r.headers["ETag"]
        assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
        if "Last-Modified" in r.headers:
            assert client.get(path, headers={"If-Modified-Since": r.headers["Last-Modified"]}).status_code == 304


def test_public_text_is_sanitised_once_at_publication(db, core, officer, make_client, monkeypatch):
    [notice] = publish(core, officer, 1)
    meta = NoticeMetaRow.get(NoticeMetaRow.notice == notice.id)
    assert meta.public_title == "Dự toán số 0"
    assert "<script" not in meta.public_body and "0912345000" not in meta.public_body
    assert meta.public_summary.startswith("Liên hệ")

    def no_cleaning(*a, **kw):
        raise AssertionError("a public request sanitised a body again")

    from thanthien.plugins.congkhai.services import public

    monkeypatch.setattr(public, "clean_html", no_cleaning)
    client = make_client()
    for path in ("/congkhai/index.json", "/congkhai/feed.json", f"/congkhai/notices/{notice.id}.json"):
        r = client.get(path)
        assert r.status_code == 200, (path, r.text[:300])
        assert "0912345000" not in r.text


def test_the_migration_prepares_notices_published_before_it(db, core, officer):
    import importlib

    [notice] = publish(core, officer, 1)
    NoticeMetaRow.update(public_title="", public_body="", public_summary="").execute()
    importlib.import_module("thanthien.plugins.congkhai.migrations.0003_public_text").up(None, db)
    meta = NoticeMetaRow.get(NoticeMetaRow.notice == notice.id)
    assert meta.public_title == "Dự toán số 0" and "0912345000" not in meta.public_body
    assert "<script" not in meta.public_body and meta.public_summary.startswith("Liên hệ")
