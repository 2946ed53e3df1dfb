"""Working calendar (R-LV-*): official tables, statutory rule, period counting, CLI."""
from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

from thanthien.core.calendar import (
    SpecialDay,
    WorkingCalendar,
    load_calendar,
    read_year_file,
)
from thanthien.core.cli import CliContext, build_parser
from thanthien.core.commands.calendar import cli_command
from thanthien.core.errors import CalendarError, ThanthienError
from thanthien.core.lunar import lunar_to_solar
from thanthien.core.settings import CalendarSettings, Settings

D = dt.date
T = dt.datetime

# Table 3.13.1 of the legal reference (the 2025 and 2026 rows), copied row by row (date, kind, occasion).
TABLE_2025 = [
    ("2025-01-01", "holiday", "Tết Dương lịch"),
    ("2025-01-27", "holiday", "Tết Ất Tỵ"),
    ("2025-01-28", "holiday", "Tết Ất Tỵ"),
    ("2025-01-29", "holiday", "Tết Ất Tỵ"),
    ("2025-01-30", "holiday", "Tết Ất Tỵ"),
    ("2025-01-31", "holiday", "Tết Ất Tỵ"),
    ("2025-04-07", "holiday", "Giỗ Tổ Hùng Vương"),
    ("2025-04-26", "swapped_workday", "30/4–1/5"),
    ("2025-04-30", "holiday", "Ngày Chiến thắng"),
    ("2025-05-01", "holiday", "Quốc tế Lao động"),
    ("2025-05-02", "compensatory_off", "30/4–1/5"),
    ("2025-09-01", "holiday", "Quốc khánh"),
    ("2025-09-02", "holiday", "Quốc khánh"),
]
TABLE_2026 = [
    ("2026-01-01", "holiday", "Tết Dương lịch"),
    ("2026-01-02", "compensatory_off", "Tết Dương lịch"),
    ("2026-01-10", "swapped_workday", "Tết Dương lịch"),
    ("2026-02-16", "holiday", "Tết Bính Ngọ"),
    ("2026-02-17", "holiday", "Tết Bính Ngọ"),
    ("2026-02-18", "holiday", "Tết Bính Ngọ"),
    ("2026-02-19", "holiday", "Tết Bính Ngọ"),
    ("2026-02-20", "holiday", "Tết Bính Ngọ"),
    ("2026-04-26", "holiday", "Giỗ Tổ Hùng Vương"),
    ("2026-04-27", "compensatory_off", "Giỗ Tổ Hùng Vương"),
    ("2026-04-30", "holiday", "Ngày Chiến thắng"),
    ("2026-05-01", "holiday", "Quốc tế Lao động"),
    ("2026-08-22", "swapped_workday", "Quốc khánh"),
    ("2026-08-31", "compensatory_off", "Quốc khánh"),
    ("2026-09-01", "holiday", "Quốc khánh"),
    ("2026-09-02", "holiday", "Quốc khánh"),
]


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return load_calendar(Settings())


def run_cli(*argv: str, settings: Settings | None = None) -> tuple[int, list[str]]:
    """Run ``thanthien calendar …`` the way the CLI does; returns (status, stdout lines)."""
    out = io.StringIO()
    ctx = CliContext(settings=settings or Settings(), pm=None, out=out)
    args = build_parser([cli_command()]).parse_args(["calendar", *argv])
    status = args._command.run(args, ctx)
    return int(status or 0), out.getvalue().splitlines()


def due(*argv: str) -> str:
    status, lines = run_cli("due", *argv)
    assert status == 0
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", lines[-1])
    return lines[-1]


def holidays(year: int, settings: Settings | None = None) -> list[tuple[str, ...]]:
    status, lines = run_cli("holidays", str(year), settings=settings)
    assert status == 0
    return [tuple(line.split("\t")) for line in lines]


# ---------------------------------------------------------------------------
# Official tables (R-LV-14, R-LV-15)
# ---------------------------------------------------------------------------

