"""Operations of the one-stop module (giải quyết TTHC theo cơ chế một cửa).

The only code that writes the ``motcua_*`` tables. Each operation validates everything
first (a :class:`~thanthien.core.errors.ValidationError` lists every bad field, nothing is
stored), then runs in one write transaction: the case-engine step (case event, audit
entry, core rollup, hooks), this module's rows, its rollup and the numbered form.

Functions take the core :class:`~thanthien.core.services.Services` bundle first.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import secrets
from pathlib import Path
from typing import Any, Iterable

import attrs

from thanthien.core import audit
from thanthien.core.cases import CaseType, DeadlinePolicy, State, Transition
from thanthien.core.counters import next_value
from thanthien.core.errors import IllegalTransition, NotFound, PermissionDenied, ValidationError
from thanthien.core.models import CaseEventRow, CaseRow, PersonRow, UnitRow
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date, format_datetime
from thanthien.core.types import SYSTEM_ACTOR, Actor, Case, PersonRef

from .models import (ApologyRow, AssistanceRow, BookingRow, DossierRow, ProcedureRow, RatingRow,
                     RollupRow, SlotRow, SurveyResponseRow, SurveyRow)
from .types import (ASSISTANCE_KINDS, CHANNELS, COPY_KINDS, LIFE_EVENTS, ONLINE_LEVELS, RATING_LEVELS,
                    SIPAS_FACTORS, SIPAS_SATISFIED_FROM, SIPAS_SCALE, TIME_UNITS, TIMELINESS,
                    UNHAPPY_LEVELS, Apology, Booking, Dossier, Procedure, PublicStatus,
                    RequiredDocument, format_vnd)

PLUGIN = "motcua"
HERE = Path(__file__).resolve().parent
SHIPPED_CATALOGUE = HERE / "data" / "procedures.json"

# ---------------------------------------------------------------------------
# Case types
# ---------------------------------------------------------------------------

#: R-MC-10: ``<agency e-ID code>-<yymmdd>-<4-digit daily sequence>``; equal to the rule
#: parameter ``R-MC-10.pattern`` (a test pins it), the series restarts each day.
DOSSIER_CODE_SERIES = "{agency}-{yymmdd}"
DOSSIER_CODE_FORMAT = "{agency}-{yymmdd}-{seq:04d}"

#: The first clock of a dossier comes from its procedure (R-MC-11), answered by this
#: plugin's ``deadline_for_case``; the reference names the rule, there is no fixed amount.
def _catalogue_unit(case: Case) -> str:
    """R-MC-11: the unit the procedure publishes, so a supplement pause keeps the right count."""
    return "days" if case.data.get("time_unit") == "days" else "working_days"


CATALOGUE_DEADLINE = DeadlinePolicy("R-MC-11.catalogue", _catalogue_unit, cutoff="R-MC-12.cutoff")
#: R-MC-15/16: the new date is the one the head of the handling unit signed on Mẫu 04.
REAPPOINTED_DEADLINE = DeadlinePolicy("R-MC-16.signed_date", "working_days")

DOSSIER = CaseType(
    key="motcua_dossier",
    name="Hồ sơ thủ tục hành chính",
    number_prefix="HS",
    series=DOSSIER_CODE_SERIES,
    number_format=DOSSIER_CODE_FORMAT,
    states=(
        State("received", "Đã tiếp nhận"),
        State("processing", "Đang giải quyết"),
        State("supplement", "Chờ bổ sung hồ sơ"),
        State("result_ready", "Đã có kết quả, chờ trả"),
        State("returned", "Đã trả kết quả", final=True),
        State("stopped", "Dừng giải quyết", final=True),
        State("refused", "Từ chối giải quyết", final=True),
    ),
    initial="received",
    transitions=(
        Transition("transfer", "Chuyển xử lý", ("received",), "processing", permission="motcua.receive"),
        # R-MC-13, R-MC-14: one request lists everything missing; the clock pauses.
        Transition("request_supplement", "Yêu cầu bổ sung hồ sơ", ("received", "processing"), "supplement",
                   permission="motcua.process", pause=True, note_required=True),
        Transition("supplemented", "Đã nhận hồ sơ bổ sung", ("supplement",), "processing",
                   permission="motcua.receive", resume=True),
        Transition("reappoint", "Hẹn lại ngày trả kết quả", ("processing",), "processing",
                   permission="motcua.sign", deadline=REAPPOINTED_DEADLINE, note_required=True),
        Transition("result_ready", "Có kết quả", ("processing",), "result_ready", permission="motcua.process"),
        Transition("return_result", "Trả kết quả", ("result_ready",), "returned", permission="motcua.receive"),
        Transition("stop", "Dừng giải quyết", ("received", "processing", "supplement"), "stopped",
                   permission="motcua.process", note_required=True),
        Transition("refuse", "Từ chối giải quyết", ("received", "processing", "supplement"), "refused",
                   permission="motcua.process", note_required=True),
    ),
    deadline=CATALOGUE_DEADLINE,
    open_permission="motcua.receive",
    view_permission="motcua.view",
    plugin=PLUGIN,
)

#: An unhappy rating becomes feedback for the head of the handling unit, answered within
#: R-PA-07's time.
FEEDBACK = CaseType(
    key="motcua_feedback",
    name="Phản ánh về chất lượng giải quyết TTHC",
    number_prefix="PAHL",
    states=(State("open", "Chờ xử lý"), State("answered", "Đã trả lời", final=True)),
    initial="open",
    transitions=(
        Transition("answer", "Trả lời phản ánh", ("open",), "answered", permission="motcua.sign",
                   note_required=True),
    ),
    deadline=DeadlinePolicy("R-PA-07.max_working_days", "working_days"),
    plugin=PLUGIN,
)


def deadline_for_dossier(case: Case, policy: DeadlinePolicy, start: dt.datetime, rules, calendar) -> dt.date:
    """Due date of a dossier (R-MC-11, R-MC-12) or of its one re-appointment (R-MC-16)."""
    if policy == REAPPOINTED_DEADLINE:
        return dt.date.fromisoformat(case.data["reappointed_due"])
    cutoff = _cutoff(rules, start.date())
    unit, amount = case.data["time_unit"], int(case.data["time_amount"])
    if unit == "same_day":  # R-MC-12: after the cut-off, due the next working day
        return calendar.add_working_days(start, 0, cutoff)
    if unit == "working_days":
        return calendar.add_working_days(start, amount, cutoff)
    return calendar.add_days(start, amount, cutoff)


def _cutoff(rules, on: dt.date) -> dt.time:
    hh, mm = str(rules.value("R-MC-12.cutoff", on)).split(":")  # R-MC-12
    return dt.time(int(hh), int(mm))


# ---------------------------------------------------------------------------
# Settings of the ward (not legal numbers)
# ---------------------------------------------------------------------------

DEFAULT_SLOT_TIMES = ("07:30", "08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00",
                      "13:30", "14:00", "14:30", "15:00", "15:30", "16:00")


def config(services) -> dict[str, Any]:
    """``[plugin.motcua]`` with defaults: agency code (R-MC-10), return hour, slots."""
    raw = services.settings.for_plugin(PLUGIN)
    ward = services.settings.ward
    return {
        "agency_code": str(raw.get("agency_code") or ward.admin_code or ward.code),
        "return_time": str(raw.get("return_time", "16:30")),
        "slot_times": tuple(raw.get("slot_times", DEFAULT_SLOT_TIMES)),
        "slot_capacity": int(raw.get("slot_capacity", 3)),
        "booking_days_ahead": int(raw.get("booking_days_ahead", 30)),
        "centre_name": str(raw.get("centre_name", "Trung tâm Phục vụ hành chính công")),
    }


def _hhmm(text: str) -> dt.time:
    hh, mm = text.split(":")
    return dt.time(int(hh), int(mm))


# ---------------------------------------------------------------------------
# Catalogue (danh mục TTHC)
# ---------------------------------------------------------------------------

def _parse_time(text: str) -> tuple[str, int]:
    """``same_day`` / ``same_day_1500`` / ``working_days:N`` / ``days:N`` (DOMAIN §5)."""
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


def import_catalogue(path: str | Path | None = None, *, actor: Actor = SYSTEM_ACTOR) -> int:
    """Insert or update every procedure of the file (default: the shipped sample, §5).

    All records are checked first; one bad record stores nothing."""
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
        import_catalogue(SHIPPED_CATALOGUE)


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


def save_procedure(values: dict[str, Any], *, actor: Actor) -> Procedure:
    """Create or edit one procedure (administrator screen)."""
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
    row = ProcedureRow.get_or_none(ProcedureRow.code == (code or "").strip().upper())
    if row is None:
        raise NotFound(f"Không có thủ tục mã '{code}' trong danh mục.")
    return _procedure(row)


def list_procedures(active_only: bool = True) -> list[Procedure]:
    q = ProcedureRow.select().order_by(ProcedureRow.field, ProcedureRow.code)
    if active_only:
        q = q.where(ProcedureRow.active == True)  # noqa: E712
    return [_procedure(r) for r in q]


# ---------------------------------------------------------------------------
# Reading dossiers
# ---------------------------------------------------------------------------

def _dossier(row: DossierRow, case: CaseRow) -> Dossier:
    return Dossier(
        case_id=case.id, code=row.code, procedure_code=row.procedure_code, procedure_name=row.procedure_name,
        state=case.state, state_label=DOSSIER.state(case.state).label, received_at=row.received_at,
        appointment_at=row.appointment_at, original_due=row.original_due, due_date=case.due_date,
        register_line=row.register_line, applicant_name=row.applicant_name,
        applicant_citizen_id=row.applicant_citizen_id, applicant_phone=row.applicant_phone,
        applicant_address=row.applicant_address, applicant_email=row.applicant_email,
        documents=tuple(row.documents or ()), sets=row.sets, fee_paid=row.fee_paid, submission=row.submission,
        delivery=row.delivery, postal_tracking=row.postal_tracking, concerned=tuple(row.concerned or ()),
        handling_unit_id=row.handling_unit_id, handler_id=row.handler_id, received_by_id=row.received_by_id,
        received_by_name=row.received_by_name, paused=case.paused_at is not None,
        result_ready_at=row.result_ready_at, returned_at=row.returned_at, closed_at=case.closed_at,
        timeliness=row.timeliness, breach=row.breach, reappointments=row.reappointments,
        receipt_document_id=row.receipt_document_id,
    )


def _row(code_or_id: str | int) -> tuple[DossierRow, CaseRow]:
    if isinstance(code_or_id, int):
        row = DossierRow.get_or_none(DossierRow.case == code_or_id)
    else:
        row = DossierRow.get_or_none(DossierRow.code == str(code_or_id).strip().upper())
    if row is None:
        raise NotFound(f"Không tìm thấy hồ sơ '{code_or_id}'.")
    return row, CaseRow.get_by_id(row.case_id)


def get_dossier(code_or_id: str | int) -> Dossier:
    return _dossier(*_row(code_or_id))


def can_see(services, actor: Actor | None, d: Dossier) -> bool:
    """The one-stop centre sees every dossier (it receives for all units, R-MC-01); other
    staff see those of the units they hold ``motcua.view`` for."""
    return (services.access.can(actor, "motcua.receive")
            or services.access.can(actor, "motcua.view", d.handling_unit_id))


# ---------------------------------------------------------------------------
# Intake (tiếp nhận) — Mẫu 01
# ---------------------------------------------------------------------------

def _digits(text: str) -> str:
    return "".join(ch for ch in str(text or "") if not ch.isspace())


def _applicant_errors(applicant: dict[str, Any]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    errors = []
    clean = {k: str(applicant.get(k) or "").strip()
             for k in ("full_name", "citizen_id", "phone", "address", "email")}
    unknown = set(applicant) - set(clean)
    errors += [(f"applicant.{k}", "Trường không được hỗ trợ.") for k in sorted(unknown)]
    clean["citizen_id"] = _digits(clean["citizen_id"])
    clean["phone"] = _digits(clean["phone"])
    if not clean["full_name"]:
        errors.append(("applicant.full_name", "Vui lòng nhập họ và tên người nộp hồ sơ."))
    if clean["citizen_id"] and (not clean["citizen_id"].isdigit() or len(clean["citizen_id"]) not in (9, 12)):
        errors.append(("applicant.citizen_id", "Số định danh cá nhân gồm 12 chữ số (CMND cũ: 9 chữ số)."))
    if clean["phone"] and (not clean["phone"].lstrip("+").isdigit() or not 9 <= len(clean["phone"].lstrip("+")) <= 12):
        errors.append(("applicant.phone", "Số điện thoại không hợp lệ."))
    if clean["email"] and ("@" not in clean["email"] or " " in clean["email"]):
        errors.append(("applicant.email", "Địa chỉ thư điện tử không hợp lệ."))
    return clean, errors


def _documents_errors(proc: Procedure, documents: Iterable[dict]) -> tuple[list[dict], list[tuple[str, str]]]:
    """Plan III.1.2: no document beyond the catalogue's list may be recorded as required."""
    errors, out, seen = [], [], set()
    for i, d in enumerate(documents or ()):
        code = str((d or {}).get("code") or "").strip().upper()
        spec = proc.document(code)
        if spec is None:
            label = (d or {}).get("name") or code or f"#{i + 1}"
            errors.append((f"documents[{i}]", f"Giấy tờ '{label}' không có trong thành phần hồ sơ của thủ tục "
                           f"{proc.code}; không được yêu cầu người dân nộp thêm giấy tờ ngoài quy định."))
            continue
        if code in seen:
            errors.append((f"documents[{i}]", f"Giấy tờ '{spec.name}' được ghi hai lần."))
            continue
        seen.add(code)
        kind = str(d.get("copy_kind") or spec.copy_kind)
        if kind not in COPY_KINDS or (spec.copy_kind != "either" and kind != spec.copy_kind):
            errors.append((f"documents[{i}]", f"'{spec.name}': loại bản phải là "
                           f"{COPY_KINDS[spec.copy_kind].lower()} theo danh mục."))
            continue
        try:
            qty = int(d.get("quantity") or spec.quantity)
        except (TypeError, ValueError):
            qty = 0
        if qty < 1 or qty > spec.quantity:
            errors.append((f"documents[{i}]", f"'{spec.name}': số lượng từ 1 đến {spec.quantity} theo danh mục."))
            continue
        out.append({"code": code, "name": spec.name, "copy_kind": kind, "quantity": qty})
    if not out and not errors:
        errors.append(("documents", "Vui lòng ghi các giấy tờ người dân đã nộp."))
    return out, errors


