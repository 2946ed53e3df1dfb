"""Every write route of every built-in plan module documents its request body, and every
``.json`` page documents its response shape (issue 9: typed forms and view models)."""
from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from thanthien.web.routing import route_spec, walk_routes

WRITE = {"POST", "PUT", "PATCH"}


@pytest.fixture
def pm(settings):
    from thanthien.core.plugins import make_plugin_manager

    return make_plugin_manager(settings, load_entrypoints=True)


@pytest.fixture
def db_url(tmp_path):
    yield f"sqlite:///{tmp_path / 'openapi.db'}"


def _openapi_path(path: str) -> str:
    return re.sub(r"{(\w+):\w+}", r"{\1}", path)


def test_every_module_write_route_has_a_request_body_and_every_page_a_response_shape(app, settings):
    with TestClient(app) as client:
        doc = client.get("/api/openapi.json").json()
    modules = {"congkhai", "congvu", "giamsat", "motcua", "thamhoi", "thanhtra", "tiepdan"}
    seen_modules: set[str] = set()
    missing_body, missing_shape, writes = [], [], 0
    for path, route in walk_routes(app.routes):
        spec = route_spec(route)
        if spec is None or not path.endswith(".json"):
            continue
        seen_modules.add(path.strip("/").split("/")[0])
        operations = doc["paths"][_openapi_path(path)]
        for method in spec.methods:
            op = operations[method.lower()]
            writes += method in WRITE
            if method in WRITE and "requestBody" not in op:
                missing_body.append(f"{method} {path}")
            schema = op["responses"].get("200", {}).get("content", {}).get("application/json", {}).get("schema")
            if method == "GET" and not schema:
                missing_shape.append(path)
    assert modules <= seen_modules, modules - seen_modules
    assert writes > 50  # the modules' write routes were walked, not only core's
    assert missing_body == []
    assert missing_shape == []
