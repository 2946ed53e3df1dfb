"""Staff pages of notices (trang của cán bộ), under ``/congkhai/can-bo``: the notices desk,
drafting and editing, publishing, new versions, withdrawal, attachments, the texts for
the announcer and the social groups, the A4 poster; the compliance check and the
quarterly register (print, CSV, XLSX).

Views only call :mod:`..services`; a write that fails validation re-renders the page of
its form with the field errors and what was typed (``error_page``).
"""
from __future__ import annotations

import datetime as dt

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from thanthien.core.access import ANYWHERE
from thanthien.core.notices import STATES as NOTICE_STATES
from thanthien.web.forms import NoFields, structure
from thanthien.web.render import paginate, redirect, respond
from thanthien.web.request import actor_of, can, core_of, path_id, query_date, query_int, query_text
from thanthien.web.routing import page

from .. import exports, services
from ..forms import NoticeForm, RevisionForm, UploadForm, WithdrawForm
from ..schemas import (
    AttachmentRedirect,
    CheckPage,
    DeskNotice,
    NoticeFilters,
    NoticeFormPage,
    NoticePage,
    NoticeRedirect,
    NoticesPage,
    PublishRedirect,
    RegisterPage,
    RevisePage,
    TextPage,
)
from ..types import CUSTOM_LABELS, GAP_KINDS, P_COMPLIANCE, P_LEDGER_GROUP, P_NOTICES
from .common import NOTICES, download, file_response, notice_url, text_response

#: the most the notices desk lists at once
PER_PAGE = 30
CHECK = ("Kiểm tra công khai", None)
REGISTER = ("Danh mục công khai", None)


def _categories(request: Request) -> list[tuple[str, str]]:
    return [(c.key, (f"{c.item_no}. " if c.item_no else "") + c.name)
            for c in core_of(request).notice_categories.values()]


def _form_page(request: Request, values: dict, **extra) -> NoticeFormPage:
    staff = services.staff_choices(core_of(request), actor_of(request), extra.get("notice_id"))
    return NoticeFormPage(_categories(request), [("", "— Chưa chọn —"), *staff],
                          CUSTOM_LABELS, values, **extra)


# ---------------------------------------------------------------------------
# the notices desk
# ---------------------------------------------------------------------------

def notices(request: Request, form) -> Response:
    """Thông báo công khai: bản nháp, đang công khai, đã thu hồi; lọc nơi còn thiếu."""
    core = core_of(request)
    state = query_text(request, "state")
    category = query_text(request, "category")
    missing = query_text(request, "missing") == "1"
    pager = paginate(request, PER_PAGE)
    rows = services.staff_notices(core, actor=actor_of(request), state=state or None, category=category or None,
                                  missing=missing, limit=pager.fetch, offset=pager.offset)
    rows, pager = pager.cut(rows)
    data = NoticesPage([DeskNotice.of(r, core.notice_categories) for r in rows],
                       NoticeFilters(state, category, missing), can(request, P_NOTICES, ANYWHERE),
                       pager.number, pager.has_next)
    return respond(request, "congkhai/staff/notices.html", data, breadcrumbs=[(NOTICES[0], None)],
                   context={"pager": pager, "categories": _categories(request),
                            "states": list(NOTICE_STATES.items())})


def new_notice(request: Request, form) -> Response:
    """Soạn thông báo công khai (bản nháp)."""
    crumbs = [NOTICES, ("Soạn thông báo", None)]
    if form is None:
        return respond(request, "congkhai/staff/notice_form.html", _form_page(request, {}, mode="new"),
                       breadcrumbs=crumbs)
    data = structure(form, NoticeForm)
    notice = services.create_notice(core_of(request), actor=actor_of(request), **data.fields())
    return redirect(request, notice_url(notice.id), f"Đã lưu bản nháp “{notice.title}”.",
                    data={"notice_id": notice.id})


def _desk_page(request: Request) -> NoticePage:
    core = core_of(request)
    desk = services.notice_desk(core, path_id(request), actor=actor_of(request))
    return NoticePage.of(desk, core.notice_categories, services.unit_names())


def notice(request: Request, form) -> Response:
    """Một thông báo: nơi phải công khai và việc đã ghi nhận, thiếu sót, phiên bản, tệp đính kèm."""
    data = _desk_page(request)
    return respond(request, "congkhai/staff/notice.html", data, breadcrumbs=[NOTICES, (data.notice.title, None)])


