#!/usr/bin/env python3
"""Honest HTTP benchmark (issue 16): a real ``thanthien serve`` against baselines, over
HTTP, with ``wrk``.

For each size (dossiers seeded with ``bench/motcua.py``'s own ``seed()``, plus 60
published notices with files and 300 open dossiers due soon), in a temporary folder
removed afterwards:

* the server (``thanthien --config … serve``, one uvicorn worker) runs pinned to one CPU
  and ``wrk`` to the other (``taskset``);
* baselines run beside it, pinned to the same CPU as the server, measured interleaved in
  the same run: a bare Starlette app (constant JSON), the same Starlette app running the
  look-up's / the board's SQL with ``sqlite3`` directly, and Datasette serving the same
  SQLite file from its own virtual environment (default and lean query options);
* every scenario runs ``--reps`` times (default 3) in rotation; the median and the spread
  (min–max) of requests/s and of the median latency are printed, with ratios of medians.

Staff pages (dashboard, one-stop desk, Mẫu 07 register) are measured with one connection
(median latency), logged in as the chairperson (with the second factor her role requires;
every staff page is checked to answer 200 first — ``wrk`` counts a redirect to ``/login``
as a success). Beside them:

* the **same templates rendered from memory** (``--memory``): a Starlette app serving the
  desk, the register and the dashboard as the variant's own templates rendered with the
  context (data, menu, permission answers) the real app computed once at start — the
  issue's "≥ 0.5× the in-memory render" is the app's req/s ÷ this one's;
* the **server time**: the app runs with ``THANTHIEN_SERVER_TIMING=1`` and every staff
  page is requested ``--timing-requests`` times one after another per repetition; the
  median of its ``Server-Timing: app;dur=…`` header is the app's own time (without uvicorn
  and the network), reported per size ("ms at 1M"). The dashboard is also timed on its
  first view after a write (each request follows a view of the Mẫu 07 register, which
  writes an audit entry and so starts a new data version): the cache-miss cost.

    .venv/bin/python bench/serve_http.py [--sizes 10000,200000,1000000] [--reps 3] [--duration 5]
                                   [--connections 16] [--pythonpath DIR] [--label after]
                                   [--timing-requests 30]

``--pythonpath DIR`` serves (and prepares) with another checkout of thanthien on
``PYTHONPATH`` (a folder holding ``thanthien/{core,plugins,web}``), to measure a "before"
on the same machine. ``wrk`` is installed with apt-get when missing. Numbers are only
meaningful as ratios measured in the same run.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
SERVER_CPU, LOAD_CPU = "1", "0"
LOOKUP_SQL = (
    'SELECT d.code, d.procedure_name, d.received_at, d.appointment_at, d.result_ready_at, d.returned_at, d.id, '
    'd.lookup_secret, c.state, c.due_date, c.paused_at FROM motcua_dossier d JOIN core_case c ON d.case_id = c.id '
    'WHERE d.code = ? LIMIT 1')
BOARD_SQL = ("SELECT id, category, title, body_html, published_at FROM core_notice WHERE state = 'published' "
             "ORDER BY published_at DESC, id DESC LIMIT 21")


# ---------------------------------------------------------------------------
# preparing a database (runs in a child process, with the variant's PYTHONPATH)
# ---------------------------------------------------------------------------

def prepare(folder: str, size: int) -> None:
    import datetime as dt

    sys.path.insert(0, str(ROOT / "bench"))
    from motcua import seed  # the project's own seeding

    from thanthien.core import accounts, people
    from thanthien.core.access import actor_for_person
    from thanthien.core.models import CaseRow
    from thanthien.core.plugins import make_plugin_manager
    from thanthien.core.services import make_services
    from thanthien.core.settings import load_settings
    from thanthien.core.storage.db import open_database
    from thanthien.core.storage.migrate import migrate_all
    from thanthien.plugins.congkhai import services as ck
    from thanthien.plugins.motcua import services as mc

    settings = load_settings(str(Path(folder) / "thanthien.toml"))
    pm = make_plugin_manager(settings)
    db = open_database(settings.database_url)
    migrate_all(db, pm, settings)
    core = make_services(settings, pm)
    with db.connection_context():
        mc.ensure_catalogue()
        ubnd = people.create_unit("UBND", "UBND phường Bắc Kạn", "peoples_committee")
        chair = people.create_person("Chủ tịch Phường", is_staff=True, unit_id=ubnd.id)
        people.grant_role(chair.id, "chairperson")
        accounts.create_account(chair.id, "chutich", "mật khẩu đo hiệu năng 2026")
        # the chairperson logs in with a second factor (issue 10): the bench enrols one and
        # answers it, so staff pages are measured as pages, not as redirects to /login
        if hasattr(accounts, "set_totp"):
            import pyotp

            secret = pyotp.random_base32()
            accounts.set_totp("chutich", secret)
            Path(folder, "totp.txt").write_text(secret, encoding="utf-8")
        officer = people.create_person("Công chức Văn hóa", is_staff=True, unit_id=ubnd.id)
        people.grant_role(officer.id, "department_officer")
        actor = actor_for_person(officer.id, officer.full_name)
        codes = seed(db, core, size)
        # 300 of the newest dossiers are still open, due over the next days (the desk's list)
        newest = [r.id for r in CaseRow.select(CaseRow.id).order_by(CaseRow.id.desc()).limit(300)]
        today = dt.date.today()
        for i, case_id in enumerate(newest):
            CaseRow.update(state="processing", closed_at=None, outcome="",
                           due_date=today + dt.timedelta(days=i % 5)).where(CaseRow.id == case_id).execute()
        for i in range(60):
            n = ck.create_notice(core, category="ngan_sach", title=f"Công khai dự toán số {i}",
                                 body_html=f"<p>Nội dung {i}: " + "chi tiết " * 80 + "</p>", actor=actor)
            ck.add_attachment(core, n.id, filename=f"du-toan-{i}.pdf", data=b"%PDF-1.4\n%%EOF\n", actor=actor)
            ck.publish_notice(core, n.id, actor=actor)
        db.execute_sql("ANALYZE")
    db.close()
    Path(folder, "codes.txt").write_text("\n".join(codes[:: max(1, len(codes) // 5000)]), encoding="utf-8")


# ---------------------------------------------------------------------------
# the baseline server: bare Starlette and the same SQL through sqlite3
# ---------------------------------------------------------------------------

def baseline(db_path: str, port: int) -> None:
    import sqlite3

    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    con = sqlite3.connect(db_path, check_same_thread=False)

    async def bare(request):
        return JSONResponse({"ok": True, "dossier": {"code": "X", "status": "returned"}})

    async def lookup(request):
        row = con.execute(LOOKUP_SQL, (request.query_params.get("ma", ""),)).fetchone()
        if row is None:
            return JSONResponse({"error": "not found"}, status_code=404)
        return JSONResponse({"code": row[0], "status": row[8], "received": row[2], "appointment": row[3],
                             "due": row[9], "paused": row[10] is not None})

    async def board(request):
        rows = con.execute(BOARD_SQL).fetchall()[:20]
        return JSONResponse({"notices": [{"id": r[0], "category": r[1], "title": r[2], "body_html": r[3],
                                          "published_at": r[4]} for r in rows]})

    app = Starlette(routes=[Route("/bare", bare), Route("/raw/tra-cuu.json", lookup),
                            Route("/raw/index.json", board)])
    uvicorn.run(app, host=HOST, port=port, log_level="warning")


# ---------------------------------------------------------------------------
# the in-memory render: the same templates with the same data, loaded once
# ---------------------------------------------------------------------------

#: staff pages rendered from memory as well (the issue's "≥ 0.5× the in-memory render")
MEMORY_PAGES = ("/motcua/", "/motcua/so-theo-doi", "/dashboard")
MEMORY_NAMES = {
    "/motcua/": "bàn Một cửa: cùng mẫu từ bộ nhớ (1 kết nối)",
    "/motcua/so-theo-doi": "sổ Mẫu 07 HTML: cùng mẫu từ bộ nhớ (1 kết nối)",
    "/dashboard": "bảng điều khiển: cùng mẫu từ bộ nhớ (1 kết nối)",
}
#: the app's scenario each in-memory render is compared with
MEMORY_OF = {
    "bàn Một cửa (1 kết nối)": MEMORY_NAMES["/motcua/"],
    "sổ Mẫu 07 HTML (1 kết nối)": MEMORY_NAMES["/motcua/so-theo-doi"],
    "bảng điều khiển (1 kết nối)": MEMORY_NAMES["/dashboard"],
}


def memory(folder: str, port: int) -> None:
    """Serve ``MEMORY_PAGES`` as the same templates rendered again and again with the
    context (data, menu, permissions' answers) the real app computed once at start, so a
    request costs the template and the HTTP server only. Runs with the variant's
    ``PYTHONPATH`` (its own templates)."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from thanthien.core import accounts
    from thanthien.core.plugins import make_plugin_manager
    from thanthien.core.settings import load_settings
    from thanthien.core.storage.db import open_database
    from thanthien.web import render
    from thanthien.web.app import create_app

    settings = load_settings(str(Path(folder) / "thanthien.toml"))
    pm = make_plugin_manager(settings)
    db = open_database(settings.database_url)
    real = create_app(settings, pm, db=db)
    with db.connection_context():  # a session of the chairperson, without the login form
        account = accounts.account_by_username("chutich")
        raw = accounts.start_session(account, settings, ip="127.0.0.1", user_agent="bench", stage="full")
    captured: dict[str, tuple[str, dict]] = {}
    original = render.render_template

    def remembered(answer) -> object:
        seen: dict = {}

        def ask(arg):
            if arg not in seen:
                seen[arg] = answer(arg)
            return seen[arg]
        return ask

    def capture(request, template, data, **extra):
        context = render.common_context(request)
        context.update(extra)
        context.update(data)
        context["may"] = remembered(context["may"])  # answered once, then from memory
        context["may_read"] = remembered(context["may_read"])
        context["csrf_token"] = str(context["csrf_token"])
        captured[request.url.path] = (template, context)
        return real.state.templates.get_template(template).render(context)

    render.render_template = capture
    try:
        with TestClient(real, base_url="https://testserver") as client:
            client.cookies.set("tt_session", raw)
            for path in MEMORY_PAGES:
                r = client.get(path, follow_redirects=False)
                if r.status_code != 200:
                    raise SystemExit(f"bộ nhớ: {path} trả lời {r.status_code}")
    finally:
        render.render_template = original
    env = real.state.templates
    for template, context in captured.values():  # the answers of the first render are kept
        env.get_template(template).render(context)

    def page(path: str):
        template, context = captured[path]
        compiled = env.get_template(template)

        async def endpoint(request):
            return HTMLResponse(compiled.render(context))
        return endpoint

    app = Starlette(routes=[Route(f"/memory{p}", page(p)) for p in MEMORY_PAGES])
    uvicorn.run(app, host=HOST, port=port, log_level="warning")


# ---------------------------------------------------------------------------
# the driver
# ---------------------------------------------------------------------------

def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk chưa có: cài bằng apt-get …", flush=True)
    subprocess.run(["apt-get", "install", "-y", "wrk"], check=False, stdout=subprocess.DEVNULL)
    found = shutil.which("wrk")
    if not found:
        subprocess.run(["apt-get", "update"], check=False, stdout=subprocess.DEVNULL)
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, stdout=subprocess.DEVNULL)
        found = shutil.which("wrk")
    return found or "wrk"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_for(port: int, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"máy chủ dừng sớm: {proc.args}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"máy chủ không khởi động: {proc.args}")


LUA = """
local codes = {}
for line in io.lines("%(codes)s") do codes[#codes + 1] = line end
math.randomseed(7)
local path = "%(path)s"
local headers = {}
%(cookie)s
request = function()
  local p = path:gsub("{code}", codes[math.random(#codes)])
  return wrk.format("GET", p, headers)
end
"""


def run_wrk(wrk: str, folder: str, port: int, path: str, connections: int, duration: int,
            cookie: str = "") -> tuple[float, float, int]:
    """(requests/s, median latency ms, non-2xx responses) of one wrk run."""
    script = Path(folder) / f"wrk-{abs(hash((port, path, cookie)))}.lua"
    script.write_text(LUA % {"codes": Path(folder) / "codes.txt", "path": path,
                             "cookie": f'headers["Cookie"] = "{cookie}"' if cookie else ""}, encoding="utf-8")
    # a slow request (the first dashboard after a write computes every widget) is counted, not
    # dropped: wrk's own time-out is 2 s
    out = subprocess.run(["taskset", "-c", LOAD_CPU, wrk, "-t1", f"-c{connections}", f"-d{duration}s",
                          "--timeout", "60s", "--latency",
                          "-s", str(script), f"http://{HOST}:{port}"], capture_output=True, text=True,
                         check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p50.group(2)]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rps, float(p50.group(1)) * scale, int(bad.group(1)) if bad else 0


def login_cookie(port: int, folder: str) -> str:
    import http.client
    from urllib.parse import urlencode

    con = http.client.HTTPConnection(HOST, port, timeout=60)
    con.request("GET", "/login")
    r = con.getresponse()
    page = r.read().decode()
    cookies = [h.split(";")[0] for k, h in r.getheaders() if k.lower() == "set-cookie"]
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    body = urlencode({"username": "chutich", "password": "mật khẩu đo hiệu năng 2026", "csrf_token": token})
    con.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded",
                                         "Cookie": "; ".join(cookies)})
    r = con.getresponse()
    r.read()
    cookies += [h.split(";")[0] for k, h in r.getheaders() if k.lower() == "set-cookie"]
    if r.status != 303:
        raise SystemExit(f"đăng nhập thất bại: {r.status}")
    location = r.getheader("location") or ""
    if location.startswith("/login/totp"):  # the second factor (the chairperson's role requires it)
        import pyotp

        secret = Path(folder, "totp.txt").read_text(encoding="utf-8").strip()
        con.request("GET", location, headers={"Cookie": _jar(cookies)})
        r = con.getresponse()
        page = r.read().decode()
        cookies += [h.split(";")[0] for k, h in r.getheaders() if k.lower() == "set-cookie"]
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        body = urlencode({"code": pyotp.TOTP(secret).now(), "csrf_token": token})
        con.request("POST", location, body, {"Content-Type": "application/x-www-form-urlencoded",
                                             "Cookie": _jar(cookies)})
        r = con.getresponse()
        r.read()
        cookies += [h.split(";")[0] for k, h in r.getheaders() if k.lower() == "set-cookie"]
        if r.status != 303:
            raise SystemExit(f"xác thực hai lớp thất bại: {r.status}")
    cookie = _jar(cookies)
    # wrk counts a redirect as a success: make sure the session really opens the staff pages
    con.request("GET", "/dashboard", headers={"Cookie": cookie})
    r = con.getresponse()
    r.read()
    if r.status != 200:
        raise SystemExit(f"phiên đăng nhập không mở được bảng điều khiển: {r.status} {r.getheader('location') or ''}")
    return cookie


