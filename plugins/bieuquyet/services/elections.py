"""Group-head elections and dismissals (bầu, miễn nhiệm, bãi nhiệm Tổ trưởng tổ dân phố).

Rules R-DV-08, R-DV-10…18, R-BQ-10, R-BQ-28, R-BQ-32 (NĐ 59/2023 Art. 6–9; Luật DCCS Art. 21).

The election timeline is computed from the meeting day with the working calendar
(:func:`timeline`): the Chủ tịch UBND's decision ≥ 20 days before (R-DV-10), the Tổ bầu
cử ≥ 10 days before (R-DV-11), both published ≥ 7 days before (R-DV-12), the Front's
candidate list on Mẫu 05 ≥ 15 days before (R-DV-13). A step recorded after its last day
is refused. At the meeting more candidates may stand (self-nomination, nomination,
R-DV-14); the households vote on core's engine (``core.voting``, matter kind 4): the
winner needs more than half of **all** households of the register (R-BQ-28, R-BQ-32).
The People's Committee recognises the winner or orders a re-election within 5 working
days of receiving the result (R-DV-15); only then does the winner hold the group head's
role in core (a ``group_head`` grant on the group), the previous head's grant being ended
and kept (``core_role_grant_ended``).

A dismissal starts from a resignation, a Front proposal or a petition of ≥ 50 % of all
households (R-DV-16); the meeting is convened by the Front's team head (R-BQ-10); the
People's Committee recognises it within 5 working days, or decides with the Front when
the meeting cannot agree (R-DV-17); it appoints an interim head (≤ 6 months, R-DV-08)
and a new election follows within 60 days (R-DV-18).
"""
from __future__ import annotations

import calendar as _cal
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from thanthien.core import audit, people, voting
from thanthien.core.errors import IllegalTransition, NotFound, ValidationError
from thanthien.core.models import HouseholdRow, PersonRow, UnitRow
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import COMMUNITY_UNIT_KINDS, Actor

from ..models_elections import HeadCandidateRow, HeadDismissalRow, HeadElectionRow, PetitionSignatureRow
from ..types import P_DECIDE, P_MANAGE, PLUGIN

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

ELECTION = f"{PLUGIN}.head_election"
DISMISSAL = f"{PLUGIN}.head_dismissal"
#: the role a recognised head holds on the group's unit
HEAD_ROLE = "group_head"
#: matter kind of Art. 15 for electing or releasing a head (R-BQ-32)
KIND = 4

ELECTION_KINDS = {"dinh_ky": "Bầu Tổ trưởng khi hết nhiệm kỳ", "bau_moi": "Bầu Tổ trưởng mới sau miễn nhiệm, bãi nhiệm"}
ELECTION_STATES = {
    "planned": "Đang chuẩn bị",
    "voting": "Đang bầu",
    "counted": "Chờ UBND công nhận",
    "no_winner": "Không ai trúng cử; chờ UBND tổ chức bầu lại",
    "recognised": "Đã công nhận",
    "rerun": "UBND quyết định bầu lại",
}
TERMS = {"long": "5 năm", "short": "2 năm 6 tháng"}
SOURCES = {"danh_sach": "Danh sách của Ban công tác Mặt trận (Mẫu số 05)", "tu_ung_cu": "Tự ứng cử tại hội nghị",
           "de_cu": "Được đề cử tại hội nghị"}
TRIGGERS = {"xin_thoi": "Đơn xin thôi làm Tổ trưởng", "mat_tran": "Đề nghị của Ban công tác Mặt trận",
            "kien_nghi_ho": "Kiến nghị của các hộ gia đình"}
DISMISSAL_STATES = {
    "proposed": "Đang chuẩn bị",
    "voting": "Đang biểu quyết",
    "counted": "Chờ UBND công nhận",
    "not_agreed": "Hội nghị không thống nhất; UBND phối hợp Ủy ban MTTQ xem xét",
    "recognised": "Đã công nhận miễn nhiệm, bãi nhiệm",
    "kept": "Tổ trưởng tiếp tục làm nhiệm vụ",
}
#: the election steps before the meeting: key -> (label, rule)
STEPS = {
    "decision": ("Quyết định tổ chức bầu và kế hoạch của Chủ tịch UBND", "R-DV-10"),
    "candidates": ("Danh sách người ứng cử (Mẫu số 05) gửi UBND", "R-DV-13"),
    "team": ("Quyết định thành lập Tổ bầu cử", "R-DV-11"),
    "publication": ("Niêm yết tại nhà văn hóa, thông báo trên loa truyền thanh", "R-DV-12"),
}


# ---------------------------------------------------------------------------
# types
# ---------------------------------------------------------------------------

@attrs.frozen
class Step:
    """One line of the election checklist: its last allowed day and when it was done."""

    key: str
    label: str
    rule_id: str
    days_before: int
    last_day: dt.date  # the meeting day minus ``days_before`` (the law's boundary)
    due_on: dt.date  # the last working day on or before ``last_day`` (the office's deadline)
    done_on: dt.date | None = None
    reference: str = ""

    @property
    def on_time(self) -> bool | None:
        return None if self.done_on is None else self.done_on <= self.last_day


@attrs.frozen
class Candidate:
    id: int
    person_id: int
    full_name: str
    source: str
    nominated_by: str
    votes: int | None = None

    @property
    def source_label(self) -> str:
        return SOURCES.get(self.source, self.source)


