"""What the public page shows: members by name, office and residential group only (no
phone, ID number or address, R-DL-07), seats, published inspection results and this
year's figures from the case rollup."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core.cases import rollup_counts

from ..models import InspectionRow
from ..types import PETITION, RECOMMENDATION, Inspection, Member, Term
from .common import community_groups
from .inspections import to_inspection
from .members import members, required_seats
from .terms import current_term

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: officers first on the public page (R-TTND-03)
OFFICE_ORDER = {"truong_ban": 0, "pho_truong_ban": 1}


def public_term(today: dt.date) -> Term | None:
    return current_term(today)


def public_members(term: Term | None) -> list[Member]:
    """The recognised members of the term, officers first (their names are public)."""
    active = [m for m in members(term.id if term else None) if m.state == "active"]
    return sorted(active, key=lambda m: OFFICE_ORDER.get(m.office, 2))


def public_seats_required(core: CoreServices, today: dt.date) -> int:
    return required_seats(core.rules, len(community_groups()), today)


def published_results(core: CoreServices, limit: int = 50) -> list[Inspection]:
    """Inspections held whose findings the board published, latest first."""
    q = (InspectionRow.select().where(InspectionRow.state == "held", InspectionRow.published == True)  # noqa: E712
         .order_by(InspectionRow.held_on.desc()).limit(limit))
    return [to_inspection(core, r) for r in q]


def public_figures(today: dt.date) -> dict[str, int]:
    """This year's figures from the core case rollup (no counting on a request)."""
    months = (f"{today.year}-01", today.strftime("%Y-%m"))
    out = {}
    for prefix, case_type, done_state in (("petitions", PETITION, None),
                                          ("recommendations", RECOMMENDATION, "answered")):
        rows = rollup_counts(case_type, months)
        closed = [r for r in rows if r["timeliness"] != "open" and (done_state is None or r["state"] == done_state)]
        out[f"{prefix}_received" if prefix == "petitions" else f"{prefix}_sent"] = sum(r["count"] for r in rows)
        out[f"{prefix}_answered"] = sum(r["count"] for r in closed)
        out[f"{prefix}_answered_on_time"] = sum(r["count"] for r in closed if r["timeliness"] != "late")
    planned = InspectionRow.select().where(InspectionRow.planned_on >= dt.date(today.year, 1, 1),
                                           InspectionRow.planned_on <= today, InspectionRow.state != "cancelled")
    out["inspections_planned"] = planned.count()
    out["inspections_held"] = planned.where(InspectionRow.state == "held").count()
    return out
