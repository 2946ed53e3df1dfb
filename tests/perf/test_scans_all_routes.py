"""No request-time scan of a growing table on ANY GET route (issue 16, item 1), as a sweep:
every GET route of every installed module (public ones anonymously, staff ones as the
chairperson, or as the first demo role the page lets in), with path ids taken one after
another from the demo ward, on the demo ward plus a history of closed dossiers. Every
SELECT a request runs is explained (``EXPLAIN QUERY PLAN`` on SQLite, ``EXPLAIN`` with
sequential scans disabled on PostgreSQL); a step reading a whole table that grows with
the ward's history fails the test, except on a route of :data:`EXCLUDED`, each with its
written reason. ``tests/perf/test_scans.py`` checks the hottest pages more closely (work
that grows with the history). Every public page is also checked for queries per row
(N+1): no statement runs more than :data:`REPEAT_LIMIT` times in one request, so the
number of queries does not grow with the rows a page lists; ``test_query_counts.py``
checks the board, the feeds and the look-up with the rows actually doubled."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.web.helpers import ROLE_LOGINS, all_routes
from thanthien.core.storage.db import is_sqlite
from thanthien.testing import installed_demo_ward
from thanthien.testing.queries import QueryLog, full_scans
from thanthien.web.spec import PUBLIC

from .helpers import add_history
from .test_scans import growing_tables

PARAM = re.compile(r"{(\w+)(?::\w+)?}")
IDS = (1, 2, 3)
SKIPPED_PREFIXES = ("/static", "/login", "/logout")

GAP_TEXT = "known gap, not fixed yet (bench/RESULTS.md, Known query-shape gaps): "

#: a statement run more often than this in one request is a query per row (N+1)
REPEAT_LIMIT = 4

#: public pages still running a query per row, each with the reason (page → why)
PER_ROW_GAPS: dict[str, str] = {}

#: tables that hold a handful of rows per year or per term, read whole on purpose (table → why)
SMALL_BY_NATURE = {
    "congvu_criterion": "the facility checklist of the plan (data/facility.toml), a few dozen criteria",
    "congvu_conduct_rule": "the conduct rules of the plan (data/conduct.toml)",
    "congvu_plan": "one implementation plan per year",
    "thanhtra_term": "one People's Inspection Board term every two and a half years",
    "thanhtra_work_plan": "one work plan of the board per year",
    "baocao_external_index": "a few external indices (PAPI, PAR INDEX, SIPAS) per year",
    "baocao_report": "a few yearly reports",
    "bieuquyet_head_election": "one election per residential group per term",
    "bieuquyet_head_dismissal": "rare: a dismissal of a group head",
    "tiepdan_dialogue": "a few dialogues with residents per year (R-TD: at least one a year)",
}

#: routes still reading a whole growing table, each with the reason (route path → why);
#: every entry is a known gap listed in bench/RESULTS.md ("Known query-shape gaps")
GAP = GAP_TEXT
EXCLUDED: dict[str, str] = {
}

#: PostgreSQL only (its plans differ): routes whose plan still reads a whole growing table
#: there, each a known gap listed in bench/RESULTS.md
PG_EXCLUDED: dict[str, str] = {
}


@pytest.fixture
def full_ward(settings, db, fast_hasher):
    with installed_demo_ward(settings, db, households=20, seed=11) as (core, app, factory, _ctx):
        yield core, app, factory


def _page_of(path: str) -> str:
    """The HTML page of a route (``/a/index.json`` → ``/a/``, ``/a.json`` → ``/a``)."""
    return path.removesuffix("index.json") if path.endswith("/index.json") else path.removesuffix(".json")


def _urls(path: str) -> list[str]:
    return [PARAM.sub(str(i), path) for i in IDS] if PARAM.search(path) else [path]


def _repeated(log) -> dict[str, int]:
    """Statements run more than :data:`REPEAT_LIMIT` times by one request (the same SQL
    text with other parameters: one query per row shown)."""
    seen: dict[str, int] = {}
    for q in log.selects:
        seen[q.sql] = seen.get(q.sql, 0) + 1
    return {sql[:300]: n for sql, n in seen.items() if n > REPEAT_LIMIT}


HREF = re.compile(r'href="([^"#]+\?[^"#]+)"')
#: filter and paging links followed per page (the first ones, distinct), and the choices
#: tried per field of a GET form
FILTER_LINKS = 16
FILTER_CHOICES = 4


class _GetForms(HTMLParser):
    """The choices of a page's GET forms: each option of each select and each checkbox."""

    def __init__(self) -> None:
        super().__init__()
        self.choices: list[tuple[str, str, str]] = []  # (action, name, value)
        self._action: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._action = a.get("action") or "" if (a.get("method") or "get").lower() == "get" else None
        elif self._action is None:
            return
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and a.get("value"):
            self.choices.append((self._action, self._select, a["value"]))
        elif tag == "input" and a.get("type") in ("checkbox", "radio") and a.get("name"):
            self.choices.append((self._action, a["name"], a.get("value") or "on"))

    def handle_endtag(self, tag):
        if tag == "form":
            self._action = None
        elif tag == "select":
            self._select = None


