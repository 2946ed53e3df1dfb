"""The bundle of core services an app, a CLI run or a test works with.

Build it once with :func:`make_services`; every piece reads the same settings and
plugin manager. This is the one obvious place to reach the case engine, the rules, the
calendar, access control, privacy and documents.
"""
from __future__ import annotations

from functools import cached_property

import attrs
import pluggy

from .settings import Settings


@attrs.define
class Services:
    settings: Settings
    pm: pluggy.PluginManager

    @cached_property
    def rules(self):
        from .rules import load_rulebook

        return load_rulebook(self.settings, self.pm)

    @cached_property
    def calendar(self):
        return self.pm.hook.working_calendar_for_ward(settings=self.settings)

    @cached_property
    def access(self):
        from .access import AccessPolicy

        return AccessPolicy(self.pm, self.settings)

    @cached_property
    def cases(self):
        from .cases import CaseEngine

        return CaseEngine(self.pm, self.settings, self.rules, self.calendar, self.access, services=self)

    @cached_property
    def privacy(self):
        from .privacy import PrivacyRegistry

        return PrivacyRegistry(self.pm, self.settings)

    @cached_property
    def documents(self):
        from .documents import DocumentService

        return DocumentService(self.pm, self.settings, rules=self.rules)

    def prepare_database(self, db) -> list[str]:
        """Apply pending migrations, then recompute deadlines if the calendar changed.

        The web app's lifespan and every CLI command that opens the database call this.
        Returns the migrations applied.
        """
        from .cases import sync_calendar
        from .storage.migrate import migrate_all

        applied = migrate_all(db, self.pm, self.settings)
        with db.connection_context():
            sync_calendar(self.cases)
        return applied

    @cached_property
    def notice_categories(self):
        from .notices import categories

        return categories(self.pm, self.settings)


def make_services(settings: Settings, pm: pluggy.PluginManager) -> Services:
    return Services(settings, pm)
