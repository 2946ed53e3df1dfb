"""Stored markup in text fields renders escaped on every page that shows it."""
from __future__ import annotations

import pytest

from thanthien.core import audit, people
from thanthien.core.settings import WardSettings
from thanthien.testing import make_settings, token
from thanthien.web.routing import route_spec, walk_routes

from .helpers import concrete

PAYLOAD = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path, ward=WardSettings(name=f"Phường {PAYLOAD}", address=PAYLOAD, phone=PAYLOAD))


def test_markup_is_escaped_everywhere(full_app, make_full_client, ward, services):
    """Core's pages and every installed plan module's pages."""
    app, make_client = full_app, make_full_client
    pid = people.create_person(f"Lê {PAYLOAD}", household_id=ward["hh1"].id, address=PAYLOAD,
                               email=PAYLOAD, ethnicity=PAYLOAD).id
    people.update_person(ward["resident_tdp01"].id, address=PAYLOAD, relation_to_head=PAYLOAD)
    unit = people.create_unit("XSS", PAYLOAD, "residential_group", address=PAYLOAD)
    audit.record("test.xss", "person", pid, reason=PAYLOAD)
    c = make_client("chutich")
    tok = token(c)
    c.post("/websample/notes.json", json={"title": PAYLOAD}, headers={"X-CSRF-Token": tok})
    anon = make_client()
    admin = make_client("quantri")
    urls = {f"/people/{pid}", "/people?q=le", f"/units/{unit.id}", f"/households/{ward['hh1'].id}",
            f"/people?q={PAYLOAD}"}
    for path, route in walk_routes(app.routes):
        spec = route_spec(route)
        if spec and "GET" in spec.methods and not path.endswith(".docx"):
            urls.add(concrete(path, ward)[0])
    shown = 0
    for url in sorted(urls):
        for client in (anon, c, admin):
            r = client.get(url)
            if r.headers.get("content-type", "").startswith("text/html"):
                assert PAYLOAD not in r.text, url
                shown += ESCAPED in r.text
            else:
                _check_non_html(r, url)
    assert shown > 20
    r = c.post(f"/people/{pid}/unmask", data={"reason": PAYLOAD + " kiểm tra", "csrf_token": tok})
    assert r.status_code == 200 and PAYLOAD not in r.text and ESCAPED in r.text
    r = admin.get("/audit")
    assert PAYLOAD not in r.text and ESCAPED in r.text


def _html_fields(value):
    """Every ``content_html`` (JSON Feed) value in a JSON document."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "content_html" and isinstance(item, str):
                yield item
            else:
                yield from _html_fields(item)
    elif isinstance(value, list):
        for item in value:
            yield from _html_fields(item)


def _check_non_html(r, url):
    """JSON strings and plain text carry the payload as data, which is fine; HTML inside
    JSON (a feed's content_html) and XML (Atom) must not carry it as markup."""
    ctype = r.headers.get("content-type", "")
    if "json" in ctype:
        for html in _html_fields(r.json()):
            assert "<script>" not in html, url
    elif "xml" in ctype:
        assert "<script>" not in r.text, url
    else:
        assert ctype.startswith(("text/plain", "text/calendar", "text/csv", "application/pdf", "image/",
                                 "application/vnd.openxmlformats")), (url, ctype)
