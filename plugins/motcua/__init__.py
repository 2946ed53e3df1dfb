"""Plan module ``motcua``: one-stop administrative procedures (thủ tục hành chính một cửa).

Plan sections III.1.2 (administrative procedures at the one-stop centre) and III.1.5
(the friendly office: direct rating at the counter); rules R-MC-* (intake, forms Mẫu 01–07,
clocks, apology and re-appointment, ratings, SIPAS), R-LV-* (the working calendar), R-VB-*
(the forms' layout), R-DL-07 (no personal data on public pages).

The plugin object is :class:`Motcua`: migrations, templates, routes (``views.routes``),
the CLI (``cli.command``), the demo (``demo.populate``), the models and the settings
(:class:`~.settings.MotcuaSettings`) come from
:class:`~thanthien.core.module.PlanModule`'s conventions; the hooks below are what this
module adds. The work is in :mod:`.services`; the dossier's clock in :mod:`.casetypes`.
"""
from __future__ import annotations

from thanthien.core import PlanModule, hookimpl

from .settings import MotcuaSettings

#: staff who open dossiers (each within his or her units; the centre for every unit)
STAFF = ("chairperson", "vice_chairperson", "one_stop_officer", "department_officer", "unit_head", "admin")


class Motcua(PlanModule):
    name = "motcua"  # == types.PLUGIN (types load with the hooks that use them)
    settings_class = MotcuaSettings

    @hookimpl
    def register_case_types(self, settings):
        from .casetypes import CASE_TYPES

        return CASE_TYPES

    @hookimpl
    def deadline_for_case(self, case, policy, start, rules, calendar):
        """R-MC-11, R-MC-12: each dossier's clock is its procedure's published time, from its
        receipt day (see :mod:`.casetypes`)."""
        from .casetypes import deadline_for_dossier
        from .types import DOSSIER_TYPE

        if case.case_type != DOSSIER_TYPE:
            return None
        return deadline_for_dossier(case, policy, start, rules, calendar)

    @hookimpl
    def register_roles(self, settings):
        from thanthien.core.types import Role

        from .types import PLUGIN

        return [Role("unit_head", "Thủ trưởng cơ quan, đơn vị giải quyết hồ sơ", PLUGIN)]

    @hookimpl
    def register_permissions(self, settings):
        from thanthien.core.types import Permission

        from .types import P_ASSIGN, P_CATALOGUE, P_PROCESS, P_RECEIVE, P_REPORT, P_SIGN, P_VIEW, PLUGIN

        return [
            Permission(P_VIEW, "Xem hồ sơ thủ tục hành chính", STAFF, PLUGIN),
            Permission(P_RECEIVE, "Tiếp nhận, chuyển, trả kết quả hồ sơ (Bộ phận Một cửa)",
                       ("one_stop_officer",), PLUGIN),
            Permission(P_PROCESS, "Giải quyết hồ sơ (yêu cầu bổ sung, có kết quả, dừng, từ chối)",
                       ("one_stop_officer", "department_officer", "unit_head"), PLUGIN),
            Permission(P_SIGN, "Ký văn bản xin lỗi, hẹn lại; trả lời phản ánh",
                       ("unit_head", "chairperson", "vice_chairperson"), PLUGIN),
            Permission(P_ASSIGN, "Phân công đơn vị, công chức giải quyết hồ sơ",
                       ("one_stop_officer", "unit_head", "chairperson", "vice_chairperson"), PLUGIN),
            Permission(P_CATALOGUE, "Quản lý danh mục thủ tục hành chính", ("admin",), PLUGIN),
            Permission(P_REPORT, "Xem, xuất chỉ tiêu và sổ theo dõi hồ sơ",
                       ("chairperson", "vice_chairperson", "one_stop_officer", "unit_head", "admin"), PLUGIN),
        ]

    @hookimpl
    def access_for_scope(self, actor, permission, scope, core):
        """R-MC-01: the one-stop centre acts on every unit's dossiers (see
        :func:`.services.scope.centre_reach`); no opinion on anything else."""
        from .types import PLUGIN

        if not permission.startswith(PLUGIN + "."):
            return None
        from .services.scope import centre_reach

        return centre_reach(core, actor, permission, scope)

    @hookimpl
    def configure_converter(self, converter):
        """A supplement request's ``items``: rows, or the older ``giấy tờ | lý do`` text."""
        from .forms import configure_converter

        configure_converter(converter)

    @hookimpl
    def register_personal_fields(self, settings):
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
    def register_document_types(self, settings):
        from thanthien.core.documents import DocumentType

        from .types import PLUGIN

        def t(key, name, symbol):
            return DocumentType(f"motcua_{key}", name, symbol, f"documents/motcua_{key}.html", plugin=PLUGIN)

        return [  # R-MC-04: one form per trigger of the one-stop procedure
            t("receipt", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "TNHS"),  # Mẫu 01
            t("supplement", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "BSHS"),  # Mẫu 02
            t("refusal", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "TCHS"),  # Mẫu 03
            t("apology", "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết", "XLHS"),  # Mẫu 04
            t("stop", "Thông báo dừng giải quyết hồ sơ", "DGHS"),  # Mẫu 05
            t("control_sheet", "Phiếu kiểm soát quá trình giải quyết hồ sơ", "KSHS"),  # Mẫu 06
        ]

    @hookimpl
    def register_indicators(self, settings, core):
        from .indicators import indicators

        return indicators(core)

    @hookimpl
    def register_rollups(self, settings):
        from thanthien.core.rollups import Rollup

        from .services.rollups import rebuild_rollup
        from .types import PLUGIN

        return [Rollup(PLUGIN, rebuild_rollup, PLUGIN)]

    @hookimpl
    def register_nav_items(self, settings):
        from thanthien.core.types import NavItem

        from .types import P_VIEW

        return [
            NavItem("Một cửa", "/motcua/", P_VIEW, order=20),
            NavItem("Thủ tục hành chính", "/motcua/thu-tuc", None, order=20, staff=False),
            NavItem("Tra cứu hồ sơ", "/motcua/tra-cuu", None, order=21, staff=False),
            NavItem("Đặt lịch hẹn", "/motcua/dat-lich", None, order=22, staff=False),
        ]

    @hookimpl
    def register_dashboard_widgets(self, settings):
        from thanthien.core.types import DashboardWidget

        from .types import P_VIEW
        from .views.staff import widget_data

        return [DashboardWidget("motcua.due_soon", "Hồ sơ TTHC sắp đến hạn, quá hạn", "motcua/widget.html",
                                widget_data, P_VIEW, order=10)]

    @hookimpl
    def register_jobs(self, settings):
        """The daily check, run by the worker (``thanthien serve``/``worker``) without a crontab."""
        from thanthien.core.scheduler import Job

        return [Job("motcua.check", "Kiểm tra hằng ngày hồ sơ một cửa: dự thảo văn bản xin lỗi, báo hồ sơ quá hạn",
                    ("motcua", "check"), at="06:20"),
                Job("motcua.remind", "Nhắc người dân lịch hẹn ngày mai", ("motcua", "remind"), at="08:00")]


plugin = Motcua()