@pytest.mark.rule("R-LV-14")
def test_r_lv_14_holidays_2025_cli_is_table_3_13_1():
    assert holidays(2025) == TABLE_2025


@pytest.mark.rule("R-LV-15")
def test_r_lv_15_holidays_2026_cli_is_table_3_13_1():
    assert holidays(2026) == TABLE_2026


@pytest.mark.rule("R-LV-14")
@pytest.mark.rule("R-LV-15")
@pytest.mark.parametrize("row", TABLE_2025 + TABLE_2026, ids=[r[0] for r in TABLE_2025 + TABLE_2026])
def test_r_lv_14_15_each_row_sets_the_working_status(cal, row):
    d, kind, _ = row
    day = D.fromisoformat(d)
    assert cal.is_working_day(day) is (kind == "swapped_workday")
    assert not cal.is_provisional(day.year)


@pytest.mark.rule("R-LV-10")
def test_r_lv_10_swapped_saturdays_are_working_days(cal):
    for d in (D(2025, 4, 26), D(2026, 1, 10), D(2026, 8, 22)):
        assert d.weekday() == 5
        assert cal.is_working_day(d)
    _status, lines = run_cli("check", "2026-08-22")
    assert lines[-1] == "2026-08-22 (Thứ Bảy) là ngày làm việc (làm bù: Quốc khánh)."


@pytest.mark.rule("R-LV-10")
def test_r_lv_10_ordinary_weekend_is_off_weekday_is_on(cal):
    assert not cal.is_working_day(D(2026, 1, 3))  # Saturday
    assert not cal.is_working_day(D(2026, 1, 4))  # Sunday
    assert cal.is_working_day(D(2026, 1, 5))  # Monday
    assert cal.next_working_day(D(2025, 12, 31)) == D(2026, 1, 5)
    assert cal.next_working_day(D(2026, 1, 9)) == D(2026, 1, 10)  # swapped Saturday
    _, lines = run_cli("check", "2026-02-17")
    assert lines[-1] == "2026-02-17 (Thứ Ba) là ngày nghỉ (nghỉ lễ, Tết: Tết Bính Ngọ)."
    _, lines = run_cli("check", "2026-02-14")
    assert lines[-1] == "2026-02-14 (Thứ Bảy) là ngày nghỉ (nghỉ cuối tuần)."


def test_special_days_api_returns_frozen_rows(cal):
    days = cal.special_days(2026)
    assert days[0] == SpecialDay(D(2026, 1, 1), "holiday", "Tết Dương lịch", False,
                                 "Nghỉ liền từ thứ Năm 01/01 đến Chủ nhật 04/01")
    assert [d.date for d in days] == sorted(d.date for d in days)


# ---------------------------------------------------------------------------
# Period counting (R-LV-11, R-LV-12, R-LV-13) and the cut-off
# ---------------------------------------------------------------------------

@pytest.mark.rule("R-LV-11")
def test_r_lv_11_calendar_days_start_the_day_after():
    # Received Mon 02/3/2026 09:00: 4 days -> Fri 06/3 (last allowed day) ...
    assert due("2026-03-02T09:00", "--days", "4") == "2026-03-06"
    # ... 1 day -> Tue 03/3, not the receipt day itself.
    assert due("2026-03-02T09:00", "--days", "1") == "2026-03-03"
    assert due("2026-03-02T09:00", "--days", "0") == "2026-03-02"


