"""The bundle of core services an app, a CLI run or a test works with.

Build it once with :func:`make_services`; every piece reads the same settings and plugin
manager. This is the one obvious place to reach the case engine, the rules, the
calendar, access control, privacy, documents, notices, indicators and each plugin's
typed settings. Its conventional name in code is ``core`` (``core.cases.open(...)``,
``core.access.require(...)``): a plugin's own operations live in its ``services``
package, so the two never collide.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

import attrs
import peewee
import pluggy

from .access import AccessPolicy
from .calendar import WorkingCalendar
from .cases import CaseEngine, sync_calendar
from .documents import DocumentService
from .hooks import collect
from .indicators import IndicatorRegistry
from .notices import NoticeService, categories
from .privacy import PrivacyRegistry
from .rules import RuleBook, load_rulebook
from .settings import PluginSettings, Settings, plugin_section
from .storage.migrate import migrate_all
from .types import NoticeCategory


@attrs.define
class CoreServices:
    """Core's services for one ward: built lazily, one instance per app/CLI run/test."""

    settings: Settings
    pm: pluggy.PluginManager

    @cached_property
    def rules(self) -> RuleBook:
        return load_rulebook(self.settings, self.pm)

    @cached_property
    def calendar(self) -> WorkingCalendar:
        return self.pm.hook.working_calendar_for_ward(settings=self.settings)

    @cached_property
    def access(self) -> AccessPolicy:
        return AccessPolicy(self.pm, self.settings, self)

    @cached_property
    def cases(self) -> CaseEngine:
        return CaseEngine(self.pm, self.settings, self.rules, self.calendar, self.access, services=self)

    @cached_property
    def privacy(self) -> PrivacyRegistry:
        return PrivacyRegistry(self.pm, self.settings)

    @cached_property
    def documents(self) -> DocumentService:
        return DocumentService(self.pm, self.settings, rules=self.rules, core=self)

    @cached_property
    def notices(self) -> NoticeService:
        return NoticeService(self.pm, self.settings, core=self)

    @cached_property
    def notice_categories(self) -> dict[str, NoticeCategory]:
        return categories(self.pm, self.settings)

    @cached_property
    def indicators(self) -> IndicatorRegistry:
        return IndicatorRegistry(self)

    # -- typed plugin settings ----------------------------------------------

    @cached_property
    def plugin_settings(self) -> dict[str, Any]:
        """Every enabled plugin's ``[plugin.<name>]`` section, structured into the class it
        declared with ``register_plugin_settings`` (SettingsError on a bad section)."""
        out: dict[str, Any] = {}
        for decl in collect(self.pm.hook.register_plugin_settings, settings=self.settings):
            if not isinstance(decl, PluginSettings):
                raise TypeError(f"register_plugin_settings must return PluginSettings, not {decl!r}")
            out[decl.plugin] = plugin_section(self.settings, decl.plugin, decl.cls)
        return out

    def config(self, plugin: str) -> Any:
        """The typed settings of ``plugin`` (``[plugin.<name>]`` structured into its class)."""
        try:
            return self.plugin_settings[plugin]
        except KeyError:
            raise KeyError(f"plugin {plugin!r} declares no settings class (register_plugin_settings)") from None

    def check(self) -> None:
        """Validate what can be validated before serving: every plugin's settings section.
        ``create_app`` and the CLI call it, so a typo is refused at start."""
        _ = self.plugin_settings

    # -- database --------------------------------------------------------------

    def prepare_database(self, db: peewee.Database) -> list[str]:
        """Apply pending migrations, bind the audit key and checkpoint file (``[audit]``), then
        recompute deadlines if the calendar changed.

        The web app's lifespan and every CLI command that opens the database call this.
        Returns the migrations applied.
        """
        from . import audit

        applied = migrate_all(db, self.pm, self.settings)
        audit.configure_from_settings(db, self.settings)  # the key and checkpoints outside the database
        with db.connection_context():
            sync_calendar(self.cases)
        return applied


#: The older name of :class:`CoreServices` (kept for plugins written before the rename).
Services = CoreServices


def make_services(settings: Settings, pm: pluggy.PluginManager) -> CoreServices:
    return CoreServices(settings, pm)
