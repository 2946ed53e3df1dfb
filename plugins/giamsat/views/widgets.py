"""The dashboard box of the giamsat module (for the UBND's leaders)."""
from __future__ import annotations

from typing import Any

from .. import services
from ..types import P_ANSWER


def recommendations_widget(ctx: Any) -> dict[str, Any]:
    """Recommendations awaiting the UBND's answer (R-GS-10) within the reader's reach, and
    the coverage of the projects in scope today."""
    waiting = services.recommendations(ctx.services, actor=ctx.actor, waiting_only=True, permission=P_ANSWER)
    cov = services.coverage(ctx.services, ctx.today, ctx.today, missing_limit=0)
    return {"waiting": [{"id": r.id, "number": r.number, "content": r.content, "sent_on": r.sent_on,
                         "due_date": r.due_date, "late": bool(r.due_date and r.due_date < ctx.today)}
                        for r in waiting],
            "coverage": {"total": cov.total, "with_board": cov.with_board, "without_board": cov.without_board,
                         "share": cov.share}}
