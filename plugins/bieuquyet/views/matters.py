"""Staff pages of matters: the desk, a new matter, a matter with its rounds and clocks,
and the decisions of the People's Committee (forward, recognise, refuse, annul)."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from thanthien.core import voting
from thanthien.core.access import ANYWHERE
from thanthien.core.errors import ValidationError
from thanthien.core.models import UnitRow
from thanthien.core.storage.db import now
from thanthien.core.types import COMMUNITY_UNIT_KINDS
from thanthien.web.forms import NoFields, Redirected, structure
from thanthien.web.render import paginate, redirect, respond
from thanthien.web.request import actor_of, can, core_of, path_id, require, units_for
from thanthien.web.routing import page

from ..forms import DayForm, MatterForm, MeetingForm, ReasonDayForm, at_time
from ..schemas import DeskPage, MatterFormPage, MatterPage, PublicShares
from ..services import ballots, decisions, matters, meetings, online, participation
from ..types import FORMS, MATTER_KINDS, P_DECIDE, P_MANAGE, P_VIEW, SCOPES
from .common import BASE, DESK, PER_PAGE, SMALL, choice
from .public import public_counts


def desk(request: Request, form) -> Response:
    """Bàn và quyết định: nội dung biểu quyết của các tổ dân phố mình phụ trách."""
    state = choice(request, "trang_thai", matters.STATES)
    pager = paginate(request, PER_PAGE)
    rows = matters.listing(core_of(request), unit_ids=units_for(request, P_VIEW), state=state or None,
                           limit=pager.fetch, offset=pager.offset)
    rows, pager = pager.cut(rows)
    return respond(request, "bieuquyet/desk.html", DeskPage(rows, state, pager.number, pager.has_next),
                   breadcrumbs=[(DESK[0], None)],
                   context={"pager": pager, "states": matters.STATES, "can_manage": can(request, P_MANAGE, ANYWHERE)})


def _groups(request: Request) -> list[tuple[int, str]]:
    allowed = units_for(request, P_MANAGE)
    q = UnitRow.select().where(UnitRow.kind.in_(COMMUNITY_UNIT_KINDS), UnitRow.active == True)  # noqa: E712
    return [(u.id, u.name) for u in q.order_by(UnitRow.sort, UnitRow.id) if allowed is None or u.id in allowed]


def new_matter(request: Request, form) -> Response:
    """Tạo nội dung đưa ra Nhân dân bàn và quyết định."""
    core = core_of(request)
    if form is not None:  # a write; re-rendered after an error with form=None
        data = structure(form, MatterForm)
        require(request, P_MANAGE, data.unit_id if data.scope == "group" else None)
        if data.scope == "ward":
            require(request, P_DECIDE, None)  # R-BQ-02: the Chủ tịch UBND decides ward-wide matters
        m = matters.create(core, kind=data.kind, title=data.title, content=data.content, scope=data.scope,
                           unit_id=data.unit_id if data.scope == "group" else None, form=data.form,
                           agreed_with=data.agreed_with, actor=actor_of(request))
        return redirect(request, f"{BASE}/can-bo/noi-dung/{m.id}", "Đã tạo nội dung biểu quyết.",
                        data={"matter_id": m.id})
    today = now().date()
    data = MatterFormPage(dict(MATTER_KINDS), dict(FORMS),
                          {k: matters.allowed_forms(core, k, "group", today) for k in MATTER_KINDS})
    return respond(request, "bieuquyet/matter_form.html", data, breadcrumbs=[DESK, ("Nội dung mới", None)],
                   context={"groups": _groups(request), "scopes": SCOPES})


def _matter_for(request: Request, permission: str) -> matters.Matter:
    m = matters.get(core_of(request), path_id(request))
    require(request, permission, m.unit_id)
    return m


def matter_detail(request: Request, form) -> Response:
    """Một nội dung: hình thức, cuộc họp, phiếu, biểu quyết trực tuyến, thời hạn."""
    core = core_of(request)
    m = _matter_for(request, P_VIEW)
    counts = public_counts(core, m.id)
    data = MatterPage(m, meetings.listing(matter_id=m.id), ballots.rounds(core, m.id), online.round_for(core, m.id),
                      PublicShares.of(participation.for_matter(core, m.id).shares), counts[-1] if counts else None)
    live = voting.votes_for(f"bieuquyet.matter:{m.id}")
    return respond(request, "bieuquyet/matter.html", data, breadcrumbs=[DESK, (m.title, None)],
                   context={"can_manage": can(request, P_MANAGE, m.unit_id), "can_decide": can(request, P_DECIDE, None),
                            "votes": live, "annul_kinds": decisions.ANNUL_KINDS, "ballot_reasons": ballots.REASONS,
                            "groups": _groups(request)})


def _back(request: Request, matter_id: int, message: str) -> Response:
    return redirect(request, f"{BASE}/can-bo/noi-dung/{matter_id}", message, data={"matter_id": matter_id})


def plan_meeting(request: Request, form) -> Response:
    """Lên lịch họp cộng đồng dân cư cho nội dung."""
    m = _matter_for(request, P_MANAGE)
    data = structure(form, MeetingForm)
    unit_id = m.unit_id if m.unit_id is not None else data.unit_id
    if unit_id is None:
        raise ValidationError([("unit_id", "Nội dung toàn phường được họp tại từng tổ dân phố: hãy chọn tổ dân phố.")])
    require(request, P_MANAGE, unit_id)
    mt = meetings.plan(core_of(request), unit_id=unit_id, matter_id=m.id, title=data.title or f"Họp bàn: {m.title}",
                       scheduled_at=at_time(data.day, data.time), place=data.place, cluster=data.cluster,
                       actor=actor_of(request))
    return redirect(request, f"{BASE}/can-bo/hop/{mt.id}", "Đã lên lịch họp.", data={"meeting_id": mt.id})


def close_ward(request: Request, form) -> Response:
    """Tính kết quả nội dung toàn phường khi các tổ dân phố đã họp (R-BQ-30)."""
    m = matters.get(core_of(request), path_id(request))
    require(request, P_DECIDE, None)
    result = meetings.close_ward_vote(core_of(request), m.id, actor=actor_of(request))
    return _back(request, m.id, f"Đã tính kết quả toàn phường: {result.groups_approved}/{result.groups_total} tổ dân "
                                f"phố tán thành; " + ("được thông qua." if result.passed else "không được thông qua."))


def forward(request: Request, form) -> Response:
    """Gửi kết quả đến UBND, Ủy ban MTTQ phường (trong 05 ngày làm việc)."""
    m = _matter_for(request, P_MANAGE)
    data = structure(form, DayForm)
    decisions.forward(core_of(request), m.id, on=data.on, actor=actor_of(request))
    return _back(request, m.id, "Đã ghi nhận gửi kết quả đến UBND, Ủy ban MTTQ phường.")


def recognise(request: Request, form) -> Response:
    """Công nhận kết quả (trong 05 ngày làm việc kể từ ngày nhận)."""
    m = matters.get(core_of(request), path_id(request))
    require(request, P_DECIDE, None)
    data = structure(form, DayForm)
    decisions.recognise(core_of(request), m.id, on=data.on, actor=actor_of(request))
    return _back(request, m.id, "Đã công nhận kết quả.")


def refuse(request: Request, form) -> Response:
    """Không công nhận, có văn bản nêu rõ lý do."""
    m = matters.get(core_of(request), path_id(request))
    require(request, P_DECIDE, None)
    data = structure(form, ReasonDayForm)
    decisions.refuse(core_of(request), m.id, on=data.on, reason=data.reason, actor=actor_of(request))
    return _back(request, m.id, "Đã ghi nhận không công nhận và lý do.")


def annul(request: Request, form) -> Response:
    """Hủy bỏ hoặc yêu cầu sửa đổi quyết định của cộng đồng."""
    m = matters.get(core_of(request), path_id(request))
    require(request, P_DECIDE, None)
    data = structure(form, ReasonDayForm)
    decisions.annul(core_of(request), m.id, on=data.on, reason=data.reason, kind=data.kind, actor=actor_of(request))
    return _back(request, m.id, "Đã ghi nhận hủy bỏ, yêu cầu sửa đổi.")


def routes() -> list:
    post = ("POST",)
    write = {"methods": post, "max_body": SMALL, "schema": Redirected, "error_page": matter_detail}
    return [
        *page("/can-bo", desk, permission=P_VIEW, schema=DeskPage),
        *page("/can-bo/noi-dung/moi", new_matter, permission=P_MANAGE, methods=("GET", "POST"), body=MatterForm,
              max_body=SMALL, schema=MatterFormPage),
        *page("/can-bo/noi-dung/{id:int}", matter_detail, permission=P_VIEW, schema=MatterPage),
        *page("/can-bo/noi-dung/{id:int}/hop", plan_meeting, permission=P_MANAGE, body=MeetingForm, **write),
        *page("/can-bo/noi-dung/{id:int}/tinh-ket-qua", close_ward, permission=P_DECIDE, body=NoFields, **write),
        *page("/can-bo/noi-dung/{id:int}/gui", forward, permission=P_MANAGE, body=DayForm, **write),
        *page("/can-bo/noi-dung/{id:int}/cong-nhan", recognise, permission=P_DECIDE, body=DayForm, **write),
        *page("/can-bo/noi-dung/{id:int}/khong-cong-nhan", refuse, permission=P_DECIDE, body=ReasonDayForm, **write),
        *page("/can-bo/noi-dung/{id:int}/huy-bo", annul, permission=P_DECIDE, body=ReasonDayForm, **write),
    ]

