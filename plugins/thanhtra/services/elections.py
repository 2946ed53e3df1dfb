"""Elections and removals of members by their residential group (R-TTND-01, R-TTND-05,
R-TTND-06, R-TTND-07, R-BQ-07, R-BQ-17, R-BQ-33, R-BQ-37).

A seat is decided by the households of the group that fills it: at a community meeting
or, when the meeting lacked enough households, by household ballot. This module is the
only place that knows how a seat is voted on, so the move onto the community vote
engine (``bieuquyet``) touches nothing else. Its interface:

* :class:`~..types.HouseholdVote` — the tally (form, date, all households, attending,
  in favour) the engine will hand over;
* :func:`vote_passes` — the counting rule (more than half of ALL households, R-BQ-33),
  :func:`vote_problems` and :func:`form_problems` — what a tally must satisfy;
* :func:`record_election` / :func:`remove_member` — apply a tally to a seat: they check
  the seat, the candidate and the tally, store the meeting (passed or not) and the member;
* :func:`meetings`, :func:`get_meeting` — what was decided.

The count is core's community vote engine (``core.voting``, R-BQ-33 as matter kind 5):
:func:`open_seat_vote` / :func:`open_removal_vote` check the seat and open a vote whose
electorate is every household of the group in the register; staff record each
household's choice (:func:`record_seat_choices`, one count per household whatever the
channels); :func:`close_seat_vote` closes it and the engine fires ``vote_closed``, where
thanhtra (:func:`apply_closed_vote`) turns the result into a
:class:`~..types.HouseholdVote` and calls :func:`record_election` or
:func:`remove_member`. A tally entered as totals (a meeting counted on paper) is counted
by the same rule (:func:`vote_passes` asks the engine) against the same base: the
register, never a typed number (R-BQ-28).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from thanthien.core import audit, people, voting
from thanthien.core.access import actor_for_person
from thanthien.core.errors import IllegalTransition, NotFound, ValidationError
from thanthien.core.models import HouseholdRow, PersonRow, RoleGrantRow, UnitRow, to_type
from thanthien.core.storage.db import write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import COMMUNITY_UNIT_KINDS, SYSTEM_ACTOR, Actor

from ..models import MeetingRow, MemberRow, TermRow
from ..types import (
    ELECTION_KINDS,
    MEETING_FORMS,
    P_BOARD,
    REMOVAL_KINDS,
    Candidate,
    HouseholdVote,
    Meeting,
    Member,
    Term,
)
from .common import add_months, board_scope, clean, community_groups
from .members import get_member, members, required_seats

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: R-TTND-07: units whose staff are commune cadres or civil servants (cán bộ, công chức cấp xã).
INELIGIBLE_UNIT_KINDS = ("peoples_committee", "department", "service_center", "front_committee")
#: R-TTND-07: roles held by commune cadres, civil servants or part-time workers of the
#: commune or a residential group (the Tổ trưởng is a part-time worker, R-DV-06).
INELIGIBLE_ROLES = ("chairperson", "vice_chairperson", "one_stop_officer", "department_officer", "group_head",
                    "reception_officer")


# ---------------------------------------------------------------------------
# the tally and its counting rule
# ---------------------------------------------------------------------------

#: thanhtra's forms -> the engine's (R-BQ-06)
ENGINE_FORMS = {"hop_cong_dong": "meeting", "phat_phieu_ho": "ballot"}
#: the engine's vote references owned by thanhtra: "thanhtra.seat:<n>"
VOTE_REF = "thanhtra.seat"
#: matter kind 5 of Art. 15: members of the People's Inspection Board (R-BQ-33)
MATTER_KIND = 5


def vote_passes(core: CoreServices, vote: HouseholdVote) -> bool:
    """R-TTND-01 / R-BQ-33: more than half of ALL households of the group (not of those
    attending) agreed — the engine's threshold and arithmetic (``core.voting``)."""
    threshold = voting.threshold_for(core.rules, MATTER_KIND, "group", ENGINE_FORMS.get(vote.form, "meeting"),
                                     vote.held_on)
    return voting.passes(vote.votes_for, vote.total_households or 0, threshold.comparison, threshold.ratio)