def receive(services, *, procedure_code: str, applicant: dict[str, Any], documents: list[dict],
            fee_paid: int = 0, fee_units: int = 1, sets: int = 1, submission: str = "counter",
            delivery: str = "counter", concerned: Iterable[dict] = (), actor: Actor,
            received_at: dt.datetime | None = None, issue_receipt: bool = True) -> Dossier:
    """Receive a dossier: code it (R-MC-10), start its clock (R-MC-11, R-MC-12), record it in
    the register and issue Mẫu 01 with the appointment (R-MC-04, R-MC-05)."""
    errors: list[tuple[str, str]] = []
    try:
        proc = get_procedure(procedure_code)
        if not proc.active:
            errors.append(("procedure_code", f"Thủ tục {proc.code} đã ngừng áp dụng."))
    except NotFound as exc:
        raise ValidationError([("procedure_code", exc.message)]) from None
    person, errs = _applicant_errors(applicant or {})
    errors += errs
    docs, errs = _documents_errors(proc, documents)
    errors += errs
    try:
        fee_paid, fee_units, sets = int(fee_paid or 0), int(fee_units or 1), int(sets or 1)
    except (TypeError, ValueError):
        raise ValidationError([("fee_paid", "Số tiền, số đơn vị tính phí và số bộ hồ sơ phải là số nguyên.")]) from None
    # Plan III.1.2: nothing beyond the catalogue's fees and charges.
    ceiling = (proc.fee_vnd or 0) * max(fee_units, 1)
    if fee_paid < 0:
        errors.append(("fee_paid", "Số tiền phí, lệ phí không được âm."))
    elif fee_paid > ceiling:
        errors.append(("fee_paid", f"Phí, lệ phí thu {format_vnd(fee_paid)} vượt mức trong danh mục "
                       f"({proc.fee_label} × {fee_units} = {format_vnd(ceiling)}); không được thu thêm ngoài quy định."))
    if fee_units < 1 or sets < 1:
        errors.append(("sets", "Số bộ hồ sơ và số đơn vị tính phí phải từ 1 trở lên."))
    if submission not in CHANNELS:
        errors.append(("submission", "Hình thức nộp hồ sơ không hợp lệ."))
    if delivery not in proc.delivery:
        allowed = ", ".join(CHANNELS[c].lower() for c in proc.delivery)
        errors.append(("delivery", f"Thủ tục {proc.code} chỉ trả kết quả: {allowed}."))
    people = []
    for i, c in enumerate(concerned or ()):
        name = str((c or {}).get("full_name") or "").strip()
        if not name:
            errors.append((f"concerned[{i}]", "Vui lòng nhập họ tên người được đăng ký."))
        people.append({"full_name": name, "role": str((c or {}).get("role") or "").strip()})
    received = (received_at or now()).replace(microsecond=0)
    if errors:
        raise ValidationError(errors)

    cfg = config(services)
    unit = UnitRow.get_or_none(UnitRow.code == proc.handling_unit) if proc.handling_unit else None
    linked = (PersonRow.get_or_none(PersonRow.citizen_id == person["citizen_id"])
              if person["citizen_id"] else None)
    holder: dict[str, Any] = {}

    def on_opened(case: Case) -> None:
        appointment = _appointment(cfg, case.due_date)
        row = DossierRow.create(
            case=case.id, code=case.number, procedure_code=proc.code, procedure_name=proc.name,
            time_unit=proc.time_unit, time_amount=proc.time_amount, fee_paid=fee_paid, fee_units=fee_units,
            documents=docs, sets=sets, submission=submission, delivery=delivery,
            applicant_name=person["full_name"], applicant_citizen_id=person["citizen_id"],
            applicant_phone=person["phone"], applicant_address=person["address"],
            applicant_email=person["email"], concerned=people,
            handling_unit=unit.id if unit else None, received_by=actor.person_id,
            received_by_name=actor.name, received_at=received, appointment_at=appointment,
            original_due=case.due_date,
            register_line=next_value(f"motcua:register:{received.year}"),  # R-MC-05 register line
        )
        _bump(received, proc.code, "received")
        holder["row"] = row

    with write_transaction():
        case = services.cases.open(
            # The case carries no unit: a one-stop dossier belongs both to the receiving centre
            # (R-MC-01, any officer of it receives and returns for every unit) and to its
            # handling unit (kept in DossierRow.handling_unit); see _can_handle.
            DOSSIER.key, proc.name, actor=actor, received_at=received, unit_id=None,
            applicant_id=linked.id if linked else None, number_vars={"agency": cfg["agency_code"]},
            data={"procedure_code": proc.code, "time_unit": proc.time_unit, "time_amount": proc.time_amount},
            on_opened=on_opened,
        )
        row = holder["row"]
        if issue_receipt:
            doc = _issue(services, "motcua_receipt", row, case, actor,
                         subject=f"Tiếp nhận hồ sơ {row.code}",
                         context=_receipt_context(services, proc, row, case))
            DossierRow.update(receipt_document=doc.id).where(DossierRow.id == row.id).execute()
    return get_dossier(case.id)


