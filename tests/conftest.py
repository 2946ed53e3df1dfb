"""The project's own test configuration.

Every fixture comes from the ``thanthien.testing`` pytest plugin (installed with
thanthien): ``settings``, ``pm``, ``db`` (SQLite and PostgreSQL), ``core``, ``demo_ward``,
``app``, ``make_client``… Here: passwords are hashed with small argon2 parameters in every
test of this suite.
"""
from __future__ import annotations

import pytest

from thanthien.testing import PG_URL, PgSchema, make_settings, postgres_available, require_postgres  # noqa: F401

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _fast_hashing(fast_hasher):
    """Every test of the suite hashes passwords quickly."""
