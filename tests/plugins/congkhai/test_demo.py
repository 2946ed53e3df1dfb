"""The demo ward gets a year of disclosure data, with gaps the check finds."""
import datetime as dt

from thanthien.core.demo import build_demo_ward
from thanthien.plugins.congkhai import services as ck
from thanthien.plugins.congkhai.models import ConferenceRow, PostingRow


def test_demo_data(services, settings, pm):
    today = dt.date(2026, 6, 15)
    build_demo_ward(settings, pm, services, households=90, today=today)
    cats = {n.category for n in ck.public_notices(limit=1000)}
    assert len(cats) == 14
    assert PostingRow.select().count() > 1000
    report = ck.check(services, today)
    kinds = {g.kind for g in report.gaps}
    assert {"missing", "late"} <= kinds
    assert ConferenceRow.select().count() == 43
    assert len(ck.request_register(services, 2026)) + len(ck.request_register(services, 2025)) == 8
