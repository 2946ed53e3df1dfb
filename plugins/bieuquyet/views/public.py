"""Public pages: matters, results, participation and the online vote with a code.

Nothing here names a household, a representative or a code: results and shares are
aggregates (R-BQ-25's "not linkable"); a round's counts show only once it is closed.
"""
from __future__ import annotations

from urllib.parse import quote, urlencode

from starlette.requests import Request
from starlette.responses import Response

from thanthien.core import voting
from thanthien.core.errors import NotFound
from thanthien.web.forms import Redirected, structure
from thanthien.web.render import paginate, redirect, respond
from thanthien.web.request import core_of, path_id, query_date, query_text
from thanthien.web.routing import PUBLIC, page

from ..forms import CastForm
from ..schemas import (
    CastPage,
    GroupParticipation,
    MatterParticipation,
    ParticipationPage,
    PublicCount,
    PublicMatter,
    PublicMattersPage,
    PublicShares,
    ResultPage,
)
from ..services import matters, online, participation
from ..types import FORMS
from .common import BASE, PER_PAGE, PUBLIC_HOME, SMALL


def index(request: Request, form) -> Response:
    """Nhân dân bàn và quyết định: các nội dung đã và đang biểu quyết."""
    pager = paginate(request, PER_PAGE)
    rows = matters.listing(core_of(request), public=True, limit=pager.fetch, offset=pager.offset)
    rows, pager = pager.cut(rows)
    data = PublicMattersPage([PublicMatter.of(m) for m in rows], pager.number, pager.has_next)
    return respond(request, "bieuquyet/public_index.html", data, breadcrumbs=[(PUBLIC_HOME[0], None)],
                   context={"pager": pager})


def public_counts(core, matter_id: int) -> list[PublicCount]:
    """Every round of a matter; counts only for closed rounds."""
    out = []
    for vote in voting.votes_for(f"bieuquyet.matter:{matter_id}"):
        if vote.state == "cancelled":
            continue
        result = voting.tally(core, vote.id)
        closed = vote.state == "closed"
        out.append(PublicCount(vote.form, FORMS[vote.form], vote.state_name, result.threshold, result.rule_id,
                               result.electorate_total, result.participated,
                               dict(result.counts) if closed else {}, dict(result.option_labels),
                               result.passed if closed else None, result.groups_total,
                               result.groups_approved if closed else 0, vote.opened_at, vote.closed_at))
    return out


def _public_matter(core, matter_id: int) -> matters.Matter:
    m = matters.get(core, matter_id)
    if m.state in ("draft", "withdrawn"):
        raise NotFound("Không tìm thấy nội dung biểu quyết.")
    return m


def result(request: Request, form) -> Response:
    """Kết quả Nhân dân bàn và quyết định một nội dung."""
    core = core_of(request)
    m = _public_matter(core, path_id(request))
    rnd = online.round_for(core, m.id) if m.form == "online" else None
    vote_url = f"{BASE}/bieu-quyet/{m.id}" if rnd and rnd.starts_at and not rnd.closed else None
    data = ResultPage(PublicMatter.of(m), m.decided_on, m.effective_on, m.recognised_on, m.refusal_reason,
                      m.annul_reason, public_counts(core, m.id),
                      PublicShares.of(participation.for_matter(core, m.id).shares), vote_url)
    return respond(request, "bieuquyet/public_result.html", data,
                   breadcrumbs=[PUBLIC_HOME, (m.title, None)])


def participation_page(request: Request, form) -> Response:
    """Mức độ tham gia của Nhân dân: được thông tin, có đại diện, đã biểu quyết."""
    core = core_of(request)
    start, end = query_date(request, "tu"), query_date(request, "den")
    t = participation.targets(core)
    pager = paginate(request, PER_PAGE)
    # keyset pagination (issue 16): a page of matters along their creation index, never all
    got = participation.page(core, start=start, end=end, limit=PER_PAGE,
                             after=query_text(request, "sau", max_length=40),
                             before=query_text(request, "truoc", max_length=40))
    groups = [GroupParticipation(g.group_name, g.matters, PublicShares.of(g.shares)) for g in got.groups]
    shown = [MatterParticipation(m.matter_id, m.title, m.unit_name, m.state_name, f"{BASE}/ket-qua/{m.matter_id}",
                                 PublicShares.of(m.shares)) for m in got.matters]
    number = pager.number if got.previous_before else 1
    data = ParticipationPage(start, end, {"informed": t.informed, "represented": t.represented, "voted": t.voted},
                             PublicShares.of(got.overall), groups, shown, number, bool(got.next_after),
                             got.next_after, got.previous_before)
    base = urlencode([(k, v) for k, v in request.query_params.multi_items() if k not in ("page", "sau", "truoc")])
    base = f"?{base}&" if base else "?"
    links = {"next_url": f"{base}sau={quote(got.next_after)}&page={number + 1}" if got.next_after else "",
             "previous_url": f"{base}truoc={quote(got.previous_before)}&page={max(1, number - 1)}"
             if got.previous_before else ""}
    return respond(request, "bieuquyet/public_participation.html", data,
                   breadcrumbs=[PUBLIC_HOME, ("Mức độ tham gia", None)], context=links)


def cast_page(request: Request, form) -> Response:
    """Biểu quyết trực tuyến: nhập mã của hộ gia đình và chọn ý kiến."""
    core = core_of(request)
    m = _public_matter(core, path_id(request))
    rnd = online.round_for(core, m.id)
    if rnd is None or rnd.starts_at is None:
        raise NotFound("Nội dung này không biểu quyết trực tuyến.")
    from thanthien.core.storage.db import now

    is_open = not rnd.closed and rnd.starts_at <= now() <= rnd.ends_at
    data = CastPage(PublicMatter.of(m), is_open, rnd.starts_at, rnd.ends_at, dict(voting.OPTION_LABELS))
    return respond(request, "bieuquyet/public_cast.html", data,
                   breadcrumbs=[PUBLIC_HOME, (m.title, f"{BASE}/ket-qua/{m.id}"), ("Biểu quyết trực tuyến", None)])


def cast(request: Request, form) -> Response:
    """Gửi biểu quyết trực tuyến của hộ gia đình (mỗi mã dùng một lần)."""
    data = structure(form, CastForm)
    matter_id = path_id(request)
    online.cast(core_of(request), matter_id, code=data.code, option=data.option)
    return redirect(request, f"{BASE}/ket-qua/{matter_id}",
                    "Đã ghi nhận ý kiến của hộ gia đình. Cảm ơn ông/bà đã tham gia biểu quyết.",
                    data={"matter_id": matter_id})


def routes() -> list:
    return [
        *page("/", index, permission=PUBLIC, schema=PublicMattersPage),
        *page("/ket-qua/{id:int}", result, permission=PUBLIC, schema=ResultPage),
        *page("/tham-gia", participation_page, permission=PUBLIC, schema=ParticipationPage),
        *page("/bieu-quyet/{id:int}", cast_page, permission=PUBLIC, schema=CastPage),
        *page("/bieu-quyet/{id:int}/gui", cast, permission=PUBLIC, methods=("POST",), body=CastForm,
              max_body=SMALL, schema=Redirected, error_page=cast_page, rate_limit=(10, 60)),
    ]
