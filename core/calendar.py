"""The working calendar (lịch làm việc) and period counting.

What counts as a working day
----------------------------
State agencies work Monday–Friday (R-LV-10). A day is a **working day** when it is a
Monday–Friday that is neither a ``holiday`` nor a ``compensatory_off``, or when it is a
``swapped_workday`` (a Saturday worked to pay for a swap, R-LV-07).

Where the special days come from
--------------------------------
* **Official tables** (R-LV-09, R-LV-14, R-LV-15): one TOML file per year, ``<year>.toml``,
  listing every ``holiday``, ``compensatory_off`` and ``swapped_workday`` of that year as
  the government announced it. Core ships 2025 and 2026 (``core/data/calendar``). A ward
  adds a year, or replaces a shipped one, by dropping ``<year>.toml`` in the folder named
  by ``[calendar] dir`` of its ``thanthien.toml`` — no code. The file format::

      year = 2027                      # optional; must match the file name
      source = "Công văn …/VPCP-KGVX"  # required: the notice the table copies
      legal_basis = "BLLĐ Điều 111–112"

      [[days]]
      date = 2027-01-01
      kind = "holiday"                 # holiday | compensatory_off | swapped_workday
      name = "Tết Dương lịch"
      note = ""                        # optional

* **Statutory rule** for a year without an official table (R-LV-01, R-LV-04, R-LV-06),
  every row marked ``provisional``: Tết Dương lịch 01/01; Tết Âm lịch = the last day of
  the lunar year and the first four days of the new one; Giỗ Tổ Hùng Vương 10/3 âm lịch;
  30/4; 01/5; Quốc khánh 02/9 with 01/9 as its extra day; each holiday falling on a
  Saturday or Sunday gives the next working day off (``compensatory_off``).
  Lunar dates use the Vietnamese lunar calendar (:mod:`thanthien.core.lunar`, UTC+7).
* **R-LV-08**: with ``[calendar] culture_day_holiday = true`` 24/11 (Ngày Văn hóa Việt
  Nam) is a holiday from 2026 on, in official and provisional years alike; off by default.

Counting periods (BLDS Art. 147–148)
------------------------------------
* **Effective receipt day** ``R`` (:meth:`WorkingCalendar.receipt_day`): the date of the
  start if it is a working day and its time is not after the cut-off (15:00 by default,
  per case type; ``None`` = no cut-off); otherwise the next working day after that date.
* **N working days** (:meth:`WorkingCalendar.add_working_days`): the N-th working day
  after ``R``; ``N = 0`` gives ``R`` itself (same-day procedures).
* **N calendar days** (:meth:`WorkingCalendar.add_days`): counting starts the day after
  ``R`` (R-LV-11), so the last day is ``R + N``; if that is not a working day the period
  ends on the next working day (R-LV-12). The due day ends at 24:00 (R-LV-13).
* **From the trigger day** (:meth:`WorkingCalendar.period_end`): a period the law counts
  from an event (a letter received, a decision made) starts the day after that day,
  whatever it is (R-LV-11) — no shift to a working day first; only the last day moves
  (R-LV-12). The effective receipt day ``R`` applies only where a procedure says so
  (one-stop intake out of hours, R-MC-12).

The supported years are 1900–2199; anything outside raises :class:`CalendarError`.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib.resources
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from .errors import CalendarError
from .lunar import lunar_to_solar, lunar_year_name

if TYPE_CHECKING:  # pragma: no cover
    from .settings import Settings

__all__ = [
    "DEFAULT_CUTOFF",
    "KINDS",
    "MAX_YEAR",
    "MIN_YEAR",
    "SpecialDay",
    "WorkingCalendar",
    "YearTable",
    "load_calendar",
    "read_year_file",
    "statutory_special_days",
]

HOLIDAY = "holiday"
COMPENSATORY_OFF = "compensatory_off"
SWAPPED_WORKDAY = "swapped_workday"
KINDS = (HOLIDAY, COMPENSATORY_OFF, SWAPPED_WORKDAY)
KIND_LABELS = {
    HOLIDAY: "nghỉ lễ, Tết",
    COMPENSATORY_OFF: "nghỉ bù",
    SWAPPED_WORKDAY: "làm bù",
}
MIN_YEAR, MAX_YEAR = 1900, 2199
DEFAULT_CUTOFF = datetime.time(15, 0)
CULTURE_DAY_FROM = 2026  # R-LV-08's first year: the rules data's effective_from (kept for older imports)
# Bump when the statutory rule below changes, so fingerprints (and deadlines) change.
STATUTORY_RULE_VERSION = "R-LV-01/04/06 v2"  # v2: dates and counts read from the rules data
WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


@attrs.frozen
class SpecialDay:
    """A holiday, compensatory day off or swapped working Saturday.

    ``provisional`` is true when the day was derived from the statutory rule because no
    official table exists for its year.
    """

    date: datetime.date
    kind: str
    name: str
    provisional: bool = False
    note: str = ""


@attrs.frozen
class YearTable:
    """The official table of one year, as read from ``<year>.toml``."""

    year: int
    days: tuple[SpecialDay, ...]
    source: str
    legal_basis: str = ""
    path: str = ""


# ---------------------------------------------------------------------------
# Data files
# ---------------------------------------------------------------------------

_FILE_KEYS = {"year", "source", "legal_basis", "days"}
_ROW_KEYS = {"date", "kind", "name", "note"}
_YEAR_FILE = re.compile(r"^(\d{4})\.toml$")


def _file_error(path: str, reason: str, row: int | None = None) -> CalendarError:
    where = f"{path}, mục [[days]] thứ {row}" if row is not None else path
    return CalendarError(
        f"Tệp lịch không hợp lệ: {where}: {reason}",
        details={"path": path, "row": row, "reason": reason},
    )


def read_year_file(path: str | Path | importlib.resources.abc.Traversable, year: int | None = None) -> YearTable:
    """Read and check one ``<year>.toml``; any problem raises :class:`CalendarError`.

    The message names the file and the 1-based ``[[days]]`` entry. ``year`` defaults
    to the number in the file name.
    """
    name = str(path)
    if year is None:
        m = _YEAR_FILE.match(Path(name).name)
        if not m:
            raise _file_error(name, "tên tệp phải là <năm>.toml, ví dụ 2027.toml")
        year = int(m.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _file_error(name, f"năm {year} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}")
    if isinstance(path, str):
        path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise _file_error(name, f"sai cú pháp TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _file_error(name, f"không đọc được tệp ({exc})") from None

    extra = sorted(set(data) - _FILE_KEYS)
    if extra:
        raise _file_error(name, f"khóa không được hỗ trợ: {', '.join(extra)}")
    if "year" in data and data["year"] != year:
        raise _file_error(name, f"year = {data['year']!r} không khớp với tên tệp ({year})")
    source = data.get("source")
    if not isinstance(source, str) or not source.strip():
        raise _file_error(name, "thiếu 'source' (văn bản công bố lịch nghỉ)")
    legal_basis = data.get("legal_basis", "")
    if not isinstance(legal_basis, str):
        raise _file_error(name, "'legal_basis' phải là chuỗi")
    rows = data.get("days", [])
    if not isinstance(rows, list):
        raise _file_error(name, "'days' phải là danh sách các mục [[days]]")

    days: list[SpecialDay] = []
    seen: dict[datetime.date, int] = {}
    for i, row in enumerate(rows, start=1):
        days.append(_parse_row(name, year, i, row, seen))
    days.sort(key=lambda d: d.date)
    return YearTable(year, tuple(days), source.strip(), legal_basis.strip(), name)


def _parse_row(path: str, year: int, i: int, row: object, seen: dict) -> SpecialDay:
    if not isinstance(row, dict):
        raise _file_error(path, "mỗi mục phải là một bảng [[days]]", i)
    extra = sorted(set(row) - _ROW_KEYS)
    if extra:
        raise _file_error(path, f"khóa không được hỗ trợ: {', '.join(extra)}", i)
    raw = row.get("date")
    if isinstance(raw, datetime.datetime) or raw is None:
        raise _file_error(path, "thiếu hoặc sai 'date' (dạng 2027-01-01)", i)
    if isinstance(raw, str):
        try:
            raw = datetime.date.fromisoformat(raw)
        except ValueError:
            raise _file_error(path, f"ngày '{raw}' không hợp lệ (dạng 2027-01-01)", i) from None
    if not isinstance(raw, datetime.date):
        raise _file_error(path, "thiếu hoặc sai 'date' (dạng 2027-01-01)", i)
    d: datetime.date = raw
    if d.year != year:
        raise _file_error(path, f"ngày {d.isoformat()} không thuộc năm {year}", i)
    if d in seen:
        raise _file_error(path, f"ngày {d.isoformat()} đã có ở mục thứ {seen[d]}", i)
    seen[d] = i
    kind = row.get("kind")
    if kind not in KINDS:
        raise _file_error(path, f"'kind' = {kind!r} không hợp lệ; chỉ nhận {', '.join(KINDS)}", i)
    name = row.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _file_error(path, "thiếu 'name' (tên ngày lễ hoặc dịp nghỉ)", i)
    note = row.get("note", "")
    if not isinstance(note, str):
        raise _file_error(path, "'note' phải là chuỗi", i)
    weekend = d.weekday() >= 5
    if kind == SWAPPED_WORKDAY and not weekend:
        raise _file_error(path, f"ngày làm bù {d.isoformat()} phải là thứ Bảy hoặc Chủ nhật", i)
    if kind == COMPENSATORY_OFF and weekend:
        raise _file_error(path, f"ngày nghỉ bù {d.isoformat()} phải là ngày từ thứ Hai đến thứ Sáu", i)
    return SpecialDay(d, kind, name.strip(), False, note.strip())


def _year_files(folder) -> Iterable:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml") and entry.is_file():
            yield entry


def load_tables(folder) -> dict[int, YearTable]:
    """Read every ``<year>.toml`` of a folder (a Path or a package resource)."""
    tables: dict[int, YearTable] = {}
    for entry in _year_files(folder):
        table = read_year_file(entry)
        tables[table.year] = table
    return tables


def shipped_tables() -> dict[int, YearTable]:
    """The official tables core ships (2025, 2026: R-LV-14, R-LV-15)."""
    folder = importlib.resources.files("thanthien.core").joinpath("data", "calendar")
    return load_tables(folder)


# ---------------------------------------------------------------------------
# Statutory rule for years without an official table
# ---------------------------------------------------------------------------


def check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CalendarError(f"Năm {year} nằm ngoài khoảng lịch hỗ trợ ({MIN_YEAR}–{MAX_YEAR}).")


_check_year = check_year  # older private name


def _compensatory_days(days: dict[datetime.date, SpecialDay], provisional: bool) -> list[SpecialDay]:
    """R-LV-06: each holiday on a Saturday or Sunday gives the next working day off.

    Days are assigned in date order, skipping other holidays and days already given,
    so a weekend inside a Tết block pushes its days off past the end of the block.
    """
    taken = set(days)
    out: list[SpecialDay] = []
    for day in sorted(days.values(), key=lambda s: s.date):
        if day.kind != HOLIDAY or day.date.weekday() < 5:
            continue
        d = day.date + datetime.timedelta(days=1)
        while d.weekday() >= 5 or d in taken:
            d += datetime.timedelta(days=1)
        taken.add(d)
        out.append(
            SpecialDay(
                d,
                COMPENSATORY_OFF,
                day.name,
                provisional,
                f"Nghỉ bù cho ngày {day.date:%d/%m/%Y} (R-LV-06)",
            )
        )
    return out


def _shipped_rules():
    """The shipped rule book (a calendar built without one, e.g. in a plain script)."""
    global _SHIPPED_RULES
    if _SHIPPED_RULES is None:
        from .rules import load_rulebook

        _SHIPPED_RULES = load_rulebook(None)
    return _SHIPPED_RULES


_SHIPPED_RULES = None


def _month_day(year: int, text: str, ref: str) -> datetime.date:
    try:
        month, day = (int(x) for x in str(text).split("-"))
        return datetime.date(year, month, day)
    except ValueError:
        raise CalendarError(f"Tham số quy định {ref} phải có dạng MM-DD (nhận được {text!r}).") from None


def statutory_parameters(year: int, rules=None) -> dict:
    """The parameters of the statutory holiday rule in force on 01/01 of ``year``, read
    from the rules data (issue 10 item 13: no holiday date is written in code). R-LV-08
    is ``None`` in years before its ``effective_from``."""
    from .rules import RuleError

    rules = rules or _shipped_rules()
    on = datetime.date(year, 1, 1)

    def value(ref: str):
        return rules.value(ref, on)

    try:
        culture = value("R-LV-08.date")
    except RuleError:
        culture = None
    return {
        "new_year_date": value("R-LV-01.new_year_date"),  # R-LV-01
        "new_year_days": int(value("R-LV-01.new_year_days")),
        "lunar_new_year_days": int(value("R-LV-01.lunar_new_year_days")),  # R-LV-01, R-LV-02
        "victory_day_date": value("R-LV-01.victory_day_date"),
        "labour_day_date": value("R-LV-01.labour_day_date"),
        "national_day_date": value("R-LV-01.national_day_date"),
        "national_day_days": int(value("R-LV-01.national_day_days")),  # R-LV-03: 02/9 + adjacent
        "hung_kings_lunar": (int(value("R-LV-04.lunar_day")), int(value("R-LV-04.lunar_month"))),  # R-LV-04
        "culture_day_date": culture,  # R-LV-08
    }


def _culture_day(year: int, provisional: bool, rules=None) -> SpecialDay | None:
    text = statutory_parameters(year, rules)["culture_day_date"]
    if text is None:  # R-LV-08 not yet in force this year
        return None
    return SpecialDay(
        _month_day(year, text, "R-LV-08.date"),
        HOLIDAY,
        "Ngày Văn hóa Việt Nam",
        provisional,
        "R-LV-08: theo cấu hình của phường (cần kiểm tra)",
    )


def statutory_special_days(year: int, culture_day_holiday: bool = False, rules=None) -> list[SpecialDay]:
    """Special days of ``year`` from the statutory rule alone, all ``provisional``.

    R-LV-01 (the 11 holidays), R-LV-04 (Giỗ Tổ on 10/3 âm lịch), R-LV-06 (a holiday on
    a weekend gives the next working day off). The Tết days and the Quốc khánh extra
    day, set each year by the Prime Minister (R-LV-02, R-LV-03), are assumed to be the
    last day of the lunar year + the following days, and the day(s) before 02/9. Every
    date and count comes from ``rules`` (the shipped rule book by default).
    """
    check_year(year)
    p = statutory_parameters(year, rules)
    note = "Tạm tính theo quy định (R-LV-01), chưa có lịch nghỉ chính thức"
    tet = lunar_to_solar(1, 1, year)  # mùng 1 Tết of lunar year `year`, always in January/February
    tet_name = f"Tết {lunar_year_name(year)}"
    new_year = _month_day(year, p["new_year_date"], "R-LV-01.new_year_date")
    rows: list[tuple[datetime.date, str]] = [
        (new_year + datetime.timedelta(days=i), "Tết Dương lịch") for i in range(p["new_year_days"])
    ]
    rows += [(tet + datetime.timedelta(days=i), tet_name) for i in range(-1, p["lunar_new_year_days"] - 1)]
    national = _month_day(year, p["national_day_date"], "R-LV-01.national_day_date")
    hung_day, hung_month = p["hung_kings_lunar"]
    rows += [
        (lunar_to_solar(hung_day, hung_month, year), "Giỗ Tổ Hùng Vương"),  # R-LV-04
        (_month_day(year, p["victory_day_date"], "R-LV-01.victory_day_date"), "Ngày Chiến thắng"),
        (_month_day(year, p["labour_day_date"], "R-LV-01.labour_day_date"), "Quốc tế Lao động"),
    ]
    # R-LV-03: the adjacent day(s) assumed before 02/9 (01/9)
    rows += [(national - datetime.timedelta(days=i), "Quốc khánh") for i in range(p["national_day_days"] - 1, -1, -1)]
    if culture_day_holiday:
        cday = _culture_day(year, True, rules)
        if cday is not None:
            rows.append((cday.date, cday.name))  # R-LV-08
    days: dict[datetime.date, SpecialDay] = {}
    for d, name in rows:
        if d in days:  # two holidays on one date (Giỗ Tổ on 30/4 in 1947): one row
            name = f"{days[d].name} và {name}"
        days[d] = SpecialDay(d, HOLIDAY, name, True, note)
    result = list(days.values()) + _compensatory_days(days, provisional=True)
    return sorted(result, key=lambda s: s.date)


# ---------------------------------------------------------------------------
# The calendar
# ---------------------------------------------------------------------------


class WorkingCalendar:
    """Working days of a ward: official per-year tables, else the statutory rule.

    ``tables`` maps a year to its official :class:`YearTable`; every other year in
    1900–2199 is computed from the statutory rule and is provisional.
    """

    def __init__(
        self,
        tables: Mapping[int, YearTable] | None = None,
        *,
        culture_day_holiday: bool = False,
        rules=None,
    ) -> None:
        self.tables: dict[int, YearTable] = dict(tables or {})
        self.culture_day_holiday = culture_day_holiday
        self.rules = rules  # the ward's rule book; None: the shipped one
        self._years: dict[int, dict[datetime.date, SpecialDay]] = {}

    # -- special days -----------------------------------------------------------

    def _year(self, year: int) -> dict[datetime.date, SpecialDay]:
        days = self._years.get(year)
        if days is None:
            days = {s.date: s for s in self._compute_year(year)}
            self._years[year] = days
        return days

    def _compute_year(self, year: int) -> list[SpecialDay]:
        check_year(year)
        table = self.tables.get(year)
        if table is None:
            return statutory_special_days(year, self.culture_day_holiday, self.rules)
        days = {s.date: s for s in table.days}
        cday = _culture_day(year, provisional=False, rules=self.rules) if self.culture_day_holiday else None
        if cday is not None and cday.date not in days:  # R-LV-08, from its effective_from in the rules data
            days[cday.date] = cday
            days.update({c.date: c for c in _compensatory_days({cday.date: cday}, False) if c.date not in days})
        return sorted(days.values(), key=lambda s: s.date)

    def special_days(self, year: int) -> list[SpecialDay]:
        """Every holiday (weekend ones too), compensatory day off and swapped working
        day of ``year``, sorted by date."""
        return sorted(self._year(year).values(), key=lambda s: s.date)

    def special_day(self, d: datetime.date) -> SpecialDay | None:
        """The special day on ``d``, or ``None`` for an ordinary day."""
        return self._year(d.year).get(d)

    def is_provisional(self, year: int) -> bool:
        """True when ``year`` has no official table (statutory rule, R-LV-09)."""
        check_year(year)
        return year not in self.tables

    # -- working days -----------------------------------------------------------

    def is_working_day(self, d: datetime.date) -> bool:
        """R-LV-10: Monday–Friday, except holidays and days off; plus swapped Saturdays."""
        if isinstance(d, datetime.datetime):
            d = d.date()
        special = self._year(d.year).get(d)
        if special is not None:
            return special.kind == SWAPPED_WORKDAY
        return d.weekday() < 5

    def next_working_day(self, d: datetime.date) -> datetime.date:
        """The first working day strictly after ``d``."""
        if isinstance(d, datetime.datetime):
            d = d.date()
        d += datetime.timedelta(days=1)
        while not self.is_working_day(d):
            d += datetime.timedelta(days=1)
        return d

    def receipt_day(self, start: datetime.datetime, cutoff: datetime.time | None = DEFAULT_CUTOFF) -> datetime.date:
        """The effective receipt day ``R`` from which periods are counted.

        ``R`` is the date of ``start`` when that date is a working day and the time of
        ``start`` is not after ``cutoff`` (15:00 exactly still counts that day, 15:01
        does not); otherwise it is the next working day after that date. With
        ``cutoff=None`` only the working-day shift applies. ``start`` is wall-clock time
        of the ward (a plain ``date`` counts as its 00:00).
        """
        if isinstance(start, datetime.datetime):
            day, at = start.date(), start.time()
        else:
            day, at = start, datetime.time(0, 0)
        if self.is_working_day(day) and (cutoff is None or at <= cutoff):
            return day
        return self.next_working_day(day)

    def add_working_days(
        self, start: datetime.datetime, n: int, cutoff: datetime.time | None = DEFAULT_CUTOFF
    ) -> datetime.date:
        """Due date of a period of ``n`` working days: the n-th working day after ``R``.

        ``n = 0`` returns ``R`` itself (a same-day procedure). See :meth:`receipt_day`.
        """
        _check_n(n)
        d = self.receipt_day(start, cutoff)
        for _ in range(n):
            d = self.next_working_day(d)
        return d

    def add_days(
        self, start: datetime.datetime, n: int, cutoff: datetime.time | None = DEFAULT_CUTOFF
    ) -> datetime.date:
        """Due date of a period of ``n`` calendar days.

        Counting starts the day after ``R`` (R-LV-11), so the last day is ``R + n``; if
        that day is not a working day, the period ends on the next working day (R-LV-12),
        at 24:00 (R-LV-13).
        """
        _check_n(n)
        r = self.receipt_day(start, cutoff)
        if n > (datetime.date(MAX_YEAR, 12, 31) - r).days:
            check_year(MAX_YEAR + 1)  # raises: the period ends past the supported years
        due = r + datetime.timedelta(days=n)  # R-LV-11
        if not self.is_working_day(due):  # R-LV-12
            due = self.next_working_day(due)
        return due

    def period_end(self, trigger: datetime.date, n: int, unit: str = "days") -> datetime.date:
        """Due date of a period of ``n`` days (or working days) triggered on ``trigger``,
        whatever day that is.

        R-LV-11: counting starts the day after the trigger day — a Saturday, a holiday or a
        working day alike; the start is not first moved to a working day (that is the
        *receipt* rule of :meth:`receipt_day`, for procedures that say a dossier received
        out of hours counts as received the next working day, R-MC-12).
        ``unit="days"``: the last day is ``trigger + n``, moved to the next working day when
        it is a rest day (R-LV-12). ``unit="working_days"``: the n-th working day after
        ``trigger`` (``n = 0``: the trigger day when it is a working day, else the next one).
        """
        _check_n(n)
        if isinstance(trigger, datetime.datetime):
            trigger = trigger.date()
        _check_year(trigger.year)
        if unit == "working_days":
            if n == 0:
                return trigger if self.is_working_day(trigger) else self.next_working_day(trigger)
            d = trigger
            for _ in range(n):
                d = self.next_working_day(d)
            return d
        if unit != "days":
            raise CalendarError(f"Đơn vị thời hạn không hợp lệ: {unit!r} (days hoặc working_days).")
        if n > (datetime.date(MAX_YEAR, 12, 31) - trigger).days:
            _check_year(MAX_YEAR + 1)  # raises: the period ends past the supported years
        due = trigger + datetime.timedelta(days=n)  # R-LV-11
        if not self.is_working_day(due):  # R-LV-12
            due = self.next_working_day(due)
        return due

    def working_days_between(self, a: datetime.date, b: datetime.date) -> int:
        """The number of working days in ``(a, b]``: after ``a``, up to and including ``b``.

        The interval is empty, so the result is 0, when ``b <= a`` (never negative: a
        case paused after its due date has 0 working days left).
        ``working_days_between(due, today) > 0`` means a case is late by that many.
        """
        if isinstance(a, datetime.datetime):
            a = a.date()
        if isinstance(b, datetime.datetime):
            b = b.date()
        count = 0
        d = a
        while d < b:
            d += datetime.timedelta(days=1)
            if self.is_working_day(d):
                count += 1
        return count

    # -- change detection ---------------------------------------------------------

    def fingerprint(self) -> str:
        """sha256 (hex) of the calendar data in effect: the official tables, the
        statutory-rule version and the R-LV-08 flag. It changes exactly when a
        deadline could change, so the case engine can recompute open cases."""
        payload = {
            "statutory_rule": STATUTORY_RULE_VERSION,
            "statutory_parameters": self._rule_parameters(),
            "culture_day_holiday": self.culture_day_holiday,
            "tables": {
                str(year): [[s.date.isoformat(), s.kind, s.name, s.note] for s in table.days]
                for year, table in sorted(self.tables.items())
            },
        }
        blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def _rule_parameters(self) -> list:
        """Every version of the holiday rule's parameters (a ward changing one moves the
        fingerprint, so deadlines are recomputed)."""
        rules = self.rules or _shipped_rules()
        out = []
        for rule_id in ("R-LV-01", "R-LV-03", "R-LV-04", "R-LV-08"):
            out += [[p.ref, str(p.value), p.effective_from.isoformat()] for p in rules.params(rule_id)]
        return out

    def year_fingerprints(self) -> dict[str, str]:
        """The parts of :meth:`fingerprint`: ``"rule"`` (the statutory rule's version and
        the R-LV-08 flag, which change every year without a table) and one sha256 per year
        with an official table, so a change can be located to the years it touches."""

        def digest(value: object) -> str:
            blob = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            return hashlib.sha256(blob.encode("utf-8")).hexdigest()

        parts = {"rule": digest([STATUTORY_RULE_VERSION, self._rule_parameters(), self.culture_day_holiday])}
        for year, table in sorted(self.tables.items()):
            parts[str(year)] = digest([[s.date.isoformat(), s.kind, s.name, s.note] for s in table.days])
        return parts

    def __repr__(self) -> str:
        return f"WorkingCalendar(official_years={sorted(self.tables)}, culture_day_holiday={self.culture_day_holiday})"


def _check_n(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise CalendarError(f"Số ngày của thời hạn phải là số nguyên không âm (nhận được {n!r}).")


def load_calendar(settings: Settings, rules=None) -> WorkingCalendar:
    """The calendar of a ward: shipped tables, overridden or extended by the ward's folder.

    A ``<year>.toml`` in ``settings.calendar.dir`` (resolved against the config file's
    folder) replaces the shipped table of that year entirely or adds a new year. A
    missing folder or a bad file raises :class:`CalendarError`.
    """
    tables = shipped_tables()
    folder_name = settings.calendar.dir
    if folder_name:
        folder = settings.resolve(folder_name)
        if not folder.is_dir():
            raise CalendarError(f"Không tìm thấy thư mục lịch nghỉ '{folder}' (khóa calendar.dir trong tệp cấu hình).")
        tables.update(load_tables(folder))
    from .rules import load_rulebook

    return WorkingCalendar(
        tables,
        culture_day_holiday=settings.calendar.culture_day_holiday,
        rules=rules if rules is not None else load_rulebook(settings),
    )