def register_total(group_id: int) -> int:
    """The households of a group in the register now: the base of every vote on its seat."""
    return people.count_households(group_id)


def with_register_total(vote: HouseholdVote, group_id: int, electorate_total: int | None = None) -> HouseholdVote:
    """The tally with its base read from the household register: every household of the
    group now (R-BQ-28), or the electorate the engine snapshotted from it when the vote
    opened — never a number typed by staff."""
    total = electorate_total if electorate_total is not None else register_total(group_id)
    return attrs.evolve(vote, total_households=total)


def vote_problems(vote: HouseholdVote) -> list[tuple[str, str]]:
    """What is wrong with the numbers of a tally (field, message); ``total_households``
    is the register's count (:func:`with_register_total`)."""
    errors = []
    if not isinstance(vote.held_on, dt.date):
        errors.append(("held_on", "Vui lòng nhập ngày họp (dd/mm/yyyy)."))
    numbers = {"total_households": ("Tổng số hộ gia đình", vote.total_households),
               "attending": ("Số đại diện hộ dự họp, bỏ phiếu", vote.attending),
               "votes_for": ("Số phiếu đồng ý", vote.votes_for)}
    valid = {}
    for field, (label, value) in numbers.items():
        if isinstance(value, bool) or not isinstance(value, int):
            errors.append((field, f"{label} phải là số nguyên."))
        elif value < 0:
            errors.append((field, f"{label} không được âm."))
        else:
            valid[field] = value
    total, attending, votes = (valid.get(k) for k in numbers)
    if total == 0:
        errors.append(("group_id", "Sổ hộ gia đình chưa có hộ nào ở tổ dân phố này; không thể kiểm phiếu."))
    if total is not None and attending is not None and attending > total:
        errors.append(("attending", f"Số đại diện hộ dự họp không được lớn hơn tổng số hộ gia đình của tổ "
                                    f"theo sổ hộ gia đình ({total})."))
    if attending is not None and votes is not None and votes > attending:
        errors.append(("votes_for", "Số phiếu đồng ý không được lớn hơn số đại diện hộ dự họp."))
    return errors


def form_problems(form: str, term_id: int, group_id: int, kinds: tuple[str, ...]) -> list[tuple[str, str]]:
    """R-BQ-07: k.5 matters are decided at a community meeting; household ballots only when
    the meeting lacked enough households to pass (R-BQ-17(b), R-BQ-37); never online."""
    if form not in MEETING_FORMS:
        return [("form", "Việc bầu, bãi nhiệm thành viên Ban Thanh tra nhân dân phải qua họp cộng đồng dân cư "
                         "hoặc phát phiếu lấy ý kiến hộ gia đình (R-BQ-07).")]
    if form == "phat_phieu_ho":
        failed = MeetingRow.select().where(MeetingRow.term == term_id, MeetingRow.group == group_id,
                                           MeetingRow.kind.in_(kinds), MeetingRow.form == "hop_cong_dong",
                                           MeetingRow.passed == False).exists()  # noqa: E712
        if not failed:
            return [("form", "Chỉ phát phiếu lấy ý kiến hộ gia đình khi cuộc họp cộng đồng dân cư trước đó "
                             "không đủ số hộ đồng ý (R-BQ-17, R-BQ-37).")]
    return []


# ---------------------------------------------------------------------------
# seats and candidates
# ---------------------------------------------------------------------------

def by_election_allowed(core: CoreServices, term: Term, on: dt.date) -> bool:
    """R-TTND-05: a vacant seat is filled by by-election only while ≥ 6 months of the term remain."""
    months = int(core.rules.value("R-TTND-05.by_election_min_remaining_months", on))
    return add_months(on, months) <= term.end_on


