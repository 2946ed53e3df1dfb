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
from thanthien.core.voting import VoteChoiceRow, VoteElectorRow, VoteRow

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


_Parts = dict[int, tuple[set, set, set, set]]


def _sets(matter: MatterRow) -> _Parts:
    """group → (households, informed, represented, voted) of one matter."""
    return _sets_many([matter])[matter.id]


def _sets_many(rows: list[MatterRow]) -> dict[int, _Parts]:
    """matter → group → (households, informed, represented, voted), for the matters of
    ``rows`` in a fixed number of queries whatever their number (issue 16: no query per
    matter, per meeting or per round)."""
    if not rows:
        return {}
    owner = {f"{common.MATTER_OWNER}:{r.id}": r.id for r in rows}
    votes = list(VoteRow.select(VoteRow.id, VoteRow.ref).where(VoteRow.ref.in_(sorted(owner))).order_by(VoteRow.id))
    matter_of_vote = {v.id: owner[v.ref] for v in votes}
    vote_ids = sorted(matter_of_vote)
    electors: dict[int, dict[int, int]] = defaultdict(dict)
    if vote_ids:
        for e in VoteElectorRow.select(VoteElectorRow.vote, VoteElectorRow.household_id, VoteElectorRow.group_id) \
                .where(VoteElectorRow.vote.in_(vote_ids)):
            electors[matter_of_vote[e.vote_id]][e.household_id] = e.group_id
    # a matter with no electorate yet: the active households of its group (or the ward's)
    without = [r for r in rows if not electors.get(r.id)]
    if without:
        ward = voting.community_unit_ids() if any(not r.unit_id for r in without) else []
        units = {r.unit_id for r in without if r.unit_id} | set(ward)
        register: dict[int, dict[int, int]] = defaultdict(dict)
        for h in HouseholdRow.select(HouseholdRow.id, HouseholdRow.group).where(
                HouseholdRow.group.in_(sorted(units)), HouseholdRow.active == True):  # noqa: E712
            register[h.group_id][h.id] = h.group_id
        for r in without:
            for gid in ([r.unit_id] if r.unit_id else ward):
                electors[r.id].update(register.get(gid, {}))
    informed: dict[int, set[int]] = defaultdict(set)
    represented: dict[int, set[int]] = defaultdict(set)
    voted: dict[int, set[int]] = defaultdict(set)
    meeting_of = {m.id: m.matter_id for m in MeetingRow.select(MeetingRow.id, MeetingRow.matter_id)
                  .where(MeetingRow.matter_id.in_(sorted(r.id for r in rows)))}
    if meeting_of:
        for d in DeliveryRow.select(DeliveryRow.meeting, DeliveryRow.household_id).where(
                DeliveryRow.meeting.in_(sorted(meeting_of))):
            informed[meeting_of[d.meeting_id]].add(d.household_id)
        for a in AttendanceRow.select(AttendanceRow.meeting, AttendanceRow.household_id).where(
                AttendanceRow.meeting.in_(sorted(meeting_of)), AttendanceRow.withdrawn_at.is_null()):
            represented[meeting_of[a.meeting_id]].add(a.household_id)
    if vote_ids:
        purposes = {f"{kind}:{v}": matter_of_vote[v] for v in vote_ids for kind in ("ballot", "vote")}
        for c in OneTimeCodeRow.select(OneTimeCodeRow.purpose, OneTimeCodeRow.household_id).where(
                OneTimeCodeRow.purpose.in_(sorted(purposes)), OneTimeCodeRow.household_id.is_null(False)):
            informed[purposes[c.purpose]].add(c.household_id)
        by_vote: dict[int, list[VoteChoiceRow]] = defaultdict(list)
        for c in VoteChoiceRow.select().where(VoteChoiceRow.vote.in_(vote_ids)).order_by(VoteChoiceRow.id):
            by_vote[c.vote_id].append(c)
        for vid, choices in by_vote.items():
            mid = matter_of_vote[vid]
            represented[mid] |= {c.household_id for c in choices
                                 if c.channel != "meeting" and c.superseded_at is None and c.voided_at is None}
            voted[mid] |= set(voting.counted_households(choices))
    out: dict[int, _Parts] = {}
    for r in rows:
        parts: _Parts = defaultdict(lambda: (set(), set(), set(), set()))
        inf, rep, vot = informed[r.id], represented[r.id], voted[r.id]
        for hid, gid in electors.get(r.id, {}).items():
            hs, i, p, v = parts[gid]
            hs.add(hid)
            if hid in inf:
                i.add(hid)
            if hid in rep:
                p.add(hid)
            if hid in vot:
                v.add(hid)
        out[r.id] = dict(parts)
    return out


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


def _chunks(rows, size: int = 200):
    """``rows`` in slices, so that the IN lists of :func:`_sets_many` stay short."""
    batch: list[MatterRow] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _all_sets(rows):
    """(matter row, its parts) for every row, tallied by slices (a fixed number of
    queries per slice, not per matter)."""
    for batch in _chunks(rows):
        parts = _sets_many(batch)
        for row in batch:
            yield row, parts[row.id]


