"""Fixtures of the congvu tests: the module registered without entry points and a small
ward with one staff member per role."""
from __future__ import annotations

import pytest
from thanthien.plugins import congvu

from .helpers import Ward


@pytest.fixture
def extra_plugins():
    return [("congvu", congvu)]


@pytest.fixture
def ward(core):
    return Ward()
