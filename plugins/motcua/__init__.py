"""Plan module ``motcua``: one-stop administrative procedures (thủ tục hành chính một cửa).

Plan sections III.1.2 and III.1.5; rules R-MC-*, R-LV-*, R-VB-* (DOMAIN.md). Hook
implementations only; the work is in :mod:`.services`.
"""
from __future__ import annotations

from pathlib import Path

from thanthien.core import hookimpl
from thanthien.core.types import Indicator, Permission, Role

HERE = Path(__file__).resolve().parent
STAFF = ("chairperson", "vice_chairperson", "one_stop_officer", "department_officer", "unit_head", "admin")


@hookimpl
def register_migrations(settings):
    from thanthien.core.storage.migrate import MigrationSet

    return MigrationSet("motcua", HERE / "migrations")


@hookimpl
def register_models(settings):
    from .models import MODELS

    return MODELS


@hookimpl
def register_case_types(settings):
    from .services import DOSSIER, FEEDBACK

    return [DOSSIER, FEEDBACK]


@hookimpl
def deadline_for_case(case, policy, start, rules, calendar):
    """R-MC-11: each dossier's clock is its procedure's published time."""
    from .services import DOSSIER, deadline_for_dossier

    if case.case_type != DOSSIER.key:
        return None
    return deadline_for_dossier(case, policy, start, rules, calendar)


@hookimpl
def register_roles(settings):
    return [Role("unit_head", "Thủ trưởng cơ quan, đơn vị giải quyết hồ sơ", "motcua")]


@hookimpl
def register_permissions(settings):
    return [
        Permission("motcua.view", "Xem hồ sơ thủ tục hành chính", STAFF, "motcua"),
        Permission("motcua.receive", "Tiếp nhận, chuyển, trả kết quả hồ sơ (Bộ phận Một cửa)",
                   ("one_stop_officer",), "motcua"),
        Permission("motcua.process", "Giải quyết hồ sơ (yêu cầu bổ sung, có kết quả, dừng, từ chối)",
                   ("one_stop_officer", "department_officer", "unit_head"), "motcua"),
        Permission("motcua.sign", "Ký văn bản xin lỗi, hẹn lại; trả lời phản ánh",
                   ("unit_head", "chairperson", "vice_chairperson"), "motcua"),
        Permission("motcua.catalogue.manage", "Quản lý danh mục thủ tục hành chính", ("admin",), "motcua"),
        Permission("motcua.report", "Xem, xuất chỉ tiêu và sổ theo dõi hồ sơ",
                   ("chairperson", "vice_chairperson", "one_stop_officer", "unit_head", "admin"), "motcua"),
    ]


@hookimpl
def register_personal_fields(settings):
    from thanthien.core.privacy import PersonalField

    return [
        PersonalField("motcua_dossier", "applicant_name", "basic", "Họ tên người nộp hồ sơ"),
        PersonalField("motcua_dossier", "applicant_citizen_id", "basic", "Số định danh người nộp hồ sơ"),
        PersonalField("motcua_dossier", "applicant_phone", "basic", "Số điện thoại người nộp hồ sơ"),
        PersonalField("motcua_dossier", "applicant_address", "basic", "Địa chỉ người nộp hồ sơ"),
        PersonalField("motcua_dossier", "applicant_email", "basic", "Thư điện tử người nộp hồ sơ"),
        PersonalField("motcua_dossier", "concerned", "basic", "Người được đăng ký hộ tịch"),
        PersonalField("motcua_booking", "name", "basic", "Họ tên người đặt lịch"),
        PersonalField("motcua_booking", "phone", "basic", "Số điện thoại người đặt lịch"),
    ]


@hookimpl
def register_document_types(settings):
    from thanthien.core.documents import DocumentType

    def t(key, name, symbol):
        return DocumentType(f"motcua_{key}", name, symbol, f"documents/motcua_{key}.html", plugin="motcua")

    return [  # R-MC-04: one form per trigger of DOMAIN table 3.9.1
        t("receipt", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "TNHS"),  # Mẫu 01
        t("supplement", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "BSHS"),  # Mẫu 02
        t("refusal", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "TCHS"),  # Mẫu 03
        t("apology", "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết", "XLHS"),  # Mẫu 04
        t("stop", "Thông báo dừng giải quyết hồ sơ", "DGHS"),  # Mẫu 05
        t("control_sheet", "Phiếu kiểm soát quá trình giải quyết hồ sơ", "KSHS"),  # Mẫu 06
    ]


@hookimpl
def register_template_dirs(settings):
    return [HERE / "templates"]


@hookimpl
def register_indicators(settings):
    from . import services as s

    def ind(key, label, unit, target=None):
        return Indicator(f"motcua.{key}", label, unit, lambda start, end, k=key: s.indicator_value(k, start, end),
                         target, "motcua")

    return [
        ind("received", "Hồ sơ TTHC tiếp nhận", "hồ sơ"),
        ind("returned_early", "Hồ sơ trả trước hạn", "hồ sơ"),
        ind("returned_on_time", "Hồ sơ trả đúng hạn", "hồ sơ"),
        ind("returned_late", "Hồ sơ trả quá hạn", "hồ sơ", 0),  # plan III.1.2: 0 late dossiers
        ind("on_time_share", "Tỷ lệ hồ sơ trả trước và đúng hạn", "%"),
        ind("avg_processing_days", "Thời gian giải quyết bình quân", "ngày làm việc"),
        ind("apology_share", "Tỷ lệ hồ sơ quá hạn có văn bản xin lỗi", "%", 100),  # plan III.1.2
        ind("satisfaction", "Tỷ lệ người dân hài lòng (đánh giá từng hồ sơ)", "%"),
    ]


@hookimpl
def register_rollups(settings):
    from thanthien.core.rollups import Rollup

    from .services import rebuild_rollup

    return [Rollup("motcua", rebuild_rollup, "motcua")]


@hookimpl
def register_routes(settings):
    from .views import routes

    return routes()


@hookimpl
def register_nav_items(settings):
    from thanthien.core.types import NavItem

    return [
        NavItem("Một cửa", "/motcua/", "motcua.view", order=20),
        NavItem("Thủ tục hành chính", "/motcua/thu-tuc", None, order=20, staff=False),
        NavItem("Tra cứu hồ sơ", "/motcua/tra-cuu", None, order=21, staff=False),
        NavItem("Đặt lịch hẹn", "/motcua/dat-lich", None, order=22, staff=False),
    ]


@hookimpl
def register_dashboard_widgets(settings):
    from thanthien.core.types import DashboardWidget

    def data(ctx):
        """For the officer and the chairman: dossiers at risk (R-MC-15) and this month."""
        from . import services as s

        rows = [{"code": d.code, "procedure": d.procedure_name, "state": d.state_label, "due_date": d.due_date,
                 "appointment": d.appointment_at, "late": bool(d.due_date and d.due_date < ctx.today)}
                for d in s.due_soon(ctx.services, ctx.today)
                if s.can_see(ctx.services, ctx.actor, d)]
        month = s.measures(s.sums(ctx.today.replace(day=1), ctx.today).get("", {}))
        return {"due_soon": rows, "month": month}

    return [DashboardWidget("motcua.due_soon", "Hồ sơ TTHC sắp đến hạn, quá hạn", "motcua/widget.html", data,
                            "motcua.view", order=10)]


@hookimpl
def register_cli_commands(settings):
    from .cli import command

    return [command()]


@hookimpl
def register_demo_data(demo):
    from .demo import build

    build(demo)
