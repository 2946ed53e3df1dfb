"""The procedure catalogue (danh mục TTHC): public data, edited by the administrator or
imported from the province's file; its published time is each dossier's legal clock
(R-MC-11), its documents and fees the most a resident may be asked for (plan III.1.2)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from thanthien.core import audit
from thanthien.core.access import WARD
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.types import SYSTEM_ACTOR, Actor

from ..models import ProcedureRow
from ..types import CHANNELS, COPY_KINDS, LIFE_EVENTS, ONLINE_LEVELS, P_CATALOGUE, TIME_UNITS, Procedure, RequiredDocument

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

SHIPPED_CATALOGUE = Path(__file__).resolve().parent.parent / "data" / "procedures.json"


def _parse_time(text: str) -> tuple[str, int]:
    """``same_day`` / ``same_day_1500`` / ``working_days:N`` / ``days:N`` (the catalogue's time column)."""
    text = (text or "").strip()
    if text.startswith("same_day"):
        return "same_day", 0
    unit, _, amount = text.partition(":")
    if unit in ("working_days", "days") and amount.isdigit() and int(amount) > 0:
        return unit, int(amount)
    raise ValueError(text)


def procedure_errors(values: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Check one catalogue record; return the cleaned values and the errors."""
    errors: list[tuple[str, str]] = []
    clean: dict[str, Any] = {}
    code = str(values.get("code") or "").strip().upper()
    if not code or len(code) > 32 or any(c.isspace() for c in code):
        errors.append(("code", "Mã thủ tục không được để trống, không có khoảng trắng, tối đa 32 ký tự."))
    clean["code"] = code
    for key, label in (("name", "tên thủ tục"), ("field", "lĩnh vực")):
        text = str(values.get(key) or "").strip()
        if not text:
            errors.append((key, f"Vui lòng nhập {label}."))
        clean[key] = text
    try:
        if "time" in values:
            clean["time_unit"], clean["time_amount"] = _parse_time(str(values["time"]))
        else:
            unit = str(values.get("time_unit") or "")
            amount = int(values.get("time_amount") or 0)
            if unit not in TIME_UNITS or (unit != "same_day" and amount <= 0):
                raise ValueError(unit)
            clean["time_unit"], clean["time_amount"] = unit, (0 if unit == "same_day" else amount)
    except (ValueError, TypeError):
        errors.append(("time", "Thời hạn giải quyết phải là 'same_day', 'working_days:N' hoặc 'days:N' (N > 0)."))
    fee = values.get("fee_vnd")
    if fee in (None, ""):
        clean["fee_vnd"] = None
    else:
        try:
            clean["fee_vnd"] = int(fee)
            if clean["fee_vnd"] < 0:
                raise ValueError
        except (TypeError, ValueError):
            errors.append(("fee_vnd", "Mức phí, lệ phí phải là số đồng không âm (để trống nếu chưa công bố)."))
    clean["fee_unit"] = str(values.get("fee_unit") or "hồ sơ").strip()
    for key in ("time_note", "fee_note", "source", "tag", "handling_unit"):
        clean[key] = str(values.get(key) or "").strip()
    docs = []
    raw_docs = values.get("documents") or []
    if isinstance(raw_docs, str):
        raw_docs = json.loads(raw_docs) if raw_docs.strip().startswith("[") else []
    seen = set()
    for i, d in enumerate(raw_docs):
        if isinstance(d, (list, tuple)):
            d = dict(zip(("code", "name", "copy_kind", "quantity"), d))
        dcode = str(d.get("code") or "").strip().upper()
        name = str(d.get("name") or "").strip()
        kind = str(d.get("copy_kind") or "original")
        try:
            qty = int(d.get("quantity") or 1)
        except (TypeError, ValueError):
            qty = 0
        if not dcode or not name or kind not in COPY_KINDS or qty < 1 or dcode in seen:
            errors.append((f"documents[{i}]", "Thành phần hồ sơ cần mã (không trùng), tên, loại bản "
                           "(bản chính/bản sao) và số lượng ≥ 1."))
            continue
        seen.add(dcode)
        docs.append({"code": dcode, "name": name, "copy_kind": kind, "quantity": qty})
    if not docs and not any(f.startswith("documents") for f, _ in errors):
        errors.append(("documents", "Thủ tục phải có danh mục thành phần hồ sơ."))
    clean["documents"] = docs
    delivery = list(values.get("delivery") or ["counter"])
    if isinstance(values.get("delivery"), str):
        delivery = [p.strip() for p in values["delivery"].replace(";", ",").split(",") if p.strip()]
    if not delivery or any(d not in CHANNELS for d in delivery):
        errors.append(("delivery", "Hình thức trả kết quả chỉ gồm: counter, postal, online."))
    clean["delivery"] = delivery
    level = str(values.get("online_level") or "none")
    if level not in ONLINE_LEVELS:
        errors.append(("online_level", "Mức độ trực tuyến chỉ là none, partial hoặc full."))
    clean["online_level"] = level
    life = str(values.get("life_event") or "")
    if life and life not in LIFE_EVENTS:
        errors.append(("life_event", "Sự kiện hộ tịch chỉ là birth, marriage hoặc death."))
    clean["life_event"] = life
    clean["verify"] = bool(values.get("verify", clean["tag"] in ("R", "U")))
    clean["active"] = bool(values.get("active", True))
    return clean, errors


def read_catalogue_file(path: str | Path) -> list[dict[str, Any]]:
    """Records of a catalogue file: JSON (``{"procedures": [...]}`` or a list) or CSV
    (columns code, name, field, time, fee_vnd, fee_unit, fee_note, documents as
    ``CODE|name|copy_kind|quantity`` joined by ``;``, handling_unit, delivery, online_level,
    life_event, source, tag)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ValidationError([("file", f"Không đọc được tệp danh mục {path}: {exc.strerror}.")]) from None
    if path.suffix.lower() == ".csv":
        records = []
        for row in csv.DictReader(io.StringIO(text)):
            docs = []
            for part in (row.get("documents") or "").split(";"):
                if part.strip():
                    docs.append(dict(zip(("code", "name", "copy_kind", "quantity"),
                                         [p.strip() for p in part.split("|")])))
            records.append({**row, "documents": docs})
        return records
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError([("file", f"Tệp danh mục không phải JSON hợp lệ (dòng {exc.lineno}).")]) from None
    return list(data["procedures"] if isinstance(data, dict) else data)


def import_catalogue(core: CoreServices, path: str | Path | None = None, *, actor: Actor = SYSTEM_ACTOR) -> int:
    """Insert or update every procedure of the file (default: the shipped sample catalogue).

    All records are checked first; one bad record stores nothing."""
    core.access.require(actor, P_CATALOGUE, WARD)
    return _import(path, actor)


def _import(path: str | Path | None, actor: Actor) -> int:
    records = read_catalogue_file(path or SHIPPED_CATALOGUE)
    cleaned, errors = [], []
    codes = set()
    for i, rec in enumerate(records):
        clean, errs = procedure_errors(rec)
        if clean["code"] in codes:
            errs.append(("code", f"Mã thủ tục {clean['code']} bị trùng trong tệp."))
        codes.add(clean["code"])
        errors += [(f"{i + 1}.{field}", f"Thủ tục {clean['code'] or i + 1}: {msg}") for field, msg in errs]
        cleaned.append(clean)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        for clean in cleaned:
            _store_procedure(clean, actor)
    return len(cleaned)


def ensure_catalogue() -> None:
    """Load the shipped sample catalogue into an empty table (first use)."""
    if not ProcedureRow.select().exists():
        _import(SHIPPED_CATALOGUE, SYSTEM_ACTOR)


def _store_procedure(clean: dict[str, Any], actor: Actor) -> Procedure:
    row = ProcedureRow.get_or_none(ProcedureRow.code == clean["code"])
    before = attrs.asdict(_procedure(row)) if row else None
    if row is None:
        row = ProcedureRow.create(**clean)
    else:
        ProcedureRow.update(**clean, updated_at=now()).where(ProcedureRow.id == row.id).execute()
        row = ProcedureRow.get_by_id(row.id)
    proc = _procedure(row)
    after = attrs.asdict(proc)
    if before != after:
        b, a = audit.diff(before or {}, after)
        audit.record("motcua.procedure.save", "motcua_procedure", proc.code, actor=actor, before=b or None, after=a)
    return proc


def save_procedure(core: CoreServices, values: dict[str, Any], *, actor: Actor) -> Procedure:
    """Create or edit one procedure (administrator screen)."""
    core.access.require(actor, P_CATALOGUE, WARD)
    clean, errors = procedure_errors(values)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        return _store_procedure(clean, actor)


def _procedure(row: ProcedureRow) -> Procedure:
    return Procedure(
        row.code, row.name, row.field, row.time_unit, row.time_amount, row.time_note, row.fee_vnd,
        row.fee_unit, row.fee_note, tuple(RequiredDocument(**d) for d in row.documents or ()),
        row.handling_unit, tuple(row.delivery or ()), row.online_level, row.life_event, row.source,
        row.tag, row.verify, row.active,
    )


def get_procedure(code: str) -> Procedure:
    """A procedure of the catalogue (public data)."""
    row = ProcedureRow.get_or_none(ProcedureRow.code == (code or "").strip().upper())
    if row is None:
        raise NotFound(f"Không có thủ tục mã '{code}' trong danh mục.")
    return _procedure(row)


def list_procedures(active_only: bool = True) -> list[Procedure]:
    q = ProcedureRow.select().order_by(ProcedureRow.field, ProcedureRow.code)
    if active_only:
        q = q.where(ProcedureRow.active == True)  # noqa: E712
    return [_procedure(r) for r in q]
