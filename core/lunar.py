"""Vietnamese lunar calendar (âm lịch) conversions.

The Vietnamese lunar calendar is computed for the meridian of UTC+7, the Chinese one
for UTC+8. Because a new moon close to midnight falls on different civil days in the
two zones, the calendars sometimes disagree on the first day of a month, and so on
the date of Tết (1985: 21/01 in Vietnam, 20/02 in China; 2007: 17/02 vs 18/02).

This module implements the standard astronomical algorithm published by Hồ Ngọc Đức
("Thuật toán tính âm lịch", based on Jean Meeus, *Astronomical Algorithms*, 1998):

* a month starts on the civil day (in the given time zone) containing the new moon;
* month 11 is the month containing the winter solstice;
* a lunar year with 13 months (between two months 11) has a leap month: the first
  month after month 11 that contains no major solar term (trung khí).

It is used for Tết Nguyên đán and Giỗ Tổ Hùng Vương (R-LV-01, R-LV-04). The algorithm
is accurate for the years the working calendar supports (1900–2199).
"""

from __future__ import annotations

import datetime
import math

import attrs

from .errors import CalendarError

__all__ = ["LunarDate", "lunar_to_solar", "lunar_year_name", "solar_to_lunar"]

VIETNAM_TZ = 7.0  # hours east of UTC; China uses 8.0

_SYNODIC = 29.530588853
_EPOCH_NEW_MOON = 2415021.076998695  # new moon of 1900-01-01 (k = 0)


@attrs.frozen
class LunarDate:
    """A date of the Vietnamese lunar calendar; ``leap`` marks a leap month (tháng nhuận)."""

    day: int
    month: int
    year: int
    leap: bool = False

    def __str__(self) -> str:
        return f"{self.day:02d}/{self.month:02d}{' nhuận' if self.leap else ''}/{self.year} âl"


def _jdn(d: datetime.date) -> int:
    """Julian day number of a (proleptic Gregorian) date."""
    return d.toordinal() + 1721425


def _from_jdn(jdn: int) -> datetime.date:
    return datetime.date.fromordinal(jdn - 1721425)


def _new_moon(k: int) -> float:
    """Julian day (UT, fractional) of the k-th new moon after 1900-01-01 (Meeus)."""
    t = k / 1236.85
    t2 = t * t
    t3 = t2 * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3  # sun's mean anomaly
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3  # moon's mean anomaly
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3  # moon's argument of latitude
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 = c1 - 0.4068 * math.sin(mpr * dr) + 0.0161 * math.sin(dr * 2 * mpr)
    c1 = c1 - 0.0004 * math.sin(dr * 3 * mpr)
    c1 = c1 + 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 = c1 - 0.0074 * math.sin(dr * (m - mpr)) + 0.0004 * math.sin(dr * (2 * f + m))
    c1 = c1 - 0.0004 * math.sin(dr * (2 * f - m)) - 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 = c1 + 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - delta_t


def _new_moon_day(k: int, tz: float) -> int:
    """Julian day number of the civil day (local time ``tz``) holding the k-th new moon."""
    return math.floor(_new_moon(k) + 0.5 + tz / 24)


def _sun_longitude(jd: float) -> float:
    """The sun's apparent longitude in radians, in [0, 2π), at Julian day ``jd`` (UT)."""
    t = (jd - 2451545.0) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    lon = (l0 + dl) * dr
    return lon - math.pi * 2 * math.floor(lon / (math.pi * 2))


def _sun_sector(day_number: int, tz: float) -> int:
    """Which of the 12 major solar terms (0..11) the sun is in at the start of the day."""
    return math.floor(_sun_longitude(day_number - 0.5 - tz / 24) / math.pi * 6)


def _lunar_month_11(year: int, tz: float) -> int:
    """Julian day number of the first day of lunar month 11 ending solar ``year``."""
    off = _jdn(datetime.date(year, 12, 31)) - 2415021
    k = math.floor(off / _SYNODIC)
    nm = _new_moon_day(k, tz)
    if _sun_sector(nm, tz) >= 9:  # the solstice is not yet passed: month 11 began earlier
        nm = _new_moon_day(k - 1, tz)
    return nm


