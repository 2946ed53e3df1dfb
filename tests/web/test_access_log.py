"""uvicorn's access log as ``thanthien serve`` configures it: the path without the query
string (a look-up's address carries the receipt's secret, a staff search the ID number
typed), or no line at all with ``[web] access_log = false``."""
from __future__ import annotations

import logging.config
import socket
import threading
import time

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from thanthien.core.settings import Settings, WebSettings
from thanthien.web.cli import access_log_options


def _serve_once(options: dict, url_path: str) -> None:
    app = Starlette(routes=[Route("/motcua/tra-cuu", lambda request: PlainTextResponse("ok"))])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="info", **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    try:
        assert httpx.get(f"http://127.0.0.1:{port}{url_path}").status_code == 200
    finally:
        server.should_exit = True
        thread.join(10)
        logging.config.dictConfig({"version": 1, "disable_existing_loggers": False})


@pytest.mark.parametrize("access_log", [True, False], ids=["on", "off"])
def test_the_access_log_never_carries_a_query_string(capsys, access_log):
    settings = Settings(web=WebSettings(access_log=access_log))
    _serve_once(access_log_options(settings), "/motcua/tra-cuu?ma=BACKAN-261104-0001&k=SECRET42&q=001099555202")
    printed = capsys.readouterr()
    lines = [line for line in (printed.out + printed.err).splitlines() if "/motcua/tra-cuu" in line]
    if access_log:
        assert lines and all('"GET /motcua/tra-cuu HTTP/1.1" 200' in line for line in lines), lines
    else:
        assert lines == []
    assert "SECRET42" not in printed.out + printed.err
    assert "001099555202" not in printed.out + printed.err
