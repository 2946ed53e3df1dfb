"""Public views of notices and their feeds: JSON Feed 1.1 and Atom (RFC 4287).

Only published notices appear; a withdrawn or expired notice leaves the feeds. Nothing
personal is shown (R-DL-07, R-DL-14): no officer or resident names, bodies re-sanitised
and ID/phone numbers masked.
"""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import quote

from thanthien.core.text import format_date

from . import services
from .sanitize import clean_html, html_to_text, redact_public
from thanthien.core.types import Notice

JSONFEED_VERSION = "https://jsonfeed.org/version/1.1"
VN_TZ = dt.timezone(dt.timedelta(hours=7))  # ward wall-clock time is Vietnam time
ATOM_NS = "http://www.w3.org/2005/Atom"


def rfc3339(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    if value.tzinfo is None:
        value = value.replace(tzinfo=VN_TZ)
    return value.isoformat()


def notice_path(notice_id: int) -> str:
    return f"/congkhai/notices/{notice_id}"


def attachment_path(attachment_id: int, filename: str) -> str:
    return f"/congkhai/attachments/{attachment_id}/{quote(filename)}"


def public_notice(svc, notice: Notice, base_url: str = "") -> dict[str, Any]:
    """What a resident may see of a notice (also the JSON twin of the notice page)."""
    cat = svc.notice_categories.get(notice.category)
    body = redact_public(clean_html(notice.body_html))
    return {
        "id": notice.id,
        "url": base_url + notice_path(notice.id),
        "title": redact_public(notice.title),
        "category": notice.category,
        "category_name": cat.name if cat else notice.category,
        "item_no": cat.item_no if cat else None,
        "state": notice.state,
        "version": notice.version,
        "decision_ref": notice.decision_ref,
        "decision_date": format_date(notice.decision_date),
        "published": format_date(notice.published_at),
        "published_at": rfc3339(notice.published_at),
        "body_html": body,
        "summary": html_to_text(body)[:300],
        "attachments": [
            {"id": a.id, "filename": a.filename, "mime_type": a.content_type, "size": a.size,
             "url": base_url + attachment_path(a.id, a.filename)}
            for a in services.attachments(notice.id)
        ],
    }


def json_feed(svc, notices: list[Notice], *, base_url: str, feed_path: str, title: str) -> dict[str, Any]:
    """A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1)."""
    ward = svc.settings.ward
    items = []
    for n in notices:
        p = public_notice(svc, n, base_url)
        item = {
            "id": p["url"],
            "url": p["url"],
            "title": p["title"],
            "content_html": p["body_html"] or "<p></p>",
            "summary": p["summary"],
            "date_published": p["published_at"],
            "tags": [p["category_name"]],
            "language": "vi",
        }
        if p["attachments"]:
            item["attachments"] = [{"url": a["url"], "mime_type": a["mime_type"], "title": a["filename"],
                                    "size_in_bytes": a["size"]} for a in p["attachments"]]
        items.append(item)
    return {
        "version": JSONFEED_VERSION,
        "title": title,
        "home_page_url": base_url + "/congkhai/",
        "feed_url": base_url + feed_path,
        "description": f"Thông tin công khai của UBND {ward.name} (Luật Thực hiện dân chủ ở cơ sở, Điều 11)",
        "language": "vi",
        "authors": [{"name": f"UBND {ward.name}"}],
        "items": items,
    }


def atom_feed(svc, notices: list[Notice], *, base_url: str, feed_path: str, title: str,
              updated: dt.datetime | None) -> bytes:
    """An Atom 1.0 document (RFC 4287)."""
    ET.register_namespace("", ATOM_NS)

    def el(parent, tag, text=None, **attrs):
        e = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
        if text is not None:
            e.text = text
        return e

    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": "vi"})
    el(feed, "title", title)
    el(feed, "id", base_url + feed_path)
    el(feed, "link", rel="self", href=base_url + feed_path, type="application/atom+xml")
    el(feed, "link", rel="alternate", href=base_url + "/congkhai/", type="text/html")
    newest = max((n.published_at for n in notices if n.published_at), default=None)
    el(feed, "updated", rfc3339(updated or newest or dt.datetime(2000, 1, 1)))
    author = el(feed, "author")
    el(author, "name", f"UBND {svc.settings.ward.name}")
    for n in notices:
        p = public_notice(svc, n, base_url)
        entry = el(feed, "entry")
        el(entry, "title", p["title"])
        el(entry, "id", p["url"])
        el(entry, "link", rel="alternate", href=p["url"], type="text/html")
        el(entry, "published", p["published_at"])
        el(entry, "updated", p["published_at"])
        el(entry, "category", term=p["category"], label=p["category_name"])
        el(entry, "summary", p["summary"])
        el(entry, "content", p["body_html"], type="html")
        for a in p["attachments"]:
            el(entry, "link", rel="enclosure", href=a["url"], type=a["mime_type"], length=str(a["size"]),
               title=a["filename"])
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
