"""The public participation page (issue 16): a page of matters at a time, paginated by
keyset (every matter reachable once, going forward and back, the filters kept in the
links), and a number of queries that does not grow with the matters of the page."""
from __future__ import annotations

import datetime as dt
import re
from html import unescape

from thanthien.core.storage.db import now
from thanthien.plugins.bieuquyet.services import matters, online, participation
from thanthien.plugins.bieuquyet.views import public
from thanthien.testing.queries import QueryLog

AT = dt.datetime(2026, 11, 2, 8, 0)


def _matters(core, ward, n: int, *, first: int = 0, same_time: bool = False, online_round: bool = False):
    """``n`` notified matters of group 1 (created a minute apart, or all at once)."""
    out = []
    for i in range(first, first + n):
        at = AT if same_time else AT + dt.timedelta(minutes=i)
        m = matters.create(core, kind=6, title=f"Nội dung số {i}", unit_id=ward.groups[0].id,
                           form="online" if online_round else "meeting", agreed_with="Ông Mặt Trận",
                           actor=ward.head1, at=at)
        if online_round:  # a round with its electorate, codes and a few choices
            start = now() - dt.timedelta(hours=1)
            rnd = online.plan(core, m.id, team=["Bà Mặt Trận", "B", "C"], informed_on=start.date(),
                              actor=ward.head1)
            online.record_poll(core, rnd.id, yes=len(ward.households[ward.groups[0].id]) // 2 + 1,
                               actor=ward.head1)
            _, issued = online.open_round(core, rnd.id, starts_at=start, ends_at=start + dt.timedelta(days=2),
                                          actor=ward.head1)
            for code in issued[:2]:
                online.cast(core, m.id, code=code.code, option="dong_y")
        else:
            matters.set_state(matters.get_row(m.id), "notified", actor=ward.head1, action="matter_notified")
        out.append(m.id)
    return out


def _walk(core, limit: int) -> tuple[list[int], list[list[int]]]:
    """Every page forward from the first, then back again from the last."""
    pages, after = [], ""
    while True:
        got = participation.page(core, limit=limit, after=after)
        pages.append([m.matter_id for m in got.matters])
        if not got.next_after:
            break
        after = got.next_after
    back, before = [pages[-1]], got.previous_before
    while before:
        got = participation.page(core, limit=limit, before=before)
        back.append([m.matter_id for m in got.matters])
        before = got.previous_before
    return [i for p in pages for i in p], back[::-1]


def test_pages_reach_every_matter_once_forward_and_back(core, ward):
    ids = _matters(core, ward, 5) + _matters(core, ward, 3, first=5, same_time=True)  # ties on created_at
    seen, back = _walk(core, limit=3)
    assert sorted(seen) == sorted(ids) and len(seen) == len(set(seen))  # nothing lost or repeated
    newest_first = [r.id for r in participation._matters_query(None, None, None)
                    .order_by(participation.MatterRow.created_at.desc(), participation.MatterRow.id.desc())]
    assert seen == newest_first
    assert [i for p in back for i in p] == seen  # the previous pages are the same pages
    assert len(back[0]) == 3 and not participation.page(core, limit=3).previous_before


def test_the_page_links_to_the_next_and_previous_page_keeping_the_filters(core, ward, make_client, monkeypatch):
    monkeypatch.setattr(public, "PER_PAGE", 2)
    ids = _matters(core, ward, 5)
    client = make_client()
    url, seen = "/bieuquyet/tham-gia?tu=01/11/2026&den=30/11/2026", []
    for number in (1, 2, 3):
        r = client.get(url)
        assert r.status_code == 200 and f"Trang {number}" in r.text
        seen += [int(x) for x in re.findall(r'href="/bieuquyet/ket-qua/(\d+)"', r.text)]
        assert ("Trang trước" in r.text) == (number > 1)
        nxt = re.search(r'<a rel="next" href="([^"]+)">Trang sau', r.text)
        assert bool(nxt) == (number < 3)
        if nxt:
            url = "/bieuquyet/tham-gia" + unescape(nxt.group(1))
            assert "tu=01%2F11%2F2026" in url and "den=30%2F11%2F2026" in url and "sau=" in url
    assert sorted(seen) == sorted(ids) and len(seen) == len(set(seen))
    prev = re.search(r'<a rel="prev" href="([^"]+)">« Trang trước', r.text)
    back = client.get("/bieuquyet/tham-gia" + unescape(prev.group(1)))
    assert "Trang 2" in back.text and "tu=01%2F11%2F2026" in unescape(prev.group(1))
    # the JSON twin keeps its keys and adds the paging fields
    data = client.get("/bieuquyet/tham-gia.json").json()
    assert {"start", "end", "targets", "overall", "groups"} <= set(data)
    assert data["page"] == 1 and data["has_next"] is True and data["next_after"] and data["previous_before"] == ""
    assert len(data["matters"]) == 2 and "household_id" not in str(data)
    last = client.get(f"/bieuquyet/tham-gia.json?sau={data['next_after']}&page=2").json()
    assert last["page"] == 2 and last["previous_before"]


def _queries(db, client) -> int:
    with QueryLog(db) as log:
        assert client.get("/bieuquyet/tham-gia").status_code == 200
    return len(log.selects)


def test_the_number_of_queries_does_not_grow_with_the_matters(db, core, ward, make_client):
    _matters(core, ward, 2)
    _matters(core, ward, 2, first=2, online_round=True)
    client = make_client()
    client.get("/bieuquyet/tham-gia")  # warm caches (settings, nav)
    few = _queries(db, client)
    _matters(core, ward, 4, first=4)
    _matters(core, ward, 4, first=8, online_round=True)
    assert len(participation.page(core).matters) == 12
    assert _queries(db, client) == few
