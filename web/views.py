"""Core pages: public home, login, dashboard, units, people, households, audit, users,
documents, plugins and health. Each page is one endpoint with a JSON twin."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from functools import partial
from typing import Any
from urllib.parse import quote

import attrs
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from thanthien.core import accounts, audit, people
from thanthien.core.access import ANYWHERE
from thanthien.core.datacache import VersionedCache
from thanthien.core.errors import NotFound, PermissionDenied, ValidationError
from thanthien.core.plugins import plugin_infos
from thanthien.core.storage.db import database_proxy
from thanthien.core.types import Actor, DashboardWidget, Person

from . import admin, auth, links, pipeline
from .context import context_of, data_version_of
from .forms import structure
from .render import form_errors, is_json, json_response, paginate, print_page, redirect, render_template, respond
from .request import actor_of, core_of, path_id, require, staff_actor, units_for
from .routing import PUBLIC, STAFF, page
from .security import client_ip

# ---------------------------------------------------------------------------
# forms
# ---------------------------------------------------------------------------


@attrs.frozen
class LoginForm:
    username: str = attrs.field(default="", metadata={"label": "Tên đăng nhập"})
    password: str = attrs.field(default="", metadata={"label": "Mật khẩu"})
    next: str = ""


@attrs.frozen
class TotpForm:
    code: str = attrs.field(default="", metadata={"label": "Mã xác thực"})


@attrs.frozen
class PasswordForm:
    current_password: str = attrs.field(default="", metadata={"label": "Mật khẩu hiện tại"})
    password: str = attrs.field(default="", metadata={"label": "Mật khẩu mới"})
    password_confirm: str = attrs.field(default="", metadata={"label": "Nhập lại mật khẩu mới"})


@attrs.frozen
class UnmaskForm:
    reason: str = attrs.field(
        metadata={"label": "Lý do xem", "required": "Vui lòng ghi rõ lý do xem thông tin cá nhân."}
    )


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

#: older names of the request helpers (see :mod:`thanthien.web.request`)
services = core_of
path_int = path_id


def scope_units(request: Request, permission: str) -> set[int] | None:
    """Units whose data the actor may see with ``permission``; None = the whole ward."""
    return units_for(request, permission)


PERSON_OPEN_FIELDS = ("full_name", "sex", "relation_to_head")


def person_view(request: Request, person: Person, unmasked: bool = False) -> dict[str, Any]:
    data = attrs.asdict(person)
    if unmasked:
        return data
    masked = services(request).privacy.masked_view("person", data, set())
    for key in PERSON_OPEN_FIELDS:
        masked[key] = data[key]
    if person.birth_date:
        masked["birth_date"] = None
        masked["birth_year"] = person.birth_date.year
    return masked


def person_unit(person: Person) -> int | None:
    if person.household_id:
        return people.get_household(person.household_id).group_id
    return person.unit_id


# ---------------------------------------------------------------------------
# public
# ---------------------------------------------------------------------------


def home(request: Request, form) -> Response:
    """Trang chủ công khai: thông tin phường, liên hệ, nội dung các phân hệ công bố."""
    ward = request.app.state.settings.ward
    links = [{"label": n.label, "href": n.href} for n in request.app.state.nav if not n.staff]
    data = {
        "ward": {
            "name": ward.name,
            "code": ward.code,
            "kind": ward.kind,
            "province": ward.province,
            "address": ward.address,
            "phone": ward.phone,
            "email": ward.email,
            "website": ward.website,
            "committee_name": ward.committee_name,
        },
        "links": links,
    }
    return respond(request, "home.html", data)


def health(request: Request, form) -> Response:
    """Tình trạng hệ thống và cơ sở dữ liệu."""
    try:
        database_proxy.execute_sql("SELECT 1").fetchone()
        db_ok = True
    except Exception:  # noqa: BLE001 - report, do not raise
        db_ok = False
    status = 200 if db_ok else 503
    return respond(
        request,
        "health.html",
        {"status": "ok" if db_ok else "error", "database": db_ok},
        status=status,
        breadcrumbs=[("Tình trạng hệ thống", None)],
    )


def plugins_page(request: Request, form) -> Response:
    """Các phân hệ: phiên bản, hook, trạng thái bật/tắt."""
    infos = plugin_infos(request.app.state.pm)
    return respond(request, "plugins.html", {"plugins": infos}, breadcrumbs=[("Phân hệ", None)])


# ---------------------------------------------------------------------------
# login, second factor, logout, password
# ---------------------------------------------------------------------------


def _safe_next(value: str | None) -> str:
    """A local path to go to after login; anything else goes to the dashboard. Control
    characters and spaces are refused: browsers drop a tab or newline, so ``/\t/evil.example``
    would become ``//evil.example`` (issue 10 item 8)."""
    if (
        not value
        or not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or any(ord(ch) < 0x21 or ord(ch) == 0x7F for ch in value)
    ):
        return "/dashboard"
    return value


