"""Participation (mức độ tham gia), plan III.2.2's 100 % targets, per matter and per group.

For each matter, as shares of **all** households of the register in its groups:

* ``informed`` — households individually reached: the meeting documents delivered to the
  household (R-BQ-13) or a ballot / online code issued for it (R-BQ-21, R-BQ-23);
* ``represented`` — households present at a meeting of the matter (R-BQ-09), or whose
  ballot or online vote was recorded;
* ``voted`` — households whose choice counts in the vote engine (one per household).

A group's figures add up its matters' households (a ward-wide matter counts in each
group for that group's households). Targets come from ``[plugin.bieuquyet]``.
Only counts leave this module: no household is named.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

import attrs

from thanthien.core import voting
from thanthien.core.models import HouseholdRow, UnitRow

from ..models import AttendanceRow, DeliveryRow, MatterRow, MeetingRow, OneTimeCodeRow
from . import common, matters

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


@attrs.frozen
class Shares:
    total: int
    informed: int
    represented: int
    voted: int

    def _pct(self, n: int) -> float | None:
        return round(100 * n / self.total, 1) if self.total else None

    @property
    def informed_pct(self) -> float | None:
        return self._pct(self.informed)

    @property
    def represented_pct(self) -> float | None:
        return self._pct(self.represented)

    @property
    def voted_pct(self) -> float | None:
        return self._pct(self.voted)

    def as_dict(self) -> dict:
        return {"total": self.total, "informed": self.informed, "represented": self.represented, "voted": self.voted,
                "informed_pct": self.informed_pct, "represented_pct": self.represented_pct,
                "voted_pct": self.voted_pct}


@attrs.frozen
class MatterShares:
    matter_id: int
    title: str
    unit_name: str
    state_name: str
    shares: Shares


@attrs.frozen
class GroupShares:
    group_id: int
    group_name: str
    matters: int
    shares: Shares


@attrs.frozen
class Targets:
    informed: int
    represented: int
    voted: int


def targets(core: CoreServices) -> Targets:
    cfg = common.config(core)
    return Targets(cfg.target_informed, cfg.target_represented, cfg.target_voted)


def _sets(matter: MatterRow) -> dict[int, tuple[set, set, set, set]]:
    """group → (households, informed, represented, voted) of one matter."""
    votes = voting.votes_for(f"{common.MATTER_OWNER}:{matter.id}")
    electors: dict[int, int] = {}
    for v in votes:
        electors.update(dict(voting.electorate(v.id)))
    if not electors:
        units = [matter.unit_id] if matter.unit_id else voting.community_unit_ids()
        q = HouseholdRow.select(HouseholdRow.id, HouseholdRow.group).where(
            HouseholdRow.group.in_(units), HouseholdRow.active == True)  # noqa: E712
        electors = {h.id: h.group_id for h in q}
    meetings = [m.id for m in MeetingRow.select(MeetingRow.id).where(MeetingRow.matter_id == matter.id)]
    informed: set[int] = set()
    represented: set[int] = set()
    voted: set[int] = set()
    if meetings:
        informed |= {d.household_id for d in DeliveryRow.select().where(DeliveryRow.meeting.in_(meetings))}
        represented |= {a.household_id for a in AttendanceRow.select().where(
            AttendanceRow.meeting.in_(meetings), AttendanceRow.withdrawn_at.is_null())}
    for v in votes:
        purposes = [f"ballot:{v.id}", f"vote:{v.id}"]
        informed |= {c.household_id for c in OneTimeCodeRow.select(OneTimeCodeRow.household_id).where(
            OneTimeCodeRow.purpose.in_(purposes), OneTimeCodeRow.household_id.is_null(False))}
        represented |= {c.household_id for c in voting.choices(v.id)
                        if c.channel != "meeting" and c.superseded_at is None and c.voided_at is None}
        voted |= voting.voted_households(v.id)
    out: dict[int, tuple[set, set, set, set]] = defaultdict(lambda: (set(), set(), set(), set()))
    for hid, gid in electors.items():
        hs, inf, rep, vot = out[gid]
        hs.add(hid)
        if hid in informed:
            inf.add(hid)
        if hid in represented:
            rep.add(hid)
        if hid in voted:
            vot.add(hid)
    return dict(out)


def _shares(parts) -> Shares:
    t = i = r = v = 0
    for hs, inf, rep, vot in parts:
        t, i, r, v = t + len(hs), i + len(inf), r + len(rep), v + len(vot)
    return Shares(t, i, r, v)


def _matters_query(start: dt.date | None, end: dt.date | None, unit_ids: set[int] | None):
    q = MatterRow.select().where(MatterRow.state.not_in(["draft", "withdrawn"]))
    if start:
        q = q.where(MatterRow.created_at >= dt.datetime.combine(start, dt.time.min))
    if end:
        q = q.where(MatterRow.created_at <= dt.datetime.combine(end, dt.time.max))
    if unit_ids is not None:
        q = q.where(MatterRow.unit_id.in_(list(unit_ids)) | MatterRow.unit_id.is_null())
    return q.order_by(MatterRow.created_at.desc())


def for_matter(core: CoreServices, matter_id: int) -> MatterShares:
    row = matters.get_row(matter_id)
    m = matters.to_matter(row)
    return MatterShares(m.id, m.title, m.unit_name, m.state_name, _shares(_sets(row).values()))


def by_matter(core: CoreServices, *, start: dt.date | None = None, end: dt.date | None = None,
              unit_ids: set[int] | None = None, limit: int = 200) -> list[MatterShares]:
    out = []
    for row in _matters_query(start, end, unit_ids).limit(limit):
        m = matters.to_matter(row)
        out.append(MatterShares(m.id, m.title, m.unit_name, m.state_name, _shares(_sets(row).values())))
    return out


def by_group(core: CoreServices, *, start: dt.date | None = None, end: dt.date | None = None,
             unit_ids: set[int] | None = None) -> list[GroupShares]:
    per: dict[int, list] = defaultdict(list)
    for row in _matters_query(start, end, unit_ids):
        for gid, part in _sets(row).items():
            per[gid].append(part)
    names = {u.id: u.name for u in UnitRow.select().where(UnitRow.id.in_(list(per)))} if per else {}
    out = [GroupShares(g, names.get(g, ""), len(parts), _shares(parts)) for g, parts in per.items()
           if unit_ids is None or g in unit_ids]
    return sorted(out, key=lambda s: (s.group_name, s.group_id))


def overall(core: CoreServices, *, start: dt.date | None = None, end: dt.date | None = None) -> Shares:
    return _shares(part for row in _matters_query(start, end, None) for part in _sets(row).values())
