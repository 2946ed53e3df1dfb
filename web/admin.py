"""Staff account administration (quản lý tài khoản cán bộ): ``/admin/users``."""

from __future__ import annotations

import datetime as dt

import attrs
from starlette.requests import Request
from starlette.responses import Response

from thanthien.core import accounts, audit, people
from thanthien.core.errors import PermissionDenied, ValidationError
from thanthien.core.storage.db import write_transaction

from .forms import structure
from .render import form_errors, redirect, respond
from .request import staff_actor
from .routing import page

PERM = "core.users.manage"


@attrs.frozen
class AccountCreateForm:
    """A new account, for a staff member already on record (``person_id``) or for a new
    staff profile created with it (``full_name``, ``position``, ``unit_id``)."""

    person_id: int | None = attrs.field(default=None, metadata={"label": "Cán bộ", "error": "Vui lòng chọn cán bộ."})
    full_name: str = attrs.field(default="", metadata={"label": "Họ và tên cán bộ mới"})
    position: str = attrs.field(default="", metadata={"label": "Chức vụ"})
    unit_id: int | None = attrs.field(
        default=None, metadata={"label": "Đơn vị công tác", "error": "Đơn vị không hợp lệ."}
    )
    role: str = attrs.field(default="", metadata={"label": "Vai trò"})
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


def _roles(request: Request) -> list[dict]:
    return [{"key": r.key, "label": r.label} for r in request.app.state.services.access.roles.values()]


def _list_data(request: Request) -> dict:
    accts = accounts.list_accounts()
    with_account = {a.person_id for a in accts}
    staff = [p for p in people.list_staff() if p.id not in with_account]
    return {
        "accounts": accts,
        "staff_without_account": [{"id": p.id, "full_name": p.full_name, "position": p.position} for p in staff],
        "roles": _roles(request),
        "units": [{"id": u.id, "name": u.name} for u in people.list_units()],
    }


