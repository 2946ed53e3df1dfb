"""Staff account administration (quản lý tài khoản cán bộ): ``/admin/users``."""
from __future__ import annotations

import datetime as dt

import attrs
from starlette.requests import Request
from starlette.responses import Response

from thanthien.core import accounts, people
from thanthien.core.errors import PermissionDenied, ValidationError

from .forms import structure
from .render import form_errors, redirect, respond
from .request import actor_of, staff_actor
from .routing import page

PERM = "core.users.manage"


@attrs.frozen
class AccountCreateForm:
    person_id: int = attrs.field(metadata={"label": "Cán bộ", "error": "Vui lòng chọn cán bộ.",
                                           "required": "Vui lòng chọn cán bộ."})
    username: str = attrs.field(default="", metadata={"label": "Tên đăng nhập"})
    password: str = attrs.field(default="", metadata={"label": "Mật khẩu"})


@attrs.frozen
class GrantForm:
    role: str = attrs.field(metadata={"label": "Vai trò", "required": "Vui lòng chọn vai trò."})
    unit_id: int | None = attrs.field(default=None, metadata={"label": "Đơn vị", "error": "Đơn vị không hợp lệ."})
    action: str = "grant"  # grant | revoke


@attrs.frozen
class ResetPasswordForm:
    password: str = attrs.field(default="", metadata={"label": "Mật khẩu mới"})


@attrs.frozen
class DisableForm:
    disabled: bool = attrs.field(default=True, metadata={"label": "Khóa tài khoản"})


def _actor(request: Request):
    return actor_of(request)


def _list_data(request: Request) -> dict:
    accts = accounts.list_accounts()
    with_account = {a.person_id for a in accts}
    staff = [p for p in people.list_staff() if p.id not in with_account]
    return {"accounts": accts,
            "staff_without_account": [{"id": p.id, "full_name": p.full_name, "position": p.position} for p in staff]}


def users(request: Request, form) -> Response:
    """Tài khoản cán bộ: danh sách và tạo tài khoản."""
    crumbs = [("Tài khoản cán bộ", None)]
    if form is None:
        return respond(request, "admin/users.html", _list_data(request), breadcrumbs=crumbs)
    try:
        data = structure(form, AccountCreateForm)
        account = accounts.create_account(data.person_id, data.username, data.password, actor=_actor(request))
    except ValidationError as exc:
        values = {k: v for k, v in form.items() if k != "password"}
        return form_errors(request, "admin/users.html", {**_list_data(request), "values": values}, exc.errors)
    return redirect(request, f"/admin/users/{account.id}", f"Đã tạo tài khoản {account.username}.",
                    data={"account": account})


def _detail_data(request: Request, account_id: int) -> dict:
    account = accounts.get_account(account_id)
    access = request.app.state.services.access
    unit_names = {u.id: u.name for u in people.list_units()}
    grants = [{"role": g.role, "role_label": access.roles[g.role].label if g.role in access.roles else g.role,
               "unit_id": g.unit_id,
               "unit_name": unit_names.get(g.unit_id, "Toàn phường") if g.unit_id else "Toàn phường"}
              for g in people.roles_of(account.person_id)]
    return {"account": account, "grants": grants,
            "roles": [{"key": r.key, "label": r.label} for r in access.roles.values()],
            "units": [{"id": uid, "name": name} for uid, name in unit_names.items()]}


def user_detail(request: Request, form) -> Response:
    """Một tài khoản: vai trò theo đơn vị, khóa/mở, đặt lại mật khẩu."""
    account_id = int(request.path_params["id"])
    data = _detail_data(request, account_id)
    return respond(request, "admin/user.html", data,
                   breadcrumbs=[("Tài khoản cán bộ", "/admin/users"), (data["account"].username, None)])


def user_roles(request: Request, form) -> Response:
    """Cấp hoặc thu hồi một vai trò trong một đơn vị."""
    account_id = int(request.path_params["id"])
    data = _detail_data(request, account_id)
    account = data["account"]
    try:
        g = structure(form, GrantForm)
        errors = []
        if g.role not in request.app.state.services.access.roles:
            errors.append(("role", "Vai trò không hợp lệ."))
        if g.unit_id is not None and g.unit_id not in {u["id"] for u in data["units"]}:
            errors.append(("unit_id", "Đơn vị không hợp lệ."))
        if g.action not in ("grant", "revoke"):
            errors.append(("action", "Thao tác không hợp lệ."))
        if errors:
            raise ValidationError(errors)
    except ValidationError as exc:
        return form_errors(request, "admin/user.html", data, exc.errors)
    if g.action == "grant":
        access = request.app.state.services.access
        try:
            pending = accounts.request_role(access, account.person_id, g.role, g.unit_id, actor=_actor(request))
        except PermissionDenied as exc:
            return form_errors(request, "admin/user.html", data, [("role", exc.message)])
        msg = ("Đã gửi đề nghị cấp vai trò; vai trò này cần người thứ hai (Chủ tịch hoặc quản trị viên khác) "
               "phê duyệt tại trang Đề nghị cấp vai trò." if pending else "Đã cấp vai trò.")
    else:
        people.revoke_role(account.person_id, g.role, g.unit_id, actor=_actor(request))
        msg = "Đã thu hồi vai trò."
    return redirect(request, f"/admin/users/{account.id}", msg)


