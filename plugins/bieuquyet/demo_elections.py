"""Demo data of group-head elections and the annual meetings: one group's head elected
and recognised last autumn on the NĐ 59 timeline, the next group's election being
prepared, and last year's periodic meeting of that group. Everything goes through the
services (the audit log, the vote engine and the role grants are real)."""
from __future__ import annotations

import datetime as dt

from thanthien.core import people

from .services import dialogue as dl
from .services import elections as el


def _group_with_households(demo, start: int, minimum: int = 1):
    for group in demo.groups[start:]:
        if people.count_households(group.id) >= minimum and len(el.residents(group.id, limit=3)) >= 2:
            return group
    return None


def populate(demo) -> None:
    core = demo.core
    chair = demo.actor("chutich")
    group = _group_with_households(demo, 2)
    if group is None:
        return
    meeting_on = demo.today - dt.timedelta(days=120)
    e = el.plan_election(core, group_id=group.id, meeting_on=meeting_on, decision_ref="45/QĐ-UBND",
                         decision_on=meeting_on - dt.timedelta(days=25), actor=chair)
    first, second = (pid for pid, _ in el.residents(group.id, limit=2))
    el.add_candidate(core, e.id, person_id=first, source="danh_sach", actor=chair)
    el.record_step(core, e.id, "candidates", done_on=meeting_on - dt.timedelta(days=16), reference="03/BB-BCTMT",
                   actor=chair)
    el.record_step(core, e.id, "team", done_on=meeting_on - dt.timedelta(days=12), reference="46/QĐ-UBND",
                   team_leader="Trưởng ban công tác Mặt trận", actor=chair)
    el.record_step(core, e.id, "publication", done_on=meeting_on - dt.timedelta(days=8), actor=chair)
    el.add_candidate(core, e.id, person_id=second, source="tu_ung_cu", actor=chair)  # R-DV-14, at the meeting
    el.open_election_vote(core, e.id, actor=chair, at=demo.at(meeting_on, 8))
    households = [h for h, _ in el.households(group.id)]
    present = households[: max(1, len(households) * 9 // 10)]
    picks = {h: str(second if i % 5 == 4 else first) for i, h in enumerate(present)}
    el.record_choices(core, e.id, picks, actor=chair, at=demo.at(meeting_on, 9))
    received = demo.working_days_after(meeting_on, 1)
    e = el.close_election_vote(core, e.id, received_on=received, actor=chair, at=demo.at(meeting_on, 10))
    if e.state == "counted":
        el.recognise_election(core, e.id, recognised_on=demo.working_days_after(received, 3),
                              decision_ref="52/QĐ-UBND", actor=chair)
    # the periodic meeting of last year, its agenda in order (R-DT-02…04)
    year_end = dt.date(demo.today.year - 1, 12, 20)
    m = dl.plan(core, kind="dinh_ky", unit_id=group.id, meeting_on=year_end, place=f"Nhà văn hóa {group.name}",
                actor=chair)
    dl.send_plan(core, m.id, sent_on=year_end - dt.timedelta(days=12), actor=chair)
    dl.send_notice(core, m.id, sent_on=year_end - dt.timedelta(days=7), actor=chair)
    for key, label in dl.AGENDA.items():
        dl.record_item(core, m.id, key=key, summary=label, actor=chair, at=demo.at(year_end, 8 + len(key) % 4))
    dl.send_report(core, m.id, sent_on=year_end + dt.timedelta(days=2),
                   households_present=len(present), actor=chair)
    # the next group prepares its election (the checklist on the staff page)
    upcoming = _group_with_households(demo, demo.groups.index(group) + 1)
    if upcoming is not None:
        el.plan_election(core, group_id=upcoming.id, meeting_on=demo.today + dt.timedelta(days=24),
                         decision_ref="61/QĐ-UBND", decision_on=demo.today - dt.timedelta(days=1), actor=chair)