def _jar(cookies: list[str]) -> str:
    """The Cookie header of the cookies set so far (the last value of each name)."""
    jar = {}
    for c in cookies:
        k, _, v = c.partition("=")
        jar[k] = v
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def check_ok(port: int, path: str, cookie: str) -> None:
    """Refuse to measure a page that does not answer 200 (wrk counts a redirect to /login
    as a success: the staff pages were once measured as redirects)."""
    import http.client

    con = http.client.HTTPConnection(HOST, port, timeout=120)
    con.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    r = con.getresponse()
    r.read()
    if r.status != 200:
        raise SystemExit(f"{path}: trả lời {r.status}, không phải 200 — không đo")


#: a staff page whose every view writes an audit entry (a read of personal data), so the
#: data version moves: what the first dashboard view after a write costs (cache miss)
WRITING_PAGE = "/motcua/so-theo-doi"
AFTER_WRITE = "bảng điều khiển, lần xem đầu sau một lần ghi (1 kết nối)"


def server_times(port: int, path: str, cookie: str, n: int, after: str = "") -> list[float]:
    """The app's own time (``Server-Timing: app;dur=…``, THANTHIEN_SERVER_TIMING=1) of
    ``n`` requests one after another, each one after a request to ``after`` when given;
    empty when the server does not send it."""
    import http.client

    con = http.client.HTTPConnection(HOST, port, timeout=120)
    out = []
    for _ in range(n):
        if after:
            con.request("GET", after, headers={"Cookie": cookie} if cookie else {})
            con.getresponse().read()
        con.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        r = con.getresponse()
        r.read()
        m = re.search(r"app;dur=([\d.]+)", r.getheader("server-timing") or "")
        if m is None:
            return []
        out.append(float(m.group(1)))
    return out


