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


def find_packages() -> list[str]:
    """Every folder with an ``__init__.py`` under the mapped folders, as a package name."""
    found = []
    for package, folder in PACKAGE_DIR.items():
        base = ROOT / folder
        for init in sorted(base.rglob("__init__.py")):
            parts = init.parent.relative_to(base).parts
            if any(part.startswith(".") or part == "__pycache__" for part in parts):
                continue
            found.append(".".join([package, *parts]))
    return found


setup(packages=find_packages(), package_dir=PACKAGE_DIR)
