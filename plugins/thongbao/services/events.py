"""Events of other modules turned into messages, by case-type **tags** and state names
(never by importing a module): one-stop dossiers (``dossier``), reception matters
(``petition``, ``complaint``, ``feedback``, ``denunciation``), overdue cases for their
handler, new notices for their subscribers; and the staff's daily digest."""
from __future__ import annotations

import datetime as dt

from thanthien.core.models import PersonRow
from thanthien.core.services import CoreServices
from thanthien.core.types import Case, CaseEvent, Notice

from .consent import subscribers
from .messages import fmt, queue, render, ward_name

PETITION_TAGS = {"petition", "complaint", "feedback", "status_reply"}


def _tags(core: CoreServices, case: Case) -> set[str]:
    ct = core.cases.types.get(case.case_type)
    return set(ct.tags) if ct else set()


def _resident(core: CoreServices, case: Case, kind: str, event: CaseEvent | None, **values) -> None:
    if case.applicant_id is None:
        return
    cfg = core.config("thongbao")
    subject, text = render(kind, cfg, ward=ward_name(core), number=case.number, date=fmt(case.received_at),
                           due=fmt(values.pop("due", None) or case.due_date), title="", due_soon="", overdue="")
    ref = f"case:{case.id}"
    key = f"{kind}:{ref}:{event.id if event else ''}"
    queue(core, kind=kind, text=text, subject=subject, person_id=case.applicant_id, ref=ref, key=key)


def case_kind(tags: set[str], event: CaseEvent, stage: str) -> str | None:
    """The message kind of a case step, or ``None`` (no message)."""
    if "dossier" in tags:
        if stage == "opened":
            return "case.received"
        if stage == "closed":
            return "case.returned" if event.to_state == "returned" else None
        if event.to_state == "supplement" and event.from_state != "supplement":
            return "case.supplement"
        if event.action == "reappoint":
            return "case.new_date"
        if event.to_state == "result_ready" and event.from_state != "result_ready":
            return "case.result_ready"
        return None
    if "denunciation" in tags:
        return {"opened": "denunciation.received", "closed": "denunciation.closed"}.get(stage)
    if tags & PETITION_TAGS:
        return {"opened": "petition.received", "closed": "petition.answered"}.get(stage)
    return None


def on_case(core: CoreServices, case: Case, event: CaseEvent, stage: str) -> None:
    kind = case_kind(_tags(core, case), event, stage)
    if kind is not None:
        _resident(core, case, kind, event, due=event.due_date)


def on_case_overdue(core: CoreServices, case: Case, today: dt.date) -> None:
    """The handler hears that a case went past its due date (R-DL-05: a work message)."""
    if case.owner_id is None:
        return
    cfg = core.config("thongbao")
    subject, text = render("staff.overdue", cfg, ward=ward_name(core), number=case.number,
                           date=fmt(case.received_at), due=fmt(case.due_date), title="", due_soon="", overdue="")
    queue(core, kind="staff.overdue", text=text, subject=subject, person_id=case.owner_id,
          ref=f"case:{case.id}", key=f"staff.overdue:case:{case.id}", staff_work=True)


def on_notice_published(core: CoreServices, notice: Notice) -> None:
    cfg = core.config("thongbao")
    subject, text = render("notice.published", cfg, ward=ward_name(core), title=notice.title, number="",
                           date=fmt(notice.published_at), due="", due_soon="", overdue="")
    for person_id in subscribers(notice.unit_id, notice.category):
        queue(core, kind="notice.published", text=text, subject=subject, person_id=person_id,
              ref=f"notice:{notice.id}", key=f"notice.published:{notice.id}:{person_id}",
              )


def digest(core: CoreServices, today: dt.date) -> int:
    """The staff's daily digest: to each handler with open cases due within a working day
    or overdue, one message with the two counts. Returns how many were queued."""
    due_soon = core.cases.due_soon(today, 1)
    overdue = core.cases.overdue(today)
    per: dict[int, list[int]] = {}
    for case in due_soon:
        if case.owner_id and (case.due_date is None or case.due_date >= today):
            per.setdefault(case.owner_id, [0, 0])[0] += 1
    for case in overdue:
        if case.owner_id:
            per.setdefault(case.owner_id, [0, 0])[1] += 1
    cfg = core.config("thongbao")
    queued = 0
    staff = {p.id for p in PersonRow.select(PersonRow.id).where(PersonRow.id.in_(list(per)), PersonRow.is_staff)}
    for person_id, (soon, late) in sorted(per.items()):
        if person_id not in staff:
            continue
        subject, text = render("staff.digest", cfg, ward=ward_name(core), due_soon=soon, overdue=late,
                               number="", date="", due="", title="")
        if queue(core, kind="staff.digest", text=text, subject=subject, person_id=person_id,
                 ref=f"digest:{today.isoformat()}", key=f"staff.digest:{today.isoformat()}:{person_id}",
                 staff_work=True):
            queued += 1
    return queued


__all__ = ["digest", "on_case", "on_case_overdue", "on_notice_published"]