@attrs.frozen
class HeadElection:
    id: int
    group_id: int
    group_name: str
    kind: str
    meeting_on: dt.date
    term: str
    state: str
    decision_ref: str
    decision_on: dt.date
    steps: tuple[Step, ...]
    candidates: tuple[Candidate, ...]
    vote_id: int | None
    households_total: int | None
    winner_person_id: int | None
    winner_name: str
    winner_votes: int | None
    result_received_on: dt.date | None
    recognition_due: dt.date | None
    recognised_on: dt.date | None
    recognition_ref: str
    term_end_on: dt.date | None
    rerun_reason: str
    dismissal_id: int | None

    @property
    def state_label(self) -> str:
        return ELECTION_STATES.get(self.state, self.state)

    @property
    def kind_label(self) -> str:
        return ELECTION_KINDS.get(self.kind, self.kind)

    @property
    def term_label(self) -> str:
        return TERMS.get(self.term, self.term)


@attrs.frozen
class Dismissal:
    id: int
    group_id: int
    group_name: str
    head_person_id: int
    head_name: str
    trigger: str
    grounds: str
    received_on: dt.date
    state: str
    households_total: int
    signatures: int
    petition_needed: int | None  # R-DV-16: households needed for a petition
    vote_id: int | None
    votes_for: int | None
    recognition_due: dt.date | None
    decided_by: str
    recognised_on: dt.date | None
    recognition_ref: str
    interim_person_id: int | None
    interim_name: str
    interim_until: dt.date | None
    new_election_due: dt.date | None

    @property
    def state_label(self) -> str:
        return DISMISSAL_STATES.get(self.state, self.state)

    @property
    def trigger_label(self) -> str:
        return TRIGGERS.get(self.trigger, self.trigger)


# ---------------------------------------------------------------------------
# the timeline
# ---------------------------------------------------------------------------

def _last_working_on_or_before(core: CoreServices, day: dt.date) -> dt.date:
    while not core.calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def timeline(core: CoreServices, meeting_on: dt.date, done: Mapping[str, tuple[dt.date | None, str]] | None = None
             ) -> tuple[Step, ...]:
    """The due-date checklist of an election held on ``meeting_on`` (R-DV-10…13), in the
    order the steps fall due. ``done``: step key -> (date done, reference)."""
    done = done or {}
    steps = []
    for key, (label, rule_id) in STEPS.items():
        days = int(core.rules.value(f"{rule_id}.min_days_before", meeting_on))  # R-DV-10…13
        last = meeting_on - dt.timedelta(days=days)
        on, ref = done.get(key, (None, ""))
        steps.append(Step(key, label, rule_id, days, last, _last_working_on_or_before(core, last), on, ref))
    return tuple(sorted(steps, key=lambda s: (s.last_day, s.key)))


def _late(step: Step, on: dt.date) -> str | None:
    if on > step.last_day:
        return (f"{step.label} phải thực hiện trước ngày bầu ít nhất {step.days_before} ngày, chậm nhất ngày "
                f"{format_date(step.last_day)}.")
    return None


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def term_end(core: CoreServices, start: dt.date, term: str) -> dt.date:
    """R-DV-08: the head's term, 5 years or 2.5 years as the province sets."""
    years = core.rules.value(f"R-DV-08.term_years_{term}", start)
    return add_months(start, round(float(years) * 12)) - dt.timedelta(days=1)


# ---------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------

def _group(group_id: int | None) -> UnitRow | None:
    row = UnitRow.get_or_none(UnitRow.id == group_id) if group_id else None
    return row if row is not None and row.kind in COMMUNITY_UNIT_KINDS else None


def _name(person_id: int | None) -> str:
    row = PersonRow.get_or_none(PersonRow.id == person_id) if person_id else None
    return row.full_name if row else ""


def _election(core: CoreServices, row: HeadElectionRow) -> HeadElection:
    group = UnitRow.get_by_id(row.group_id)
    done = {"decision": (row.decision_on, row.decision_ref), "team": (row.team_on, row.team_ref),
            "publication": (row.published_on, ""), "candidates": (row.candidates_on, row.candidates_ref)}
    counts: dict[str, int] = {}
    if row.vote_id is not None and row.state != "voting":
        counts = voting.tally(core, row.vote_id).counts
    cands = tuple(Candidate(c.id, c.person_id, c.full_name, c.source, c.nominated_by,
                            counts.get(_option(c.person_id)) if counts else None)
                  for c in HeadCandidateRow.select().where(HeadCandidateRow.election_id == row.id)
                  .order_by(HeadCandidateRow.id))
    return HeadElection(row.id, row.group_id, group.name, row.kind, row.meeting_on, row.term, row.state,
                        row.decision_ref, row.decision_on, timeline(core, row.meeting_on, done), cands, row.vote_id,
                        row.households_total, row.winner_person_id, _name(row.winner_person_id), row.winner_votes,
                        row.result_received_on, row.recognition_due, row.recognised_on, row.recognition_ref,
                        row.term_end_on, row.rerun_reason, row.dismissal_id)


def _election_row(election_id: int) -> HeadElectionRow:
    row = HeadElectionRow.get_or_none(HeadElectionRow.id == election_id)
    if row is None:
        raise NotFound(f"Không tìm thấy cuộc bầu Tổ trưởng số {election_id}.")
    return row


def get_election(core: CoreServices, election_id: int, *, actor: Actor) -> HeadElection:
    row = _election_row(election_id)
    core.access.require(actor, P_MANAGE, row.group_id)
    return _election(core, row)


def elections(core: CoreServices, *, unit_ids: set[int] | None, limit: int = 50, offset: int = 0
              ) -> list[HeadElection]:
    """Elections of the groups in ``unit_ids`` (``None``: the whole ward), newest first."""
    q = HeadElectionRow.select()
    if unit_ids is not None:
        q = q.where(HeadElectionRow.group_id.in_(list(unit_ids) or [0]))
    q = q.order_by(HeadElectionRow.meeting_on.desc(), HeadElectionRow.id.desc()).limit(limit).offset(offset)
    return [_election(core, r) for r in q]