def _appointment(cfg: dict, due: dt.date) -> dt.datetime:
    return dt.datetime.combine(due, _hhmm(cfg["return_time"]))


def _issue(services, doc_type: str, row: DossierRow, case, actor: Actor, *, subject: str, context: dict,
           signer_name: str | None = None, signer_title: str | None = None, recipients=None,
           issued_on: dt.date | None = None):
    return services.documents.issue(
        doc_type, subject=subject, context=context,
        signer_name=signer_name or actor.name or "Công chức Bộ phận Một cửa",
        signer_title=signer_title or "Công chức tiếp nhận hồ sơ", signing_authority="",
        recipients=recipients or ["Người nộp hồ sơ", "Bộ phận Một cửa (theo dõi)"],
        case_id=case.id if hasattr(case, "id") else case, actor=actor,
        issued_on=issued_on or (now().date()),
    )


def _applicant_lines(row: DossierRow) -> list[list[str]]:
    return [["Họ và tên", row.applicant_name], ["Số định danh cá nhân", row.applicant_citizen_id],
            ["Địa chỉ", row.applicant_address], ["Số điện thoại", row.applicant_phone],
            ["Thư điện tử", row.applicant_email]]


def _receipt_context(services, proc: Procedure, row: DossierRow, case) -> dict:
    """R-MC-05: the fields of Mẫu 01."""
    return {
        "centre": config(services)["centre_name"],
        "code": row.code,
        "officer": row.received_by_name,
        "applicant": _applicant_lines(row),
        "procedure": f"{proc.name} (mã {proc.code})",
        "documents": [[str(i + 1), d["name"], COPY_KINDS[d["copy_kind"]], str(d["quantity"])]
                      for i, d in enumerate(row.documents)],
        "sets": row.sets,
        "time_label": proc.time_label,
        "received": format_datetime(row.received_at),
        "appointment": format_datetime(row.appointment_at),
        "delivery": CHANNELS[row.delivery],
        "fee": format_vnd(row.fee_paid) if row.fee_paid else "Không thu",
        "register": f"Sổ theo dõi hồ sơ năm {row.received_at.year}, số thứ tự {row.register_line}",
    }


# ---------------------------------------------------------------------------
# Processing (giải quyết)
# ---------------------------------------------------------------------------

TRANSFER_ASSIGN_NOTE = "Phân công giải quyết khi chuyển xử lý"


def transfer(services, code: str | int, *, actor: Actor, unit_id: int | None = None,
             handler_id: int | None = None, note: str = "", at: dt.datetime | None = None) -> Dossier:
    """Hand the dossier to the handling unit and officer (a Mẫu 06 step)."""
    row, case = _row(code)
    unit_id = unit_id or row.handling_unit_id
    errors = _assignment_errors(unit_id, handler_id)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        data = _assign_data(unit_id, handler_id)
        services.cases.transition(case.id, "transfer", actor=actor, note=note, data=data, at=at)
        if handler_id:
            services.cases.update(case.id, actor=actor, owner_id=handler_id, note=TRANSFER_ASSIGN_NOTE)
        DossierRow.update(handling_unit=unit_id, handler=handler_id).where(DossierRow.id == row.id).execute()
    return get_dossier(case.id)


def assign(services, code: str | int, *, actor: Actor, unit_id: int | None = None,
           handler_id: int | None = None, note: str = "") -> Dossier:
    """Re-assign the handling unit or officer of an open dossier (recorded as a step)."""
    row, case = _row(code)
    errors = _assignment_errors(unit_id, handler_id)
    if not unit_id and not handler_id:
        errors.append(("handler_id", "Vui lòng chọn đơn vị hoặc công chức giải quyết."))
    if case.closed_at is not None:
        raise IllegalTransition(f"Hồ sơ {row.code} đã kết thúc.")
    if errors:
        raise ValidationError(errors)
    if not services.access.can(actor, "motcua.receive") and \
            not services.access.can(actor, "motcua.sign", unit_id or row.handling_unit_id):
        raise PermissionDenied("Bạn không có quyền phân công hồ sơ.")
    with write_transaction():
        services.cases.update(case.id, actor=actor, owner_id=handler_id,
                              data=_assign_data(unit_id, handler_id), note=note or "Phân công giải quyết")
        changes = {}
        if unit_id:
            changes["handling_unit"] = unit_id
        if handler_id:
            changes["handler"] = handler_id
        DossierRow.update(**changes).where(DossierRow.id == row.id).execute()
    return get_dossier(case.id)


def _assignment_errors(unit_id, handler_id) -> list[tuple[str, str]]:
    errors = []
    if unit_id and not UnitRow.get_or_none(UnitRow.id == unit_id):
        errors.append(("unit_id", "Đơn vị giải quyết không tồn tại."))
    if handler_id:
        p = PersonRow.get_or_none(PersonRow.id == handler_id)
        if p is None or not p.is_staff:
            errors.append(("handler_id", "Công chức giải quyết phải là cán bộ, công chức của phường."))
    return errors


def _assign_data(unit_id, handler_id) -> dict:
    data = {}
    if unit_id:
        data["to_unit"] = UnitRow.get_by_id(unit_id).name
    if handler_id:
        data["to_person"] = PersonRow.get_by_id(handler_id).full_name
    return data


