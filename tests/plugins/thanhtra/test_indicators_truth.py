"""The board's seats indicator counts the members as the period stood at its end
(R-TTND-02, R-BQ-33): a past period does not count a member recognised since, nor miss
one who has left since."""
from __future__ import annotations

import datetime as dt

from thanthien.plugins.thanhtra.models import MemberRow

from .helpers import seat_board


def test_seats_filled_is_counted_at_the_end_of_the_period(core, ward):
    _term, members = seat_board(core, ward, start_on=dt.date(2025, 8, 1))  # recognised 22/07/2025
    value = core.indicators.value
    assert value("thanhtra.seats_filled", dt.date(2025, 1, 1), dt.date(2025, 6, 30)) == 0
    assert value("thanhtra.seats_filled", dt.date(2025, 7, 1), dt.date(2025, 7, 21)) == 0
    assert value("thanhtra.seats_filled", dt.date(2025, 7, 1), dt.date(2025, 7, 22)) == len(members)
    # one member gone on 01/03/2026: still counted for 2025, no longer for March 2026
    MemberRow.update(state="left", left_on=dt.date(2026, 3, 1), left_reason="cho_thoi").where(
        MemberRow.id == members[-1].id).execute()
    assert value("thanhtra.seats_filled", dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == len(members)
    assert value("thanhtra.seats_filled", dt.date(2026, 3, 1), dt.date(2026, 3, 31)) == len(members) - 1