def _dismissal(core: CoreServices, row: HeadDismissalRow) -> Dismissal:
    group = UnitRow.get_by_id(row.group_id)
    total = row.households_total if row.households_total is not None else people.count_households(row.group_id)
    signatures = PetitionSignatureRow.select().where(PetitionSignatureRow.dismissal_id == row.id).count()
    needed = petition_needed(core, total, row.received_on) if row.trigger == "kien_nghi_ho" else None
    return Dismissal(row.id, row.group_id, group.name, row.head_person_id, row.head_name, row.trigger, row.grounds,
                     row.received_on, row.state, total, signatures, needed, row.vote_id, row.votes_for,
                     row.recognition_due, row.decided_by, row.recognised_on, row.recognition_ref,
                     row.interim_person_id, _name(row.interim_person_id), row.interim_until, row.new_election_due)


def _dismissal_row(dismissal_id: int) -> HeadDismissalRow:
    row = HeadDismissalRow.get_or_none(HeadDismissalRow.id == dismissal_id)
    if row is None:
        raise NotFound(f"Không tìm thấy hồ sơ miễn nhiệm, bãi nhiệm số {dismissal_id}.")
    return row


def get_dismissal(core: CoreServices, dismissal_id: int, *, actor: Actor) -> Dismissal:
    row = _dismissal_row(dismissal_id)
    core.access.require(actor, P_MANAGE, row.group_id)
    return _dismissal(core, row)


def dismissals(core: CoreServices, *, unit_ids: set[int] | None, limit: int = 50) -> list[Dismissal]:
    q = HeadDismissalRow.select()
    if unit_ids is not None:
        q = q.where(HeadDismissalRow.group_id.in_(list(unit_ids) or [0]))
    return [_dismissal(core, r) for r in q.order_by(HeadDismissalRow.received_on.desc()).limit(limit)]


def current_head(group_id: int) -> int | None:
    """The person holding the group head's role on the group now."""
    holders = people.holders_of(HEAD_ROLE, group_id)
    return holders[-1] if holders else None


def residents(group_id: int, query: str = "", limit: int = 30) -> list[tuple[int, str]]:
    """Residents of a group (id, name) for the candidate and interim-head pickers."""
    return [(p.id, p.full_name) for p in people.search_people_in_groups(query, {group_id}, limit=limit)]


def households(group_id: int) -> list[tuple[int, str]]:
    """The group's households in the register (id, code), for the per-household record."""
    q = (HouseholdRow.select(HouseholdRow.id, HouseholdRow.code)
         .where(HouseholdRow.group == group_id, HouseholdRow.active == True)  # noqa: E712
         .order_by(HouseholdRow.code))
    return [(h.id, h.code) for h in q]


# ---------------------------------------------------------------------------
# the election
# ---------------------------------------------------------------------------

def _clean(value: object) -> str:
    return str(value or "").strip()


