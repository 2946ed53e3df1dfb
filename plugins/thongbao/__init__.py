"""Plan module ``thongbao``: notifications (thông báo) — residents and staff hear about what
concerns them, on the channels the ward has.

Core holds the transactional outbox and the worker (:mod:`thanthien.core.outbox`,
:mod:`thanthien.core.scheduler`); this module decides who gets what: the bundled channels
(e-mail over SMTP, SMS through the ward's provider, Zalo OA ZNS, the print list) through
``register_channels``, Vietnamese templates per event, consent per person and category
(R-DL-04; staff work messages under R-DL-05), quiet hours, the staff's daily digest, the
``message_requested`` contract for other modules, and the staff pages (outbox, resend,
test message, consent). Other modules' events are read by case-type tags and state
names; no other module is imported.
"""
from __future__ import annotations

from thanthien.core import PlanModule, hookimpl

from .settings import ThongbaoSettings


class Thongbao(PlanModule):
    name = "thongbao"  # == types.PLUGIN (types load with the hooks that use them)
    settings_class = ThongbaoSettings

    @hookimpl
    def register_permissions(self, settings):
        from thanthien.core.types import Permission

        from .types import P_CONSENT, P_MANAGE, P_VIEW, PLUGIN

        return [
            Permission(P_VIEW, "Xem tin nhắn đã gửi, danh sách in", ("chairperson", "vice_chairperson",
                                                                     "one_stop_officer", "admin"), PLUGIN),
            Permission(P_MANAGE, "Gửi lại tin nhắn, gửi tin thử qua các kênh", ("chairperson", "admin"), PLUGIN),
            Permission(P_CONSENT, "Xem và ghi nhận sự đồng ý nhận tin của người dân",
                       ("chairperson", "vice_chairperson", "one_stop_officer"), PLUGIN),
        ]

    @hookimpl
    def register_personal_fields(self, settings):
        from thanthien.core.privacy import PersonalField

        return [
            PersonalField("core_outbox", "recipient", "basic", "Địa chỉ nhận tin (thư điện tử, số điện thoại)"),
            PersonalField("thongbao_consent", "granted", "basic", "Sự đồng ý nhận tin của người dân"),
        ]

    @hookimpl
    def register_nav_items(self, settings):
        from thanthien.core.types import NavItem

        from .types import P_VIEW

        return [NavItem("Tin nhắn", "/thongbao/", P_VIEW, order=90)]

    @hookimpl
    def register_indicators(self, settings, core):
        from .indicators import indicators

        return indicators(core)

    @hookimpl
    def register_channels(self, settings, core):
        from urllib.parse import urlparse

        from .channels import bundled_channels
        from .types import PLUGIN

        domain = urlparse(settings.web.base_url).hostname or "thanthien.local"
        return bundled_channels(core.config(PLUGIN), domain)

    @hookimpl
    def register_jobs(self, settings):
        from thanthien.core.scheduler import Job

        return [Job("thongbao.digest", "Gửi tin tóm tắt việc trong ngày cho cán bộ", ("thongbao", "digest"),
                    at=settings_digest_at(settings))]

    @hookimpl
    def message_requested(self, message, core):
        """Another module's message: consent, channel, quiet hours, then the outbox."""
        from . import services

        services.safely(services.on_message_requested, core, message)

    @hookimpl
    def case_opened(self, case, event, core):
        from . import services

        services.safely(services.on_case, core, case, event, "opened")

    @hookimpl
    def case_transitioned(self, case, event, core):
        from . import services

        services.safely(services.on_case, core, case, event, "moved")

    @hookimpl
    def case_closed(self, case, event, core):
        from . import services

        services.safely(services.on_case, core, case, event, "closed")

    @hookimpl
    def case_overdue(self, case, today, core):
        from . import services

        services.safely(services.on_case_overdue, core, case, today)

    @hookimpl
    def notice_published(self, notice, core):
        from . import services

        services.safely(services.on_notice_published, core, notice)


def settings_digest_at(settings) -> str:
    """The digest's time from ``[plugin.thongbao] digest_at`` (the default when unset)."""
    from thanthien.core.settings import plugin_section

    from .types import PLUGIN

    return plugin_section(settings, PLUGIN, ThongbaoSettings).digest_at


plugin = Thongbao()
