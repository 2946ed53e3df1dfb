"""The OpenAPI document validates and lists every .json route."""
from __future__ import annotations

import re

from openapi_spec_validator import validate

from thanthien.web.routing import route_spec, walk_routes


def test_openapi_validates_and_lists_every_json_route(app, client):
    r = client.get("/api/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    validate(doc)  # OpenAPI 3.1 validator (raises on error)
    assert doc["openapi"] == "3.1.0"
    listed = set(doc["paths"])
    for path, route in walk_routes(app.routes):
        spec = route_spec(route)
        if spec is None or not path.endswith(".json"):
            continue
        oa = re.sub(r"{(\w+):\w+}", r"{\1}", path)
        assert oa in listed, oa
        for method in spec.methods:
            assert method.lower() in doc["paths"][oa], (oa, method)
    assert "/websample/notes.json" in listed
    notes = doc["paths"]["/websample/notes.json"]["post"]
    body = notes["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/NoteForm"}
    assert doc["components"]["schemas"]["NoteForm"]["required"] == ["title"]
    assert doc["paths"]["/people/{id}.json"]["parameters"][0]["schema"] == {"type": "integer"}


def test_api_page_lists_endpoints(client):
    r = client.get("/api")
    assert "/people/{id}.json" in r.text and "/websample/notes.json" in r.text
    assert client.get("/api.json").json()["endpoints"]
