"""Helpers of the congkhai tests (plain functions; fixtures are in conftest.py)."""
from __future__ import annotations

import datetime as dt
import io

from thanthien.core.cli import CliContext, build_parser

#: a password long enough for staff accounts
PASSWORD = "mật khẩu đủ dài cho cán bộ 2026"
#: the staff pages (Vietnamese slugs) and the English paths they replaced
STAFF = "/congkhai/can-bo"
OLD_STAFF = "/congkhai/staff"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
#: an information request with every personal field filled
REQUEST = dict(channel="online", requester_name="Lục Thị Hoa", requester_id_no="006190012345",
               requester_address="Số 5, Tổ dân phố số 2", requester_contact="0912345678",
               info_requested="Quyết định bồi thường", purpose="Tìm hiểu", delivery_form="copy")


def at(day: str, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour))


def d(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


def today_str(day: dt.date | None = None) -> str:
    return (day or dt.date.today()).strftime("%d/%m/%Y")


def run_cli(settings, pm, db, core, *argv: str) -> tuple[int, str]:
    """``thanthien congkhai <argv>`` on the test database: (exit status, output)."""
    from thanthien.plugins.congkhai.cli import command

    out = io.StringIO()
    ctx = CliContext(settings, pm, out=out, db=db, core=core)
    args = build_parser([command()]).parse_args(["congkhai", *argv])
    return int(args._command.run(args, ctx) or 0), out.getvalue()


#: The structure of JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
JSONFEED_SCHEMA = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string"},
        "home_page_url": {"type": "string", "format": "uri"},
        "feed_url": {"type": "string", "format": "uri"},
        "description": {"type": "string"},
        "language": {"type": "string"},
        "authors": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}}}},
        "items": {"type": "array", "items": {
            "type": "object",
            "required": ["id"],
            "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
            "properties": {
                "id": {"type": "string"}, "url": {"type": "string"}, "title": {"type": "string"},
                "content_html": {"type": "string"}, "summary": {"type": "string"},
                "date_published": {"type": "string", "format": "date-time"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "attachments": {"type": "array", "items": {
                    "type": "object", "required": ["url", "mime_type"],
                    "properties": {"url": {"type": "string"}, "mime_type": {"type": "string"},
                                   "size_in_bytes": {"type": "integer"}}}},
            }}},
    },
}
