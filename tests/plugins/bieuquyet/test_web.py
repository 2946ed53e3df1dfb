"""The bieuquyet pages answer in HTML and JSON, public ones without a login."""
from __future__ import annotations

import datetime as dt

from thanthien.plugins.bieuquyet.services import matters

AT = dt.datetime(2026, 11, 2, 8, 0)


def test_public_matters_page_and_its_json_twin(core, ward, app, make_client):
    matters.create(core, kind=6, title="Làm mái che nhà văn hóa", unit_id=ward.groups[0].id, form="meeting",
                   agreed_with="Ông Trưởng ban công tác Mặt trận", actor=ward.head1, at=AT)
    client = make_client()
    data = client.get("/bieuquyet/index.json").json()
    assert data["ok"] is True and data["matters"] == []  # a draft is not public
    html = client.get("/bieuquyet/")
    assert html.status_code == 200 and "Nhân dân bàn và quyết định" in html.text


def test_the_desk_needs_a_login(app, make_client, core, ward):
    client = make_client()
    r = client.get("/bieuquyet/can-bo", follow_redirects=False)
    assert r.status_code in (302, 303, 401, 403)
