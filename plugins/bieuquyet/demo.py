"""Demo data of the bieuquyet module (``populate_demo``): one part per sub-area."""
from __future__ import annotations


def populate(demo) -> None:
    from .demo_elections import populate as elections

    elections(demo)  # group-head elections, the annual meeting (R-DV, R-DT)
