"""The ``thanthien`` console script: core's commands (:mod:`thanthien.core.commands`),
the plugins' (``register_cli_commands``), and ``serve`` and ``demo``, which need the web app.

Heavy imports (uvicorn, the app, the ORM) happen inside the commands, so
``thanthien --help`` stays fast.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

import attrs

from thanthien.core.cli import CliCommand, CliContext, run_cli
from thanthien.core.commands import core_commands, make_context
from thanthien.core.errors import ThanthienError
from thanthien.core.settings import Settings

__all__ = ["main", "make_context", "run_server", "web_commands"]


def web_commands(settings: Settings | None = None) -> list[CliCommand]:
    """Core's commands plus ``serve`` and ``demo`` (added to the plugins' commands)."""
    return [
        *core_commands(settings),
        CliCommand("serve", "Chạy ứng dụng web (uvicorn)", _serve_args, _serve),
        CliCommand("demo", "Tạo (nếu chưa có) và chạy phường mẫu với dữ liệu minh họa", _demo_args, _demo),
    ]


def main(argv: list[str] | None = None) -> int:
    return run_cli(argv, make_context, web_commands)


def _serve_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument(
        "--no-worker",
        action="store_true",
        help="không chạy việc định kỳ và gửi tin trong tiến trình này (dùng `thanthien worker` riêng)",
    )


def _port(value: int) -> int:
    if not 0 < value < 65536:
        raise ThanthienError(f"Cổng không hợp lệ: {value}")
    return value


class AccessLogWithoutQuery(logging.Filter):
    """uvicorn's access line without the query string: a look-up's address carries the
    receipt's secret (``/motcua/tra-cuu?ma=…&k=…``) and a staff search the name, ID number
    or phone typed (``?q=…``); none of it belongs in a log file that outlives the request."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (args[0], args[1], args[2].split("?", 1)[0], args[3], args[4])
        return True


def access_log_options(settings) -> dict:
    """uvicorn's options for the access log: one line per request with the path only, or
    none when the ward sets ``[web] access_log = false`` (a reverse proxy keeps its own)."""
    import copy

    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["no_query"] = {"()": f"{__name__}.AccessLogWithoutQuery"}
    config["handlers"]["access"]["filters"] = ["no_query"]
    return {"access_log": settings.web.access_log, "log_config": config}


def run_server(settings, pm, host: str, port: int, workers: int = 1, worker: bool = True) -> None:
    """Serve the app; ``worker`` also runs the scheduled jobs and the outbox (no crontab)."""
    import uvicorn

    port = _port(port)
    if workers < 1:
        raise ThanthienError("Số tiến trình (--workers) phải lớn hơn 0.")
    if workers > 1:
        # Each worker builds its own app from the same settings file.
        if settings.source:
            os.environ["THANTHIEN_CONFIG"] = str(Path(settings.source).resolve())
        os.environ["THANTHIEN_NO_WORKER"] = "0" if worker else "1"
        uvicorn.run(
            "thanthien.web.app:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            proxy_headers=True,
            log_level="info",
            **access_log_options(settings),
        )
        return
    from .app import create_app

    uvicorn.run(
        create_app(settings, pm, worker=worker),
        host=host,
        port=port,
        proxy_headers=True,
        log_level="info",
        **access_log_options(settings),
    )


def _serve(args, ctx: CliContext):
    print(f"thanthien: {ctx.settings.ward.name} — http://{args.host}:{args.port}/", file=ctx.out)
    run_server(ctx.settings, ctx.pm, args.host, args.port, args.workers, worker=not args.no_worker)


def _demo_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--data-dir", default=None, help="thư mục dữ liệu của phường mẫu (mặc định ./demo-data)")
    p.add_argument("--households", type=int, default=3000, help="số hộ gia đình (mặc định 3000)")
    p.add_argument("--no-serve", action="store_true", help="chỉ tạo dữ liệu, không chạy web")
    p.add_argument("--no-worker", action="store_true", help="không chạy việc định kỳ và gửi tin cùng web")


def _demo(args, ctx: CliContext):
    from thanthien.core import demo
    from thanthien.core.accounts import create_demo_accounts
    from thanthien.core.storage.kv import kv_get, kv_set

    if args.households < 1 or args.households > 2_000_000:
        raise ThanthienError("Số hộ gia đình phải từ 1 đến 2.000.000.")
    settings = ctx.settings
    if args.data_dir or not settings.source:
        # without a ward file the demo ward lives in ./demo-data (or --data-dir)
        data_dir = Path(args.data_dir or "demo-data").resolve()
        settings = settings.evolve(storage=attrs.evolve(settings.storage, data_dir=str(data_dir)))
    pm = ctx.pm
    ctx.settings = settings
    with ctx.session() as core:
        created = kv_get("demo.created")
        if created is None:
            print(f"Đang tạo phường mẫu ({args.households} hộ gia đình)…", file=ctx.out, flush=True)

            def progress(line: str) -> None:
                print(f"  … {line}", file=ctx.out, flush=True)

            demo.build_demo_ward(settings, pm, core, households=args.households, progress=progress)
            logins = create_demo_accounts(core)
            kv_set("demo.created", {"households": args.households, "logins": logins})
        info = kv_get("demo.created") or {}
    print(f"Phường mẫu: {settings.ward.name} — dữ liệu tại {settings.data_dir}", file=ctx.out)
    logins = info.get("logins") or []
    if logins:
        print(f"Tài khoản cán bộ mẫu (mật khẩu chung: {demo.DEMO_PASSWORD}):", file=ctx.out)
        for login in logins:
            print(f"  {login['username']:<12} {login['role_label']}", file=ctx.out)
    ctx.out.flush()
    if args.no_serve:
        return 0
    print(f"Mở http://{args.host}:{args.port}/ trong trình duyệt.", file=ctx.out)
    ctx.out.flush()
    run_server(settings, pm, args.host, args.port, worker=not args.no_worker)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
