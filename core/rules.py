"""Legal rules as configuration (the reference: docs/rules.md, generated from this data).

Every number the law sets (deadlines, thresholds, counts, sizes, font sizes …) is a
versioned parameter record, never an inline literal. Code asks the :class:`RuleBook`::

    rules.value("R-KN-04.days", on=accepted_on)     # the version in force on that date

Data files
----------
Shipped: ``core/data/rules/<area>.toml`` (one per area: ck, bq, yk, td, kn, tc, pa, tt,
mc, ttnd, gs, dt, lv, vb, dl, dv). Two kinds of records:

``[[rule]]`` — a catalogue entry: ``id``, ``statement``, ``key_phrase``, ``source``,
``tag`` (``T``, ``S``, ``R``, ``U``, ``D`` or combined as written, e.g. ``T/U``),
``verify`` (true for [R], [U] and "(verify)" rules), ``owner`` (the plugin that enforces it;
core for R-LV, R-VB, R-DL, R-DV).

``[[param]]`` — one version of one parameter: ``rule_id``, ``key``, ``value``, ``unit``,
``effective_from`` (TOML date or ISO string), optional ``effective_to`` (inclusive; absent
while in force), ``legal_basis``, ``tag``, ``verify``; optional ``confirmed_by``,
``confirmed_document``, ``confirmed_on``, ``note``.

Conventions for keys and values:

* ``min_*`` means "≥", ``max_*`` means "≤", ``more_than_*`` means ">" (strictly).
* ``unit = "ratio"`` values are strings for :class:`fractions.Fraction` (``"2/3"``,
  ``"1.5"``) so that thresholds such as 2/3 compare exactly; use :meth:`RuleBook.fraction`.
* ``unit = "list"`` values are TOML arrays (of item numbers, e.g. Art. 11 items of
  R-CK-05); they are returned as tuples.
* ``unit = "time"`` values are ``"HH:MM"`` strings; ``text`` values are strings; ``bool``
  values are booleans; all other units are numbers.
* Where the unit of a deadline is itself uncertain (R-KN-02/04/06/07, R-TC-07) the rule
  also has a ``unit`` parameter (value ``"days"`` or ``"working_days"``) that callers use.

Units: days, working_days, hours, households, persons, percent, ratio, vnd, pt, mm,
count, time, text, bool, plus ``months``, ``years`` (legal periods in months/years are
not a whole number of days) and ``list``.

Sources and precedence
----------------------
Loaded in order: shipped files; files returned by the ``register_rule_files`` hook;
the ward file ``settings.rules.file``. A later source wins where its window covers the
date asked; outside that window the earlier sources still apply. So a ward overrides a
value either with a new version (its own ``effective_from``) or by repeating the shipped
window exactly. Windows of the same ``rule_id.key`` must not overlap within one source.

A ward (or plugin) record without ``value`` is a **confirmation**: with ``confirmed_by``
and ``confirmed_document`` it marks the version starting on its ``effective_from`` (or the
latest version when absent) as confirmed, which sets ``verify = false`` for that version.
A parameter of a to-verify rule may only carry ``verify = false`` with a confirmation.
Ward and plugin records may omit ``legal_basis``, ``tag`` and ``verify``: they are taken
from the version they replace, else from the catalogue entry.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Iterable
from datetime import date, datetime
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

import attrs

from .errors import RuleError
from .hooks import collect

SHIPPED = "shipped"
DATA_DIR = Path(__file__).resolve().parent / "data" / "rules"
TO_VERIFY_LABEL = "Cần kiểm tra"

NUMERIC_UNITS = frozenset(
    {
        "days",
        "working_days",
        "hours",
        "households",
        "persons",
        "percent",
        "vnd",
        "pt",
        "mm",
        "count",
        "months",
        "years",
    }
)
UNITS = NUMERIC_UNITS | {"ratio", "time", "text", "bool", "list"}

_RULE_ID = re.compile(r"R-[A-Z]+-\d{2,}")
_KEY = re.compile(r"[a-z][a-z0-9_]*")
_TAG = re.compile(r"[TSRUD](/[TSRUD])*")
_TIME = re.compile(r"([01]\d|2[0-4]):[0-5]\d")
_FAR_PAST = date(1900, 1, 1)

_RULE_FIELDS = {"id", "statement", "key_phrase", "source", "tag", "verify", "owner"}
_PARAM_FIELDS = {
    "rule_id",
    "key",
    "value",
    "unit",
    "effective_from",
    "effective_to",
    "legal_basis",
    "tag",
    "verify",
    "confirmed_by",
    "confirmed_document",
    "confirmed_on",
    "note",
}


@attrs.frozen
class RuleInfo:
    """A catalogue entry (one rule ID, ``R-<AREA>-<nn>``)."""

    id: str
    statement: str
    key_phrase: str
    source: str
    tag: str
    verify: bool
    owner: str
    origin: str = SHIPPED

    @property
    def area(self) -> str:
        return self.id.split("-")[1]


@attrs.frozen
class RuleParam:
    """One version of one parameter: ``<rule_id>.<key>`` = ``value`` ``unit``."""

    rule_id: str
    key: str
    value: Any
    unit: str
    effective_from: date
    effective_to: date | None
    legal_basis: str
    tag: str
    verify: bool
    origin: str  # "shipped" or the path of the file it came from
    confirmed_by: str = ""
    confirmed_document: str = ""
    confirmed_on: date | None = None
    confirmed_in: str = ""  # the file that recorded the confirmation
    note: str = ""

    @property
    def ref(self) -> str:
        return f"{self.rule_id}.{self.key}"

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    @property
    def window(self) -> str:
        """Vietnamese description of the validity window."""
        end = _fmt_date(self.effective_to) if self.effective_to else "nay"
        return f"{_fmt_date(self.effective_from)} – {end}"

    @property
    def confirmed(self) -> bool:
        return bool(self.confirmed_by and self.confirmed_document)


def _fmt_date(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def format_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ",".join(format_value(v) for v in value)
    return str(value)


def _as_date(on: date | datetime | None) -> date:
    if on is None:
        return date.today()
    if isinstance(on, datetime):
        return on.date()
    return on


# ---------------------------------------------------------------------------
# The book
# ---------------------------------------------------------------------------


class RuleBook:
    """All rules and parameter versions, layered by source (later layers win)."""

    def __init__(self, rules: dict[str, RuleInfo], layers: list[list[RuleParam]]):
        self._rules = dict(rules)
        self._layers = [list(layer) for layer in layers]
        # ref -> versions, highest-priority layer first, each layer in date order
        self._by_ref: dict[str, list[RuleParam]] = {}
        for layer in reversed(self._layers):
            for p in sorted(layer, key=lambda p: p.effective_from):
                self._by_ref.setdefault(p.ref, []).append(p)

    # -- parameters ---------------------------------------------------------

    def param(self, ref: str, on: date | datetime | None = None) -> RuleParam:
        """The version of ``ref`` (``"R-CK-03.max_working_days"``) in force on ``on``.

        ``on`` is the triggering date (dossier received, decision signed …); default today.
        """
        day = _as_date(on)
        versions = self._by_ref.get(ref)
        if not versions:
            raise RuleError(f"Không có tham số quy định '{ref}'.", field=ref)
        for p in versions:
            if p.in_force(day):
                return p
        raise RuleError(
            f"Tham số quy định '{ref}' không có phiên bản nào có hiệu lực vào ngày {_fmt_date(day)}.",
            field=ref,
        )

    def value(self, ref: str, on: date | datetime | None = None) -> Any:
        return self.param(ref, on).value

    def fraction(self, ref: str, on: date | datetime | None = None) -> Fraction:
        """An exact number: a ratio ("2/3") or a percentage (50 → 1/2) as a Fraction."""
        p = self.param(ref, on)
        if p.unit == "percent":
            return Fraction(str(p.value)) / 100
        if isinstance(p.value, bool) or not isinstance(p.value, (int, float, str)):
            raise RuleError(f"Tham số quy định '{ref}' không phải là một tỷ lệ.", field=ref)
        return Fraction(str(p.value))

    def params(self, rule_id: str | None = None) -> list[RuleParam]:
        """Every version (all sources), ordered by ref, start date, then source order."""
        out = []
        for rank, layer in enumerate(self._layers):
            for p in layer:
                if rule_id is None or p.rule_id == rule_id:
                    out.append((p.rule_id, p.key, p.effective_from, rank, p))
        out.sort(key=lambda t: (_rule_sort_key(t[0]), t[1], t[2], t[3]))
        return [t[-1] for t in out]

    def refs(self) -> list[str]:
        return sorted(self._by_ref, key=lambda r: (_rule_sort_key(r.split(".")[0]), r))

    def in_force(self, on: date | datetime | None = None) -> list[RuleParam]:
        """The winning version of every parameter in force on ``on`` (default today)."""
        day = _as_date(on)
        out = []
        for ref in self.refs():
            for p in self._by_ref[ref]:
                if p.in_force(day):
                    out.append(p)
                    break
        return out

    def to_verify(self, on: date | datetime | None = None) -> list[RuleParam]:
        """Parameters in force today (or ``on``) still marked "Cần kiểm tra"."""
        return [p for p in self.in_force(on) if p.verify]

    # -- catalogue ----------------------------------------------------------

    def rule(self, rule_id: str) -> RuleInfo:
        try:
            return self._rules[rule_id]
        except KeyError:
            raise RuleError(f"Không có quy định '{rule_id}'.", field=rule_id) from None

    def rules(self) -> list[RuleInfo]:
        return sorted(self._rules.values(), key=lambda r: _rule_sort_key(r.id))


_AREA_ORDER = ["CK", "BQ", "YK", "TD", "KN", "TC", "PA", "TT", "MC", "TTND", "GS", "DT", "LV", "VB", "DL", "DV"]


def _rule_sort_key(rule_id: str) -> tuple:
    parts = rule_id.split("-")
    area = parts[1] if len(parts) > 1 else ""
    num = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 0
    rank = _AREA_ORDER.index(area) if area in _AREA_ORDER else len(_AREA_ORDER)
    return (rank, area, num)


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


class _Bad(Exception):
    """Internal: a record problem, turned into a RuleError naming file and record."""


def _file_error(path: str, record: str | None, reason: str) -> RuleError:
    where = f"{path}" + (f", bản ghi {record}" if record else "")
    return RuleError(f"Tệp quy định không hợp lệ: {where}: {reason}", details={"file": path})


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _file_error(str(path), None, "không tìm thấy tệp") from None
    except tomllib.TOMLDecodeError as exc:
        raise _file_error(str(path), None, f"sai cú pháp TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _file_error(str(path), None, f"không đọc được tệp ({exc})") from None


def _required_date(rec: dict, name: str) -> date:
    value = _date_field(rec, name, required=True)
    if value is None:  # pragma: no cover - _date_field raised already
        raise _Bad(f"thiếu trường '{name}'")
    return value


def _date_field(rec: dict, name: str, required: bool) -> date | None:
    v = rec.get(name)
    if v is None:
        if required:
            raise _Bad(f"thiếu trường '{name}'")
        return None
    if isinstance(v, datetime):
        raise _Bad(f"'{name}' phải là ngày (YYYY-MM-DD), không kèm giờ")
    if isinstance(v, date):
        return v
    if isinstance(v, str):
        try:
            return date.fromisoformat(v)
        except ValueError:
            pass
    raise _Bad(f"'{name}' phải là ngày dạng YYYY-MM-DD")


def _str_field(rec: dict, name: str, required: bool = True, default: str = "") -> str:
    v = rec.get(name)
    if v is None:
        if required:
            raise _Bad(f"thiếu trường '{name}'")
        return default
    if not isinstance(v, str) or (required and not v.strip()):
        raise _Bad(f"'{name}' phải là chuỗi không rỗng")
    return v


def _bool_field(rec: dict, name: str) -> bool | None:
    v = rec.get(name)
    if v is None:
        return None
    if not isinstance(v, bool):
        raise _Bad(f"'{name}' phải là true hoặc false")
    return v


def _check_value(value: Any, unit: str) -> Any:
    if unit in NUMERIC_UNITS:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _Bad(f"giá trị phải là số (đơn vị '{unit}')")
        if value < 0:
            raise _Bad("giá trị không được âm")
        return value
    if unit == "ratio":
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise _Bad('tỷ lệ phải là chuỗi dạng "2/3" hoặc số')
        try:
            Fraction(str(value))
        except (ValueError, ZeroDivisionError):
            raise _Bad(f"tỷ lệ không hợp lệ: {value!r}") from None
        return value
    if unit == "time":
        if not isinstance(value, str) or not _TIME.fullmatch(value):
            raise _Bad('giờ phải có dạng "HH:MM"')
        return value
    if unit == "text":
        if not isinstance(value, str):
            raise _Bad("giá trị phải là chuỗi (đơn vị 'text')")
        return value
    if unit == "bool":
        if not isinstance(value, bool):
            raise _Bad("giá trị phải là true hoặc false (đơn vị 'bool')")
        return value
    if unit == "list":
        if not isinstance(value, list) or any(isinstance(x, (list, dict)) for x in value):
            raise _Bad("giá trị phải là một mảng phẳng (đơn vị 'list')")
        return tuple(value)
    raise _Bad(f"đơn vị '{unit}' không được hỗ trợ")  # pragma: no cover


def _parse_rule(rec: Any, origin: str) -> RuleInfo:
    if not isinstance(rec, dict):
        raise _Bad("phải là một bảng [[rule]]")
    extra = set(rec) - _RULE_FIELDS
    if extra:
        raise _Bad(f"trường không được hỗ trợ: {', '.join(sorted(extra))}")
    rid = _str_field(rec, "id")
    if not _RULE_ID.fullmatch(rid):
        raise _Bad(f"mã quy định '{rid}' không đúng dạng R-<LĨNH VỰC>-<số>")
    tag = _str_field(rec, "tag")
    if not _TAG.fullmatch(tag):
        raise _Bad(f"mức tin cậy '{tag}' phải là T, S, R, U, D hoặc kết hợp như T/U")
    verify = _bool_field(rec, "verify")
    if verify is None:
        raise _Bad("thiếu trường 'verify'")
    if not verify and set(tag.split("/")) & {"R", "U"}:
        raise _Bad(f"quy định mức [{tag}] phải có verify = true")
    return RuleInfo(
        id=rid,
        statement=_str_field(rec, "statement"),
        key_phrase=_str_field(rec, "key_phrase"),
        source=_str_field(rec, "source"),
        tag=tag,
        verify=verify,
        owner=_str_field(rec, "owner"),
        origin=origin,
    )


def _record_name(rec: Any, index: int, kind: str) -> str:
    if isinstance(rec, dict):
        if kind == "param" and isinstance(rec.get("rule_id"), str):
            key = rec.get("key")
            return f"[[param]] #{index + 1} ({rec['rule_id']}.{key})"
        if kind == "rule" and isinstance(rec.get("id"), str):
            return f"[[rule]] #{index + 1} ({rec['id']})"
    return f"[[{kind}]] #{index + 1}"


def _load_file(path: Path, origin: str, rules: dict[str, RuleInfo], *, shipped: bool):
    """Parse one file; add its catalogue entries to ``rules``; return its raw param dicts."""
    data = _read_toml(path)
    extra = set(data) - {"rule", "param"}
    if extra:
        raise _file_error(str(path), None, f"bảng không được hỗ trợ: {', '.join(sorted(extra))}")
    for kind in ("rule", "param"):
        if kind in data and not isinstance(data[kind], list):
            raise _file_error(str(path), None, f"'{kind}' phải là mảng bảng [[{kind}]]")
    for i, rec in enumerate(data.get("rule", [])):
        try:
            info = _parse_rule(rec, origin)
        except _Bad as exc:
            raise _file_error(str(path), _record_name(rec, i, "rule"), str(exc)) from None
        if info.id in rules:
            raise _file_error(
                str(path),
                _record_name(rec, i, "rule"),
                f"quy định {info.id} đã được khai báo ({rules[info.id].origin})",
            )
        rules[info.id] = info
    return [(i, rec) for i, rec in enumerate(data.get("param", []))]


def _parse_param(
    rec: Any, origin: str, rules: dict[str, RuleInfo], below: list[list[RuleParam]], *, shipped: bool
) -> tuple[RuleParam | None, dict | None]:
    """A param record → RuleParam, or (None, confirmation) for a record without value."""
    if not isinstance(rec, dict):
        raise _Bad("phải là một bảng [[param]]")
    extra = set(rec) - _PARAM_FIELDS
    if extra:
        raise _Bad(f"trường không được hỗ trợ: {', '.join(sorted(extra))}")
    rule_id = _str_field(rec, "rule_id")
    key = _str_field(rec, "key")
    if rule_id not in rules:
        raise _Bad(f"không có quy định {rule_id} trong danh mục")
    if not _KEY.fullmatch(key):
        raise _Bad(f"khóa '{key}' phải viết thường dạng snake_case")
    rule = rules[rule_id]
    confirmed_by = _str_field(rec, "confirmed_by", required=False)
    confirmed_document = _str_field(rec, "confirmed_document", required=False)
    if bool(confirmed_by.strip()) != bool(confirmed_document.strip()):
        raise _Bad("xác nhận cần cả 'confirmed_by' và 'confirmed_document'")
    confirmed = bool(confirmed_by.strip())
    confirmed_on = _date_field(rec, "confirmed_on", required=False)
    note = _str_field(rec, "note", required=False)

    if "value" not in rec:
        if shipped:
            raise _Bad("thiếu trường 'value'")
        if not confirmed:
            raise _Bad("thiếu 'value' (hoặc 'confirmed_by' và 'confirmed_document' để xác nhận)")
        for name in ("unit", "effective_to", "legal_basis", "tag", "verify"):
            if name in rec:
                raise _Bad(f"bản ghi xác nhận không được có trường '{name}'")
        return None, {
            "ref": f"{rule_id}.{key}",
            "effective_from": _date_field(rec, "effective_from", required=False),
            "confirmed_by": confirmed_by,
            "confirmed_document": confirmed_document,
            "confirmed_on": confirmed_on,
            "note": note,
        }

    unit = _str_field(rec, "unit", required=shipped)
    effective_from = _required_date(rec, "effective_from")
    effective_to = _date_field(rec, "effective_to", required=False)
    if effective_to is not None and effective_to < effective_from:
        raise _Bad("'effective_to' trước 'effective_from'")
    ref = f"{rule_id}.{key}"
    # What this record replaces (same ref, latest version starting on or before it).
    prior = None
    for layer in below:
        for p in layer:
            if (
                p.ref == ref
                and p.effective_from <= effective_from
                and (prior is None or p.effective_from >= prior.effective_from)
            ):
                prior = p
    if not unit:
        if prior is None:
            raise _Bad("thiếu trường 'unit'")
        unit = prior.unit
    if unit not in UNITS:
        raise _Bad(f"đơn vị '{unit}' không được hỗ trợ (dùng: {', '.join(sorted(UNITS))})")
    value = _check_value(rec["value"], unit)
    legal_basis = _str_field(rec, "legal_basis", required=shipped, default=prior.legal_basis if prior else rule.source)
    tag = _str_field(rec, "tag", required=shipped, default=prior.tag if prior else rule.tag)
    if not _TAG.fullmatch(tag):
        raise _Bad(f"mức tin cậy '{tag}' phải là T, S, R, U, D hoặc kết hợp như T/U")
    verify = _bool_field(rec, "verify")
    if verify is None:
        if shipped:
            raise _Bad("thiếu trường 'verify'")
        verify = rule.verify or bool(set(tag.split("/")) & {"R", "U"})
    if confirmed:
        verify = False
    elif not verify and (rule.verify or set(tag.split("/")) & {"R", "U"}):
        raise _Bad("tham số cần kiểm tra chỉ được đặt verify = false khi có 'confirmed_by' và 'confirmed_document'")
    return RuleParam(
        rule_id=rule_id,
        key=key,
        value=value,
        unit=unit,
        effective_from=effective_from,
        effective_to=effective_to,
        legal_basis=legal_basis,
        tag=tag,
        verify=verify,
        origin=origin,
        confirmed_by=confirmed_by,
        confirmed_document=confirmed_document,
        confirmed_on=confirmed_on,
        confirmed_in=origin if confirmed else "",
        note=note,
    ), None


def _check_overlaps(layer: list[RuleParam], names: dict[int, tuple[str, str]]) -> None:
    by_ref: dict[str, list[RuleParam]] = {}
    for p in layer:
        by_ref.setdefault(p.ref, []).append(p)
    for ref, versions in by_ref.items():
        versions.sort(key=lambda p: p.effective_from)
        for a, b in itertools.pairwise(versions):
            if a.effective_to is None or a.effective_to >= b.effective_from:
                path, record = names.get(id(b), (b.origin, f"[[param]] ({ref})"))
                raise _file_error(path, record, f"hiệu lực {b.window} chồng lên phiên bản {a.window}")


def _apply_confirmation(conf: dict, layers: list[list[RuleParam]], path: str) -> None:
    """Mark one version as confirmed, in place in the layer that holds it."""
    ref = conf["ref"]
    candidates = [(rank, i, p) for rank, lay in enumerate(layers) for i, p in enumerate(lay) if p.ref == ref]
    if not candidates:
        raise _Bad(f"không có tham số {ref} để xác nhận")
    if conf["effective_from"] is not None:
        matching = [c for c in candidates if c[2].effective_from == conf["effective_from"]]
        if not matching:
            raise _Bad(f"không có phiên bản của {ref} bắt đầu từ {_fmt_date(conf['effective_from'])}")
    else:
        latest = max(c[2].effective_from for c in candidates)
        matching = [c for c in candidates if c[2].effective_from == latest]
    rank, i, target = max(matching, key=lambda c: c[0])  # the highest source with that version
    layers[rank][i] = attrs.evolve(
        target,
        verify=False,
        confirmed_by=conf["confirmed_by"],
        confirmed_document=conf["confirmed_document"],
        confirmed_on=conf["confirmed_on"],
        confirmed_in=path,
        note=conf["note"] or target.note,
    )


def _load_layer(
    paths: Iterable[Path],
    origin_of,
    rules: dict[str, RuleInfo],
    below: list[list[RuleParam]],
    *,
    shipped: bool,
) -> list[RuleParam]:
    layer: list[RuleParam] = []
    names: dict[int, tuple[str, str]] = {}
    confirmations: list[tuple[str, str, dict]] = []
    raw: list[tuple[Path, str, int, Any]] = []
    for path in paths:
        origin = origin_of(path)
        for i, rec in _load_file(path, origin, rules, shipped=shipped):
            raw.append((path, origin, i, rec))
    # Parse after every catalogue entry of the layer is known (a file may add rules).
    for path, origin, i, rec in raw:
        try:
            p, conf = _parse_param(rec, origin, rules, below, shipped=shipped)
        except _Bad as exc:
            raise _file_error(str(path), _record_name(rec, i, "param"), str(exc)) from None
        if p is not None:
            layer.append(p)
            names[id(p)] = (str(path), _record_name(rec, i, "param"))
        elif conf is not None:
            confirmations.append((str(path), _record_name(rec, i, "param"), conf))
    _check_overlaps(layer, names)
    for source, name, conf in confirmations:
        try:
            _apply_confirmation(conf, [*below, layer], source)
        except _Bad as exc:
            raise _file_error(source, name, str(exc)) from None
    return layer


@lru_cache(maxsize=4)
def _shipped(data_dir: str) -> tuple[tuple[RuleInfo, ...], tuple[RuleParam, ...]]:
    rules: dict[str, RuleInfo] = {}
    files = sorted(Path(data_dir).glob("*.toml"))
    layer = _load_layer(files, lambda p: SHIPPED, rules, [], shipped=True)
    return tuple(rules.values()), tuple(layer)


def shipped_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.toml"))


def load_rulebook(settings, pm=None) -> RuleBook:
    """Shipped rules, then plugin rule files (``register_rule_files``), then the ward file."""
    rule_list, shipped_layer = _shipped(str(DATA_DIR))
    rules = {r.id: r for r in rule_list}
    layers: list[list[RuleParam]] = [list(shipped_layer)]
    if pm is not None:
        plugin_files = [Path(p) for p in collect(pm.hook.register_rule_files, settings=settings)]
        if plugin_files:
            layers.append(_load_layer(plugin_files, str, rules, layers, shipped=False))
    ward_file = getattr(getattr(settings, "rules", None), "file", "") or ""
    if ward_file:
        path = settings.resolve(ward_file)
        layers.append(_load_layer([path], str, rules, layers, shipped=False))
    return RuleBook(rules, layers)
