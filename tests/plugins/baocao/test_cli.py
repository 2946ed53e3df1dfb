"""``thanthien baocao status`` (the indicators against their targets for a period; exit 1
when one is red) and ``thanthien baocao open-data DIR`` (the data package as files, which
frictionless validates)."""
from __future__ import annotations

import argparse
import io
import json

from thanthien.core.cli import CliContext
from thanthien.plugins.baocao import cli


def _run(settings, pm, db, argv):
    out = io.StringIO()
    ctx = CliContext(settings, pm, out=out)
    ctx._db = db
    command = cli.command()
    parser = argparse.ArgumentParser()
    command.configure(parser)
    return command.run(parser.parse_args(argv), ctx), out.getvalue()


def test_status_lists_every_indicator_with_its_target_and_fails_on_red(settings, pm, db, leaders, dossiers, core):
    code, text = _run(settings, pm, db, ["status", "--from", "01/03/2026", "--to", "31/03/2026"])
    assert "Chỉ tiêu từ 01/03/2026 đến 31/03/2026" in text
    labels = {ind.label for ind in core.indicators.all()}
    assert all(label in text for label in labels)
    # two dossiers of March were returned late against a target of none late: red, exit 1
    late = next(line for line in text.splitlines() if line.split("\t")[1:2] == ["Hồ sơ trả quá hạn"])
    assert late.split("\t")[2].startswith("2") and late.endswith("Chưa đạt")
    assert code == 1 and "Chưa đạt:" in text.splitlines()[-1]
    alias, _ = _run(settings, pm, db, ["tinh-hinh", "--from", "01/03/2026", "--to", "31/03/2026"])
    assert alias == 1


def test_open_data_writes_a_package_frictionless_validates(settings, pm, db, leaders, dossiers, core, tmp_path):
    from frictionless import validate

    folder = tmp_path / "du-lieu-mo"
    code, text = _run(settings, pm, db, ["open-data", "--year", "2026", str(folder)])
    assert code == 0 and "Đã ghi gói dữ liệu mở năm 2026" in text
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert len(package["resources"]) == len(list(core.indicators.all()))
    assert all((folder / r["path"]).is_file() for r in package["resources"])
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
