"""Intake (tiếp nhận): checks against the catalogue (plan III.1.2: no document beyond
its list, no fee beyond its rates), the dossier code (R-MC-10), the clock (R-MC-11,
R-MC-12), the register line and the receipt (Mẫu 01, R-MC-05) with the secret that public
actions on the dossier need."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Iterable
from urllib.parse import urlencode

from thanthien.core import people as register
from thanthien.core.access import Scope
from thanthien.core.counters import next_value
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import PersonRow
from thanthien.core.privacy import mask
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_datetime
from thanthien.core.types import Actor, Case

from ..casetypes import DOSSIER
from ..models import DossierRow
from ..types import (
    CHANNELS,
    COPY_KINDS,
    DOSSIER_OWNER,
    P_RECEIVE,
    ApplicantMatch,
    Dossier,
    Procedure,
    format_vnd,
)
from .catalogue import get_procedure
from .common import appointment, config, digits, get_dossier, issue_form, random_code
from .rollups import bump
from .scope import audit_personal_read, centre_scope, dossier_unit_for

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: letters of the receipt's secret (32 letters and digits: about 10^9 possibilities)
SECRET_LENGTH = 6


def applicant_errors(applicant: dict[str, Any]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    errors = []
    clean = {k: str(applicant.get(k) or "").strip()
             for k in ("full_name", "citizen_id", "phone", "address", "email")}
    unknown = set(applicant) - set(clean)
    errors += [(f"applicant.{k}", "Trường không được hỗ trợ.") for k in sorted(unknown)]
    clean["citizen_id"] = digits(clean["citizen_id"])
    clean["phone"] = digits(clean["phone"])
    if not clean["full_name"]:
        errors.append(("applicant.full_name", "Vui lòng nhập họ và tên người nộp hồ sơ."))
    if clean["citizen_id"] and (not clean["citizen_id"].isdigit() or len(clean["citizen_id"]) not in (9, 12)):
        errors.append(("applicant.citizen_id", "Số định danh cá nhân gồm 12 chữ số (CMND cũ: 9 chữ số)."))
    if clean["phone"] and (not clean["phone"].lstrip("+").isdigit() or not 9 <= len(clean["phone"].lstrip("+")) <= 12):
        errors.append(("applicant.phone", "Số điện thoại không hợp lệ."))
    if clean["email"] and ("@" not in clean["email"] or " " in clean["email"]):
        errors.append(("applicant.email", "Địa chỉ thư điện tử không hợp lệ."))
    return clean, errors


def documents_errors(proc: Procedure, documents: Iterable[dict]) -> tuple[list[dict], list[tuple[str, str]]]:
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


def receive(core: CoreServices, *, procedure_code: str, applicant: dict[str, Any], documents: list[dict],
            fee_paid: int = 0, fee_units: int = 1, sets: int = 1, submission: str = "counter",
            delivery: str = "counter", concerned: Iterable[dict] = (), actor: Actor,
            received_at: dt.datetime | None = None, issue_receipt: bool = True) -> Dossier:
    """Receive a dossier: code it (R-MC-10), start its clock (R-MC-11, R-MC-12), record it in
    the register and issue Mẫu 01 with the appointment (R-MC-04, R-MC-05) and the secret
    that public actions on the dossier need (a short code and a QR code to the look-up).

    The dossier belongs to the unit handling its procedure, else the one-stop centre
    (:func:`~.scope.dossier_unit_for`); the actor needs ``motcua.receive`` there."""
    errors: list[tuple[str, str]] = []
    try:
        proc = get_procedure(procedure_code)
        if not proc.active:
            errors.append(("procedure_code", f"Thủ tục {proc.code} đã ngừng áp dụng."))
    except NotFound as exc:
        raise ValidationError([("procedure_code", exc.message)]) from None
    person, errs = applicant_errors(applicant or {})
    errors += errs
    docs, errs = documents_errors(proc, documents)
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
    unit_id = dossier_unit_for(core, proc)
    core.access.require(actor, P_RECEIVE, Scope(unit_id=unit_id, owner=DOSSIER_OWNER),
                        message="Bạn không có quyền tiếp nhận hồ sơ của thủ tục này.")
    if errors:
        raise ValidationError(errors)

    cfg = config(core)
    linked = (PersonRow.get_or_none(PersonRow.citizen_id == person["citizen_id"])
              if person["citizen_id"] else None)
    holder: dict[str, Any] = {}

    def on_opened(case: Case) -> None:
        when = appointment(core, case.due_date)
        row = DossierRow.create(
            case=case.id, code=case.number, procedure_code=proc.code, procedure_name=proc.name,
            time_unit=proc.time_unit, time_amount=proc.time_amount, fee_paid=fee_paid, fee_units=fee_units,
            documents=docs, sets=sets, submission=submission, delivery=delivery,
            applicant_name=person["full_name"], applicant_citizen_id=person["citizen_id"],
            applicant_phone=person["phone"], applicant_address=person["address"],
            applicant_email=person["email"], concerned=people,
            handling_unit=unit_id, received_by=actor.person_id,
            received_by_name=actor.name, received_at=received, appointment_at=when,
            original_due=case.due_date,
            register_line=next_value(f"motcua:register:{received.year}"),  # R-MC-05 register line
            lookup_secret=random_code(SECRET_LENGTH),
        )
        bump(received, proc.code, "received")
        holder["row"] = row

    with write_transaction():
        if linked is None and person["citizen_id"]:
            # a new applicant joins the register at once, so the next intake finds them (issue 15)
            linked = register.create_person(person["full_name"], actor=actor, citizen_id=person["citizen_id"],
                                          **{k: person[k] for k in ("phone", "address", "email") if person[k]})
        case = core.cases.open(
            # the case's unit is the dossier's scope; the centre reaches every unit (R-MC-01)
            DOSSIER.key, proc.name, actor=actor, received_at=received, unit_id=unit_id,
            applicant_id=linked.id if linked else None, number_vars={"agency": cfg.agency(core.settings.ward)},
            data={"procedure_code": proc.code, "time_unit": proc.time_unit, "time_amount": proc.time_amount},
            on_opened=on_opened,
        )
        row = holder["row"]
        if issue_receipt:
            doc = issue_form(core, "motcua_receipt", row, case.id, unit_id, actor,
                             subject=f"Tiếp nhận hồ sơ {row.code}", context=receipt_context(core, proc, row))
            DossierRow.update(receipt_document=doc.id).where(DossierRow.id == row.id).execute()
    return get_dossier(case.id)


def applicant_lines(row: DossierRow) -> list[list[str]]:
    return [["Họ và tên", row.applicant_name], ["Số định danh cá nhân", row.applicant_citizen_id],
            ["Địa chỉ", row.applicant_address], ["Số điện thoại", row.applicant_phone],
            ["Thư điện tử", row.applicant_email]]


def lookup_url(core: CoreServices, code: str, secret: str = "") -> str:
    """The public look-up of a dossier (absolute with ``[web] base_url``), with its secret."""
    query = urlencode({"ma": code, **({"k": secret} if secret else {})})
    return f"{core.settings.web.base_url.rstrip('/')}/motcua/tra-cuu?{query}"


def qr_data_uri(text: str) -> str:
    """A QR code of ``text`` as a PNG ``data:`` URI (printed on the receipt)."""
    import segno

    return segno.make(text, error="m").png_data_uri(scale=3, border=2)


def format_secret(secret: str) -> str:
    """The secret as printed: two groups of three ("ABC DEF"), easy to type back."""
    return " ".join(secret[i:i + 3] for i in range(0, len(secret), 3))


def receipt_context(core: CoreServices, proc: Procedure, row: DossierRow) -> dict:
    """R-MC-05: the fields of Mẫu 01, the look-up secret and its QR code (issue 10 item 5)."""
    url = lookup_url(core, row.code, row.lookup_secret)
    return {
        "secret": format_secret(row.lookup_secret),
        "lookup_url": url,
        "qr": qr_data_uri(url),
        "centre": config(core).centre_name,
        "code": row.code,
        "officer": row.received_by_name,
        "applicant": applicant_lines(row),
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


def _needle(query: str) -> str:
    """A typed ID number or phone as digits ("0912 345 678", "+84912345678"); else the text."""
    text = (query or "").strip()
    compact = re.sub(r"[\s.\-]", "", text)
    if compact.startswith("+84") and compact[3:].isdigit():
        compact = "0" + compact[3:]
    return compact if compact.isdigit() else text


def find_applicants(core: CoreServices, query: str, *, actor: Actor, limit: int = 10) -> list[ApplicantMatch]:
    """Residents in the register matching ``query`` — a name without or with accents, an ID
    number or a phone (the core register's search) — for the reception desk; ID and phone
    masked (the officer picks one with :func:`applicant_values`)."""
    core.access.require(actor, P_RECEIVE, centre_scope(core), message="Bạn không có quyền tiếp nhận hồ sơ.")
    needle = _needle(query)
    if len(needle) < 2:
        return []
    found = register.search_people(needle, limit=limit)
    return [ApplicantMatch(p.id, p.full_name, p.birth_date.year if p.birth_date else None,
                           mask("citizen_id", p.citizen_id), mask("phone", p.phone)) for p in found]


def applicant_values(core: CoreServices, person_id: int, *, actor: Actor) -> dict[str, str]:
    """The intake form's applicant fields from the register, read in full: the read is
    audit-logged (R-DL-11)."""
    core.access.require(actor, P_RECEIVE, centre_scope(core), message="Bạn không có quyền tiếp nhận hồ sơ.")
    p = register.get_person(person_id)
    audit_personal_read(actor, "person", p.id, ["citizen_id", "phone", "address", "email"])
    return {"applicant_full_name": p.full_name, "applicant_citizen_id": p.citizen_id,
            "applicant_phone": p.phone, "applicant_address": p.address, "applicant_email": p.email}
