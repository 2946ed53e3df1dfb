"""Citizen initiatives (sáng kiến của công dân), Luật DCCS Art. 16 (R-BQ-04, R-BQ-05).

An initiative goes to the community when at least ``R-BQ-04.min_household_percent`` (10 %)
of the households of the group consent — each consent valid for
``R-BQ-05.consent_validity_months`` (3) months from the day it was given — or, below
that, when the Ban công tác Mặt trận approves it.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from thanthien.core import audit, voting
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.storage.db import write_transaction
from thanthien.core.types import SYSTEM_ACTOR, Actor

from ..models import ConsentRow, InitiativeRow
from ..types import PLUGIN
from . import common, matters

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

ENTITY = f"{PLUGIN}.initiative"


@attrs.frozen
class ConsentStatus:
    total: int
    valid: int
    needed_percent: int
    enough: bool


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    import calendar

    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def consent_valid_until(core: CoreServices, consented_on: dt.date) -> dt.date:
    """R-BQ-05: a consent is valid 3 months (the same day 3 months later, inclusive)."""
    return _add_months(consented_on, core.rules.value("R-BQ-05.consent_validity_months", on=consented_on))


def start(core: CoreServices, *, unit_id: int, title: str, content: str = "", initiator_name: str = "",
          on: dt.date, actor: Actor = SYSTEM_ACTOR) -> int:
    if not title.strip():
        raise ValidationError([("title", "Vui lòng nhập nội dung sáng kiến.")])
    if not common.household_ids([unit_id]):
        raise ValidationError([("unit_id", "Tổ dân phố chưa có hộ gia đình nào trong sổ hộ.")])
    with write_transaction():
        row = InitiativeRow.create(unit_id=unit_id, title=title.strip(), content=content.strip(),
                                   initiator_name=initiator_name.strip(), started_on=on, created_by_id=actor.person_id)
        audit.record("initiative_started", ENTITY, row.id, actor=actor, after={"unit_id": unit_id, "title": row.title})
    return row.id


def _row(initiative_id: int) -> InitiativeRow:
    row = InitiativeRow.get_or_none(InitiativeRow.id == initiative_id)
    if row is None:
        raise NotFound("Không tìm thấy sáng kiến.")
    return row


def record_consent(core: CoreServices, initiative_id: int, household_id: int, *, on: dt.date,
                   actor: Actor = SYSTEM_ACTOR) -> None:
    """A household's consent (a later one renews it; the earlier stays)."""
    with write_transaction():
        row = _row(initiative_id)
        if household_id not in common.household_ids([row.unit_id]):
            raise ValidationError([("household_id", "Hộ gia đình không thuộc tổ dân phố của sáng kiến.")])
        if row.state != "collecting":
            raise ValidationError([("household_id", "Sáng kiến đã được đưa ra cộng đồng.")])
        ConsentRow.create(initiative=row.id, household_id=household_id, consented_on=on, recorded_by_id=actor.person_id)
        audit.record("initiative_consent", ENTITY, row.id, actor=actor, after={"household_id": household_id, "on": on})


def status(core: CoreServices, initiative_id: int, on: dt.date) -> ConsentStatus:
    """Households with a consent still valid on ``on`` (R-BQ-05) against ≥ 10 % (R-BQ-04)."""
    row = _row(initiative_id)
    total = len(common.household_ids([row.unit_id]))
    valid = {c.household_id for c in ConsentRow.select().where(ConsentRow.initiative == row.id,
                                                               ConsentRow.withdrawn_on.is_null())
             if c.consented_on <= on <= consent_valid_until(core, c.consented_on)}
    pct = core.rules.value("R-BQ-04.min_household_percent", on=on)
    from fractions import Fraction

    return ConsentStatus(total, len(valid), pct, voting.passes(len(valid), total, "min_ratio", Fraction(pct, 100)))


def submit(core: CoreServices, initiative_id: int, *, kind: int, form: str, on: dt.date, front_approval: str = "",
           actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None) -> matters.Matter:
    """Put the initiative to the community as a matter: with enough valid consents
    (R-BQ-04), or below that with the Ban công tác Mặt trận's approval (recorded)."""
    with write_transaction():
        row = _row(initiative_id)
        st = status(core, initiative_id, on)
        if row.state != "collecting":
            raise ValidationError([("state", "Sáng kiến đã được đưa ra cộng đồng.")])
        if not st.enough and not front_approval.strip():
            raise ValidationError([("front_approval",
                                    f"Mới có {st.valid}/{st.total} hộ đồng ý còn hiệu lực, chưa đủ "
                                    f"{st.needed_percent}% số hộ; cần Ban công tác Mặt trận đồng ý.")])
        matter = matters.create(core, kind=kind, title=row.title, content=row.content, scope="group",
                                unit_id=row.unit_id, form=form, proposer_name=row.initiator_name,
                                agreed_with=front_approval.strip(), initiative_id=row.id, actor=actor, at=at)
        row.state = "submitted" if st.enough else "approved_by_front"
        row.front_approval, row.matter_id = front_approval.strip(), matter.id
        row.save()
        audit.record("initiative_submitted", ENTITY, row.id, actor=actor,
                     after={"matter_id": matter.id, "valid_consents": st.valid, "total": st.total,
                            "front_approval": bool(front_approval.strip())})
    return matter


@attrs.frozen
class Initiative:
    id: int
    unit_id: int
    unit_name: str
    title: str
    content: str
    started_on: dt.date
    state: str
    matter_id: int | None
    consented: tuple[int, ...]  # households with a consent still valid (staff only)


def get(core: CoreServices, initiative_id: int, on: dt.date) -> Initiative:
    row = _row(initiative_id)
    valid = tuple(sorted({c.household_id for c in ConsentRow.select().where(ConsentRow.initiative == row.id,
                                                                            ConsentRow.withdrawn_on.is_null())
                          if c.consented_on <= on <= consent_valid_until(core, c.consented_on)}))
    return Initiative(row.id, row.unit_id, common.unit_name(row.unit_id), row.title, row.content, row.started_on,
                      row.state, row.matter_id, valid)


def listing(core: CoreServices, *, unit_ids: set[int] | None, on: dt.date, limit: int = 100) -> list[Initiative]:
    q = InitiativeRow.select().order_by(InitiativeRow.id.desc())
    if unit_ids is not None:
        q = q.where(InitiativeRow.unit_id.in_(list(unit_ids)))
    return [get(core, r.id, on) for r in q.limit(limit)]