def login(request: Request, form) -> Response:
    """Đăng nhập của cán bộ."""
    next_url = _safe_next(request.query_params.get("next"))
    if form is None:
        return respond(request, "login.html", {"next": next_url}, breadcrumbs=[("Đăng nhập", None)])
    data = structure(form, LoginForm)
    next_url = _safe_next(data.next or next_url)
    errors = []
    if not data.username:
        errors.append(("username", "Vui lòng nhập tên đăng nhập."))
    if not data.password:
        errors.append(("password", "Vui lòng nhập mật khẩu."))
    if errors:
        return form_errors(request, "login.html", {"next": next_url, "username": data.username}, errors)
    try:
        account = accounts.authenticate(data.username, data.password, ip=client_ip(request))
    except accounts.LoginError as exc:
        return (
            form_errors(
                request,
                "login.html",
                {"next": next_url, "username": data.username},
                [("password", exc.message)],
                message=exc.message,
            )
            if exc.status == 401
            else _locked(request, next_url, data.username, exc)
        )
    if accounts.totp_required(account, request.app.state.settings, request.app.state.services.access):
        auth.begin(request, account, stage="totp")
        return redirect(request, f"/login/totp?next={quote(next_url)}")
    auth.begin(request, account)
    if account.must_change_password:
        return redirect(request, "/account/password", pipeline.MUST_CHANGE_MESSAGE, data={"username": account.username})
    return redirect(request, next_url, f"Xin chào {account.full_name}.", data={"username": account.username})


def _locked(request, next_url, username, exc) -> Response:
    if is_json(request):
        return json_response(request, {"ok": False, "status": 429, "error": exc.message}, 429)
    html = render_template(
        request, "login.html", {"next": next_url, "username": username, "error_message": exc.message, "errors": {}}
    )
    return HTMLResponse(html, status_code=429)


def login_totp(request: Request, form) -> Response:
    """Xác thực hai lớp (mã TOTP) sau khi nhập đúng mật khẩu."""
    auth.load_actor(request)
    session = context_of(request).session
    next_url = _safe_next(request.query_params.get("next"))
    if session is None or session.stage != "totp":
        return redirect(request, "/login")
    account = session.account
    settings = request.app.state.settings
    pending_secret = None
    if not account.totp_enabled:
        # enrolment: a secret proposed for this session, kept in a signed cookie-free way:
        # derived from the session id so a reload shows the same one.
        raw = request.cookies.get(auth.SESSION_COOKIE, "")
        seed = b"totp:" + raw.encode() + request.app.state.secret_holder.get()
        pending_secret = base64.b32encode(hashlib.sha256(seed).digest()[:20]).decode()
    data = {
        "next": next_url,
        "enrol": pending_secret is not None,
        "secret": pending_secret or "",
        "uri": accounts.totp_uri(account, pending_secret, settings.ward.name) if pending_secret else "",
    }
    if form is None:
        return respond(request, "login_totp.html", data, breadcrumbs=[("Xác thực hai lớp", None)])
    code = structure(form, TotpForm).code
    try:
        ok = accounts.verify_totp(account, code, secret=pending_secret, ip=client_ip(request))
    except accounts.LockedOut as exc:
        auth.end(request)
        return _locked(request, next_url, account.username, exc)
    if not ok:
        return form_errors(request, "login_totp.html", data, [("code", "Mã xác thực không đúng hoặc đã hết hạn.")])
    if pending_secret:
        accounts.set_totp(account.id, pending_secret, actor=Actor(account.person_id, account.full_name))
    auth.upgrade(request)
    if account.must_change_password:
        return redirect(request, "/account/password", pipeline.MUST_CHANGE_MESSAGE)
    return redirect(request, next_url, f"Xin chào {account.full_name}.")