@pytest.mark.rule("R-LV-12")
def test_r_lv_12_period_ending_in_tet_2026_moves_to_2026_02_23(cal):
    # Received Fri 06/02/2026: 5 days ends Wed 11/02 (before Tết) ...
    assert due("2026-02-06T09:00", "--days", "5") == "2026-02-11"
    # ... 10 days ends Mon 16/02, inside Tết (14/02–22/02): moves to Mon 23/02.
    assert due("2026-02-06T09:00", "--days", "10") == "2026-02-23"
    assert due("2026-02-06T09:00", "--days", "16") == "2026-02-23"  # Sun 22/02
    assert due("2026-02-06T09:00", "--days", "17") == "2026-02-23"  # the day itself
    assert due("2026-02-06T09:00", "--days", "18") == "2026-02-24"
    # 23/02 is the last allowed day, 24/02 the first late day.
    last = D(2026, 2, 23)
    assert cal.working_days_between(last, D(2026, 2, 23)) == 0
    assert cal.working_days_between(last, D(2026, 2, 24)) == 1


@pytest.mark.rule("R-LV-12")
def test_r_lv_12_period_ending_on_a_weekend_moves_to_monday(cal):
    assert due("2026-03-02T09:00", "--days", "5") == "2026-03-09"  # Sat 07/3 -> Mon 09/3
    assert cal.add_days(T(2026, 4, 20, 9), 6) == D(2026, 4, 28)  # Sun 26/4 holiday, Mon 27/4 off


@pytest.mark.rule("R-LV-15")
def test_r_lv_15_working_days_across_tet_2026():
    # Thu 12/02/2026: working days are 13/02, then 23/02, 24/02 (16–20/02 Tết).
    assert due("2026-02-12T09:00", "--working-days", "1") == "2026-02-13"
    assert due("2026-02-12T09:00", "--working-days", "2") == "2026-02-23"
    assert due("2026-02-12T09:00", "--working-days", "3") == "2026-02-24"


@pytest.mark.rule("R-LV-15")
@pytest.mark.rule("R-LV-07")
def test_r_lv_15_working_days_across_swapped_saturdays_2026():
    # Thu 08/01: Fri 09/01, then Sat 10/01 is worked.
    assert due("2026-01-08T10:00", "--working-days", "2") == "2026-01-10"
    assert due("2026-01-08T10:00", "--working-days", "3") == "2026-01-12"
    # Wed 31/12/2025: 01/01 holiday, 02/01 swapped off, weekend -> Mon 05/01.
    assert due("2025-12-31T10:00", "--working-days", "1") == "2026-01-05"
    # Thu 20/08: Fri 21/08, Sat 22/08 worked; 31/08–02/09 off -> 28/08, 03/09.
    assert due("2026-08-20T08:00", "--working-days", "2") == "2026-08-22"
    assert due("2026-08-28T08:00", "--working-days", "1") == "2026-09-03"


@pytest.mark.rule("R-LV-14")
def test_r_lv_14_working_days_across_swap_2025():
    assert due("2025-04-25T09:00", "--working-days", "1") == "2025-04-26"  # Sat worked
    assert due("2025-04-29T09:00", "--working-days", "1") == "2025-05-05"  # 30/4–4/5 off


def test_cutoff_15_00_exactly_is_same_day_15_01_is_next(cal):
    assert due("2026-03-10T15:00", "--working-days", "1") == "2026-03-11"
    assert due("2026-03-10T15:01", "--working-days", "1") == "2026-03-12"
    assert cal.receipt_day(T(2026, 3, 10, 15, 0)) == D(2026, 3, 10)
    assert cal.receipt_day(T(2026, 3, 10, 15, 0, 30)) == D(2026, 3, 11)
    # Friday after the cut-off -> Monday; before Tết 2026 -> after Tết.
    assert cal.receipt_day(T(2026, 2, 13, 15, 1)) == D(2026, 2, 23)
    assert due("2026-02-13T15:01", "--days", "1") == "2026-02-24"


def test_cutoff_option_and_no_cutoff():
    assert due("2026-03-10T11:31", "--working-days", "0", "--cutoff", "11:30") == "2026-03-11"
    assert due("2026-03-10T11:30", "--working-days", "0", "--cutoff", "11:30") == "2026-03-10"
    assert due("2026-03-10T23:59", "--working-days", "0", "--no-cutoff") == "2026-03-10"
    assert due("2026-03-10T23:59", "--working-days", "0") == "2026-03-11"