def eligibility_problems(person_id: int, group_id: int) -> list[str]:
    """R-TTND-07: a member lives permanently in the group that elects them and is not a
    commune cadre, civil servant or part-time worker of the commune, thôn or TDP."""
    person = PersonRow.get_or_none(PersonRow.id == person_id)
    if person is None:
        return ["Không tìm thấy người được giới thiệu."]
    problems = []
    name = person.full_name
    if not person.active:
        problems.append(f"{name} không còn trong danh sách dân cư.")
    if person.is_staff and person.unit_id is not None:
        unit = UnitRow.get_or_none(UnitRow.id == person.unit_id)
        if unit is not None and unit.kind in INELIGIBLE_UNIT_KINDS:
            problems.append(f"{name} là cán bộ, công chức cấp xã ({unit.name}) nên không được làm thành viên "
                            f"Ban Thanh tra nhân dân (R-TTND-07).")
    roles = {g.role for g in RoleGrantRow.select().where(RoleGrantRow.person == person_id)}
    blocked = sorted(roles & set(INELIGIBLE_ROLES))
    if blocked and not any("R-TTND-07" in p for p in problems):
        problems.append(f"{name} là cán bộ, công chức hoặc người hoạt động không chuyên trách ở phường, "
                        f"tổ dân phố nên không được làm thành viên Ban Thanh tra nhân dân (R-TTND-07).")
    household = HouseholdRow.get_or_none(HouseholdRow.id == person.household_id) if person.household_id else None
    if household is None or household.group_id != group_id:
        group = UnitRow.get_or_none(UnitRow.id == group_id)
        problems.append(f"{name} không thường trú tại {group.name if group else 'tổ dân phố này'}; thành viên phải là "
                        f"người thường trú tại tổ dân phố bầu ra mình (R-TTND-07).")
    return problems


def _seat_problems(core: CoreServices, term: Term, group_id: int, on: dt.date) -> list[tuple[str, str]]:
    """R-TTND-02: one seat per group (more only in a small commune), never beyond the total."""
    current = members(term.id)
    groups = community_groups()
    required = required_seats(core.rules, len(groups), on)
    per_unit = int(core.rules.value("R-TTND-02.members_per_community_unit", on))
    in_group = sum(1 for m in current if m.group_id == group_id)
    if len(current) >= required:
        return [("group_id", f"Ban đã đủ {required} thành viên (R-TTND-02).")]
    if in_group >= per_unit and required <= len(groups) * per_unit:
        return [("group_id", "Tổ dân phố này đã có thành viên Ban Thanh tra nhân dân (R-TTND-02); chỉ bầu "
                             "bổ sung khi thành viên đó thôi làm thành viên.")]
    return []


def candidates(group_id: int, query: str = "", limit: int = 30) -> list[Candidate]:
    """Residents of a group for the election form (names only)."""
    return [Candidate(p.id, p.full_name) for p in people.search_people_in_groups(query, {group_id}, limit=limit)]


# ---------------------------------------------------------------------------
# applying a tally to a seat
# ---------------------------------------------------------------------------

