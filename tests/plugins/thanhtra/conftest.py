"""Fixtures of the thanhtra tests: the plugin registered without entry points and a small
ward (helpers in :mod:`.helpers`)."""
from __future__ import annotations

import pytest
from thanthien.plugins import thanhtra

from .helpers import Ward, make_ward


@pytest.fixture
def extra_plugins():
    return [("thanhtra", thanhtra)]


@pytest.fixture
def ward(db) -> Ward:
    return make_ward()