def rss_peak_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def start(cmd: list[str], env: dict, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(["taskset", "-c", SERVER_CPU, *cmd], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    wait_for(port, proc)
    return proc


def datasette_bin() -> str | None:
    venv = Path(tempfile.gettempdir()) / "bench-datasette-venv"
    exe = venv / "bin" / "datasette"
    if not exe.exists():
        print("Datasette: tạo môi trường ảo riêng và cài datasette 0.65 …", flush=True)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "datasette>=0.65,<0.66"], check=True)
        except subprocess.CalledProcessError:
            return None
    return str(exe)


def measure_size(size: int, args, wrk: str) -> dict:
    folder = tempfile.mkdtemp(prefix=f"thanthien-http-{size}-")
    procs: list[subprocess.Popen] = []
    try:
        # the chairperson's account logs in with a password only: with the second factor that
        # privileged roles need by default, every staff page measured would be the redirect
        # to the TOTP set-up page (a 302, or a 401 for the JSON register)
        (Path(folder) / "thanthien.toml").write_text(
            f'[storage]\ndata_dir = "{folder}/data"\n\n[web]\ntotp_for_privileged_roles = false\n'
            # no access log, as the baselines (uvicorn at log level "warning"): the same work per request
            'access_log = false\n', encoding="utf-8")
        env = {**os.environ}
        if args.pythonpath:
            env["PYTHONPATH"] = args.pythonpath
        t = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--prepare", folder, str(size)], env=env, check=True)
        print(f"  {size:,} hồ sơ: nạp dữ liệu {time.perf_counter() - t:.0f} s", flush=True)
        db_path = f"{folder}/data/thanthien.db"
        ports = {k: free_port() for k in ("app", "base", "ds", "mem")}
        env["THANTHIEN_SERVER_TIMING"] = "1"  # Server-Timing: app;dur=… (ignored by a version without it)
        thanthien = [sys.executable, "-c", "import sys; from thanthien.web.cli import main; sys.exit(main())"]
        app = start([*thanthien, "--config", f"{folder}/thanthien.toml", "serve", "--port", str(ports["app"])],
                    env, ports["app"])
        procs.append(app)
        procs.append(start([sys.executable, __file__, "--baseline", db_path, str(ports["base"])], os.environ,
                           ports["base"]))
        ds = datasette_bin()
        if ds:
            procs.append(start([ds, "serve", db_path, "-p", str(ports["ds"]), "-h", HOST, "--setting",
                                "sql_time_limit_ms", "10000"], os.environ, ports["ds"]))
        try:  # the same templates from memory (a version without them is measured without it)
            procs.append(start([sys.executable, __file__, "--memory", folder, str(ports["mem"])], env,
                               ports["mem"]))
            mem = True
        except SystemExit as exc:
            print(f"  bộ nhớ: không chạy được ({exc})", flush=True)
            mem = False
        cookie = login_cookie(ports["app"], folder)
        lean = "&_shape=array&_nocount=1&_nofacet=1&_col=procedure_name&_col=received_at"
        scenarios = [
            ("bare Starlette (hằng JSON)", "base", "/bare", args.connections, ""),
            ("tra cứu: Starlette + sqlite3 cùng SQL", "base", "/raw/tra-cuu.json?ma={code}", args.connections, ""),
            ("tra cứu: thanthien /motcua/tra-cuu.json", "app", "/motcua/tra-cuu.json?ma={code}", args.connections, ""),
            ("20 dòng: Starlette + sqlite3", "base", "/raw/index.json", args.connections, ""),
            ("20 dòng: thanthien /congkhai/index.json", "app", "/congkhai/index.json", args.connections, ""),
            ("feed.json 50 mục: thanthien", "app", "/congkhai/feed.json", args.connections, ""),
            ("bảng điều khiển (1 kết nối)", "app", "/dashboard", 1, cookie),
            ("bàn Một cửa (1 kết nối)", "app", "/motcua/", 1, cookie),
            ("sổ Mẫu 07 (1 kết nối)", "app", "/motcua/so-theo-doi.json", 1, cookie),
            ("sổ Mẫu 07 HTML (1 kết nối)", "app", "/motcua/so-theo-doi", 1, cookie),
        ]
        if mem:
            scenarios += [(MEMORY_NAMES[path], "mem", f"/memory{path}", 1, "") for path in MEMORY_PAGES]
        if ds:
            scenarios += [
                ("tra cứu: Datasette mặc định", "ds", "/thanthien/motcua_dossier.json?code={code}",
                 args.connections, ""),
                ("tra cứu: Datasette gọn", "ds", "/thanthien/motcua_dossier.json?code={code}" + lean,
                 args.connections, ""),
                ("20 dòng: Datasette bảng core_notice", "ds", "/thanthien/core_notice.json?_size=20&_nocount=1",
                 args.connections, ""),
            ]
        for _name, server, path, _conns, ck in scenarios:
            if ck or server == "mem":  # staff pages must be pages (200), not redirects
                check_ok(ports[server], path, ck)
        results: dict[str, list[tuple[float, float, int]]] = {s[0]: [] for s in scenarios}
        timed = [(name, path) for name, server, path, _c, ck in scenarios if server == "app" and ck]
        server_ms: dict[str, list[float]] = {name: [] for name, _p in timed}
        server_ms[AFTER_WRITE] = []
        for rep in range(args.reps):  # interleaved: every scenario once per repetition
            for name, server, path, conns, ck in scenarios:
                results[name].append(run_wrk(wrk, folder, ports[server], path, conns, args.duration, ck))
            for name, path, after in [*((n, p, "") for n, p in timed), (AFTER_WRITE, "/dashboard", WRITING_PAGE)]:
                # the app's own time, one request after another
                took = server_times(ports["app"], path, cookie, args.timing_requests, after=after)
                if took:
                    server_ms[name].append(statistics.median(took))
            print(f"  lần đo {rep + 1}/{args.reps} xong", flush=True)
        peak = rss_peak_mib(app.pid)
        return {"size": size, "results": results, "rss_peak_mib": peak,
                "server_ms": {k: v for k, v in server_ms.items() if v}, "timing_requests": args.timing_requests}
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(folder, ignore_errors=True)