def record_election(core: CoreServices, *, term_id: int | None, group_id: int | None, candidate_id: int | None,
                    vote: HouseholdVote, kind: str = "bau", standards_confirmed: bool = False, note: str = "",
                    actor: Actor, check_only: bool = False,
                    electorate_total: int | None = None) -> tuple[Meeting, Member | None] | None:
    """Record the households' vote electing (or by-electing) a board member.

    R-TTND-01 / R-BQ-33: passes with more than half of ALL households of the group; the
    member then waits for the UB MTTQ recognition (``recognise_member``). A failed vote
    is recorded too. Nothing is stored when an input or a rule check fails.
    """
    core.access.require(actor, P_BOARD, board_scope())
    errors = []
    term_row = TermRow.get_or_none(TermRow.id == term_id) if term_id else None
    if term_row is None:
        errors.append(("term_id", "Chưa có nhiệm kỳ của Ban; vui lòng tạo nhiệm kỳ trước."))
    term = to_type(Term, term_row) if term_row else None
    group = UnitRow.get_or_none(UnitRow.id == group_id) if group_id else None
    if group is None or group.kind not in COMMUNITY_UNIT_KINDS:
        errors.append(("group_id", "Vui lòng chọn tổ dân phố (thôn)."))
        group = None
    if kind not in ELECTION_KINDS:
        errors.append(("kind", "Loại cuộc bầu không hợp lệ."))
    if group is not None:
        vote = with_register_total(vote, group.id, electorate_total)  # R-BQ-28: all households of the register
        errors.extend(vote_problems(vote))
    person = PersonRow.get_or_none(PersonRow.id == candidate_id) if candidate_id else None
    if person is None:
        errors.append(("candidate_id", "Vui lòng chọn người ứng cử."))
    if not standards_confirmed:
        errors.append(("standards_confirmed", "Ban công tác Mặt trận phải xác nhận người ứng cử đủ tiêu chuẩn: "
                                              "phẩm chất đạo đức tốt, có uy tín, sức khỏe, hiểu biết chính sách, "
                                              "pháp luật và tự nguyện tham gia (R-TTND-07)."))
    held_on = vote.held_on if isinstance(vote.held_on, dt.date) else None
    if term and group and held_on:
        errors.extend(form_problems(vote.form, term.id, group.id, (kind,)))  # R-BQ-07
        if held_on > term.end_on:
            errors.append(("held_on", f"Ngày họp sau khi {term.name} kết thúc ({format_date(term.end_on)})."))
        if kind == "bau_bo_sung" and not by_election_allowed(core, term, held_on):  # R-TTND-05
            months = core.rules.value("R-TTND-05.by_election_min_remaining_months", held_on)
            errors.append(("held_on", f"Chỉ bầu bổ sung khi nhiệm kỳ còn ít nhất {months} tháng (R-TTND-05); "
                                      f"{term.name} kết thúc ngày {format_date(term.end_on)}."))
        if kind == "bau" and MemberRow.select().where(MemberRow.term == term.id, MemberRow.group == group.id,
                                                      MemberRow.state == "left").exists():
            errors.append(("kind", "Ghế của tổ dân phố này đã trống giữa nhiệm kỳ: hãy ghi nhận là bầu bổ sung."))
        errors.extend(_seat_problems(core, term, group.id, held_on))  # R-TTND-02
    if person is not None and group is not None:
        errors.extend(("candidate_id", p) for p in eligibility_problems(person.id, group.id))  # R-TTND-07
        if term and MemberRow.select().where(MemberRow.term == term.id, MemberRow.person == person.id,
                                             MemberRow.state != "left").exists():
            errors.append(("candidate_id", f"{person.full_name} đã là thành viên Ban trong nhiệm kỳ này."))
    if errors:
        raise ValidationError(errors)
    if check_only:
        return None
    passed = vote_passes(core, vote)  # R-TTND-01, R-BQ-33
    with write_transaction():
        member_row = None
        if passed:
            member_row = MemberRow.create(term=term.id, person=person.id, full_name=person.full_name,
                                          group=group.id, elected_on=held_on)
        meeting = MeetingRow.create(term=term.id, group=group.id, kind=kind, form=vote.form, held_on=held_on,
                                    total_households=vote.total_households, attending=vote.attending,
                                    votes_for=vote.votes_for, passed=passed, candidate=person.id,
                                    member=member_row.id if member_row else None, note=clean(note))
        audit.record(f"thanhtra.meeting.{kind}", "thanhtra_meeting", meeting.id, actor=actor,
                     after={"group": group.name, "held_on": held_on, "form": vote.form,
                            "total_households": vote.total_households, "attending": vote.attending,
                            "votes_for": vote.votes_for, "passed": passed,
                            "member_id": member_row.id if member_row else None})
    return get_meeting(meeting.id), (get_member(member_row.id) if member_row else None)