def request_supplement(services, code: str | int, *, items: list[dict], guide_officer: str = "",
                       actor: Actor, at: dt.datetime | None = None) -> Dossier:
    """Mẫu 02: everything missing, at once (R-MC-06, R-MC-13); the clock pauses (R-MC-14)."""
    row, case = _row(code)
    proc = get_procedure(row.procedure_code)
    errors, lines = [], []
    for i, item in enumerate(items or ()):
        what = str((item or {}).get("what") or "").strip()
        spec = proc.document(str((item or {}).get("code") or "").strip().upper())
        reason = str((item or {}).get("reason") or "").strip()
        if spec is None and not what:
            errors.append((f"items[{i}]", "Ghi rõ giấy tờ cần bổ sung (theo danh mục) hoặc nội dung cần hoàn thiện."))
        elif not reason:
            errors.append((f"items[{i}]", "Ghi rõ lý do cần bổ sung, hoàn thiện."))
        else:
            lines.append({"what": spec.name if spec else what, "reason": reason})
    if not lines and not errors:
        errors.append(("items", "Phiếu yêu cầu bổ sung phải liệt kê đầy đủ, một lần, mọi nội dung cần bổ sung."))
    if errors:
        raise ValidationError(errors)
    guide = guide_officer.strip() or actor.name
    when = at or now()
    with write_transaction():
        note = "; ".join(f"{x['what']} ({x['reason']})" for x in lines)
        services.cases.transition(case.id, "request_supplement", actor=actor, note=note,
                                  data={"supplement_items": lines}, at=when)
        _issue(services, "motcua_supplement", row, case, actor, subject=f"Yêu cầu bổ sung, hoàn thiện hồ sơ {row.code}",
               issued_on=when.date(),
               context={"code": row.code, "procedure": row.procedure_name, "applicant": row.applicant_name,
                        "received": format_datetime(row.received_at),
                        "items": [[str(i + 1), x["what"], x["reason"]] for i, x in enumerate(lines)],
                        "guide": guide})
    return get_dossier(case.id)


def receive_supplement(services, code: str | int, *, actor: Actor, at: dt.datetime | None = None,
                       note: str = "") -> Dossier:
    """The applicant brought the documents: the clock resumes with the time left (R-MC-14)."""
    row, case = _row(code)
    with write_transaction():
        after = services.cases.transition(case.id, "supplemented", actor=actor, at=at,
                                          note=note or "Đã nhận đủ hồ sơ bổ sung")
        appointment = _appointment(config(services), after.due_date)
        # The supplement time does not count: the appointment moves with the clock.
        DossierRow.update(original_due=after.due_date, appointment_at=appointment).where(
            DossierRow.id == row.id).execute()
    return get_dossier(case.id)


def refuse(services, code: str | int, *, reason: str, actor: Actor, at: dt.datetime | None = None) -> Dossier:
    """Mẫu 03: refusal with its reason (R-MC-07)."""
    return _close_with_form(services, code, "refuse", "motcua_refusal", reason, actor, at,
                            subject="Từ chối tiếp nhận, giải quyết hồ sơ")


def stop(services, code: str | int, *, reason: str, actor: Actor, at: dt.datetime | None = None) -> Dossier:
    """Mẫu 05: stop notice, e.g. at the applicant's request."""
    return _close_with_form(services, code, "stop", "motcua_stop", reason, actor, at,
                            subject="Dừng giải quyết hồ sơ")


def _close_with_form(services, code, transition, doc_type, reason, actor, at, *, subject) -> Dossier:
    row, case = _row(code)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError([("reason", "Vui lòng ghi rõ lý do.")])
    when = at or now()
    with write_transaction():
        services.cases.transition(case.id, transition, actor=actor, note=reason, at=when, outcome=transition)
        _bump(when, row.procedure_code, "refused" if transition == "refuse" else "stopped")
        _issue(services, doc_type, row, case, actor, subject=f"{subject} {row.code}", issued_on=when.date(),
               context={"code": row.code, "procedure": row.procedure_name, "applicant": row.applicant_name,
                        "received": format_datetime(row.received_at), "reason": reason})
    return get_dossier(case.id)


def mark_result_ready(services, code: str | int, *, actor: Actor, at: dt.datetime | None = None,
                      note: str = "") -> Dossier:
    row, case = _row(code)
    when = at or now()
    with write_transaction():
        services.cases.transition(case.id, "result_ready", actor=actor, at=when,
                                  note=note or "Chuyển kết quả về Bộ phận Một cửa")
        DossierRow.update(result_ready_at=when).where(DossierRow.id == row.id).execute()
    return get_dossier(case.id)


def return_result(services, code: str | int, *, actor: Actor, delivery: str | None = None,
                  postal_tracking: str = "", at: dt.datetime | None = None) -> Dossier:
    """Return the result at the counter, by public postal service (with tracking number) or
    online; classify it early / on time / late against the appointment, flag a late return
    without a signed apology as a breach (R-MC-15), and announce life events."""
    row, case = _row(code)
    delivery = delivery or row.delivery
    tracking = (postal_tracking or "").strip()
    errors = []
    if delivery not in CHANNELS:
        errors.append(("delivery", "Hình thức trả kết quả không hợp lệ."))
    elif delivery == "postal" and not tracking:
        errors.append(("postal_tracking", "Trả qua bưu chính công ích phải ghi số hiệu bưu gửi."))
    if errors:
        raise ValidationError(errors)
    when = at or now()
    signed = (ApologyRow.select().where(ApologyRow.dossier == row.id, ApologyRow.state == "signed")
              .order_by(ApologyRow.id.desc()).first())
    with write_transaction():
        after = services.cases.transition(
            case.id, "return_result", actor=actor, at=when, outcome="returned",
            note=CHANNELS[delivery] + (f", số hiệu bưu gửi {tracking}" if tracking else ""),
            data={"delivery": delivery, "postal_tracking": tracking},
        )
        day = when.date()
        timeliness = "early" if day < row.original_due else "on_time" if day == row.original_due else "late"
        breach = timeliness == "late" and (signed is None or day > after.due_date)
        working = services.calendar.working_days_between(row.received_at.date(), day)
        DossierRow.update(returned_at=when, delivery=delivery, postal_tracking=tracking, processing_days=working,
                          timeliness=timeliness, breach=breach).where(DossierRow.id == row.id).execute()
        _bump(when, row.procedure_code, f"returned_{timeliness}")
        if timeliness == "late" and signed is not None:
            _bump(when, row.procedure_code, "late_apologised")
        if breach:
            _bump(when, row.procedure_code, "breach")
        _bump(when, row.procedure_code, "processing_working_days", working)
        proc_row = ProcedureRow.get_or_none(ProcedureRow.code == row.procedure_code)
        if proc_row is not None and proc_row.life_event:
            people = [PersonRef(None, p["full_name"], p.get("role", "")) for p in row.concerned] or \
                [PersonRef(case.applicant_id, row.applicant_name, "người yêu cầu")]
            services.pm.hook.life_event_recorded(kind=proc_row.life_event, people=people, case=after, core=services,
                                                 services=services)
    return get_dossier(case.id)


# ---------------------------------------------------------------------------
# Lateness (R-MC-15, R-MC-16): due soon, apology drafts, signing
# ---------------------------------------------------------------------------

def _warning_days(services, on: dt.date) -> int:
    return int(services.rules.value("R-MC-15.min_working_days_before_deadline", on))


def apology_deadline(services, due: dt.date) -> dt.date:
    """The last day to issue Mẫu 04: N working days before the due date (R-MC-15)."""
    n = _warning_days(services, due)
    d = due
    while n > 0:
        d -= dt.timedelta(days=1)
        if services.calendar.is_working_day(d):
            n -= 1
    return d


def due_soon(services, today: dt.date | None = None) -> list[Dossier]:
    """Unfinished dossiers due within R-MC-15's warning time (today included), and the
    overdue ones still open; paused dossiers are not counting time."""
    today = today or now().date()
    horizon = today
    for _ in range(_warning_days(services, today)):
        horizon = services.calendar.next_working_day(horizon)
    q = (DossierRow.select(DossierRow, CaseRow).join(CaseRow)
         .where(CaseRow.closed_at.is_null(True), CaseRow.paused_at.is_null(True),
                CaseRow.case_type == DOSSIER.key, CaseRow.due_date <= horizon)
         .order_by(CaseRow.due_date, CaseRow.id))
    return [_dossier(r, r.case) for r in q]


