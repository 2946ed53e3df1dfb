"""Start-up (issue 16, item 4): ``thanthien --help`` and every command group's ``--help``
load the plugins and build the parser without importing the ORM, the template engine or
the PostgreSQL driver — those are imported inside the commands that use them."""
from __future__ import annotations

import ast
import subprocess
import sys

import pytest

HEAVY = ("peewee", "playhouse", "jinja2", "psycopg", "starlette", "uvicorn", "argon2", "openpyxl")

PROBE = """
import sys
import thanthien.web.cli as cli
try:
    cli.main({argv!r})
except SystemExit:
    pass
print("LOADED", sorted({{m.split(".")[0] for m in sys.modules}} & set({heavy!r})))
"""


def loaded_by(argv: list[str]) -> tuple[list[str], str]:
    out = subprocess.run([sys.executable, "-c", PROBE.format(argv=argv, heavy=HEAVY)],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    line = [x for x in out.splitlines() if x.startswith("LOADED ")][-1]
    return ast.literal_eval(line.removeprefix("LOADED ")), out


@pytest.mark.parametrize("argv", [["--help"], ["congkhai", "--help"], ["motcua", "--help"],
                                  ["tiepdan", "--help"], ["rules", "--help"]])
def test_help_imports_no_heavy_dependency(argv):
    loaded, out = loaded_by(argv)
    assert "usage:" in out  # the help was printed: the probe ran the real entry point
    assert loaded == [], f"thanthien {' '.join(argv)} imported {loaded}"


def test_the_probe_sees_a_heavy_import():
    """The probe is not blind: a command that opens the database imports the ORM."""
    out = subprocess.run([sys.executable, "-c", "import sys, thanthien.core.models; "
                          f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    assert "peewee" in out
