"""A test-only plugin with web routes: a public form, a staff page, a permission page
scoped by unit, and text fields that the XSS test fills with markup."""
from __future__ import annotations

import attrs

from thanthien.core import hookimpl
from thanthien.core.types import NavItem, Permission

NOTES: list[dict] = []


@attrs.frozen
class NoteForm:
    title: str = attrs.field(metadata={"label": "Tiêu đề", "required": "Vui lòng nhập tiêu đề."})
    count: int = attrs.field(default=1, metadata={"label": "Số lượng", "error": "Số lượng phải là số nguyên."})


def notes(request, form):
    """Ghi chú công khai (mẫu)."""
    from thanthien.core.errors import ValidationError
    from thanthien.web.forms import structure
    from thanthien.web.render import form_errors, redirect, respond

    if form is None:
        return respond(request, "websample/notes.html", {"notes": NOTES})
    try:
        note = structure(form, NoteForm)
    except ValidationError as exc:
        return form_errors(request, "websample/notes.html", {"notes": NOTES, "values": form}, exc.errors)
    NOTES.append({"title": note.title, "count": note.count})
    return redirect(request, "/websample/notes", f"Đã lưu ghi chú {note.title}.")


def staff_page(request, form):
    """Trang của cán bộ (mẫu)."""
    from thanthien.web.render import respond

    return respond(request, "websample/notes.html", {"notes": NOTES})


def scoped(request, form):
    """Trang theo đơn vị (mẫu)."""
    from thanthien.core.errors import PermissionDenied
    from thanthien.web.render import respond

    unit_id = int(request.path_params["unit_id"])
    if not request.app.state.services.access.can(request.state.actor, "websample.view", unit_id):
        raise PermissionDenied("Bạn không có quyền xem đơn vị này.")
    return respond(request, "websample/notes.html", {"notes": NOTES, "unit_id": unit_id})


def boom(request, form):
    """Lỗi bất ngờ (mẫu)."""
    raise RuntimeError("secret internal detail")


def conflict(request, form):
    """Thao tác không hợp lệ (mẫu)."""
    from thanthien.core.errors import IllegalTransition

    raise IllegalTransition("Không thể 'Trả kết quả' khi hồ sơ đang chờ bổ sung.")


@hookimpl
def register_permissions(settings):
    return [Permission("websample.view", "Xem trang mẫu", ("group_head", "chairperson"))]


@hookimpl
def register_routes(settings):
    from thanthien.web.routing import PUBLIC, STAFF, page

    return [
        *page("/notes", notes, permission=PUBLIC, methods=("GET", "POST"), body=NoteForm),
        *page("/staff", staff_page, permission=STAFF),
        *page("/units/{unit_id:int}", scoped, permission="websample.view"),
        *page("/boom", boom, permission=PUBLIC),
        *page("/conflict", conflict, permission=PUBLIC),
    ]


@hookimpl
def register_nav_items(settings):
    return [NavItem("Ghi chú mẫu", "/websample/notes", None, order=50, staff=False),
            NavItem("Trang mẫu", "/websample/staff", "websample.view", order=51)]


@hookimpl
def register_template_dirs(settings):
    from pathlib import Path

    return [Path(__file__).parent / "templates"]