def check_due(services, today: dt.date | None = None, *, actor: Actor = SYSTEM_ACTOR) -> dict[str, list]:
    """Daily check: draft Mẫu 04 for each dossier at risk (for the head of the handling
    unit to sign) and fire ``case_overdue`` for those newly late."""
    today = today or now().date()
    at_risk = due_soon(services, today)
    drafted = []
    for d in at_risk:
        if d.state not in ("processing", "received"):
            continue
        if ApologyRow.select().where(ApologyRow.dossier == DossierRow.get(DossierRow.case == d.case_id).id).exists():
            continue
        if d.reappointments >= _max_reappointments(services, d):
            continue
        drafted.append(draft_apology(services, d.case_id, actor=actor,
                                     reason="Hồ sơ có nguy cơ giải quyết quá hạn."))
    overdue = [c for c in services.cases.check_overdue(today) if c.case_type == DOSSIER.key]
    return {"due_soon": at_risk, "drafted": drafted, "overdue": overdue}


def _max_reappointments(services, d: Dossier) -> int:
    return int(services.rules.value("R-MC-16.max_reappointments", d.received_at.date()))  # R-MC-16


def _apology(row: ApologyRow) -> Apology:
    return Apology(row.id, row.dossier.case_id, row.dossier.code, row.state, row.previous_due, row.proposed_due,
                   row.reason, row.drafted_at, row.signed_at, row.timely, row.document_id)


def draft_apology(services, code: str | int, *, reason: str, proposed_due: dt.date | None = None,
                  actor: Actor) -> Apology:
    """Draft Mẫu 04 with a proposed new date (default: the procedure's own time again
    after the current due date, at least one working day)."""
    row, case = _row(code)
    d = _dossier(row, case)
    if case.closed_at is not None:
        raise IllegalTransition(f"Hồ sơ {row.code} đã kết thúc.")
    if d.reappointments >= _max_reappointments(services, d):  # R-MC-16
        raise IllegalTransition(f"Hồ sơ {row.code} đã được hẹn lại {d.reappointments} lần; "
                                f"chỉ được hẹn lại {_max_reappointments(services, d)} lần.")
    if ApologyRow.select().where(ApologyRow.dossier == row.id, ApologyRow.state == "draft").exists():
        raise IllegalTransition(f"Hồ sơ {row.code} đã có dự thảo văn bản xin lỗi chờ ký.")
    if proposed_due is None:
        base = dt.datetime.combine(case.due_date, dt.time(0, 0))
        proposed_due = services.calendar.add_working_days(base, max(row.time_amount, 1), None)
    errors = _proposal_errors(services, case, proposed_due, reason)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        a = ApologyRow.create(dossier=row.id, previous_due=case.due_date, proposed_due=proposed_due,
                              reason=reason.strip(), drafted_at=now())
        audit.record("motcua.apology.draft", "motcua_apology", a.id, actor=actor,
                     after={"code": row.code, "proposed_due": proposed_due, "reason": reason.strip()})
    return _apology(ApologyRow.get_by_id(a.id))


def _proposal_errors(services, case, proposed_due, reason) -> list[tuple[str, str]]:
    errors = []
    if not (reason or "").strip():
        errors.append(("reason", "Vui lòng ghi rõ lý do chậm giải quyết."))
    if not isinstance(proposed_due, dt.date) or proposed_due <= case.due_date:
        errors.append(("proposed_due", f"Ngày hẹn mới phải sau ngày hẹn hiện tại {format_date(case.due_date)}."))
    elif not services.calendar.is_working_day(proposed_due):
        errors.append(("proposed_due", f"Ngày hẹn mới {format_date(proposed_due)} không phải ngày làm việc."))
    return errors


def sign_apology(services, apology_id: int, *, signer_name: str, signer_title: str, actor: Actor,
                 proposed_due: dt.date | None = None, reason: str | None = None,
                 at: dt.datetime | None = None) -> Apology:
    """The head of the handling unit signs Mẫu 04: it is numbered and issued, and the
    dossier gets its one new appointment (R-MC-15, R-MC-16)."""
    a = ApologyRow.get_or_none(ApologyRow.id == apology_id)
    if a is None:
        raise NotFound(f"Không tìm thấy văn bản xin lỗi số {apology_id}.")
    if a.state != "draft":
        raise IllegalTransition("Văn bản xin lỗi này đã được ký.")
    row, case = _row(a.dossier.case_id)
    d = _dossier(row, case)
    if d.reappointments >= _max_reappointments(services, d):  # R-MC-16
        raise IllegalTransition(f"Hồ sơ {row.code} đã được hẹn lại {d.reappointments} lần; "
                                f"chỉ được hẹn lại {_max_reappointments(services, d)} lần.")
    proposed_due = proposed_due or a.proposed_due
    reason = (reason if reason is not None else a.reason).strip()
    errors = _proposal_errors(services, case, proposed_due, reason)
    if not (signer_name or "").strip():
        errors.append(("signer_name", "Thiếu họ tên người ký (thủ trưởng cơ quan giải quyết)."))
    if not (signer_title or "").strip():
        errors.append(("signer_title", "Thiếu chức vụ người ký."))
    if errors:
        raise ValidationError(errors)
    when = at or now()
    timely = when.date() <= apology_deadline(services, case.due_date)  # R-MC-15
    with write_transaction():
        after = services.cases.transition(case.id, "reappoint", actor=actor, at=when, note=reason,
                                          data={"reappointed_due": proposed_due.isoformat()})
        doc = _issue(services, "motcua_apology", row, case, actor, subject=f"Xin lỗi và hẹn lại ngày trả kết quả hồ sơ {row.code}",
                     signer_name=signer_name, signer_title=signer_title, issued_on=when.date(),
                     recipients=["Ông/Bà " + row.applicant_name, "Bộ phận Một cửa"],
                     context={"code": row.code, "procedure": row.procedure_name, "applicant": row.applicant_name,
                              "received": format_datetime(row.received_at),
                              "previous": format_datetime(row.appointment_at),
                              "new_appointment": format_datetime(_appointment(config(services), after.due_date)),
                              "reason": reason})
        ApologyRow.update(state="signed", signed_at=when, signer_name=signer_name.strip(),
                          signer_title=signer_title.strip(), proposed_due=proposed_due, reason=reason,
                          timely=timely, document=doc.id).where(ApologyRow.id == a.id).execute()
        DossierRow.update(reappointments=DossierRow.reappointments + 1,
                          appointment_at=_appointment(config(services), after.due_date)).where(
            DossierRow.id == row.id).execute()
        audit.record("motcua.apology.sign", "motcua_apology", a.id, actor=actor,
                     after={"code": row.code, "new_due": proposed_due, "timely": timely,
                            "document": doc.number_symbol})
    return _apology(ApologyRow.get_by_id(a.id))


def apologies(state: str | None = None, limit: int = 200) -> list[Apology]:
    q = ApologyRow.select().order_by(ApologyRow.id.desc()).limit(limit)
    if state:
        q = q.where(ApologyRow.state == state)
    return [_apology(r) for r in q]


# ---------------------------------------------------------------------------
# Mẫu 06: process-control sheet, from the case events (R-MC-08)
# ---------------------------------------------------------------------------

STEP_LABELS = {
    "open": "Tiếp nhận hồ sơ", "transfer": "Chuyển xử lý", "assign": "Phân công giải quyết",
    "request_supplement": "Yêu cầu bổ sung hồ sơ", "supplemented": "Nhận hồ sơ bổ sung",
    "reappoint": "Hẹn lại ngày trả kết quả", "result_ready": "Chuyển kết quả về Bộ phận Một cửa",
    "return_result": "Trả kết quả", "stop": "Dừng giải quyết", "refuse": "Từ chối giải quyết",
}


