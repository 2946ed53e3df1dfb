"""Per-plugin migrations with ``playhouse.migrations`` (docs/architecture.md, "Storage and migrations").

Each plugin declares a :class:`MigrationSet` through ``register_migrations``: a folder of
numbered scripts and its own history table ``<plugin>_migrations``. ``migrate_all``
applies core's first, then each plugin's, in name order.

Convention: ``0001_initial.py`` creates the plugin's tables from its current models, so
a later migration must converge on a database that 0001 already built with the new
shape: add columns with :func:`add_columns` (skips those present), create indexes
``IF NOT EXISTS``.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import peewee
from playhouse.migrations import Runner

from ..hooks import collect


@attrs.frozen
class MigrationSet:
    plugin: str
    directory: Path

    @property
    def table(self) -> str:
        return f"{self.plugin}_migrations"


def add_columns(migrator, db: peewee.Database, table: str, columns: dict[str, peewee.Field]) -> list[str]:
    """Add the columns ``table`` lacks (a database built by a newer 0001 has them)."""
    from playhouse.migrate import migrate

    present = {c.name for c in db.get_columns(table)}
    missing = [(name, field) for name, field in columns.items() if name not in present]
    if missing:
        migrate(*[migrator.add_column(table, name, field) for name, field in missing])
    return [name for name, _ in missing]


def migration_sets(pm, settings) -> list[MigrationSet]:
    sets = collect(pm.hook.register_migrations, settings=settings)
    return sorted(sets, key=lambda s: (s.plugin != "core", s.plugin))


def migrate_all(db: peewee.Database, pm, settings) -> list[str]:
    """Apply every pending migration; return the names applied (``plugin:name``)."""
    applied: list[str] = []
    with db.connection_context():
        for mset in migration_sets(pm, settings):
            runner = Runner(db, directory=str(mset.directory), table_name=mset.table)
            applied += [f"{mset.plugin}:{name}" for name in runner.up()]
    return applied


def schema_drift(db: peewee.Database, models: list[type[peewee.Model]]) -> list[str]:
    """What the database lacks of the declared ``models``: one line per missing table or
    column (Vietnamese, for ``thanthien migrate --check``); empty when they match.

    Columns the database has beyond the models are not drift (a later release may use
    them; migrations only add)."""
    problems: list[str] = []
    with db.connection_context():
        tables = set(db.get_tables())
        for model in sorted(models, key=lambda m: m._meta.table_name):
            table = model._meta.table_name
            if table not in tables:
                problems.append(f"thiếu bảng {table} (mô hình {model.__module__}.{model.__name__})")
                continue
            present = {c.name for c in db.get_columns(table)}
            for field in model._meta.sorted_fields:
                if field.column_name not in present:
                    problems.append(f"thiếu cột {table}.{field.column_name} (trường {model.__name__}.{field.name})")
    return problems


def pending_migrations(db: peewee.Database, pm, settings) -> list[str]:
    out: list[str] = []
    with db.connection_context():
        for mset in migration_sets(pm, settings):
            runner = Runner(db, directory=str(mset.directory), table_name=mset.table)
            done = runner.applied()
            out += [f"{mset.plugin}:{m.name}" for m in runner.migrations() if m.name not in done]
    return out
