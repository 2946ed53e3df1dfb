"""Indicators of the giamsat module (chỉ tiêu): coverage of the projects in scope (plan
III.2.3b: 100 %) and the UBND's answers to the boards (R-GS-10), counted in SQL over
indexed columns (funding, answered_on)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core.models import CaseRow
from thanthien.core.types import Indicator

from .models import RecommendationRow
from .services import coverage
from .types import PLUGIN

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

SECTION = "III.2.3b"


def coverage_share(core: CoreServices, start: dt.date, end: dt.date) -> float | None:
    """Share (%) of the in-scope projects under way in [start, end] that have a board."""
    return coverage(core, start, end, missing_limit=0).share


def projects_total(core: CoreServices, start: dt.date, end: dt.date) -> int:
    return coverage(core, start, end, missing_limit=0).total


def projects_with_board(core: CoreServices, start: dt.date, end: dt.date) -> int:
    return coverage(core, start, end, missing_limit=0).with_board


def projects_without_board(core: CoreServices, start: dt.date, end: dt.date) -> int:
    return coverage(core, start, end, missing_limit=0).without_board


def _answered(start: dt.date, end: dt.date) -> list[bool]:
    """For each recommendation answered in [start, end]: was it late (R-GS-10)?"""
    q = (RecommendationRow.select(RecommendationRow.id, CaseRow.closed_at, CaseRow.due_date)
         .join(CaseRow, on=(RecommendationRow.case == CaseRow.id))
         .where(RecommendationRow.answered_on.between(start, end), CaseRow.state == "answered")
         .tuples())
    return [bool(due and closed and closed.date() > due) for _, closed, due in q]


def answers_on_time(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Recommendations the UBND answered in [start, end] within the R-GS-10 period."""
    return sum(1 for late in _answered(start, end) if not late)


def answers_late(core: CoreServices, start: dt.date, end: dt.date) -> int:
    """Recommendations the UBND answered in [start, end] after the R-GS-10 period."""
    return sum(1 for late in _answered(start, end) if late)


def indicators(core: CoreServices) -> list[Indicator]:
    return [
        Indicator(f"{PLUGIN}.coverage", "Tỷ lệ chương trình, dự án đầu tư được Ban GSĐTCĐ giám sát", "%",
                  coverage_share, 100, PLUGIN, section=SECTION, rule="R-GS-01"),
        Indicator(f"{PLUGIN}.projects_with_board", "Dự án thuộc phạm vi giám sát đã có Ban GSĐTCĐ", "dự án",
                  projects_with_board, None, PLUGIN, section=SECTION, rule="R-GS-02"),
        Indicator(f"{PLUGIN}.projects_without_board", "Dự án thuộc phạm vi giám sát chưa có Ban GSĐTCĐ", "dự án",
                  projects_without_board, 0, PLUGIN, direction="lower", section=SECTION, rule="R-GS-01"),
        Indicator(f"{PLUGIN}.answers_late", "Kiến nghị của Ban GSĐTCĐ được trả lời quá hạn (R-GS-10)", "kiến nghị",
                  answers_late, 0, PLUGIN, direction="lower", section=SECTION, rule="R-GS-10"),
    ]