def logout(request: Request, form) -> Response:
    """Đăng xuất (thu hồi phiên)."""
    actor = auth.load_actor(request)
    if actor is not None:
        audit.record("logout", "person", actor.person_id, actor=actor)
    auth.end(request)
    return redirect(request, "/login", "Bạn đã đăng xuất.")


def change_password(request: Request, form) -> Response:
    """Đổi mật khẩu của chính mình (các phiên khác bị thu hồi)."""
    actor = staff_actor(request)
    crumbs = [("Đổi mật khẩu", None)]
    if form is None:
        return respond(request, "password.html", {}, breadcrumbs=crumbs)
    data = structure(form, PasswordForm)
    account = accounts.account_for_person(actor.person_id) if actor.person_id is not None else None
    if account is None:
        raise NotFound("Bạn chưa có tài khoản.")
    errors = []
    if not accounts.password_matches(account.id, data.current_password):
        errors.append(("current_password", "Mật khẩu hiện tại không đúng."))
    if data.password != data.password_confirm:
        errors.append(("password_confirm", "Hai lần nhập mật khẩu mới không khớp."))
    elif data.password and data.password == data.current_password:
        errors.append(("password", "Mật khẩu mới phải khác mật khẩu hiện tại."))
    if not errors:
        try:
            accounts.check_password_strength(data.password, account.username)
        except ValidationError as exc:
            errors += exc.errors
    if errors:
        return form_errors(request, "password.html", {}, errors)
    accounts.set_password(account.id, data.password, actor=actor)
    auth.begin(request, accounts.get_account(account.id))
    return redirect(request, "/dashboard", "Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị đăng xuất.")


def session_status(request: Request, form) -> Response:
    """Phiên làm việc: còn hiệu lực, được gia hạn khi mở trang này (nút "Tiếp tục làm việc")."""
    staff_actor(request)
    idle = request.app.state.settings.web.session_idle_minutes
    return respond(
        request, "session.html", {"active": True, "idle_minutes": idle}, breadcrumbs=[("Phiên làm việc", None)]
    )


# ---------------------------------------------------------------------------
# dashboard
# ---------------------------------------------------------------------------


@attrs.frozen
class WidgetContext:
    """What a widget's ``data(ctx)`` receives."""

    request: Any
    actor: Actor
    services: Any
    today: dt.date


#: lines a deadline list of the dashboard shows, and lines read to fill them (some may be
#: outside the reader's units)
CASE_WIDGET_LINES, CASE_WIDGET_READ = 50, 200


def _case_widget(ctx: WidgetContext) -> dict:
    cases = ctx.services.cases
    access = ctx.services.access
    may_see: dict[int | None, bool] = {}  # per unit: a few units, hundreds of lines

    def visible(lines: list[dict]) -> list[dict]:
        out = []
        for c in lines:
            unit = c.pop("unit_id")
            if unit not in may_see:
                may_see[unit] = access.can(ctx.actor, "core.cases.view", unit)
            if not may_see[unit]:
                continue
            case_type, state = c.pop("case_type"), c.pop("state")
            if not c["confidential"]:
                ct = cases.types.get(case_type)
                c.update(case_type=ct.name if ct else case_type, state=ct.state(state).label if ct else state)
            out.append(c)
            if len(out) == CASE_WIDGET_LINES:
                break
        return out

    return {
        "overdue": visible(cases.deadline_lines(ctx.today, overdue=True, limit=CASE_WIDGET_READ)),
        "due_soon": visible(cases.deadline_lines(ctx.today, overdue=False, working_days=2, limit=CASE_WIDGET_READ)),
    }


CORE_WIDGET = DashboardWidget(
    "core.cases",
    "Hồ sơ sắp đến hạn và quá hạn",
    "_partials/widget_cases.html",
    _case_widget,
    "core.cases.view",
    order=-1000,
)


