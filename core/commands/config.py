"""``thanthien init [PATH]``: write a commented ``thanthien.toml``; ``thanthien plugins``: list plugins."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..cli import CliCommand, CliContext
from ..errors import ThanthienError
from ..settings import SAMPLE_CONFIG


def init_command() -> CliCommand:
    return CliCommand("init", "Tạo tệp cấu hình thanthien.toml có chú thích", _init_args, _init)


def plugins_command() -> CliCommand:
    return CliCommand("plugins", "Liệt kê các phân hệ, phiên bản, hook và trạng thái bật/tắt", _no_args, _plugins)


def _no_args(p: argparse.ArgumentParser) -> None:
    pass


def _init_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", nargs="?", default="thanthien.toml")
    p.add_argument("--force", action="store_true", help="ghi đè tệp đã có")


def _init(args: argparse.Namespace, ctx: CliContext) -> None:
    path = Path(args.path)
    if path.exists() and not args.force:
        raise ThanthienError(f"Tệp {path} đã tồn tại; dùng --force để ghi đè.")
    path.write_text(SAMPLE_CONFIG, encoding="utf-8")
    ctx.print(f"Đã tạo {path}")


def _plugins(args: argparse.Namespace, ctx: CliContext) -> None:
    from ..plugins import plugin_infos

    for info in plugin_infos(ctx.pm):
        state = "bật" if info.enabled else "tắt"
        kind = " (hệ thống)" if info.system else ""
        ctx.print(f"{info.name}\t{info.version}\t{state}{kind}\t{','.join(info.hooks)}")
