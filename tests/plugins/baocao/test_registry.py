"""A module registered later (bieuquyet, say): the dashboard shows whatever the registry holds."""
from __future__ import annotations

import pytest

from thanthien.core import hookimpl
from thanthien.core.types import Indicator

from .helpers import all_plugins


class LaterModule:
    """A module registered later (bieuquyet, say): its indicators show without a change here."""

    @hookimpl
    def register_indicators(self, settings, core):
        return [Indicator("later.votes", "Cuộc biểu quyết đã tổ chức", "cuộc", lambda core, s, e: 3, 2, "later")]


@pytest.fixture
def extra_plugins():
    return [*all_plugins(), ("later", LaterModule())]


def test_the_dashboard_shows_whatever_the_registry_holds(leaders, make_client):
    body = make_client("chutich").get("/baocao/index.json").json()
    later = next(r for r in body["indicators"] if r["key"] == "later.votes")
    assert (later["value"], later["target"], later["status"]) == (3, 2, "green")


