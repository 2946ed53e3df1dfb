"""``thanthien vidu groups [--limit N]``: the ward's residential groups, one per line
(``code<TAB>name``). ``thanthien vidu-tdp`` is the older name of the same command."""
from __future__ import annotations

import argparse

from thanthien.core.cli import CliCommand, CliContext, Subcommand, arg, command_group

from .types import GROUP_KINDS, PLUGIN

LIMIT_ARG = arg("--limit", type=int, default=None, metavar="N", help="số tổ dân phố tối đa")


def groups(args: argparse.Namespace, ctx: CliContext) -> int:
    """List the residential groups (tổ dân phố, thôn)."""
    from thanthien.core.people import list_units  # the ORM: only when the command runs

    with ctx.session() as core:
        limit = args.limit or core.config(PLUGIN).list_limit
        for unit in list_units(GROUP_KINDS)[:limit]:
            ctx.print(f"{unit.code}\t{unit.name}")
    return 0


def command() -> list[CliCommand]:
    return [
        command_group(PLUGIN, "Ví dụ phân hệ của phường", [
            Subcommand("groups", "Liệt kê tổ dân phố", groups, args=(LIMIT_ARG,)),
        ]),
        # the command's older name, kept working
        CliCommand("vidu-tdp", "Liệt kê tổ dân phố (ví dụ phân hệ của phường)",
                   lambda parser: LIMIT_ARG.add_to(parser), groups),
    ]
