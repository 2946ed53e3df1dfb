"""The demo ward gets a year of dossiers: returned, late with and without apology,
paused for supplements, refused, rated — checked as invariants, not seeded counts."""
import datetime as dt

import pytest

from thanthien.core import demo
from thanthien.core.models import CaseEventRow, CaseRow, DocumentRow
from thanthien.plugins.motcua import services as mc
from thanthien.plugins.motcua.models import ApologyRow, BookingRow, DossierRow, RatingRow
from thanthien.testing import make_settings

DOSSIERS = 150


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path, plugin={"motcua": {"demo_dossiers": DOSSIERS}})


def test_demo_year_of_dossiers(services, settings, pm):
    today = dt.date(2026, 6, 15)
    demo.build_demo_ward(settings, pm, services, households=60, seed=11, today=today)
    rows = list(DossierRow.select())
    assert len(rows) == services.config("motcua").demo_dossiers  # the configured number
    assert min(r.received_at for r in rows).date() >= today - dt.timedelta(days=366)
    assert max(r.received_at for r in rows).date() <= today
    assert {r.timeliness for r in rows} >= {"early", "on_time", "late"}
    assert ApologyRow.select().where(ApologyRow.state == "signed").exists()
    assert CaseEventRow.select().where(CaseEventRow.action == "request_supplement").exists()
    assert RatingRow.select().exists() and BookingRow.select().exists()
    # every rating is of a returned dossier; every dossier has a unit (its scope) and a secret
    rated = {r.dossier_id for r in RatingRow.select()}
    assert all(r.returned_at is not None for r in rows if r.id in rated)
    cases = {c.id: c for c in CaseRow.select().where(CaseRow.case_type == "motcua_dossier")}
    assert all(cases[r.case_id].unit_id is not None and cases[r.case_id].unit_id == r.handling_unit_id for r in rows)
    assert all(len(r.lookup_secret) == 6 for r in rows)
    # every form issued belongs to its dossier (R-MC-04): owner, unit, view permission
    forms = DocumentRow.select().where(DocumentRow.doc_type.startswith("motcua_"))
    assert forms.count() >= len(rows)
    assert all(d.owner_kind == "motcua.dossier" and d.unit_id == cases[d.case_id].unit_id
               and d.view_permission == "motcua.view" for d in forms)
    # R-MC-15: a late return is a breach exactly when no apology was signed in time
    timely = {a.dossier_id for a in ApologyRow.select().where(ApologyRow.state == "signed", ApologyRow.timely == True)}  # noqa: E712
    for r in rows:
        if r.timeliness == "late":
            assert r.breach == (r.id not in timely or r.returned_at.date() > cases[r.case_id].due_date)
        else:
            assert not r.breach
    total = mc.indicator_table(services, today - dt.timedelta(days=366), today)[-1]
    assert total["received"] == len(rows) and total["on_time_share"] > 50
