"""Operations of the thanhtra plan module (Ban Thanh tra nhân dân — People's Inspection
Board; plan section III.2.3a, rules R-TTND-01..14, R-BQ-33, R-PA-09).

The only code that writes the ``thanhtra_*`` tables. Every legal number is read from the
rule book for the date that triggers it; every change is audit-logged or recorded by
the case engine; every bad input raises a Vietnamese :class:`ValidationError` before
anything is stored.
"""
from __future__ import annotations

import calendar as _cal
import datetime as dt
from fractions import Fraction
from typing import Any

from thanthien.core import audit, people
from thanthien.core.documents import Issuer
from thanthien.core.errors import IllegalTransition, NotFound, PermissionDenied, ValidationError
from thanthien.core.models import CaseRow, HouseholdRow, PersonRow, RoleGrantRow, UnitRow, to_type
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import COMMUNITY_UNIT_KINDS, SYSTEM_ACTOR, Actor, Case

from .models import (ComplaintResultRow, InspectionRow, MeetingRow, MemberRow, PetitionRow, RecommendationRow,
                     ReportRow, TermRow, WorkPlanRow)
from .types import (CHANNELS, HEAD_TERMS, MEETING_FORMS, OFFICES, PETITION, PLAN_PERIODS, PLUGIN,
                    RECOMMENDATION, REPORT_PERIODS, Inspection, Meeting, Member, Recommendation, Report, SeatStatus,
                    Term, WorkPlan)

WORK = "thanhtra.work"
BOARD = "thanhtra.board"
RECOGNISE = "thanhtra.recognise"
ANSWER = "thanhtra.answer"

#: R-TTND-07: units whose staff are commune cadres or civil servants (cán bộ, công chức cấp xã).
INELIGIBLE_UNIT_KINDS = ("peoples_committee", "department", "service_center", "front_committee")
#: R-TTND-07: roles held by commune cadres, civil servants or part-time workers of the
#: commune or a residential group (the Tổ trưởng is a part-time worker, R-DV-06).
INELIGIBLE_ROLES = ("chairperson", "vice_chairperson", "one_stop_officer", "department_officer", "group_head",
                    "reception_officer")
#: Complaint case types whose results the UBND shares with the board (R-TTND-12): the key
#: tiepdan declares (read, not imported: plugins never import each other). The
#: ``case_closed`` hook receives no settings, so this is not ward configuration yet.
COMPLAINT_CASE_TYPES = ("khieu_nai",)
FRONT_STANDING = "Ban Thường trực Ủy ban MTTQ Việt Nam phường"
ARCHIVE = "Lưu: Ban Thanh tra nhân dân"


# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------


def board_issuer(settings) -> Issuer:
    """The board issues its own documents (R-VB-09, R-VB-10: "…/KH-BTTND"), under the
    Front Committee that organises it (R-VB-08)."""
    return Issuer(f"Ban Thanh tra nhân dân {settings.ward.name}", "BTTND",
                  f"Ủy ban Mặt trận Tổ quốc Việt Nam {settings.ward.name}")

def _require(services, actor: Actor | None, permission: str) -> None:
    if not services.access.can(actor, permission):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def _clean(text: Any) -> str:
    return str(text or "").strip()


def _int(value: Any, field: str, label: str, errors: list) -> int | None:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        errors.append((field, f"{label} phải là số nguyên."))
        return None
    if n < 0:
        errors.append((field, f"{label} không được âm."))
        return None
    return n


def _date(value: Any, field: str, label: str, errors: list) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    errors.append((field, f"Vui lòng nhập {label} (dd/mm/yyyy)."))
    return None


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the last day of the month when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def board_unit_id() -> int | None:
    """The board's unit (kind ``inspection_board``) if the ward has one."""
    row = UnitRow.select().where(UnitRow.kind == "inspection_board", UnitRow.active == True).first()  # noqa: E712
    return row.id if row else None


def community_groups() -> list:
    return people.list_units(COMMUNITY_UNIT_KINDS)


def _group(group_id: Any, errors: list):
    row = UnitRow.get_or_none(UnitRow.id == group_id) if str(group_id or "").isdigit() else None
    if row is None or row.kind not in COMMUNITY_UNIT_KINDS:
        errors.append(("group_id", "Vui lòng chọn tổ dân phố (thôn)."))
        return None
    return row


def config(settings) -> dict:
    own = settings.for_plugin(PLUGIN)
    return {"head_term": str(own.get("head_term", "long"))}


# ---------------------------------------------------------------------------
# terms (R-TTND-04)
# ---------------------------------------------------------------------------

def _term(row: TermRow) -> Term:
    return to_type(Term, row)


def create_term(services, *, start_on: dt.date, head_term: str | None = None, name: str = "",
                actor: Actor = SYSTEM_ACTOR) -> Term:
    """Open a term of the board. R-TTND-04: the term equals the residential-group heads'
    term, 2.5 or 5 years as the province set it (R-DV-08, ``head_term`` short/long)."""
    _require(services, actor, BOARD)
    head_term = head_term or config(services.settings)["head_term"]
    errors: list = []
    start_on = _date(start_on, "start_on", "ngày bắt đầu nhiệm kỳ", errors)
    if head_term not in HEAD_TERMS:
        errors.append(("head_term", "Nhiệm kỳ của Tổ trưởng tổ dân phố không hợp lệ."))
    if errors:
        raise ValidationError(errors)
    years = Fraction(str(services.rules.value(HEAD_TERMS[head_term], start_on)))
    end_on = add_months(start_on, int(years * 12)) - dt.timedelta(days=1)
    overlap = TermRow.select().where(TermRow.start_on <= end_on, TermRow.end_on >= start_on).first()
    if overlap is not None:
        raise ValidationError([("start_on", f"Nhiệm kỳ trùng với {overlap.name} "
                                            f"({format_date(overlap.start_on)} – {format_date(overlap.end_on)}).")])
    name = _clean(name) or f"Nhiệm kỳ {start_on.year}–{end_on.year}"
    with write_transaction():
        row = TermRow.create(name=name[:100], start_on=start_on, end_on=end_on, head_term=head_term)
        audit.record("thanhtra.term.create", "thanhtra_term", row.id, actor=actor,
                     after={"name": row.name, "start_on": start_on, "end_on": end_on, "head_term": head_term})
    return _term(row)


def terms() -> list[Term]:
    return [_term(r) for r in TermRow.select().order_by(TermRow.start_on.desc())]


def get_term(term_id: int) -> Term:
    row = TermRow.get_or_none(TermRow.id == term_id)
    if row is None:
        raise NotFound(f"Không tìm thấy nhiệm kỳ số {term_id}.")
    return _term(row)


def current_term(on: dt.date | None = None) -> Term | None:
    """The term running on ``on`` (today), else the latest one."""
    on = on or dt.date.today()
    row = (TermRow.select().where(TermRow.start_on <= on, TermRow.end_on >= on).first()
           or TermRow.select().order_by(TermRow.start_on.desc()).first())
    return _term(row) if row else None


def _require_term(term_id: Any, errors: list) -> Term | None:
    row = TermRow.get_or_none(TermRow.id == term_id) if str(term_id or "").isdigit() else None
    if row is None:
        errors.append(("term_id", "Chưa có nhiệm kỳ của Ban; vui lòng tạo nhiệm kỳ trước."))
        return None
    return _term(row)


# ---------------------------------------------------------------------------
# members and seats (R-TTND-01, 02, 03, 05, 06, 07)
# ---------------------------------------------------------------------------

def _member(row: MemberRow) -> Member:
    return to_type(Member, row, term_id=row.term_id, person_id=row.person_id, group_id=row.group_id,
                   group_name=row.group.name)


