"""Issue 15 item 5: printable pages print on A4 under the content-security policy — the
notice poster (stylesheet served as a file) and an official document — with the national
header's two lines on separate lines; rendered to PDF by Chromium."""
from __future__ import annotations

import json
import re

import pytest

from .helpers import login

pytestmark = pytest.mark.browser

A4_POINTS = (595.3, 841.9)  # 210 × 297 mm


def _a4(pdf: bytes) -> bool:
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return bool(boxes) and all(abs(float(w) - A4_POINTS[0]) < 2 and abs(float(h) - A4_POINTS[1]) < 2
                               for w, h in boxes)


def _header_lines_apart(page, first: str, second: str) -> bool:
    tops = page.evaluate("""([a, b]) => {
        const find = (t) => [...document.querySelectorAll('b, p, div, strong, span')]
            .filter(e => e.children.length === 0 && e.textContent.trim().startsWith(t))[0];
        const x = find(a), y = find(b);
        if (!x || !y) return null;
        return [x.getBoundingClientRect().top, x.getBoundingClientRect().bottom, y.getBoundingClientRect().top];
    }""", [first, second])
    return tops is not None and tops[2] >= tops[1] - 1  # the motto starts below the country's name


def _print_checks(page, url: str) -> bytes:
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto(url)
    assert response.status == 200
    page.emulate_media(media="print")
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Times New Roman" in font, font  # the print stylesheet applied
    assert _header_lines_apart(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    assert not refused, refused
    pdf = page.pdf(prefer_css_page_size=True, print_background=False)
    assert pdf[:4] == b"%PDF" and _a4(pdf)
    return pdf


def test_notice_poster_prints_on_a4_under_the_csp(page):
    login(page, "chutich")
    page.goto("/congkhai/can-bo/thong-bao.json")
    notices = json.loads(page.inner_text("body"))["notices"]
    published = next(n for n in notices if n["published_on"])
    _print_checks(page, f"/congkhai/can-bo/thong-bao/{published['id']}/ban-niem-yet")


def test_official_document_prints_on_a4(page, live_server):
    login(page, "chutich")
    _print_checks(page, f"/documents/{live_server['document_id']}")
