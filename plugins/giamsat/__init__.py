"""Plan module ``giamsat``: the Community Investment Supervision Boards (Ban Giám sát đầu
tư của cộng đồng, GSĐTCĐ).

Plan section III.2.3b; rules R-GS-01 … R-GS-12, R-BQ-33, R-PA-09, R-DL-09, R-CK item 3.
The ward's investment projects (the register kept by the economic department), one board
per project in scope set up by UB MTTQ with its composition and conflict-of-interest
checks, supervision plans and the investor's notice, on-site inspections with photos,
information requests and suspension, residents' reports, recommendations with their
answer clock on the case engine, reports to the Front Committee, the coverage of 100 % of
projects, and the public page of projects under supervision.

The plugin object is :class:`Giamsat`: migrations, templates, the CLI (``cli.command``),
the demo (``demo.populate``), the models and the settings
(:class:`~.settings.GiamsatSettings`) come from
:class:`~thanthien.core.module.PlanModule`'s conventions; the hooks below are what this
module adds — among them ``access_for_scope``: a board member acts only on the board he
or she currently sits on (:mod:`.services.access`). The work is in :mod:`.services`.
"""
from __future__ import annotations

from thanthien.core import PlanModule, hookimpl

from .settings import GiamsatSettings

LEADERS = ("chairperson", "vice_chairperson")
FRONT = "front_officer"


class Giamsat(PlanModule):
    name = "giamsat"  # == types.PLUGIN (types load with the hooks that use them)
    settings_class = GiamsatSettings

    @hookimpl
    def subject_for_opinion(self, kind, id, core):
        """A project under community supervision (its public page) is a subject of opinions."""
        if kind != "giamsat.project":
            return None
        from thanthien.core.errors import NotFound
        from thanthien.core.opinions import Subject

        from . import services

        try:
            record = services.supervised_project(core, id)
        except NotFound:
            return None
        return Subject(kind, record.project.id, record.project.name, f"/{self.name}/du-an/{record.project.id}")

    @hookimpl
    def register_roles(self, settings):
        from thanthien.core.types import Role

        from .types import PLUGIN

        return [Role(FRONT, "Cán bộ Ủy ban MTTQ phường", PLUGIN)]

    @hookimpl
    def register_permissions(self, settings):
        # board_member reaches a board only by sitting on it (access_for_scope below)
        from thanthien.core.types import Permission

        from .types import BOARD_MEMBER_ROLE, P_ANSWER, P_BOARDS, P_PROJECTS, P_REPORTERS, P_SUPERVISE, P_VIEW, PLUGIN

        return [
            Permission(P_VIEW, "Xem sổ chương trình, dự án và hoạt động của Ban GSĐTCĐ",
                       (*LEADERS, "department_officer", BOARD_MEMBER_ROLE, FRONT), PLUGIN),
            Permission(P_PROJECTS, "Vào sổ chương trình, dự án đầu tư trên địa bàn",
                       (*LEADERS, "department_officer"), PLUGIN),
            Permission(P_BOARDS, "Thành lập, bổ sung, giải thể Ban GSĐTCĐ; thông báo kế hoạch cho chủ đầu tư",
                       (FRONT,), PLUGIN),
            Permission(P_SUPERVISE, "Lập kế hoạch, kiểm tra, kiến nghị, báo cáo của Ban GSĐTCĐ",
                       (BOARD_MEMBER_ROLE, FRONT), PLUGIN),
            Permission(P_ANSWER, "Trả lời kiến nghị của Ban GSĐTCĐ", LEADERS, PLUGIN),
            Permission(P_REPORTERS, "Xem họ tên, địa chỉ người phản ánh về dự án (R-DL-09)",
                       (*LEADERS, BOARD_MEMBER_ROLE, FRONT), PLUGIN),
        ]

    @hookimpl
    def access_for_scope(self, actor, permission, scope, core):
        """Boards, their projects and recommendations: membership of THAT board, or the
        offices' staff by role × unit; ``None`` for every other scope."""
        from .services.access import decide

        return decide(core, actor, permission, scope)

    @hookimpl
    def register_routes(self, settings):
        """The routes, with the inspection form's upload limit from ``[plugin.giamsat]``."""
        from thanthien.core.settings import plugin_section

        from .types import PLUGIN
        from .views import routes

        return routes(plugin_section(settings, PLUGIN, GiamsatSettings))

    @hookimpl
    def configure_converter(self, converter):
        """Amounts of money typed with thousands separators ("2.500.000.000")."""
        from .forms import Money, money

        converter.register_structure_hook(Money, money)

    @hookimpl
    def register_case_types(self, settings):
        from .casetypes import RECOMMENDATION_CASE

        return [RECOMMENDATION_CASE]

    @hookimpl
    def register_document_types(self, settings):
        from thanthien.core.documents import DocumentType

        from .types import PLUGIN, REPORT_DOC_TYPE

        # R-GS-12: the board's report to UB MTTQ; its body is core's report template.
        return [DocumentType(REPORT_DOC_TYPE, "Báo cáo kết quả giám sát đầu tư của cộng đồng", "BCGS",
                             "documents/bao_cao.html", plugin=PLUGIN)]

    @hookimpl
    def register_personal_fields(self, settings):
        from thanthien.core.privacy import PersonalField

        return [
            PersonalField("giamsat_citizen_report", "sender_name", "basic", "Họ tên người phản ánh", "R-DL-09"),
            PersonalField("giamsat_citizen_report", "sender_contact", "basic", "Địa chỉ, điện thoại người phản ánh",
                          "R-DL-09"),
            PersonalField("giamsat_member", "relations", "basic", "Người thân được kê khai (R-GS-06)", "R-DL-02"),
        ]

    @hookimpl
    def register_nav_items(self, settings):
        from thanthien.core.types import NavItem

        from .types import P_VIEW

        return [
            NavItem("Dự án được giám sát", f"/{self.name}/", None, order=60, staff=False),
            NavItem("Giám sát đầu tư", f"/{self.name}/du-an", P_VIEW, order=60),
            NavItem("Kiến nghị Ban GSĐTCĐ", f"/{self.name}/kien-nghi", P_VIEW, order=61),
        ]

    @hookimpl
    def register_indicators(self, settings, core):
        from .indicators import indicators

        return indicators(core)

    @hookimpl
    def register_dashboard_widgets(self, settings):
        from thanthien.core.types import DashboardWidget

        from .types import P_ANSWER, PLUGIN
        from .views.widgets import recommendations_widget

        return [DashboardWidget(f"{PLUGIN}.recommendations", "Kiến nghị của Ban Giám sát đầu tư của cộng đồng",
                                "giamsat/widget.html", recommendations_widget, P_ANSWER, order=40)]

    @hookimpl
    def register_jobs(self, settings):
        """The daily check, run by the worker (``thanthien serve``/``worker``) without a crontab."""
        from thanthien.core.scheduler import Job

        return [Job("giamsat.check", "Kiến nghị của Ban Giám sát đầu tư chờ trả lời",
                    ("giamsat", "check"), at="06:40")]


plugin = Giamsat()
