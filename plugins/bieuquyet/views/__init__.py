"""Pages of the bieuquyet module, mounted under ``/bieuquyet`` (each with its ``.json`` twin).

One module per sub-area; a new sub-area adds its module and one line to :func:`routes`.

=================  =================================================================
``public``         public pages: matters, results, participation, the online vote
``matters``        the staff desk, a new matter, a matter, the committee's decisions
``meetings``       a community meeting: notice, attendance, votes, minutes (phone first)
``initiatives``    citizen initiatives: consents valid 3 months, put to the community
``rounds``         household ballots and online votes: plans, code sheets, entry, count
``elections``      group-head elections and dismissals (R-DV-10…18)
``dialogue``       the annual community meeting and the dialogue conference (R-DT-01…04)
=================  =================================================================
"""
from __future__ import annotations

from . import dialogue, elections, initiatives, matters, meetings, public, rounds


def routes() -> list:
    return [
        *public.routes(),
        *matters.routes(),
        *meetings.routes(),
        *rounds.routes(),
        *initiatives.routes(),
        *elections.routes(),
        *dialogue.routes(),
    ]
