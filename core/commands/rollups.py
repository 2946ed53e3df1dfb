"""``thanthien rollups rebuild``: recount the dashboard rollup tables from the source rows."""

from __future__ import annotations

import argparse

from ..cli import CliCommand, CliContext
from ..hooks import collect


def command() -> CliCommand:
    return CliCommand("rollups", "Bảng tổng hợp cho bảng điều khiển: tính lại", _rollups_args, _rollups)


def _rollups_args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="rollups_cmd", required=True, metavar="rebuild")
    sub.add_parser("rebuild", help="tính lại toàn bộ bảng tổng hợp từ dữ liệu gốc")


def _rollups(args: argparse.Namespace, ctx: CliContext) -> None:
    from ..cases import rebuild_rollups  # the ORM: only when the command runs

    with ctx.session():
        n = rebuild_rollups()
        ctx.print(f"core: {n} dòng tổng hợp hồ sơ")
        for rollup in collect(ctx.pm.hook.register_rollups, settings=ctx.settings):
            ctx.print(f"{rollup.name}: {rollup.rebuild()} dòng")