def get_member(member_id: int) -> Member:
    row = MemberRow.get_or_none(MemberRow.id == member_id)
    if row is None:
        raise NotFound(f"Không tìm thấy thành viên số {member_id}.")
    return _member(row)


def members(term_id: int | None, *, include_left: bool = False) -> list[Member]:
    if term_id is None:
        return []
    q = (MemberRow.select(MemberRow, UnitRow).join(UnitRow, on=(MemberRow.group == UnitRow.id))
         .where(MemberRow.term == term_id).order_by(UnitRow.sort, UnitRow.code, MemberRow.id))
    if not include_left:
        q = q.where(MemberRow.state != "left")
    return [_member(r) for r in q]


def required_seats(rules, groups: int, on: dt.date) -> int:
    """R-TTND-02: one member per thôn/TDP, at least ``min_members``; a commune with fewer
    than ``small_commune_below_units`` thôn/TDP elects at most ``small_commune_max_members``."""
    per_unit = int(rules.value("R-TTND-02.members_per_community_unit", on))
    seats = max(groups * per_unit, int(rules.value("R-TTND-02.min_members", on)))
    if groups < int(rules.value("R-TTND-02.small_commune_below_units", on)):
        seats = min(seats, int(rules.value("R-TTND-02.small_commune_max_members", on)))
    return seats


def seat_status(services, term_id: int | None, on: dt.date | None = None) -> SeatStatus:
    """Seats required and filled; warns about every group without a member (R-TTND-02)."""
    on = on or dt.date.today()
    groups = community_groups()
    required = required_seats(services.rules, len(groups), on)
    current = members(term_id)
    active = [m for m in current if m.state == "active"]
    waiting = [m for m in current if m.state == "elected"]
    seated = {m.group_id for m in current}
    missing_groups = tuple(g.name for g in groups if g.id not in seated)
    warnings = []
    if term_id is None:
        warnings.append("Chưa có nhiệm kỳ của Ban Thanh tra nhân dân.")
    elif len(active) < required:
        text = f"Ban cần {required} thành viên (R-TTND-02), hiện có {len(active)} thành viên đã được công nhận"
        if waiting:
            text += f", {len(waiting)} người trúng cử đang chờ Ủy ban MTTQ công nhận"
        warnings.append(text + ".")
        if missing_groups:
            shown = ", ".join(missing_groups[:10]) + (" …" if len(missing_groups) > 10 else "")
            warnings.append(f"{len(missing_groups)} tổ dân phố chưa có thành viên: {shown}.")
    return SeatStatus(len(groups), required, len(active), len(waiting), missing_groups, tuple(warnings))


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


def _passes(services, ref: str, votes: int, base: int, on: dt.date) -> bool:
    """More than the percentage ``ref`` of ``base`` (all households, all members)."""
    return base > 0 and Fraction(votes, base) > services.rules.fraction(ref, on)


def by_election_allowed(services, term: Term, on: dt.date) -> bool:
    """R-TTND-05: a vacant seat is filled by by-election only while ≥ 6 months of the term remain."""
    months = int(services.rules.value("R-TTND-05.by_election_min_remaining_months", on))
    return add_months(on, months) <= term.end_on


def _vote_numbers(values: dict, errors: list) -> tuple:
    total = _int(values.get("total_households"), "total_households", "Tổng số hộ gia đình", errors)
    attending = _int(values.get("attending"), "attending", "Số đại diện hộ dự họp, bỏ phiếu", errors)
    votes = _int(values.get("votes_for"), "votes_for", "Số phiếu đồng ý", errors)
    if total is not None and total == 0:
        errors.append(("total_households", "Tổng số hộ gia đình phải lớn hơn 0."))
    if None not in (total, attending) and attending > total:
        errors.append(("attending", "Số đại diện hộ dự họp không được lớn hơn tổng số hộ gia đình."))
    if None not in (attending, votes) and votes > attending:
        errors.append(("votes_for", "Số phiếu đồng ý không được lớn hơn số đại diện hộ dự họp."))
    return total, attending, votes


def _check_form(form: str, term_id: int, group_id: int, kinds: tuple[str, ...], errors: list) -> None:
    """R-BQ-07: k.5 matters are decided at a community meeting; household ballots only when
    the meeting lacked enough households to pass (R-BQ-17(b), R-BQ-37); never online."""
    if form not in MEETING_FORMS:
        errors.append(("form", "Việc bầu, bãi nhiệm thành viên Ban Thanh tra nhân dân phải qua họp cộng đồng dân cư "
                               "hoặc phát phiếu lấy ý kiến hộ gia đình (R-BQ-07)."))
    elif form == "phat_phieu_ho":
        failed = MeetingRow.select().where(MeetingRow.term == term_id, MeetingRow.group == group_id,
                                           MeetingRow.kind.in_(kinds), MeetingRow.form == "hop_cong_dong",
                                           MeetingRow.passed == False).exists()  # noqa: E712
        if not failed:
            errors.append(("form", "Chỉ phát phiếu lấy ý kiến hộ gia đình khi cuộc họp cộng đồng dân cư trước đó "
                                   "không đủ số hộ đồng ý (R-BQ-17, R-BQ-37)."))


def _seat_errors(services, term: Term, group_id: int, on: dt.date) -> list:
    """R-TTND-02: one seat per group (more only in a small commune), never beyond the total."""
    current = members(term.id)
    groups = community_groups()
    required = required_seats(services.rules, len(groups), on)
    per_unit = int(services.rules.value("R-TTND-02.members_per_community_unit", on))
    in_group = sum(1 for m in current if m.group_id == group_id)
    errors = []
    if len(current) >= required:
        errors.append(("group_id", f"Ban đã đủ {required} thành viên (R-TTND-02)."))
    elif in_group >= per_unit and required <= len(groups) * per_unit:
        errors.append(("group_id", "Tổ dân phố này đã có thành viên Ban Thanh tra nhân dân (R-TTND-02); chỉ bầu "
                                   "bổ sung khi thành viên đó thôi làm thành viên."))
    return errors


