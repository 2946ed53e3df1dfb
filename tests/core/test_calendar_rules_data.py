"""Issue 10 item 13: the statutory holiday rule reads its dates and counts from the
rules data (R-LV-01, R-LV-03, R-LV-04, R-LV-08), never from literals — a ward that
changes a parameter changes the calendar (and its fingerprint)."""
from __future__ import annotations

import datetime as dt
import textwrap

from thanthien.core.calendar import WorkingCalendar, load_calendar, statutory_special_days
from thanthien.core.rules import load_rulebook
from thanthien.core.settings import CalendarSettings, RulesSettings, Settings


def _settings(tmp_path, text, **calendar):
    (tmp_path / "quy_dinh.toml").write_text(textwrap.dedent(text), encoding="utf-8")
    return Settings(rules=RulesSettings(file="quy_dinh.toml"), calendar=CalendarSettings(**calendar),
                    source=str(tmp_path / "thanthien.toml"))


def _holidays(days):
    return {s.date for s in days if s.kind == "holiday"}


def test_the_shipped_parameters_give_the_statutory_holidays():
    days = _holidays(statutory_special_days(2030))
    for d in (dt.date(2030, 1, 1), dt.date(2030, 4, 30), dt.date(2030, 5, 1), dt.date(2030, 9, 1),
              dt.date(2030, 9, 2)):
        assert d in days
    assert len(days) == load_rulebook(None).value("R-LV-01.total_days", dt.date(2030, 1, 1))


def test_a_ward_parameter_moves_the_holiday(tmp_path):
    settings = _settings(tmp_path, """
        [[param]]
        rule_id = "R-LV-01"
        key = "labour_day_date"
        value = "05-02"
        unit = "text"
        effective_from = 2030-01-01
        legal_basis = "thử nghiệm: một văn bản giả định đổi ngày"
    """)
    cal = load_calendar(settings)
    assert not cal.is_working_day(dt.date(2030, 5, 2)) and cal.is_working_day(dt.date(2030, 5, 1))  # a Wednesday
    days = _holidays(cal.special_days(2030))
    assert dt.date(2030, 5, 2) in days and dt.date(2030, 5, 1) not in days
    # earlier years keep the shipped version in force then
    assert dt.date(2029, 5, 1) in _holidays(cal.special_days(2029))
    assert cal.fingerprint() != load_calendar(Settings()).fingerprint()


def test_the_number_of_national_day_days_comes_from_the_rules(tmp_path):
    settings = _settings(tmp_path, """
        [[param]]
        rule_id = "R-LV-01"
        key = "national_day_days"
        value = 3
        unit = "days"
        effective_from = 2031-01-01
        legal_basis = "thử nghiệm"
    """)
    days = _holidays(load_calendar(settings).special_days(2031))
    assert {dt.date(2031, 8, 31), dt.date(2031, 9, 1), dt.date(2031, 9, 2)} <= days


def test_culture_day_from_its_effective_date_in_the_rules_data():
    cal = WorkingCalendar(culture_day_holiday=True)
    assert dt.date(2027, 11, 24) in _holidays(cal.special_days(2027))
    assert dt.date(2025, 11, 24) not in _holidays(cal.special_days(2025))  # R-LV-08 in force from 2026
    assert dt.date(2027, 11, 24) not in _holidays(WorkingCalendar().special_days(2027))  # the flag is off


def test_culture_day_date_from_a_ward_file(tmp_path):
    settings = _settings(tmp_path, """
        [[param]]
        rule_id = "R-LV-08"
        key = "date"
        value = "11-23"
        unit = "text"
        effective_from = 2030-01-01
        legal_basis = "thử nghiệm"
    """, culture_day_holiday=True)
    days = _holidays(load_calendar(settings).special_days(2030))
    assert dt.date(2030, 11, 23) in days and dt.date(2030, 11, 24) not in days
