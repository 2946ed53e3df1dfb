"""Plan module ``tiepdan`` (phân hệ tiếp công dân, giải quyết khiếu nại, tố cáo, phản ánh,
kiến nghị) — plan sections III.1.3 and III.1.7; rules R-TD, R-KN, R-TC, R-PA, R-DT, R-DL.

Hook implementations only; the work is in :mod:`.services`.
"""
from __future__ import annotations

from pathlib import Path

from thanthien.core import hookimpl
from thanthien.core.types import NavItem, NoticeCategory, Permission, Role

HERE = Path(__file__).resolve().parent
PLUGIN = "tiepdan"

STAFF_ROLES = ("chairperson", "vice_chairperson", "one_stop_officer", "department_officer", "reception_officer")
LEADERS = ("chairperson", "vice_chairperson")


@hookimpl
def register_roles(settings):
    return [Role("reception_officer", "Công chức tiếp công dân, xử lý đơn thư", PLUGIN)]


@hookimpl
def register_permissions(settings):
    return [
        Permission("tiepdan.view", "Xem sổ tiếp công dân và danh sách đơn thư", STAFF_ROLES, PLUGIN),
        Permission("tiepdan.receive", "Tiếp công dân, vào sổ, nhận đơn thư",
                   ("reception_officer", "one_stop_officer", *LEADERS), PLUGIN),
        Permission("tiepdan.handle", "Xử lý đơn thư được giao", ("reception_officer", "department_officer", *LEADERS),
                   PLUGIN),
        Permission("tiepdan.decide", "Thụ lý, gia hạn, kết luận, ban hành quyết định", LEADERS, PLUGIN),
        Permission("tiepdan.schedule", "Lập và công khai lịch tiếp công dân", ("reception_officer", *LEADERS), PLUGIN),
        Permission("tiepdan.dialogue", "Tổ chức hội nghị đối thoại", ("reception_officer", *LEADERS), PLUGIN),
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
def register_notice_categories(settings):
    from .services import NOTICE_CATEGORY

    return [NoticeCategory(NOTICE_CATEGORY, "Lịch tiếp công dân", None, PLUGIN)]


@hookimpl
def register_personal_fields(settings):
    from thanthien.core.privacy import PersonalField

    basic = [("full_name", "Họ và tên"), ("address", "Địa chỉ"), ("phone", "Số điện thoại"),
             ("email", "Thư điện tử"), ("citizen_id", "Số định danh cá nhân")]
    fields = [PersonalField("tiepdan_party", f, "basic", label, "R-DL-09") for f, label in basic]
    fields.append(PersonalField("tiepdan_party", "handwriting", "sensitive", "Bút tích", "R-DL-10"))
    # R-TC-09: everything that reveals a denouncer, handwriting included, is confidential.
    fields += [PersonalField("tiepdan_denouncer", f, "confidential", label, "R-TC-09")
               for f, label in basic + [("handwriting", "Bút tích")]]
    return fields


@hookimpl
def register_template_dirs(settings):
    return [HERE / "templates"]


@hookimpl
def register_nav_items(settings):
    return [
        NavItem("Lịch tiếp công dân", "/tiepdan/lich-tiep-dan", None, order=30, staff=False),
        NavItem("Gửi phản ánh, kiến nghị", "/tiepdan/phan-anh", None, order=31, staff=False),
        NavItem("Tra cứu đơn", "/tiepdan/tra-cuu", None, order=32, staff=False),
        NavItem("Tiếp công dân", "/tiepdan/so-tiep-dan", "tiepdan.view", order=30),
        NavItem("Đơn thư", "/tiepdan/don-thu", "tiepdan.view", order=31),
    ]


@hookimpl
def register_indicators(settings):
    from .indicators import build_indicators

    return build_indicators(settings)


@hookimpl
def register_cli_commands(settings):
    from .cli import cli_command

    return [cli_command()]


@hookimpl
def register_demo_data(demo):
    from .demo import add_demo_data

    add_demo_data(demo)


@hookimpl
def register_routes(settings):
    from .views import routes

    return routes(settings)
