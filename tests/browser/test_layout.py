"""Issue 15 item 6 (part): on a phone (390 × 844) the header and the menu take at most a
fifth of the first screen; the menu opens without JavaScript; no sideways scrolling on the
dashboard; on a desktop (1366 px) the menu is always shown."""
from __future__ import annotations

import pytest

from .helpers import DESKTOP, PHONE, login

pytestmark = pytest.mark.browser


def _chrome_height(pg) -> float:
    return pg.evaluate("document.querySelector('.site-nav').getBoundingClientRect().bottom")


def test_phone_header_and_menu_fit_a_fifth_and_open_without_javascript(open_page):
    pg = open_page(PHONE, javascript=False)
    login(pg, "chutich")
    assert _chrome_height(pg) <= 844 / 5
    menu = pg.get_by_role("navigation", name="Điều hướng chính")
    assert not menu.get_by_role("link", name="Người dân").is_visible()
    pg.locator("label.menu-button").click()
    assert menu.get_by_role("link", name="Người dân").is_visible()
    assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_desktop_menu_is_always_shown(open_page):
    pg = open_page(DESKTOP)
    login(pg, "chutich")
    assert not pg.locator("label.menu-button").is_visible()
    assert pg.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Người dân").is_visible()


#: every table cell of the page's main part that sticks out: to the right of the screen or
#: of the box it scrolls in (a table wider than its wrapper needs sideways scrolling)
CUT_CELLS = """() => {
  const out = [];
  for (const table of document.querySelectorAll('main table')) {
    const wrap = table.closest('.table-wrap') || table.parentElement;
    const limit = Math.min(window.innerWidth, wrap.getBoundingClientRect().right) + 1;
    const name = table.caption ? table.caption.innerText : table.rows[0].innerText.slice(0, 40);
    if (wrap.scrollWidth > wrap.clientWidth + 1) out.push('scrolls: ' + name);
    for (const cell of table.querySelectorAll('td, th')) {
      const box = cell.getBoundingClientRect();
      if (box.width > 0 && box.right > limit) out.push(cell.innerText.slice(0, 40));
    }
  }
  return out;
}"""

#: date cells whose text is clipped or broken inside a date (dd/mm/yyyy split on two lines)
BROKEN_DATES = """() => {
  const out = [];
  for (const cell of document.querySelectorAll('main td.date')) {
    if (cell.scrollWidth > cell.clientWidth + 1) out.push('clipped: ' + cell.innerText);
    for (const m of cell.innerText.matchAll(/\\d{2}\\/\\d{2}\\/\\d{4}/g)) {
      const text = cell.firstChild;
      if (!text || text.nodeType !== 3) continue;
      const at = text.textContent.indexOf(m[0]);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(text, at); range.setEnd(text, at + m[0].length);
      const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
      if (lines.size > 1) out.push('broken: ' + m[0]);
    }
  }
  return out;
}"""

#: the pages whose lists must fit: (login or None for the public, path)
LIST_PAGES = [("chutich", "/dashboard"), (None, "/tiepdan/lich-tiep-dan"), ("chutich", "/tiepdan/lich"),
              ("chutich", "/giamsat/du-an"), (None, "/giamsat/")]


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_list_pages_fit_the_screen_and_keep_dates_whole(open_page, device):
    """Issue 15 item 6: at 390 px the dashboard, the reception schedule (public and staff)
    and the project lists (public and staff) need no sideways scrolling — their tables
    become one card per row (shared class ``reflow``); at 1366 px no date column is clipped
    and no date is broken over two lines. Measured in the browser."""
    problems = []
    pages = {}
    for who, path in LIST_PAGES:
        if who not in pages:
            pages[who] = open_page(device)
            if who:
                login(pages[who], who)
        pg = pages[who]
        r = pg.goto(path)
        assert r.status == 200, path
        assert pg.locator("main table").count() > 0, f"{path}: no table to measure"
        assert pg.locator("main table tbody td").count() > 1, f"{path}: an empty list proves nothing"
        if not pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"):
            problems.append(f"{path}: the page scrolls sideways")
        problems += [f"{path}: {cell}" for cell in pg.evaluate(CUT_CELLS)]
        problems += [f"{path}: {cell}" for cell in pg.evaluate(BROKEN_DATES)]
        if device is PHONE:  # the cards name each value
            label = pg.evaluate("getComputedStyle(document.querySelector('main table.reflow td[data-label]'), "
                                "'::before').content")
            assert label.endswith(': "'), f"{path}: {label}"
    assert not problems, "\n".join(problems)
