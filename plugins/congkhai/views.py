"""Web pages of congkhai: the public board, notice pages, feeds (JSON Feed 1.1, Atom,
per category) with conditional GET, attachments; the staff compliance dashboard and
the quarterly register."""
from __future__ import annotations

import datetime as dt
import json
from email.utils import format_datetime, parsedate_to_datetime

from starlette.responses import Response

from thanthien.core.errors import NotFound, ValidationError
from thanthien.web.forms import query_date
from thanthien.web.render import paginate, respond
from thanthien.web.routing import PUBLIC, page

from . import exports, feeds, services as ck
from .types import GAP_KINDS, PLACE_KINDS


def _svc(request):
    return request.app.state.services


def _base(request) -> str:
    return (request.app.state.settings.web.base_url or str(request.base_url)).rstrip("/")




def _int_param(request, name: str) -> int | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ValidationError([(name, "Giá trị không hợp lệ.")])
    return int(raw)


def board(request, form):
    """Bảng tin công khai: lọc theo loại thông tin, tổ dân phố, ngày; tìm không dấu."""
    svc = _svc(request)
    category = request.query_params.get("category") or None
    if category and category not in svc.notice_categories:
        raise ValidationError([("category", "Loại thông tin không hợp lệ.")])
    pager = paginate(request, 20)
    rows = ck.public_notices(category=category, group_id=_int_param(request, "group"),
                             start=query_date(request, "from"), end=query_date(request, "to"),
                             query=request.query_params.get("q", ""), limit=pager.fetch, offset=pager.offset)
    rows, pager = pager.cut(rows)
    items = [feeds.public_notice(svc, n, _base(request)) for n in rows]
    for item in items:
        item.pop("body_html")
    cats = [{"key": c.key, "name": c.name, "item_no": c.item_no} for c in svc.notice_categories.values()]
    groups = [{"id": g.id, "name": g.name} for g in ck.residential_groups()]
    return respond(request, "congkhai/board.html",
                   {"notices": items, "categories": cats, "groups": groups,
                    "filters": {k: request.query_params.get(k, "") for k in ("category", "group", "from", "to", "q")}},
                   breadcrumbs=[("Thông tin công khai", None)], context={"pager": pager})


def notice_page(request, form):
    """Trang một thông tin công khai."""
    svc = _svc(request)
    notice = ck.notice_service_get(int(request.path_params["notice_id"]))
    if notice.state != "published":
        raise NotFound("Thông tin này không còn được công khai.")
    data = feeds.public_notice(svc, notice, _base(request))
    return respond(request, "congkhai/notice.html", {"notice": data},
                   breadcrumbs=[("Thông tin công khai", "/congkhai/"), (data["title"], None)])


def attachment(request, form):
    """Tệp đính kèm của thông tin đang công khai."""
    att, data = ck.attachment_file(int(request.path_params["attachment_id"]))
    if ck.notice_service_get(att.notice_id).state != "published":
        raise NotFound("Tệp này không còn được công khai.")
    return Response(data, media_type=att.content_type, headers={
        "Content-Disposition": f"inline; filename*=UTF-8''{feeds.quote(att.filename)}",
        "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"})


def _feed(request, kind: str, category: str | None) -> Response:
    svc = _svc(request)
    if category and category not in svc.notice_categories:
        raise NotFound("Không có loại thông tin này.")
    changed = ck.last_modified()
    if changed is not None:
        last = changed.replace(tzinfo=feeds.VN_TZ)
        since = request.headers.get("if-modified-since")
        if since and not request.headers.get("if-none-match"):
            try:
                if last.replace(microsecond=0) <= parsedate_to_datetime(since):
                    return Response(status_code=304, headers={"Last-Modified": format_datetime(last, usegmt=False)})
            except (TypeError, ValueError):
                pass
    notices = ck.public_notices(category=category, limit=50)
    name = svc.notice_categories[category].name if category else ""
    title = f"Thông tin công khai – UBND {svc.settings.ward.name}" + (f" – {name}" if name else "")
    path = request.url.path
    if kind == "json":
        body = json.dumps(feeds.json_feed(svc, notices, base_url=_base(request), feed_path=path, title=title),
                          ensure_ascii=False).encode("utf-8")
        media = "application/feed+json; charset=utf-8"
    else:
        body = feeds.atom_feed(svc, notices, base_url=_base(request), feed_path=path, title=title, updated=changed)
        media = "application/atom+xml; charset=utf-8"
    headers = {"Last-Modified": format_datetime(changed.replace(tzinfo=feeds.VN_TZ))} if changed else {}
    return Response(body, media_type=media, headers=headers)


