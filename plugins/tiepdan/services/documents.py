"""Documents the module issues (văn bản), numbered by core in the NĐ 30/2020 layout.

Every document belongs to what it was issued for, so it is read by whoever may read that
(fail-closed scope): a matter's documents carry the case (core's ``documents.can_read``
follows the case, so a denunciation's are read only by its handler and the Chủ tịch,
R-TC-10) and its unit; a refusal notice belongs to its register entry, a dialogue's plan and
invitation to the dialogue — each with the reception unit and ``tiepdan.view``.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from thanthien.core.errors import ValidationError
from thanthien.core.models import DocumentRow
from thanthien.core.types import Actor, Case, Document

from ..models import PartyRow
from ..types import P_VIEW
from .common import chairman
from .identity import require_content

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: how documents name a denouncer: never by name (R-TC-09)
DENOUNCER_LINE = "Người tố cáo (thông tin được giữ bí mật theo Điều 47 Luật Tố cáo)"


def applicant_line(case_id: int) -> str:
    """"Ông/bà …" for the first non-confidential sender of a matter (a recipient line)."""
    row = (PartyRow.select().where(PartyRow.case == case_id, PartyRow.confidential == False)  # noqa: E712
           .order_by(PartyRow.id).first())
    return f"Ông/bà {row.full_name}" if row and row.full_name else "Người gửi đơn"


def sender_line(case: Case) -> str:
    """The recipient line of the person who sent a matter (a denouncer is never named)."""
    return DENOUNCER_LINE if case.confidential else applicant_line(case.id)


def signer_for(actor: Actor) -> tuple[str, str, str]:
    """(name, title, authority): the acting leader, else the Chủ tịch (R-VB-18)."""
    if actor.kind == "staff" and actor.has_role("chairperson"):
        return actor.name, "Chủ tịch", "TM. ỦY BAN NHÂN DÂN"
    if actor.kind == "staff" and actor.has_role("vice_chairperson"):
        return actor.name, "Phó Chủ tịch", "KT. CHỦ TỊCH"
    chair = chairman()
    if chair is None:
        raise ValidationError([("signer", "Chưa có Chủ tịch UBND trong danh sách cán bộ để ký văn bản.")])
    return chair.full_name, "Chủ tịch", "TM. ỦY BAN NHÂN DÂN"


def issue(core: CoreServices, doc_type: str, *, subject: str, recipients: list[str], actor: Actor,
          case: Case | None = None, owner: tuple[str, int] | None = None, unit_id: int | None = None,
          view_permission: str = P_VIEW, issued_on: dt.date | None = None, addressees: list[str] = (),
          **context: Any) -> Document:
    """Issue a document of the module: for a matter (``case``: its unit, read as the case is)
    or for another record (``owner`` and ``unit_id``), readable with ``view_permission``."""
    name, title, authority = signer_for(actor)
    if case is not None:
        unit_id = case.unit_id
    return core.documents.issue(doc_type, subject=subject, context=context, signer_name=name, signer_title=title,
                                signing_authority=authority, recipients=recipients, addressees=list(addressees),
                                issued_on=issued_on, case_id=case.id if case is not None else None,
                                unit_id=unit_id, owner=owner, view_permission=view_permission, actor=actor)


def case_documents(core: CoreServices, case_id: int, *, actor: Actor) -> list[Document]:
    """The documents issued for a matter, for whoever may see its content (R-TC-10)."""
    case = core.cases.get(case_id)
    require_content(core, actor, case)
    return [core.documents.get(r.id) for r in DocumentRow.select(DocumentRow.id)
            .where(DocumentRow.case == case_id).order_by(DocumentRow.id)]
