"""What the congkhai views share: the URL prefixes, breadcrumbs, plain-text and file
responses, and the query filters of the staff pages."""
from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from thanthien.core.errors import ValidationError
from thanthien.web.render import respond
from thanthien.web.request import query_int
from thanthien.web.routing import is_json

from ..schemas import TextPage
from ..types import Attachment

#: the mount of the module (public pages keep their landed English paths)
ROOT = "/congkhai"
#: the staff pages (trang của cán bộ)
STAFF = f"{ROOT}/can-bo"
NOTICES = ("Thông báo công khai", f"{STAFF}/thong-bao")
REQUESTS = ("Yêu cầu cung cấp thông tin", f"{STAFF}/yeu-cau")


def notice_url(notice_id: int, action: str = "") -> str:
    return f"{STAFF}/thong-bao/{notice_id}" + (f"/{action}" if action else "")


def request_url(case_id: int, action: str = "") -> str:
    return f"{STAFF}/yeu-cau/{case_id}" + (f"/{action}" if action else "")


def query_year(request: Request, name: str = "year") -> int:
    """A year in the query string (this year when absent)."""
    year = query_int(request, name)
    if year is None:
        return dt.date.today().year
    if not 2000 <= year <= 2100:
        raise ValidationError([(name, "Năm không hợp lệ.")])
    return year


def file_response(att: Attachment, data: bytes) -> Response:
    """An attached file, shown inline, never sniffed as HTML nor able to run scripts."""
    return Response(data, media_type=att.content_type, headers={
        "Content-Disposition": f"inline; filename*=UTF-8''{quote(att.filename)}",
        "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"})


def text_response(request: Request, text: str, filename: str) -> Response:
    """Plain text to copy (the ``.json`` twin: ``{"text": …}``)."""
    if is_json(request):
        return respond(request, "", TextPage(text))
    return Response(text, media_type="text/plain; charset=utf-8",
                    headers={"Content-Disposition": f"inline; filename*=UTF-8''{quote(filename)}",
                             "X-Content-Type-Options": "nosniff"})


def download(data: bytes, media_type: str, filename: str) -> Response:
    """A spreadsheet to download."""
    return Response(data, media_type=media_type,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}",
                             "X-Content-Type-Options": "nosniff"})