def _widget_html(request: Request, widget: DashboardWidget, data: dict, today: dt.date) -> Markup:
    """A widget's box rendered alone. Its template sees ``data``, ``today``, ``may`` and
    ``may_read`` only — nothing of the session (no CSRF token, no flash): the HTML is kept
    per data version and the reader's roles like the data."""
    context = {
        "data": data,
        "today": today,
        "may": lambda href: links.allowed(request, href),
        "may_read": lambda document_id: links.may_read_document(request, document_id),
    }
    return Markup(request.app.state.templates.get_template(widget.template).render(context))


def dashboard(request: Request, form) -> Response:
    """Bảng điều khiển của cán bộ.

    Each widget's data, and its box's HTML, are a function of the database, the day and
    who is asking (their roles): they are kept per data version (core/datacache.py), so a
    dashboard opened again while nothing was written costs one look-up of the version
    instead of every widget's queries and templates (issue 16: flat with the ward's
    history)."""
    actor = staff_actor(request)
    svc = services(request)
    ctx = WidgetContext(request, actor, svc, dt.date.today())
    cache: VersionedCache = request.app.state.data_cache
    version = data_version_of(request)
    who = (actor.kind, actor.person_id, actor.roles)
    html = not is_json(request)
    widgets = []
    for w in [CORE_WIDGET, *request.app.state.widgets]:
        if w.permission and not svc.access.can(actor, w.permission, ANYWHERE):
            continue
        key = (w.key, ctx.today, who)
        item: dict[str, Any] = {"key": w.key, "title": w.title, "template": w.template}
        if w.max_age:  # figures too dear for every write: kept a while, refreshed in the background
            background = WidgetContext(None, actor, svc, ctx.today)
            data, as_of = request.app.state.timed_cache.get(("dashboard", *key), partial(w.data, background), w.max_age)
            item["as_of"] = as_of
            html_key: tuple = ("dashboard.html", *key, as_of)
        else:
            data = cache.get(("dashboard", *key), partial(w.data, ctx), version=version)
            html_key = ("dashboard.html", *key)
        item["data"] = data
        if html:
            build = partial(_widget_html, request, w, data, ctx.today)
            item["html"] = cache.get(html_key, build, version=version)
        widgets.append(item)
    return respond(
        request, "dashboard.html", {"widgets": widgets, "today": ctx.today}, breadcrumbs=[("Bảng điều khiển", None)]
    )


# ---------------------------------------------------------------------------
# units, people, households
# ---------------------------------------------------------------------------


def units(request: Request, form) -> Response:
    """Đơn vị và tổ dân phố."""
    rows = people.list_units()
    return respond(request, "units.html", {"units": rows}, breadcrumbs=[("Đơn vị", None)])


def unit_detail(request: Request, form) -> Response:
    """Một đơn vị: đơn vị trực thuộc, cán bộ, hộ gia đình (tổ dân phố)."""
    unit = people.get_unit(path_int(request))
    pager = paginate(request, 50)
    households, pager = (
        pager.cut(people.households_in_group(unit.id, limit=pager.fetch, offset=pager.offset))
        if unit.is_community
        else ([], pager)
    )
    can_people = services(request).access.can(actor_of(request), "core.people.view", unit.id)
    data = {
        "unit": unit,
        "children": people.child_units(unit.id),
        "staff": [
            {"id": p.id, "full_name": p.full_name, "position": p.position} for p in people.staff_in_unit(unit.id)
        ],
        "households": households if can_people else [],
        "page": pager.number,
        "has_next": pager.has_next,
    }
    return respond(
        request, "unit.html", data, breadcrumbs=[("Đơn vị", "/units"), (unit.name, None)], context={"pager": pager}
    )


def people_list(request: Request, form) -> Response:
    """Người dân: tìm theo họ tên (không cần dấu), số định danh hoặc số điện thoại."""
    q = request.query_params.get("q", "").strip()[:100]
    pager = paginate(request, 50)
    groups = scope_units(request, "core.people.view")
    rows = people.search_people_in_groups(q, groups, limit=pager.fetch, offset=pager.offset)
    rows, pager = pager.cut(rows)
    data = {"q": q, "people": [person_view(request, p) for p in rows], "page": pager.number, "has_next": pager.has_next}
    return respond(request, "people.html", data, breadcrumbs=[("Người dân", None)], context={"pager": pager})


