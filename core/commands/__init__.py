"""Core's ``thanthien`` sub-commands, one module per area, and the console script's context.

=================  ==========================================================
``config``         ``init`` (write a commented ``thanthien.toml``), ``plugins``
``database``       ``migrate [--status|--check]``, ``backup``, ``restore``
``calendar``       ``calendar due | holidays | check``
``rules``          ``rules list | show | doc``
``cases``          ``cases due-soon | overdue | check`` (the daily job)
``audit``          ``audit verify | list``
``rollups``        ``rollups rebuild``
``users``          ``user add | passwd | roles | disable | list``
``jobs``           ``worker [--once]``, ``jobs [run NAME]`` (scheduled work, no crontab)
=================  ==========================================================

The framework (parsing, errors, :class:`~thanthien.core.cli.CliContext`) is
:mod:`thanthien.core.cli`; plan modules add their commands with ``register_cli_commands``;
the web app adds ``serve`` and ``demo`` (:mod:`thanthien.web.cli`, the console script).
Each command imports what is heavy (the ORM, argon2) inside its run function, so
``thanthien --help`` does not load them.
"""

from __future__ import annotations

from typing import Any

from ..cli import CliCommand, CliContext, default_core_factory
from ..plugins import make_plugin_manager
from ..settings import Settings, load_settings
from . import audit, calendar, cases, config, database, jobs, rollups, rules, users


def core_commands(settings: Settings | None = None) -> list[CliCommand]:
    """Every core command (the console script adds them to the plugins' commands)."""
    return [
        config.init_command(),
        config.plugins_command(),
        database.migrate_command(),
        database.backup_command(),
        database.restore_command(),
        audit.command(),
        rollups.command(),
        cases.command(),
        calendar.cli_command(),
        rules.cli_command(),
        users.command(),
        jobs.worker_command(),
        jobs.jobs_command(),
    ]


def context(settings: Settings, pm: Any, **kw: Any) -> CliContext:
    """A command context for ``settings`` and ``pm`` whose bundle is core's ``make_services``."""
    kw.setdefault("core_factory", default_core_factory)
    return CliContext(settings=settings, pm=pm, **kw)


def make_context(config_path: str | None) -> CliContext:
    """The console script's context: settings from ``--config`` (then ``$THANTHIEN_CONFIG``,
    then ``./thanthien.toml``), the plugin manager with the installed plugins."""
    settings = load_settings(config_path)
    return context(settings, make_plugin_manager(settings))
