"""Trend charts drawn on the server: accessible SVG for the pages and PNG for the .docx.

Hand-written on purpose: the pages' Content-Security-Policy forbids inline ``<style>``
and ``<script>``, which the charting libraries (pygal) put into every SVG they draw, and
python-docx takes only raster images. The SVG is a bar chart with ``role="img"``, a
``<title>`` and a ``<desc>`` that reads the whole series in words, a text label on every
bar and the target as a dashed line; every chart sits next to its data table (the
template) and its ``.json`` / ``.csv`` twins. The PNG draws the same bars without text
(the report prints the table under it).
"""
from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

from markupsafe import Markup, escape

from ..types import TrendPoint

#: fills: the status of each bar against the target, and "no target" grey-blue
COLOURS = {"green": "#1a7f37", "amber": "#9a6700", "red": "#cf222e", "none": "#0969da", "nodata": "#8c959f"}
WIDTH, HEIGHT = 600, 260
LEFT, RIGHT, TOP, BOTTOM = 16, 16, 28, 52


def fmt(value: float | int | None, unit: str = "") -> str:
    """A number as Vietnamese writes it: 1.234,5 (thousands dot, decimal comma)."""
    if value is None:
        return "không có số liệu"
    if isinstance(value, float) and not value.is_integer():
        whole, _, frac = f"{value:,.1f}".partition(".")
        text = whole.replace(",", ".") + "," + frac
    else:
        text = f"{int(value):,}".replace(",", ".")
    return f"{text} {unit}".strip() if unit and unit != "%" else (text + (" %" if unit == "%" else ""))


def _scale(points: Sequence[TrendPoint], target: float | None) -> float:
    top = max([p.value for p in points if p.value is not None] + ([target] if target is not None else []) + [0])
    return float(top) or 1.0


def svg(points: Sequence[TrendPoint], *, title: str, unit: str, target: float | None,
        statuses: Sequence[str], chart_id: str) -> Markup:
    """The series as an accessible SVG bar chart (``statuses``: one per point)."""
    n = max(len(points), 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / n
    bar_w = slot * 0.6
    top = _scale(points, target)
    words = "; ".join(f"{p.label}: {fmt(p.value, unit)}" for p in points)
    target_words = f" Chỉ tiêu: {fmt(target, unit)}." if target is not None else ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'class="chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" focusable="false">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(words)}.{escape(target_words)}</desc>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" stroke="#57606a" '
        'stroke-width="1"/>',
    ]
    for i, (p, st) in enumerate(zip(points, statuses, strict=False)):
        x = LEFT + i * slot + (slot - bar_w) / 2
        cx = LEFT + i * slot + slot / 2
        if p.value is not None:
            h = max(plot_h * float(p.value) / top, 1.0) if p.value else 1.0
            y = TOP + plot_h - h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                         f'fill="{COLOURS.get(st, COLOURS["none"])}"/>')
            parts.append(f'<text x="{cx:.1f}" y="{y - 6:.1f}" text-anchor="middle" font-size="15" '
                         f'fill="#1f2328">{escape(fmt(p.value, "%" if unit == "%" else ""))}</text>')
        else:
            parts.append(f'<text x="{cx:.1f}" y="{TOP + plot_h - 8:.1f}" text-anchor="middle" font-size="13" '
                         'fill="#57606a">—</text>')
        parts.append(f'<text x="{cx:.1f}" y="{HEIGHT - BOTTOM + 20:.1f}" text-anchor="middle" font-size="13" '
                     f'fill="#1f2328">{escape(short_label(p.label))}</text>')
    if target is not None:
        y = TOP + plot_h - plot_h * float(target) / top
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#1f2328" '
                     'stroke-width="2" stroke-dasharray="6 4"/>')
        parts.append(f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 10}" text-anchor="end" font-size="13" '
                     f'fill="#1f2328">- - - Chỉ tiêu: {escape(fmt(target, unit))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def short_label(label: str) -> str:
    """"Tháng 03/2026" → "03/2026", "Quý II năm 2026" → "Q.II/2026", "Năm 2026" → "2026"."""
    if label.startswith("Tháng "):
        return label[6:]
    if label.startswith("Quý "):
        q, _, year = label[4:].partition(" năm ")
        return f"Q.{q}/{year}"
    if label.startswith("6 tháng "):
        half, _, year = label[8:].partition(" năm ")
        return f"{'6T đầu' if half == 'đầu' else '6T cuối'}/{year}"
    if label.startswith("Năm "):
        return label[4:]
    if label.startswith("Từ "):
        return label[3:13]
    return label


# -- PNG (for the .docx: python-docx takes raster images) ----------------------------

def _hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def png(points: Sequence[TrendPoint], *, target: float | None, statuses: Sequence[str],
        width: int = 600, height: int = 220) -> bytes:
    """The same bars as a PNG (no text: the report prints the data table under it)."""
    white = (255, 255, 255)
    px = [[white] * width for _ in range(height)]

    def fill(x0: int, y0: int, x1: int, y1: int, colour: tuple[int, int, int]) -> None:
        for y in range(max(y0, 0), min(y1, height)):
            row = px[y]
            for x in range(max(x0, 0), min(x1, width)):
                row[x] = colour

    left, right, top_m, bottom = 10, 10, 10, 12
    plot_w, plot_h = width - left - right, height - top_m - bottom
    n = max(len(points), 1)
    slot = plot_w / n
    top = _scale(points, target)
    for i, (p, st) in enumerate(zip(points, statuses, strict=False)):
        if p.value is None:
            continue
        h = max(int(plot_h * float(p.value) / top), 1)
        x0 = int(left + i * slot + slot * 0.2)
        fill(x0, top_m + plot_h - h, int(x0 + slot * 0.6), top_m + plot_h, _hex(COLOURS.get(st, COLOURS["none"])))
    fill(left, top_m + plot_h, width - right, top_m + plot_h + 2, _hex("#57606a"))
    if target is not None:
        y = int(top_m + plot_h - plot_h * float(target) / top)
        for x in range(left, width - right, 12):
            fill(x, y - 1, x + 7, y + 1, _hex("#1f2328"))
    raw = b"".join(b"\x00" + bytes(c for pixel in row for c in pixel) for row in px)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
