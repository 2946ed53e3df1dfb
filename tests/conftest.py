"""The project's own test configuration.

Every fixture comes from the ``thanthien.testing`` pytest plugin (installed with
thanthien): ``settings``, ``pm``, ``db`` (SQLite and PostgreSQL), ``core``, ``demo_ward``,
``app``, ``make_client``… Here: passwords are hashed with small argon2 parameters in every
test of this suite.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from thanthien.testing import PG_URL, PgSchema, make_settings, postgres_available, require_postgres  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _fast_hashing(fast_hasher):
    """Every test of the suite hashes passwords quickly."""


def pytest_collection_modifyitems(config, items):
    """With pytest-xdist (``scripts/dev.py test`` runs one worker per core), each test file runs
    on one worker, so the demo a file's tests share is built once (``thanthien.testing.snapshots``
    keeps it per worker); the browser tests share one group, as they share one demo server."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        path = Path(str(item.fspath)).relative_to(ROOT)
        group = "browser" if path.parts[:2] == ("tests", "browser") else str(path)
        item.add_marker(pytest.mark.xdist_group(group))