def edit_notice(request: Request, form) -> Response:
    """Sửa bản nháp thông báo."""
    core = core_of(request)
    notice_id = path_id(request)
    if form is not None:
        data = structure(form, NoticeForm)
        updated = services.update_draft(core, notice_id, actor=actor_of(request), **data.fields())
        return redirect(request, notice_url(notice_id), "Đã lưu bản nháp.", data={"notice_id": updated.id})
    desk = services.notice_desk(core, notice_id, actor=actor_of(request))
    n, facts = desk.notice, desk.facts
    if n.state != "draft":
        return redirect(request, notice_url(n.id), "Chỉ sửa được bản nháp; thông báo đã công khai thì tạo phiên bản mới.")
    values = {"category": n.category, "title": n.title, "body_html": n.body_html, "decision_ref": n.decision_ref,
              "decision_date": n.decision_date.strftime("%d/%m/%Y") if n.decision_date else "",
              "window_end": n.window_end.strftime("%d/%m/%Y") if n.window_end else "",
              "responsible_id": str(facts.responsible_id or ""),
              **{f"custom_{k}": "on" for k, v in facts.custom.items() if v}}
    return respond(request, "congkhai/staff/notice_form.html",
                   _form_page(request, values, mode="edit", notice_id=n.id, state=n.state),
                   breadcrumbs=[NOTICES, (n.title, notice_url(n.id)), ("Sửa bản nháp", None)])


def publish(request: Request, form) -> Response:
    """Công khai bản nháp (lập danh sách nơi phải niêm yết theo quy định đang có hiệu lực)."""
    n = services.publish_notice(core_of(request), path_id(request), actor=actor_of(request))
    places = len(services.requirements(n.id))
    return redirect(request, notice_url(n.id, "so-niem-yet"),
                    f"Đã công khai thông báo; cần thực hiện ở {places} nơi/kênh, hãy ghi nhận khi niêm yết.",
                    data={"notice_id": n.id, "places": places})


def withdraw(request: Request, form) -> Response:
    """Thu hồi thông báo đang công khai (ghi rõ lý do)."""
    data = structure(form, WithdrawForm)
    n = services.withdraw_notice(core_of(request), path_id(request), reason=data.reason, actor=actor_of(request))
    return redirect(request, notice_url(n.id),
                    "Đã thu hồi thông báo: đã gỡ khỏi bảng tin công khai và bản tin; hãy ghi nhận gỡ xuống ở các nơi "
                    "đang niêm yết.", data={"notice_id": n.id})


def revise(request: Request, form) -> Response:
    """Tạo phiên bản mới của thông báo đang công khai (công khai lại thông tin thay đổi, R-CK-12)."""
    core = core_of(request)
    if form is not None:
        data = structure(form, RevisionForm)
        new = services.revise_notice(core, path_id(request), title=data.title, body_html=data.body_html,
                                     actor=actor_of(request))
        return redirect(request, notice_url(new.id),
                        f"Đã tạo bản nháp phiên bản {new.version}; khi công khai, phiên bản cũ được thu hồi.",
                        data={"notice_id": new.id, "version": new.version})
    n = services.staff_notice(core, path_id(request), actor=actor_of(request))
    if n.state != "published":
        return redirect(request, notice_url(n.id), "Chỉ tạo phiên bản mới cho thông báo đang công khai.")
    return respond(request, "congkhai/staff/revise.html",
                   RevisePage(n.id, n.version, n.state, {"title": n.title, "body_html": n.body_html}),
                   breadcrumbs=[NOTICES, (n.title, notice_url(n.id)), ("Phiên bản mới", None)])


def upload(request: Request, form) -> Response:
    """Đính kèm tệp PDF hoặc ảnh (kiểm tra loại tệp theo nội dung, giới hạn dung lượng); thông báo
    đang công khai thì tệp vào phiên bản mới (R-CK-12)."""
    core, notice_id = core_of(request), path_id(request)
    data = structure(form, UploadForm)
    att = services.add_attachment(core, notice_id, filename=data.file.filename or "", data=data.file.file.read(),
                                  content_type=data.file.content_type or "", actor=actor_of(request))
    if att.notice_id != notice_id:
        message = (f"Thông báo đang công khai không bị sửa: đã đính kèm tệp {att.filename} vào bản nháp phiên bản "
                   "mới; công khai phiên bản mới để thay thế.")
    else:
        message = f"Đã đính kèm tệp {att.filename}."
    return redirect(request, notice_url(att.notice_id), message,
                    data={"attachment": att, "notice_id": att.notice_id, "new_version": att.notice_id != notice_id})


def remove_attachment(request: Request, form) -> Response:
    """Gỡ tệp đính kèm khỏi bản nháp."""
    att = services.remove_attachment(core_of(request), path_id(request), actor=actor_of(request))
    return redirect(request, notice_url(att.notice_id), f"Đã gỡ tệp {att.filename}.", data={"notice_id": att.notice_id})


def attachment(request: Request, form) -> Response:
    """Tệp đính kèm (cán bộ xem cả khi thông báo còn là bản nháp)."""
    att, data = services.attachment_file(path_id(request))
    services.staff_notice(core_of(request), att.notice_id, actor=actor_of(request))
    return file_response(att, data)


def loudspeaker_script(request: Request, form) -> Response:
    """Bản tin phát thanh (văn bản cho phát thanh viên, kèm lịch phát)."""
    core = core_of(request)
    n = services.staff_notice(core, path_id(request), actor=actor_of(request))
    return text_response(request, exports.loudspeaker_script(core, n), f"ban-tin-loa-{n.id}.txt")


def social_text(request: Request, form) -> Response:
    """Nội dung đăng nhóm Zalo/Facebook của tổ dân phố."""
    core = core_of(request)
    n = services.staff_notice(core, path_id(request), actor=actor_of(request))
    return text_response(request, exports.social_text(core, n, services.public_base(core)), f"mang-xa-hoi-{n.id}.txt")


