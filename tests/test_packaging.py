"""Every Python package folder is listed in pyproject.toml, so wheels contain it."""
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAPPING = {"core": "thanthien.core", "plugins": "thanthien.plugins", "web": "thanthien.web"}


def test_every_package_is_listed():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(meta["tool"]["setuptools"]["packages"])
    found = set()
    for top, pkg in MAPPING.items():
        for init in (ROOT / top).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / top)
            found.add(".".join([pkg, *rel.parts]) if rel.parts else pkg)
    assert found - listed == set()


def test_builtin_plugins_are_entry_points_like_third_party_ones():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    eps = meta["project"].get("entry-points", {}).get("thanthien.plugins", {})
    for name, target in eps.items():
        assert target == f"thanthien.plugins.{name}"
        assert (ROOT / "plugins" / name / "__init__.py").exists()
