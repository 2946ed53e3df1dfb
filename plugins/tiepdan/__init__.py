"""Plan module ``tiepdan``: citizen reception and the handling of complaints, denunciations,
petitions and feedback (tiếp công dân; giải quyết khiếu nại, tố cáo, phản ánh, kiến nghị).

Plan sections III.1.3 and III.1.7. The published reception schedule with the Chủ tịch's
days (R-TD-01 … R-TD-07), the reception register (R-TD-08 … R-TD-14), complaints (R-KN),
denunciations with the denouncer's identity protected (R-TC, R-TC-10), petitions and
feedback (R-PA) with their legal clocks on core's case engine, the public feedback form
with a tracking code, dialogue conferences (R-DT-01); personal data by R-DL.

The plugin object is :class:`Tiepdan`: migrations, templates, routes (``views.routes``),
the CLI (``cli.command``), the demo (``demo.populate``), the models and the settings
(:class:`~.settings.TiepdanSettings`) come from :class:`~thanthien.core.module.PlanModule`'s
conventions; the hooks below are what this module adds. The work is in :mod:`.services`.
"""
from __future__ import annotations

from thanthien.core import PlanModule, hookimpl

from .settings import TiepdanSettings

STAFF_ROLES = ("chairperson", "vice_chairperson", "one_stop_officer", "department_officer", "reception_officer")
LEADERS = ("chairperson", "vice_chairperson")


class Tiepdan(PlanModule):
    name = "tiepdan"  # == types.PLUGIN (types load with the hooks that use them)
    settings_class = TiepdanSettings

    @hookimpl
    def register_routes(self, settings):
        """The pages, with the feedback form's upload limit from ``[plugin.tiepdan] max_photo_bytes``."""
        from thanthien.core.settings import plugin_section

        from .views import routes

        return routes(plugin_section(settings, self.name, TiepdanSettings))

    @hookimpl
    def opinion_url_for_subject(self, kind, id, title, core):
        """Residents send their opinion about a public page through the feedback form,
        the subject attached (``?ve=<kind>:<id>``, core/opinions.py)."""
        from urllib.parse import quote

        from thanthien.core.opinions import PARAM, subject_ref

        return f"/{self.name}/phan-anh?{PARAM}={quote(subject_ref(kind, id), safe='.:')}"

    @hookimpl
    def register_roles(self, settings):
        from thanthien.core.types import Role

        from .types import PLUGIN

        return [Role("reception_officer", "Công chức tiếp công dân, xử lý đơn thư", PLUGIN)]

    @hookimpl
    def register_permissions(self, settings):
        from thanthien.core.types import Permission

        from .types import P_ASSIGN_DENUNCIATION, P_DECIDE, P_DIALOGUE, P_HANDLE, P_RECEIVE, P_SCHEDULE, P_VIEW, PLUGIN

        return [
            Permission(P_VIEW, "Xem sổ tiếp công dân và danh sách đơn thư", STAFF_ROLES, PLUGIN),
            Permission(P_RECEIVE, "Tiếp công dân, vào sổ, nhận đơn thư",
                       ("reception_officer", "one_stop_officer", *LEADERS), PLUGIN),
            Permission(P_HANDLE, "Xử lý đơn thư được giao", ("reception_officer", "department_officer", *LEADERS),
                       PLUGIN),
            Permission(P_DECIDE, "Thụ lý, gia hạn, kết luận, ban hành quyết định", LEADERS, PLUGIN),
            Permission(P_ASSIGN_DENUNCIATION, "Giao, giao lại người xử lý đơn tố cáo (người có thẩm quyền, R-TC-10)",
                       ("chairperson",), PLUGIN, privileged=True),
            Permission(P_SCHEDULE, "Lập và công khai lịch tiếp công dân", ("reception_officer", *LEADERS), PLUGIN),
            Permission(P_DIALOGUE, "Tổ chức hội nghị đối thoại", ("reception_officer", *LEADERS), PLUGIN),
        ]

    @hookimpl
    def register_case_types(self, settings):
        from .casetypes import build_case_types

        return build_case_types(settings)

    @hookimpl
    def register_notice_categories(self, settings):
        from thanthien.core.types import NoticeCategory

        from .types import NOTICE_CATEGORY, PLUGIN

        return [NoticeCategory(NOTICE_CATEGORY, "Lịch tiếp công dân", None, PLUGIN)]

    @hookimpl
    def register_personal_fields(self, settings):
        from thanthien.core.privacy import PersonalField

        basic = [("full_name", "Họ và tên"), ("address", "Địa chỉ"), ("phone", "Số điện thoại"),
                 ("email", "Thư điện tử"), ("citizen_id", "Số định danh cá nhân")]
        fields = [PersonalField("tiepdan_party", f, "basic", label, "R-DL-09") for f, label in basic]
        fields.append(PersonalField("tiepdan_party", "handwriting", "sensitive", "Bút tích", "R-DL-10"))
        # R-TC-09: everything that reveals a denouncer, handwriting included, is confidential.
        fields += [PersonalField("tiepdan_denouncer", f, "confidential", label, "R-TC-09")
                   for f, label in [*basic, ("handwriting", "Bút tích")]]
        return fields

    @hookimpl
    def register_nav_items(self, settings):
        from thanthien.core.types import NavItem

        from .types import P_VIEW

        return [
            NavItem("Lịch tiếp công dân", "/tiepdan/lich-tiep-dan", None, order=30, staff=False),
            NavItem("Gửi phản ánh, kiến nghị", "/tiepdan/phan-anh", None, order=31, staff=False),
            NavItem("Tra cứu đơn", "/tiepdan/tra-cuu", None, order=32, staff=False),
            NavItem("Phản ánh đã công khai", "/tiepdan/phan-anh/danh-sach", None, order=33, staff=False),
            NavItem("Tiếp công dân", "/tiepdan/so-tiep-dan", P_VIEW, order=30),
            NavItem("Đơn thư", "/tiepdan/don-thu", P_VIEW, order=31),
        ]

    @hookimpl
    def register_indicators(self, settings, core):
        from .indicators import indicators

        return indicators(core)

    @hookimpl
    def access_for_scope(self, actor, permission, scope, core):
        """The assigned handler of a matter views and handles it (and its status reply)
        wherever his or her own unit is; everything else is core's role × unit table."""
        from thanthien.core.access import Scope

        from .types import CASE_TYPES, P_HANDLE, P_VIEW, STATUS_REPLY_TYPE

        if permission not in (P_VIEW, P_HANDLE) or not isinstance(scope, Scope) or scope.owner != "case":
            return None
        if scope.owner_id is None or actor.person_id is None:
            return None
        from thanthien.core.models import CaseRow

        row = CaseRow.get_or_none(CaseRow.id == scope.owner_id)
        if row is not None and row.case_type == STATUS_REPLY_TYPE and row.data.get("case_id"):
            row = CaseRow.get_or_none(CaseRow.id == row.data["case_id"])  # the reply of a matter: its matter's
        if row is not None and row.case_type in CASE_TYPES.values() and row.owner_id == actor.person_id:
            return True
        return None


plugin = Tiepdan()
