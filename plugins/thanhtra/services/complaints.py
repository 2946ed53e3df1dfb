"""Complaint-resolution results the UBND shares with the board (R-TTND-12).

Whatever plugin handles complaints tags its case type ``complaint``; the board listens
for the tag (``case_closed``), never for another plugin's key.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.storage.db import now
from thanthien.core.types import Actor, Case

from ..models import ComplaintResultRow
from ..types import COMPLAINT_TAG, P_VIEW, ComplaintResult
from .common import board_scope

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def is_complaint(core: CoreServices, case_type: str) -> bool:
    """Whether cases of ``case_type`` (or of an older key of it) are complaints."""
    ct = core.cases.type_of(case_type)
    return ct is not None and COMPLAINT_TAG in ct.tags


def share_complaint_result(core: CoreServices, case: Case) -> bool:
    """Called from ``case_closed`` (R-TTND-12): a closed complaint's number and outcome are
    shared with the board (no complainant's identity). True when shared."""
    if not is_complaint(core, case.case_type):
        return False
    outcome = case.outcome or case.state
    (ComplaintResultRow.insert(case=case.id, number=case.number, outcome=outcome, closed_at=case.closed_at,
                               shared_at=now())
     .on_conflict(conflict_target=[ComplaintResultRow.case],
                  update={ComplaintResultRow.outcome: outcome, ComplaintResultRow.closed_at: case.closed_at,
                          ComplaintResultRow.shared_at: now()})
     .execute())
    audit.record("thanhtra.complaint.shared", "core_case", case.id, after={"number": case.number, "outcome": outcome})
    return True


def complaint_results(core: CoreServices, *, actor: Actor | None, limit: int = 200) -> list[ComplaintResult]:
    """The results shared with the board, latest first (readers of the board only)."""
    core.access.require(actor, P_VIEW, board_scope())
    q = ComplaintResultRow.select().order_by(ComplaintResultRow.closed_at.desc()).limit(limit)
    return [ComplaintResult(r.case_id, r.number, r.outcome, r.closed_at, r.shared_at) for r in q]