def remove_member(core: CoreServices, member_id: int, *, kind: str, proposal_ref: str, proposed_on: dt.date | None,
                  vote: HouseholdVote, note: str = "", actor: Actor,
                  check_only: bool = False, electorate_total: int | None = None) -> tuple[Meeting, Member] | None:
    """R-TTND-06: UB MTTQ proposes removal (bãi nhiệm) or release (cho thôi); the group
    that elected the member decides by its households' vote (> half of all households,
    R-BQ-33). A failed vote is recorded and the member stays."""
    core.access.require(actor, P_BOARD, board_scope(member_id))
    member = get_member(member_id)
    if member.state == "left":
        raise IllegalTransition(f"{member.full_name} đã thôi làm thành viên.")
    errors = []
    if kind not in REMOVAL_KINDS:
        errors.append(("kind", "Vui lòng chọn bãi nhiệm hoặc cho thôi làm thành viên."))
    if not clean(proposal_ref):
        errors.append(("proposal_ref", "Vui lòng nhập số văn bản đề nghị của Ủy ban MTTQ (R-TTND-06)."))
    if proposed_on is None:
        errors.append(("proposed_on", "Vui lòng nhập ngày Ủy ban MTTQ đề nghị (dd/mm/yyyy)."))
    vote = with_register_total(vote, member.group_id, electorate_total)  # R-BQ-28: the register
    errors.extend(vote_problems(vote))
    held_on = vote.held_on if isinstance(vote.held_on, dt.date) else None
    if proposed_on and held_on and held_on < proposed_on:
        errors.append(("held_on", "Cuộc họp phải diễn ra sau khi Ủy ban MTTQ có đề nghị (R-TTND-06)."))
    if not errors:
        errors.extend(form_problems(vote.form, member.term_id, member.group_id, REMOVAL_KINDS))  # R-BQ-07
    if errors:
        raise ValidationError(errors)
    if check_only:
        return None
    passed = vote_passes(core, vote)  # R-BQ-33
    with write_transaction():
        meeting = MeetingRow.create(term=member.term_id, group=member.group_id, kind=kind, form=vote.form,
                                    held_on=held_on, total_households=vote.total_households,
                                    attending=vote.attending, votes_for=vote.votes_for, passed=passed,
                                    candidate=member.person_id, member=member.id,
                                    proposal_ref=clean(proposal_ref)[:100], proposed_on=proposed_on,
                                    note=clean(note))
        if passed:
            MemberRow.update(state="left", left_on=held_on, left_reason=kind, office="uy_vien").where(
                MemberRow.id == member.id).execute()
        audit.record(f"thanhtra.meeting.{kind}", "thanhtra_meeting", meeting.id, actor=actor,
                     before={"member_state": member.state},
                     after={"member_id": member.id, "passed": passed, "held_on": held_on,
                            "votes_for": vote.votes_for, "total_households": vote.total_households,
                            "proposal_ref": clean(proposal_ref)})
    return get_meeting(meeting.id), get_member(member.id)


# ---------------------------------------------------------------------------
# the households' vote on the engine (core.voting)
# ---------------------------------------------------------------------------

def _open(core: CoreServices, *, group_id: int, title: str, form: str, data: dict, actor: Actor,
          at: dt.datetime | None) -> voting.Vote:
    with write_transaction():
        vote = voting.open_vote(core, ref=f"{VOTE_REF}:{data['group_id']}", title=title, kind=MATTER_KIND,
                                unit_ids=[group_id], form=ENGINE_FORMS[form], options=("dong_y", "khong_dong_y"),
                                agree_option="dong_y", data={**data, "form": form}, actor=actor, at=at)
        audit.record("thanhtra.vote_opened", "thanhtra_meeting", vote.id, actor=actor,
                     after={"vote_id": vote.id, **{k: v for k, v in data.items() if k != "note"}})
    return vote


