"""Rollup equals truth: each indicator's value equals a direct count over the raw records,
also after ``thanthien rollups rebuild``; the records behind a number are as many as the
number says (the late dossiers behind a red "Hồ sơ trả quá hạn")."""
from __future__ import annotations

import datetime as dt

from thanthien.core.cases import rebuild_rollups
from thanthien.core.hooks import collect
from thanthien.core.models import CaseRow, to_type
from thanthien.core.types import Case
from thanthien.plugins.baocao.services import dashboard, periods
from thanthien.plugins.motcua.models import DossierRow

MARCH = periods.period("month", 2026, 3)
YEAR = periods.period("year", 2026)


def _truth_late_dossiers(start: dt.date, end: dt.date) -> set[str]:
    return {r.code for r in DossierRow.select() if r.returned_at and r.timeliness == "late"
            and start <= r.returned_at.date() <= end}


def _truth_cases(start: dt.date, end: dt.date) -> list[Case]:
    return [to_type(Case, r) for r in CaseRow.select() if start <= r.received_at.date() <= end]


def _rebuild(core) -> None:
    """What ``thanthien rollups rebuild`` does."""
    rebuild_rollups()
    for rollup in collect(core.pm.hook.register_rollups, settings=core.settings):
        rollup.rebuild()


def test_late_dossiers_equal_a_direct_count_and_their_records(core, dossiers):
    truth = _truth_late_dossiers(MARCH.start, MARCH.end)
    assert len(truth) == 2
    assert core.indicators.value("motcua.returned_late", MARCH.start, MARCH.end) == 2
    records = core.indicators.records("motcua.returned_late", MARCH.start, MARCH.end)
    assert {r["href"].rsplit("/", 1)[1] for r in records} == truth
    ind = core.indicators.get("motcua.returned_late")
    row = dashboard.evaluate(core, ind, MARCH, None)
    assert (row.status, row.has_records) == ("red", True)  # target 0 late: red


def test_the_case_indicators_equal_direct_counts_over_the_cases(core, dossiers):
    cases = _truth_cases(YEAR.start, YEAR.end)
    closed = [c for c in cases if c.closed_at]
    late = [c for c in closed if c.timeliness() == "late"]
    assert core.indicators.value("baocao.cases_received", YEAR.start, YEAR.end) == len(cases) == 5
    assert core.indicators.value("baocao.cases_closed_late", YEAR.start, YEAR.end) == len(late) == 2
    assert core.indicators.value("baocao.cases_on_time_share", YEAR.start, YEAR.end) == round(
        100 * (len(closed) - len(late)) / len(closed), 1)
    records = core.indicators.records("baocao.cases_closed_late", YEAR.start, YEAR.end)
    assert {r["label"].split(" — ")[0] for r in records} == {c.number for c in late}
    # per unit: the dossiers' unit counts them, another unit none
    unit = next(iter({c.unit_id for c in cases if c.unit_id}))
    assert core.indicators.value("baocao.cases_received", YEAR.start, YEAR.end, {unit}) == len(
        [c for c in cases if c.unit_id == unit])
    assert core.indicators.value("baocao.cases_received", YEAR.start, YEAR.end, {999999}) == 0


def test_every_indicator_is_the_same_after_rollups_rebuild(core, dossiers):
    before = {i.key: i.compute(core, YEAR.start, YEAR.end) for i in core.indicators.all()}
    march = {i.key: i.compute(core, MARCH.start, MARCH.end) for i in core.indicators.all()}
    _rebuild(core)
    assert {i.key: i.compute(core, YEAR.start, YEAR.end) for i in core.indicators.all()} == before
    assert {i.key: i.compute(core, MARCH.start, MARCH.end) for i in core.indicators.all()} == march
    assert before["motcua.returned_late"] == 2 and before["baocao.cases_received"] == 5


def test_every_indicator_that_lists_records_lists_as_many_as_it_counts(core, dossiers):
    for ind in core.indicators.all():
        if ind.records is None or ind.unit == "%":
            continue
        value = ind.compute(core, YEAR.start, YEAR.end)
        assert len(ind.records(core, YEAR.start, YEAR.end)) == (value or 0), ind.key