def record_election(services, *, term_id: int, group_id: int, candidate_id: int, held_on: dt.date,
                    total_households: Any, attending: Any, votes_for: Any, kind: str = "bau",
                    form: str = "hop_cong_dong", standards_confirmed: bool = False, note: str = "",
                    actor: Actor = SYSTEM_ACTOR) -> tuple[Meeting, Member | None]:
    """Record a community meeting electing (or by-electing) a board member.

    R-TTND-01 / R-BQ-33: passes with more than half of ALL households of the group; the
    member then waits for the UB MTTQ recognition (:func:`recognise_member`). A failed
    vote is recorded too. Nothing is stored when an input or a rule check fails.
    """
    _require(services, actor, BOARD)
    errors: list = []
    term = _require_term(term_id, errors)
    group = _group(group_id, errors)
    held_on = _date(held_on, "held_on", "ngày họp", errors)
    if kind not in ("bau", "bau_bo_sung"):
        errors.append(("kind", "Loại cuộc bầu không hợp lệ."))
    numbers = {"total_households": total_households, "attending": attending, "votes_for": votes_for}
    total, present, votes = _vote_numbers(numbers, errors)
    person = PersonRow.get_or_none(PersonRow.id == candidate_id) if str(candidate_id or "").isdigit() else None
    if person is None:
        errors.append(("candidate_id", "Vui lòng chọn người ứng cử."))
    if not standards_confirmed:
        errors.append(("standards_confirmed", "Ban công tác Mặt trận phải xác nhận người ứng cử đủ tiêu chuẩn: phẩm chất đạo đức "
                                              "tốt, có uy tín, sức khỏe, hiểu biết chính sách, pháp luật và tự nguyện "
                                              "tham gia (R-TTND-07)."))
    if term and group and held_on:
        _check_form(form, term.id, group.id, (kind,), errors)
        if held_on > term.end_on:
            errors.append(("held_on", f"Ngày họp sau khi {term.name} kết thúc ({format_date(term.end_on)})."))
        if kind == "bau_bo_sung" and not by_election_allowed(services, term, held_on):  # R-TTND-05
            months = services.rules.value("R-TTND-05.by_election_min_remaining_months", held_on)
            errors.append(("held_on", f"Chỉ bầu bổ sung khi nhiệm kỳ còn ít nhất {months} tháng (R-TTND-05); "
                                      f"{term.name} kết thúc ngày {format_date(term.end_on)}."))
        if kind == "bau" and MemberRow.select().where(MemberRow.term == term.id, MemberRow.group == group.id,
                                                      MemberRow.state == "left").exists():
            errors.append(("kind", "Ghế của tổ dân phố này đã trống giữa nhiệm kỳ: hãy ghi nhận là bầu bổ sung."))
        errors.extend(_seat_errors(services, term, group.id, held_on))
    if person is not None and group is not None:
        errors.extend(("candidate_id", p) for p in eligibility_problems(person.id, group.id))  # R-TTND-07
        if term and MemberRow.select().where(MemberRow.term == term.id, MemberRow.person == person.id,
                                             MemberRow.state != "left").exists():
            errors.append(("candidate_id", f"{person.full_name} đã là thành viên Ban trong nhiệm kỳ này."))
    if errors:
        raise ValidationError(errors)
    passed = _passes(services, "R-TTND-01.more_than_percent", votes, total, held_on)  # R-TTND-01, R-BQ-33
    with write_transaction():
        member_row = None
        if passed:
            member_row = MemberRow.create(term=term.id, person=person.id, full_name=person.full_name,
                                          group=group.id, elected_on=held_on)
        meeting = MeetingRow.create(term=term.id, group=group.id, kind=kind, form=form, held_on=held_on,
                                    total_households=total, attending=present, votes_for=votes, passed=passed,
                                    candidate=person.id, member=member_row.id if member_row else None,
                                    note=_clean(note))
        audit.record(f"thanhtra.meeting.{kind}", "thanhtra_meeting", meeting.id, actor=actor,
                     after={"group": group.name, "held_on": held_on, "form": form, "total_households": total,
                            "attending": present, "votes_for": votes, "passed": passed,
                            "member_id": member_row.id if member_row else None})
    return get_meeting(meeting.id), (get_member(member_row.id) if member_row else None)


def get_meeting(meeting_id: int) -> Meeting:
    row = MeetingRow.get_or_none(MeetingRow.id == meeting_id)
    if row is None:
        raise NotFound(f"Không tìm thấy cuộc họp số {meeting_id}.")
    return to_type(Meeting, row, term_id=row.term_id, group_id=row.group_id, group_name=row.group.name,
                   candidate_name=row.candidate.full_name if row.candidate_id else "", member_id=row.member_id)


def meetings(term_id: int | None, limit: int = 200) -> list[Meeting]:
    if term_id is None:
        return []
    q = MeetingRow.select().where(MeetingRow.term == term_id).order_by(MeetingRow.held_on.desc(),
                                                                       MeetingRow.id.desc()).limit(limit)
    return [get_meeting(r.id) for r in q]


