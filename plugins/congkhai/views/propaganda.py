"""Propaganda and training pages (tuyên truyền, tập huấn — plan III.2.1, III.3), under
``/congkhai/can-bo/tuyen-truyen``: the groups' coverage against the target, the
conferences and media items of the year, and the two forms that record them."""
from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from thanthien.web.forms import structure
from thanthien.web.render import redirect, respond
from thanthien.web.request import actor_of, core_of
from thanthien.web.routing import page

from .. import services
from ..forms import ConferenceForm, MediaForm
from ..schemas import ConferenceRedirect, ConferenceView, MediaRedirect, MediaView, PropagandaPage
from ..types import AUDIENCES, CONFERENCE_KINDS, MEDIA_CHANNELS, MEDIA_KINDS, MEDIA_TOPICS, P_PROPAGANDA
from .common import STAFF, query_year

HOME = ("Tuyên truyền, tập huấn", None)
PAGE = f"{STAFF}/tuyen-truyen"


def _context() -> dict[str, Any]:
    units = [("", "— Toàn phường —")] + [(g.id, g.name) for g in services.residential_groups()]
    return {"conference_kinds": list(CONFERENCE_KINDS.items()), "audiences": list(AUDIENCES.items()), "units": units,
            "media_kinds": list(MEDIA_KINDS.items()), "media_channels": list(MEDIA_CHANNELS.items()),
            "media_topics": list(MEDIA_TOPICS.items())}


def _page(request: Request, which: str = "") -> Response:
    core, actor = core_of(request), actor_of(request)
    year = query_year(request)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    names = services.unit_names()
    data = PropagandaPage(
        year, [services.propaganda_coverage(core, start, end, kind) for kind in CONFERENCE_KINDS],
        [ConferenceView.of(c, names) for c in services.conferences(core, start, end, actor=actor)],
        [MediaView.of(m) for m in services.media_items(core, start, end, actor=actor)], form=which)
    return respond(request, "congkhai/staff/propaganda.html", data, breadcrumbs=[HOME], context=_context())


def propaganda(request: Request, form) -> Response:
    """Tuyên truyền, tập huấn: hội nghị theo tổ dân phố (độ phủ so với chỉ tiêu), tin bài, phát thanh."""
    return _page(request)


def _conference_page(request: Request, form) -> Response:
    return _page(request, "conference")


def _media_page(request: Request, form) -> Response:
    return _page(request, "media")


def add_conference(request: Request, form) -> Response:
    """Ghi nhận hội nghị tuyên truyền, tập huấn đã tổ chức."""
    data = structure(form, ConferenceForm)
    c = services.record_conference(core_of(request), kind=data.kind, topic=data.topic, held_on=data.held_on,
                                   place=data.place, audience=data.audience, unit_id=data.unit_id,
                                   invited=data.invited, attended=data.attended, note=data.note,
                                   actor=actor_of(request))
    return redirect(request, f"{PAGE}?year={c.held_on.year}", f"Đã ghi nhận hội nghị ngày {c.held_on:%d/%m/%Y}.",
                    data={"conference_id": c.id})


def add_media(request: Request, form) -> Response:
    """Ghi nhận tin, bài, phóng sự, chương trình phát thanh."""
    data = structure(form, MediaForm)
    m = services.record_media(core_of(request), kind=data.kind, title=data.title, published_on=data.published_on,
                              channel=data.channel, topic=data.topic, url=data.url, actor=actor_of(request))
    return redirect(request, f"{PAGE}?year={m.published_on.year}", f"Đã ghi nhận tin bài “{m.title}”.",
                    data={"media_id": m.id})


def routes() -> list:
    post = ("POST",)
    small = 64 * 1024
    return [
        *page("/can-bo/tuyen-truyen", propaganda, permission=P_PROPAGANDA, schema=PropagandaPage),
        *page("/can-bo/tuyen-truyen/hoi-nghi", add_conference, permission=P_PROPAGANDA, methods=post,
              body=ConferenceForm, max_body=small, schema=ConferenceRedirect, error_page=_conference_page),
        *page("/can-bo/tuyen-truyen/tin-bai", add_media, permission=P_PROPAGANDA, methods=post, body=MediaForm,
              max_body=small, schema=MediaRedirect, error_page=_media_page),
    ]
