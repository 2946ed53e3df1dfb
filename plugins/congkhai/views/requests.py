"""Information-request pages (yêu cầu cung cấp thông tin — R-TT-05 … R-TT-11), under
``/congkhai/can-bo/yeu-cau``: the register (R-TT-07, also as CSV), intake, one request
with the actions still open, and the printable forms 01a–06 (R-TT-06).

The requester's personal fields are masked; showing them (``?hien=1``) or printing a
form needs ``congkhai.requests.view_personal`` over the request and is audit-logged.
"""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from thanthien.core.errors import NotFound
from thanthien.web.forms import structure
from thanthien.web.render import redirect, respond
from thanthien.web.request import actor_of, can, core_of, path_id, query_text
from thanthien.web.routing import page

from .. import exports, services
from ..forms import RequestActionForm, RequestForm
from ..schemas import RequestFormPage, RequestPage, RequestsPage, RequestStateRedirect, RequestView
from ..types import DELIVERY_FORMS, P_REQUESTS, P_REQUESTS_PERSONAL, REFUSAL_GROUNDS, REQUEST_CHANNELS, REQUEST_FORMS
from .common import REQUESTS, download, query_year, request_url


def _personal(request: Request) -> bool:
    return query_text(request, "hien") == "1"


def register(request: Request, form) -> Response:
    """Sổ theo dõi cung cấp thông tin theo yêu cầu (thông tin người yêu cầu được che)."""
    year = query_year(request)
    show = _personal(request)
    rows = services.request_register(core_of(request), year, actor=actor_of(request), personal=show)
    return respond(request, "congkhai/staff/requests.html", RequestsPage(year, rows, show),
                   breadcrumbs=[(REQUESTS[0], None)])


def register_csv(request: Request, form) -> Response:
    """Sổ theo dõi cung cấp thông tin theo yêu cầu, tệp CSV (thông tin người yêu cầu được che
    trừ khi ``hien=1`` và có quyền; việc xem được ghi nhật ký)."""
    year = query_year(request)
    rows = services.request_register(core_of(request), year, actor=actor_of(request), personal=_personal(request))
    return download(exports.requests_csv(rows), "text/csv; charset=utf-8", f"so-yeu-cau-cung-cap-thong-tin-{year}.csv")


def new_request(request: Request, form) -> Response:
    """Tiếp nhận yêu cầu cung cấp thông tin: trực tiếp, qua mạng, qua bưu chính/fax."""
    if form is None:
        return respond(request, "congkhai/staff/request_form.html",
                       RequestFormPage(list(REQUEST_CHANNELS.items()), list(DELIVERY_FORMS.items())),
                       breadcrumbs=[REQUESTS, ("Tiếp nhận yêu cầu", None)])
    data = structure(form, RequestForm)
    case = services.open_request(core_of(request), actor=actor_of(request), **{
        f: getattr(data, f) for f in ("channel", "complex", "requester_name", "requester_id_no", "requester_address",
                                      "requester_contact", "organisation", "info_requested", "purpose",
                                      "delivery_form")})
    return redirect(request, request_url(case.id), f"Đã vào sổ yêu cầu {case.number}; hạn giải quyết "
                                                   f"{case.due_date:%d/%m/%Y}.",
                    data={"case_id": case.id, "number": case.number, "due_date": case.due_date})


def detail(request: Request, form) -> Response:
    """Một yêu cầu cung cấp thông tin: thời hạn theo quy định, các bước, thao tác, biểu mẫu."""
    core = core_of(request)
    f = services.view_request(core, path_id(request), actor=actor_of(request), personal=_personal(request))
    data = RequestPage(RequestView.of(f), can(request, P_REQUESTS_PERSONAL, core.cases.scope_of(f.case)))
    return respond(request, "congkhai/staff/request.html", data,
                   breadcrumbs=[REQUESTS, (f.case.number, None)],
                   context={"grounds": [("", "— Chọn căn cứ từ chối (Điều 28) —"), *REFUSAL_GROUNDS.items()],
                            "forms": list(REQUEST_FORMS.items())})


def action(request: Request, form) -> Response:
    """Thao tác trên yêu cầu: thông báo thời hạn, gia hạn, cung cấp, từ chối (có căn cứ)."""
    core, actor, case_id = core_of(request), actor_of(request), path_id(request)
    data = structure(form, RequestActionForm).checked()
    if data.action == "notify":
        case = services.notify_timeline(core, case_id, note=data.note, actor=actor)
        message = "Đã ghi nhận thông báo thời hạn giải quyết cho người yêu cầu."
    elif data.action == "provide":
        case = services.provide_information(core, case_id, note=data.note, actor=actor)
        message = "Đã ghi nhận cung cấp thông tin."
    elif data.action == "extend":
        case = services.extend_request(core, case_id, reason=data.note, actor=actor)
        message = f"Đã gia hạn đến ngày {case.due_date:%d/%m/%Y}; gửi Thông báo gia hạn (Mẫu 04) cho người yêu cầu."
    else:
        case = services.refuse_request(core, case_id, ground=data.ground, reason=data.reason,
                                       previous_cases=data.previous, actor=actor)
        message = "Đã từ chối yêu cầu; gửi Thông báo từ chối (Mẫu 05) cho người yêu cầu."
    return redirect(request, request_url(case_id), message, data={"state": case.state})


def print_form(request: Request, form) -> Response:
    """Biểu mẫu in (Mẫu 01a – 06, Nghị định 13/2018/NĐ-CP) điền sẵn từ yêu cầu; xem thông tin cá
    nhân người yêu cầu nên cần quyền xem và được ghi nhật ký."""
    key = request.path_params["form"]
    if key not in REQUEST_FORMS:
        raise NotFound("Không có biểu mẫu này.")
    return HTMLResponse(exports.request_form_html(core_of(request), path_id(request), key, actor=actor_of(request)))


def routes() -> list:
    small = 64 * 1024
    return [
        *page("/can-bo/yeu-cau", register, permission=P_REQUESTS, schema=RequestsPage),
        *page("/can-bo/yeu-cau.csv", register_csv, permission=P_REQUESTS, json_twin=False),
        *page("/can-bo/yeu-cau/moi", new_request, permission=P_REQUESTS, methods=("GET", "POST"), body=RequestForm,
              max_body=small, schema=RequestFormPage),
        *page("/can-bo/yeu-cau/{id:int}", detail, permission=P_REQUESTS, schema=RequestPage),
        *page("/can-bo/yeu-cau/{id:int}/xu-ly", action, permission=P_REQUESTS, methods=("POST",),
              body=RequestActionForm, max_body=small, schema=RequestStateRedirect, error_page=detail),
        *page("/can-bo/yeu-cau/{id:int}/mau/{form}", print_form, permission=P_REQUESTS, json_twin=False),
    ]

