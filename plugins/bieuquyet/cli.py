"""``thanthien bieuquyet``: the clocks of community decisions and the participation shares."""
from __future__ import annotations

import datetime as dt

from thanthien.core.cli import DATE_ARG, CliCommand, Subcommand, command_group


def check(args, ctx) -> int:
    """Matters whose forwarding (R-BQ-35) or recognition (R-BQ-36) is due or late."""
    from . import services

    day = args.date or dt.date.today()
    with ctx.session() as core:
        rows = services.matters.listing(core, limit=10_000)
        late = 0
        for m in rows:
            for label, due, done in (("gửi UBND, UB MTTQ", m.forward_due, m.forwarded_on),
                                     ("công nhận", m.recognition_due, m.recognised_on or m.refused_on)):
                if due and not done and due <= day:
                    late += due < day
                    ctx.print(f"{m.title}\t{m.unit_name}\thạn {label} {due:%d/%m/%Y}"
                              f"{' (quá hạn)' if due < day else ' (hôm nay)'}")
        ctx.print(f"{late} nội dung quá hạn.")
    return 1 if late else 0


def command() -> CliCommand:
    return command_group("bieuquyet", "Nhân dân bàn và quyết định: hạn gửi, công nhận; mức độ tham gia", [
        Subcommand("check", "Các nội dung đến hạn, quá hạn gửi UBND, UB MTTQ hoặc công nhận", check,
                   args=(DATE_ARG,), aliases=("kiem-tra",)),
    ])
