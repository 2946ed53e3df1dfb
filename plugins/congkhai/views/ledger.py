"""The dissemination ledger pages (sổ theo dõi niêm yết), under
``/congkhai/can-bo/thong-bao/{id}/so-niem-yet``: the places the actor records — a
residential-group head sees only his or her group's places —, grouped by residential
group and paginated by groups, narrowed by kind, group and status; one form per group to
record "đã niêm yết / đã gỡ xuống ngày X" for the places ticked; taking a posting down.

Every write comes back to the page it was sent from: the filters and the page number
travel in the form's address (its query string) and the redirect keeps them, with the
group's anchor."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import attrs
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from thanthien.web.forms import structure
from thanthien.web.render import paginate, redirect, respond
from thanthien.web.request import actor_of, core_of, path_id, query_int, query_text
from thanthien.web.routing import is_json, page

from .. import services
from ..forms import BulkPostingForm, PostingForm, TakeDownForm
from ..schemas import BulkRedirect, GapView, LedgerFilters, LedgerPage, NoticeView, PlaceView, PostingRedirect
from ..types import BULK_ACTIONS, LEDGER_STATUS, P_LEDGER_GROUP, PLACE_KINDS, NoticeDesk
from .common import NOTICES, notice_url

#: residential groups per page of the ledger (each with its three or so places)
GROUPS_PER_PAGE = 10
#: the query parameters of the ledger page that a write keeps
KEPT = ("kind", "group", "status", "todo", "page")


def kept_query(request: Request) -> str:
    """The ledger page's filters and page number from the request, re-encoded (only the
    known parameters, each at most once): the query string a write sends back to."""
    pairs = [(k, query_text(request, k)) for k in KEPT]
    return urlencode([(k, v) for k, v in pairs if v])


def back_to(request: Request, notice_id: int, anchor: str = "") -> str:
    """The ledger page the write came from (same filters, same page), at ``anchor``."""
    q = kept_query(request)
    return notice_url(notice_id, "so-niem-yet") + (f"?{q}" if q else "") + (f"#{anchor}" if anchor else "")


def _page(request: Request, notice_id: int, place_key: str = "") -> Response:
    """One page of the places the actor records, narrowed by the page's filters."""
    core = core_of(request)
    other = query_int(request, "notice")
    if other and other != notice_id and request.method == "GET":  # the notice filter: that notice's ledger
        q = urlencode([(k, query_text(request, k)) for k in KEPT if k != "page" and query_text(request, k)])
        target = notice_url(other, "so-niem-yet") + (".json" if is_json(request) else "")
        return RedirectResponse(target + (f"?{q}" if q else ""), status_code=303)
    kind, status = query_text(request, "kind"), query_text(request, "status")
    todo = query_text(request, "todo") == "1"
    group = query_int(request, "group")
    pager = paginate(request, GROUPS_PER_PAGE)
    found = services.ledger_slice(core, notice_id, actor=actor_of(request), kind=kind, group=group, status=status,
                                  todo=todo, limit=pager.per_page, offset=pager.offset)
    pager = attrs.evolve(pager, has_next=found.has_next)
    desk = NoticeDesk(found.notice, found.facts, found.places, found.gaps, found.complete, (), (), False)
    names = services.unit_names()
    notice = NoticeView.of(desk, core.notice_categories)
    places = [PlaceView.of(p) for p in found.places]
    data = LedgerPage(
        notice, places, found.complete, [GapView.of(g, names) for g in found.gaps],
        dt.date.today(), LedgerFilters(kind, group or "", todo, status),
        [(k, PLACE_KINDS[k]) for k in found.kinds], list(found.groups), place_key=place_key,
        page=pager.number, has_next=pager.has_next, statuses=list(LEDGER_STATUS.items()))
    notices = services.ledger_notices(core, actor=actor_of(request))
    if notice_id not in {i for i, _ in notices}:
        notices.insert(0, (notice_id, notice.title))
    blocks: dict[int, list[PlaceView]] = {}
    for p in places:
        blocks.setdefault(p.unit_id or 0, []).append(p)
    query = kept_query(request)
    return respond(request, "congkhai/staff/ledger.html", data,
                   breadcrumbs=[NOTICES, (notice.title, notice_url(notice_id)), ("Ghi nhận niêm yết", None)],
                   context={"pager": pager, "blocks": list(blocks.items()), "query": f"?{query}" if query else "",
                            "actions": BULK_ACTIONS, "notices": notices})


