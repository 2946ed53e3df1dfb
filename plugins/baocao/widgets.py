"""The staff dashboard's box of the plan: how many indicators are met this year, and the
ones that are not, each a link to its trend and to the records behind it."""
from __future__ import annotations

from typing import Any

from thanthien.core.types import DashboardWidget

from .types import P_VIEW

#: the year's figures over every module read a year of records: the box keeps them ten
#: minutes (shown with their time) instead of recomputing them after every write
REFRESH_SECONDS = 600


def plan_status(ctx: Any) -> dict[str, Any]:
    from .services import dashboard, periods

    p = periods.current("year", ctx.today)
    units = dashboard.reader_units(ctx.services, ctx.actor)
    rows = dashboard.board(ctx.services, p, units)
    return {"period": p, "summary": dashboard.summary(rows),
            "red": [r for r in rows if r.status == "red"][:8], "total": len(rows)}


WIDGET = DashboardWidget("baocao.plan_status", "Kết quả thực hiện kế hoạch", "baocao/widget.html", plan_status,
                         P_VIEW, order=-2000, max_age=REFRESH_SECONDS)
