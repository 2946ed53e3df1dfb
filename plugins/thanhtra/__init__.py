"""Plan module ``thanhtra``: the People's Inspection Board (Ban Thanh tra nhân dân).

Plan section III.2.3a; rules R-TTND-01..14 (the board: elections by residential groups,
seats, term, officers, removal, member standards, plans, reports, recommendations and the
UBND's answer clock, complaint results, collective decisions), R-BQ-07 / R-BQ-17 /
R-BQ-33 (how the groups' households vote on a seat), R-PA-09 (petitions to the board).

The plugin object is :class:`Thanhtra`: migrations, templates, routes (``views.routes``),
the CLI (``cli.command``), the demo (``demo.populate``), the models and the settings
(:class:`~.settings.ThanhtraSettings`) come from :class:`~thanthien.core.module.PlanModule`'s
conventions; the hooks below are what this module adds. The work is in :mod:`.services`.
Membership is the scope: the ``board_member`` role reaches the board's resources only for
a current member of this board (``access_for_scope``, :mod:`.services.membership`).
"""
from __future__ import annotations

from thanthien.core import PlanModule, hookimpl

from .settings import ThanhtraSettings

LEADERS = ("chairperson", "vice_chairperson")
VIEWERS = (*LEADERS, "department_officer", "board_member", "front_officer", "admin")


class Thanhtra(PlanModule):
    name = "thanhtra"  # == types.PLUGIN (types load with the hooks that use them)
    settings_class = ThanhtraSettings

    @hookimpl
    def subject_for_opinion(self, kind, id, core):
        """The People's Inspection Board of a term (its public page) is a subject of opinions."""
        if kind != "thanhtra.board":
            return None
        from thanthien.core.errors import NotFound
        from thanthien.core.opinions import Subject

        from .services.terms import get_term

        try:
            term = get_term(id)
        except NotFound:
            return None
        return Subject(kind, term.id, f"Ban Thanh tra nhân dân – {term.name}", f"/{self.name}/")

    @hookimpl
    def register_roles(self, settings):
        from thanthien.core.types import Role

        from .types import PLUGIN

        return [Role("front_officer", "Cán bộ Ủy ban Mặt trận Tổ quốc phường", PLUGIN)]

    @hookimpl
    def register_permissions(self, settings):
        from thanthien.core.types import Permission

        from .types import P_ANSWER, P_BOARD, P_RECOGNISE, P_VIEW, P_WORK, PLUGIN

        return [
            Permission(P_VIEW, "Xem hoạt động của Ban Thanh tra nhân dân", VIEWERS, PLUGIN),
            Permission(P_BOARD, "Ghi nhận bầu, bãi nhiệm, chức danh thành viên Ban TTND",
                       ("board_member", "front_officer"), PLUGIN),
            Permission(P_RECOGNISE, "Công nhận thành viên Ban TTND (Ủy ban MTTQ)", ("front_officer",), PLUGIN),
            Permission(P_WORK, "Lập kế hoạch, kiểm tra, tiếp nhận phản ánh, kiến nghị, báo cáo của Ban TTND",
                       ("board_member",), PLUGIN),
            Permission(P_ANSWER, "Trả lời kiến nghị của Ban TTND (UBND)", LEADERS, PLUGIN),
        ]

    @hookimpl
    def register_case_types(self, settings):
        from .casetypes import build_case_types

        return build_case_types(settings)

    @hookimpl
    def register_personal_fields(self, settings):
        from thanthien.core.privacy import PersonalField

        # Board members' names are public (they are the board's officers); petitioners' are not.
        return [PersonalField("thanhtra_petition", "sender_name", "basic", "Họ và tên người phản ánh"),
                PersonalField("thanhtra_petition", "sender_address", "basic", "Địa chỉ người phản ánh"),
                PersonalField("thanhtra_petition", "sender_phone", "basic", "Số điện thoại người phản ánh")]

    @hookimpl
    def register_nav_items(self, settings):
        from thanthien.core.types import NavItem

        from .types import P_VIEW

        return [
            NavItem("Ban Thanh tra nhân dân", "/thanhtra/", None, order=40, staff=False),
            # the board page checks P_VIEW over the board's own scope: so does its menu item
            NavItem("Ban Thanh tra nhân dân", "/thanhtra/ban", P_VIEW, order=40, scope=_board_scope),
        ]

    @hookimpl
    def register_dashboard_widgets(self, settings):
        from thanthien.core.types import DashboardWidget

        from .types import P_ANSWER
        from .views.staff import recommendations_widget

        return [DashboardWidget("thanhtra.recommendations", "Kiến nghị của Ban Thanh tra nhân dân chờ UBND trả lời",
                                "thanhtra/_widget.html", recommendations_widget, P_ANSWER, order=40)]

    @hookimpl
    def register_indicators(self, settings, core):
        from .indicators import indicators

        return indicators(core)

    @hookimpl
    def access_for_scope(self, actor, permission, scope, core):
        """Membership is the scope: a board member reaches the board's resources only while
        a recognised member of its current term; ``None`` for scopes of others."""
        from .services.membership import board_access

        return board_access(core, actor, permission, scope)

    @hookimpl
    def vote_closed(self, vote, core):
        """A community vote closed: if it decided a board seat, record it (R-BQ-33)."""
        from .services.elections import apply_closed_vote

        apply_closed_vote(core, vote)

    @hookimpl
    def case_closed(self, case, event, core):
        """R-TTND-12: the UBND shares complaint-resolution results with the board."""
        from .services.complaints import share_complaint_result

        share_complaint_result(core, case)

    @hookimpl
    def register_jobs(self, settings):
        """The daily check, run by the worker (``thanthien serve``/``worker``) without a crontab."""
        from thanthien.core.scheduler import Job

        return [Job("thanhtra.check", "Kiến nghị của Ban Thanh tra nhân dân chờ trả lời, kế hoạch kiểm tra cần gửi",
                    ("thanhtra", "check"), at="06:35")]


plugin = Thanhtra()


def _board_scope():
    from .services import board_scope

    return board_scope()
