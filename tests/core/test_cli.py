"""The CLI: one-line Vietnamese errors and non-zero exit, never a traceback."""
import subprocess
import sys

import pytest

from thanthien.web.cli import main


def run(*args, cwd=None, env=None):
    proc = subprocess.run([sys.executable, "-m", "thanthien.web.cli", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["calendar", "due", "2026-13-01T09:00", "--days", "3"],
        ["calendar", "due", "2026-02-01T09:00"],
        ["calendar", "holidays", "abc"],
        ["rules", "show", "R-XX-99"],
        ["no-such-command"],
        ["cases", "overdue", "--date", "hôm qua"],
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(tmp_path, args):
    code, out, err = run(*args, cwd=tmp_path)
    assert code == 2
    lines = [line for line in err.strip().splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith("Lỗi:"), err
    assert "Traceback" not in err + out


def test_bad_config_file_gives_one_line(tmp_path):
    cfg = tmp_path / "thanthien.toml"
    cfg.write_text('[ward]\nkind = 5\n', encoding="utf-8")
    code, _out, err = run("--config", str(cfg), "plugins", cwd=tmp_path)
    assert code == 2
    assert err.strip().count("\n") == 0 and str(cfg) in err and "ward.kind" in err
    assert "Traceback" not in err


def test_init_writes_a_commented_file_and_refuses_to_overwrite(tmp_path, capsys):
    target = tmp_path / "thanthien.toml"
    assert main(["init", str(target)]) == 0
    assert "[ward]" in target.read_text(encoding="utf-8") and "# " in target.read_text(encoding="utf-8")
    assert main(["init", str(target)]) == 2
    assert "đã tồn tại" in capsys.readouterr().err


def test_calendar_contract_last_line_is_the_answer(tmp_path):
    code, out, _ = run("calendar", "due", "2026-02-06T09:00", "--days", "10", cwd=tmp_path)
    assert code == 0 and out.strip().splitlines()[-1] == "2026-02-23"
    code, out, _ = run("calendar", "due", "2026-04-24T16:00", "--working-days", "1", cwd=tmp_path)
    assert code == 0 and out.strip().splitlines()[-1] == "2026-04-29"


def test_migrate_backup_audit_on_a_fresh_ward(tmp_path):
    cfg = tmp_path / "thanthien.toml"
    cfg.write_text('[storage]\ndata_dir = "data"\n', encoding="utf-8")
    code, out, err = run("--config", str(cfg), "migrate", cwd=tmp_path)
    assert code == 0, err
    assert "core:0001_initial" in out
    code, out, _ = run("--config", str(cfg), "migrate", "--status", cwd=tmp_path)
    assert code == 0 and out.strip().splitlines()[-1].startswith("0 ")
    code, out, _ = run("--config", str(cfg), "audit", "verify", cwd=tmp_path)
    assert code == 0 and "toàn vẹn" in out


@pytest.mark.rule("R-MC-12")
def test_calendar_due_default_cutoff_is_the_rule_in_force(tmp_path):
    """The CLI's default cut-off is R-MC-12.cutoff; a ward override moves it."""
    code, out, _ = run("calendar", "due", "2026-03-02T15:30", "--working-days", "0", cwd=tmp_path)
    assert code == 0 and out.strip().splitlines()[-1] == "2026-03-03"
    (tmp_path / "rules.toml").write_text(
        '[[param]]\nrule_id = "R-MC-12"\nkey = "cutoff"\nvalue = "16:00"\neffective_from = 2026-01-01\n'
        'legal_basis = "Quyết định của UBND phường (thử nghiệm)"\n', encoding="utf-8")
    cfg = tmp_path / "thanthien.toml"
    cfg.write_text('[rules]\nfile = "rules.toml"\n', encoding="utf-8")
    code, out, err = run("--config", str(cfg), "calendar", "due", "2026-03-02T15:30", "--working-days", "0",
                         cwd=tmp_path)
    assert code == 0, err
    assert out.strip().splitlines()[-1] == "2026-03-02"


def test_an_unexpected_failure_is_one_line_and_the_traceback_goes_to_a_log(tmp_path, capsys):
    """No traceback reaches the user: a bug in a command gives one line and a log file."""
    from thanthien.core import hookimpl
    from thanthien.core.cli import CliCommand, CliContext, run_cli
    from thanthien.core.plugins import make_plugin_manager
    from thanthien.core.settings import Settings, StorageSettings

    class Broken:
        @hookimpl
        def register_cli_commands(self, settings):
            def run(args, ctx):
                raise RuntimeError("hỏng giữa chừng")
            return [CliCommand("hong", "lệnh hỏng", lambda p: None, run)]

    settings = Settings(storage=StorageSettings(data_dir=str(tmp_path / "data")))

    def make_context(config):
        return CliContext(settings=settings, pm=make_plugin_manager(settings, load_entrypoints=False,
                                                                    plugins=[("broken", Broken())]))

    assert run_cli(["hong"], make_context) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("Lỗi hệ thống (RuntimeError): hỏng giữa chừng")
    assert "Traceback" not in err
    log = (tmp_path / "data" / "logs" / "thanthien-cli.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "hỏng giữa chừng" in log


def test_help_loads_neither_the_orm_nor_templates():
    """``thanthien --help`` stays fast (issue 16): core's commands, the console script's and
    a plan module written in the dialect (thamhoi) import the ORM, Jinja and the database
    drivers only when a command runs."""
    code = (
        "import sys\n"
        "from thanthien.core.cli import build_parser\n"
        "from thanthien.core.hooks import collect\n"
        "from thanthien.core.plugins import make_plugin_manager\n"
        "from thanthien.core.settings import Settings\n"
        "from thanthien.plugins import thamhoi\n"
        "from thanthien.web.cli import web_commands\n"
        "s = Settings()\n"
        "pm = make_plugin_manager(s, load_entrypoints=False, plugins=[('thamhoi', thamhoi)])\n"
        "build_parser(collect(pm.hook.register_cli_commands, settings=s) + web_commands(s)).format_help()\n"
        "print(sorted(m for m in ('peewee', 'jinja2', 'psycopg', 'starlette', 'uvicorn', 'docx', 'argon2')"
        " if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