def ledger(request: Request, form) -> Response:
    """Sổ theo dõi niêm yết: các nơi niêm yết, phát loa, gửi tổ trưởng, đăng nhóm theo từng tổ dân phố."""
    notice_id = path_id(request)
    if form is None:
        return _page(request, notice_id)
    data = structure(form, PostingForm)
    p = services.record_posting(core_of(request), notice_id, kind=data.kind, unit_id=data.unit_id,
                                posted_on=data.posted_on, removed_on=data.removed_on, note=data.note,
                                actor=actor_of(request))
    where = PLACE_KINDS[p.kind] + (f" – {services.unit_names().get(p.unit_id, '')}" if p.unit_id else "")
    return redirect(request, back_to(request, notice_id, f"to-{p.unit_id or 0}"),
                    f"Đã ghi nhận: {where}, ngày {p.posted_on:%d/%m/%Y}.", data={"posting": p})


def bulk(request: Request, form) -> Response:
    """Ghi nhận hàng loạt: các nơi đã chọn của một tổ dân phố đã niêm yết (đã thực hiện) hoặc đã gỡ xuống ngày X."""
    notice_id = path_id(request)
    data = structure(form, BulkPostingForm)
    n = services.record_bulk(core_of(request), notice_id, place_ids=data.places, action=data.action, day=data.day,
                             note=data.note, actor=actor_of(request))
    what = "niêm yết, thực hiện" if data.action == "posted" else "gỡ xuống"
    return redirect(request, back_to(request, notice_id, f"to-{data.block}"),
                    f"Đã ghi nhận {what} ngày {data.day:%d/%m/%Y} cho {n} nơi.", data={"recorded": n})


def _bulk_page(request: Request, form) -> Response:
    """The ledger page, the group's form showing the errors and what was typed."""
    return _page(request, path_id(request))


def _take_down_page(request: Request, form) -> Response:
    """The ledger page of a posting, its take-down form showing the errors."""
    posting = services.posting(path_id(request))
    return _page(request, posting.notice_id, place_key=f"down-{posting.id}")


def take_down(request: Request, form) -> Response:
    """Ghi nhận gỡ xuống một nơi niêm yết."""
    data = structure(form, TakeDownForm)
    p = services.take_down(core_of(request), path_id(request), removed_on=data.removed_on, note=data.note,
                           actor=actor_of(request))
    return redirect(request, back_to(request, p.notice_id, f"to-{p.unit_id or 0}"),
                    f"Đã ghi nhận gỡ xuống ngày {p.removed_on:%d/%m/%Y}.", data={"posting": p})


def routes() -> list:
    small = 64 * 1024
    return [
        *page("/can-bo/thong-bao/{id:int}/so-niem-yet", ledger, permission=P_LEDGER_GROUP, methods=("GET", "POST"),
              body=PostingForm, max_body=small, schema=LedgerPage),
        *page("/can-bo/thong-bao/{id:int}/so-niem-yet/hang-loat", bulk, permission=P_LEDGER_GROUP,
              methods=("POST",), body=BulkPostingForm, max_body=small, schema=BulkRedirect,
              error_page=_bulk_page),
        *page("/can-bo/niem-yet/{id:int}/go-xuong", take_down, permission=P_LEDGER_GROUP, methods=("POST",),
              body=TakeDownForm, max_body=small, schema=PostingRedirect, error_page=_take_down_page),
    ]
