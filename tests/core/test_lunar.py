"""Vietnamese lunar calendar (UTC+7, Hồ Ngọc Đức's algorithm) against published dates."""
from __future__ import annotations

import datetime as dt

import pytest

from thanthien.core.errors import CalendarError
from thanthien.core.lunar import LunarDate, lunar_to_solar, lunar_year_name, solar_to_lunar

D = dt.date

# Mùng 1 Tết (1/1 âm lịch) as published for Vietnam.
TET_VIETNAM = [
    (1985, D(1985, 1, 21)),  # China: 1985-02-20 (leap month placed differently)
    (2007, D(2007, 2, 17)),  # China: 2007-02-18
    (2018, D(2018, 2, 16)),
    (2019, D(2019, 2, 5)),
    (2020, D(2020, 1, 25)),
    (2021, D(2021, 2, 12)),
    (2022, D(2022, 2, 1)),
    (2023, D(2023, 1, 22)),
    (2024, D(2024, 2, 10)),
    (2025, D(2025, 1, 29)),
    (2026, D(2026, 2, 17)),
    (2027, D(2027, 2, 6)),
    # New moon 2030-02-02 23:07 at UTC+7 (00:07 on 02-03 at UTC+8): Vietnam 02-02,
    # China 02-03. The brief listed 2030-02-03, which is the Chinese date.
    (2030, D(2030, 2, 2)),
]


@pytest.mark.rule("R-LV-01")
@pytest.mark.parametrize("year, solar", TET_VIETNAM, ids=[str(y) for y, _ in TET_VIETNAM])
def test_r_lv_01_tet_vietnam(year, solar):
    assert lunar_to_solar(1, 1, year) == solar
    assert solar_to_lunar(solar) == LunarDate(1, 1, year, False)
    assert solar_to_lunar(solar - dt.timedelta(days=1)).year == year - 1


@pytest.mark.parametrize(
    "year, solar",
    [(1985, D(1985, 2, 20)), (2007, D(2007, 2, 18)), (2030, D(2030, 2, 3)), (2026, D(2026, 2, 17))],
)
def test_chinese_new_year_with_utc_plus_8(year, solar):
    assert lunar_to_solar(1, 1, year, tz=8.0) == solar


def test_1985_same_day_is_tet_in_vietnam_and_month_12_in_china():
    assert solar_to_lunar(D(1985, 1, 21)) == LunarDate(1, 1, 1985)
    assert solar_to_lunar(D(1985, 1, 21), tz=8.0) == LunarDate(1, 12, 1984)
    assert solar_to_lunar(D(2007, 2, 17), tz=8.0) == LunarDate(30, 12, 2006)


GIO_TO = [
    (2023, D(2023, 4, 29)),  # after leap month 2
    (2024, D(2024, 4, 18)),
    (2025, D(2025, 4, 7)),
    (2026, D(2026, 4, 26)),
    (2027, D(2027, 4, 16)),
]


@pytest.mark.rule("R-LV-04")
@pytest.mark.parametrize("year, solar", GIO_TO, ids=[str(y) for y, _ in GIO_TO])
def test_r_lv_04_gio_to_hung_vuong(year, solar):
    assert lunar_to_solar(10, 3, year) == solar
    assert solar_to_lunar(solar) == LunarDate(10, 3, year)


@pytest.mark.parametrize(
    "lunar, solar",
    [
        (LunarDate(1, 2, 2023, True), D(2023, 3, 22)),  # tháng 2 nhuận Quý Mão
        (LunarDate(1, 6, 2025, True), D(2025, 7, 25)),  # tháng 6 nhuận Ất Tỵ
        (LunarDate(1, 4, 2020, True), D(2020, 5, 23)),  # tháng 4 nhuận Canh Tý
        (LunarDate(15, 8, 2025), D(2025, 10, 6)),  # Tết Trung thu 2025
        (LunarDate(23, 12, 2025), D(2026, 2, 10)),  # ông Công ông Táo 2026
    ],
)
def test_leap_months_and_festivals(lunar, solar):
    assert lunar_to_solar(lunar.day, lunar.month, lunar.year, lunar.leap) == solar
    assert solar_to_lunar(solar) == lunar


def test_datetime_argument_is_taken_as_its_date():
    assert solar_to_lunar(dt.datetime(2026, 2, 17, 23, 59)) == LunarDate(1, 1, 2026)


def test_days_run_continuously_and_round_trip_2024_to_2031():
    d = D(2024, 1, 1)
    prev = solar_to_lunar(d - dt.timedelta(days=1))
    while d < D(2031, 1, 1):
        cur = solar_to_lunar(d)
        assert cur.day == prev.day + 1 or (cur.day == 1 and prev.day in (29, 30)), d
        assert lunar_to_solar(cur.day, cur.month, cur.year, cur.leap) == d
        prev = cur
        d += dt.timedelta(days=1)


def test_near_midnight_new_moon_2054_has_no_day_zero():
    # The published solar->lunar step looks back one month only and returned day 0 here.
    assert solar_to_lunar(D(2054, 5, 7)).day == 30
    assert solar_to_lunar(D(2054, 5, 8)) == LunarDate(1, 4, 2054)


def test_impossible_lunar_dates_raise():
    with pytest.raises(CalendarError, match="không có tháng 3 nhuận"):
        lunar_to_solar(1, 3, 2026, leap=True)
    with pytest.raises(CalendarError, match="Tháng âm lịch không hợp lệ"):
        lunar_to_solar(1, 13, 2026)
    # A 29-day month has no day 30: find one in 2026 and check.
    short = next(m for m in range(1, 13) if lunar_to_solar(1, m % 12 + 1, 2026 + (m == 12))
                 - lunar_to_solar(1, m, 2026) == dt.timedelta(days=29))
    with pytest.raises(CalendarError, match="chỉ có 29 ngày"):
        lunar_to_solar(30, short, 2026)


@pytest.mark.parametrize("year, name", [(1985, "Ất Sửu"), (2025, "Ất Tỵ"), (2026, "Bính Ngọ"), (2027, "Đinh Mùi")])
def test_lunar_year_name(year, name):
    assert lunar_year_name(year) == name
