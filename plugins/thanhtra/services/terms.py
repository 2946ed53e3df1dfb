"""Terms of the board (nhiệm kỳ, R-TTND-04)."""
from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import to_type
from thanthien.core.storage.db import write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import Actor

from ..models import TermRow
from ..types import HEAD_TERMS, P_BOARD, Term
from .common import add_months, board_scope, clean, config, ensure_board_unit

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def create_term(core: CoreServices, *, start_on: dt.date, head_term: str | None = None, name: str = "",
                actor: Actor) -> Term:
    """Open a term of the board. R-TTND-04: the term equals the residential-group heads'
    term, 2.5 or 5 years as the province set it (R-DV-08, ``head_term`` short/long)."""
    core.access.require(actor, P_BOARD, board_scope())
    head_term = head_term or config(core).head_term
    errors = []
    if not isinstance(start_on, dt.date):
        errors.append(("start_on", "Vui lòng nhập ngày bắt đầu nhiệm kỳ (dd/mm/yyyy)."))
    if head_term not in HEAD_TERMS:
        errors.append(("head_term", "Nhiệm kỳ của Tổ trưởng tổ dân phố không hợp lệ."))
    if errors:
        raise ValidationError(errors)
    years = Fraction(str(core.rules.value(HEAD_TERMS[head_term], start_on)))  # R-DV-08
    end_on = add_months(start_on, int(years * 12)) - dt.timedelta(days=1)
    overlap = TermRow.select().where(TermRow.start_on <= end_on, TermRow.end_on >= start_on).first()
    if overlap is not None:
        raise ValidationError([("start_on", f"Nhiệm kỳ trùng với {overlap.name} "
                                            f"({format_date(overlap.start_on)} – {format_date(overlap.end_on)}).")])
    name = clean(name) or f"Nhiệm kỳ {start_on.year}–{end_on.year}"
    with write_transaction():
        ensure_board_unit(actor)
        row = TermRow.create(name=name[:100], start_on=start_on, end_on=end_on, head_term=head_term)
        audit.record("thanhtra.term.create", "thanhtra_term", row.id, actor=actor,
                     after={"name": row.name, "start_on": start_on, "end_on": end_on, "head_term": head_term})
    return to_type(Term, row)


def terms() -> list[Term]:
    return [to_type(Term, r) for r in TermRow.select().order_by(TermRow.start_on.desc())]


def get_term(term_id: int) -> Term:
    row = TermRow.get_or_none(TermRow.id == term_id)
    if row is None:
        raise NotFound(f"Không tìm thấy nhiệm kỳ số {term_id}.")
    return to_type(Term, row)


def current_term(on: dt.date | None = None) -> Term | None:
    """The term running on ``on`` (today), else the latest one."""
    on = on or dt.date.today()
    row = (TermRow.select().where(TermRow.start_on <= on, TermRow.end_on >= on).first()
           or TermRow.select().order_by(TermRow.start_on.desc()).first())
    return to_type(Term, row) if row else None
