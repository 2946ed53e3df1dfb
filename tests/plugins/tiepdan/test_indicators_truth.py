"""The chairman's reception days (R-TD-02) are days, not sessions: a morning and an
afternoon session on the same day count once."""
from __future__ import annotations

import datetime as dt

from thanthien.plugins.tiepdan import services as sv

from .helpers import chairman_day


def test_two_sessions_on_one_day_are_one_reception_day(core, staff):
    day, other = dt.date(2026, 3, 5), dt.date(2026, 3, 12)  # Thursdays
    morning = chairman_day(core, staff, day)
    afternoon = sv.create_session(core, kind="chairman", day=day, start_time="13:30", end_time="16:30",
                                  host_id=staff.chairman.person_id, topics="Đất đai", actor=staff.officer)
    next_week = chairman_day(core, staff, other)
    for s in (morning, afternoon, next_week):
        sv.publish_session(core, s.id, actor=staff.officer, at=dt.datetime(2026, 2, 20, 9, 0))
        sv.mark_session_held(core, s.id, actor=staff.officer)
    value = core.indicators.value
    assert value("tiepdan.reception_days_held", dt.date(2026, 3, 1), dt.date(2026, 3, 31)) == 2
    assert value("tiepdan.reception_days_held", dt.date(2026, 3, 5), dt.date(2026, 3, 5)) == 1
