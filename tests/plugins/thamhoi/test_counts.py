"""The desk's counts of letters per kind and state are kept on every write (issue 16: the
desk never counts the letters), stay right through every transition, are filled by the
migration from existing letters, and ``thanthien thamhoi check-counts`` finds a drift."""
from __future__ import annotations

import argparse
import datetime as dt
import importlib
import io

import pytest
from thanthien.core.cli import CliContext
from thanthien.core.errors import IllegalTransition
from thanthien.core.types import SYSTEM_ACTOR
from thanthien.plugins.thamhoi import cli as th_cli
from thanthien.plugins.thamhoi import services as sv
from thanthien.plugins.thamhoi.models import LetterCountRow, LetterRow
from thanthien.plugins.thamhoi.services.common import LETTER_COUNTS

from .conftest import at


def _counted(services, **kw):
    """{(kind, state): n} as the desk shows it, only the non-zero ones."""
    return {(k, s): n for k, row in sv.counts(services, actor=SYSTEM_ACTOR, **kw).items() for s, n in row.items() if n}


def _by_rows(year=None):
    out: dict = {}
    for r in LetterRow.select():
        if year is None or r.drafted_at.year == year:
            out[(r.kind, r.state)] = out.get((r.kind, r.state), 0) + 1
    return out


def _cli(settings, pm, db, *argv):
    out = io.StringIO()
    ctx = CliContext(settings, pm, out=out)
    ctx._db = db
    command = th_cli.command()
    parser = argparse.ArgumentParser()
    command.configure(parser)
    return command.run(parser.parse_args(list(argv)), ctx), out.getvalue()


def _thank_you(services, staff, when):
    return sv.draft_thank_you(services, addressee="Ông Hà Văn Khải", contributor_kind="resident",
                              contribution="hiến đất làm đường", actor=staff.clerk, at=at(when))


def test_counts_follow_every_transition(services, staff):
    assert _counted(services) == {}
    a = _thank_you(services, staff, "2026-03-02T09:00")
    b = _thank_you(services, staff, "2026-03-03T09:00")
    c = _thank_you(services, staff, "2025-12-30T09:00")  # another year
    tet = sv.find_occasion(services, "lunar_new_year", dt.date(2027, 2, 6))
    g = sv.draft_greeting(services, tet, actor=staff.clerk, at=at("2026-12-20T09:00"))
    assert _counted(services) == _by_rows() == {("thank_you_letter", "draft"): 3, ("holiday_greeting", "draft"): 1}
    sv.sign(services, a.id, actor=staff.chair)
    sv.mark_sent(services, a.id, method="post", actor=staff.clerk)
    sv.cancel(services, b.id, reason="Gia đình xin không nhận thư", actor=staff.clerk)
    sv.sign(services, c.id, actor=staff.chair)
    sv.sign(services, g.id, actor=staff.chair, at=at("2027-01-28T09:00"))
    sv.publish_greeting(services, g.id, actor=staff.chair, at=at("2027-01-30T08:00"))
    assert _counted(services) == _by_rows() == {("thank_you_letter", "sent"): 1, ("thank_you_letter", "cancelled"): 1,
                                                ("thank_you_letter", "signed"): 1, ("holiday_greeting", "sent"): 1}
    assert _counted(services, year=2025) == _by_rows(2025) == {("thank_you_letter", "signed"): 1}
    assert _counted(services, year=2026) == _by_rows(2026)
    # a refused step changes nothing, its count neither
    with pytest.raises(IllegalTransition):
        sv.cancel(services, a.id, reason="muộn", actor=staff.clerk)
    assert LETTER_COUNTS.mismatches() == []
    # the counts are scoped like the letters: a clerk of another unit sees none
    assert sv.counts(services, actor=staff.handler)["thank_you_letter"]["sent"] == 0
    assert sv.counts(services, actor=staff.clerk)["thank_you_letter"]["sent"] == 1


def test_a_stale_step_is_refused_not_counted_twice(services, staff):
    """Two clerks act on the same draft read before either wrote: the second is refused."""
    from thanthien.plugins.thamhoi.services.common import set_letter_state

    a = _thank_you(services, staff, "2026-03-02T09:00")
    set_letter_state(a, "cancelled", cancel_reason="một")
    with pytest.raises(IllegalTransition):
        set_letter_state(a, "cancelled", cancel_reason="hai")
    assert LETTER_COUNTS.mismatches() == [] and _counted(services) == {("thank_you_letter", "cancelled"): 1}


def test_check_counts_reports_a_drift_and_rebuild_mends_it(services, staff, settings, pm, db):
    a = _thank_you(services, staff, "2026-03-02T09:00")
    assert _cli(settings, pm, db, "check-counts") == (0, "Số thư theo loại và trạng thái khớp với các thư.\n")
    LetterRow.update(state="sent").where(LetterRow.id == a.id).execute()  # written around the services
    status, out = _cli(settings, pm, db, "doi-chieu")
    assert status == 1
    unit = a.unit_id or 0
    assert f"thamhoi_letter 2026/thank_you_letter/draft/{unit}: đang ghi 1, đếm lại được 0" in out
    assert f"thamhoi_letter 2026/thank_you_letter/sent/{unit}: đang ghi 0, đếm lại được 1" in out
    assert "2 chỗ lệch" in out
    LETTER_COUNTS.rebuild()
    assert _cli(settings, pm, db, "check-counts")[0] == 0
    assert _counted(services) == {("thank_you_letter", "sent"): 1}


def test_migration_fills_the_counts_from_existing_letters(services, staff, db):
    _thank_you(services, staff, "2026-03-02T09:00")
    b = _thank_you(services, staff, "2025-03-02T09:00")
    sv.sign(services, b.id, actor=staff.chair)
    LetterCountRow.delete().execute()  # as before the migration: letters, no counts
    assert _counted(services) == {}
    importlib.import_module("thanthien.plugins.thamhoi.migrations.0003_letter_rollup").up(None, db)
    assert LETTER_COUNTS.mismatches() == []
    assert _counted(services) == {("thank_you_letter", "draft"): 1, ("thank_you_letter", "signed"): 1}
    assert _counted(services, year=2025) == {("thank_you_letter", "signed"): 1}