def plan_election(core: CoreServices, *, group_id: int | None, meeting_on: dt.date | None,
                  decision_ref: str, decision_on: dt.date | None, term: str = "long", kind: str = "dinh_ky",
                  dismissal_id: int | None = None, actor: Actor) -> HeadElection:
    """The Chủ tịch UBND's decision to hold the election, with the Front (R-DV-10: ≥ 20
    days before the meeting); after a dismissal the meeting is within 60 days (R-DV-18)."""
    group = _group(group_id)
    errors: list[tuple[str, str]] = []
    if group is None:
        errors.append(("group_id", "Vui lòng chọn tổ dân phố."))
    else:
        core.access.require(actor, P_DECIDE, group.id)
    if meeting_on is None:
        errors.append(("meeting_on", "Vui lòng nhập ngày hội nghị bầu (dd/mm/yyyy)."))
    if decision_on is None:
        errors.append(("decision_on", "Vui lòng nhập ngày ban hành quyết định (dd/mm/yyyy)."))
    if not _clean(decision_ref):
        errors.append(("decision_ref", "Vui lòng nhập số quyết định tổ chức bầu của Chủ tịch UBND."))
    if term not in TERMS:
        errors.append(("term", "Vui lòng chọn nhiệm kỳ theo quy định của UBND tỉnh."))
    if kind not in ELECTION_KINDS:
        errors.append(("kind", "Loại cuộc bầu không hợp lệ."))
    dismissal = None
    if kind == "bau_moi":
        dismissal = HeadDismissalRow.get_or_none(HeadDismissalRow.id == dismissal_id) if dismissal_id else None
        if dismissal is None or dismissal.state != "recognised" or (group and dismissal.group_id != group.id):
            errors.append(("kind", "Bầu Tổ trưởng mới chỉ sau khi UBND công nhận miễn nhiệm, bãi nhiệm ở tổ này."))
    if meeting_on and decision_on:
        step = next(s for s in timeline(core, meeting_on) if s.key == "decision")
        problem = _late(step, decision_on)  # R-DV-10
        if problem:
            errors.append(("decision_on", problem))
        if dismissal is not None and dismissal.new_election_due and meeting_on > dismissal.new_election_due:
            days = core.rules.value("R-DV-18.max_days", dismissal.recognised_on)
            last = format_date(dismissal.new_election_due)
            errors.append(("meeting_on", f"Phải bầu Tổ trưởng mới trong {days} ngày kể từ khi công nhận miễn "
                                         f"nhiệm, bãi nhiệm, chậm nhất ngày {last}."))
    if group is not None and not errors and HeadElectionRow.select().where(
            HeadElectionRow.group_id == group.id, HeadElectionRow.state.in_(("planned", "voting", "counted"))).exists():
        errors.append(("group_id", "Tổ dân phố này đang có một cuộc bầu Tổ trưởng chưa kết thúc."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = HeadElectionRow.create(group_id=group.id, kind=kind, meeting_on=meeting_on, term=term,
                                     decision_ref=_clean(decision_ref)[:100], decision_on=decision_on,
                                     dismissal_id=dismissal.id if dismissal else None, created_by_name=actor.name)
        audit.record("head_election.planned", ELECTION, row.id, actor=actor,
                     after={"group": group.name, "meeting_on": meeting_on, "decision_ref": row.decision_ref,
                            "decision_on": decision_on, "term": term, "kind": kind})
    return _election(core, row)


def record_step(core: CoreServices, election_id: int, step: str, *, done_on: dt.date | None, reference: str = "",
                team_leader: str = "", actor: Actor) -> HeadElection:
    """Record a step of the checklist: the Tổ bầu cử (R-DV-11, led by the Front's
    representative, no candidate on it), the publication (R-DV-12), the candidate list on
    Mẫu 05 (R-DV-13, at least one candidate). Refused after the step's last day."""
    row = _election_row(election_id)
    core.access.require(actor, P_MANAGE, row.group_id)
    if row.state != "planned":
        raise IllegalTransition("Cuộc bầu đã bắt đầu; không sửa các bước chuẩn bị.")
    if step not in STEPS or step == "decision":
        raise ValidationError([("step", "Bước chuẩn bị không hợp lệ.")])
    errors: list[tuple[str, str]] = []
    if done_on is None:
        errors.append(("done_on", "Vui lòng nhập ngày thực hiện (dd/mm/yyyy)."))
    else:
        the_step = next(s for s in timeline(core, row.meeting_on) if s.key == step)
        problem = _late(the_step, done_on)  # R-DV-11, R-DV-12, R-DV-13
        if problem:
            errors.append(("done_on", problem))
        if done_on < row.decision_on:
            errors.append(("done_on", "Ngày thực hiện phải sau ngày có quyết định tổ chức bầu."))
    changes: dict[str, object] = {}
    if step == "team":
        if not _clean(reference):
            errors.append(("reference", "Vui lòng nhập số quyết định thành lập Tổ bầu cử."))
        if not _clean(team_leader):
            errors.append(("team_leader", "Vui lòng nhập tên Tổ trưởng Tổ bầu cử (đại diện Ban công tác Mặt trận)."))
        elif _clean(team_leader).casefold() in {c.full_name.casefold() for c in HeadCandidateRow.select().where(
                HeadCandidateRow.election_id == row.id)}:
            errors.append(("team_leader", "Người ứng cử không được tham gia Tổ bầu cử (R-DV-11)."))
        changes = {"team_on": done_on, "team_ref": _clean(reference)[:100], "team_leader": _clean(team_leader)[:255]}
    elif step == "publication":
        if row.team_on is None:
            errors.append(("step", "Niêm yết sau khi có quyết định thành lập Tổ bầu cử (R-DV-12)."))
        changes = {"published_on": done_on}
    else:  # candidates, Mẫu 05
        listed = HeadCandidateRow.select().where(HeadCandidateRow.election_id == row.id,
                                                 HeadCandidateRow.source == "danh_sach").count()
        need = int(core.rules.value("R-DV-13.min_candidates", row.meeting_on))
        if listed < need:
            errors.append(("step", f"Danh sách của Ban công tác Mặt trận cần ít nhất {need} người ứng cử "
                                   f"(R-DV-13)."))
        if not _clean(reference):
            errors.append(("reference", "Vui lòng nhập số biên bản (Mẫu số 05)."))
        changes = {"candidates_on": done_on, "candidates_ref": _clean(reference)[:100]}
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        HeadElectionRow.update(**changes).where(HeadElectionRow.id == row.id).execute()
        audit.record(f"head_election.{step}", ELECTION, row.id, actor=actor,
                     after=dict(changes))
    return _election(core, _election_row(row.id))


def add_candidate(core: CoreServices, election_id: int, *, person_id: int | None, source: str,
                  nominated_by: str = "", actor: Actor) -> HeadElection:
    """A candidate: on the Front's list before Mẫu 05 is sent (R-DV-13), or self-nominated
    / nominated at the meeting (R-DV-14, on the meeting day before the vote opens). A
    candidate lives in the group."""
    row = _election_row(election_id)
    core.access.require(actor, P_MANAGE, row.group_id)
    errors: list[tuple[str, str]] = []
    if source not in SOURCES:
        errors.append(("source", "Vui lòng chọn cách giới thiệu người ứng cử."))
    if row.state != "planned":
        errors.append(("source", "Cuộc bầu đã bắt đầu bỏ phiếu; không thêm người ứng cử."))
    elif source == "danh_sach" and row.candidates_on is not None:
        errors.append(("source", "Danh sách người ứng cử (Mẫu số 05) đã gửi UBND; người ứng cử thêm tại hội nghị "
                                 "là tự ứng cử hoặc được đề cử (R-DV-14)."))
    elif source in ("tu_ung_cu", "de_cu") and row.candidates_on is None:
        errors.append(("source", "Tự ứng cử, đề cử tại hội nghị sau khi có danh sách của Ban công tác Mặt trận."))
    if source == "de_cu" and not _clean(nominated_by):
        errors.append(("nominated_by", "Vui lòng nhập người hoặc tổ chức đề cử."))
    person = PersonRow.get_or_none(PersonRow.id == person_id) if person_id else None
    if person is None:
        errors.append(("person_id", "Vui lòng chọn người ứng cử."))
    else:
        household = HouseholdRow.get_or_none(HouseholdRow.id == person.household_id) if person.household_id else None
        if household is None or household.group_id != row.group_id or not person.active:
            errors.append(("person_id", f"{person.full_name} không cư trú tại tổ dân phố này."))
        elif HeadCandidateRow.select().where(HeadCandidateRow.election_id == row.id,
                                             HeadCandidateRow.person_id == person.id).exists():
            errors.append(("person_id", f"{person.full_name} đã có trong danh sách người ứng cử."))
        elif row.team_leader and row.team_leader.casefold() == person.full_name.casefold():
            errors.append(("person_id", "Tổ trưởng Tổ bầu cử không được ứng cử (R-DV-11)."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        cand = HeadCandidateRow.create(election_id=row.id, person_id=person.id, full_name=person.full_name,
                                       source=source, nominated_by=_clean(nominated_by)[:255])
        audit.record("head_election.candidate", ELECTION, row.id, actor=actor,
                     after={"candidate_id": cand.id, "person_id": person.id, "source": source})
    return _election(core, _election_row(row.id))


def _option(person_id: int) -> str:
    return f"ung_vien_{person_id}"


def open_election_vote(core: CoreServices, election_id: int, *, form: str = "meeting", actor: Actor,
                       at: dt.datetime | None = None) -> HeadElection:
    """Open the households' vote at the meeting (convened by the Tổ bầu cử, R-BQ-10): every
    step done on time, at least one candidate; the electorate is the register's households
    (core engine, matter kind 4)."""
    row = _election_row(election_id)
    core.access.require(actor, P_MANAGE, row.group_id)
    if row.state != "planned":
        raise IllegalTransition("Cuộc bầu đã mở bỏ phiếu.")
    missing = [s.label for s in timeline(core, row.meeting_on) if s.key != "decision" and not {
        "team": row.team_on, "publication": row.published_on, "candidates": row.candidates_on}[s.key]]
    if missing:
        raise ValidationError([("step", "Chưa hoàn thành: " + "; ".join(missing) + ".")])
    if form not in ("meeting", "ballot"):
        raise ValidationError([("form", "Bầu Tổ trưởng tại hội nghị cộng đồng dân cư hoặc bằng phiếu lấy ý kiến hộ "
                                        "gia đình (R-BQ-07).")])
    cands = list(HeadCandidateRow.select().where(HeadCandidateRow.election_id == row.id).order_by(HeadCandidateRow.id))
    group = UnitRow.get_by_id(row.group_id)
    with write_transaction():
        vote = voting.open_vote(core, ref=f"{ELECTION}:{row.id}", title=f"Bầu Tổ trưởng {group.name}", kind=KIND,
                                unit_ids=[row.group_id], form=form, options=[_option(c.person_id) for c in cands]
                                + ["khong_bau"], option_labels={**{_option(c.person_id): c.full_name for c in cands},
                                                                "khong_bau": "Không bầu ai"},
                                agree_option=None, max_choices=1, actor=actor, at=at)
        HeadElectionRow.update(state="voting", vote_id=vote.id, households_total=vote.electorate_total).where(
            HeadElectionRow.id == row.id).execute()
        audit.record("head_election.vote_opened", ELECTION, row.id, actor=actor,
                     after={"vote_id": vote.id, "form": form, "households_total": vote.electorate_total})
    return _election(core, _election_row(row.id))


def record_choices(core: CoreServices, election_id: int, picks: Mapping[int, str], *, channel: str = "meeting",
                   actor: Actor, at: dt.datetime | None = None) -> HeadElection:
    """Record households' choices (household id -> candidate's person id as text, or
    ``khong_bau``) on the engine; a household counts once whatever channels it used."""
    row = _election_row(election_id)
    core.access.require(actor, P_MANAGE, row.group_id)
    if row.state != "voting" or row.vote_id is None:
        raise IllegalTransition("Cuộc bầu chưa mở bỏ phiếu hoặc đã kết thúc.")
    with write_transaction():
        for household_id, pick in picks.items():
            option = pick if pick == "khong_bau" else _option(int(pick)) if str(pick).isdigit() else str(pick)
            voting.record_choice(core, row.vote_id, household_id, option, channel=channel, actor=actor, at=at)
    return _election(core, row)


def close_election_vote(core: CoreServices, election_id: int, *, received_on: dt.date | None = None, actor: Actor,
                        at: dt.datetime | None = None) -> HeadElection:
    """Close the vote and send the result to the People's Committee: the candidate with
    more than half of ALL households of the register wins (R-BQ-28, R-BQ-32); the
    recognition is due within 5 working days of receipt (R-DV-15)."""
    row = _election_row(election_id)
    core.access.require(actor, P_MANAGE, row.group_id)
    if row.state != "voting" or row.vote_id is None:
        raise IllegalTransition("Cuộc bầu chưa mở bỏ phiếu hoặc đã kết thúc.")
    at = at or now()
    received_on = received_on or at.date()
    with write_transaction():
        result = voting.close_vote(core, row.vote_id, actor=actor, at=at)
        winners = [o for o in result.passed_options if o != "khong_bau"]
        winner = int(winners[0].removeprefix("ung_vien_")) if len(winners) == 1 else None
        due = core.calendar.period_end(received_on, int(core.rules.value("R-DV-15.max_working_days", received_on)),
                                       "working_days")  # R-DV-15
        state = "counted" if winner else "no_winner"
        HeadElectionRow.update(state=state, winner_person_id=winner,
                               winner_votes=result.counts.get(winners[0]) if winner else None,
                               households_total=result.electorate_total, result_received_on=received_on,
                               recognition_due=due).where(HeadElectionRow.id == row.id).execute()
        audit.record("head_election.counted", ELECTION, row.id, actor=actor,
                     after={"winner_person_id": winner, "counts": result.counts,
                            "households_total": result.electorate_total, "recognition_due": due})
    return _election(core, _election_row(row.id))


def recognise_election(core: CoreServices, election_id: int, *, recognised_on: dt.date | None, decision_ref: str,
                       actor: Actor) -> HeadElection:
    """The People's Committee recognises the winner (R-DV-15): the winner now holds the
    group head's role on the group, the previous head's grant is ended and kept."""
    row = _election_row(election_id)
    core.access.require(actor, P_DECIDE, row.group_id)
    if row.state != "counted" or row.winner_person_id is None:
        raise IllegalTransition("Chỉ công nhận khi đã có người trúng cử.")
    errors: list[tuple[str, str]] = []
    if recognised_on is None:
        errors.append(("recognised_on", "Vui lòng nhập ngày công nhận (dd/mm/yyyy)."))
    elif row.result_received_on and recognised_on < row.result_received_on:
        errors.append(("recognised_on", "Ngày công nhận phải sau khi nhận kết quả bầu."))
    if not _clean(decision_ref):
        errors.append(("decision_ref", "Vui lòng nhập số quyết định công nhận."))
    if errors:
        raise ValidationError(errors)
    group = UnitRow.get_by_id(row.group_id)
    end = term_end(core, recognised_on, row.term)  # R-DV-08
    with write_transaction():
        _hand_over(row.group_id, row.winner_person_id, group.name, recognised_on,
                   f"Hết nhiệm vụ: {_name(row.winner_person_id)} được công nhận Tổ trưởng {group.name} "
                   f"(quyết định {_clean(decision_ref)})", actor)
        HeadElectionRow.update(state="recognised", recognised_on=recognised_on,
                               recognition_ref=_clean(decision_ref)[:100], term_end_on=end).where(
            HeadElectionRow.id == row.id).execute()
        audit.record("head_election.recognised", ELECTION, row.id, actor=actor,
                     after={"winner_person_id": row.winner_person_id, "recognised_on": recognised_on,
                            "decision_ref": _clean(decision_ref), "term_end_on": end,
                            "late": bool(row.recognition_due and recognised_on > row.recognition_due)})
    return _election(core, _election_row(row.id))


def order_rerun(core: CoreServices, election_id: int, *, reason: str, actor: Actor) -> HeadElection:
    """The People's Committee orders a re-election instead of recognising (R-DV-15)."""
    row = _election_row(election_id)
    core.access.require(actor, P_DECIDE, row.group_id)
    if row.state not in ("counted", "no_winner"):
        raise IllegalTransition("Chỉ quyết định bầu lại khi đã có kết quả bầu chưa được công nhận.")
    if not _clean(reason):
        raise ValidationError([("reason", "Vui lòng nêu lý do tổ chức bầu lại.")])
    with write_transaction():
        HeadElectionRow.update(state="rerun", rerun_reason=_clean(reason)).where(
            HeadElectionRow.id == row.id).execute()
        audit.record("head_election.rerun", ELECTION, row.id, actor=actor, reason=_clean(reason),
                     before={"state": row.state}, after={"state": "rerun"})
    return _election(core, _election_row(row.id))


def _hand_over(group_id: int, new_head: int | None, group_name: str, on: dt.date, reason: str, actor: Actor) -> None:
    """End every current head grant on the group (kept, with the reason) and grant the new one."""
    ended_at = dt.datetime.combine(on, dt.time(0, 0))
    for holder in people.holders_of(HEAD_ROLE, group_id):
        if holder != new_head:
            people.revoke_role(holder, HEAD_ROLE, group_id, reason=reason, ended_at=ended_at, actor=actor)
    if new_head is not None:
        people.grant_role(new_head, HEAD_ROLE, group_id, actor=actor)


# ---------------------------------------------------------------------------
# dismissal
# ---------------------------------------------------------------------------

def petition_needed(core: CoreServices, total: int, on: dt.date) -> int:
    """R-DV-16: the households needed for a petition — at least 50 % of ALL households."""
    share = core.rules.fraction("R-DV-16.petition_min_percent", on)
    needed = share * total
    return int(needed) if needed.denominator == 1 else int(needed) + 1


def open_dismissal(core: CoreServices, *, group_id: int | None, trigger: str, grounds: str,
                   received_on: dt.date | None, actor: Actor) -> Dismissal:
    """A resignation letter, the Front's proposal or a households' petition against the
    group's current head (R-DV-16); the Chủ tịch UBND receives it."""
    group = _group(group_id)
    errors: list[tuple[str, str]] = []
    if group is None:
        errors.append(("group_id", "Vui lòng chọn tổ dân phố."))
    else:
        core.access.require(actor, P_DECIDE, group.id)
    if trigger not in TRIGGERS:
        errors.append(("trigger", "Vui lòng chọn căn cứ miễn nhiệm, bãi nhiệm."))
    if trigger == "mat_tran" and not _clean(grounds):
        errors.append(("grounds", "Vui lòng nêu lý do đề nghị (không còn tín nhiệm, không hoàn thành nhiệm vụ, vi "
                                  "phạm pháp luật, tham nhũng …)."))
    if received_on is None:
        errors.append(("received_on", "Vui lòng nhập ngày nhận (dd/mm/yyyy)."))
    head = current_head(group.id) if group else None
    if group is not None and head is None:
        errors.append(("group_id", "Tổ dân phố này hiện chưa có Tổ trưởng được công nhận."))
    if group is not None and HeadDismissalRow.select().where(
            HeadDismissalRow.group_id == group.id,
            HeadDismissalRow.state.in_(("proposed", "voting", "counted", "not_agreed"))).exists():
        errors.append(("group_id", "Tổ dân phố này đang có một hồ sơ miễn nhiệm, bãi nhiệm chưa kết thúc."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = HeadDismissalRow.create(group_id=group.id, head_person_id=head, head_name=_name(head), trigger=trigger,
                                      grounds=_clean(grounds), received_on=received_on, created_by_name=actor.name)
        audit.record("head_dismissal.opened", DISMISSAL, row.id, actor=actor,
                     after={"group": group.name, "head_person_id": head, "trigger": trigger,
                            "received_on": received_on})
    return _dismissal(core, row)


def sign_petition(core: CoreServices, dismissal_id: int, household_ids: Iterable[int], *, signed_on: dt.date,
                  actor: Actor) -> Dismissal:
    """Households signing the petition (one signature per household of the group's register)."""
    row = _dismissal_row(dismissal_id)
    core.access.require(actor, P_MANAGE, row.group_id)
    if actor.person_id == row.head_person_id:
        raise ValidationError([("household_ids", "Tổ trưởng không tự ghi nhận kiến nghị bãi nhiệm mình.")])
    if row.trigger != "kien_nghi_ho" or row.state != "proposed":
        raise IllegalTransition("Chỉ ghi chữ ký khi hồ sơ xuất phát từ kiến nghị của hộ gia đình và chưa biểu quyết.")
    wanted = set(household_ids)
    in_group = {h.id for h in HouseholdRow.select(HouseholdRow.id).where(
        HouseholdRow.id.in_(list(wanted) or [0]), HouseholdRow.group == row.group_id,
        HouseholdRow.active == True)}  # noqa: E712
    if wanted - in_group:
        raise ValidationError([("household_ids", "Có hộ không thuộc tổ dân phố này trong sổ hộ gia đình.")])
    have = {s.household_id for s in PetitionSignatureRow.select().where(PetitionSignatureRow.dismissal_id == row.id)}
    with write_transaction():
        new = sorted(wanted - have)
        for household_id in new:
            PetitionSignatureRow.create(dismissal_id=row.id, household_id=household_id, signed_on=signed_on)
        audit.record("head_dismissal.petition", DISMISSAL, row.id, actor=actor, after={"households": new})
    return _dismissal(core, _dismissal_row(row.id))


def signed_households(dismissal_id: int) -> list[int]:
    """The households that signed the petition (staff only)."""
    q = PetitionSignatureRow.select(PetitionSignatureRow.household_id).where(
        PetitionSignatureRow.dismissal_id == dismissal_id)
    return sorted(s.household_id for s in q)


def open_dismissal_vote(core: CoreServices, dismissal_id: int, *, form: str = "meeting", actor: Actor,
                        at: dt.datetime | None = None) -> Dismissal:
    """The meeting convened by the Front's team head (R-BQ-10) votes on releasing or
    dismissing the head; a petition must first reach 50 % of all households (R-DV-16)."""
    row = _dismissal_row(dismissal_id)
    core.access.require(actor, P_MANAGE, row.group_id)
    if actor.person_id == row.head_person_id:
        raise ValidationError([("form", "Tổ trưởng không tự tổ chức biểu quyết miễn nhiệm, bãi nhiệm mình "
                                        "(Trưởng ban công tác Mặt trận triệu tập, R-BQ-10).")])
    if row.state != "proposed":
        raise IllegalTransition("Đã mở biểu quyết.")
    if row.trigger == "kien_nghi_ho":
        total = people.count_households(row.group_id)
        signed = PetitionSignatureRow.select().where(PetitionSignatureRow.dismissal_id == row.id).count()
        needed = petition_needed(core, total, row.received_on)  # R-DV-16
        if signed < needed:
            raise ValidationError([("household_ids", f"Kiến nghị mới có {signed}/{total} hộ; cần ít nhất {needed} hộ "
                                                     f"(50% tổng số hộ gia đình của tổ, R-DV-16).")])
    group = UnitRow.get_by_id(row.group_id)
    what = "Cho thôi làm" if row.trigger == "xin_thoi" else "Bãi nhiệm"
    with write_transaction():
        vote = voting.open_vote(core, ref=f"{DISMISSAL}:{row.id}", title=f"{what} Tổ trưởng {group.name} "
                                f"({row.head_name})", kind=KIND, unit_ids=[row.group_id], form=form,
                                options=("dong_y", "khong_dong_y"), agree_option="dong_y", actor=actor, at=at)
        HeadDismissalRow.update(state="voting", vote_id=vote.id, households_total=vote.electorate_total).where(
            HeadDismissalRow.id == row.id).execute()
        audit.record("head_dismissal.vote_opened", DISMISSAL, row.id, actor=actor, after={"vote_id": vote.id})
    return _dismissal(core, _dismissal_row(row.id))


def record_dismissal_choices(core: CoreServices, dismissal_id: int, picks: Mapping[int, str], *,
                             channel: str = "meeting", actor: Actor, at: dt.datetime | None = None) -> Dismissal:
    row = _dismissal_row(dismissal_id)
    core.access.require(actor, P_MANAGE, row.group_id)
    if actor.person_id == row.head_person_id:
        raise ValidationError([("choices", "Tổ trưởng không tự ghi kết quả biểu quyết miễn nhiệm, bãi nhiệm mình.")])
    if row.state != "voting" or row.vote_id is None:
        raise IllegalTransition("Chưa mở biểu quyết hoặc đã kết thúc.")
    with write_transaction():
        for household_id, pick in picks.items():
            voting.record_choice(core, row.vote_id, household_id, pick, channel=channel, actor=actor, at=at)
    return _dismissal(core, row)


def close_dismissal_vote(core: CoreServices, dismissal_id: int, *, received_on: dt.date | None = None, actor: Actor,
                         at: dt.datetime | None = None) -> Dismissal:
    """More than half of ALL households agreeing releases the head (R-BQ-32); the People's
    Committee recognises within 5 working days (R-DV-17). Otherwise it decides with the
    Front (R-DV-17)."""
    row = _dismissal_row(dismissal_id)
    core.access.require(actor, P_MANAGE, row.group_id)
    if row.state != "voting" or row.vote_id is None:
        raise IllegalTransition("Chưa mở biểu quyết hoặc đã kết thúc.")
    at = at or now()
    received_on = received_on or at.date()
    with write_transaction():
        result = voting.close_vote(core, row.vote_id, actor=actor, at=at)
        due = core.calendar.period_end(received_on, int(core.rules.value("R-DV-17.max_working_days", received_on)),
                                       "working_days")  # R-DV-17
        state = "counted" if result.passed else "not_agreed"
        HeadDismissalRow.update(state=state, votes_for=result.counts.get("dong_y", 0),
                                households_total=result.electorate_total, result_received_on=received_on,
                                recognition_due=due).where(HeadDismissalRow.id == row.id).execute()
        audit.record("head_dismissal.counted", DISMISSAL, row.id, actor=actor,
                     after={"passed": result.passed, "counts": result.counts, "recognition_due": due})
    return _dismissal(core, _dismissal_row(row.id))


def recognise_dismissal(core: CoreServices, dismissal_id: int, *, recognised_on: dt.date | None, decision_ref: str,
                        interim_person_id: int | None, dismiss: bool = True, actor: Actor) -> Dismissal:
    """The People's Committee recognises the release or dismissal (R-DV-17) — or, when the
    meeting did not agree, decides with the Front (``dismiss``) — and appoints an interim
    head (≤ 6 months, R-DV-08) until a new election within 60 days (R-DV-18). The old
    head's grant is ended and kept."""
    row = _dismissal_row(dismissal_id)
    core.access.require(actor, P_DECIDE, row.group_id)
    if row.state not in ("counted", "not_agreed"):
        raise IllegalTransition("Chỉ công nhận khi đã có kết quả biểu quyết.")
    errors: list[tuple[str, str]] = []
    if recognised_on is None:
        errors.append(("recognised_on", "Vui lòng nhập ngày quyết định (dd/mm/yyyy)."))
    if not _clean(decision_ref):
        errors.append(("decision_ref", "Vui lòng nhập số quyết định."))
    release = dismiss if row.state == "not_agreed" else True
    interim = None
    if release:
        interim = PersonRow.get_or_none(PersonRow.id == interim_person_id) if interim_person_id else None
        household = (HouseholdRow.get_or_none(HouseholdRow.id == interim.household_id)
                     if interim and interim.household_id else None)
        if interim is None or household is None or household.group_id != row.group_id:
            errors.append(("interim_person_id", "Vui lòng chỉ định người tạm thời làm Tổ trưởng, cư trú tại tổ "
                                                "(R-DV-18)."))
        elif interim.id == row.head_person_id:
            errors.append(("interim_person_id", "Người bị miễn nhiệm, bãi nhiệm không làm Tổ trưởng tạm thời."))
    if errors:
        raise ValidationError(errors)
    group = UnitRow.get_by_id(row.group_id)
    with write_transaction():
        if not release:
            HeadDismissalRow.update(state="kept", decided_by="ubnd", recognised_on=recognised_on,
                                    recognition_ref=_clean(decision_ref)[:100]).where(
                HeadDismissalRow.id == row.id).execute()
            audit.record("head_dismissal.kept", DISMISSAL, row.id, actor=actor,
                         after={"decided_on": recognised_on, "decision_ref": _clean(decision_ref)})
            return _dismissal(core, _dismissal_row(row.id))
        months = int(core.rules.value("R-DV-08.interim_max_months", recognised_on))
        days = int(core.rules.value("R-DV-18.max_days", recognised_on))
        interim_until = add_months(recognised_on, months)  # R-DV-08
        new_due = core.calendar.period_end(recognised_on, days, "days")  # R-DV-18
        what = "cho thôi làm" if row.trigger == "xin_thoi" else "bãi nhiệm"
        _hand_over(row.group_id, interim.id, group.name, recognised_on,
                   f"UBND {what} Tổ trưởng {group.name} (quyết định {_clean(decision_ref)}); "
                   f"{interim.full_name} tạm thời làm Tổ trưởng", actor)
        HeadDismissalRow.update(state="recognised", decided_by="ubnd" if row.state == "not_agreed" else "cong_dong",
                                recognised_on=recognised_on, recognition_ref=_clean(decision_ref)[:100],
                                interim_person_id=interim.id, interim_until=interim_until,
                                new_election_due=new_due).where(HeadDismissalRow.id == row.id).execute()
        audit.record("head_dismissal.recognised", DISMISSAL, row.id, actor=actor,
                     after={"recognised_on": recognised_on, "interim_person_id": interim.id,
                            "interim_until": interim_until, "new_election_due": new_due,
                            "late": bool(row.recognition_due and recognised_on > row.recognition_due)})
    return _dismissal(core, _dismissal_row(row.id))


def overdue(core: CoreServices, on: dt.date) -> list[str]:
    """What is late on ``on``: recognitions past 5 working days (R-DV-15, R-DV-17) and new
    elections not held within 60 days (R-DV-18), one Vietnamese line each."""
    lines = []
    for e in HeadElectionRow.select().where(HeadElectionRow.state == "counted", HeadElectionRow.recognition_due < on):
        lines.append(f"Cuộc bầu Tổ trưởng số {e.id}: quá hạn công nhận kết quả ({format_date(e.recognition_due)}).")
    for d in HeadDismissalRow.select().where(HeadDismissalRow.state == "counted",
                                             HeadDismissalRow.recognition_due < on):
        lines.append(f"Miễn nhiệm, bãi nhiệm số {d.id}: quá hạn công nhận ({format_date(d.recognition_due)}).")
    for d in HeadDismissalRow.select().where(HeadDismissalRow.state == "recognised",
                                             HeadDismissalRow.new_election_due < on):
        held = HeadElectionRow.select().where(HeadElectionRow.dismissal_id == d.id,
                                              HeadElectionRow.state == "recognised").exists()
        if not held:
            group = UnitRow.get_or_none(UnitRow.id == d.group_id)
            lines.append(f"{group.name if group else 'Tổ dân phố'}: chưa bầu Tổ trưởng mới trong hạn "
                         f"({format_date(d.new_election_due)}).")
    return lines
