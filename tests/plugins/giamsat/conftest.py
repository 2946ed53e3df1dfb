"""Fixtures of the giamsat tests: the plugin registered without entry points, a small ward
with the module's offices and staff (helpers in :mod:`.helpers`)."""
from __future__ import annotations

import pytest
from thanthien.plugins import giamsat

from .helpers import World, make_world


@pytest.fixture
def extra_plugins():
    return [("giamsat", giamsat)]


@pytest.fixture
def world(db) -> World:
    return make_world()
