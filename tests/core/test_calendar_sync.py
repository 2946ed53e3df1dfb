"""When the calendar data changes, open cases' deadlines are recomputed and audit-logged."""
import datetime as dt

import pytest

from tests.fixture_plugins import sample_cases
from thanthien.core import audit
from thanthien.core.cases import kv_get, sync_calendar
from thanthien.core.plugins import make_plugin_manager
from thanthien.core.services import make_services
from thanthien.core.settings import CalendarSettings


@pytest.fixture
def extra_plugins():
    return [("sample_cases", sample_cases)]


def test_calendar_change_recomputes_open_cases(services, settings, tmp_path):
    assert sync_calendar(services.cases) is None  # first start records the fingerprint
    assert kv_get("calendar.fingerprint") == services.calendar.fingerprint()
    # 2027 has no official table: provisional; 5 working days (rule version from 2026-07-01)
    # from Mon 2027-03-01 = Mon 08/03
    case = services.cases.open("sample_request", "x", received_at=dt.datetime(2027, 3, 1, 9, 0))
    closed = services.cases.open("sample_request", "y", received_at=dt.datetime(2027, 3, 1, 9, 0))
    services.cases.transition(closed.id, "refuse", note="không đủ điều kiện")
    assert case.due_date == dt.date(2027, 3, 8)

    folder = tmp_path / "lich"
    folder.mkdir()
    (folder / "2027.toml").write_text(
        'year = 2027\nsource = "Công văn thử nghiệm"\n\n'
        '[[days]]\ndate = 2027-03-02\nkind = "compensatory_off"\nname = "Nghỉ bù thử nghiệm"\n',
        encoding="utf-8",
    )
    changed_settings = settings.evolve(calendar=CalendarSettings(dir=str(folder)))
    pm = make_plugin_manager(changed_settings, load_entrypoints=False, plugins=[("sample_cases", sample_cases)])
    changed = make_services(changed_settings, pm)
    assert sync_calendar(changed.cases) == 1
    assert changed.cases.get(case.id).due_date == dt.date(2027, 3, 9)
    assert changed.cases.get(closed.id).due_date == dt.date(2027, 3, 8)  # closed cases keep theirs
    assert [e.action for e in changed.cases.events(case.id)][-1] == "recompute"
    assert audit.entries(action="calendar.change")[0].after["cases_recomputed"] == 1
    assert sync_calendar(changed.cases) is None  # nothing more to do
