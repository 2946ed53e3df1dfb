"""``thanthien audit verify | checkpoint | list``: the hash-chained audit log, its keyed
signatures and the signed checkpoints kept outside the database (``[audit]``)."""

from __future__ import annotations

import argparse

from ..cli import CliCommand, CliContext


def command() -> CliCommand:
    return CliCommand("audit", "Nhật ký kiểm toán: kiểm tra chuỗi băm, xem bản ghi", _audit_args, _audit)


def _audit_args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="audit_cmd", required=True, metavar="verify|checkpoint|list")
    sub.add_parser("verify", help="kiểm tra toàn bộ chuỗi băm, chữ ký khóa và điểm kiểm tra đã ký")
    sub.add_parser("checkpoint", help="ghi ngay một điểm kiểm tra đã ký (số bản ghi, mã băm cuối) ra tệp")
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
                ring = audit.keyring()
                latest = audit.latest_checkpoint(ring) if ring else None
                signed = f"; khớp điểm kiểm tra đã ký gần nhất ({latest['seq']} bản ghi)" if latest else ""
                ctx.print(f"Chuỗi nhật ký toàn vẹn: {result.checked} bản ghi{signed}")
                return 0
            ctx.print(f"Chuỗi nhật ký KHÔNG toàn vẹn: {len(result.problems)} lỗi / {result.checked} bản ghi")
            return 1
        if args.audit_cmd == "checkpoint":
            point = audit.checkpoint()
            if point is None:
                ctx.print("Chưa cấu hình khóa nhật ký kiểm toán.")
                return 1
            ring = audit.keyring()
            ctx.print(
                f"Đã ghi điểm kiểm tra: {point['seq']} bản ghi, mã băm cuối {point['hash'][:16]}… "
                f"vào {ring.checkpoint_file if ring else ''}"
            )
            return 0
        for e in audit.entries(entity=args.entity, limit=args.limit):
            ctx.print(f"{e.seq}\t{e.at:%d/%m/%Y %H:%M:%S}\t{e.actor_name}\t{e.action}\t{e.entity}:{e.entity_id}")
    return 0