def user_password(request: Request, form) -> Response:
    """Đặt lại mật khẩu (mọi phiên của tài khoản bị thu hồi)."""
    account_id = int(request.path_params["id"])
    try:
        pw = structure(form, ResetPasswordForm).password
        account = accounts.set_password(account_id, pw, actor=_actor(request))
    except ValidationError as exc:
        return form_errors(request, "admin/user.html", _detail_data(request, account_id), exc.errors)
    return redirect(request, f"/admin/users/{account.id}", "Đã đặt lại mật khẩu; các phiên cũ đã bị đăng xuất.")


def user_disable(request: Request, form) -> Response:
    """Khóa hoặc mở khóa tài khoản (khóa thì thu hồi mọi phiên)."""
    account_id = int(request.path_params["id"])
    try:
        disabled = structure(form, DisableForm).disabled
    except ValidationError as exc:
        return form_errors(request, "admin/user.html", _detail_data(request, account_id), exc.errors)
    if staff_actor(request).person_id == accounts.get_account(account_id).person_id and disabled:
        raise ValidationError([("disabled", "Không thể tự khóa tài khoản của chính mình.")])
    account = accounts.set_disabled(account_id, disabled, actor=_actor(request))
    return redirect(request, f"/admin/users/{account.id}",
                    "Đã khóa tài khoản." if disabled else "Đã mở khóa tài khoản.")


@attrs.frozen
class DecisionForm:
    request_id: str = attrs.field(metadata={"label": "Đề nghị", "required": "Thiếu đề nghị."})
    decision: str = attrs.field(default="approve", metadata={"label": "Quyết định"})  # approve | refuse
    reason: str = attrs.field(default="", metadata={"label": "Lý do"})


def _requests_data(request: Request) -> dict:
    access = request.app.state.services.access
    names = {p.id: p.full_name for p in people.list_staff()}
    units = {u.id: u.name for u in people.list_units()}
    items = [{**item, "person_name": names.get(item["person_id"], ""), "at": dt.datetime.fromisoformat(item["at"]),
              "role_label": access.roles[item["role"]].label if item["role"] in access.roles else item["role"],
              "unit_name": units.get(item["unit_id"], "Toàn phường") if item["unit_id"] else "Toàn phường"}
             for item in accounts.role_requests()]
    return {"requests": items}


def role_requests(request: Request, form) -> Response:
    """Đề nghị cấp vai trò đặc biệt chờ người thứ hai phê duyệt (issue 10 item 2)."""
    crumbs = [("Đề nghị cấp vai trò", None)]
    if form is None:
        return respond(request, "admin/role_requests.html", _requests_data(request), breadcrumbs=crumbs)
    try:
        d = structure(form, DecisionForm)
        if d.decision not in ("approve", "refuse"):
            raise ValidationError([("decision", "Quyết định không hợp lệ.")])
        item = accounts.decide_role_request(request.app.state.services.access, d.request_id, d.decision == "approve",
                                            actor=staff_actor(request), reason=d.reason)
    except (ValidationError, PermissionDenied) as exc:
        errors = exc.errors if isinstance(exc, ValidationError) else [("request_id", exc.message)]
        status = 422 if isinstance(exc, ValidationError) else 403
        response = form_errors(request, "admin/role_requests.html", _requests_data(request), errors)
        response.status_code = status
        return response
    msg = "Đã phê duyệt và cấp vai trò." if d.decision == "approve" else "Đã từ chối đề nghị cấp vai trò."
    return redirect(request, "/admin/role-requests", msg, data={"request": item})


def routes() -> list:
    return [
        *page("/admin/users", users, permission=PERM, methods=("GET", "POST"), body=AccountCreateForm),
        *page("/admin/users/{id:int}", user_detail, permission=PERM),
        *page("/admin/users/{id:int}/roles", user_roles, permission=PERM, methods=("POST",), body=GrantForm),
        *page("/admin/users/{id:int}/password", user_password, permission=PERM, methods=("POST",),
              body=ResetPasswordForm),
        *page("/admin/users/{id:int}/disable", user_disable, permission=PERM, methods=("POST",), body=DisableForm),
        *page("/admin/role-requests", role_requests, permission=accounts.P_APPROVE_GRANT, methods=("GET", "POST"),
              body=DecisionForm),
    ]