def recognise_member(services, member_id: int, *, recognised_on: dt.date, decision_ref: str,
                     actor: Actor = SYSTEM_ACTOR) -> Member:
    """R-BQ-33: the election takes effect on the UB MTTQ recognition decision."""
    _require(services, actor, RECOGNISE)
    errors: list = []
    recognised_on = _date(recognised_on, "recognised_on", "ngày công nhận", errors)
    if not _clean(decision_ref):
        errors.append(("decision_ref", "Vui lòng nhập số quyết định công nhận của Ủy ban MTTQ."))
    member = get_member(member_id)
    if member.state != "elected":
        raise IllegalTransition(f"{member.full_name} không ở trạng thái chờ công nhận.")
    if recognised_on and recognised_on < member.elected_on:
        errors.append(("recognised_on", "Ngày công nhận không được trước ngày bầu."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        MemberRow.update(state="active", recognised_on=recognised_on,
                         recognition_ref=_clean(decision_ref)[:100]).where(MemberRow.id == member_id).execute()
        audit.record("thanhtra.member.recognise", "thanhtra_member", member_id, actor=actor,
                     before={"state": "elected"}, after={"state": "active", "recognised_on": recognised_on,
                                                         "decision_ref": _clean(decision_ref)})
    return get_member(member_id)


def set_office(services, member_id: int, *, office: str, decided_on: dt.date,
               actor: Actor = SYSTEM_ACTOR) -> Member:
    """R-TTND-03: one Trưởng ban, at most ``max_deputies`` Phó Trưởng ban, the others
    Ủy viên; elected by the board at a meeting organised by UB MTTQ (``decided_on``)."""
    _require(services, actor, BOARD)
    errors: list = []
    decided_on = _date(decided_on, "decided_on", "ngày họp bầu chức danh", errors)
    if office not in OFFICES:
        errors.append(("office", "Chức danh không hợp lệ."))
    if errors:
        raise ValidationError(errors)
    member = get_member(member_id)
    if member.state != "active":
        raise IllegalTransition(f"{member.full_name} chưa được Ủy ban MTTQ công nhận hoặc đã thôi làm thành viên.")
    others = [m for m in members(member.term_id) if m.id != member.id and m.state == "active"]
    if office == "truong_ban":
        head = next((m for m in others if m.office == "truong_ban"), None)
        if head is not None:
            raise ValidationError([("office", f"Ban đã có Trưởng ban ({head.full_name}); hãy chuyển người đó sang "
                                              f"chức danh khác trước (R-TTND-03).")])
    if office == "pho_truong_ban":
        limit = int(services.rules.value("R-TTND-03.max_deputies", decided_on))
        if sum(1 for m in others if m.office == "pho_truong_ban") >= limit:
            raise ValidationError([("office", f"Ban có tối đa {limit} Phó Trưởng ban (R-TTND-03).")])
    with write_transaction():
        MemberRow.update(office=office, office_decided_on=decided_on).where(MemberRow.id == member_id).execute()
        audit.record("thanhtra.member.office", "thanhtra_member", member_id, actor=actor,
                     before={"office": member.office}, after={"office": office, "decided_on": decided_on})
    return get_member(member_id)


def remove_member(services, member_id: int, *, kind: str, proposal_ref: str, proposed_on: dt.date,
                  held_on: dt.date, total_households: Any, attending: Any, votes_for: Any,
                  form: str = "hop_cong_dong", note: str = "", actor: Actor = SYSTEM_ACTOR) -> tuple[Meeting, Member]:
    """R-TTND-06: UB MTTQ proposes removal (bãi nhiệm) or release (cho thôi); the group
    that elected the member decides at a community meeting (> half of all households,
    R-BQ-33). A failed vote is recorded and the member stays."""
    _require(services, actor, BOARD)
    member = get_member(member_id)
    if member.state == "left":
        raise IllegalTransition(f"{member.full_name} đã thôi làm thành viên.")
    errors: list = []
    if kind not in ("bai_nhiem", "cho_thoi"):
        errors.append(("kind", "Vui lòng chọn bãi nhiệm hoặc cho thôi làm thành viên."))
    if not _clean(proposal_ref):
        errors.append(("proposal_ref", "Vui lòng nhập số văn bản đề nghị của Ủy ban MTTQ (R-TTND-06)."))
    proposed_on = _date(proposed_on, "proposed_on", "ngày Ủy ban MTTQ đề nghị", errors)
    held_on = _date(held_on, "held_on", "ngày họp", errors)
    if proposed_on and held_on and held_on < proposed_on:
        errors.append(("held_on", "Cuộc họp phải diễn ra sau khi Ủy ban MTTQ có đề nghị (R-TTND-06)."))
    total, present, votes = _vote_numbers({"total_households": total_households, "attending": attending,
                                           "votes_for": votes_for}, errors)
    if not errors:
        _check_form(form, member.term_id, member.group_id, ("bai_nhiem", "cho_thoi"), errors)
    if errors:
        raise ValidationError(errors)
    passed = _passes(services, "R-TTND-01.more_than_percent", votes, total, held_on)  # R-BQ-33
    with write_transaction():
        meeting = MeetingRow.create(term=member.term_id, group=member.group_id, kind=kind, form=form,
                                    held_on=held_on, total_households=total, attending=present, votes_for=votes,
                                    passed=passed, candidate=member.person_id, member=member.id,
                                    proposal_ref=_clean(proposal_ref)[:100], proposed_on=proposed_on,
                                    note=_clean(note))
        if passed:
            MemberRow.update(state="left", left_on=held_on, left_reason=kind, office="uy_vien").where(
                MemberRow.id == member.id).execute()
        audit.record(f"thanhtra.meeting.{kind}", "thanhtra_meeting", meeting.id, actor=actor,
                     before={"member_state": member.state},
                     after={"member_id": member.id, "passed": passed, "held_on": held_on, "votes_for": votes,
                            "total_households": total, "proposal_ref": _clean(proposal_ref)})
    return get_meeting(meeting.id), get_member(member.id)


def candidates(group_id: int, query: str = "", limit: int = 30) -> list[dict]:
    """Residents of a group for the election form (names only)."""
    return [{"id": p.id, "full_name": p.full_name}
            for p in people.search_people_in_groups(query, {group_id}, limit=limit)]


# ---------------------------------------------------------------------------
# plans and inspections (R-TTND-09)
# ---------------------------------------------------------------------------

def _work_plan(row: WorkPlanRow) -> WorkPlan:
    return to_type(WorkPlan, row)


def create_work_plan(services, *, period: str, start_on: dt.date, end_on: dt.date, title: str, content: str,
                     actor: Actor = SYSTEM_ACTOR) -> WorkPlan:
    """R-TTND-09: the board plans per quarter, 6 months, year and term."""
    _require(services, actor, WORK)
    errors: list = []
    if period not in PLAN_PERIODS:
        errors.append(("period", "Vui lòng chọn kỳ kế hoạch: quý, 6 tháng, năm hoặc nhiệm kỳ."))
    start_on = _date(start_on, "start_on", "ngày bắt đầu", errors)
    end_on = _date(end_on, "end_on", "ngày kết thúc", errors)
    if start_on and end_on and end_on < start_on:
        errors.append(("end_on", "Ngày kết thúc phải sau ngày bắt đầu."))
    if not _clean(title):
        errors.append(("title", "Vui lòng nhập tên kế hoạch."))
    if not _clean(content):
        errors.append(("content", "Vui lòng nhập nội dung kế hoạch."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = WorkPlanRow.create(period=period, start_on=start_on, end_on=end_on, title=_clean(title)[:255],
                                 content=_clean(content))
        audit.record("thanhtra.plan.create", "thanhtra_work_plan", row.id, actor=actor,
                     after={"period": period, "start_on": start_on, "end_on": end_on, "title": row.title})
    return _work_plan(row)


def work_plans(limit: int = 100) -> list[WorkPlan]:
    q = WorkPlanRow.select().order_by(WorkPlanRow.start_on.desc(), WorkPlanRow.id.desc()).limit(limit)
    return [_work_plan(r) for r in q]


def latest_send_date(services, inspection_on: dt.date) -> dt.date:
    """R-TTND-09: the last day the specific plan may be sent (≥ N working days before)."""
    n = int(services.rules.value("R-TTND-09.plan_min_working_days_before", inspection_on))
    day = inspection_on
    for _ in range(n):
        day -= dt.timedelta(days=1)
        while not services.calendar.is_working_day(day):
            day -= dt.timedelta(days=1)
    return day


def _inspection(services, row: InspectionRow) -> Inspection:
    return to_type(Inspection, row, work_plan_id=row.work_plan_id,
                   latest_send_on=latest_send_date(services, row.planned_on))


def get_inspection(services, inspection_id: int) -> Inspection:
    row = InspectionRow.get_or_none(InspectionRow.id == inspection_id)
    if row is None:
        raise NotFound(f"Không tìm thấy cuộc kiểm tra, giám sát số {inspection_id}.")
    return _inspection(services, row)


def inspections(services, limit: int = 200) -> list[Inspection]:
    q = InspectionRow.select().order_by(InspectionRow.planned_on.desc(), InspectionRow.id.desc()).limit(limit)
    return [_inspection(services, r) for r in q]


def plan_inspection(services, *, subject: str, content: str, planned_on: dt.date, work_plan_id: int | None = None,
                    actor: Actor = SYSTEM_ACTOR) -> tuple[Inspection, list[str]]:
    """A specific inspection plan; warns when it can no longer be sent in time (R-TTND-09)."""
    _require(services, actor, WORK)
    errors: list = []
    planned_on = _date(planned_on, "planned_on", "ngày kiểm tra, giám sát", errors)
    if not _clean(subject):
        errors.append(("subject", "Vui lòng nhập đối tượng kiểm tra, giám sát."))
    if not _clean(content):
        errors.append(("content", "Vui lòng nhập nội dung kiểm tra, giám sát."))
    if work_plan_id is not None and WorkPlanRow.get_or_none(WorkPlanRow.id == work_plan_id) is None:
        errors.append(("work_plan_id", "Kế hoạch định kỳ không tồn tại."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = InspectionRow.create(subject=_clean(subject)[:255], content=_clean(content), planned_on=planned_on,
                                   work_plan=work_plan_id)
        audit.record("thanhtra.inspection.plan", "thanhtra_inspection", row.id, actor=actor,
                     after={"subject": row.subject, "planned_on": planned_on})
    inspection = _inspection(services, row)
    warnings = []
    if now().date() > inspection.latest_send_on:
        warnings.append(_late_text(services, inspection, now().date()))
    return inspection, warnings


def _late_text(services, inspection: Inspection, sent_on: dt.date) -> str:
    n = services.rules.value("R-TTND-09.plan_min_working_days_before", inspection.planned_on)
    return (f"Kế hoạch kiểm tra, giám sát ngày {format_date(inspection.planned_on)} phải gửi Ủy ban MTTQ, Chủ tịch "
            f"UBND và đối tượng trước ít nhất {n} ngày làm việc, tức chậm nhất ngày "
            f"{format_date(inspection.latest_send_on)}; gửi ngày {format_date(sent_on)} là muộn (R-TTND-09).")


def send_inspection_plan(services, inspection_id: int, *, sent_on: dt.date, signer: Member | None = None,
                         actor: Actor = SYSTEM_ACTOR) -> tuple[Inspection, list[str]]:
    """Send the specific plan to UB MTTQ, the Chủ tịch UBND and the subject (R-TTND-09),
    as a Kế hoạch document; a late sending is allowed but warned about and recorded."""
    _require(services, actor, WORK)
    inspection = get_inspection(services, inspection_id)
    if inspection.state != "planned":
        raise IllegalTransition("Kế hoạch này đã được gửi hoặc cuộc kiểm tra đã kết thúc.")
    errors: list = []
    sent_on = _date(sent_on, "sent_on", "ngày gửi kế hoạch", errors)
    if sent_on and sent_on > inspection.planned_on:
        errors.append(("sent_on", "Ngày gửi kế hoạch không được sau ngày kiểm tra, giám sát."))
    if errors:
        raise ValidationError(errors)
    head = signer or board_head(inspection.planned_on)
    late = sent_on > inspection.latest_send_on
    warnings = [_late_text(services, inspection, sent_on)] if late else []
    with write_transaction():
        doc = services.documents.issue(
            "ke_hoach", subject=f"Kiểm tra, giám sát {inspection.subject}", issued_on=sent_on, actor=actor,
            context={"paragraphs": [f"Ban Thanh tra nhân dân phường xây dựng kế hoạch kiểm tra, giám sát "
                                    f"{inspection.subject} như sau:"],
                     "sections": [{"title": "Nội dung kiểm tra, giám sát", "paragraphs": [inspection.content]},
                                  {"title": "Thời gian", "paragraphs": [
                                      f"Ngày {format_date(inspection.planned_on)}."]}]},
            signer_name=head.full_name, signer_title="Trưởng Ban Thanh tra nhân dân",
            signing_authority="TM. BAN THANH TRA NHÂN DÂN", issuer=board_issuer(services.settings),
            recipients=[FRONT_STANDING, "Chủ tịch UBND phường", inspection.subject, ARCHIVE],
            unit_id=board_unit_id())
        InspectionRow.update(state="sent", sent_on=sent_on, sent_late=late, plan_document_id=doc.id).where(
            InspectionRow.id == inspection_id).execute()
        audit.record("thanhtra.inspection.send", "thanhtra_inspection", inspection_id, actor=actor,
                     before={"state": "planned"}, after={"state": "sent", "sent_on": sent_on, "late": late,
                                                         "document": doc.number_symbol},
                     reason="; ".join(warnings))
    return get_inspection(services, inspection_id), warnings


def record_inspection_result(services, inspection_id: int, *, held_on: dt.date, findings: str,
                             published: bool = False, actor: Actor = SYSTEM_ACTOR) -> Inspection:
    """The inspection took place: findings, and whether the board publishes them."""
    _require(services, actor, WORK)
    inspection = get_inspection(services, inspection_id)
    if inspection.state != "sent":
        raise IllegalTransition("Chỉ ghi kết quả khi kế hoạch kiểm tra, giám sát đã được gửi (R-TTND-09).")
    errors: list = []
    held_on = _date(held_on, "held_on", "ngày kiểm tra, giám sát", errors)
    if not _clean(findings):
        errors.append(("findings", "Vui lòng nhập kết quả kiểm tra, giám sát."))
    if held_on and inspection.sent_on and held_on < inspection.sent_on:
        errors.append(("held_on", "Ngày kiểm tra không được trước ngày gửi kế hoạch."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        InspectionRow.update(state="held", held_on=held_on, findings=_clean(findings), published=bool(published)).where(
            InspectionRow.id == inspection_id).execute()
        audit.record("thanhtra.inspection.result", "thanhtra_inspection", inspection_id, actor=actor,
                     before={"state": "sent"}, after={"state": "held", "held_on": held_on,
                                                      "published": bool(published)})
    return get_inspection(services, inspection_id)


def cancel_inspection(services, inspection_id: int, *, reason: str, actor: Actor = SYSTEM_ACTOR) -> Inspection:
    _require(services, actor, WORK)
    inspection = get_inspection(services, inspection_id)
    if inspection.state not in ("planned", "sent"):
        raise IllegalTransition("Cuộc kiểm tra, giám sát đã kết thúc, không thể hủy.")
    if not _clean(reason):
        raise ValidationError([("reason", "Vui lòng ghi rõ lý do hủy.")])
    with write_transaction():
        InspectionRow.update(state="cancelled").where(InspectionRow.id == inspection_id).execute()
        audit.record("thanhtra.inspection.cancel", "thanhtra_inspection", inspection_id, actor=actor,
                     before={"state": inspection.state}, after={"state": "cancelled"}, reason=_clean(reason))
    return get_inspection(services, inspection_id)


# ---------------------------------------------------------------------------
# officers
# ---------------------------------------------------------------------------

def board_head(on: dt.date | None = None) -> Member:
    """The active Trưởng ban, who signs the board's documents."""
    term = current_term(on)
    head = next((m for m in members(term.id if term else None)
                 if m.state == "active" and m.office == "truong_ban"), None)
    if head is None:
        raise ValidationError([("signer", "Ban Thanh tra nhân dân chưa có Trưởng ban để ký văn bản (R-TTND-03).")])
    return head


def active_member_count(on: dt.date) -> int:
    term = current_term(on)
    if term is None:
        return 0
    return (MemberRow.select().where(MemberRow.term == term.id, MemberRow.state != "elected",
                                     MemberRow.recognised_on <= on,
                                     (MemberRow.left_on.is_null(True)) | (MemberRow.left_on > on)).count())


# ---------------------------------------------------------------------------
# petitions (R-PA-09)
# ---------------------------------------------------------------------------

def receive_petition(services, *, subject: str, content: str, channel: str, sender_name: str = "",
                     sender_address: str = "", sender_phone: str = "", received_at: dt.datetime | None = None,
                     actor: Actor = SYSTEM_ACTOR) -> Case:
    """R-PA-09: the board receives feedback directly or through the suggestion box."""
    _require(services, actor, WORK)
    errors: list = []
    if channel not in CHANNELS:
        errors.append(("channel", "Vui lòng chọn kênh tiếp nhận: trực tiếp hoặc hòm thư góp ý (R-PA-09)."))
    if not _clean(subject):
        errors.append(("subject", "Vui lòng nhập trích yếu phản ánh, kiến nghị."))
    if not _clean(content):
        errors.append(("content", "Vui lòng nhập nội dung phản ánh, kiến nghị."))
    phone = _clean(sender_phone).replace(" ", "")
    if phone and (not phone.lstrip("+").isdigit() or not 9 <= len(phone.lstrip("+")) <= 12):
        errors.append(("sender_phone", "Số điện thoại không hợp lệ."))
    if received_at is not None and received_at > now() + dt.timedelta(minutes=5):
        errors.append(("received_at", "Ngày tiếp nhận không được sau hôm nay."))
    if errors:
        raise ValidationError(errors)

    def detail(case: Case) -> None:
        PetitionRow.create(case=case.id, channel=channel, sender_name=_clean(sender_name)[:255],
                           sender_address=_clean(sender_address)[:255], sender_phone=phone[:20],
                           content=_clean(content))

    return services.cases.open(PETITION, _clean(subject), actor=actor, received_at=received_at,
                               unit_id=board_unit_id(), data={"channel": channel}, on_opened=detail)


def _petition_row(case_id: int) -> PetitionRow:
    row = PetitionRow.get_or_none(PetitionRow.case == case_id)
    if row is None:
        raise NotFound(f"Không tìm thấy phản ánh, kiến nghị số {case_id}.")
    return row


def petition_view(services, case_id: int) -> dict:
    row = _petition_row(case_id)
    case = services.cases.get(case_id)
    ct = services.cases.case_type(PETITION)
    return {"id": case.id, "number": case.number, "subject": case.subject, "state": case.state,
            "state_label": ct.state(case.state).label, "received_at": case.received_at, "due_date": case.due_date,
            "closed_at": case.closed_at, "timeliness": case.timeliness() if case.closed_at else "",
            "channel": row.channel, "channel_label": CHANNELS.get(row.channel, row.channel),
            "sender_name": row.sender_name, "sender_address": row.sender_address, "sender_phone": row.sender_phone,
            "content": row.content, "findings": row.findings, "result_document_id": row.result_document_id,
            "actions": [t.name for t in ct.available(case.state)]}


def petitions(services, *, open_only: bool = False, limit: int = 200) -> list[dict]:
    q = CaseRow.select().where(CaseRow.case_type == PETITION)
    if open_only:
        q = q.where(CaseRow.closed_at.is_null(True))
    ct = services.cases.case_type(PETITION)
    out = []
    for r in q.order_by(CaseRow.received_at.desc(), CaseRow.id.desc()).limit(limit):
        case = to_type(Case, r)
        out.append({"id": case.id, "number": case.number, "subject": case.subject, "received_at": case.received_at,
                    "state_label": ct.state(case.state).label, "due_date": case.due_date,
                    "channel_label": CHANNELS.get(case.data.get("channel"), "")})
    return out


def verify_petition(services, case_id: int, *, note: str = "", actor: Actor = SYSTEM_ACTOR,
                    at: dt.datetime | None = None) -> Case:
    _petition_row(case_id)
    return services.cases.transition(case_id, "verify", actor=actor, note=_clean(note), at=at)


def notify_petition(services, case_id: int, *, findings: str, actor: Actor = SYSTEM_ACTOR,
                    at: dt.datetime | None = None) -> Case:
    """Plan III.2.3a: the verification result is notified IN WRITING to whoever raised
    the matter — a Thông báo document in the same transaction as the closing step."""
    _require(services, actor, WORK)
    row = _petition_row(case_id)
    case = services.cases.get(case_id)
    errors: list = []
    if not _clean(findings):
        errors.append(("findings", "Vui lòng nhập kết quả xác minh."))
    if not row.sender_name:
        errors.append(("findings", "Phản ánh không ghi họ tên người gửi nên không thể thông báo bằng văn bản; "
                                   "hãy công khai kết quả hoặc kiến nghị cơ quan có thẩm quyền."))
    if errors:
        raise ValidationError(errors)
    when = at or now()
    head = board_head(when.date())
    with write_transaction():
        doc = services.documents.issue(
            "thong_bao", subject=f"Kết quả xác minh phản ánh, kiến nghị số {case.number}", issued_on=when.date(),
            context={"paragraphs": [
                f"Ngày {format_date(case.received_at)}, Ban Thanh tra nhân dân phường nhận được phản ánh, "
                f"kiến nghị của {row.sender_name} về việc: {case.subject}.",
                f"Kết quả kiểm tra, xác minh: {_clean(findings)}",
                "Ban Thanh tra nhân dân phường thông báo để ông (bà) được biết."]},
            signer_name=head.full_name, signer_title="Trưởng Ban Thanh tra nhân dân",
            signing_authority="TM. BAN THANH TRA NHÂN DÂN", issuer=board_issuer(services.settings), recipients=[row.sender_name, FRONT_STANDING, ARCHIVE],
            case_id=case_id, unit_id=board_unit_id(), actor=actor)
        PetitionRow.update(findings=_clean(findings), result_document_id=doc.id).where(
            PetitionRow.id == row.id).execute()
        case = services.cases.transition(case_id, "notify", actor=actor, at=when,
                                         note=f"Thông báo kết quả số {doc.number_symbol}",
                                         data={"document_id": doc.id})
    return case


def refer_petition(services, case_id: int, *, to_agency: str, findings: str = "", actor: Actor = SYSTEM_ACTOR,
                   at: dt.datetime | None = None) -> Case:
    """A violation found: the board recommends the competent body to handle it (R-TTND-08)."""
    row = _petition_row(case_id)
    if not _clean(to_agency):
        raise ValidationError([("to_agency", "Vui lòng nhập cơ quan, tổ chức có thẩm quyền được kiến nghị xử lý.")])
    with write_transaction():
        PetitionRow.update(findings=_clean(findings)).where(PetitionRow.id == row.id).execute()
        return services.cases.transition(case_id, "refer", actor=actor, at=at,
                                         note=f"Kiến nghị {_clean(to_agency)} xem xét, xử lý")


# ---------------------------------------------------------------------------
# recommendations to the UBND (R-TTND-11, R-TTND-13)
# ---------------------------------------------------------------------------

def _recommendation(services, row: RecommendationRow) -> Recommendation:
    extra: dict[str, Any] = {"case_id": row.case_id, "inspection_id": row.inspection_id, "number": "",
                             "state": "", "state_label": "", "due_date": None, "timeliness": ""}
    if row.case_id:
        case = services.cases.get(row.case_id)
        ct = services.cases.case_type(RECOMMENDATION)
        extra.update(number=case.number, state=case.state, state_label=ct.state(case.state).label,
                     due_date=case.due_date, timeliness=case.timeliness() if case.closed_at else "")
    else:
        extra.update(state="rejected", state_label="Không được Ban thông qua (R-TTND-13)")
    return to_type(Recommendation, row, **extra)


def get_recommendation(services, rec_id: int) -> Recommendation:
    row = RecommendationRow.get_or_none(RecommendationRow.id == rec_id)
    if row is None:
        raise NotFound(f"Không tìm thấy kiến nghị số {rec_id}.")
    return _recommendation(services, row)


def recommendations(services, limit: int = 200) -> list[Recommendation]:
    q = RecommendationRow.select().order_by(RecommendationRow.voted_on.desc(), RecommendationRow.id.desc()).limit(limit)
    return [_recommendation(services, r) for r in q]


def propose_recommendation(services, *, subject: str, content: str, voted_on: dt.date, present: Any,
                           votes_for: Any, votes_against: Any, abstentions: Any,
                           inspection_id: int | None = None, sent_at: dt.datetime | None = None,
                           actor: Actor = SYSTEM_ACTOR) -> Recommendation:
    """The board votes on a recommendation (R-TTND-13: collectively, by a majority of its
    members); adopted, it is sent to the UBND as a letter and its answer clock starts
    (R-TTND-11). A rejected proposal is kept with its vote."""
    _require(services, actor, WORK)
    errors: list = []
    voted_on = _date(voted_on, "voted_on", "ngày họp Ban", errors)
    if not _clean(subject):
        errors.append(("subject", "Vui lòng nhập trích yếu kiến nghị."))
    if not _clean(content):
        errors.append(("content", "Vui lòng nhập nội dung kiến nghị."))
    present_n = _int(present, "present", "Số thành viên dự họp", errors)
    yes = _int(votes_for, "votes_for", "Số thành viên tán thành", errors)
    no = _int(votes_against, "votes_against", "Số thành viên không tán thành", errors)
    abstain = _int(abstentions, "abstentions", "Số thành viên không biểu quyết", errors)
    total = active_member_count(voted_on) if voted_on else 0
    if voted_on and total == 0:
        errors.append(("present", "Ban chưa có thành viên được công nhận vào ngày họp."))
    if present_n is not None and present_n > total and total:
        errors.append(("present", f"Số thành viên dự họp lớn hơn số thành viên của Ban ({total})."))
    if None not in (present_n, yes, no, abstain) and yes + no + abstain != present_n:
        errors.append(("votes_for", "Tổng số tán thành, không tán thành và không biểu quyết phải bằng số thành viên "
                                    "dự họp."))
    if inspection_id is not None and InspectionRow.get_or_none(InspectionRow.id == inspection_id) is None:
        errors.append(("inspection_id", "Cuộc kiểm tra, giám sát không tồn tại."))
    sent_at = sent_at or (dt.datetime.combine(voted_on, dt.time(9, 0)) if voted_on else None)
    if sent_at and voted_on and sent_at.date() < voted_on:
        errors.append(("sent_at", "Ngày gửi kiến nghị không được trước ngày Ban biểu quyết."))
    if errors:
        raise ValidationError(errors)
    passed = _passes(services, "R-TTND-13.more_than_percent", yes, total, voted_on)  # R-TTND-13
    head = board_head(voted_on) if passed else None
    with write_transaction():
        row = RecommendationRow.create(subject=_clean(subject)[:500], content=_clean(content), voted_on=voted_on,
                                       members_total=total, present=present_n, votes_for=yes, votes_against=no,
                                       abstentions=abstain, passed=passed, inspection=inspection_id)
        audit.record("thanhtra.recommendation.vote", "thanhtra_recommendation", row.id, actor=actor,
                     after={"members_total": total, "present": present_n, "votes_for": yes, "votes_against": no,
                            "abstentions": abstain, "passed": passed})
        if passed:
            doc = services.documents.issue(
                "cong_van", subject=f"Kiến nghị {_clean(subject)}"[:500], issued_on=sent_at.date(), actor=actor,
                addressees=["Chủ tịch Ủy ban nhân dân phường"],
                context={"paragraphs": [_clean(content),
                                        f"Kiến nghị được Ban Thanh tra nhân dân thông qua ngày {format_date(voted_on)} "
                                        f"với {yes}/{total} thành viên tán thành. Đề nghị Ủy ban nhân dân phường xem "
                                        f"xét, trả lời bằng văn bản theo quy định."]},
                signer_name=head.full_name, signer_title="Trưởng Ban Thanh tra nhân dân",
                signing_authority="TM. BAN THANH TRA NHÂN DÂN", issuer=board_issuer(services.settings),
                recipients=["Như trên", FRONT_STANDING, ARCHIVE], unit_id=board_unit_id())
            case = services.cases.open(RECOMMENDATION, _clean(subject), actor=actor, received_at=sent_at,
                                       unit_id=board_unit_id(), data={"recommendation_id": row.id,
                                                                      "document_id": doc.id})
            RecommendationRow.update(case=case.id, document_id=doc.id).where(RecommendationRow.id == row.id).execute()
    return get_recommendation(services, row.id)


def answer_recommendation(services, rec_id: int, *, answer: str, answered_at: dt.datetime | None = None,
                          actor: Actor = SYSTEM_ACTOR) -> Recommendation:
    """The UBND answers (R-TTND-11); on time when answered by the due date."""
    rec = get_recommendation(services, rec_id)
    if rec.case_id is None:
        raise IllegalTransition("Kiến nghị này không được Ban thông qua nên không gửi UBND.")
    if not _clean(answer):
        raise ValidationError([("answer", "Vui lòng nhập nội dung trả lời của UBND.")])
    when = answered_at or now()
    with write_transaction():
        services.cases.transition(rec.case_id, "answer", actor=actor, at=when, note=_clean(answer)[:500])
        RecommendationRow.update(answer=_clean(answer), answered_on=when.date()).where(
            RecommendationRow.id == rec_id).execute()
    return get_recommendation(services, rec_id)


def withdraw_recommendation(services, rec_id: int, *, reason: str, actor: Actor = SYSTEM_ACTOR) -> Recommendation:
    rec = get_recommendation(services, rec_id)
    if rec.case_id is None:
        raise IllegalTransition("Kiến nghị này không được Ban thông qua nên không gửi UBND.")
    services.cases.transition(rec.case_id, "withdraw", actor=actor, note=_clean(reason))
    return get_recommendation(services, rec_id)


def pending_recommendations(services, today: dt.date) -> list[dict]:
    """Recommendations waiting for the UBND's answer, for the chairman's dashboard."""
    q = (CaseRow.select().where(CaseRow.case_type == RECOMMENDATION, CaseRow.closed_at.is_null(True))
         .order_by(CaseRow.due_date).limit(100))
    out = []
    for r in q:
        case = to_type(Case, r)
        status = "overdue" if case.due_date and case.due_date < today else "waiting"
        out.append({"id": case.data.get("recommendation_id"), "number": case.number, "subject": case.subject,
                    "received_at": case.received_at, "due_date": case.due_date, "status": status})
    return out


# ---------------------------------------------------------------------------
# complaint results shared with the board (R-TTND-12)
# ---------------------------------------------------------------------------

def share_complaint_result(case: Case) -> None:
    """Called from ``case_closed``: a closed complaint's result is shared with the board."""
    if case.case_type not in COMPLAINT_CASE_TYPES:
        return
    (ComplaintResultRow.insert(case=case.id, number=case.number, outcome=case.outcome or case.state,
                               closed_at=case.closed_at, shared_at=now())
     .on_conflict(conflict_target=[ComplaintResultRow.case],
                  update={ComplaintResultRow.outcome: case.outcome or case.state,
                          ComplaintResultRow.closed_at: case.closed_at, ComplaintResultRow.shared_at: now()})
     .execute())
    audit.record("thanhtra.complaint.shared", "core_case", case.id,
                 after={"number": case.number, "outcome": case.outcome or case.state})


def complaint_results(limit: int = 200) -> list[dict]:
    q = ComplaintResultRow.select().order_by(ComplaintResultRow.closed_at.desc()).limit(limit)
    return [{"case_id": r.case_id, "number": r.number, "outcome": r.outcome, "closed_at": r.closed_at,
             "shared_at": r.shared_at} for r in q]


# ---------------------------------------------------------------------------
# indicators and reports (R-TTND-10)
# ---------------------------------------------------------------------------

def _cases_in(case_type: str, start: dt.date, end: dt.date) -> list[Case]:
    lo = dt.datetime.combine(start, dt.time.min)
    hi = dt.datetime.combine(end, dt.time.max)
    q = CaseRow.select().where(CaseRow.case_type == case_type, CaseRow.received_at >= lo, CaseRow.received_at <= hi)
    return [to_type(Case, r) for r in q.iterator()]


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def indicators(services, start: dt.date, end: dt.date) -> dict:
    """Petitions received and answered on time, recommendations answered within R-TTND-11,
    inspections held vs planned, seats filled (R-TTND-02)."""
    pets = _cases_in(PETITION, start, end)
    closed = [c for c in pets if c.closed_at]
    on_time = [c for c in closed if c.timeliness() != "late"]
    recs = _cases_in(RECOMMENDATION, start, end)
    answered = [c for c in recs if c.state == "answered"]
    answered_on_time = [c for c in answered if c.timeliness() != "late"]
    overdue_open = [c for c in recs if c.closed_at is None and c.due_date and c.due_date < min(end, dt.date.today())]
    planned = InspectionRow.select().where(InspectionRow.planned_on >= start, InspectionRow.planned_on <= end,
                                           InspectionRow.state != "cancelled")
    held = planned.where(InspectionRow.state == "held")
    term = current_term(end)
    seats = seat_status(services, term.id if term else None, end)
    rejected = RecommendationRow.select().where(RecommendationRow.voted_on >= start, RecommendationRow.voted_on <= end,
                                                RecommendationRow.passed == False).count()  # noqa: E712
    return {
        "from": start, "to": end,
        "petitions_received": len(pets), "petitions_answered": len(closed),
        "petitions_answered_on_time": len(on_time), "share_petitions_on_time": _share(len(on_time), len(closed)),
        "petitions_open": len(pets) - len(closed),
        "recommendations_sent": len(recs), "recommendations_rejected_by_vote": rejected,
        "recommendations_answered": len(answered), "recommendations_answered_on_time": len(answered_on_time),
        "share_recommendations_on_time": _share(len(answered_on_time), len(answered)),
        "recommendations_overdue_open": len(overdue_open),
        "inspections_planned": planned.count(), "inspections_held": held.count(),
        "inspections_sent_late": planned.where(InspectionRow.sent_late == True).count(),  # noqa: E712
        "seats_required": seats.required, "seats_filled": seats.filled,
        "complaint_results_shared": ComplaintResultRow.select().where(
            ComplaintResultRow.closed_at >= dt.datetime.combine(start, dt.time.min),
            ComplaintResultRow.closed_at <= dt.datetime.combine(end, dt.time.max)).count(),
    }


def period_bounds(period: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The quarter, half-year, year or term that contains ``day`` (R-TTND-10)."""
    if period == "quy":
        first = (day.month - 1) // 3 * 3 + 1
        start = dt.date(day.year, first, 1)
        return start, add_months(start, 3) - dt.timedelta(days=1)
    if period == "sau_thang":
        start = dt.date(day.year, 1 if day.month <= 6 else 7, 1)
        return start, add_months(start, 6) - dt.timedelta(days=1)
    if period == "nam":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if period == "nhiem_ky":
        term = current_term(day)
        if term is None:
            raise ValidationError([("period", "Chưa có nhiệm kỳ của Ban để báo cáo theo nhiệm kỳ.")])
        return term.start_on, term.end_on
    raise ValidationError([("period", "Kỳ báo cáo không hợp lệ.")])


def issue_report(services, *, period: str, day: dt.date | None = None, start_on: dt.date | None = None,
                 end_on: dt.date | None = None, issued_on: dt.date | None = None,
                 actor: Actor = SYSTEM_ACTOR) -> Report:
    """R-TTND-10: the board reports to UB MTTQ quarterly, 6-monthly, annually, per term and
    ad hoc (``dot_xuat`` with explicit dates) — a Báo cáo document with its figures."""
    _require(services, actor, WORK)
    if period not in REPORT_PERIODS:
        raise ValidationError([("period", "Kỳ báo cáo không hợp lệ.")])
    issued_on = issued_on or now().date()
    if period == "dot_xuat":
        errors: list = []
        start_on = _date(start_on, "start_on", "ngày bắt đầu", errors)
        end_on = _date(end_on, "end_on", "ngày kết thúc", errors)
        if start_on and end_on and end_on < start_on:
            errors.append(("end_on", "Ngày kết thúc phải sau ngày bắt đầu."))
        if errors:
            raise ValidationError(errors)
    else:
        start_on, end_on = period_bounds(period, day or issued_on)
    figures = indicators(services, start_on, min(end_on, issued_on))
    head = board_head(issued_on)
    label = REPORT_PERIODS[period].lower()

    def share(v):
        return "—" if v is None else f"{v}%"

    table = {"header": ["Nội dung", "Kết quả"], "rows": [
        ["Thành viên Ban đã được công nhận / số thành viên theo quy định",
         f"{figures['seats_filled']}/{figures['seats_required']}"],
        ["Cuộc kiểm tra, giám sát đã thực hiện / theo kế hoạch",
         f"{figures['inspections_held']}/{figures['inspections_planned']}"],
        ["Kế hoạch kiểm tra gửi chậm (R-TTND-09)", str(figures["inspections_sent_late"])],
        ["Phản ánh, kiến nghị tiếp nhận", str(figures["petitions_received"])],
        ["Đã thông báo kết quả / đúng hạn", f"{figures['petitions_answered']}/{figures['petitions_answered_on_time']}"],
        ["Kiến nghị gửi UBND", str(figures["recommendations_sent"])],
        ["UBND trả lời đúng hạn (R-TTND-11)",
         f"{figures['recommendations_answered_on_time']}/{figures['recommendations_answered']} "
         f"({share(figures['share_recommendations_on_time'])})"],
        ["Kết quả giải quyết khiếu nại UBND thông báo cho Ban (R-TTND-12)", str(figures["complaint_results_shared"])],
    ]}
    with write_transaction():
        doc = services.documents.issue(
            "bao_cao", subject=f"Kết quả hoạt động của Ban Thanh tra nhân dân phường ({label}, "
                               f"từ {format_date(start_on)} đến {format_date(end_on)})",
            issued_on=issued_on, actor=actor,
            context={"paragraphs": [f"Ban Thanh tra nhân dân phường báo cáo Ban Thường trực Ủy ban MTTQ Việt Nam "
                                    f"phường kết quả hoạt động từ ngày {format_date(start_on)} đến ngày "
                                    f"{format_date(end_on)} như sau:"],
                     "table": table,
                     "closing": ["Ban Thanh tra nhân dân phường trân trọng báo cáo."]},
            signer_name=head.full_name, signer_title="Trưởng Ban Thanh tra nhân dân",
            signing_authority="TM. BAN THANH TRA NHÂN DÂN", issuer=board_issuer(services.settings),
            recipients=[FRONT_STANDING, "Chủ tịch UBND phường (để biết)", ARCHIVE], unit_id=board_unit_id())
        row = ReportRow.create(period=period, start_on=start_on, end_on=end_on, document_id=doc.id)
        audit.record("thanhtra.report.issue", "thanhtra_report", row.id, actor=actor,
                     after={"period": period, "start_on": start_on, "end_on": end_on,
                            "document": doc.number_symbol})
    return to_type(Report, row, number_symbol=doc.number_symbol)


def reports(services, limit: int = 100) -> list[Report]:
    q = ReportRow.select().order_by(ReportRow.end_on.desc(), ReportRow.id.desc()).limit(limit)
    out = []
    for r in q:
        out.append(to_type(Report, r, number_symbol=services.documents.get(r.document_id).number_symbol))
    return out


# ---------------------------------------------------------------------------
# public page
# ---------------------------------------------------------------------------

def _year_figures(today: dt.date) -> dict:
    """This year's figures from the core case rollup (DESIGN.md §8: no counting on a request)."""
    from thanthien.core.cases import rollup_counts

    months = (f"{today.year}-01", today.strftime("%Y-%m"))
    out = {}
    for prefix, case_type, done_state in (("petitions", PETITION, None), ("recommendations", RECOMMENDATION,
                                                                          "answered")):
        rows = rollup_counts(case_type, months)
        closed = [r for r in rows if r["timeliness"] != "open" and (done_state is None or r["state"] == done_state)]
        out[f"{prefix}_received" if prefix == "petitions" else f"{prefix}_sent"] = sum(r["count"] for r in rows)
        out[f"{prefix}_answered"] = sum(r["count"] for r in closed)
        out[f"{prefix}_answered_on_time"] = sum(r["count"] for r in closed if r["timeliness"] != "late")
    planned = InspectionRow.select().where(InspectionRow.planned_on >= dt.date(today.year, 1, 1),
                                           InspectionRow.planned_on <= today, InspectionRow.state != "cancelled")
    out["inspections_planned"] = planned.count()
    out["inspections_held"] = planned.where(InspectionRow.state == "held").count()
    return out


def public_board(services, today: dt.date | None = None) -> dict:
    """The public page: members by name, office and residential group only (no phone,
    ID number or address), seats, published inspection results and this year's figures."""
    today = today or dt.date.today()
    term = current_term(today)
    active = [m for m in members(term.id if term else None) if m.state == "active"]
    order = {"truong_ban": 0, "pho_truong_ban": 1}
    active.sort(key=lambda m: order.get(m.office, 2))
    published = (InspectionRow.select().where(InspectionRow.state == "held", InspectionRow.published == True)  # noqa: E712
                 .order_by(InspectionRow.held_on.desc()).limit(50))
    return {
        "term": {"name": term.name, "start_on": term.start_on, "end_on": term.end_on} if term else None,
        "members": [{"full_name": m.full_name, "office": m.office_label, "group": m.group_name} for m in active],
        "seats": {"required": required_seats(services.rules, len(community_groups()), today), "filled": len(active)},
        "results": [{"subject": r.subject, "held_on": r.held_on, "findings": r.findings} for r in published],
        "figures": _year_figures(today),
    }
