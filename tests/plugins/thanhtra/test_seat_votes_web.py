"""A board seat voted on household by household through the pages (core's vote engine,
R-BQ-28, R-BQ-33): the electorate is the register, a household counts once."""
from __future__ import annotations

import datetime as dt

import pytest

from thanthien.plugins.thanhtra import services as sv
from thanthien.testing import token

from .helpers import PASSWORD


@pytest.fixture
def clients(make_client):
    def make(username=None):
        return make_client(username, PASSWORD) if username else make_client()
    return make


def _json(client, url, body):
    return client.post(url, json=body, headers={"X-CSRF-Token": token(client)})


def test_a_seat_vote_recorded_household_by_household_through_the_pages(services, clients, ward):
    """The web way onto core's engine: open, record households (one counts once), close."""
    from thanthien.core.models import HouseholdRow

    sv.create_term(services, start_on=dt.date(2025, 8, 1), actor=ward.front)
    c = clients("mattran")
    group = ward.groups[5]
    r = _json(c, "/thanhtra/bau-cu/bieu-quyet.json", {"group_id": group.id, "held_on": "10/07/2025",
                                                      "candidate_id": ward.residents["TDP06"][3].id,
                                                      "standards_confirmed": True})
    assert r.status_code == 200, r.text
    vote_id = r.json()["vote_id"]
    page = c.get(f"/thanhtra/bieu-quyet/{vote_id}.json").json()
    assert page["electorate_total"] == 10 and page["participated"] == 0 and len(page["households"]) == 10
    households = [h.id for h in HouseholdRow.select().where(HouseholdRow.group == group.id).order_by(HouseholdRow.id)]
    for h in households[:6]:
        assert _json(c, f"/thanhtra/bieu-quyet/{vote_id}/phieu.json", {"household_id": h, "choice": "dong_y"}
                     ).status_code == 200
    r = _json(c, f"/thanhtra/bieu-quyet/{vote_id}/phieu.json", {"household_id": households[0], "choice": "dong_y",
                                                               "channel": "paper"})
    assert r.status_code == 200
    r = _json(c, f"/thanhtra/bieu-quyet/{vote_id}/phieu.json", {"household_id": households[7], "choice": "có"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "choice"
    html = c.get(f"/thanhtra/bieu-quyet/{vote_id}").text
    assert "6/10 hộ gia đình đã biểu quyết" in html
    assert _json(c, f"/thanhtra/bieu-quyet/{vote_id}/ket-thuc.json", {}).status_code == 422  # not confirmed
    r = _json(c, f"/thanhtra/bieu-quyet/{vote_id}/ket-thuc.json", {"confirm": True})
    assert r.status_code == 200 and "trúng cử với 6/10 hộ đồng ý" in r.json()["message"]
