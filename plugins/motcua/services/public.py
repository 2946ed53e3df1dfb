"""The public look-up (tra cứu) and the secret printed on the receipt.

Dossier codes are predictable (R-MC-10: agency, date, daily number), so the code alone
only reads a dossier's status and dates — no personal data (R-DL-07), not even its
procedure. Every action a resident takes on a dossier without an account (rating it)
needs the short secret printed on the receipt, or the QR code there, which opens the
look-up with it. Codes and secrets may be typed in lower case or with spaces.
"""
from __future__ import annotations

import hmac
from typing import TYPE_CHECKING

from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import CaseEventRow, CaseRow
from thanthien.core.storage.db import Compiled, P, now
from thanthien.core.text import format_date, format_datetime

from ..casetypes import DOSSIER, REQUEST_SUPPLEMENT, REQUEST_SUPPLEMENT_RUNNING
from ..models import ApologyRow, DossierRow, RatingRow
from ..types import PublicStatus
from .catalogue import get_procedure
from .common import normalise_code, normalise_secret

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

WRONG_SECRET = "Mã bí mật không đúng. Vui lòng nhập mã bí mật in trên giấy tiếp nhận hồ sơ và hẹn trả kết quả."


def secret_matches(row: DossierRow, secret: str) -> bool:
    """Does ``secret`` (as typed) match the dossier's? (constant-time)"""
    typed = normalise_secret(secret)
    return bool(typed) and bool(row.lookup_secret) and hmac.compare_digest(typed, row.lookup_secret)


def dossier_for_action(code: str, secret: str) -> DossierRow:
    """The dossier a resident acts on: its code and the receipt's secret must match."""
    row = DossierRow.get_or_none(DossierRow.code == normalise_code(code))
    if row is None:
        raise ValidationError([("ma", f"Không tìm thấy hồ sơ có mã {normalise_code(code)}.")])
    if not secret_matches(row, secret):
        raise ValidationError([("secret", WRONG_SECRET)])
    return row


#: the look-up's statements, their SQL text built once (issue 16)
_BY_CODE = Compiled(lambda: DossierRow.select(
    DossierRow.code, DossierRow.procedure_name, DossierRow.procedure_code, DossierRow.received_at,
    DossierRow.appointment_at, DossierRow.result_ready_at, DossierRow.returned_at, DossierRow.id,
    DossierRow.lookup_secret, CaseRow.state, CaseRow.due_date, CaseRow.paused_at, CaseRow.closed_at, CaseRow.id,
).join(CaseRow).where(DossierRow.code == P("code")).limit(1))
_SIGNED_APOLOGY = Compiled(lambda: ApologyRow.select(ApologyRow.id).where(
    ApologyRow.dossier == P("dossier"), ApologyRow.state == "signed").limit(1))
_SUPPLEMENT = Compiled(lambda: CaseEventRow.select(CaseEventRow.data).where(
    CaseEventRow.case == P("case"), CaseEventRow.action.in_((REQUEST_SUPPLEMENT, REQUEST_SUPPLEMENT_RUNNING)))
    .order_by(CaseEventRow.at.desc(), CaseEventRow.id.desc()).limit(1))
_RATED = Compiled(lambda: RatingRow.select(RatingRow.id).where(RatingRow.dossier == P("dossier")).limit(1))


def lookup(core: CoreServices, code: str, *, secret: str = "") -> PublicStatus:
    """Status and dates of a dossier by its code; with the receipt's secret also its
    procedure and whether it may be rated now."""
    code = normalise_code(code)
    if not code:
        raise ValidationError([("ma", "Vui lòng nhập mã hồ sơ in trên giấy hẹn.")])
    row = _BY_CODE.first(code=code)
    if row is None:
        raise NotFound(f"Không tìm thấy hồ sơ có mã {code}. Vui lòng kiểm tra lại mã trên giấy hẹn.")
    verified = bool(secret) and secret_matches(row, secret)
    state = row.case.state
    unfinished = row.case.closed_at is None and state not in ("result_ready", "returned")
    overdue = unfinished and row.case.paused_at is None and row.case.due_date is not None \
        and row.case.due_date < now().date()
    signed = _SIGNED_APOLOGY.first(dossier=row.id) is not None
    missing, other = (_missing(row) if verified and state == "supplement" else ([], 0))
    rated = _RATED.first(dossier=row.id) is not None if state == "returned" else True
    return PublicStatus(
        code=row.code, procedure=row.procedure_name if verified else "", status=state,
        status_label=DOSSIER.state(state).label, received_on=format_datetime(row.received_at),
        appointment=format_datetime(row.appointment_at), due_on=format_date(row.case.due_date),
        result_ready=state in ("result_ready", "returned"), returned_on=format_datetime(row.returned_at),
        paused=row.case.paused_at is not None, can_rate=verified and state == "returned" and not rated,
        verified=verified, overdue=overdue, reappointed_to=format_datetime(row.appointment_at) if signed else "",
        missing=missing, missing_other=other,
    )


def _missing(row: DossierRow) -> tuple[list[str], int]:
    """The last supplement request's documents, by their catalogue names only: an item the
    officer wrote in words (it may name people) is only counted (R-DL-07)."""
    event = _SUPPLEMENT.first(case=row.case.id)
    items = (event.data or {}).get("supplement_items", []) if event else []
    try:
        names = {d.name for d in get_procedure(row.procedure_code).documents}
    except NotFound:
        names = set()
    listed = [x.get("what", "") for x in items if x.get("what", "") in names]
    return listed, len(items) - len(listed)
