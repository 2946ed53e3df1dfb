"""``thanthien user add|passwd|roles|disable|list``."""
from __future__ import annotations

import io
import sys

import pytest

from thanthien.core import accounts, people
from thanthien.core.cli import CliContext, run_cli
from thanthien.web.cli import web_commands


class _Ctx(CliContext):
    def close(self):  # the test's database stays open
        pass


@pytest.fixture
def run(settings, pm, db, ward, monkeypatch, capsys):
    def _run(*argv, stdin=""):
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        out = io.StringIO()
        ctx = _Ctx(settings=settings, pm=pm, out=out)
        ctx._db = db
        code = run_cli(list(argv), lambda config: ctx, web_commands)
        return code, out.getvalue(), capsys.readouterr().err

    return _run


def test_user_add_roles_passwd_disable(run, ward):
    code, out, err = run("user", "add", "lanvt", "--name", "Vi Thị Lan", "--unit", "VHXH",
                         "--role", "department_officer@VHXH", "--password-stdin", stdin="một mật khẩu dài\n")
    assert code == 0, err
    assert "Đã tạo tài khoản lanvt" in out and "một mật khẩu" not in out
    acc = accounts.account_by_username("lanvt")
    assert accounts.authenticate("lanvt", "một mật khẩu dài").id == acc.id
    assert [g.role for g in people.roles_of(acc.person_id)] == ["department_officer"]
    code, out, _ = run("user", "roles", "lanvt", "--grant", "group_head@TDP01")
    assert code == 0 and "group_head@TDP01" in out and "department_officer@VHXH" in out
    code, out, _ = run("user", "passwd", "lanvt", "--password-stdin", stdin="mật khẩu thứ hai\n")
    assert code == 0 and accounts.authenticate("lanvt", "mật khẩu thứ hai")
    code, out, _ = run("user", "disable", "lanvt")
    assert code == 0 and accounts.account_by_username("lanvt").disabled
    code, out, _ = run("user", "list")
    assert "lanvt" in out and "đã khóa" in out


def test_user_errors_are_one_line(run):
    code, _, err = run("user", "add", "x y", "--name", "A", "--password-stdin", stdin="ngan\n")
    assert code == 2 and err.count("\n") == 1 and err.startswith("Lỗi: ")
    code, _, err = run("user", "roles", "chutich", "--grant", "vua")
    assert code == 2 and "Vai trò không hợp lệ" in err
    code, _, err = run("user", "passwd", "khongco", "--password-stdin", stdin="abcdefghij\n")
    assert code == 2 and "Không tìm thấy tài khoản" in err
