"""Per-plugin migrations with ``playhouse.migrations`` (DESIGN.md §5).

Each plugin declares a :class:`MigrationSet` through ``register_migrations``: a folder of
numbered scripts and its own history table ``<plugin>_migrations``. ``migrate_all``
applies core's first, then each plugin's, in name order.

Convention: ``0001_initial.py`` creates the plugin's tables from its models. Before a
model changes, freeze the original model into ``0001`` and add ``0002_…`` with
``migrator`` operations, so old and new databases converge.
"""
from __future__ import annotations

from pathlib import Path

import attrs
import peewee
from playhouse.migrations import Runner

from ..plugins import collect


@attrs.frozen
class MigrationSet:
    plugin: str
    directory: Path

    @property
    def table(self) -> str:
        return f"{self.plugin}_migrations"


def migration_sets(pm, settings) -> list[MigrationSet]:
    sets = collect(pm, "register_migrations", settings=settings)
    return sorted(sets, key=lambda s: (s.plugin != "core", s.plugin))


def migrate_all(db: peewee.Database, pm, settings) -> list[str]:
    """Apply every pending migration; return the names applied (``plugin:name``)."""
    applied: list[str] = []
    with db.connection_context():
        for mset in migration_sets(pm, settings):
            runner = Runner(db, directory=str(mset.directory), table_name=mset.table)
            applied += [f"{mset.plugin}:{name}" for name in runner.up()]
    return applied


def pending_migrations(db: peewee.Database, pm, settings) -> list[str]:
    out: list[str] = []
    with db.connection_context():
        for mset in migration_sets(pm, settings):
            runner = Runner(db, directory=str(mset.directory), table_name=mset.table)
            done = runner.applied()
            out += [f"{mset.plugin}:{m.name}" for m in runner.migrations() if m.name not in done]
    return out
