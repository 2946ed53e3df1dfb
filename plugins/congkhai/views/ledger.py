"""The dissemination ledger pages (sổ theo dõi niêm yết), under
``/congkhai/can-bo/thong-bao/{id}/so-niem-yet``: one form per place the actor records —
a residential-group head sees only his or her group's places —, narrowed by kind, group
or what is still to do (on a phone); taking a posting down."""
from __future__ import annotations

import datetime as dt

from starlette.requests import Request
from starlette.responses import Response
from thanthien.core.errors import ValidationError
from thanthien.web.forms import structure
from thanthien.web.render import redirect, respond
from thanthien.web.request import actor_of, core_of, path_id, query_int, query_text
from thanthien.web.routing import page

from .. import services
from ..forms import PostingForm, TakeDownForm
from ..schemas import GapView, LedgerFilters, LedgerPage, NoticeView, PlaceView, PostingRedirect
from ..types import P_LEDGER_GROUP, PLACE_KINDS
from .common import NOTICES, notice_url


def _page(request: Request, notice_id: int, place_key: str = "") -> Response:
    """The places the actor records, narrowed by the page's filters."""
    core = core_of(request)
    desk = services.notice_desk(core, notice_id, actor=actor_of(request))
    mine = [p for p in desk.places if p.may_record]
    kind, todo = query_text(request, "kind"), query_text(request, "todo") == "1"
    if kind and kind not in PLACE_KINDS:
        raise ValidationError([("kind", "Nơi/kênh công khai không hợp lệ.")])
    group = query_int(request, "group")
    places = [p for p in mine if (not kind or p.requirement.kind == kind)
              and (not group or p.requirement.unit_id == group) and (not todo or p.status != "done")]
    names = services.unit_names()
    notice = NoticeView.of(desk, core.notice_categories)
    data = LedgerPage(
        notice, [PlaceView.of(p) for p in places], desk.complete, [GapView.of(g, names) for g in desk.gaps],
        dt.date.today(), LedgerFilters(kind, group or "", todo),
        [(k, PLACE_KINDS[k]) for k in dict.fromkeys(p.requirement.kind for p in mine)],
        list({p.requirement.unit_id: p.unit_name for p in mine if p.requirement.unit_id}.items()),
        place_key=place_key)
    return respond(request, "congkhai/staff/ledger.html", data,
                   breadcrumbs=[NOTICES, (notice.title, notice_url(notice_id)), ("Ghi nhận niêm yết", None)])


def ledger(request: Request, form) -> Response:
    """Sổ theo dõi niêm yết: ghi nhận từng nơi niêm yết, phát loa, gửi tổ trưởng, đăng nhóm; gỡ xuống."""
    notice_id = path_id(request)
    if form is None:
        return _page(request, notice_id)
    data = structure(form, PostingForm)
    p = services.record_posting(core_of(request), notice_id, kind=data.kind, unit_id=data.unit_id,
                                posted_on=data.posted_on, removed_on=data.removed_on, note=data.note,
                                actor=actor_of(request))
    where = PLACE_KINDS[p.kind] + (f" – {services.unit_names().get(p.unit_id, '')}" if p.unit_id else "")
    return redirect(request, notice_url(notice_id, "so-niem-yet"), f"Đã ghi nhận: {where}, ngày {p.posted_on:%d/%m/%Y}.",
                    data={"posting": p})


def _take_down_page(request: Request, form) -> Response:
    """The ledger page of a posting, its take-down form showing the errors."""
    posting = services.posting(path_id(request))
    return _page(request, posting.notice_id, place_key=f"down-{posting.id}")


def take_down(request: Request, form) -> Response:
    """Ghi nhận gỡ xuống một nơi niêm yết."""
    data = structure(form, TakeDownForm)
    p = services.take_down(core_of(request), path_id(request), removed_on=data.removed_on, note=data.note,
                           actor=actor_of(request))
    return redirect(request, notice_url(p.notice_id, "so-niem-yet"), f"Đã ghi nhận gỡ xuống ngày {p.removed_on:%d/%m/%Y}.",
                    data={"posting": p})


def routes() -> list:
    small = 64 * 1024
    return [
        *page("/can-bo/thong-bao/{id:int}/so-niem-yet", ledger, permission=P_LEDGER_GROUP, methods=("GET", "POST"),
              body=PostingForm, max_body=small, schema=LedgerPage),
        *page("/can-bo/niem-yet/{id:int}/go-xuong", take_down, permission=P_LEDGER_GROUP, methods=("POST",),
              body=TakeDownForm, max_body=small, schema=PostingRedirect, error_page=_take_down_page),
    ]
