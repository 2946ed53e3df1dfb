"""What every section shares: the module's settings, reading a dossier row, row → type,
the appointment hour, the normalised forms of codes and phone numbers."""
from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import TYPE_CHECKING

from thanthien.core.errors import NotFound
from thanthien.core.models import CaseRow
from thanthien.core.storage.db import now

from ..casetypes import DOSSIER
from ..models import DossierRow
from ..settings import MotcuaSettings
from ..types import DOSSIER_OWNER, P_VIEW, PLUGIN, Dossier

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: letters of generated codes and secrets: no 0/O, 1/I to misread on a receipt
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def config(core: CoreServices) -> MotcuaSettings:
    """``[plugin.motcua]`` (validated at start)."""
    return core.config(PLUGIN)


def hhmm(text: str) -> dt.time:
    hh, mm = text.split(":")
    return dt.time(int(hh), int(mm))


def appointment(core: CoreServices, due: dt.date) -> dt.datetime:
    """The hour results are returned on the due date (``return_time``), printed on Mẫu 01."""
    return dt.datetime.combine(due, hhmm(config(core).return_time))


def digits(text: str) -> str:
    """A phone or ID number as typed, without spaces."""
    return "".join(ch for ch in str(text or "") if not ch.isspace())


def random_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


_AROUND_HYPHEN = re.compile(r"\s*[-‐‑–—]\s*")
_SPACES = re.compile(r"\s+")


def normalise_code(text: str) -> str:
    """A dossier code as a resident types it: upper case, spaces around hyphens dropped,
    other spaces read as hyphens ("bk 260302 0001" → "BK-260302-0001")."""
    text = _AROUND_HYPHEN.sub("-", str(text or "").strip().upper())
    return _SPACES.sub("-", text)


def normalise_secret(text: str) -> str:
    """The receipt's secret as typed: upper case, without spaces or hyphens."""
    return re.sub(r"[\s\-]+", "", str(text or "")).upper()


def to_dossier(row: DossierRow, case: CaseRow) -> Dossier:
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
        receipt_document_id=row.receipt_document_id, unit_id=case.unit_id, lookup_secret=row.lookup_secret,
    )


def dossier_row(code_or_id: str | int) -> tuple[DossierRow, CaseRow]:
    """The rows of a dossier by its case id or its code (as typed), unchecked."""
    if isinstance(code_or_id, int):
        row = DossierRow.get_or_none(DossierRow.case == code_or_id)
    else:
        row = DossierRow.get_or_none(DossierRow.code == normalise_code(code_or_id))
    if row is None:
        raise NotFound(f"Không tìm thấy hồ sơ '{code_or_id}'.")
    return row, CaseRow.get_by_id(row.case_id)


def get_dossier(code_or_id: str | int) -> Dossier:
    """A dossier, unchecked: for the module's own steps and tests (the caller checks the
    actor; pages use :func:`~.scope.view_dossier`)."""
    return to_dossier(*dossier_row(code_or_id))


def issue_form(core: CoreServices, doc_type: str, row: DossierRow, case_id: int, unit_id: int | None,
               actor, *, subject: str, context: dict, signer_name: str | None = None,
               signer_title: str | None = None, recipients: list[str] | None = None,
               issued_on: dt.date | None = None):
    """Number and register one of the dossier's forms (Mẫu 01–06, R-MC-04). The document
    belongs to the dossier: its unit, owner ``motcua.dossier`` and ``motcua.view``, so
    ``/documents/{id}`` (HTML, .json, .docx) is read by exactly those who may open it."""
    return core.documents.issue(
        doc_type, subject=subject, context=context,
        signer_name=signer_name or actor.name or "Công chức Bộ phận Một cửa",
        signer_title=signer_title or "Công chức tiếp nhận hồ sơ", signing_authority="",
        recipients=recipients or ["Người nộp hồ sơ", "Bộ phận Một cửa (theo dõi)"],
        case_id=case_id, unit_id=unit_id, owner=(DOSSIER_OWNER, case_id), view_permission=P_VIEW,
        actor=actor, issued_on=issued_on or now().date(),
    )


def dossier_documents(core: CoreServices, case_id: int, limit: int = 50) -> list:
    """The forms issued for a dossier (its case), oldest first (the caller checked the actor)."""
    from thanthien.core.models import DocumentRow

    ids = [r.id for r in DocumentRow.select(DocumentRow.id).where(DocumentRow.case == case_id)
           .order_by(DocumentRow.id).limit(limit)]
    return [core.documents.get(i) for i in ids]