def poster(request: Request, form) -> Response:
    """Bản niêm yết khổ A4 để in."""
    core = core_of(request)
    n = services.staff_notice(core, path_id(request), actor=actor_of(request))
    return HTMLResponse(exports.poster_html(core, n, services.public_base(core)))


# ---------------------------------------------------------------------------
# the compliance check and the quarterly register
# ---------------------------------------------------------------------------

def check_page(request: Request, form) -> Response:
    """Kiểm tra việc công khai: còn thiếu, chậm, gỡ sớm, chưa cập nhật; độ phủ theo tổ dân phố."""
    today = query_date(request, "date") or dt.date.today()
    report = services.check(core_of(request), today, actor=actor_of(request))
    return respond(request, "congkhai/check.html", CheckPage.of(report, GAP_KINDS), breadcrumbs=[CHECK])


def _register(request: Request):
    today = dt.date.today()
    year = query_int(request, "year") or today.year
    quarter = query_int(request, "quarter") or (today.month - 1) // 3 + 1
    return services.disclosure_register(core_of(request), year, quarter, actor=actor_of(request))


def register_page(request: Request, form) -> Response:
    """Danh mục thông tin công khai hằng quý (R-CK-08)."""
    reg = _register(request)
    if query_text(request, "print"):
        return HTMLResponse(exports.register_html(core_of(request), reg))
    return respond(request, "congkhai/register.html", RegisterPage(reg), breadcrumbs=[REGISTER])


def register_csv(request: Request, form) -> Response:
    """Danh mục thông tin công khai hằng quý, tệp CSV."""
    reg = _register(request)
    return download(exports.register_csv(reg), "text/csv; charset=utf-8",
                    f"danh-muc-cong-khai-quy-{reg.quarter}-{reg.year}.csv")


def register_xlsx(request: Request, form) -> Response:
    """Danh mục thông tin công khai hằng quý, tệp Excel."""
    reg = _register(request)
    return download(exports.register_xlsx(reg), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    f"danh-muc-cong-khai-quy-{reg.quarter}-{reg.year}.xlsx")


def routes(max_upload: int) -> list:
    post = ("POST",)
    small = 64 * 1024
    on_notice = {"methods": post, "max_body": small, "error_page": notice}
    return [
        *page("/can-bo/thong-bao", notices, permission=P_LEDGER_GROUP, schema=NoticesPage),
        *page("/can-bo/thong-bao/moi", new_notice, permission=P_NOTICES, methods=("GET", "POST"), body=NoticeForm,
              max_body=small, schema=NoticeFormPage),
        *page("/can-bo/thong-bao/{id:int}", notice, permission=P_LEDGER_GROUP, schema=NoticePage),
        *page("/can-bo/thong-bao/{id:int}/sua", edit_notice, permission=P_NOTICES, methods=("GET", "POST"),
              body=NoticeForm, max_body=small, schema=NoticeFormPage),
        *page("/can-bo/thong-bao/{id:int}/cong-khai", publish, permission=P_NOTICES, body=NoFields,
              schema=PublishRedirect, **on_notice),
        *page("/can-bo/thong-bao/{id:int}/thu-hoi", withdraw, permission=P_NOTICES, body=WithdrawForm,
              schema=NoticeRedirect, **on_notice),
        *page("/can-bo/thong-bao/{id:int}/phien-ban-moi", revise, permission=P_NOTICES, methods=("GET", "POST"),
              body=RevisionForm, max_body=small, schema=RevisePage),
        *page("/can-bo/thong-bao/{id:int}/tep-dinh-kem", upload, permission=P_NOTICES, methods=post, body=UploadForm,
              max_body=max_upload, schema=AttachmentRedirect, error_page=notice),
        *page("/can-bo/thong-bao/{id:int}/loa", loudspeaker_script, permission=P_LEDGER_GROUP, schema=TextPage),
        *page("/can-bo/thong-bao/{id:int}/mang-xa-hoi", social_text, permission=P_LEDGER_GROUP, schema=TextPage),
        *page("/can-bo/thong-bao/{id:int}/ban-niem-yet", poster, permission=P_LEDGER_GROUP, json_twin=False),
        *page("/can-bo/tep-dinh-kem/{id:int}/go", remove_attachment, permission=P_NOTICES, methods=post,
              body=NoFields, max_body=small, schema=NoticeRedirect),
        *page("/can-bo/tep-dinh-kem/{id:int}/{filename}", attachment, permission=P_LEDGER_GROUP, json_twin=False),
        *page("/can-bo/kiem-tra", check_page, permission=P_COMPLIANCE, schema=CheckPage),
        *page("/can-bo/danh-muc", register_page, permission=P_COMPLIANCE, schema=RegisterPage),
        *page("/can-bo/danh-muc.csv", register_csv, permission=P_COMPLIANCE, json_twin=False),
        *page("/can-bo/danh-muc.xlsx", register_xlsx, permission=P_COMPLIANCE, json_twin=False),
    ]

