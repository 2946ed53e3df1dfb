"""Hot fixed-shape statements are built once (issue 16, item 2): after the first call,
opening a case (number, case row, event, audit entry, rollup) and the public look-up of a
dossier run their kept SQL text with new parameters — peewee composes no SQL for them.
The numbers stay unique and gapless under 8 concurrent writers on SQLite and PostgreSQL:
``tests/core/test_cases.py::test_concurrent_writers_get_unique_gapless_numbers``."""
from __future__ import annotations

import pytest

from tests.fixture_plugins import sample_cases
from thanthien.core.audit import verify_chain
from thanthien.core.cases import rollup_counts
from thanthien.plugins import motcua

from .helpers import add_history


@pytest.fixture
def extra_plugins():
    return [("sample_cases", sample_cases), ("motcua", motcua)]


@pytest.fixture
def composed(db, monkeypatch):
    """Each time peewee composes SQL text on ``db`` (a list that grows per statement)."""
    calls: list[int] = []
    original = type(db).get_sql_context

    def counting(self, *args, **kw):
        calls.append(1)
        return original(self, *args, **kw)

    monkeypatch.setattr(type(db), "get_sql_context", counting)
    return calls


def test_opening_a_case_composes_no_sql_after_the_first(core, composed):
    engine = core.cases
    first = engine.open("sample_request", "lần đầu")
    composed.clear()
    second = engine.open("sample_request", "lần hai")
    assert composed == []
    assert second.seq == first.seq + 1 and second.id > first.id
    assert [e.action for e in engine.events(second.id)] == ["open"]
    assert engine.get(second.id) == second  # what open returned is what was stored
    assert sum(r["count"] for r in rollup_counts("sample_request")) == 2
    assert verify_chain().ok


def test_the_look_up_composes_no_sql_after_the_first(db, core, composed):
    from thanthien.plugins.motcua import services as mc

    mc.ensure_catalogue()
    codes = add_history(db, core, 5)
    assert mc.lookup(core, codes[0]).status == "returned"
    composed.clear()
    status = mc.lookup(core, codes[1].lower())
    assert composed == []
    assert status.code == codes[1] and status.status == "returned" and not status.verified
    with pytest.raises(Exception, match="Không tìm thấy"):
        mc.lookup(core, "KHONG-CO-1")
