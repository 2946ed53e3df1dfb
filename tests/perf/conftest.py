"""Fixtures of the performance tests (issue 16): the demo ward with every built-in plan
module, plus a history of closed one-stop dossiers and published notices added in bulk,
so that a query reading the whole history shows up in its plan and in its cost."""
from __future__ import annotations

import pytest

from thanthien.plugins import congkhai, congvu, giamsat, motcua, thamhoi, thanhtra, tiepdan


@pytest.fixture
def extra_plugins():
    return [("congkhai", congkhai), ("congvu", congvu), ("giamsat", giamsat), ("motcua", motcua),
            ("thamhoi", thamhoi), ("thanhtra", thanhtra), ("tiepdan", tiepdan)]