def test_same_day_procedure_and_receipt_on_a_day_off(cal):
    assert cal.add_working_days(T(2026, 3, 10, 9), 0) == D(2026, 3, 10)
    # Received on Sat 14/3 (even with no cut-off): counted from Mon 16/3.
    assert cal.add_working_days(T(2026, 3, 14, 9), 0, cutoff=None) == D(2026, 3, 16)
    assert cal.add_working_days(T(2026, 3, 14, 9), 1, cutoff=None) == D(2026, 3, 17)
    # Received during Tết: R = 23/02.
    assert due("2026-02-17T09:00", "--days", "1") == "2026-02-24"


@pytest.mark.rule("R-LV-11")
def test_r_lv_11_period_counts_from_the_day_after_its_trigger_whatever_that_day_is(cal):
    # 10 days from Sat 07/03/2026: 08/03 is day 1, Tue 17/03 day 10 (the receipt rule gave 19/03).
    assert cal.period_end(D(2026, 3, 7), 10) == D(2026, 3, 17)
    assert cal.add_days(T(2026, 3, 7, 9), 10, cutoff=None) == D(2026, 3, 19)  # R-MC-12 intake only
    # 10 days from Tue 17/02/2026 (Tết): Fri 27/02 (the receipt rule gave 05/03).
    assert cal.period_end(D(2026, 2, 17), 10) == D(2026, 2, 27)
    # the last day still moves off a rest day (R-LV-12): 10 days from 05/03 = Sun 15/03 -> 16/03
    assert cal.period_end(T(2026, 3, 5, 23, 0), 10) == D(2026, 3, 16)
    # working days: the n-th working day after the trigger day
    assert cal.period_end(D(2026, 3, 7), 1, "working_days") == D(2026, 3, 9)
    assert cal.period_end(D(2026, 3, 7), 10, "working_days") == D(2026, 3, 20)
    assert cal.period_end(D(2026, 3, 7), 0, "working_days") == D(2026, 3, 9)
    assert cal.period_end(D(2026, 3, 10), 0, "working_days") == D(2026, 3, 10)
    with pytest.raises(CalendarError):
        cal.period_end(D(2026, 3, 7), 1, "weeks")


def test_working_days_between(cal):
    assert cal.working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1
    assert cal.working_days_between(D(2026, 2, 13), D(2026, 2, 13)) == 0
    assert cal.working_days_between(D(2026, 2, 23), D(2026, 2, 13)) == 0  # empty interval
    assert cal.working_days_between(D(2026, 2, 23), D(2026, 2, 24)) == 1
    assert cal.working_days_between(D(2026, 1, 5), D(2026, 1, 12)) == 6  # Sat 10/01 counts
    assert cal.working_days_between(D(2025, 12, 31), D(2026, 1, 5)) == 1


# ---------------------------------------------------------------------------
# Statutory rule for years without a table (R-LV-01, R-LV-04, R-LV-06)
# ---------------------------------------------------------------------------