def control_steps(services, code: str | int) -> list[dict[str, str]]:
    """Each hand-off: giver, receiver, time and trước hạn / đúng hạn / quá hạn against the
    appointment in force at that moment."""
    row, case = _row(code)
    centre = config(services)["centre_name"]
    steps = []
    for ev in services.cases.events(case.id):
        action = ev.action
        if action not in STEP_LABELS or (action == "assign" and ev.note == TRANSFER_ASSIGN_NOTE):
            continue  # the assignment made with a transfer is the transfer step itself
        data = ev.data or {}
        if action == "assign":  # engine.update records the new owner/unit ids
            owner = PersonRow.get_or_none(PersonRow.id == data.get("owner_id")) if data.get("owner_id") else None
            unit = UnitRow.get_or_none(UnitRow.id == data.get("unit_id")) if data.get("unit_id") else None
            data = {"to_person": owner.full_name if owner else "", "to_unit": unit.name if unit else ""}
        receiver = {
            "open": centre,
            "transfer": data.get("to_person") or data.get("to_unit") or "Cơ quan giải quyết",
            "assign": data.get("to_person") or data.get("to_unit") or "",
            "request_supplement": "Người nộp hồ sơ",
            "supplemented": centre,
            "reappoint": "Người nộp hồ sơ",
            "result_ready": centre,
            "return_result": "Người nộp hồ sơ",
            "stop": "Người nộp hồ sơ", "refuse": "Người nộp hồ sơ",
        }[action]
        giver = "Người nộp hồ sơ" if action == "supplemented" else (ev.actor_name or "Hệ thống")
        when = ev.at
        if action == "open":  # the step is the receipt itself
            giver, when = row.applicant_name, row.received_at
        due = ev.due_date or case.due_date
        day = when.date()
        status = "" if due is None else ("Trước hạn" if day < due else "Đúng hạn" if day == due else "Quá hạn")
        steps.append({"step": STEP_LABELS[ev.action], "giver": giver, "receiver": receiver,
                      "at": format_datetime(when), "status": status, "note": ev.note, "action": action})
    return steps


def issue_control_sheet(services, code: str | int, *, actor: Actor):
    """Print Mẫu 06 as it stands now (numbered and registered)."""
    row, case = _row(code)
    steps = control_steps(services, code)
    with write_transaction():
        return _issue(services, "motcua_control_sheet", row, case, actor,
                      subject=f"Kiểm soát quá trình giải quyết hồ sơ {row.code}",
                      context={"code": row.code, "procedure": row.procedure_name, "applicant": row.applicant_name,
                               "received": format_datetime(row.received_at),
                               "appointment": format_datetime(row.appointment_at),
                               "steps": [[str(i + 1), s["step"], s["giver"], s["receiver"], s["at"], s["status"]]
                                         for i, s in enumerate(steps)]})


# ---------------------------------------------------------------------------
# Mẫu 07: register view and export (R-MC-09)
# ---------------------------------------------------------------------------

REGISTER_HEADER = ["STT", "Mã hồ sơ", "Thủ tục", "Số lượng hồ sơ (bộ)", "Người nộp", "Liên hệ",
                   "Cơ quan giải quyết", "Ngày nhận", "Ngày hẹn trả", "Ngày chuyển", "Ngày có kết quả / trả",
                   "Kết quả", "Ký nhận", "Ghi chú"]


def register_rows(services, start: dt.date, end: dt.date, *, limit: int = 100000) -> list[list[str]]:
    """Dossiers received between ``start`` and ``end`` (inclusive), in register order."""
    if end < start:
        raise ValidationError([("end", "Ngày kết thúc phải sau ngày bắt đầu.")])
    q = (DossierRow.select(DossierRow, CaseRow).join(CaseRow)
         .where(DossierRow.received_at >= dt.datetime.combine(start, dt.time(0, 0)),
                DossierRow.received_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0, 0)))
         .order_by(DossierRow.received_at, DossierRow.id).limit(limit))
    units = {u.id: u.name for u in UnitRow.select(UnitRow.id, UnitRow.name)}
    records = list(q)
    transferred: dict[int, dt.datetime] = {}
    ids = [r.case_id for r in records]
    for i in range(0, len(ids), 500):
        for ev in (CaseEventRow.select(CaseEventRow.case, CaseEventRow.at)
                   .where(CaseEventRow.case.in_(ids[i:i + 500]), CaseEventRow.action == "transfer")
                   .order_by(CaseEventRow.id)):
            transferred.setdefault(ev.case_id, ev.at)
    out = []
    for r in records:
        case = r.case
        done = r.returned_at or r.result_ready_at
        note = TIMELINESS.get(r.timeliness, DOSSIER.state(case.state).label)
        if r.reappointments:
            note += "; đã xin lỗi, hẹn lại"
        if r.breach:
            note += "; vi phạm: trả quá hạn không xin lỗi"
        out.append([
            str(r.register_line), r.code, r.procedure_name, str(r.sets), r.applicant_name,
            r.applicant_phone or r.applicant_email, units.get(r.handling_unit_id, ""),
            format_datetime(r.received_at), format_datetime(r.appointment_at),
            format_datetime(transferred.get(r.case_id)), format_datetime(done),
            DOSSIER.state(case.state).label, CHANNELS[r.delivery] if r.returned_at else "", note,
        ])
    return out


def register_csv(services, start: dt.date, end: dt.date, *, actor: Actor = SYSTEM_ACTOR) -> bytes:
    rows = register_rows(services, start, end)
    audit.record("motcua.register.export", "motcua_register", f"{start}:{end}", actor=actor,
                 after={"format": "csv", "rows": len(rows)})  # R-DL-11: exports of personal data
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(REGISTER_HEADER)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")


def register_xlsx(services, start: dt.date, end: dt.date, *, actor: Actor = SYSTEM_ACTOR) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    rows = register_rows(services, start, end)
    audit.record("motcua.register.export", "motcua_register", f"{start}:{end}", actor=actor,
                 after={"format": "xlsx", "rows": len(rows)})  # R-DL-11
    wb = Workbook()
    ws = wb.active
    ws.title = "So theo doi ho so"
    ws.append([f"SỔ THEO DÕI HỒ SƠ (Mẫu 07) từ {format_date(start)} đến {format_date(end)}"])
    ws["A1"].font = Font(bold=True)
    ws.append(REGISTER_HEADER)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------
# Public look-up (tra cứu) — no personal data (R-DL-07)
# ---------------------------------------------------------------------------

def lookup(code: str) -> PublicStatus:
    code = (code or "").strip().upper()
    if not code:
        raise ValidationError([("ma", "Vui lòng nhập mã hồ sơ in trên giấy hẹn.")])
    row = (DossierRow.select(DossierRow.code, DossierRow.procedure_name, DossierRow.received_at,
                             DossierRow.appointment_at, DossierRow.result_ready_at, DossierRow.returned_at,
                             DossierRow.id, CaseRow.state, CaseRow.due_date, CaseRow.paused_at)
           .join(CaseRow).where(DossierRow.code == code).first())
    if row is None:
        raise NotFound(f"Không tìm thấy hồ sơ có mã {code}. Vui lòng kiểm tra lại mã trên giấy hẹn.")
    state = row.case.state
    rated = RatingRow.select().where(RatingRow.dossier == row.id).exists() if state == "returned" else True
    return PublicStatus(
        code=row.code, procedure=row.procedure_name, status=state, status_label=DOSSIER.state(state).label,
        received_on=format_datetime(row.received_at), appointment=format_datetime(row.appointment_at),
        due_on=format_date(row.case.due_date), result_ready=state in ("result_ready", "returned"),
        returned_on=format_datetime(row.returned_at), paused=row.case.paused_at is not None,
        can_rate=state == "returned" and not rated,
    )


# ---------------------------------------------------------------------------
# Appointments (hẹn giờ) and assistance
# ---------------------------------------------------------------------------

def slots(services, day: dt.date) -> list[dict[str, Any]]:
    cfg = config(services)
    if not services.calendar.is_working_day(day):
        return []
    booked = {r.time: r.booked for r in SlotRow.select().where(SlotRow.day == day)}
    return [{"time": t, "capacity": cfg["slot_capacity"], "booked": booked.get(t, 0),
             "free": max(cfg["slot_capacity"] - booked.get(t, 0), 0)} for t in cfg["slot_times"]]


