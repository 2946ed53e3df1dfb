"""The quarterly disclosure register (danh mục thông tin công khai, R-CK-08): the items
disclosed in a quarter with their form and timing, plus the permanent items (R-CK-07)
still posted at its end — over the notices the actor may check."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core.errors import ValidationError
from thanthien.core.models import NoticeRow, PersonRow, to_type
from thanthien.core.text import format_date
from thanthien.core.types import Actor, Notice

from ..types import P_COMPLIANCE, PLACE_KINDS, DisclosureRegister, RegisterRow
from .common import postings, requirements, scoped, unit_names
from .notices import meta

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    if quarter not in (1, 2, 3, 4):
        raise ValidationError([("quarter", "Quý phải là 1, 2, 3 hoặc 4.")])
    if not 1900 <= year <= 2199:
        raise ValidationError([("year", "Năm không hợp lệ.")])
    start = dt.date(year, 3 * quarter - 2, 1)
    end = (dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)) - dt.timedelta(days=1)
    return start, end


def disclosure_register(core: CoreServices, year: int, quarter: int, *, actor: Actor | None) -> DisclosureRegister:
    """R-CK-08: the items disclosed in the quarter with their form and timing, plus the
    permanent items (R-CK-07) still posted at the end of the quarter — of the notices of
    ``actor``'s units (``congkhai.compliance.view``; the whole ward for a ward-wide grant)."""
    start, end = quarter_bounds(year, quarter)
    cats = core.notice_categories
    q = scoped(NoticeRow.select().where(NoticeRow.published_at.is_null(False),
                                        NoticeRow.published_at < dt.datetime.combine(end + dt.timedelta(days=1),
                                                                                     dt.time())),
               NoticeRow.unit, core.access.units_for(actor, P_COMPLIANCE))
    rows = []
    names = unit_names()
    for r in q.order_by(NoticeRow.published_at, NoticeRow.id):
        n = to_type(Notice, r)
        published = n.published_at.date()
        reqs = requirements(n.id)
        permanent = any(x.permanent for x in reqs)
        if published < start and not (permanent and n.state == "published"):
            continue
        m = meta(n.id)
        kinds = sorted({p.kind for p in postings(n.id)}, key=list(PLACE_KINDS).index)
        min_days = max((x.min_days or 0 for x in reqs), default=0)
        cat = cats.get(n.category)
        responsible = ""
        if m.responsible_id:
            person = PersonRow.get_or_none(PersonRow.id == m.responsible_id)
            if person is not None:
                responsible = person.position or names.get(person.unit_id, "")
        status = "Đúng hạn"
        if m.deadline and published > m.deadline:
            status = f"Chậm {core.calendar.working_days_between(m.deadline, published)} ngày làm việc"
        rows.append(RegisterRow(
            notice_id=n.id, item_no=cat.item_no if cat else None, category=n.category,
            category_name=cat.name if cat else n.category, title=n.title, decision_ref=n.decision_ref,
            decision_date=format_date(n.decision_date), forms=[PLACE_KINDS[k] for k in kinds],
            published_on=format_date(published),
            duration="Thường xuyên" if permanent else (f"Ít nhất {min_days} ngày" if min_days else "—"),
            responsible=responsible, status=status, state=n.state, version=n.version))
    return DisclosureRegister(year, quarter, format_date(start), format_date(end), core.settings.ward.name, rows)
