"""A walk over every page a demo login is shown (issue 15 items 3 and 7): the links of
each page, followed breadth-first from the page the login lands on; what each page says
to people checked for internal words (helpers of test_role_sweep.py)."""
from __future__ import annotations

import html
import re
from collections import deque

from thanthien.testing import csrf_from

HREF = re.compile(r'href="(/[^"#]*)(?:#[^"]*)?"')
SKIP = ("/static/", "/logout", "/api/openapi")
#: a page's JSON twin and downloads have the page's gate: not walked (time)
SKIP_ENDINGS = (".json", ".csv", ".xlsx", ".docx", ".ics", ".atom", ".pdf")
TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)
ISO_DATE = re.compile(r"\b(19|20)\d\d-[01]\d-[0-3]\d\b")
RULE_ID = re.compile(r"\bR-[A-Z]{2,6}-\d+[a-z]?\b")
#: English state and field words that must never reach a screen (internal codes)
ENGLISH = re.compile(r"\b(open|closed|draft|pending|processing|accepted|accept|rejected|published|withdrawn|"
                     r"overdue|submitted|returned|cancelled|assigned|received|applicant:|handler:|true|false|None)\b")


def visible_text(page: str) -> str:
    body = page.split("<main", 1)[-1]
    return html.unescape(TAGS.sub(" ", body))


def land(client, username: str, password: str):
    page = client.get("/login")
    r = client.post("/login", data={"username": username, "password": password,
                                    "csrf_token": csrf_from(page.text)}, follow_redirects=False)
    assert r.status_code == 303, f"{username}: login refused"
    return r.headers["location"]


def walk(client, start: str, *, max_pages: int = 35, depth: int = 2):
    """Yield (url, shown_on, response) for each page reached by following shown links."""
    seen = {start}
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
            if href in seen or href.startswith(SKIP) or href.split("?")[0].endswith(SKIP_ENDINGS):
                continue
            seen.add(href)
            queue.append((href, url, level + 1))


def screen_problems(text: str) -> list[str]:
    out = []
    for name, rx in (("ngày ISO", ISO_DATE), ("từ tiếng Anh", ENGLISH)):
        for m in rx.finditer(text):
            out.append(f"{name}: …{text[max(0, m.start() - 40):m.end() + 20].strip()}…")
    for m in RULE_ID.finditer(text):
        around = text[max(0, m.start() - 80):m.start()]
        if not re.search(r"[a-zà-ỹđ]{3,}", around.lower()):  # an ID with no words for people before it
            out.append(f"mã quy định trơ: …{text[max(0, m.start() - 40):m.end() + 20].strip()}…")
    return out
