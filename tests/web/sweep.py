"""A walk over the pages a demo login is shown (issue 15 item 3): the links of each page,
followed breadth-first from the page the login lands on (helpers of test_role_sweep.py)."""
from __future__ import annotations

import html
import re
from collections import deque

from thanthien.testing import csrf_from

HREF = re.compile(r'href="(/[^"#]*)(?:#[^"]*)?"')
SKIP = ("/static/", "/logout", "/api/openapi")
#: a page's JSON twin and downloads have the page's gate: not walked (time)
SKIP_ENDINGS = (".json", ".csv", ".xlsx", ".docx", ".ics", ".atom", ".pdf")


def land(client, username: str, password: str):
    page = client.get("/login")
    r = client.post("/login", data={"username": username, "password": password,
                                    "csrf_token": csrf_from(page.text)}, follow_redirects=False)
    assert r.status_code == 303, f"{username}: login refused"
    return r.headers["location"]


def pattern(href: str) -> str:
    """One key per kind of page: numbers and the query left out (``/hoso/12?tab=a`` →
    ``/hoso/#``)."""
    return re.sub(r"\d+", "#", href.split("?")[0])


def walk(client, start: str, *, max_pages: int = 35, depth: int = 2, seen: set | None = None, key=None):
    """Yield (url, shown_on, response) for each page reached by following shown links.

    ``key`` maps a link to what makes it new (default: the link itself, e.g. :func:`pattern`
    for one page of each kind); ``seen`` may be shared between walks."""
    key = key or (lambda href: href)
    seen = set() if seen is None else seen
    seen.add(key(start))
    queue = deque([(start, "(sau khi đăng nhập)", 0)])
    count = 0
    while queue and count < max_pages:
        url, parent, level = queue.popleft()
        r = client.get(url, follow_redirects=True)
        count += 1
        yield url, parent, r
        if level >= depth or "text/html" not in r.headers.get("content-type", ""):
            continue
        for href in HREF.findall(r.text):
            href = html.unescape(href)
            if key(href) in seen or href.startswith(SKIP) or href.split("?")[0].endswith(SKIP_ENDINGS):
                continue
            seen.add(key(href))
            queue.append((href, url, level + 1))