def for_matter(core: CoreServices, matter_id: int) -> MatterShares:
    row = matters.get_row(matter_id)
    m = matters.to_matter(row)
    return MatterShares(m.id, m.title, m.unit_name, m.state_name, _shares(_sets(row).values()))


def _unit_names(rows: list[MatterRow]) -> dict[int, str]:
    ids = sorted({r.unit_id for r in rows if r.unit_id})
    return {u.id: u.name for u in UnitRow.select(UnitRow.id, UnitRow.name).where(UnitRow.id.in_(ids))} if ids else {}


def by_matter(core: CoreServices, *, start: dt.date | None = None, end: dt.date | None = None,
              unit_ids: set[int] | None = None, limit: int = 200) -> list[MatterShares]:
    rows = list(_matters_query(start, end, unit_ids).limit(limit))
    names = _unit_names(rows)
    out = []
    for row, parts in _all_sets(rows):
        m = matters.to_matter(row, names)
        out.append(MatterShares(m.id, m.title, m.unit_name, m.state_name, _shares(parts.values())))
    return out


def _by_group(parts_of: list[_Parts], unit_ids: set[int] | None = None) -> list[GroupShares]:
    per: dict[int, list] = defaultdict(list)
    for parts in parts_of:
        for gid, part in parts.items():
            per[gid].append(part)
    names = {u.id: u.name for u in UnitRow.select().where(UnitRow.id.in_(list(per)))} if per else {}
    out = [GroupShares(g, names.get(g, ""), len(parts), _shares(parts)) for g, parts in per.items()
           if unit_ids is None or g in unit_ids]
    return sorted(out, key=lambda s: (s.group_name, s.group_id))


def by_group(core: CoreServices, *, start: dt.date | None = None, end: dt.date | None = None,
             unit_ids: set[int] | None = None) -> list[GroupShares]:
    return _by_group([parts for _row, parts in _all_sets(_matters_query(start, end, unit_ids))], unit_ids)


def overall(core: CoreServices, *, start: dt.date | None = None, end: dt.date | None = None) -> Shares:
    return _shares(part for _row, parts in _all_sets(_matters_query(start, end, None)) for part in parts.values())


# ---------------------------------------------------------------------------
# the public page: a page of matters at a time (keyset pagination, issue 16)
# ---------------------------------------------------------------------------

_CURSOR_FORMAT = "%Y%m%d%H%M%S%f"


def cursor_of(row_or_matter) -> str:
    """Where a page ending (or starting) with this matter stops: ``<created_at>-<id>``."""
    return f"{row_or_matter.created_at:{_CURSOR_FORMAT}}-{row_or_matter.id}"


def parse_cursor(text: str) -> tuple[dt.datetime, int] | None:
    """A cursor of :func:`cursor_of`; None (the first page) when empty or malformed."""
    stamp, _, ident = (text or "").partition("-")
    try:
        return dt.datetime.strptime(stamp, _CURSOR_FORMAT), int(ident)
    except ValueError:
        return None


@attrs.frozen
class PageOfMatters:
    """A page of matters, newest first, with each one's shares and the groups' and the
    ward's figures over the matters of the page."""

    matters: list[MatterShares]
    groups: list[GroupShares]
    overall: Shares
    #: cursor of the last matter shown when a next (older) page exists, else ""
    next_after: str
    #: cursor of the first matter shown when a previous (newer) page exists, else ""
    previous_before: str


def page(core: CoreServices, *, start: dt.date | None = None, end: dt.date | None = None, limit: int = 50,
         after: str = "", before: str = "") -> PageOfMatters:
    """Up to ``limit`` matters newest first (by ``created_at, id``), older than the cursor
    ``after`` or, going back, newer than ``before``: one walk of the matters' creation
    index stopped by LIMIT, and their rounds tallied in a fixed number of queries."""
    q = _matters_query(start, end, None).order_by()
    back, cur = (True, parse_cursor(before)) if parse_cursor(before) else (False, parse_cursor(after))
    if cur is not None:
        at, last = cur
        if back:
            q = q.where((MatterRow.created_at > at) | ((MatterRow.created_at == at) & (MatterRow.id > last)))
        else:
            q = q.where((MatterRow.created_at < at) | ((MatterRow.created_at == at) & (MatterRow.id < last)))
    if back:
        q = q.order_by(MatterRow.created_at.asc(), MatterRow.id.asc())
    else:
        q = q.order_by(MatterRow.created_at.desc(), MatterRow.id.desc())
    rows = list(q.limit(limit + 1))
    more = len(rows) > limit
    rows = rows[:limit]
    if back:
        rows.reverse()
        has_newer, has_older = more, True
    else:
        has_newer, has_older = cur is not None, more
    names = _unit_names(rows)
    parts = _sets_many(rows)
    shown = []
    for row in rows:
        m = matters.to_matter(row, names)
        shown.append(MatterShares(m.id, m.title, m.unit_name, m.state_name, _shares(parts[row.id].values())))
    groups = _by_group([parts[r.id] for r in rows])
    whole = _shares(part for r in rows for part in parts[r.id].values())
    return PageOfMatters(shown, groups, whole, cursor_of(rows[-1]) if rows and has_older else "",
                         cursor_of(rows[0]) if rows and has_newer else "")
