"""The ``thanthien`` command-line framework.

Commands are contributed through ``register_cli_commands`` (core's own too), so a
disabled plugin's commands disappear with it. Every user error is a
:class:`~thanthien.core.errors.ThanthienError`: printed on one line to stderr, exit 2.

A plan module declares its command as a group of sub-commands::

    def command() -> CliCommand:
        return command_group("motcua", "Một cửa: …", [
            Subcommand("due-soon", "Hồ sơ sắp đến hạn", due_soon, args=(DATE_ARG,)),
            Subcommand("register", "Sổ theo dõi (Mẫu 07)", register, args=PERIOD_ARGS),
        ])

    def due_soon(args, ctx):
        with ctx.session() as core:        # database opened and migrated, one connection
            for case in core.cases.due_soon(args.date, 1): ...

Naming rule: sub-commands are English words joined by hyphens; options too
(``--from/--to`` dates as ``YYYY-MM-DD`` or ``dd/mm/yyyy``); an older Vietnamese name
stays as an alias.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

import attrs
import pluggy

from .errors import ThanthienError
from .hooks import collect
from .settings import Settings

if TYPE_CHECKING:
    from .services import CoreServices


@attrs.frozen
class CliCommand:
    """A sub-command: ``configure`` adds its arguments, ``run`` does the work.

    ``run(args, ctx)`` returns the exit status (``None`` means 0). Nested commands
    (``thanthien rules list``) add their own sub-parsers in ``configure``.
    """

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, CliContext], int | None]
    aliases: tuple[str, ...] = ()


#: Builds the services bundle of a run from its settings and plugin manager.
CoreFactory = Callable[[Settings, pluggy.PluginManager], "CoreServices"]


def default_core_factory(settings: Settings, pm: pluggy.PluginManager) -> CoreServices:
    """Core's :func:`~thanthien.core.services.make_services`, imported when a command first
    needs the bundle (the ORM stays out of ``thanthien --help``)."""
    from .services import make_services

    return make_services(settings, pm)


@attrs.define
class CliContext:
    """What a command receives: settings, plugin manager, output streams, database and
    one :class:`~thanthien.core.services.CoreServices` bundle (``ctx.core``).

    The entry point (:func:`thanthien.core.commands.make_context`) gives the context its
    bundle factory; ``core=`` hands it a ready bundle (tests).
    """

    settings: Settings
    pm: pluggy.PluginManager
    out: TextIO = attrs.field(factory=lambda: sys.stdout)
    err: TextIO = attrs.field(factory=lambda: sys.stderr)
    _db: object = None
    _core: Any = None
    core_factory: CoreFactory | None = None

    @property
    def core(self) -> CoreServices:
        """The services bundle of this run (built once)."""
        if self._core is None:
            core = (self.core_factory or default_core_factory)(self.settings, self.pm)
            core.check()  # a typo in a [plugin.x] section is refused before the command runs
            self._core = core
        return self._core

    #: older name
    services = core

    def db(self, migrate: bool = True):
        """Open the ward database (once) and apply pending migrations."""
        if self._db is None:
            from .storage.db import open_database  # the ORM: only for commands that use the database

            self._db = open_database(self.settings.database_url)
            if migrate:
                self.core.prepare_database(self._db)
        return self._db

    @contextlib.contextmanager
    def session(self, migrate: bool = True) -> Iterator[CoreServices]:
        """The database opened (and migrated) with one connection for the block; yields ``core``."""
        database = self.db(migrate)
        with database.connection_context():  # type: ignore[attr-defined]
            yield self.core

    def print(self, *parts: object) -> None:
        print(*parts, file=self.out)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------
# declarative sub-command groups
# ---------------------------------------------------------------------------


@attrs.frozen
class Arg:
    """One ``add_argument(*flags, **options)`` call."""

    flags: tuple[str, ...]
    options: dict[str, Any] = attrs.Factory(dict)

    def add_to(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(*self.flags, **self.options)


def arg(*flags: str, **options: Any) -> Arg:
    return Arg(tuple(flags), options)


@attrs.frozen
class Subcommand:
    """``thanthien <group> <name>``: ``run(args, ctx)`` returns the exit status (None = 0)."""

    name: str
    help: str
    run: Callable[[argparse.Namespace, CliContext], int | None]
    args: tuple[Arg, ...] = ()
    aliases: tuple[str, ...] = ()


def command_group(
    name: str, help: str, subcommands: Iterable[Subcommand], *, aliases: tuple[str, ...] = ()
) -> CliCommand:
    """A command made of sub-commands (``thanthien motcua due-soon``), declared as data."""
    subs = list(subcommands)

    def configure(parser: argparse.ArgumentParser) -> None:
        sp = parser.add_subparsers(dest=f"{name}_sub", metavar="SUBCOMMAND", required=True, parser_class=_Parser)
        for sub in subs:
            p = sp.add_parser(sub.name, help=sub.help, description=sub.help, aliases=list(sub.aliases))
            for a in sub.args:
                a.add_to(p)
            p.set_defaults(_subcommand=sub)

    def run(args: argparse.Namespace, ctx: CliContext) -> int | None:
        return args._subcommand.run(args, ctx)

    return CliCommand(name, help, configure, run, aliases)


def date_option(text: str) -> dt.date:
    """argparse ``type=`` for a date option: ``YYYY-MM-DD`` or ``dd/mm/yyyy``."""
    return date_arg(text)


#: ``--date D`` (default: today).
DATE_ARG = arg(
    "--date",
    "--ngay",
    dest="date",
    type=date_option,
    default=None,
    metavar="NGÀY",
    help="ngày tính (YYYY-MM-DD hoặc dd/mm/yyyy; mặc định hôm nay)",
)
#: ``--from D --to D`` (older ``--tu/--den`` accepted).
PERIOD_ARGS = (
    arg(
        "--from",
        "--tu",
        dest="start",
        type=date_option,
        default=None,
        metavar="NGÀY",
        help="từ ngày (YYYY-MM-DD hoặc dd/mm/yyyy)",
    ),
    arg(
        "--to",
        "--den",
        dest="end",
        type=date_option,
        default=None,
        metavar="NGÀY",
        help="đến ngày (YYYY-MM-DD hoặc dd/mm/yyyy)",
    ),
)


def date_arg(text: str | None, default: dt.date | None = None) -> dt.date:
    """A date given on the command line: YYYY-MM-DD or dd/mm/yyyy; empty gives ``default``
    (today when None). A bad value is a one-line Vietnamese error."""
    if not text or not text.strip():
        return default or dt.date.today()
    from .converters import parse_date  # cattrs: imported by the commands that read a date

    try:
        return parse_date(text)
    except ValueError:
        raise ThanthienError(f"Ngày không hợp lệ: '{text}' (dạng YYYY-MM-DD hoặc dd/mm/yyyy).") from None


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so errors stay one line."""

    def error(self, message: str):  # type: ignore[override]
        raise CliUsageError(f"{self.prog}: {message}")


