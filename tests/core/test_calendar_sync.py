"""When the calendar data changes, open cases' deadlines are recomputed and audit-logged,
and ``calendar_changed`` fires with the years whose data changed."""
import datetime as dt

import pytest

from tests.fixture_plugins import sample_cases
from thanthien.core import audit, hookimpl
from thanthien.core.cases import changed_years, sync_calendar
from thanthien.core.plugins import make_plugin_manager
from thanthien.core.services import make_services
from thanthien.core.settings import CalendarSettings
from thanthien.core.storage.kv import kv_get


class Listener:
    def __init__(self):
        self.calls = []

    @hookimpl
    def calendar_changed(self, years, core):
        self.calls.append((list(years), core))


@pytest.fixture
def extra_plugins():
    return [("sample_cases", sample_cases)]


def _with_folder(settings, folder, listener=None):
    changed_settings = settings.evolve(calendar=CalendarSettings(dir=str(folder)))
    plugins = [("sample_cases", sample_cases)] + ([("listener", listener)] if listener else [])
    pm = make_plugin_manager(changed_settings, load_entrypoints=False, plugins=plugins)
    return make_services(changed_settings, pm)


def _table(folder, year, day):
    folder.mkdir(exist_ok=True)
    (folder / f"{year}.toml").write_text(
        f'year = {year}\nsource = "Công văn thử nghiệm"\n\n'
        f'[[days]]\ndate = {day}\nkind = "compensatory_off"\nname = "Nghỉ bù thử nghiệm"\n',
        encoding="utf-8",
    )


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
    _table(folder, 2027, "2027-03-02")
    listener = Listener()
    changed = _with_folder(settings, folder, listener)
    assert sync_calendar(changed.cases) == 1
    assert changed.cases.get(case.id).due_date == dt.date(2027, 3, 9)
    assert changed.cases.get(closed.id).due_date == dt.date(2027, 3, 8)  # closed cases keep theirs
    assert [e.action for e in changed.cases.events(case.id)][-1] == "recompute"
    entry = audit.entries(action="calendar.change")[0]
    assert entry.after["cases_recomputed"] == 1 and entry.after["years"] == [2027]
    assert [years for years, _ in listener.calls] == [[2027]]  # the year whose table was added
    assert listener.calls[0][1] is changed
    assert sync_calendar(changed.cases) is None  # nothing more to do
    assert len(listener.calls) == 1


def test_calendar_changed_names_the_edited_year_only(services, settings, tmp_path):
    folder = tmp_path / "lich"
    _table(folder, 2027, "2027-03-02")
    _table(folder, 2028, "2028-03-02")
    assert sync_calendar(_with_folder(settings, folder).cases) is None  # first start
    _table(folder, 2028, "2028-03-03")  # the ward corrects 2028
    listener = Listener()
    assert sync_calendar(_with_folder(settings, folder, listener).cases) == 0
    assert [years for years, _ in listener.calls] == [[2028]]
    (folder / "2027.toml").unlink()  # and withdraws 2027
    listener = Listener()
    sync_calendar(_with_folder(settings, folder, listener).cases)
    assert [years for years, _ in listener.calls] == [[2027]]


@pytest.mark.rule("R-LV-08")
def test_a_rule_change_touches_every_table_year_and_the_current_ones():
    before = {"rule": "a", "2025": "x", "2026": "y"}
    assert changed_years(before, {**before, "rule": "b"}, dt.date(2026, 5, 4)) == [2025, 2026, 2027]
    assert changed_years(None, before, dt.date(2030, 1, 2)) == [2025, 2026, 2030, 2031]
    assert changed_years(before, {**before, "2026": "z"}, dt.date(2026, 5, 4)) == [2026]
    assert changed_years(before, {"rule": "a", "2025": "x"}, dt.date(2026, 5, 4)) == [2026]