def _create(request: Request, data: AccountCreateForm) -> accounts.Account:
    """The account (and, without ``person_id``, the staff profile and its first role) in one
    transaction: a refused password leaves no profile behind."""
    actor = staff_actor(request)
    errors = []
    if data.person_id is None and not data.full_name:
        errors.append(("person_id", "Vui lòng chọn cán bộ. Nếu là cán bộ mới, hãy nhập họ và tên để tạo hồ sơ."))
    if data.person_id is not None and data.full_name:
        errors.append(("full_name", "Chọn một cán bộ có sẵn hoặc nhập cán bộ mới, không cả hai."))
    if data.role and data.role not in request.app.state.services.access.roles:
        errors.append(("role", "Vai trò không hợp lệ."))
    units = {u.id for u in people.list_units()}
    if data.unit_id is not None and data.unit_id not in units:
        errors.append(("unit_id", "Đơn vị không hợp lệ."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        person_id = data.person_id
        if person_id is None:
            person = people.create_person(
                data.full_name, is_staff=True, position=data.position, unit_id=data.unit_id, actor=actor
            )
            person_id = person.id
        account = accounts.create_account(person_id, data.username, data.password, actor=actor, must_change=True)
        if data.role:
            # the same four-eyes path as the role form: a privileged role is only requested
            try:
                accounts.request_role(
                    request.app.state.services.access, person_id, data.role, data.unit_id, actor=actor
                )
            except PermissionDenied as exc:
                raise ValidationError([("role", exc.message)]) from exc
    return account


def users(request: Request, form) -> Response:
    """Tài khoản cán bộ: danh sách, tạo hồ sơ cán bộ và tài khoản."""
    crumbs = [("Tài khoản cán bộ", None)]
    if form is None:
        return respond(request, "admin/users.html", _list_data(request), breadcrumbs=crumbs)
    try:
        account = _create(request, structure(form, AccountCreateForm))
    except ValidationError as exc:
        values = {k: v for k, v in form.items() if k != "password"}
        return form_errors(request, "admin/users.html", {**_list_data(request), "values": values}, exc.errors)
    return redirect(
        request,
        f"/admin/users/{account.id}",
        f"Đã tạo tài khoản {account.username}. Lần đăng nhập đầu, cán bộ phải đổi mật khẩu.",
        data={"account": account},
    )


def _detail_data(request: Request, account_id: int) -> dict:
    account = accounts.get_account(account_id)
    access = request.app.state.services.access
    unit_names = {u.id: u.name for u in people.list_units()}
    grants = [
        {
            "role": g.role,
            "role_label": access.roles[g.role].label if g.role in access.roles else g.role,
            "unit_id": g.unit_id,
            "unit_name": unit_names.get(g.unit_id, "Toàn phường") if g.unit_id else "Toàn phường",
        }
        for g in people.roles_of(account.person_id)
    ]
    logins = [
        {"at": e.at, "ip": (e.after or {}).get("ip", "")}
        for e in audit.entries(entity="account", entity_id=account.id, action="login", limit=10)
    ]
    return {
        "account": account,
        "grants": grants,
        "roles": _roles(request),
        "units": [{"id": uid, "name": name} for uid, name in unit_names.items()],
        "logins": logins,
        "must_change_password": account.must_change_password,
    }


def user_detail(request: Request, form) -> Response:
    """Một tài khoản: vai trò theo đơn vị, khóa/mở, đặt lại mật khẩu."""
    account_id = int(request.path_params["id"])
    data = _detail_data(request, account_id)
    return respond(
        request,
        "admin/user.html",
        data,
        breadcrumbs=[("Tài khoản cán bộ", "/admin/users"), (data["account"].username, None)],
    )


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
            pending = accounts.request_role(access, account.person_id, g.role, g.unit_id, actor=staff_actor(request))
        except PermissionDenied as exc:
            return form_errors(request, "admin/user.html", data, [("role", exc.message)])
        msg = (
            "Đã gửi đề nghị cấp vai trò; vai trò này cần người thứ hai (Chủ tịch hoặc quản trị viên khác) "
            "phê duyệt tại trang Đề nghị cấp vai trò."
            if pending
            else "Đã cấp vai trò."
        )
    else:
        people.revoke_role(account.person_id, g.role, g.unit_id, actor=staff_actor(request))
        msg = "Đã thu hồi vai trò."
    return redirect(request, f"/admin/users/{account.id}", msg)


def user_password(request: Request, form) -> Response:
    """Đặt lại mật khẩu (mọi phiên của tài khoản bị thu hồi)."""
    account_id = int(request.path_params["id"])
    try:
        pw = structure(form, ResetPasswordForm).password
        with write_transaction():
            account = accounts.set_password(account_id, pw, actor=staff_actor(request))
    except ValidationError as exc:
        return form_errors(request, "admin/user.html", _detail_data(request, account_id), exc.errors)
    return redirect(
        request,
        f"/admin/users/{account.id}",
        "Đã đặt lại mật khẩu; các phiên cũ đã bị đăng xuất. Lần đăng nhập tới, cán bộ phải đổi mật khẩu.",
    )


def user_disable(request: Request, form) -> Response:
    """Khóa hoặc mở khóa tài khoản (khóa thì thu hồi mọi phiên)."""
    account_id = int(request.path_params["id"])
    try:
        disabled = structure(form, DisableForm).disabled
    except ValidationError as exc:
        return form_errors(request, "admin/user.html", _detail_data(request, account_id), exc.errors)
    if staff_actor(request).person_id == accounts.get_account(account_id).person_id and disabled:
        raise ValidationError([("disabled", "Không thể tự khóa tài khoản của chính mình.")])
    account = accounts.set_disabled(account_id, disabled, actor=staff_actor(request))
    return redirect(
        request, f"/admin/users/{account.id}", "Đã khóa tài khoản." if disabled else "Đã mở khóa tài khoản."
    )


@attrs.frozen
class DecisionForm:
    request_id: str = attrs.field(metadata={"label": "Đề nghị", "required": "Thiếu đề nghị."})
    decision: str = attrs.field(default="approve", metadata={"label": "Quyết định"})  # approve | refuse
    reason: str = attrs.field(default="", metadata={"label": "Lý do"})


def _requests_data(request: Request) -> dict:
    access = request.app.state.services.access
    names = {p.id: p.full_name for p in people.list_staff()}
    units = {u.id: u.name for u in people.list_units()}
    items = [
        {
            **item,
            "person_name": names.get(item["person_id"], ""),
            "at": dt.datetime.fromisoformat(item["at"]),
            "role_label": access.roles[item["role"]].label if item["role"] in access.roles else item["role"],
            "unit_name": units.get(item["unit_id"], "Toàn phường") if item["unit_id"] else "Toàn phường",
        }
        for item in accounts.role_requests()
    ]
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
        item = accounts.decide_role_request(
            request.app.state.services.access,
            d.request_id,
            d.decision == "approve",
            actor=staff_actor(request),
            reason=d.reason,
        )
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
        *page(
            "/admin/users/{id:int}/roles",
            user_roles,
            permission=PERM,
            methods=("POST",),
            body=GrantForm,
            error_page=user_detail,
        ),
        *page(
            "/admin/users/{id:int}/password",
            user_password,
            permission=PERM,
            methods=("POST",),
            body=ResetPasswordForm,
            error_page=user_detail,
        ),
        *page(
            "/admin/users/{id:int}/disable",
            user_disable,
            permission=PERM,
            methods=("POST",),
            body=DisableForm,
            error_page=user_detail,
        ),
        *page(
            "/admin/role-requests",
            role_requests,
            permission=accounts.P_APPROVE_GRANT,
            methods=("GET", "POST"),
            body=DecisionForm,
        ),
    ]