def feed_json(request, form):
    """JSON Feed 1.1 của thông tin công khai."""
    return _feed(request, "json", None)


def feed_atom(request, form):
    """Atom của thông tin công khai."""
    return _feed(request, "atom", None)


def category_feed_json(request, form):
    """JSON Feed 1.1 theo loại thông tin."""
    return _feed(request, "json", request.path_params["category"])


def category_feed_atom(request, form):
    """Atom theo loại thông tin."""
    return _feed(request, "atom", request.path_params["category"])


# -- staff ---------------------------------------------------------------------

def check_page(request, form):
    """Kiểm tra việc công khai: còn thiếu, chậm, gỡ sớm, chưa cập nhật; độ phủ theo tổ dân phố."""
    svc = _svc(request)
    today = query_date(request, "date") or dt.date.today()
    report = ck.check(svc, today)
    gaps = [{"kind": g.kind, "label": g.label, "notice_id": g.notice_id, "category": g.category,
             "title": report.notices[g.notice_id].title if g.notice_id else "", "rule_ids": list(g.rule_ids),
             "place": PLACE_KINDS.get(g.place, ""), "unit_id": g.unit_id, "message": g.message} for g in report.gaps]
    pending = [{"notice_id": p.notice_id, "title": report.notices[p.notice_id].title,
                "place": PLACE_KINDS[p.requirement.kind], "unit_id": p.requirement.unit_id, "note": p.note}
               for p in report.pending]
    expiring = [{"notice_id": p.notice_id, "title": report.notices[p.notice_id].title, "place": PLACE_KINDS[p.kind],
                 "unit_id": p.unit_id, "posted_on": p.posted_on} for p in report.expiring]
    groups = [{"unit_id": g.unit_id, "name": g.name, "required": g.required, "done": g.done, "percent": g.percent}
              for g in report.groups]
    return respond(request, "congkhai/check.html",
                   {"date": today, "gaps": gaps, "pending": pending, "expiring": expiring, "groups": groups,
                    "gap_kinds": GAP_KINDS},
                   breadcrumbs=[("Kiểm tra công khai", None)])


def register_page(request, form):
    """Danh mục thông tin công khai hằng quý (R-CK-08)."""
    svc = _svc(request)
    today = dt.date.today()
    year = _int_param(request, "year") or today.year
    quarter = _int_param(request, "quarter") or (today.month - 1) // 3 + 1
    reg = ck.disclosure_register(svc, year, quarter)
    if request.query_params.get("print"):
        return Response(exports.register_html(svc, reg), media_type="text/html; charset=utf-8")
    return respond(request, "congkhai/register.html", {"register": reg},
                   breadcrumbs=[("Danh mục công khai", None)])


def routes(settings=None):
    from . import staff_views

    return [
        *page("/", board, permission=PUBLIC),
        *page("/notices/{notice_id:int}", notice_page, permission=PUBLIC),
        *page("/attachments/{attachment_id:int}/{filename}", attachment, permission=PUBLIC, json_twin=False),
        *page("/feed.json", feed_json, permission=PUBLIC, json_twin=False),
        *page("/feed.atom", feed_atom, permission=PUBLIC, json_twin=False),
        *page("/feeds/{category}.json", category_feed_json, permission=PUBLIC, json_twin=False),
        *page("/feeds/{category}.atom", category_feed_atom, permission=PUBLIC, json_twin=False),
        *page("/staff/check", check_page, permission="congkhai.compliance.view"),
        *page("/staff/register", register_page, permission="congkhai.compliance.view"),
        *staff_views.routes(settings),
    ]
