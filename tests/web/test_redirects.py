"""Moved pages: an old path answers 308 to the new one, page and .json twin, query kept;
a form posted to the old path is refused without its CSRF token, like every write."""
from __future__ import annotations

import pytest

from thanthien.core import hookimpl
from thanthien.testing import token
from thanthien.web.redirects import moved
from thanthien.web.render import respond
from thanthien.web.routing import PUBLIC, STAFF, page

from . import fixture_webplugin


class _Moved:
    @hookimpl
    def register_routes(self, settings):
        def thing(request, form):
            """Trang mới."""
            return respond(request, "websample/notes.html", {"notes": [], "id": request.path_params["id"]})

        return [
            *page("/moi/{id:int}", thing, permission=PUBLIC, methods=("GET", "POST")),
            *moved("/old/{id:int}", "/moi/{id}", permission=PUBLIC, methods=("GET", "POST")),
            *moved("/staff-only", "/moi/1", permission=STAFF),
        ]


@pytest.fixture
def extra_plugins():
    return [("websample", fixture_webplugin), ("doiten", _Moved())]


def test_old_paths_answer_308_to_the_new_ones(client):
    r = client.get("/doiten/old/7?tu=01/03/2026", follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == "/doiten/moi/7?tu=01/03/2026"
    r = client.get("/doiten/old/7.json", follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == "/doiten/moi/7.json"
    assert client.get("/doiten/old/7.json").json()["id"] == 7  # followed
    assert client.get("/doiten/staff-only", follow_redirects=False).status_code == 302  # the alias keeps the gate


def test_a_post_to_the_old_path_keeps_its_method_and_needs_its_token(client):
    assert client.post("/doiten/old/7", data={"x": "1"}, follow_redirects=False).status_code == 403
    r = client.post("/doiten/old/7", data={"csrf_token": token(client)}, follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == "/doiten/moi/7"