def _filter_links(html: str, url: str) -> list[str]:
    """What a user filters a page by: its links back to the same page with a query string
    (``?missing=1``, tabs, pages) and each choice of its GET forms, one at a time."""
    from html import unescape
    from urllib.parse import urlencode, urlsplit

    path = urlsplit(url).path
    found: list[str] = []
    for href in HREF.findall(html):
        href = unescape(href)
        if urlsplit(href).path in (path, "") and href not in found:
            found.append(href if href.startswith("/") else path + href)
    forms = _GetForms()
    forms.feed(html)
    per_field: dict[tuple[str, str], int] = {}
    for action, name, value in forms.choices:
        target = urlsplit(action).path or path
        if target != path or per_field.get((target, name), 0) >= FILTER_CHOICES:
            continue
        per_field[(target, name)] = per_field.get((target, name), 0) + 1
        link = f"{target}?{urlencode({name: value})}"
        if link not in found:
            found.append(link)
    return found[:FILTER_LINKS]


def test_no_get_route_reads_a_whole_growing_table(db, full_ward):
    core, app, factory = full_ward
    add_history(db, core, 300)
    growing = growing_tables(db) - set(SMALL_BY_NATURE)
    clients: dict[str | None, object] = {}

    def client(login):
        if login not in clients:
            clients[login] = factory(login) if login else factory()
        return clients[login]

    routes = sorted({(path, spec.permission) for path, spec in all_routes(app) if "GET" in spec.methods})
    report: dict[str, list[str]] = {}
    per_row: dict[str, dict[str, int]] = {}
    excused: set[str] = set()
    pg_excused: set[str] = set()
    walked = answered = filters = 0
    for path, permission in routes:
        if path.startswith(SKIPPED_PREFIXES):
            continue
        logins = [None] if permission == PUBLIC else ["chutich", *[x for x in ROLE_LOGINS if x != "chutich"]]
        for url in _urls(path):
            for login in logins:
                with QueryLog(db) as log:
                    r = client(login).get(url, follow_redirects=False)
                walked += 1
                assert r.status_code < 500, (login, url, r.status_code, r.text[:300])
                if r.status_code == 403:
                    continue  # another role may read it
                answered += r.status_code == 200
                if permission == PUBLIC and r.status_code == 200 and _page_of(path) not in PER_ROW_GAPS:
                    per_row[url] = _repeated(log)
                logs = [(url, log)]
                if r.status_code == 200 and r.headers.get("content-type", "").startswith("text/html"):
                    for link in _filter_links(r.text, url):  # the page's filters, as clicked
                        with QueryLog(db) as followed:
                            answer = client(login).get(link, follow_redirects=False)
                        assert answer.status_code < 500, (login, link, answer.status_code, answer.text[:300])
                        filters += 1
                        logs.append((link, followed))
                for shown, entries in logs:
                    for q in entries.selects:
                        problems = full_scans(db, q.sql, q.params, growing)
                        if problems and not is_sqlite(db) and _page_of(path) in PG_EXCLUDED:
                            pg_excused.add(_page_of(path))
                            continue
                        if problems and _page_of(path) in EXCLUDED:
                            excused.add(_page_of(path))
                        elif problems:
                            report.setdefault(path, []).append(f"{shown} ({login}): {problems}\n      {q.sql[:400]}")
                break
    assert walked > 300 and answered > 200 and filters > 100, (walked, answered, filters)
    n_plus_one = {url: found for url, found in per_row.items() if found}
    assert len(per_row) > 30, len(per_row)
    if is_sqlite(db):  # the list of exclusions does not go stale: each still reads a whole table
        assert set(EXCLUDED) <= excused, f"no longer needed in EXCLUDED: {set(EXCLUDED) - excused}"
    else:  # nor does the PostgreSQL one: each still reads a whole table there
        assert set(PG_EXCLUDED) <= pg_excused, f"no longer needed in PG_EXCLUDED: {set(PG_EXCLUDED) - pg_excused}"
    scans = f"{len(report)} routes read a whole growing table:\n" + "\n".join(
        f"{path}:\n    " + "\n    ".join(sorted(set(items))[:3]) for path, items in sorted(report.items()))
    per_rows = f"{len(n_plus_one)} public pages run a query per row:\n" + "\n".join(
        f"{url}:\n    " + "\n    ".join(f"{n}× {sql}" for sql, n in found.items()) for url, found in n_plus_one.items())
    assert not report and not n_plus_one, (scans if report else "") + "\n" + (per_rows if n_plus_one else "")
