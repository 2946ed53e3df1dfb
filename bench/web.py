"""Web benchmark (not a test): requests/s of the app under uvicorn on 127.0.0.1.

Scenarios, measured in the same run against the same server process:

  (a) a bare Starlette JSON endpoint (the baseline),
  (b) a public JSON twin whose endpoint runs a 20-row query (``/bench/rows.json``),
  (c) the same page as HTML (``/bench/rows``),

and the ratios b/a and c/a. The load is bounded: a fixed number of requests per
scenario, a fixed concurrency, 127.0.0.1 only.

    .venv/bin/python bench/web.py [--requests 3000] [--concurrency 16] [--households 300]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HOST = "127.0.0.1"


# ---------------------------------------------------------------------------
# the server side (runs in a child process)
# ---------------------------------------------------------------------------


def _bench_plugin():
    """A bench-only plugin: one public page listing 20 residents' names (demo data)."""
    import types

    from thanthien.core import hookimpl

    def rows(request, form):
        """20 dòng (đo hiệu năng)."""
        from thanthien.core import people
        from thanthien.web.render import respond

        found = people.search_people("", limit=20)
        return respond(request, "bench_rows.html", {"rows": [{"id": p.id, "full_name": p.full_name} for p in found]})

    @hookimpl
    def register_routes(settings):
        from thanthien.web.routing import PUBLIC, page

        return page("/rows", rows, permission=PUBLIC)

    @hookimpl
    def register_template_dirs(settings):
        return [Path(os.environ["BENCH_TEMPLATES"])]

    mod = types.ModuleType("bench_plugin")
    mod.register_routes = register_routes
    mod.register_template_dirs = register_template_dirs
    return mod


def serve(data_dir: str, port: int) -> None:
    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from thanthien.core.plugins import make_plugin_manager
    from thanthien.core.settings import Settings, StorageSettings
    from thanthien.web.app import create_app

    settings = Settings(storage=StorageSettings(data_dir=data_dir))
    pm = make_plugin_manager(settings, load_entrypoints=False, plugins=[("bench", _bench_plugin())])
    app = create_app(settings, pm)

    async def bare_endpoint(request):
        return JSONResponse({"ok": True, "hello": "thanthien"})

    bare = Starlette(routes=[Route("/bare", bare_endpoint)])

    async def dispatch(scope, receive, send):
        if scope["type"] == "http" and scope["path"] == "/bare":
            await bare(scope, receive, send)
        else:
            await app(scope, receive, send)

    uvicorn.run(dispatch, host=HOST, port=port, log_level="warning", access_log=False, lifespan="on")


def prepare(data_dir: str, households: int) -> None:
    from thanthien.core import demo
    from thanthien.core.plugins import make_plugin_manager
    from thanthien.core.services import make_services
    from thanthien.core.settings import Settings, StorageSettings
    from thanthien.core.storage.db import open_database
    from thanthien.core.storage.migrate import migrate_all

    settings = Settings(storage=StorageSettings(data_dir=data_dir))
    pm = make_plugin_manager(settings, load_entrypoints=False)
    db = open_database(settings.database_url)
    migrate_all(db, pm, settings)
    with db.connection_context():
        demo.build_demo_ward(settings, pm, make_services(settings, pm), households=households)
    db.close()


# ---------------------------------------------------------------------------
# the load generator
# ---------------------------------------------------------------------------


async def _one_connection(port: int, request: bytes, count: list[int], errors: list[int]) -> None:
    """A keep-alive HTTP/1.1 connection sending requests until the shared budget is spent."""
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        while count[0] > 0:
            count[0] -= 1
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            if length:
                await reader.readexactly(length)
            if status != 200:
                errors[0] += 1
    finally:
        writer.close()


async def _drive(port: int, path: str, total: int, concurrency: int) -> tuple[float, int]:
    """A small raw asyncio client: light enough that the server, not the client, is measured."""
    request = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nAccept: */*\r\n\r\n".encode()
    await asyncio.gather(*(_one_connection(port, request, [25], [0]) for _ in range(2)))  # warm-up
    count, errors = [total], [0]
    start = time.perf_counter()
    await asyncio.gather(*(_one_connection(port, request, count, errors) for _ in range(concurrency)))
    return total / (time.perf_counter() - start), errors[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _wait(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("the server exited early")
        try:
            with socket.create_connection((HOST, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--requests", type=int, default=3000, help="requests per scenario (default 3000)")
    p.add_argument("--concurrency", type=int, default=16)
    p.add_argument("--households", type=int, default=300)
    p.add_argument("--serve", nargs=2, metavar=("DATA_DIR", "PORT"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.serve:
        serve(args.serve[0], int(args.serve[1]))
        return 0
    if not 1 <= args.requests <= 200_000 or not 1 <= args.concurrency <= 256:
        raise SystemExit("--requests must be 1..200000 and --concurrency 1..256")
    with tempfile.TemporaryDirectory(prefix="thanthien-bench-") as tmp:
        templates = Path(tmp) / "templates"
        templates.mkdir()
        (templates / "bench_rows.html").write_text(
            '{% extends "base.html" %}{% block content %}<h1>20 dòng</h1><table><tbody>'
            "{% for r in rows %}<tr><td>{{ r.id }}</td><td>{{ r.full_name }}</td></tr>{% endfor %}"
            "</tbody></table>{% endblock %}", encoding="utf-8")
        data_dir = str(Path(tmp) / "data")
        print(f"Preparing the demo ward ({args.households} households)…", flush=True)
        prepare(data_dir, args.households)
        port = _free_port()
        env = {**os.environ, "BENCH_TEMPLATES": str(templates)}
        proc = subprocess.Popen([sys.executable, __file__, "--serve", data_dir, str(port)], env=env)
        try:
            _wait(port, proc)
            results = {}
            for key, path in (("a", "/bare"), ("b", "/bench/rows.json"), ("c", "/bench/rows")):
                rps, errors = asyncio.run(_drive(port, path, args.requests, args.concurrency))
                results[key] = (path, rps, errors)
        finally:
            proc.terminate()
            proc.wait(10)
    print()
    print(f"{'scenario':<34} {'path':<18} {'req/s':>9} {'errors':>7}")
    labels = {"a": "(a) bare Starlette JSON", "b": "(b) public JSON twin, 20 rows", "c": "(c) same page as HTML"}
    for key, (path, rps, errors) in results.items():
        print(f"{labels[key]:<34} {path:<18} {rps:>9.0f} {errors:>7}")
    a = results["a"][1]
    print()
    print(f"ratio b/a = {results['b'][1] / a:.2f}    ratio c/a = {results['c'][1] / a:.2f}")
    print(f"({args.requests} requests per scenario, concurrency {args.concurrency}, one uvicorn worker, "
          f"{'uvloop/httptools' if _has_uvloop() else 'asyncio/h11'})")
    return 0


def _has_uvloop() -> bool:
    try:
        import httptools  # noqa: F401
        import uvloop  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