def open_seat_vote(core: CoreServices, *, term_id: int | None, group_id: int | None, candidate_id: int | None,
                   held_on: dt.date | None, form: str = "hop_cong_dong", kind: str = "bau",
                   standards_confirmed: bool = False, note: str = "", actor: Actor,
                   at: dt.datetime | None = None) -> voting.Vote:
    """Open the households' vote electing a member: every check of :func:`record_election`
    first (seat, candidate, form, R-TTND-01…07, R-BQ-07); the electorate is the register."""
    record_election(core, term_id=term_id, group_id=group_id, candidate_id=candidate_id,
                    vote=HouseholdVote(form, held_on, 0, 0), kind=kind, standards_confirmed=standards_confirmed,
                    note=note, actor=actor, check_only=True)
    person = PersonRow.get_by_id(candidate_id)
    group = UnitRow.get_by_id(group_id)
    return _open(core, group_id=group.id, title=f"Bầu {person.full_name} làm thành viên Ban Thanh tra nhân dân "
                 f"({group.name})", form=form, actor=actor, at=at,
                 data={"action": "election", "term_id": term_id, "group_id": group.id, "candidate_id": person.id,
                       "kind": kind, "held_on": held_on.isoformat(), "note": clean(note)})


def open_removal_vote(core: CoreServices, member_id: int, *, kind: str, proposal_ref: str,
                      proposed_on: dt.date | None, held_on: dt.date | None, form: str = "hop_cong_dong",
                      note: str = "", actor: Actor, at: dt.datetime | None = None) -> voting.Vote:
    """Open the households' vote on the Front's proposal to remove or release a member
    (R-TTND-06) after the checks of :func:`remove_member`."""
    remove_member(core, member_id, kind=kind, proposal_ref=proposal_ref, proposed_on=proposed_on,
                  vote=HouseholdVote(form, held_on, 0, 0), note=note, actor=actor, check_only=True)
    member = get_member(member_id)
    group = UnitRow.get_by_id(member.group_id)
    what = "Bãi nhiệm" if kind == "bai_nhiem" else "Cho thôi làm"
    return _open(core, group_id=group.id, title=f"{what} thành viên Ban Thanh tra nhân dân {member.full_name}",
                 form=form, actor=actor, at=at,
                 data={"action": "removal", "member_id": member.id, "group_id": group.id, "kind": kind,
                       "proposal_ref": clean(proposal_ref), "proposed_on": proposed_on.isoformat(),
                       "held_on": held_on.isoformat(), "note": clean(note)})


def _our_vote(vote_id: int) -> voting.VoteRow:
    row = voting.VoteRow.get_or_none(voting.VoteRow.id == vote_id)
    if row is None or not row.ref.startswith(f"{VOTE_REF}:"):
        raise NotFound("Không tìm thấy cuộc biểu quyết của Ban Thanh tra nhân dân.")
    return row


def record_seat_choices(core: CoreServices, vote_id: int, picks: dict[int, str], *, channel: str = "meeting",
                        actor: Actor, at: dt.datetime | None = None) -> voting.VoteResult:
    """Record households' choices (household id -> ``dong_y`` / ``khong_dong_y``) at the
    meeting or on paper; a household counts once (the engine's precedence)."""
    _our_vote(vote_id)
    core.access.require(actor, P_BOARD, board_scope())
    with write_transaction():
        for household_id, choice in picks.items():
            voting.record_choice(core, vote_id, household_id, choice, channel=channel, actor=actor, at=at)
    return voting.tally(core, vote_id)