def _person_data(request: Request, unmasked: bool) -> tuple[Person, dict]:
    person = people.get_person(path_int(request))
    unit_id = person_unit(person)
    require(request, "core.people.view", unit_id)
    household = people.get_household(person.household_id) if person.household_id else None
    can_unmask = services(request).access.can(actor_of(request), "core.people.view_personal", unit_id)
    return person, {
        "person": person_view(request, person, unmasked),
        "household": household,
        "unmasked": unmasked,
        "can_unmask": can_unmask,
    }


def person_detail(request: Request, form) -> Response:
    """Thông tin một người (các trường cá nhân được che)."""
    person, data = _person_data(request, False)
    return respond(request, "person.html", data, breadcrumbs=[("Người dân", "/people"), (person.full_name, None)])


def person_unmask(request: Request, form) -> Response:
    """Xem đầy đủ thông tin cá nhân, có lý do, ghi nhật ký kiểm toán."""
    person, data = _person_data(request, False)
    if not data["can_unmask"]:
        raise PermissionDenied("Bạn không có quyền xem đầy đủ thông tin cá nhân.")
    crumbs = [("Người dân", "/people"), (person.full_name, f"/people/{person.id}"), ("Xem đầy đủ", None)]
    if form is None:
        return respond(request, "person.html", data, breadcrumbs=crumbs)
    try:
        reason = structure(form, UnmaskForm).reason
        if len(reason) < 5:
            raise ValidationError([("reason", "Lý do quá ngắn (ít nhất 5 ký tự).")])
    except ValidationError as exc:
        return form_errors(
            request, "person.html", {**data, "values": {"reason": str(form.get("reason", ""))}}, exc.errors
        )
    audit.record("person.view_personal", "person", person.id, actor=actor_of(request), reason=reason[:500])
    _, data = _person_data(request, True)
    data["reason"] = reason
    return respond(request, "person.html", data, breadcrumbs=crumbs)


def household_detail(request: Request, form) -> Response:
    """Một hộ gia đình và các thành viên."""
    hh = people.get_household(path_int(request))
    require(request, "core.people.view", hh.group_id)
    members = [person_view(request, p) for p in people.household_members(hh.id)]
    group = people.get_unit(hh.group_id)
    masked_address = services(request).privacy.masked_view("household", {"address": hh.address}, set())["address"]
    data = {
        "household": {
            "id": hh.id,
            "code": hh.code,
            "group_id": hh.group_id,
            "group_name": group.name,
            "address": masked_address,
            "head_id": hh.head_id,
        },
        "members": members,
    }
    return respond(
        request,
        "household.html",
        data,
        breadcrumbs=[("Đơn vị", "/units"), (group.name, f"/units/{group.id}"), (f"Hộ {hh.code}", None)],
    )


# ---------------------------------------------------------------------------
# audit log
# ---------------------------------------------------------------------------


def audit_log(request: Request, form) -> Response:
    """Nhật ký kiểm toán và kiểm tra chuỗi băm."""
    try:
        before = int(request.query_params.get("before", "0")) or None
    except ValueError:
        before = None
    entity = request.query_params.get("entity") or None
    action = request.query_params.get("action") or None
    rows = audit.entries(entity=entity, action=action, limit=101, before_seq=before)
    has_next = len(rows) > 100
    rows = rows[:100]
    chain = None
    if request.query_params.get("verify") == "1":  # reads the whole log: only on request
        result = audit.verify_chain()
        chain = {"ok": result.ok, "checked": result.checked, "problems": list(result.problems[:20])}
    data = {
        "entries": rows,
        "next_before": rows[-1].seq if has_next and rows else None,
        "chain": chain,
        "entity": entity or "",
        "action": action or "",
    }
    return respond(request, "audit.html", data, breadcrumbs=[("Nhật ký kiểm toán", None)])


# ---------------------------------------------------------------------------
# documents register
# ---------------------------------------------------------------------------


