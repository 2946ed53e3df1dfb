"""Plan module ``congvu``: public service (công vụ) — the plan as "5 rõ" tasks, public-service
conduct, and a friendly office.

Plan sections I.2 (ethics and office culture), III.1.4 (văn hóa công vụ: "4 xin", "4 luôn",
"5 không", badges, 0 disciplined staff and 0 breaches, tasks by "5 rõ"), III.1.5 (the
green–clean–beautiful–friendly office checklist), III.1.7 (exemplary leaders), III.3
(training and propaganda on the model) and IV (every unit carries the plan out on time;
Phòng Văn hóa - Xã hội coordinates and collects the units' problems). Rules: R-PA-07
(the clock of a resident's complaint about a staff member, a petition), R-MC-19 (the
rating levels of the paper forms), R-LV (deadlines in working days), R-DL (the
resident's identity stays with the leaders).

The plugin object is :class:`Congvu`: migrations, templates, routes (``views.routes``),
the CLI (``cli.command``), the demo (``demo.populate``), the models and the settings
(:class:`~.settings.CongvuSettings`) come from :class:`~thanthien.core.module.PlanModule`'s
conventions; the hooks below are what this module adds. The work is in :mod:`.services`.
"""
from __future__ import annotations

from thanthien.core import PlanModule, hookimpl

from .settings import CongvuSettings

LEADERS = ("chairperson", "vice_chairperson")
#: every staff role that carries out tasks of the plan
STAFF = (*LEADERS, "unit_head", "plan_coordinator", "department_officer", "one_stop_officer", "reception_officer")


class Congvu(PlanModule):
    name = "congvu"  # == types.PLUGIN (types load with the hooks that use them)
    settings_class = CongvuSettings

    @hookimpl
    def register_roles(self, settings):
        from thanthien.core.types import Role

        from .types import PLUGIN

        return [
            Role("unit_head", "Trưởng phòng, thủ trưởng đơn vị", PLUGIN),
            Role("plan_coordinator", "Công chức đầu mối theo dõi kế hoạch (Phòng Văn hóa - Xã hội)", PLUGIN),
        ]

    @hookimpl
    def register_permissions(self, settings):
        from thanthien.core.types import Permission

        from .types import P_CONDUCT, P_CONDUCT_MANAGE, P_EVENTS, P_FACILITY, P_PLAN, P_SIGNOFF, P_TASKS, P_VIEW, PLUGIN

        return [
            Permission(P_VIEW, "Xem kế hoạch, nhiệm vụ được giao; báo cáo tiến độ, vướng mắc", STAFF, PLUGIN),
            Permission(P_TASKS, "Giao nhiệm vụ “5 rõ”, theo dõi nhiệm vụ của đơn vị",
                       (*LEADERS, "unit_head", "plan_coordinator"), PLUGIN),
            Permission(P_SIGNOFF, "Nghiệm thu, trả lại, gia hạn nhiệm vụ (ngoài lãnh đạo phụ trách nhiệm vụ)",
                       LEADERS, PLUGIN),
            Permission(P_PLAN, "Nạp kế hoạch, điều phối, trả lời vướng mắc của các đơn vị",
                       (*LEADERS, "plan_coordinator"), PLUGIN),
            Permission(P_CONDUCT, "Xem khen ngợi, phản ánh, vi phạm, tổng hợp đánh giá cán bộ",
                       (*LEADERS, "unit_head"), PLUGIN),
            Permission(P_CONDUCT_MANAGE, "Ghi vi phạm, quyết định kỷ luật; xử lý phản ánh; sửa quy tắc ứng xử",
                       LEADERS, PLUGIN),
            Permission(P_FACILITY, "Trung tâm Phục vụ hành chính công: lịch trực, ảnh cán bộ, bảng kiểm, phiếu giấy",
                       (*LEADERS, "unit_head", "one_stop_officer", "plan_coordinator"), PLUGIN),
            Permission(P_EVENTS, "Hội nghị tập huấn, tuyên truyền, tin bài về mô hình",
                       (*LEADERS, "plan_coordinator", "department_officer"), PLUGIN),
        ]

    @hookimpl
    def register_case_types(self, settings):
        from .casetypes import build_case_types

        return build_case_types(settings)

    @hookimpl
    def register_personal_fields(self, settings):
        from thanthien.core.privacy import PersonalField

        return [
            PersonalField("congvu_report", "resident_name", "basic", "Họ tên người khen ngợi, phản ánh cán bộ"),
            PersonalField("congvu_report", "resident_phone", "basic", "Số điện thoại người phản ánh cán bộ"),
        ]

    @hookimpl
    def register_indicators(self, settings, core):
        from .indicators import indicators

        return indicators(core)

    @hookimpl
    def register_nav_items(self, settings):
        from thanthien.core.types import NavItem

        from .types import P_VIEW

        return [
            NavItem("Kế hoạch, nhiệm vụ", "/congvu/", P_VIEW, order=15),
            NavItem("Cán bộ phục vụ hôm nay", "/congvu/can-bo-truc", None, order=30, staff=False),
            NavItem("Khen ngợi, phản ánh cán bộ", "/congvu/gop-y", None, order=31, staff=False),
            NavItem("Quy tắc ứng xử", "/congvu/quy-tac-ung-xu", None, order=32, staff=False),
        ]

    @hookimpl
    def register_dashboard_widgets(self, settings):
        from thanthien.core.types import DashboardWidget

        from .types import P_TASKS, P_VIEW
        from .views.widgets import late_items, my_tasks

        return [
            DashboardWidget("congvu.late_items", "Mục kế hoạch quá hạn và người chịu trách nhiệm",
                            "congvu/widget_late.html", late_items, P_TASKS, order=-500),
            DashboardWidget("congvu.my_tasks", "Nhiệm vụ của tôi", "congvu/widget_mine.html", my_tasks, P_VIEW,
                            order=-400),
        ]

    @hookimpl
    def access_for_scope(self, actor, permission, scope, core):
        from .services import decide

        return decide(core, actor, permission, scope)

    @hookimpl
    def register_jobs(self, settings):
        """The daily check, run by the worker (``thanthien serve``/``worker``) without a crontab."""
        from thanthien.core.scheduler import Job

        return [Job("congvu.check", "Nhắc nhiệm vụ sắp đến hạn, quá hạn",
                    ("congvu", "check"), at="06:30")]


plugin = Congvu()