def startup(args) -> dict:
    env = {**os.environ}
    if args.pythonpath:
        env["PYTHONPATH"] = args.pythonpath

    def timed(cmd: list[str]) -> float:
        runs = []
        for _ in range(7):
            t = time.perf_counter()
            subprocess.run(["taskset", "-c", SERVER_CPU, *cmd], env=env, check=True, stdout=subprocess.DEVNULL)
            runs.append(time.perf_counter() - t)
        return statistics.median(runs) * 1000

    help_ms = timed([sys.executable, "-c",
                     "import sys; from thanthien.web.cli import main; sys.exit(main(['--help']))"])
    bare_ms = timed([sys.executable, "-c", "pass"])
    return {"help_ms": help_ms, "python_ms": bare_ms}


def args_timing(m: dict) -> int:
    return int(m.get("timing_requests", 0)) or 30


def report(label: str, measured: list[dict], start_up: dict) -> str:
    lines = [f"## {label}", "",
             f"`thanthien --help`: {start_up['help_ms']:.0f} ms (median of 7; `python -c pass` "
             f"{start_up['python_ms']:.0f} ms, ×{start_up['help_ms'] / start_up['python_ms']:.1f})", ""]
    for m in measured:
        res = m["results"]
        med = {k: statistics.median(r[0] for r in v) for k, v in res.items()}
        lat = {k: statistics.median(r[1] for r in v) for k, v in res.items()}
        lines += [f"### {m['size']:,} hồ sơ", "",
                  "| kịch bản | req/s trung vị (min–max) | p50 ms trung vị (min–max) | lỗi |", "|---|---|---|---|"]
        for k, v in res.items():
            lines.append(f"| {k} | {med[k]:.0f} ({min(r[0] for r in v):.0f}–{max(r[0] for r in v):.0f}) | "
                         f"{lat[k]:.2f} ({min(r[1] for r in v):.2f}–{max(r[1] for r in v):.2f}) | "
                         f"{sum(r[2] for r in v)} |")

        def ratio(a: str, b: str, med: dict = med) -> str:
            return f"{med[a] / med[b]:.2f}×" if a in med and b in med and med[b] else "—"

        lines += ["", "Tỷ lệ (trung vị req/s):",
                  f"- tra cứu thanthien ÷ Starlette + sqlite3 cùng SQL: "
                  f"{ratio('tra cứu: thanthien /motcua/tra-cuu.json', 'tra cứu: Starlette + sqlite3 cùng SQL')}",
                  f"- tra cứu thanthien ÷ Datasette mặc định / gọn: "
                  f"{ratio('tra cứu: thanthien /motcua/tra-cuu.json', 'tra cứu: Datasette mặc định')} / "
                  f"{ratio('tra cứu: thanthien /motcua/tra-cuu.json', 'tra cứu: Datasette gọn')}",
                  f"- 20 dòng thanthien ÷ Datasette 20 dòng: "
                  f"{ratio('20 dòng: thanthien /congkhai/index.json', '20 dòng: Datasette bảng core_notice')}",
                  f"- 20 dòng thanthien ÷ Starlette + sqlite3: "
                  f"{ratio('20 dòng: thanthien /congkhai/index.json', '20 dòng: Starlette + sqlite3')}",
                  f"- RSS đỉnh của `thanthien serve` sau đo: "
                  f"{m['rss_peak_mib']:.0f} MiB" if m["rss_peak_mib"] else "- RSS: —"]
        for page, from_memory in MEMORY_OF.items():
            if page in med and from_memory in med:
                lines.append(f"- {page.removesuffix(' (1 kết nối)')} ÷ cùng mẫu từ bộ nhớ: {ratio(page, from_memory)} "
                             f"(p50 {lat[page]:.2f} ms ÷ {lat[from_memory]:.2f} ms)")
        timing = m.get("server_ms") or {}
        if timing:
            lines += ["", "Thời gian máy chủ (`Server-Timing: app`, trung vị của "
                      f"{args_timing(m)} yêu cầu liên tiếp mỗi lần đo; trung vị (min–max) qua các lần đo):"]
            for k, v in timing.items():
                lines.append(f"- {k.removesuffix(' (1 kết nối)')}: {statistics.median(v):.2f} ms "
                             f"({min(v):.2f}–{max(v):.2f}) ở {m['size']:,} hồ sơ")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,200000,1000000")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--duration", type=int, default=5, help="giây mỗi lần chạy wrk")
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--timing-requests", type=int, default=30,
                    help="yêu cầu liên tiếp đo Server-Timing mỗi trang cán bộ, mỗi lần đo")
    ap.add_argument("--pythonpath", default="", help="thư mục chứa một bản thanthien khác (đo 'trước')")
    ap.add_argument("--label", default="sau")
    ap.add_argument("--json", default="", help="ghi kết quả thô ra tệp JSON")
    ap.add_argument("--prepare", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--baseline", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--memory", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.prepare:
        prepare(args.prepare[0], int(args.prepare[1]))
        return 0
    if args.baseline:
        baseline(args.baseline[0], int(args.baseline[1]))
        return 0
    if args.memory:
        memory(args.memory[0], int(args.memory[1]))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if not sizes or any(not 1000 <= s <= 2_000_000 for s in sizes) or not 1 <= args.reps <= 10:
        raise SystemExit("--sizes: 1.000 … 2.000.000 hồ sơ; --reps: 1 … 10")
    wrk = ensure_wrk()
    print(f"máy: {os.cpu_count()} CPU; máy chủ trên CPU {SERVER_CPU}, wrk trên CPU {LOAD_CPU}", flush=True)
    start_up = startup(args)
    measured = [measure_size(size, args, wrk) for size in sizes]
    text = report(args.label, measured, start_up)
    print(text)
    if args.json:
        Path(args.json).write_text(json.dumps({"label": args.label, "startup": start_up, "sizes": measured},
                                              ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
