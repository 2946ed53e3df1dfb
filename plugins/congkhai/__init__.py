"""congkhai — disclosure (công khai, minh bạch), plan sections III.1.1, III.2.1, III.3, IV.2.

Notices in the Art. 11 categories (core's), where and how long each must go (R-CK-*),
the dissemination ledger, the compliance check and the quarterly register, public
feeds, propaganda and training, and information requests (R-TT-*). Hook
implementations only; the work is in ``services``.
"""
from __future__ import annotations

from pathlib import Path

from thanthien.core import hookimpl
from thanthien.core.types import NavItem, Permission

HERE = Path(__file__).resolve().parent
LEADERS = ("chairperson", "vice_chairperson")


@hookimpl
def register_models(settings):
    from .models import MODELS

    return MODELS


@hookimpl
def register_migrations(settings):
    from thanthien.core.storage.migrate import MigrationSet

    return MigrationSet("congkhai", HERE / "migrations")



@hookimpl
def register_template_dirs(settings):
    return [HERE / "templates"]


@hookimpl
def register_case_types(settings):
    from .cases import CASE_TYPES

    return CASE_TYPES


@hookimpl
def register_permissions(settings):
    return [
        Permission("congkhai.notices.manage", "Soạn, công khai, thu hồi thông báo", (*LEADERS, "department_officer"),
                   "congkhai"),
        Permission("congkhai.ledger.record_ward", "Ghi nhận niêm yết tại trụ sở, trang thông tin, loa truyền thanh",
                   (*LEADERS, "department_officer"), "congkhai"),
        Permission("congkhai.ledger.record", "Ghi nhận niêm yết tại tổ dân phố (tổ trưởng: tổ của mình)",
                   (*LEADERS, "department_officer", "group_head"), "congkhai"),
        Permission("congkhai.compliance.view", "Xem kiểm tra việc công khai, danh mục hằng quý",
                   (*LEADERS, "department_officer"), "congkhai"),
        Permission("congkhai.propaganda.manage", "Ghi nhận hội nghị tuyên truyền, tập huấn, tin bài",
                   (*LEADERS, "department_officer"), "congkhai"),
        Permission("congkhai.requests.handle", "Giải quyết yêu cầu cung cấp thông tin",
                   (*LEADERS, "department_officer", "one_stop_officer"), "congkhai"),
        Permission("congkhai.requests.view_personal", "Xem thông tin cá nhân người yêu cầu cung cấp thông tin",
                   (*LEADERS, "department_officer", "one_stop_officer"), "congkhai"),
    ]


@hookimpl
def register_personal_fields(settings):
    from thanthien.core.privacy import PersonalField

    e = "congkhai_info_request"
    return [
        PersonalField(e, "requester_name", "basic", "Họ và tên người yêu cầu"),
        PersonalField(e, "requester_id_no", "basic", "Số định danh / CCCD / hộ chiếu"),
        PersonalField(e, "requester_address", "basic", "Nơi cư trú"),
        PersonalField(e, "requester_contact", "basic", "Số điện thoại, thư điện tử"),
        PersonalField("congkhai_posting", "recorded_name", "basic", "Người ghi nhận niêm yết"),
    ]


@hookimpl
def register_nav_items(settings):
    return [
        NavItem("Thông tin công khai", "/congkhai/", None, order=10, staff=False),
        NavItem("Thông báo công khai", "/congkhai/staff/notices", "congkhai.ledger.record", order=19),
        NavItem("Danh mục công khai", "/congkhai/staff/register", "congkhai.compliance.view", order=20),
        NavItem("Kiểm tra công khai", "/congkhai/staff/check", "congkhai.compliance.view", order=21),
        NavItem("Tuyên truyền, tập huấn", "/congkhai/staff/tuyen-truyen", "congkhai.propaganda.manage", order=22),
        NavItem("Yêu cầu cung cấp thông tin", "/congkhai/staff/yeu-cau", "congkhai.requests.handle", order=23),
    ]


@hookimpl
def register_indicators(settings):
    from .indicators import indicators

    return indicators(settings)


@hookimpl
def register_cli_commands(settings):
    from .cli import command

    return [command()]


@hookimpl
def register_demo_data(demo):
    from .demo import build

    build(demo)


@hookimpl
def notice_published(notice, settings):
    from .services import on_notice_published

    on_notice_published(notice, settings)


@hookimpl
def notice_withdrawn(notice, settings):
    from .services import on_notice_withdrawn

    on_notice_withdrawn(notice, settings)


@hookimpl
def register_routes(settings):
    from .views import routes

    return routes(settings)
