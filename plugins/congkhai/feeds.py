"""Public views of notices and their feeds: JSON Feed 1.1 and Atom (RFC 4287).

Only published notices appear; a withdrawn or expired notice leaves the feeds. Nothing
personal is shown (R-DL-07, R-DL-14): no officer or resident names, bodies re-sanitised
and ID/phone numbers masked.

Absolute links come from ``[web] base_url`` (``services.public_base``), never from the
request's Host header. Without it, links are relative to the site (``/congkhai/…``),
the JSON Feed leaves out ``home_page_url`` and ``feed_url`` (it cannot know its own
address) and Atom ids are ``urn:uuid:`` names derived from the ward's code and the path,
so they stay valid absolute IRIs.
"""
from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from thanthien.core.text import format_date
from thanthien.core.types import Notice

from . import services
from .schemas import PublicAttachment, PublicNotice
from .types import Attachment

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

JSONFEED_VERSION = "https://jsonfeed.org/version/1.1"
VN_TZ = dt.timezone(dt.timedelta(hours=7))  # ward wall-clock time is Vietnam time
ATOM_NS = "http://www.w3.org/2005/Atom"
BOARD_PATH = "/congkhai/"


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


def public_notice(core: CoreServices, notice: Notice, base_url: str = "", *,
                  text: tuple[str, str, str] | None = None,
                  files: list[Attachment] | None = None) -> PublicNotice:
    """What a resident may see of a notice (also the JSON of the notice page). ``text``
    (title, body, summary) and ``files``, when given, come from :func:`public_notices`."""
    cat = core.notice_categories.get(notice.category)
    title, body, summary = text if text is not None else services.public_texts([notice])[notice.id]
    if files is None:
        files = services.attachments_of([notice.id])[notice.id]
    return PublicNotice(
        id=notice.id,
        url=base_url + notice_path(notice.id),
        title=title,
        category=notice.category,
        category_name=cat.name if cat else notice.category,
        item_no=cat.item_no if cat else None,
        state=notice.state,
        version=notice.version,
        decision_ref=notice.decision_ref,
        decision_date=format_date(notice.decision_date),
        published=format_date(notice.published_at),
        published_at=rfc3339(notice.published_at),
        summary=summary,
        attachments=[PublicAttachment(a.id, a.filename, a.content_type, a.size,
                                      base_url + attachment_path(a.id, a.filename))
                     for a in files],
        body_html=body,
    )


def public_notices(core: CoreServices, notices: list[Notice], base_url: str = "") -> list[PublicNotice]:
    """:func:`public_notice` of each of ``notices`` with two queries in all (their stored
    public text, their files), however many they are."""
    texts = services.public_texts(notices)
    files = services.attachments_of([n.id for n in notices])
    return [public_notice(core, n, base_url, text=texts[n.id], files=files[n.id]) for n in notices]


def _iri(core: CoreServices, base_url: str, path: str) -> str:
    """An absolute identifier of ``path``: the URL when the ward's address is known, else
    a name-based ``urn:uuid`` (stable for the ward and the path)."""
    if base_url:
        return base_url + path
    return uuid.uuid5(uuid.NAMESPACE_URL, f"thanthien:{core.settings.ward.code}:{path}").urn


def json_feed(core: CoreServices, notices: list[Notice], *, base_url: str, feed_path: str,
              title: str) -> dict[str, Any]:
    """A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1)."""
    ward = core.settings.ward
    items = []
    for p in public_notices(core, notices, base_url):
        item = {
            "id": p.url,
            "url": p.url,
            "title": p.title,
            "content_html": p.body_html or "<p></p>",
            "summary": p.summary,
            "date_published": p.published_at,
            "tags": [p.category_name],
            "language": "vi",
        }
        if p.attachments:
            item["attachments"] = [{"url": a.url, "mime_type": a.mime_type, "title": a.filename,
                                    "size_in_bytes": a.size} for a in p.attachments]
        items.append(item)
    doc: dict[str, Any] = {"version": JSONFEED_VERSION, "title": title}
    if base_url:
        doc.update(home_page_url=base_url + BOARD_PATH, feed_url=base_url + feed_path)
    doc.update({
        "description": f"Thông tin công khai của UBND {ward.name} (Luật Thực hiện dân chủ ở cơ sở, Điều 11)",
        "language": "vi",
        "authors": [{"name": f"UBND {ward.name}"}],
        "items": items,
    })
    return doc


def atom_feed(core: CoreServices, notices: list[Notice], *, base_url: str, feed_path: str, title: str,
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
    el(feed, "id", _iri(core, base_url, feed_path))
    el(feed, "link", rel="self", href=base_url + feed_path, type="application/atom+xml")
    el(feed, "link", rel="alternate", href=base_url + BOARD_PATH, type="text/html")
    newest = max((n.published_at for n in notices if n.published_at), default=None)
    el(feed, "updated", rfc3339(updated or newest or dt.datetime(2000, 1, 1)))
    author = el(feed, "author")
    el(author, "name", f"UBND {core.settings.ward.name}")
    for p in public_notices(core, notices, base_url):
        entry = el(feed, "entry")
        el(entry, "title", p.title)
        el(entry, "id", _iri(core, base_url, notice_path(p.id)))
        el(entry, "link", rel="alternate", href=p.url, type="text/html")
        el(entry, "published", p.published_at)
        el(entry, "updated", p.published_at)
        el(entry, "category", term=p.category, label=p.category_name)
        el(entry, "summary", p.summary)
        el(entry, "content", p.body_html, type="html")
        for a in p.attachments:
            el(entry, "link", rel="enclosure", href=a.url, type=a.mime_type, length=str(a.size), title=a.filename)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
