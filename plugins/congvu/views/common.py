"""What the congvu pages share: query parameters, uploaded files, the breadcrumb roots."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from starlette.datastructures import UploadFile
from starlette.requests import Request
from thanthien.core.errors import ValidationError
from thanthien.web.request import query_int, query_text

from ..types import Upload

BASE = "/congvu"
HOME = ("Kế hoạch, nhiệm vụ", f"{BASE}/")
PER_PAGE = 50
#: the largest body of a write carrying files (the uploads are checked one by one)
UPLOAD_BODY = 60 * 1024 * 1024
SMALL_BODY = 64 * 1024


def year_param(request: Request, default: int | None = None) -> int | None:
    year = query_int(request, "nam", default)
    if year is not None and not 1900 <= year <= 2199:
        raise ValidationError([("nam", "Năm không hợp lệ.")])
    return year


def choice(request: Request, name: str, allowed: Iterable[str]) -> str:
    value = query_text(request, name)
    if value and value not in allowed:
        raise ValidationError([(name, "Giá trị không hợp lệ.")])
    return value


def uploads(files: Iterable[UploadFile] | UploadFile | None) -> list[Upload]:
    """The files a form sent (an empty file input is no file)."""
    if files is None:
        return []
    if isinstance(files, UploadFile):
        files = [files]
    out = []
    for f in files:
        data = f.file.read()
        if f.filename or data:
            out.append(Upload(f.filename or "", data, f.content_type or ""))
    return out


def today() -> dt.date:
    return dt.date.today()