def documents(request: Request, form) -> Response:
    """Sổ văn bản đi."""
    pager = paginate(request, 50)
    try:
        year = int(request.query_params.get("year", "")) if request.query_params.get("year") else None
    except ValueError:
        year = None
    rows = services(request).documents.register(year=year, limit=pager.fetch, offset=pager.offset)
    rows, pager = pager.cut(rows)
    docs = []
    for d in rows:
        visible = _document_content_visible(request, d)
        docs.append(
            {
                "id": d.id,
                "number_symbol": d.number_symbol,
                "doc_type": d.doc_type,
                "subject": d.subject if visible else "Văn bản thuộc hồ sơ bảo mật",
                "issued_on": d.issued_on,
                "signer_name": d.signer_name,
                "unit_id": d.unit_id,
                "confidential": not visible,
            }
        )
    return respond(
        request,
        "documents.html",
        {"documents": docs, "year": year, "page": pager.number, "has_next": pager.has_next},
        breadcrumbs=[("Sổ văn bản", None)],
        context={"pager": pager},
    )


def _document_content_visible(request: Request, doc) -> bool:
    """The register shows a document's subject only to those who may read it; others
    see its number (a denunciation's documents, R-TC-10; a letter to a family)."""
    return services(request).documents.can_read(actor_of(request), doc)


def _document(request: Request):
    """A document read in full: refused outside its scope, and the read is audit-logged
    (it carries residents' names, ID numbers and addresses)."""
    doc = services(request).documents.get(path_int(request))
    actor = actor_of(request)
    if not services(request).documents.can_read(actor, doc):
        audit.record("document.view_refused", "document", doc.id, actor=actor, reason="ngoài phạm vi được giao")
        raise PermissionDenied(
            "Bạn không có quyền xem văn bản này: văn bản thuộc hồ sơ hoặc đơn vị không do bạn phụ trách."
        )
    audit.record("document.view", "document", doc.id, actor=actor)
    return doc


def document_detail(request: Request, form) -> Response:
    """Văn bản: bản in A4 (HTML) và dữ liệu (JSON)."""
    doc = _document(request)
    if is_json(request):
        return json_response(
            request,
            {"ok": True, "document": doc, "number_symbol": doc.number_symbol, "docx": f"/documents/{doc.id}.docx"},
        )
    # the print view is a standalone page with its own print CSS (no scripts)
    return print_page(services(request).documents.render_html(doc), alternate=f"/documents/{doc.id}.json")


def document_docx(request: Request, form) -> Response:
    """Văn bản dạng Word (.docx)."""
    doc = _document(request)
    data = services(request).documents.render_docx(doc)
    name = f"{doc.number_symbol.replace('/', '-')}.docx"
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
    )


# ---------------------------------------------------------------------------
# routes
# ---------------------------------------------------------------------------


def core_routes() -> list:
    return [
        *page("/", home, permission=PUBLIC, public_cache=300),
        *page("/-/health", health, permission=PUBLIC, public_cache=0),
        *page("/-/plugins", plugins_page, permission=PUBLIC),
        *page("/login", login, permission=PUBLIC, methods=("GET", "POST"), body=LoginForm, rate_limit=(30, 60)),
        *page(
            "/login/totp", login_totp, permission=PUBLIC, methods=("GET", "POST"), body=TotpForm, rate_limit=(30, 60)
        ),
        *page("/logout", logout, permission=PUBLIC, methods=("POST",), rate_limit=(60, 60)),
        *page("/-/session", session_status, permission=STAFF),
        *page("/account/password", change_password, permission=STAFF, methods=("GET", "POST"), body=PasswordForm),
        # every staff member has a dashboard, whatever their role (a plan module's role included)
        *page("/dashboard", dashboard, permission=STAFF),
        *page("/units", units, permission="core.units.view"),
        *page("/units/{id:int}", unit_detail, permission="core.units.view"),
        *page("/people", people_list, permission="core.people.view"),
        *page("/people/{id:int}", person_detail, permission="core.people.view"),
        *page(
            "/people/{id:int}/unmask",
            person_unmask,
            permission="core.people.view_personal",
            methods=("GET", "POST"),
            body=UnmaskForm,
        ),
        *page("/households/{id:int}", household_detail, permission="core.people.view"),
        *page("/audit", audit_log, permission="core.audit.view"),
        *page("/documents", documents, permission="core.documents.view"),
        *page("/documents/{id:int}.docx", document_docx, permission="core.documents.view", json_twin=False),
        *page("/documents/{id:int}", document_detail, permission="core.documents.view"),
        *admin.routes(),
    ]
