"""The work of the bieuquyet module, one module per sub-area.

=================  ===============================================================
``codes``          one-time codes: issue, verify, consume, revoke, send, code sheet
``matters``        matters of Art. 15, allowed forms, proposers and agreement
``initiatives``    citizen initiatives and household consents (R-BQ-04/05)
``meetings``       community meetings: notice, documents, attendance, vote, minutes
``ballots``        household ballots with one coded ballot per household
``online``         online votes: preliminary poll, codes, casting, minutes
``decisions``      thresholds and effect: outcome, fallback, forwarding, recognition
``participation``  informed / represented / voted shares per matter and group
=================  ===============================================================

Counting is core's vote engine (:mod:`thanthien.core.voting`). Views and the CLI call
these; nothing else writes the module's tables.
"""
from __future__ import annotations

from . import ballots, codes, decisions, initiatives, matters, meetings, online, participation

__all__ = ["ballots", "codes", "decisions", "initiatives", "matters", "meetings", "online", "participation"]
