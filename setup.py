"""Package discovery for setuptools (everything else is in pyproject.toml).

The top-level folders install under one package, ``thanthien``: ``core/`` →
``thanthien.core``, ``plugins/`` → ``thanthien.plugins``, ``web/`` → ``thanthien.web``,
``testing/`` → ``thanthien.testing``. Every folder below them with an ``__init__.py`` is
a package — a new plan module folder (``plugins/<name>/``) needs no list to be edited;
templates, data files and migrations come with ``[tool.setuptools.package-data]``.
Editable (``pip install -e .``) and wheel installs use the same mapping.
"""
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).resolve().parent
#: package → folder
PACKAGE_DIR = {
    "thanthien.core": "core",
    "thanthien.plugins": "plugins",
    "thanthien.web": "web",
    "thanthien.testing": "testing",
}


def _skipped(parts: tuple[str, ...]) -> bool:
    return any(part.startswith(".") or part == "__pycache__" for part in parts)


def find_packages() -> list[str]:
    """Every folder with an ``__init__.py`` under the mapped folders, as a package name."""
    found = []
    for package, folder in PACKAGE_DIR.items():
        base = ROOT / folder
        for init in sorted(base.rglob("__init__.py")):
            parts = init.parent.relative_to(base).parts
            if _skipped(parts):
                continue
            found.append(".".join([package, *parts]))
    return found


def find_data_packages(packages: list[str]) -> dict[str, list[str]]:
    """Folders of package data below a package (``templates/motcua``, ``data/calendar`` …),
    as namespace packages holding all their files: setuptools then ships them without
    warning that an importable folder is missing from ``packages``."""
    known = set(packages)
    data: dict[str, list[str]] = {}
    for package, folder in PACKAGE_DIR.items():
        base = ROOT / folder
        for path in sorted(p for p in base.rglob("*") if p.is_dir()):
            parts = path.relative_to(base).parts
            name = ".".join([package, *parts])
            if _skipped(parts) or name in known or not any(f.is_file() for f in path.iterdir()):
                continue
            data[name] = ["*"]
    return data


PACKAGES = find_packages()
DATA_PACKAGES = find_data_packages(PACKAGES)

setup(packages=[*PACKAGES, *DATA_PACKAGES], package_dir=PACKAGE_DIR, package_data=DATA_PACKAGES)
