"""Plan module ``giamsat`` (phân hệ Ban Giám sát đầu tư của cộng đồng) — plan section
III.2.3b; rules R-GS-01 … R-GS-12, R-BQ-33, R-PA-09, R-CK item 3.

Hook implementations only; the work is in :mod:`.services`.
"""
from __future__ import annotations

from pathlib import Path

from thanthien.core import hookimpl
from thanthien.core.types import DashboardWidget, Indicator, NavItem, Permission, Role

HERE = Path(__file__).resolve().parent
PLUGIN = "giamsat"
LEADERS = ("chairperson", "vice_chairperson")


@hookimpl
def register_roles(settings):
    return [Role("front_officer", "Cán bộ Ủy ban MTTQ phường", PLUGIN)]


@hookimpl
def register_permissions(settings):
    return [
        Permission("giamsat.view", "Xem sổ chương trình, dự án và hoạt động của Ban GSĐTCĐ",
                   (*LEADERS, "department_officer", "board_member", "front_officer"), PLUGIN),
        Permission("giamsat.projects", "Vào sổ chương trình, dự án đầu tư trên địa bàn",
                   (*LEADERS, "department_officer"), PLUGIN),
        Permission("giamsat.boards", "Thành lập, bổ sung, giải thể Ban GSĐTCĐ; thông báo kế hoạch cho chủ đầu tư",
                   ("front_officer",), PLUGIN),
        Permission("giamsat.supervise", "Lập kế hoạch, kiểm tra, kiến nghị, báo cáo của Ban GSĐTCĐ",
                   ("board_member", "front_officer"), PLUGIN),
        Permission("giamsat.answer", "Trả lời kiến nghị của Ban GSĐTCĐ", LEADERS, PLUGIN),
    ]


@hookimpl
def register_models(settings):
    from .models import MODELS

    return MODELS


@hookimpl
def register_migrations(settings):
    from thanthien.core.storage.migrate import MigrationSet

    return MigrationSet(PLUGIN, HERE / "migrations")


@hookimpl
def register_case_types(settings):
    from .casetypes import RECOMMENDATION_CASE

    return [RECOMMENDATION_CASE]


@hookimpl
def register_document_types(settings):
    from thanthien.core.documents import DocumentType

    # R-GS-12: the board's report to UB MTTQ; its body is core's report template.
    return [DocumentType("giamsat_bao_cao", "Báo cáo kết quả giám sát đầu tư của cộng đồng", "BCGS",
                         "documents/bao_cao.html", plugin=PLUGIN)]


@hookimpl
def register_personal_fields(settings):
    from thanthien.core.privacy import PersonalField

    return [
        PersonalField("giamsat_citizen_report", "sender_name", "basic", "Họ tên người phản ánh", "R-DL-09"),
        PersonalField("giamsat_citizen_report", "sender_contact", "basic", "Địa chỉ, điện thoại người phản ánh",
                      "R-DL-09"),
        PersonalField("giamsat_member", "relations", "basic", "Người thân được kê khai (R-GS-06)", "R-DL-02"),
    ]


@hookimpl
def register_template_dirs(settings):
    return [HERE / "templates"]


@hookimpl
def register_nav_items(settings):
    return [
        NavItem("Dự án được giám sát", "/giamsat/", None, order=60, staff=False),
        NavItem("Giám sát đầu tư", "/giamsat/du-an", "giamsat.view", order=60),
        NavItem("Kiến nghị Ban GSĐTCĐ", "/giamsat/kien-nghi", "giamsat.view", order=61),
    ]


@hookimpl
def register_indicators(settings):
    from . import services as sv

    def measure(key):
        return lambda start, end: sv.indicators(start, end)[key]

    return [
        Indicator("giamsat.coverage", "Tỷ lệ chương trình, dự án đầu tư được Ban GSĐTCĐ giám sát", "%",
                  measure("coverage"), target=100, plugin=PLUGIN),
        Indicator("giamsat.projects_with_board", "Dự án thuộc phạm vi giám sát đã có Ban GSĐTCĐ", "dự án",
                  measure("projects_with_board"), plugin=PLUGIN),
        Indicator("giamsat.projects_without_board", "Dự án thuộc phạm vi giám sát chưa có Ban GSĐTCĐ", "dự án",
                  measure("projects_without_board"), target=0, plugin=PLUGIN),
        Indicator("giamsat.answers_late", "Kiến nghị của Ban GSĐTCĐ được trả lời quá hạn (R-GS-10)", "kiến nghị",
                  measure("answers_late"), target=0, plugin=PLUGIN),
    ]


@hookimpl
def register_dashboard_widgets(settings):
    def data(ctx):
        """For the chairman: recommendations awaiting an answer (R-GS-10) and projects without a board."""
        from . import services as sv

        waiting = sv.recommendations(waiting_only=True)
        return {"waiting": [{"id": r.id, "number": r.number, "content": r.content, "sent_on": r.sent_on,
                             "due_date": r.due_date, "late": bool(r.due_date and r.due_date < ctx.today)}
                            for r in waiting],
                "coverage": {k: v for k, v in sv.coverage(ctx.today, ctx.today).items() if k != "missing"}}

    return [DashboardWidget("giamsat.recommendations", "Kiến nghị của Ban Giám sát đầu tư của cộng đồng",
                            "giamsat/widget.html", data, "giamsat.answer", order=40)]


@hookimpl
def register_demo_data(demo):
    from .demo import add_demo_data

    add_demo_data(demo)


@hookimpl
def register_routes(settings):
    from .views import routes

    return routes()
