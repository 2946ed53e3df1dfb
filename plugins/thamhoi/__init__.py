"""Plan module ``thamhoi``: contact, visits and encouragement (tiếp xúc, thăm hỏi, động viên).

Plan section III.1.6; rules R-VB (letters in the NĐ 30/2020 layout), R-DL (the family's
data stays off public pages), R-MC-15 / R-MC-17 (apology letters), R-LV (holiday dates).

The plugin object is :class:`Thamhoi`: migrations, templates, routes (``views.routes``),
the CLI (``cli.command``), the demo (``demo.populate``) and the settings
(:class:`~.settings.ThamhoiSettings`) come from :class:`~thanthien.core.module.PlanModule`'s
conventions; the hooks below are what this module adds. The work is in :mod:`.services`.
"""
from __future__ import annotations

from thanthien.core import PlanModule, hookimpl

from .settings import ThamhoiSettings

#: letters name families: readable by leaders and by the staff of the letter's unit
VIEWERS = ("chairperson", "vice_chairperson", "department_officer", "one_stop_officer")


class Thamhoi(PlanModule):
    name = "thamhoi"  # == types.PLUGIN (types load with the hooks that use them)
    settings_class = ThamhoiSettings

    @hookimpl
    def register_permissions(self, settings):
        from thanthien.core.types import Permission

        from .types import P_MANAGE, P_SIGN, P_VIEW, PLUGIN

        return [
            Permission(P_VIEW, "Xem thư thăm hỏi, chúc mừng và hoạt động thăm hỏi", VIEWERS, PLUGIN),
            Permission(P_MANAGE, "Soạn thư, lập kế hoạch lễ trao thư, thăm hỏi, gặp mặt",
                       ("chairperson", "vice_chairperson", "department_officer"), PLUGIN),
            Permission(P_SIGN, "Ký thư của Chủ tịch UBND, công bố thư chúc mừng",
                       ("chairperson", "vice_chairperson"), PLUGIN),
        ]

    @hookimpl
    def register_letter_templates(self, settings):
        from thanthien.core.types import LetterTemplate

        from .types import LETTER_KINDS, PLUGIN

        return [LetterTemplate(key, name, f"letters/{key}.html", 0, PLUGIN) for key, name in LETTER_KINDS.items()]

    @hookimpl
    def register_document_types(self, settings):
        from thanthien.core.documents import DocumentType

        from .types import DOC_TYPE, PLUGIN

        # NĐ 30/2020 Art. 7 "thư công": a letter kind with "Kính gửi:" and "V/v" (R-VB-14, R-VB-19)
        return [DocumentType(DOC_TYPE, "Thư công", "", "documents/thamhoi_thu_cong.html", kind="letter",
                             plugin=PLUGIN)]

    @hookimpl
    def register_personal_fields(self, settings):
        from thanthien.core.privacy import PersonalField

        return [
            PersonalField("thamhoi_letter", "addressee", "basic", "Người nhận thư"),
            PersonalField("thamhoi_letter", "context", "basic", "Họ tên người trong gia đình được chúc mừng, chia buồn"),
            PersonalField("thamhoi_activity", "guests", "basic", "Khách mời gặp mặt"),
            PersonalField("thamhoi_activity", "place", "basic", "Địa chỉ gia đình được thăm hỏi"),
        ]

    @hookimpl
    def register_indicators(self, settings, core):
        from .indicators import indicators

        return indicators(core)

    @hookimpl
    def register_nav_items(self, settings):
        from thanthien.core.types import NavItem

        from .types import P_VIEW

        return [NavItem("Thăm hỏi", "/thamhoi/", P_VIEW, order=40)]

    @hookimpl
    def life_event_recorded(self, kind, people, case, core):
        """A birth, marriage or death registered: draft the congratulation or condolence
        letter in the same transaction (plan III.1.6)."""
        from . import services

        services.on_life_event(core, kind, people, case)

    @hookimpl
    def case_closed(self, case, event, core):
        """A TTHC result returned late: draft the apology letter (plan III.1.6, R-MC-15)."""
        from . import services

        services.on_case_closed(core, case)

    @hookimpl
    def register_rollups(self, settings):
        """The letters per year × kind × state × unit (the desk's counts)."""
        from .services.common import LETTER_COUNTS

        return [LETTER_COUNTS.rollup()]

    @hookimpl
    def register_jobs(self, settings):
        """The daily check, run by the worker (``thanthien serve``/``worker``) without a crontab."""
        from thanthien.core.scheduler import Job

        return [Job("thamhoi.check", "Soạn trước thư chúc mừng các dịp lễ sắp tới",
                    ("thamhoi", "check"), at="06:25")]


plugin = Thamhoi()