@pytest.mark.rule("R-LV-01")
@pytest.mark.rule("R-LV-02")
@pytest.mark.rule("R-LV-03")
@pytest.mark.rule("R-LV-04")
@pytest.mark.rule("R-LV-06")
@pytest.mark.rule("R-LV-09")
def test_r_lv_01_04_06_provisional_2027(cal):
    gio_to = lunar_to_solar(10, 3, 2027)
    assert gio_to == D(2027, 4, 16)
    P = "provisional"
    assert holidays(2027) == [
        ("2027-01-01", "holiday", "Tết Dương lịch", P),
        ("2027-02-05", "holiday", "Tết Đinh Mùi", P),  # 30 tháng Chạp
        ("2027-02-06", "holiday", "Tết Đinh Mùi", P),  # mùng 1, Saturday
        ("2027-02-07", "holiday", "Tết Đinh Mùi", P),  # Sunday
        ("2027-02-08", "holiday", "Tết Đinh Mùi", P),
        ("2027-02-09", "holiday", "Tết Đinh Mùi", P),
        ("2027-02-10", "compensatory_off", "Tết Đinh Mùi", P),  # for Sat 06/02
        ("2027-02-11", "compensatory_off", "Tết Đinh Mùi", P),  # for Sun 07/02
        ("2027-04-16", "holiday", "Giỗ Tổ Hùng Vương", P),
        ("2027-04-30", "holiday", "Ngày Chiến thắng", P),
        ("2027-05-01", "holiday", "Quốc tế Lao động", P),  # Saturday
        ("2027-05-03", "compensatory_off", "Quốc tế Lao động", P),
        ("2027-09-01", "holiday", "Quốc khánh", P),
        ("2027-09-02", "holiday", "Quốc khánh", P),
    ]
    assert cal.is_provisional(2027)
    assert not cal.is_provisional(2026)
    assert cal.next_working_day(D(2027, 2, 4)) == D(2027, 2, 12)
    _, lines = run_cli("check", "2027-02-10")
    assert "tạm tính" in lines[-1] and "nghỉ bù" in lines[-1]


@pytest.mark.rule("R-LV-06")
def test_r_lv_06_quoc_khanh_on_a_weekend_2029(cal):
    # 01/9/2029 Saturday, 02/9 Sunday: both give days off, Mon 03/9 and Tue 04/9.
    days = {d.date: d for d in cal.special_days(2029)}
    assert days[D(2029, 9, 1)].kind == days[D(2029, 9, 2)].kind == "holiday"
    assert days[D(2029, 9, 3)].kind == days[D(2029, 9, 4)].kind == "compensatory_off"
    assert all(d.provisional for d in days.values())
    assert cal.is_working_day(D(2029, 9, 5))


def test_provisional_years_are_flagged_in_due_output():
    _status, lines = run_cli("due", "2027-02-04T09:00", "--working-days", "1")
    assert lines[-1] == "2027-02-12"
    assert "2027" in lines[-2] and "tạm tính" in lines[-2]


# ---------------------------------------------------------------------------
# R-LV-08, ward tables, bad files, fingerprint
# ---------------------------------------------------------------------------

@pytest.mark.rule("R-LV-08")
def test_r_lv_08_culture_day_is_off_by_default_and_a_flag():
    off = load_calendar(Settings())
    on = load_calendar(Settings(calendar=CalendarSettings(culture_day_holiday=True)))
    assert off.is_working_day(D(2026, 11, 24))
    assert not on.is_working_day(D(2026, 11, 24))  # official year 2026
    assert not on.is_working_day(D(2027, 11, 24))  # provisional year
    assert on.is_working_day(D(2025, 11, 24))  # not before 2026
    sat = {d.date: d.kind for d in on.special_days(2029)}  # 24/11/2029 is a Saturday
    assert sat[D(2029, 11, 24)] == "holiday" and sat[D(2029, 11, 26)] == "compensatory_off"
    assert on.fingerprint() != off.fingerprint()


VALID_2027 = """\
year = 2027
source = "Công văn thử nghiệm"
[[days]]
date = 2027-02-08
kind = "holiday"
name = "Tết Đinh Mùi"
[[days]]
date = 2027-02-20
kind = "swapped_workday"
name = "Tết Đinh Mùi"
note = "làm bù"
"""


def test_ward_folder_adds_a_year_without_code(tmp_path):
    (tmp_path / "2027.toml").write_text(VALID_2027, encoding="utf-8")
    settings = Settings(calendar=CalendarSettings(dir=str(tmp_path)))
    cal = load_calendar(settings)
    assert not cal.is_provisional(2027)
    assert holidays(2027, settings) == [
        ("2027-02-08", "holiday", "Tết Đinh Mùi"),
        ("2027-02-20", "swapped_workday", "Tết Đinh Mùi"),
    ]
    assert cal.is_working_day(D(2027, 2, 20))
    assert holidays(2026, settings) == TABLE_2026  # shipped years still there
    assert cal.fingerprint() != load_calendar(Settings()).fingerprint()


