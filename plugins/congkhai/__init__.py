"""Plan module ``congkhai``: disclosure and transparency (công khai, minh bạch).

Plan sections I.3, III.1.1, III.2.1, III.3, IV.2; rules R-CK (where and how long each of
the 14 Art. 11 items is disclosed, the quarterly register), R-TT (information requests,
Luật Tiếp cận thông tin), R-DL (nothing personal on public output).

Notices in the Art. 11 categories (core's), the places each must reach (R-CK-*), the
dissemination ledger, the compliance check and the quarterly register, the public board
and its feeds, propaganda and training, and information requests with forms 01a–06.

The plugin object is :class:`Congkhai`: migrations, templates, the CLI
(``cli.command``), the demo (``demo.populate``), the models and the settings
(:class:`~.settings.CongkhaiSettings`) come from
:class:`~thanthien.core.module.PlanModule`'s conventions; the hooks below are what this
module adds. The work is in :mod:`.services`.
"""
from __future__ import annotations

from thanthien.core import PlanModule, hookimpl

from .settings import CongkhaiSettings


class Congkhai(PlanModule):
    name = "congkhai"  # == types.PLUGIN (types load with the hooks that use them)
    settings_class = CongkhaiSettings

    @hookimpl
    def register_permissions(self, settings):
        from thanthien.core.access import LEADERS
        from thanthien.core.types import Permission

        from .types import (
            P_COMPLIANCE,
            P_LEDGER_GROUP,
            P_LEDGER_WARD,
            P_NOTICES,
            P_PROPAGANDA,
            P_REQUESTS,
            P_REQUESTS_PERSONAL,
            PLUGIN,
        )
        return [
            Permission(P_NOTICES, "Soạn, công khai, thu hồi thông báo (của phòng, ban mình)",
                       (*LEADERS, "department_officer"), PLUGIN),
            Permission(P_LEDGER_WARD, "Ghi nhận niêm yết tại trụ sở, trang thông tin, loa truyền thanh",
                       (*LEADERS, "department_officer"), PLUGIN),
            Permission(P_LEDGER_GROUP, "Ghi nhận niêm yết tại tổ dân phố (tổ trưởng: tổ của mình)",
                       (*LEADERS, "department_officer", "group_head"), PLUGIN),
            Permission(P_COMPLIANCE, "Xem kiểm tra việc công khai, danh mục hằng quý",
                       (*LEADERS, "department_officer"), PLUGIN),
            Permission(P_PROPAGANDA, "Ghi nhận hội nghị tuyên truyền, tập huấn, tin bài",
                       (*LEADERS, "department_officer"), PLUGIN),
            Permission(P_REQUESTS, "Giải quyết yêu cầu cung cấp thông tin",
                       (*LEADERS, "department_officer", "one_stop_officer"), PLUGIN),
            Permission(P_REQUESTS_PERSONAL, "Xem thông tin cá nhân người yêu cầu cung cấp thông tin",
                       (*LEADERS, "department_officer", "one_stop_officer"), PLUGIN),
        ]

    @hookimpl
    def register_case_types(self, settings):
        from .casetypes import CASE_TYPES

        return CASE_TYPES

    @hookimpl
    def register_personal_fields(self, settings):
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
    def subject_for_opinion(self, kind, id, core):
        """A published notice is a subject residents send opinions about (its public title)."""
        if kind != "congkhai.notice":
            return None
        from thanthien.core.errors import NotFound
        from thanthien.core.opinions import Subject

        from . import services

        try:
            notice = services.published_notice(id)
        except NotFound:
            return None
        title = services.public_texts([notice])[notice.id][0]
        return Subject(kind, notice.id, title, f"/{self.name}/notices/{notice.id}")

    @hookimpl
    def register_nav_items(self, settings):
        from thanthien.core.types import NavItem

        from .types import P_COMPLIANCE, P_LEDGER_GROUP, P_PROPAGANDA, P_REQUESTS

        staff = f"/{self.name}/can-bo"
        return [
            NavItem("Thông tin công khai", f"/{self.name}/", None, order=10, staff=False),
            NavItem("Thông báo công khai", f"{staff}/thong-bao", P_LEDGER_GROUP, order=19),
            NavItem("Danh mục công khai", f"{staff}/danh-muc", P_COMPLIANCE, order=20),
            NavItem("Kiểm tra công khai", f"{staff}/kiem-tra", P_COMPLIANCE, order=21),
            NavItem("Tuyên truyền, tập huấn", f"{staff}/tuyen-truyen", P_PROPAGANDA, order=22),
            NavItem("Yêu cầu cung cấp thông tin", f"{staff}/yeu-cau", P_REQUESTS, order=23),
        ]

    @hookimpl
    def register_routes(self, settings):
        """The pages (``views.routes``), with the upload cap of ``max_attachment_bytes``."""
        from .views import routes

        return routes(settings)

    @hookimpl
    def register_indicators(self, settings, core):
        from .indicators import indicators

        return indicators(core)

    @hookimpl
    def notice_published(self, notice, settings, core):
        """Any module's notice published: its search text, and the website posting when the
        portal shows the feed by itself (R-CK-04)."""
        from . import services

        services.on_notice_published(core, notice, settings)

    @hookimpl
    def notice_withdrawn(self, notice, settings, core):
        """A notice withdrawn: the automatic website posting ends (R-CK-12)."""
        from . import services

        services.on_notice_withdrawn(core, notice, settings)


plugin = Congkhai()
