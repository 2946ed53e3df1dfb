"""Public pages of congkhai (no account needed): the board of published notices, a
notice's page, its files, and the feeds (JSON Feed 1.1, Atom; all and per category)
with conditional GET. Links in feeds come from ``[web] base_url``, never from the
request's Host header. Nothing personal is shown (R-DL-07, R-DL-14)."""
from __future__ import annotations

import json
from email.utils import format_datetime, parsedate_to_datetime

from starlette.requests import Request
from starlette.responses import Response

from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.storage.db import now
from thanthien.web import public_cache
from thanthien.web.render import paginate, respond
from thanthien.web.request import core_of, path_id, query_date, query_int, query_text
from thanthien.web.routing import PUBLIC, page

from .. import feeds, services
from ..schemas import BoardPage, CategoryChoice, GroupChoice, NoticePublicPage
from .common import ROOT, file_response

HOME = ("Thông tin công khai", f"{ROOT}/")
#: a page of the board
PER_PAGE = 20


def board(request: Request, form) -> Response:
    """Bảng tin công khai: lọc theo loại thông tin, tổ dân phố, ngày; tìm không dấu."""
    core = core_of(request)
    category = query_text(request, "category") or None
    if category and category not in core.notice_categories:
        raise ValidationError([("category", "Loại thông tin không hợp lệ.")])
    pager = paginate(request, PER_PAGE)
    rows = services.public_notices(category=category, group_id=query_int(request, "group"),
                                   start=query_date(request, "from"), end=query_date(request, "to"),
                                   query=query_text(request, "q"), limit=pager.fetch, offset=pager.offset)
    rows, pager = pager.cut(rows)
    base = services.public_base(core)
    data = BoardPage(
        [p.listed() for p in feeds.public_notices(core, rows, base)],
        [CategoryChoice.of(c) for c in core.notice_categories.values()],
        [GroupChoice(g.id, g.name) for g in services.residential_groups()],
        {k: query_text(request, k) for k in ("category", "group", "from", "to", "q")})
    return respond(request, "congkhai/board.html", data, breadcrumbs=[(HOME[0], None)], context={"pager": pager})


def notice_page(request: Request, form) -> Response:
    """Trang một thông tin công khai."""
    core = core_of(request)
    notice = services.published_notice(path_id(request, "notice_id"))
    data = feeds.public_notice(core, notice, services.public_base(core))
    return respond(request, "congkhai/notice.html", NoticePublicPage(data), breadcrumbs=[HOME, (data.title, None)])


def attachment(request: Request, form) -> Response:
    """Tệp đính kèm của thông tin đang công khai."""
    return file_response(*services.public_attachment(path_id(request, "attachment_id")))


def _version(request: Request) -> tuple:
    """The version of the board's pages and feeds (kept per version for anonymous
    visitors by the toolkit: ``web/public_cache.py``)."""
    return services.board_page_version()


def _feed(request: Request, kind: str, category: str | None) -> Response:
    core = core_of(request)
    if category and category not in core.notice_categories:
        raise NotFound("Không có loại thông tin này.")
    changed, version = services.board_version()
    if changed is not None:
        last = changed.replace(tzinfo=feeds.VN_TZ)
        since = request.headers.get("if-modified-since")
        if since and not request.headers.get("if-none-match"):
            try:
                if last.replace(microsecond=0) <= parsedate_to_datetime(since):
                    return Response(status_code=304, headers={"Last-Modified": format_datetime(last, usegmt=False)})
            except (TypeError, ValueError):
                pass
    path = request.url.path
    base = services.public_base(core)  # [web] base_url; never the Host header

    def build() -> bytes:
        notices = services.public_notices(category=category, limit=50)
        name = core.notice_categories[category].name if category else ""
        title = f"Thông tin công khai – UBND {core.settings.ward.name}" + (f" – {name}" if name else "")
        if kind == "json":
            return json.dumps(feeds.json_feed(core, notices, base_url=base, feed_path=path, title=title),
                              ensure_ascii=False).encode("utf-8")
        return feeds.atom_feed(core, notices, base_url=base, feed_path=path, title=title, updated=changed)

    # a feed is the same for everyone (no page chrome): kept per board version for staff too
    body = public_cache.kept_value(request, "congkhai.feeds", path, (base, version, now().date()), build)
    media = "application/feed+json; charset=utf-8" if kind == "json" else "application/atom+xml; charset=utf-8"
    headers = {"Last-Modified": format_datetime(changed.replace(tzinfo=feeds.VN_TZ))} if changed else {}
    return Response(body, media_type=media, headers=headers)


def feed_json(request: Request, form) -> Response:
    """JSON Feed 1.1 của thông tin công khai."""
    return _feed(request, "json", None)


def feed_atom(request: Request, form) -> Response:
    """Atom của thông tin công khai."""
    return _feed(request, "atom", None)


def category_feed_json(request: Request, form) -> Response:
    """JSON Feed 1.1 theo loại thông tin."""
    return _feed(request, "json", request.path_params["category"])


def category_feed_atom(request: Request, form) -> Response:
    """Atom theo loại thông tin."""
    return _feed(request, "atom", request.path_params["category"])


def routes() -> list:
    # the public URLs are landed: unchanged
    return [
        *page("/", board, permission=PUBLIC, schema=BoardPage, public_version=_version),
        *page("/notices/{notice_id:int}", notice_page, permission=PUBLIC, schema=NoticePublicPage),
        *page("/attachments/{attachment_id:int}/{filename}", attachment, permission=PUBLIC, json_twin=False),
        *page("/feed.json", feed_json, permission=PUBLIC, json_twin=False, public_version=_version),
        *page("/feed.atom", feed_atom, permission=PUBLIC, json_twin=False, public_version=_version),
        *page("/feeds/{category}.json", category_feed_json, permission=PUBLIC, json_twin=False,
              public_version=_version),
        *page("/feeds/{category}.atom", category_feed_atom, permission=PUBLIC, json_twin=False,
              public_version=_version),
    ]