def close_seat_vote(core: CoreServices, vote_id: int, *, actor: Actor,
                    at: dt.datetime | None = None) -> tuple[Meeting, Member | None]:
    """Close the vote: the engine counts it against all households of the register and
    fires ``vote_closed``, where :func:`apply_closed_vote` records the meeting and the
    member (one transaction: a refused seat rolls the closing back)."""
    _our_vote(vote_id)
    core.access.require(actor, P_BOARD, board_scope())
    with write_transaction():
        voting.close_vote(core, vote_id, actor=actor, at=at)
        row = MeetingRow.select().where(MeetingRow.vote_id == vote_id).get()
    meeting = get_meeting(row.id)
    return meeting, (get_member(meeting.member_id) if meeting.member_id else None)


def seat_vote(core: CoreServices, vote_id: int, *, actor: Actor
              ) -> tuple[voting.VoteResult, list[tuple[int, str, str]]]:
    """A seat vote for the staff page: its running count and every household of the
    group's register with its counted choice ("" when none yet)."""
    row = _our_vote(vote_id)
    core.access.require(actor, P_BOARD, board_scope())
    counted = {c.household_id: c.options[0] for c in voting.choices(vote_id) if c.counted}
    group_id = row.data.get("group_id")
    households = [(h.id, h.code, counted.get(h.id, "")) for h in HouseholdRow.select(HouseholdRow.id, HouseholdRow.code)
                  .where(HouseholdRow.group == group_id, HouseholdRow.active == True)  # noqa: E712
                  .order_by(HouseholdRow.code)]
    return voting.tally(core, vote_id), households


def apply_closed_vote(core: CoreServices, result: voting.VoteResult) -> None:
    """``vote_closed``: a vote of thanhtra's closed — record its result on the seat."""
    if not result.ref.startswith(f"{VOTE_REF}:"):
        return
    row = _our_vote(result.vote_id)
    data = dict(row.data)
    actor = actor_for_person(row.closed_by_id, row.closed_by_name) if row.closed_by_id else SYSTEM_ACTOR
    tally = HouseholdVote(data["form"], dt.date.fromisoformat(data["held_on"]), result.participated,
                          result.counts.get("dong_y", 0), total_households=result.electorate_total)
    if data["action"] == "election":
        meeting, _ = record_election(core, term_id=data["term_id"], group_id=data["group_id"],
                                     candidate_id=data["candidate_id"], vote=tally, kind=data["kind"],
                                     standards_confirmed=True, note=data.get("note", ""), actor=actor,
                                     electorate_total=result.electorate_total)
    else:
        meeting, _ = remove_member(core, data["member_id"], kind=data["kind"], proposal_ref=data["proposal_ref"],
                                   proposed_on=dt.date.fromisoformat(data["proposed_on"]), vote=tally,
                                   note=data.get("note", ""), actor=actor, electorate_total=result.electorate_total)
    MeetingRow.update(vote_id=result.vote_id).where(MeetingRow.id == meeting.id).execute()


# ---------------------------------------------------------------------------
# what was decided
# ---------------------------------------------------------------------------

def _meeting(row: MeetingRow) -> Meeting:
    return to_type(Meeting, row, term_id=row.term_id, group_id=row.group_id, group_name=row.group.name,
                   candidate_name=row.candidate.full_name if row.candidate_id else "", member_id=row.member_id)


def get_meeting(meeting_id: int) -> Meeting:
    row = MeetingRow.get_or_none(MeetingRow.id == meeting_id)
    if row is None:
        raise NotFound(f"Không tìm thấy cuộc họp số {meeting_id}.")
    return _meeting(row)


def meetings(term_id: int | None, *, member_id: int | None = None, limit: int = 200) -> list[Meeting]:
    """The meetings of a term (of one member's seat), newest first."""
    if term_id is None:
        return []
    q = MeetingRow.select().where(MeetingRow.term == term_id)
    if member_id is not None:
        q = q.where(MeetingRow.member == member_id)
    return [_meeting(r) for r in q.order_by(MeetingRow.held_on.desc(), MeetingRow.id.desc()).limit(limit)]