def _leap_month_offset(a11: int, tz: float) -> int:
    """Index (months after month 11) of the leap month in a 13-month lunar year."""
    k = math.floor((a11 - _EPOCH_NEW_MOON) / _SYNODIC + 0.5)
    i = 1
    arc = _sun_sector(_new_moon_day(k + i, tz), tz)
    while True:
        last = arc
        i += 1
        arc = _sun_sector(_new_moon_day(k + i, tz), tz)
        if arc == last or i >= 14:
            break
    return i - 1


def solar_to_lunar(d: datetime.date, tz: float = VIETNAM_TZ) -> LunarDate:
    """Convert a solar (Gregorian) date to the lunar calendar of time zone ``tz``.

    ``tz=7.0`` (default) gives the Vietnamese lunar calendar; ``tz=8.0`` the Chinese one.
    """
    if isinstance(d, datetime.datetime):
        d = d.date()
    day_number = _jdn(d)
    k = math.floor((day_number - _EPOCH_NEW_MOON) / _SYNODIC) + 1
    month_start = _new_moon_day(k, tz)
    # The published algorithm steps back one month at most; near a midnight new moon
    # (e.g. 2054-05-07) the estimate can be two months off and it returned "day 0".
    while month_start > day_number:
        k -= 1
        month_start = _new_moon_day(k, tz)
    a11 = _lunar_month_11(d.year, tz)
    b11 = a11
    if a11 >= month_start:
        lunar_year = d.year
        a11 = _lunar_month_11(d.year - 1, tz)
    else:
        lunar_year = d.year + 1
        b11 = _lunar_month_11(d.year + 1, tz)
    lunar_day = day_number - month_start + 1
    diff = math.floor((month_start - a11) / 29)
    leap = False
    lunar_month = diff + 11
    if b11 - a11 > 365:  # 13 lunar months between the two months 11: one is a leap month
        leap_diff = _leap_month_offset(a11, tz)
        if diff >= leap_diff:
            lunar_month = diff + 10
            leap = diff == leap_diff
    if lunar_month > 12:
        lunar_month -= 12
    if lunar_month >= 11 and diff < 4:
        lunar_year -= 1
    return LunarDate(lunar_day, lunar_month, lunar_year, leap)


def lunar_to_solar(day: int, month: int, year: int, leap: bool = False, tz: float = VIETNAM_TZ) -> datetime.date:
    """Convert a lunar date (of time zone ``tz``, Vietnam by default) to a solar date.

    Raises :class:`CalendarError` for a date that does not exist: a month out of 1–12,
    a day out of the month's 29 or 30 days, or a leap month the year does not have.
    """
    if not 1 <= month <= 12:
        raise CalendarError(f"Tháng âm lịch không hợp lệ: {month} (phải từ 1 đến 12).")
    if not 1 <= day <= 30:
        raise CalendarError(f"Ngày âm lịch không hợp lệ: {day} (phải từ 1 đến 30).")
    if month < 11:
        a11 = _lunar_month_11(year - 1, tz)
        b11 = _lunar_month_11(year, tz)
    else:
        a11 = _lunar_month_11(year, tz)
        b11 = _lunar_month_11(year + 1, tz)
    off = month - 11
    if off < 0:
        off += 12
    leap_month = None
    if b11 - a11 > 365:
        leap_off = _leap_month_offset(a11, tz)
        leap_month = leap_off - 2
        if leap_month < 0:
            leap_month += 12
        if leap or off >= leap_off:
            off += 1
    if leap and month != leap_month:
        raise CalendarError(f"Năm âm lịch {year} không có tháng {month} nhuận.")
    k = math.floor(0.5 + (a11 - _EPOCH_NEW_MOON) / _SYNODIC)
    month_start = _new_moon_day(k + off, tz)
    month_length = _new_moon_day(k + off + 1, tz) - month_start
    if day > month_length:
        raise CalendarError(f"Tháng {month}{' nhuận' if leap else ''} năm {year} âm lịch chỉ có {month_length} ngày.")
    return _from_jdn(month_start + day - 1)


_CAN = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
_CHI = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")


def lunar_year_name(year: int) -> str:
    """The sexagenary (can chi) name of a lunar year, e.g. 2025 -> "Ất Tỵ"."""
    return f"{_CAN[(year + 6) % 10]} {_CHI[(year + 8) % 12]}"
