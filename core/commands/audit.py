"""``thanthien audit verify | list``: the hash-chained audit log."""
from __future__ import annotations

import argparse

from ..cli import CliCommand, CliContext


def command() -> CliCommand:
    return CliCommand("audit", "Nhật ký kiểm toán: kiểm tra chuỗi băm, xem bản ghi", _audit_args, _audit)


def _audit_args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="audit_cmd", required=True, metavar="verify|list")
    sub.add_parser("verify", help="kiểm tra toàn bộ chuỗi băm")
    ls = sub.add_parser("list", help="các bản ghi mới nhất")
    ls.add_argument("--limit", type=int, default=20)
    ls.add_argument("--entity")


def _audit(args: argparse.Namespace, ctx: CliContext) -> int:
    from .. import audit  # the ORM: only when the command runs

    with ctx.session():
        if args.audit_cmd == "verify":
            result = audit.verify_chain()
            for problem in result.problems:
                ctx.print(problem)
            if result.ok:
                ctx.print(f"Chuỗi nhật ký toàn vẹn: {result.checked} bản ghi")
                return 0
            ctx.print(f"Chuỗi nhật ký KHÔNG toàn vẹn: {len(result.problems)} lỗi / {result.checked} bản ghi")
            return 1
        for e in audit.entries(entity=args.entity, limit=args.limit):
            ctx.print(f"{e.seq}\t{e.at:%d/%m/%Y %H:%M:%S}\t{e.actor_name}\t{e.action}\t{e.entity}:{e.entity_id}")
    return 0
