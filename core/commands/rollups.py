"""``thanthien rollups rebuild``: recount the dashboard rollup tables from the source rows;
``thanthien rollups check``: compare them with the rows and report each difference."""

from __future__ import annotations

import argparse

from ..cli import CliCommand, CliContext
from ..hooks import collect


def command() -> CliCommand:
    return CliCommand("rollups", "Bảng tổng hợp cho bảng điều khiển: tính lại", _rollups_args, _rollups)


def _rollups_args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="rollups_cmd", required=True, metavar="rebuild|check")
    sub.add_parser("rebuild", help="tính lại toàn bộ bảng tổng hợp từ dữ liệu gốc")
    sub.add_parser("check", help="đối chiếu bảng tổng hợp với dữ liệu gốc, báo chỗ lệch")


def _rollups(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..cases import rebuild_rollups  # the ORM: only when the command runs
    from ..outbox import OUTBOX_COUNTS
    from ..rollups import mismatch_lines

    with ctx.session():
        rollups = [OUTBOX_COUNTS.rollup(), *collect(ctx.pm.hook.register_rollups, settings=ctx.settings)]
        if args.rollups_cmd == "check":
            wrong = 0
            for rollup in rollups:
                if rollup.check is None:
                    continue
                found = rollup.check()
                wrong += len(found)
                for line in mismatch_lines(rollup.name, found):
                    ctx.print(line)
            ctx.print(f"{wrong} chỗ lệch" if wrong else "Bảng tổng hợp khớp với dữ liệu gốc")
            return 1 if wrong else 0
        n = rebuild_rollups()
        ctx.print(f"core: {n} dòng tổng hợp hồ sơ")
        for rollup in rollups:
            ctx.print(f"{rollup.name}: {rollup.rebuild()} dòng")
    return 0