class CliUsageError(ThanthienError):
    code = "usage"


def build_parser(commands: list[CliCommand]) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="thanthien",
        description="thanthien — Chính quyền thân thiện, Nhân dân phát huy quyền làm chủ",
    )
    parser.add_argument("--config", metavar="PATH", help="tệp cấu hình thanthien.toml")
    parser.register("action", "lazy_parsers", _LazySubParsers)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser, action="lazy_parsers")
    lazy = cast(_LazySubParsers, sub)
    for cmd in sorted(commands, key=lambda c: c.name):
        p = sub.add_parser(cmd.name, help=cmd.help, description=cmd.help, aliases=list(cmd.aliases))
        p.set_defaults(_command=cmd)
        lazy.pending[p] = cmd.configure
    return parser


class _LazySubParsers(argparse._SubParsersAction):
    """Sub-commands whose arguments are added when the sub-command is chosen: the top-level
    help lists only names and one-line help, so ``thanthien --help`` does not build the
    parsers of some seventy sub-commands. What a chosen command parses, and its help, are
    the same as when every parser is built up front (:func:`configured`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pending: dict[argparse.ArgumentParser, Callable[[argparse.ArgumentParser], None]] = {}

    def configure(self, parser: argparse.ArgumentParser) -> None:
        configure = self.pending.pop(parser, None)
        if configure is not None:
            configure(parser)

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        chosen = self._name_parser_map.get(values[0]) if values else None
        if chosen is not None:
            self.configure(chosen)
        super().__call__(parser, namespace, values, option_string)


def configured(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """``parser`` with every sub-command's arguments added (for tools that walk the parsers)."""
    for action in parser._actions:
        if isinstance(action, _LazySubParsers):
            for p in list(action.pending):
                action.configure(p)
    return parser


def run_cli(
    argv: list[str] | None,
    make_context: Callable[[str | None], CliContext],
    extra_commands: Callable[[Settings], list[CliCommand]] = lambda s: [],
) -> int:
    """Parse ``argv``, build the context from ``--config``, run the command.

    ``make_context(config_path)`` loads settings and the plugin manager; errors in it
    (a bad thanthien.toml) are reported like any other user error.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    config = _peek_config(argv)
    ctx: CliContext | None = None
    try:
        ctx = make_context(config)
        commands = collect(ctx.pm.hook.register_cli_commands, settings=ctx.settings)
        commands += extra_commands(ctx.settings)
        parser = build_parser(commands)
        args = parser.parse_args(argv)
        command: CliCommand | None = getattr(args, "_command", None)
        if command is None:
            parser.print_help(ctx.out)
            return 2
        status = command.run(args, ctx)
        return int(status or 0)
    except ThanthienError as exc:
        print(f"Lỗi: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # pragma: no cover - `thanthien … | head`
        return 0
    except Exception as exc:  # noqa: BLE001 - no traceback reaches a user
        where = _log_unexpected(ctx)
        print(f"Lỗi hệ thống ({type(exc).__name__}): {exc}. Chi tiết kỹ thuật: {where}", file=sys.stderr)
        return 1
    finally:
        if ctx is not None:
            ctx.close()


def _log_unexpected(ctx: CliContext | None) -> str:
    """Append the traceback of an unexpected error to ``<data dir>/logs/thanthien-cli.log``
    (or the system temp folder) and return where it went."""
    folders = [ctx.settings.data_dir / "logs"] if ctx is not None else []
    for folder in [*folders, Path(tempfile.gettempdir())]:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "thanthien-cli.log"
            with path.open("a", encoding="utf-8") as fh:
                fh.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} {' '.join(sys.argv)}\n")
                fh.write(traceback.format_exc())
            return str(path)
        except OSError:
            continue
    return "không ghi được nhật ký"


def _peek_config(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--config" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--config="):
            return arg.split("=", 1)[1]
    return None