def test_ward_folder_overrides_a_shipped_year_relative_to_config(tmp_path):
    folder = tmp_path / "lich"
    folder.mkdir()
    (folder / "2026.toml").write_text(
        'source = "Quyết định của tỉnh"\n[[days]]\ndate = 2026-03-09\nkind = "holiday"\nname = "Ngày thử"\n',
        encoding="utf-8",
    )
    settings = Settings(calendar=CalendarSettings(dir="lich"), source=str(tmp_path / "thanthien.toml"))
    cal = load_calendar(settings)
    assert not cal.is_working_day(D(2026, 3, 9))
    assert cal.is_working_day(D(2026, 2, 17))  # the override replaces the whole year


@pytest.mark.parametrize(
    "text, fragment",
    [
        ('source = "x"\n[[days]]\ndate = 2027-01-01\nkind = "holiday"\nname = "A"\n'
         '[[days]]\ndate = 2027-01-02\nkind = "nghi"\nname = "B"\n', "mục [[days]] thứ 2: 'kind'"),
        ('source = "x"\n[[days]]\ndate = 2026-01-01\nkind = "holiday"\nname = "A"\n',
         "mục [[days]] thứ 1: ngày 2026-01-01 không thuộc năm 2027"),
        ('source = "x"\n[[days]]\ndate = 2027-01-01\nkind = "holiday"\nname = "A"\n'
         '[[days]]\ndate = 2027-01-01\nkind = "holiday"\nname = "B"\n', "đã có ở mục thứ 1"),
        ('source = "x"\n[[days]]\ndate = 2027-01-04\nkind = "swapped_workday"\nname = "A"\n',
         "phải là thứ Bảy hoặc Chủ nhật"),
        ('source = "x"\n[[days]]\ndate = "2027-02-30"\nkind = "holiday"\nname = "A"\n',
         "ngày '2027-02-30' không hợp lệ"),
        ('source = "x"\n[[days]]\ndate = 2027-01-01\nkind = "holiday"\n', "thiếu 'name'"),
        ('source = "x"\n[[days]]\ndate = 2027-01-01\nkind = "holiday"\nname = "A"\ncolor = 1\n',
         "khóa không được hỗ trợ: color"),
        ('[[days]]\ndate = 2027-01-01\nkind = "holiday"\nname = "A"\n', "thiếu 'source'"),
        ('year = 2028\nsource = "x"\n', "không khớp với tên tệp"),
        ('source = "x"\n[[days]\n', "sai cú pháp TOML"),
    ],
)
def test_bad_ward_file_raises_calendar_error_naming_file_and_row(tmp_path, text, fragment):
    (tmp_path / "2027.toml").write_text(text, encoding="utf-8")
    with pytest.raises(CalendarError) as info:
        load_calendar(Settings(calendar=CalendarSettings(dir=str(tmp_path))))
    assert fragment in info.value.message
    assert "2027.toml" in info.value.message
    assert info.value.message.startswith("Tệp lịch không hợp lệ")


def test_missing_folder_and_bad_file_name(tmp_path):
    with pytest.raises(CalendarError, match="Không tìm thấy thư mục lịch"):
        load_calendar(Settings(calendar=CalendarSettings(dir=str(tmp_path / "khong-co"))))
    (tmp_path / "lich-2027.toml").write_text('source = "x"\n', encoding="utf-8")
    with pytest.raises(CalendarError, match=r"tên tệp phải là <năm>\.toml"):
        load_calendar(Settings(calendar=CalendarSettings(dir=str(tmp_path))))


