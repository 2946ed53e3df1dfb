"""Plan module ``thanhtra`` (phân hệ Ban Thanh tra nhân dân — People's Inspection Board),
plan section III.2.3a; rules R-TTND-01..14, R-BQ-33, R-PA-09.

Hook implementations only; the work is in :mod:`.services`.
"""
from __future__ import annotations

from pathlib import Path

from thanthien.core import hookimpl
from thanthien.core.types import DashboardWidget, NavItem, Permission, Role

HERE = Path(__file__).resolve().parent
PLUGIN = "thanhtra"

BOARD_ROLES = ("board_member", "front_officer")
VIEWERS = ("chairperson", "vice_chairperson", "department_officer", "board_member", "front_officer", "admin")
LEADERS = ("chairperson", "vice_chairperson")


@hookimpl
def register_roles(settings):
    return [Role("front_officer", "Cán bộ Ủy ban Mặt trận Tổ quốc phường", PLUGIN)]


@hookimpl
def register_permissions(settings):
    return [
        Permission("thanhtra.view", "Xem hoạt động của Ban Thanh tra nhân dân", VIEWERS, PLUGIN),
        Permission("thanhtra.board", "Ghi nhận bầu, bãi nhiệm, chức danh thành viên Ban TTND", BOARD_ROLES, PLUGIN),
        Permission("thanhtra.recognise", "Công nhận thành viên Ban TTND (Ủy ban MTTQ)", ("front_officer",), PLUGIN),
        Permission("thanhtra.work", "Lập kế hoạch, kiểm tra, tiếp nhận phản ánh, kiến nghị, báo cáo của Ban TTND",
                   ("board_member",), PLUGIN),
        Permission("thanhtra.answer", "Trả lời kiến nghị của Ban TTND (UBND)", LEADERS, PLUGIN),
    ]


@hookimpl
def register_case_types(settings):
    from .casetypes import build_case_types

    return build_case_types(settings)


@hookimpl
def register_models(settings):
    from .models import MODELS

    return MODELS


@hookimpl
def register_migrations(settings):
    from thanthien.core.storage.migrate import MigrationSet

    return MigrationSet(PLUGIN, HERE / "migrations")



@hookimpl
def register_personal_fields(settings):
    from thanthien.core.privacy import PersonalField

    # Board members' names are public (they are the board's officers); petitioners' are not.
    return [PersonalField("thanhtra_petition", "sender_name", "basic", "Họ và tên người phản ánh"),
            PersonalField("thanhtra_petition", "sender_address", "basic", "Địa chỉ người phản ánh"),
            PersonalField("thanhtra_petition", "sender_phone", "basic", "Số điện thoại người phản ánh")]


@hookimpl
def register_template_dirs(settings):
    return [HERE / "templates"]


@hookimpl
def register_nav_items(settings):
    return [
        NavItem("Ban Thanh tra nhân dân", "/thanhtra/", None, order=40, staff=False),
        NavItem("Ban Thanh tra nhân dân", "/thanhtra/ban", "thanhtra.view", order=40),
    ]


@hookimpl
def register_dashboard_widgets(settings):
    from .views import recommendations_widget

    return [DashboardWidget("thanhtra.recommendations", "Kiến nghị của Ban Thanh tra nhân dân chờ UBND trả lời",
                            "thanhtra/_widget.html", recommendations_widget, "thanhtra.answer", order=40)]


@hookimpl
def register_indicators(settings):
    from .indicators import build_indicators

    return build_indicators(settings)


@hookimpl
def case_closed(case, event):
    """R-TTND-12: the UBND shares complaint-resolution results with the board."""
    from .services import share_complaint_result

    share_complaint_result(case)


@hookimpl
def register_demo_data(demo):
    from .demo import add_demo_data

    add_demo_data(demo)


@hookimpl
def register_routes(settings):
    from .views import routes

    return routes(settings)
