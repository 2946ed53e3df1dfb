"""The demo ward gets a year of dossiers: returned, late with and without apology,
paused for supplements, refused, rated."""
import datetime as dt

import pytest

from thanthien.core import demo
from thanthien.core.models import CaseEventRow
from thanthien.plugins.motcua import services as mc
from thanthien.plugins.motcua.models import ApologyRow, BookingRow, DossierRow, RatingRow
from tests.conftest import make_settings


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path, plugin={"motcua": {"demo_dossiers": 150}})


def test_demo_year_of_dossiers(services, settings, pm):
    today = dt.date(2026, 6, 15)
    demo.build_demo_ward(settings, pm, services, households=60, seed=11, today=today)
    rows = list(DossierRow.select())
    assert len(rows) == 150
    assert min(r.received_at for r in rows).date() >= today - dt.timedelta(days=366)
    assert {r.timeliness for r in rows} >= {"early", "on_time", "late"}
    assert ApologyRow.select().where(ApologyRow.state == "signed").exists()
    assert CaseEventRow.select().where(CaseEventRow.action == "request_supplement").exists()
    assert RatingRow.select().count() > 30 and BookingRow.select().count() > 0
    total = mc.indicator_table(today - dt.timedelta(days=366), today)[-1]
    assert total["received"] == 150 and total["on_time_share"] > 50