def test_shipped_files_read_cleanly():
    data = Path(__file__).resolve().parents[2] / "core" / "data" / "calendar"
    t25 = read_year_file(data / "2025.toml")
    t26 = read_year_file(data / "2026.toml")
    assert "8726/VPCP-KGVX" in t25.source and "12729/VPCP-KGVX" in t26.source
    assert len(t25.days) == len(TABLE_2025) and len(t26.days) == len(TABLE_2026)


def test_fingerprint_is_stable_and_tracks_data(cal):
    fp = cal.fingerprint()
    assert re.fullmatch(r"[0-9a-f]{64}", fp)
    assert load_calendar(Settings()).fingerprint() == fp
    assert WorkingCalendar({}).fingerprint() != fp
    tables = dict(cal.tables)
    del tables[2025]
    assert WorkingCalendar(tables).fingerprint() != fp


# ---------------------------------------------------------------------------
# Bad input: Vietnamese errors, never a traceback
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["due", "2026-02-13 15:00", "--days", "1"], "Thời điểm tiếp nhận"),
        (["due", "2026-02-30T10:00", "--days", "1"], "Thời điểm tiếp nhận"),
        (["due", "2026-02-13T15:00", "--days", "-1"], "số nguyên không âm"),
        (["due", "2026-02-13T15:00", "--working-days", "ba"], "số nguyên không âm"),
        (["due", "2026-02-13T15:00", "--days", "1", "--cutoff", "25:00"], "Giờ chốt"),
        (["due", "2200-01-01T10:00", "--days", "1"], "1900–2199"),
        (["due", "2199-12-30T10:00", "--days", "5"], "1900–2199"),
        (["due", "2026-02-13T10:00", "--days", "99999999999"], "1900–2199"),
        (["due", "2026-02-13T10:00", "--working-days", "99999999999"], "1900–2199"),
        (["holidays", "1899"], "1900–2199"),
        (["holidays", "2200"], "1900–2199"),
        (["holidays", "năm"], "Năm 'năm' không hợp lệ"),
        (["check", "17/02/2026"], "Ngày '17/02/2026' không hợp lệ"),
    ],
)
def test_bad_cli_input_raises_vietnamese_error(argv, fragment):
    with pytest.raises(CalendarError) as info:
        run_cli(*argv)
    assert fragment in info.value.message


def test_cli_usage_errors_are_thanthien_errors():
    with pytest.raises(ThanthienError):
        run_cli("due", "2026-02-13T15:00")  # neither --days nor --working-days
    with pytest.raises(ThanthienError):
        run_cli("due", "2026-02-13T15:00", "--days", "1", "--working-days", "1")
    with pytest.raises(ThanthienError):
        run_cli("due", "2026-02-13T15:00", "--days", "1", "--cutoff", "16:00", "--no-cutoff")


def test_api_rejects_negative_periods_and_years_out_of_range(cal):
    with pytest.raises(CalendarError):
        cal.add_working_days(T(2026, 3, 10, 9), -1)
    with pytest.raises(CalendarError):
        cal.add_days(T(2026, 3, 10, 9), -1)
    with pytest.raises(CalendarError, match="1900–2199"):
        cal.is_working_day(D(1899, 12, 31))
    with pytest.raises(CalendarError, match="1900–2199"):
        cal.special_days(2200)


def test_web_cli_main_runs_calendar(tmp_path):
    """The ``thanthien`` console script entry point, in a fresh process (real stdout)."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "THANTHIEN_CONFIG"}
    code = "import sys; from thanthien.web.cli import main; sys.exit(main(sys.argv[1:]))"

    def main(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", code, *argv], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)

    ok = main("calendar", "due", "2026-02-06T09:00", "--days", "10")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines()[-1] == "2026-02-23"
    hol = main("calendar", "holidays", "2026")
    assert [tuple(line.split("\t")) for line in hol.stdout.splitlines()] == TABLE_2026
    bad = main("calendar", "holidays", "2200")
    assert bad.returncode == 2
    assert bad.stderr.startswith("Lỗi: Năm 2200") and "Traceback" not in bad.stderr
