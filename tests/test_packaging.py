"""Packaging: a wheel built from the repository holds every package folder (found by
setup.py, no hand-kept list) with its templates, data files and migrations, and every
built-in plan module is an entry point like a third-party one."""
from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: top-level folder → the package it installs as
MAPPING = {"core": "thanthien.core", "plugins": "thanthien.plugins", "web": "thanthien.web",
           "testing": "thanthien.testing"}
#: folders whose every file ships (package data)
DATA_FOLDERS = {"templates", "data", "static"}


def _source_files() -> dict[str, Path]:
    """What the wheel must hold, as archive name → file of the repository."""
    expected: dict[str, Path] = {}
    for top, package in MAPPING.items():
        base = ROOT / top
        package_dirs = {init.parent for init in base.rglob("__init__.py") if "__pycache__" not in init.parts}
        for path in base.rglob("*"):
            if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            rel = path.relative_to(base)
            in_data = bool(DATA_FOLDERS & set(rel.parts[:-1]))
            if (path.suffix == ".py" and path.parent in package_dirs) or in_data:
                expected["/".join([*package.split("."), *rel.parts])] = path
    return expected


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """A wheel built from a clean copy of the sources (no stale build/ folder)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for top in MAPPING:
        shutil.copytree(ROOT / top, src / top, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                           "--wheel-dir", str(out), str(src)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (built,) = out.glob("thanthien-*.whl")
    with zipfile.ZipFile(built) as zf:
        yield zf


def test_wheel_holds_every_package_with_its_templates_data_and_migrations(wheel):
    names = set(wheel.namelist())
    expected = _source_files()
    assert len(expected) > 100
    missing = sorted(set(expected) - names)
    assert missing == []
    # every folder with an __init__.py is a package of the wheel, plan modules included
    packages = {n.rsplit("/", 1)[0].replace("/", ".") for n in names if n.endswith("/__init__.py")}
    for plugin_init in (ROOT / "plugins").glob("*/__init__.py"):
        assert f"thanthien.plugins.{plugin_init.parent.name}" in packages
        if (plugin_init.parent / "migrations" / "__init__.py").exists():
            assert f"thanthien.plugins.{plugin_init.parent.name}.migrations" in packages
    assert {"thanthien.core.commands", "thanthien.core.storage", "thanthien.web", "thanthien.testing"} <= packages


def test_wheel_declares_the_console_script_the_plugins_and_the_pytest_plugin(wheel):
    info = next(n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt"))
    eps = configparser.ConfigParser()
    eps.read_string(wheel.read(info).decode("utf-8"))
    assert eps["console_scripts"]["thanthien"] == "thanthien.web.cli:main"
    assert eps["pytest11"]["thanthien"] == "thanthien.testing"
    plugins = dict(eps["thanthien.plugins"])
    assert plugins and all(target == f"thanthien.plugins.{name}" for name, target in plugins.items())


def test_builtin_plugins_are_entry_points_like_third_party_ones():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    eps = meta["project"].get("entry-points", {}).get("thanthien.plugins", {})
    for name, target in eps.items():
        assert target == f"thanthien.plugins.{name}"
        assert (ROOT / "plugins" / name / "__init__.py").exists()
    # and a plan module folder that is not an entry point would never be loaded
    folders = {p.parent.name for p in (ROOT / "plugins").glob("*/__init__.py")}
    assert sorted(folders - set(eps)) == []


def test_no_hand_kept_package_list():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "packages" not in meta["tool"]["setuptools"]
