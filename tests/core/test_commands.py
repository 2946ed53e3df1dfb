"""Core's commands in process: ``cases due-soon | overdue | check`` (the daily job) with
their tab-separated output, and the English names with their one-line errors."""
from __future__ import annotations

import datetime as dt
import io

import pytest

from tests.fixture_plugins import sample_cases
from thanthien.core.cli import CliContext, run_cli
from thanthien.core.commands import core_commands


class _Ctx(CliContext):
    def close(self):  # the test's database stays open
        pass


@pytest.fixture
def extra_plugins():
    return [("sample_cases", sample_cases)]


@pytest.fixture
def cli(settings, pm, db, core):
    def run(*argv: str) -> tuple[int, list[str]]:
        out = io.StringIO()
        ctx = _Ctx(settings=settings, pm=pm, out=out, core=core)
        ctx._db = db
        code = run_cli(list(argv), lambda config: ctx, core_commands)
        return code, out.getvalue().splitlines()

    return run


def test_cases_due_soon_overdue_and_the_daily_check(core, cli):
    case = core.cases.open("sample_request", "Xin xác nhận", received_at=dt.datetime(2026, 3, 2, 9, 0))
    due = case.due_date
    code, lines = cli("cases", "due-soon", "--date", (due - dt.timedelta(days=1)).isoformat(), "--working-days", "2")
    assert code == 0 and lines[0].split("\t")[:3] == [case.number, "sample_request", due.isoformat()]
    assert lines[-1] == "1 hồ sơ"
    after = (due + dt.timedelta(days=3)).strftime("%d/%m/%Y")  # dd/mm/yyyy is accepted too
    code, lines = cli("cases", "overdue", "--date", after, "--type", "khong_co")
    assert code == 0 and lines == ["0 hồ sơ"]
    code, lines = cli("cases", "check", "--date", after)
    assert code == 0 and lines == ["1 hồ sơ mới quá hạn"]
    code, lines = cli("cases", "check", "--date", after)
    assert lines == ["0 hồ sơ mới quá hạn"]  # case_overdue fires once per case


def test_a_bad_date_is_one_line(cli, capsys):
    code, _ = cli("cases", "overdue", "--date", "hôm qua")
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and err.startswith("Lỗi:")
