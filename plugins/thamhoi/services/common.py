"""What every section shares: the module's settings, the letters' unit, row → type."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from thanthien.core.access import Scope
from thanthien.core.converters import parse_date
from thanthien.core.errors import IllegalTransition
from thanthien.core.people import unit_by_code
from thanthien.core.rollups import Counts

from ..models import ActivityRow, LetterCountRow, LetterRow
from ..settings import ThamhoiSettings
from ..types import LETTER_OWNER, PLUGIN, Activity, Letter

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def config(core: CoreServices) -> ThamhoiSettings:
    """``[plugin.thamhoi]`` (validated at start)."""
    return core.config(PLUGIN)


def ceremony_place(core: CoreServices) -> str:
    """Where letters are handed over: the configured place, else the UBND's address."""
    ward = core.settings.ward
    return config(core).ceremony_place or ward.address or f"Trụ sở UBND {ward.name}"


def office_unit_id(core: CoreServices) -> int | None:
    """The unit whose staff prepare letters (``office_unit``), None when it does not exist."""
    unit = unit_by_code(config(core).office_unit)
    return unit.id if unit is not None else None


def letter_scope(letter: Letter) -> Scope:
    """Who may read or act on a letter: its unit, owner ``thamhoi.letter``."""
    return Scope(unit_id=letter.unit_id, owner=LETTER_OWNER, owner_id=letter.id)


def activity_scope(activity: Activity) -> Scope:
    return Scope(unit_id=activity.unit_id, owner="thamhoi.activity", owner_id=activity.id)


def ward_lower(core: CoreServices) -> str:
    name = core.settings.ward.name
    return name[:1].lower() + name[1:]


def base_context(core: CoreServices) -> dict[str, Any]:
    """What every letter template can use: the ward's and committee's names, the place."""
    return {"ward_name": ward_lower(core), "committee": "Ủy ban nhân dân " + ward_lower(core),
            "place_name": core.settings.ward.place_name}


def to_letter(row: LetterRow) -> Letter:
    doc = row.document if row.document_id is not None else None
    return Letter(
        id=row.id, kind=row.kind, event=row.event, state=row.state, addressee=row.addressee, subject=row.subject,
        template_key=row.template_key, template_plugin=row.template_plugin, template_path=row.template_path,
        context=dict(row.context or {}), drafted_at=row.drafted_at, case_id=row.case_id, occasion=row.occasion,
        occasion_date=parse_date(row.occasion_date) if row.occasion_date is not None else None,
        document_id=row.document_id, number_symbol=f"{doc.number:02d}/{doc.symbol}" if doc else "",
        signed_at=row.signed_at, signer_name=row.signer_name, sent_at=row.sent_at, sent_method=row.sent_method,
        notice_id=row.notice_id, cancel_reason=row.cancel_reason, unit_id=row.unit_id,
    )


def to_activity(row: ActivityRow) -> Activity:
    return Activity(row.id, row.kind, row.title, row.scheduled_at, row.place, row.state, row.delegation,
                    tuple(row.guests or ()), row.letter_id, row.result, row.attendance, row.done_at,
                    row.cancel_reason, row.unit_id)


# -- the letters' counts (issue 16: the desk never counts the letters) ----------------


def _count_source():
    for kind, state, unit_id, drafted_at in (LetterRow.select(LetterRow.kind, LetterRow.state, LetterRow.unit_id,
                                                              LetterRow.drafted_at).tuples().iterator()):
        yield (drafted_at.year, kind, state, unit_id or 0), 1


#: letters per (year drafted, kind, state, unit or 0), kept by every write of a letter
LETTER_COUNTS = Counts("thamhoi_letter", LetterCountRow, ("year", "kind", "state", "unit_id"), _count_source,
                       plugin="thamhoi")


def count_key(letter: Letter, state: str | None = None) -> tuple:
    """The rollup key of ``letter`` (in ``state`` when given)."""
    return (letter.drafted_at.year, letter.kind, state or letter.state, letter.unit_id or 0)


def set_letter_state(letter: Letter, state: str, **changes: Any) -> None:
    """Move ``letter`` from the state it was read in to ``state`` (in the caller's
    transaction), its count with it. The update is conditional on that state: a letter
    changed meanwhile by someone else is refused, never counted twice."""
    moved = (LetterRow.update(state=state, **changes)
             .where(LetterRow.id == letter.id, LetterRow.state == letter.state).execute())
    if not moved:
        raise IllegalTransition("Thư vừa được người khác thay đổi; vui lòng tải lại trang.")
    LETTER_COUNTS.move(count_key(letter), count_key(letter, state))