def book(services, *, procedure_code: str, day: dt.date | str, time: str, name: str, phone: str,
         at: dt.datetime | None = None) -> Booking:
    """Book a time slot (public, no account). Refuses a past slot and a full one."""
    cfg = config(services)
    errors = []
    at = at or now()
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day.strip())
        except ValueError:
            errors.append(("day", "Ngày hẹn không hợp lệ."))
            day = None
    time = (time or "").strip()
    name, phone = (name or "").strip(), _digits(phone)
    try:
        get_procedure(procedure_code)
    except NotFound:
        errors.append(("procedure_code", "Vui lòng chọn thủ tục trong danh mục."))
    if not name:
        errors.append(("name", "Vui lòng nhập họ và tên."))
    if not phone.lstrip("+").isdigit() or not 9 <= len(phone.lstrip("+")) <= 12:
        errors.append(("phone", "Số điện thoại không hợp lệ."))
    if day is not None:
        if time not in cfg["slot_times"]:
            errors.append(("time", "Khung giờ không có trong lịch tiếp nhận."))
        elif not services.calendar.is_working_day(day):
            errors.append(("day", f"Ngày {format_date(day)} không phải ngày làm việc."))
        elif dt.datetime.combine(day, _hhmm(time)) <= at:
            errors.append(("time", f"Khung giờ {time} ngày {format_date(day)} đã qua; vui lòng chọn giờ khác."))
        elif day > at.date() + dt.timedelta(days=cfg["booking_days_ahead"]):
            errors.append(("day", f"Chỉ đặt lịch trước tối đa {cfg['booking_days_ahead']} ngày."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        SlotRow.insert(day=day, time=time, booked=0).on_conflict_ignore().execute()
        taken = (SlotRow.update(booked=SlotRow.booked + 1)
                 .where(SlotRow.day == day, SlotRow.time == time, SlotRow.booked < cfg["slot_capacity"])
                 .execute())
        if not taken:
            raise ValidationError([("time", f"Khung giờ {time} ngày {format_date(day)} đã đủ "
                                    f"{cfg['slot_capacity']} lượt; vui lòng chọn khung giờ khác.")])
        code = _booking_code()
        BookingRow.create(code=code, procedure_code=procedure_code.strip().upper(), day=day, time=time,
                          name=name, phone=phone, created_at=at)
        audit.record("motcua.booking.create", "motcua_booking", code,
                     after={"day": day, "time": time, "procedure": procedure_code})
    return Booking(code, procedure_code.strip().upper(), day, time, name, phone)


def _booking_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


def cancel_booking(code: str) -> None:
    row = BookingRow.get_or_none(BookingRow.code == (code or "").strip().upper())
    if row is None or row.cancelled_at is not None:
        raise NotFound("Không tìm thấy lịch hẹn còn hiệu lực với mã này.")
    with write_transaction():
        BookingRow.update(cancelled_at=now()).where(BookingRow.id == row.id).execute()
        SlotRow.update(booked=SlotRow.booked - 1).where(SlotRow.day == row.day, SlotRow.time == row.time,
                                                        SlotRow.booked > 0).execute()
        audit.record("motcua.booking.cancel", "motcua_booking", row.code, before={"day": row.day, "time": row.time})


def bookings_on(day: dt.date) -> list[Booking]:
    q = BookingRow.select().where(BookingRow.day == day).order_by(BookingRow.time, BookingRow.id)
    return [Booking(r.code, r.procedure_code, r.day, r.time, r.name, r.phone, r.cancelled_at is not None) for r in q]


def record_assistance(*, kind: str, helper_id: int | None, helper_name: str = "", place: str,
                      at: dt.datetime, procedure_code: str = "", dossier_code: str = "", note: str = "",
                      actor: Actor) -> int:
    """Home and after-hours help (plan III.1.2): who helped, where, when."""
    errors = []
    if kind not in ASSISTANCE_KINDS:
        errors.append(("kind", "Hình thức hỗ trợ không hợp lệ."))
    helper = PersonRow.get_or_none(PersonRow.id == helper_id) if helper_id else None
    helper_name = (helper.full_name if helper else helper_name or "").strip()
    if not helper_name:
        errors.append(("helper_name", "Vui lòng ghi người hỗ trợ."))
    if not (place or "").strip():
        errors.append(("place", "Vui lòng ghi địa điểm hỗ trợ."))
    if not isinstance(at, dt.datetime) or at > now() + dt.timedelta(minutes=5):
        errors.append(("at", "Thời gian hỗ trợ không hợp lệ (không được ở tương lai)."))
    if procedure_code:
        try:
            get_procedure(procedure_code)
        except NotFound as exc:
            errors.append(("procedure_code", exc.message))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = AssistanceRow.create(kind=kind, helper=helper.id if helper else None, helper_name=helper_name,
                                   place=place.strip(), at=at, procedure_code=procedure_code.strip().upper(),
                                   dossier_code=dossier_code.strip().upper(), note=note.strip())
        audit.record("motcua.assistance.record", "motcua_assistance", row.id, actor=actor,
                     after={"kind": kind, "helper": helper_name, "place": place.strip(), "at": at})
    return row.id


def assistance_between(start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    q = (AssistanceRow.select().where(AssistanceRow.at >= dt.datetime.combine(start, dt.time(0, 0)),
                                      AssistanceRow.at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0, 0)))
         .order_by(AssistanceRow.at))
    return [{"kind": ASSISTANCE_KINDS[r.kind], "helper": r.helper_name, "place": r.place,
             "at": format_datetime(r.at), "procedure": r.procedure_code, "dossier": r.dossier_code, "note": r.note}
            for r in q]


# ---------------------------------------------------------------------------
# Satisfaction (R-MC-19 .. R-MC-21)
# ---------------------------------------------------------------------------

def rate(services, code: str, *, level: str, comment: str = "", channel: str = "web",
         at: dt.datetime | None = None) -> dict[str, Any]:
    """A resident rates a returned dossier once (R-MC-19). An unhappy rating opens a
    feedback case for the head of the handling unit."""
    row, case = _row(str(code))
    errors = []
    if case.state != "returned":
        errors.append(("ma", "Chỉ đánh giá được hồ sơ đã trả kết quả."))
    if level not in RATING_LEVELS:
        errors.append(("level", "Vui lòng chọn một mức: " + ", ".join(RATING_LEVELS.values()) + "."))
    if channel not in ("web", "kiosk"):
        errors.append(("channel", "Kênh đánh giá không hợp lệ."))
    comment = (comment or "").strip()[:2000]
    if errors:
        raise ValidationError(errors)
    if RatingRow.select().where(RatingRow.dossier == row.id).exists():
        raise ValidationError([("ma", f"Hồ sơ {row.code} đã được đánh giá. Xin cảm ơn ông/bà.")])
    when = at or now()
    officer = row.handler_id or row.received_by_id
    with write_transaction():
        feedback = None
        if level in UNHAPPY_LEVELS:
            feedback = services.cases.open(
                FEEDBACK.key, f"Người dân không hài lòng với kết quả giải quyết hồ sơ {row.code}",
                received_at=when, unit_id=row.handling_unit_id,
                data={"dossier_code": row.code, "procedure_code": row.procedure_code, "comment": comment},
            )
        RatingRow.create(dossier=row.id, level=level, comment=comment, channel=channel, rated_at=when,
                         procedure_code=row.procedure_code, officer=officer,
                         feedback_case=feedback.id if feedback else None)
        _bump(when, row.procedure_code, f"rating_{level}")
        audit.record("motcua.rating", "motcua_dossier", row.code, after={"level": level, "channel": channel})
    return {"level": level, "label": RATING_LEVELS[level], "feedback_case": feedback.number if feedback else None}


def create_survey(*, title: str, start: dt.date, end: dt.date, actor: Actor) -> int:
    errors = []
    if not (title or "").strip():
        errors.append(("title", "Vui lòng nhập tên đợt khảo sát."))
    if not isinstance(start, dt.date) or not isinstance(end, dt.date) or end < start:
        errors.append(("end", "Thời gian khảo sát không hợp lệ (ngày kết thúc phải sau ngày bắt đầu)."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = SurveyRow.create(title=title.strip(), start=start, end=end)
        audit.record("motcua.survey.create", "motcua_survey", row.id, actor=actor,
                     after={"title": row.title, "start": start, "end": end})
    return row.id


def answer_survey(survey_id: int, *, scores: dict[str, int], answered_on: dt.date,
                  procedure_code: str = "", officer_id: int | None = None, comment: str = "") -> int:
    """One SIPAS answer: each of the five factors (R-MC-20) on the 5-point scale (R-MC-21)."""
    survey = SurveyRow.get_or_none(SurveyRow.id == survey_id)
    if survey is None:
        raise NotFound("Không tìm thấy đợt khảo sát.")
    errors = []
    if not survey.start <= answered_on <= survey.end:
        errors.append(("answered_on", f"Đợt khảo sát diễn ra từ {format_date(survey.start)} đến "
                       f"{format_date(survey.end)}."))
    clean = {}
    for key, label in SIPAS_FACTORS.items():
        try:
            value = int((scores or {}).get(key))
        except (TypeError, ValueError):
            value = 0
        if value not in SIPAS_SCALE:
            errors.append((f"scores.{key}", f"Yếu tố '{label}': chọn mức từ 1 đến {max(SIPAS_SCALE)}."))
        clean[key] = value
    extra = set(scores or {}) - set(SIPAS_FACTORS)
    errors += [(f"scores.{k}", "Yếu tố không có trong bộ câu hỏi SIPAS.") for k in sorted(extra)]
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = SurveyResponseRow.create(survey=survey_id, answered_on=answered_on, procedure_code=procedure_code,
                                       officer=officer_id, scores=clean, comment=(comment or "").strip())
        audit.record("motcua.survey.answer", "motcua_survey", survey_id, after={"response": row.id})
    return row.id


def survey_results(survey_id: int, by: str = "procedure") -> list[dict[str, Any]]:
    """Share satisfied (score ≥ "Hài lòng", R-MC-21) per factor, grouped by procedure,
    officer or month."""
    if by not in ("procedure", "officer", "month"):
        raise ValidationError([("by", "Chỉ tổng hợp theo thủ tục, công chức hoặc tháng.")])
    groups: dict[str, dict[str, list[int]]] = {}
    names = {}
    for r in SurveyResponseRow.select().where(SurveyResponseRow.survey == survey_id):
        if by == "procedure":
            key = r.procedure_code or "(không rõ)"
        elif by == "officer":
            key = str(r.officer_id or "")
            if r.officer_id and key not in names:
                names[key] = PersonRow.get_by_id(r.officer_id).full_name
        else:
            key = r.answered_on.strftime("%m/%Y")
        g = groups.setdefault(key, {f: [0, 0] for f in SIPAS_FACTORS})
        for f, v in r.scores.items():
            g[f][1] += 1
            g[f][0] += 1 if v >= SIPAS_SATISFIED_FROM else 0
    out = []
    for key, g in sorted(groups.items()):
        total_sat = sum(v[0] for v in g.values())
        total = sum(v[1] for v in g.values())
        out.append({"group": names.get(key, key) or "(không rõ)", "responses": max(v[1] for v in g.values()),
                    "factors": {f: round(100 * v[0] / v[1], 1) if v[1] else None for f, v in g.items()},
                    "index": round(100 * total_sat / total, 1) if total else None})
    return out


# ---------------------------------------------------------------------------
# Rollups and indicators
# ---------------------------------------------------------------------------

def _bump(when: dt.datetime | dt.date, procedure_code: str, metric: str, amount: int = 1) -> None:
    month = when.strftime("%Y-%m")
    (RollupRow.insert(month=month, procedure_code=procedure_code, metric=metric, value=amount)
     .on_conflict(conflict_target=[RollupRow.month, RollupRow.procedure_code, RollupRow.metric],
                  update={RollupRow.value: RollupRow.value + amount})
     .execute())


def rebuild_rollup() -> int:
    """Recount the rollup from dossiers and ratings (``thanthien rollups rebuild``)."""
    counts: dict[tuple[str, str, str], int] = {}

    def add(when, code, metric, n=1):
        key = (when.strftime("%Y-%m"), code, metric)
        counts[key] = counts.get(key, 0) + n

    signed = {a.dossier_id for a in ApologyRow.select(ApologyRow.dossier).where(ApologyRow.state == "signed")}
    for r in DossierRow.select(DossierRow, CaseRow).join(CaseRow).iterator():
        add(r.received_at, r.procedure_code, "received")
        if r.returned_at:
            add(r.returned_at, r.procedure_code, f"returned_{r.timeliness}")
            if r.timeliness == "late" and r.id in signed:
                add(r.returned_at, r.procedure_code, "late_apologised")
            if r.breach:
                add(r.returned_at, r.procedure_code, "breach")
            add(r.returned_at, r.procedure_code, "processing_working_days", r.processing_days or 0)
        elif r.case.state in ("refused", "stopped"):
            add(r.case.closed_at, r.procedure_code, r.case.state)
    for r in RatingRow.select():
        add(r.rated_at, r.procedure_code, f"rating_{r.level}")
    with write_transaction():
        RollupRow.delete().execute()
        for (month, code, metric), value in counts.items():
            RollupRow.create(month=month, procedure_code=code, metric=metric, value=value)
    return len(counts)


def sums(start: dt.date, end: dt.date, procedure_code: str | None = None, by: str | None = None):
    q = RollupRow.select().where(RollupRow.month >= start.strftime("%Y-%m"), RollupRow.month <= end.strftime("%Y-%m"))
    if procedure_code:
        q = q.where(RollupRow.procedure_code == procedure_code)
    out: dict[str, dict[str, int]] = {}
    for r in q:
        key = "" if by is None else (r.month if by == "month" else r.procedure_code)
        bucket = out.setdefault(key, {})
        bucket[r.metric] = bucket.get(r.metric, 0) + r.value
    return out


INDICATOR_COLUMNS = [
    ("received", "Hồ sơ tiếp nhận", "hồ sơ"),
    ("returned_early", "Trả trước hạn", "hồ sơ"),
    ("returned_on_time", "Trả đúng hạn", "hồ sơ"),
    ("returned_late", "Trả quá hạn", "hồ sơ"),
    ("on_time_share", "Tỷ lệ trước và đúng hạn", "%"),
    ("avg_processing_days", "Thời gian giải quyết bình quân", "ngày làm việc"),
    ("apology_share", "Tỷ lệ hồ sơ quá hạn có văn bản xin lỗi", "%"),
    ("breaches", "Trả quá hạn không xin lỗi", "hồ sơ"),
    ("satisfaction", "Tỷ lệ hài lòng", "%"),
]


def measures(m: dict[str, int]) -> dict[str, float | int | None]:
    returned = sum(m.get(f"returned_{t}", 0) for t in TIMELINESS)
    ratings = sum(m.get(f"rating_{lv}", 0) for lv in RATING_LEVELS)
    happy = sum(m.get(f"rating_{lv}", 0) for lv in RATING_LEVELS if lv not in UNHAPPY_LEVELS)
    late = m.get("returned_late", 0)
    return {
        "received": m.get("received", 0),
        "returned_early": m.get("returned_early", 0),
        "returned_on_time": m.get("returned_on_time", 0),
        "returned_late": late,
        "on_time_share": round(100 * (returned - late) / returned, 1) if returned else None,
        "avg_processing_days": round(m.get("processing_working_days", 0) / returned, 2) if returned else None,
        "apology_share": round(100 * m.get("late_apologised", 0) / late, 1) if late else None,
        "breaches": m.get("breach", 0),
        "satisfaction": round(100 * happy / ratings, 1) if ratings else None,
    }


def indicator_table(start: dt.date, end: dt.date, by: str = "month") -> list[dict[str, Any]]:
    """Indicators per month or per procedure (plus a total row)."""
    if by not in ("month", "procedure"):
        raise ValidationError([("by", "Chỉ tổng hợp theo tháng hoặc theo thủ tục.")])
    rows = [{"group": key, **measures(m)} for key, m in sorted(sums(start, end, by=by).items())]
    rows.append({"group": "Tổng cộng", **measures(sums(start, end).get("", {}))})
    return rows


def indicator_csv(start: dt.date, end: dt.date, by: str = "month") -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["Tháng" if by == "month" else "Thủ tục"] + [f"{label} ({unit})" for _, label, unit in INDICATOR_COLUMNS])
    for row in indicator_table(start, end, by):
        w.writerow([row["group"]] + ["" if row[k] is None else row[k] for k, _, _ in INDICATOR_COLUMNS])
    return buf.getvalue().encode("utf-8-sig")


def indicator_value(key: str, start: dt.date, end: dt.date):
    return measures(sums(start, end).get("", {}))[key]
