"""The code-quality tools run with the tests (so README command 2 and ``.ci/run`` run them).

* import-linter: the layering contracts of ``pyproject.toml`` (core ↛ web/plugins, web ↛
  plugins, plan modules independent, ``thanthien.web`` only in plugins' views, no import
  cycle inside core or web);
* ruff: the lint rules of ``[tool.ruff]`` on :data:`RUFF_PATHS`, and the formatter on
  :data:`RUFF_FORMAT_PATHS`;
* mypy: ``[tool.mypy]`` (non-strict) on :data:`MYPY_PACKAGES`.

To check more code, add its folder to :data:`RUFF_PATHS` or its package to
:data:`MYPY_PACKAGES`. Each test runs its tool from the virtual environment as a
subprocess and fails with the tool's own output.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

#: folders ruff checks (plan modules join once they follow the dialect of docs/plugin-guide.md)
RUFF_PATHS = ["core", "web", "testing", "tests", "scripts", "examples", "setup.py"]
RUFF_EXCLUDE = ["tests/plugins"]
#: packages mypy checks
MYPY_PACKAGES = ["thanthien.core", "thanthien.web"]
#: top-level folders and the package each installs as
PACKAGE_FOLDERS = {"core": "core", "web": "web", "plugins": "plugins", "testing": "testing"}


def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        found = shutil.which(name)
        if found is None:
            pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
        return found
    return str(path)


def _run(args: list[str], **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600, **kw)


def mypy_source_tree() -> Path:
    """``.mypy-src/thanthien/{core,web,plugins,testing}`` → the repository's folders, so
    mypy resolves ``thanthien.core.…`` imports (it cannot follow the editable install)."""
    base = ROOT / ".mypy-src" / "thanthien"
    base.mkdir(parents=True, exist_ok=True)
    for name, folder in PACKAGE_FOLDERS.items():
        link = base / name
        target = ROOT / folder
        if link.is_symlink() and link.resolve() == target.resolve():
            continue
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(target, target_is_directory=True)
    return base.parent


def test_import_layering_contracts():
    proc = _run([_tool("lint-imports"), "--no-cache"])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_ruff_lint():
    args = [_tool("ruff"), "check", "--no-cache", "--output-format", "concise"]
    for path in RUFF_EXCLUDE:
        args += ["--extend-exclude", path]
    proc = _run([*args, *RUFF_PATHS])
    assert proc.returncode == 0, proc.stdout + proc.stderr


#: every Python file of the repository, checked for the errors that break at run time
#: (pyflakes: undefined names, unused or missing imports) even where the style rules of
#: RUFF_PATHS do not run yet — a merge that drops an import a hook still uses fails here,
#: not when the page is first opened
PYFLAKES_PATHS = ["core", "web", "plugins", "testing", "tests", "scripts", "examples", "bench", "setup.py"]


def test_no_undefined_names_anywhere():
    proc = _run([_tool("ruff"), "check", "--no-cache", "--isolated", "--select", "F,E9",
                 "--output-format", "concise", *PYFLAKES_PATHS])
    assert proc.returncode == 0, proc.stdout + proc.stderr


#: folders kept in ruff's format (``ruff format``); the rest follows as it is touched
RUFF_FORMAT_PATHS = ["core", "web"]


def test_ruff_format():
    proc = _run([_tool("ruff"), "format", "--check", "--no-cache", *RUFF_FORMAT_PATHS])
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy():
    tree = mypy_source_tree()
    args = [_tool("mypy"), "--no-incremental", "--hide-error-context", "--no-error-summary"]
    for package in MYPY_PACKAGES:
        args += ["-p", package]
    proc = _run(args)
    # report paths as the repository's, not the link tree's
    output = (proc.stdout + proc.stderr).replace(str(tree / "thanthien") + os.sep, "")
    assert proc.returncode == 0, output
