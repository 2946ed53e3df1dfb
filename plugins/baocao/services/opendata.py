"""Open data (dữ liệu mở): every indicator series of the plan as a Frictionless Data Package
(``datapackage.json`` and one CSV per indicator, month by month) at a stable public URL,
and the Atom / JSON feed of issued reports.

Only non-personal aggregates leave here: an indicator's monthly value and its target —
never the records behind a number, nor a unit's figures below the ward.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any

from . import dashboard, periods, reports

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices
    from thanthien.core.types import Indicator

BASE = "/baocao/du-lieu-mo"
ATOM_NS = "http://www.w3.org/2005/Atom"
LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0"}


def resource_name(key: str) -> str:
    """A Data Package resource name (lower case, ``a-z 0-9 . - _``)."""
    return re.sub(r"[^a-z0-9._-]", "-", key.lower())


def csv_path(key: str) -> str:
    plugin, _, name = key.partition(".")
    return f"csv/{plugin}/{name}.csv"


def public_base(core: CoreServices) -> str:
    return (core.settings.web.base_url or "").rstrip("/")


def months(year: int, today: dt.date) -> list:
    last = 12 if year < today.year else today.month
    return [periods.period("month", year, m) for m in range(1, last + 1)]


def series(core: CoreServices, ind: Indicator, year: int, today: dt.date) -> list[dict[str, Any]]:
    """The indicator month by month over ``year`` (up to this month), with its target."""
    target = dashboard.target_for(core, ind, year)
    return [{"month": p.start.strftime("%Y-%m"), "value": core.indicators.value(ind.key, p.start, p.end),
             "target": target} for p in months(year, today)]


def series_csv(core: CoreServices, ind: Indicator, year: int, today: dt.date) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["month", "value", "target"])
    for row in series(core, ind, year, today):
        w.writerow([row["month"], "" if row["value"] is None else row["value"],
                    "" if row["target"] is None else row["target"]])
    return buf.getvalue().encode("utf-8")


def indicators(core: CoreServices) -> list[Indicator]:
    """Every ward-wide indicator (all of them: the open data is the whole ward's)."""
    return dashboard.visible(core, None)


def datapackage(core: CoreServices, year: int, today: dt.date) -> dict[str, Any]:
    """The ``datapackage.json`` descriptor (Data Package v1, tabular data resources)."""
    ward = core.settings.ward.name
    resources = []
    for ind in indicators(core):
        resources.append({
            "name": resource_name(ind.key),
            "path": csv_path(ind.key) + f"?nam={year}",
            "title": ind.label,
            "description": (ind.description or ind.label) + f" Đơn vị tính: {ind.unit}."
                           + (f" Mục {ind.section} của Kế hoạch." if ind.section else ""),
            "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {
                "fields": [
                    {"name": "month", "type": "yearmonth", "title": "Tháng"},
                    {"name": "value", "type": "number", "title": f"Giá trị ({ind.unit})"},
                    {"name": "target", "type": "number", "title": "Chỉ tiêu kế hoạch"},
                ],
                "primaryKey": ["month"],
                "missingValues": [""],
            },
        })
    return {
        "profile": "tabular-data-package",
        "name": resource_name(f"chi-tieu-{core.settings.ward.code or 'phuong'}-{year}"),
        "title": f"Chỉ tiêu thực hiện mô hình “Chính quyền thân thiện, Nhân dân phát huy quyền làm chủ” – "
                 f"{ward}, năm {year}",
        "description": "Số liệu tổng hợp theo tháng của các chỉ tiêu Kế hoạch; không có dữ liệu cá nhân.",
        "licenses": [LICENSE],
        "created": dt.datetime.combine(today, dt.time.min).isoformat() + "Z",
        "keywords": ["chính quyền thân thiện", "chỉ tiêu", "dữ liệu mở"],
        "resources": resources,
    }


# -- the feed of issued reports -----------------------------------------------------------

def _rfc3339(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S") + "+07:00"


def report_url(base: str, report_id: int) -> str:
    return f"{base}/baocao/cong-bo/{report_id}"


def json_feed(core: CoreServices, base: str, feed_path: str) -> dict[str, Any]:
    """JSON Feed 1.1: one item per issued report."""
    items = [{"id": report_url(base, r.id), "url": report_url(base, r.id),
              "title": f"{r.title} (số {r.document_number})",
              "content_text": f"{r.title}, kỳ từ {r.start:%d/%m/%Y} đến {r.end:%d/%m/%Y}.",
              "date_published": _rfc3339(r.issued_at or r.created_at), "language": "vi"}
             for r in reports.published(core)]
    return {"version": "https://jsonfeed.org/version/1.1",
            "title": f"Báo cáo thực hiện Kế hoạch – UBND {core.settings.ward.name}",
            "home_page_url": f"{base}{BASE}", "feed_url": base + feed_path, "language": "vi", "items": items}


def atom_feed(core: CoreServices, base: str, feed_path: str) -> bytes:
    """Atom 1.0 (RFC 4287): one entry per issued report."""
    ET.register_namespace("", ATOM_NS)

    def el(parent, tag, text=None, **attrs):
        e = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
        if text is not None:
            e.text = text
        return e

    published = reports.published(core)
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": "vi"})
    el(feed, "title", f"Báo cáo thực hiện Kế hoạch – UBND {core.settings.ward.name}")
    el(feed, "id", base + feed_path if base else f"tag:thanthien,2026:{core.settings.ward.code}:baocao")
    el(feed, "link", rel="self", href=base + feed_path, type="application/atom+xml")
    newest = max((r.issued_at for r in published if r.issued_at), default=dt.datetime(2000, 1, 1))
    el(feed, "updated", _rfc3339(newest))
    author = el(feed, "author")
    el(author, "name", f"UBND {core.settings.ward.name}")
    for r in published:
        entry = el(feed, "entry")
        el(entry, "title", f"{r.title} (số {r.document_number})")
        el(entry, "id", report_url(base, r.id) if base else f"tag:thanthien,2026:{core.settings.ward.code}:bc{r.id}")
        el(entry, "link", rel="alternate", href=report_url(base, r.id), type="text/html")
        el(entry, "published", _rfc3339(r.issued_at or r.created_at))
        el(entry, "updated", _rfc3339(r.issued_at or r.created_at))
        el(entry, "summary", f"{r.title}, kỳ từ {r.start:%d/%m/%Y} đến {r.end:%d/%m/%Y}.")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
