"""Reading letters: one letter, the desk's list and counts, scoped to the actor's units."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.types import Actor

from ..models import LetterRow
from ..types import LETTER_KINDS, LETTER_STATES, P_VIEW, Letter
from .common import LETTER_COUNTS, letter_scope, to_letter

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def get_letter(letter_id: int) -> Letter:
    """A letter, unchecked: for the module's own steps (the caller checks the actor)."""
    row = LetterRow.get_or_none(LetterRow.id == letter_id)
    if row is None:
        raise NotFound(f"Không tìm thấy thư số {letter_id}.")
    return to_letter(row)


def view_letter(core: CoreServices, letter_id: int, *, actor: Actor | None) -> Letter:
    """A letter for ``actor``: refused outside his or her units (letters name families)."""
    letter = get_letter(letter_id)
    core.access.require(actor, P_VIEW, letter_scope(letter))
    return letter


def _scoped(q, core: CoreServices, actor: Actor | None, model=LetterRow):
    units = core.access.units_for(actor, P_VIEW)
    if units is None:
        return q
    return q.where(model.unit_id.in_(sorted(units) or [-1]))


def _year(q, year: int | None):
    if year:
        q = q.where(LetterRow.drafted_at >= dt.datetime(year, 1, 1), LetterRow.drafted_at < dt.datetime(year + 1, 1, 1))
    return q


def letters(core: CoreServices, *, actor: Actor | None, kind: str | None = None, state: str | None = None,
            year: int | None = None, case_id: int | None = None, limit: int = 50, offset: int = 0) -> list[Letter]:
    """Letters the actor may read, newest first, filtered by kind, state and year drafted."""
    errors = []
    if kind and kind not in LETTER_KINDS:
        errors.append(("kind", "Loại thư không hợp lệ."))
    if state and state not in LETTER_STATES:
        errors.append(("state", "Trạng thái không hợp lệ."))
    if errors:
        raise ValidationError(errors)
    q = _year(_scoped(LetterRow.select(), core, actor), year)
    if kind:
        q = q.where(LetterRow.kind == kind)
    if state:
        q = q.where(LetterRow.state == state)
    if case_id is not None:
        q = q.where(LetterRow.case == case_id)
    q = q.order_by(LetterRow.drafted_at.desc(), LetterRow.id.desc()).limit(limit).offset(offset)
    return [to_letter(r) for r in q]


def counts(core: CoreServices, *, actor: Actor | None, year: int | None = None) -> dict[str, dict[str, int]]:
    """{kind: {state: n}} of the letters the actor may read, drafted in ``year`` (all
    years when None): read from the rollup kept on every write, never counted."""
    where: dict = {}
    units = core.access.units_for(actor, P_VIEW)
    if units is not None:
        where["unit_id"] = sorted(units) or [-1]
    if year:
        where["year"] = year
    out: dict[str, dict[str, int]] = {k: {s: 0 for s in LETTER_STATES} for k in LETTER_KINDS}
    for (_, kind, state, _), n in LETTER_COUNTS.read(**where).items():
        row = out.setdefault(kind, {})
        row[state] = row.get(state, 0) + n
    return out


def count_mismatches() -> list:
    """The keys whose kept count differs from the letters (``thanthien thamhoi check-counts``)."""
    return LETTER_COUNTS.mismatches()
