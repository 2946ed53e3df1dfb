"""The Mẫu 07 register is paginated by keyset (issue 16): pages of the period in register
order, each row once, the next page's cursor on every page but the last; the page's link
and a bad cursor (the first page again) work over HTTP."""
from __future__ import annotations

import datetime as dt

import pytest

from thanthien.core.types import SYSTEM_ACTOR
from thanthien.plugins import motcua
from thanthien.plugins.motcua import services as mc

from .helpers import add_history


@pytest.fixture
def extra_plugins():
    return [("motcua", motcua)]


def test_pages_cover_the_period_once_in_order(db, core):
    mc.ensure_catalogue()
    today = dt.date.today()
    codes = add_history(db, core, 450, start=today)
    start, end = today - dt.timedelta(days=60), today
    seen, after, pages = [], "", 0
    while True:
        rows, after = mc.view_register_page(core, start, end, actor=SYSTEM_ACTOR, limit=200, after=after)
        pages += 1
        seen += [r[1] for r in rows]
        if not after:
            break
    assert pages == 3 and len(seen) == 450 == len(set(seen))
    assert sorted(seen) == sorted(codes)
    full = [r[1] for r in mc.register_rows(core, start, end)]
    assert seen == full  # the same order as the whole register (export)


def test_the_register_page_links_to_the_next(db, core, demo_ward, make_client):
    today = dt.date.today()
    add_history(db, core, 230, start=today)
    client = make_client("chutich")
    period = f"tu={(today - dt.timedelta(days=30)):%d/%m/%Y}&den={today:%d/%m/%Y}"
    first = client.get(f"/motcua/so-theo-doi.json?{period}").json()
    data = first.get("data", first)
    assert len(data["rows"]) == 200 and data["next_after"]
    second = client.get(f"/motcua/so-theo-doi.json?{period}&sau={data['next_after']}").json()
    rest = second.get("data", second)
    assert len(rest["rows"]) >= 30 and not rest["next_after"] and rest["continued"]
    assert not {r[1] for r in rest["rows"]} & {r[1] for r in data["rows"]}
    html = client.get(f"/motcua/so-theo-doi?{period}").text
    assert "Trang sau" in html and f"sau={data['next_after']}" in html
    again = client.get(f"/motcua/so-theo-doi.json?{period}&sau=khong-hop-le").json()
    assert (again.get("data", again))["rows"] == data["rows"]
