"""The OpenAPI 3.1 document of every ``.json`` route, and its human page ``/api``.

Built from the routes themselves (their :class:`~thanthien.web.routing.RouteSpec`):
the response schema is the ``{"ok": true, …}`` envelope, merged with the route's
``schema`` (an attrs class or a JSON-schema dict) when given; write routes describe
their body from ``body``; every route lists the error envelope.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from typing import Any

import attrs
from starlette.requests import Request
from starlette.responses import Response

from thanthien.core.plugins import own_version

from .render import json_response, respond
from .routing import PUBLIC, STAFF, page, route_spec, walk_routes
from .security import csrf_token

ERROR_SCHEMA = {
    "type": "object",
    "required": ["ok", "error", "status"],
    "properties": {
        "ok": {"const": False},
        "error": {"type": "string", "description": "Thông báo lỗi (tiếng Việt)"},
        "status": {"type": "integer"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "error"],
                "properties": {"field": {"type": "string"}, "error": {"type": "string"}},
            },
        },
    },
}


def type_schema(tp: Any, components: dict) -> dict:
    """JSON schema of a Python annotation (attrs classes become components)."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is Any or tp is object:
        return {}
    if origin in (typing.Union, types.UnionType):
        non_none = [a for a in args if a is not type(None)]
        schemas = [type_schema(a, components) for a in non_none]
        if type(None) in args:
            schemas.append({"type": "null"})
        return schemas[0] if len(schemas) == 1 else {"anyOf": schemas}
    if origin is typing.Literal:
        return {"enum": list(args)}
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is dt.datetime:
        return {"type": "string", "format": "date-time"}
    if tp is dt.date:
        return {"type": "string", "format": "date"}
    if origin in (list, tuple, set, frozenset) or tp in (list, tuple, set, frozenset):
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": type_schema(args[0], components)}
        if origin is tuple and args:
            return {"type": "array", "prefixItems": [type_schema(a, components) for a in args]}
        return {"type": "array", "items": type_schema(args[0], components) if args else {}}
    if origin is dict or tp is dict:
        return {"type": "object"}
    if isinstance(tp, type) and attrs.has(tp):
        name = tp.__name__
        if name not in components:
            components[name] = {}  # placeholder against recursion
            components[name] = attrs_schema(tp, components)
        return {"$ref": f"#/components/schemas/{name}"}
    return {}


def attrs_schema(cls: type, components: dict) -> dict:
    hints = typing.get_type_hints(cls)
    props = {}
    required = []
    for f in attrs.fields(cls):
        s = dict(type_schema(hints.get(f.name, Any), components))
        if f.metadata.get("label"):
            s["description"] = f.metadata["label"]
        key = f.metadata.get("key", f.alias or f.name)
        props[key] = s
        if f.default is attrs.NOTHING:
            required.append(key)
    out: dict[str, Any] = {"type": "object", "properties": props}
    if required:
        out["required"] = required
    doc = (cls.__doc__ or "").strip().splitlines()
    if doc and not doc[0].startswith(cls.__name__ + "("):
        out["description"] = doc[0]
    return out


def _schema(value: Any, components: dict) -> dict:
    if value is None:
        return {}
    if isinstance(value, dict):
        return value
    return type_schema(value, components)


_PARAM = re.compile(r"{(\w+)(?::(\w+))?}")


def build_openapi(app) -> dict:
    components: dict[str, Any] = {"Error": ERROR_SCHEMA}
    paths: dict[str, Any] = {}
    for full, route in walk_routes(app.routes):
        spec = route_spec(route)
        if spec is None or not (spec.json or full.endswith(".json")):
            continue
        params = []
        for m in _PARAM.finditer(full):
            params.append(
                {
                    "name": m.group(1),
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer"} if m.group(2) == "int" else {"type": "string"},
                }
            )
        oa_path = _PARAM.sub(lambda m: "{" + m.group(1) + "}", full)
        item = paths.setdefault(oa_path, {})
        if params:
            item["parameters"] = params
        security: list[dict[str, list[str]]] = [] if spec.permission == PUBLIC else [{"session": []}]
        for method in spec.methods:
            if method == "HEAD":
                continue
            body_schema = _schema(spec.schema, components)
            ok_schema: dict[str, Any] = {"type": "object", "required": ["ok"], "properties": {"ok": {"const": True}}}
            if body_schema:
                ok_schema = {"allOf": [ok_schema, body_schema]}
            op: dict[str, Any] = {
                "summary": spec.summary or full,
                "operationId": f"{method.lower()}_{re.sub(r'[^a-zA-Z0-9]+', '_', oa_path).strip('_') or 'index'}",
                "tags": [oa_path.strip("/").split("/")[0] or "core"],
                "description": (
                    "Công khai."
                    if spec.permission == PUBLIC
                    else "Cán bộ đã đăng nhập."
                    if spec.permission == STAFF
                    else f"Cần quyền `{spec.permission}`."
                ),
                "security": security,
                "responses": {
                    "200": {"description": "Thành công", "content": {"application/json": {"schema": ok_schema}}},
                    "default": {
                        "description": "Lỗi",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                },
            }
            if method in ("POST", "PUT", "PATCH", "DELETE"):
                req = _schema(spec.body, components) or {"type": "object"}
                op["requestBody"] = {
                    "required": False,
                    "content": {
                        "application/json": {"schema": req},
                        "application/x-www-form-urlencoded": {"schema": req},
                    },
                }
                op["parameters"] = [
                    {
                        "name": "X-CSRF-Token",
                        "in": "header",
                        "required": True,
                        "schema": {"type": "string"},
                        "description": "Mã chống giả mạo, lấy từ /-/csrf.json",
                    }
                ]
            item[method.lower()] = op
    settings = app.state.settings
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"thanthien — {settings.ward.name}",
            "version": _version(),
            "description": "API JSON: mỗi trang có bản JSON tại cùng địa chỉ thêm đuôi .json. "
            'Kết quả dạng {"ok": true, …}; lỗi dạng {"ok": false, "error", "status"}.',
        },
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": components,
            "securitySchemes": {"session": {"type": "apiKey", "in": "cookie", "name": "tt_session"}},
        },
    }


def _version() -> str:
    return own_version()


def openapi(request: Request, form) -> Response:
    """Tài liệu OpenAPI 3.1 của các địa chỉ JSON."""
    doc = getattr(request.app.state, "openapi", None)
    if doc is None:
        doc = request.app.state.openapi = build_openapi(request.app)
    return json_response(request, doc)


def api_page(request: Request, form) -> Response:
    """Danh sách các địa chỉ JSON (API) cho trang web của phường."""
    doc = getattr(request.app.state, "openapi", None) or build_openapi(request.app)
    request.app.state.openapi = doc
    endpoints = []
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method == "parameters":
                continue
            endpoints.append(
                {"method": method.upper(), "path": path, "summary": op["summary"], "access": op["description"]}
            )
    return respond(
        request, "api.html", {"endpoints": endpoints, "openapi": "/api/openapi.json"}, breadcrumbs=[("API", None)]
    )


def csrf(request: Request, form) -> Response:
    """Mã chống giả mạo (CSRF) cho các yêu cầu ghi bằng JSON."""
    return json_response(request, {"ok": True, "csrf_token": csrf_token(request), "header": "X-CSRF-Token"})


def routes() -> list:
    return [
        *page("/api/openapi.json", openapi, permission=PUBLIC, json_twin=False, public_cache=300),
        *page("/api", api_page, permission=PUBLIC),
        *page("/-/csrf.json", csrf, permission=PUBLIC, json_twin=False),
    ]
