"""The work of the bieuquyet module, one module per sub-area.

=================  ===============================================================
``codes``          one-time codes: issue, verify, consume, revoke, send, code sheet
``matters``        matters of Art. 15, allowed forms, proposers and agreement
=================  ===============================================================

Views and the CLI call these; nothing else writes the module's tables.
"""
from __future__ import annotations

from . import codes, matters

__all__ = ["codes", "matters"]
