"""``thanthien baocao``: the plan's indicators against their targets for a period, and the
open-data package written to a folder (for a province's system or the ward website's host)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from thanthien.core.cli import PERIOD_ARGS, CliCommand, Subcommand, arg, command_group
from thanthien.core.text import format_date

YEAR_ARG = arg("--year", "--nam", dest="year", type=int, default=None, metavar="NĂM",
               help="năm của số liệu (mặc định năm nay)")
FOLDER_ARG = arg("folder", metavar="THƯ_MỤC", help="thư mục ghi gói dữ liệu (tạo nếu chưa có)")


def status(args, ctx) -> int:
    """Every ward-wide indicator over the period (default: this year to today) against its
    target; exit status 1 when one is red (for a monthly check)."""
    from .services import charts, dashboard, periods
    from .types import STATUS_LABELS

    today = dt.date.today()
    start = args.start or today.replace(month=1, day=1)
    end = args.end or today
    with ctx.session() as core:
        rows = dashboard.board(core, periods.period("custom", start.year, start=start, end=end), None)
    ctx.print(f"Chỉ tiêu từ {format_date(start)} đến {format_date(end)}")
    ctx.print("Phân hệ\tChỉ tiêu\tGiá trị\tChỉ tiêu kế hoạch\tĐánh giá")
    for r in rows:
        target = "—" if r.target is None else charts.fmt(r.target, r.unit)
        ctx.print(f"{r.module}\t{r.label}\t{charts.fmt(r.value, r.unit)}\t{target}\t{r.status_label}")
    counts = dashboard.summary(rows)
    ctx.print("; ".join(f"{STATUS_LABELS[key]}: {n}" for key, n in counts.items() if n))
    return 1 if counts.get("red") else 0


def open_data(args, ctx) -> int:
    """The Frictionless Data Package of every indicator series (``datapackage.json`` and one
    CSV per indicator, month by month of the year; aggregates only, no personal data)."""
    from .services import opendata

    today = dt.date.today()
    year = args.year or today.year
    folder = Path(args.folder)
    with ctx.session() as core:
        package = opendata.datapackage(core, year, today)
        files = {opendata.csv_path(ind.key): opendata.series_csv(core, ind, year, today)
                 for ind in opendata.indicators(core)}
    for resource in package["resources"]:
        resource["path"] = resource["path"].split("?", 1)[0]  # a file, not the web address
    for rel, data in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (folder / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    ctx.print(f"Đã ghi gói dữ liệu mở năm {year}: {len(files)} chỉ tiêu vào {folder}")
    return 0


def command() -> CliCommand:
    return command_group("baocao", "Báo cáo, theo dõi kế hoạch: chỉ tiêu so với kế hoạch, dữ liệu mở", [
        Subcommand("status", "Các chỉ tiêu của Kế hoạch trong kỳ, so với chỉ tiêu kế hoạch", status,
                   args=PERIOD_ARGS, aliases=("tinh-hinh",)),
        Subcommand("open-data", "Ghi gói dữ liệu mở (datapackage.json và CSV) vào một thư mục", open_data,
                   args=(YEAR_ARG, FOLDER_ARG), aliases=("du-lieu-mo",)),
    ])
