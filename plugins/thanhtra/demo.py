"""Demo data of the thanhtra module (``thanthien demo``): the seed ward's 45 groups each
elect a member at a community meeting (one after a failed meeting, by household ballot),
UB MTTQ recognises them, the board elects its officers; one member is released and her
seat by-elected; then a year of plans, inspections, petitions, recommendations with the
board's votes and the UBND's answers, and the quarterly reports.

Everything goes through :mod:`.services`, so the demo obeys the same rules as real use:
the Front Committee's steps (elections, recognition) run as the system, the board's work
as its Trưởng ban ("bantt"), a recognised member of the current term.
"""
from __future__ import annotations

import datetime as dt

from thanthien.core import people
from thanthien.core.demo import DemoContext
from thanthien.core.types import SYSTEM_ACTOR, Actor

from . import services as sv
from .types import Member, Term

SUBJECTS = ["việc thu, chi quỹ vệ sinh môi trường của tổ dân phố", "việc thực hiện quy chế dân chủ tại bộ phận một cửa",
            "việc xây dựng nhà văn hóa tổ dân phố", "việc xét hộ nghèo, hộ cận nghèo năm nay",
            "việc thu tiền đóng góp làm đường ngõ xóm", "việc niêm yết công khai thủ tục hành chính",
            "việc giải quyết phản ánh về lấn chiếm vỉa hè", "việc sử dụng kinh phí hỗ trợ người có công"]
PETITIONS = ["Phản ánh việc thu quỹ khuyến học không công khai", "Phản ánh đèn chiếu sáng ngõ bị hỏng lâu ngày",
             "Kiến nghị công khai danh sách hộ nghèo", "Phản ánh việc đổ trộm rác thải xây dựng",
             "Phản ánh cán bộ chậm trả kết quả thủ tục", "Kiến nghị sửa chữa rãnh thoát nước",
             "Phản ánh việc tổ chức họp tổ dân phố không thông báo trước"]
#: the Front Committee's steps (no UB MTTQ account in the demo ward)
FRONT = SYSTEM_ACTOR


def _working(demo: DemoContext, day: dt.date) -> dt.date:
    """``day`` if it is a working day, else the next one."""
    return day if demo.core.calendar.is_working_day(day) else demo.working_days_after(day, 1)


def _eligible_head(households: list, group_id: int, start: int) -> int | None:
    """The head of a household of the group who may sit on the board (R-TTND-07: not a
    ward cadre or a group head — other modules' demo data may have made some heads one),
    looking from the ``start``-th household on."""
    for household in [*households[start:], *households[:start]]:
        head = _head_of(household.id)
        if head is not None and not sv.eligibility_problems(head, group_id):
            return head
    return None


def _head_of(household_id: int) -> int | None:
    members = people.household_members(household_id)
    return members[0].id if members else None


def _counted(demo: DemoContext, households: list, attending: int, votes: int, *, held_on: dt.date,
             form: str = "hop_cong_dong", member_id: int | None = None, **seat):
    """The households' vote on core's engine (R-BQ-33): ``votes`` of the first ``attending``
    households agree, the others present disagree; closing records the seat."""
    core = demo.core
    at = demo.at(held_on, 8)
    if member_id is None:
        vote = sv.open_seat_vote(core, held_on=held_on, form=form, actor=FRONT, at=at, **seat)
    else:
        vote = sv.open_removal_vote(core, member_id, held_on=held_on, form=form, actor=FRONT, at=at, **seat)
    picks = {h.id: "dong_y" if i < votes else "khong_dong_y" for i, h in enumerate(households[:attending])}
    sv.record_seat_choices(core, vote.id, picks, channel="paper" if form == "phat_phieu_ho" else "meeting",
                           actor=FRONT, at=demo.at(held_on, 9))
    return sv.close_seat_vote(core, vote.id, actor=FRONT, at=demo.at(held_on, 10))


def populate(demo: DemoContext) -> None:
    core, rng, today = demo.core, demo.rng, demo.today
    chair = demo.staff["bantt"]
    start = sv.add_months(today.replace(day=1), -14)
    term = sv.create_term(core, start_on=start, head_term="long", actor=FRONT)
    elected_on = start - dt.timedelta(days=20)
    recognised_on = start - dt.timedelta(days=10)
    # The demo board chair's account belongs to a resident of TDP01 (R-TTND-07).
    first_households = people.households_in_group(demo.groups[0].id, limit=1)
    if first_households:
        people.update_person(chair.id, household_id=first_households[0].id)
    elected = []
    for i, group in enumerate(demo.groups):
        households = people.households_in_group(group.id, limit=100000)
        total = len(households)
        if not total:
            continue
        candidate = chair.id if i == 0 else _eligible_head(households, group.id, rng.randrange(total))
        if candidate is None:
            continue
        votes = min(total, total // 2 + 1 + rng.randint(0, max(total // 3, 0)))
        attending = min(total, votes + rng.randint(0, max(total // 10, 0)))
        seat = dict(term_id=term.id, group_id=group.id, candidate_id=candidate, standards_confirmed=True)
        if i == 6 and total >= 4:
            # Too few households agreed: the meeting fails (R-BQ-33), the group votes by ballot (R-BQ-17(b)).
            _counted(demo, households, total // 2, total // 2, held_on=elected_on - dt.timedelta(days=7), **seat)
            _, member = _counted(demo, households, total, votes, held_on=elected_on, form="phat_phieu_ho", **seat)
        else:
            _, member = _counted(demo, households, attending, votes, held_on=elected_on, **seat)
        if member is not None:
            elected.append(member)
    for n, member in enumerate(elected, start=1):
        sv.recognise_member(core, member.id, recognised_on=recognised_on, decision_ref=f"{n:02d}/QĐ-MTTQ",
                            actor=FRONT)
    if not elected:
        return
    decided_on = recognised_on + dt.timedelta(days=3)
    sv.set_office(core, elected[0].id, office="truong_ban", decided_on=decided_on, actor=FRONT)
    for member in elected[1:3]:
        sv.set_office(core, member.id, office="pho_truong_ban", decided_on=decided_on, actor=FRONT)
    _release_and_by_elect(demo, term, elected)
    _year_of_work(demo, demo.actor("bantt"), start)


def _release_and_by_elect(demo: DemoContext, term: Term, elected: list[Member]) -> None:
    """A member moves away: UB MTTQ proposes her release, the group decides, a by-election follows."""
    if len(elected) < 11:
        return
    core = demo.core
    member = elected[10]
    households = people.households_in_group(member.group_id, limit=100000)
    total = len(households)
    proposed = demo.today - dt.timedelta(days=120)
    majority = min(total, total // 2 + 2)
    _counted(demo, households, total, majority, held_on=proposed + dt.timedelta(days=10), member_id=member.id,
             kind="cho_thoi", proposal_ref="12/CV-MTTQ", proposed_on=proposed)
    candidate = next((h for h in (_head_of(x.id) for x in households)
                      if h and h != member.person_id and not sv.eligibility_problems(h, member.group_id)), None)
    if candidate is None:
        return
    _, new = _counted(demo, households, total, majority, held_on=proposed + dt.timedelta(days=40),
                      term_id=term.id, group_id=member.group_id, candidate_id=candidate, kind="bau_bo_sung",
                      standards_confirmed=True)
    if new is not None:
        sv.recognise_member(core, new.id, recognised_on=proposed + dt.timedelta(days=47), decision_ref="46/QĐ-MTTQ",
                            actor=FRONT)


def _year_of_work(demo: DemoContext, board: Actor, term_start: dt.date) -> None:
    core, rng, today = demo.core, demo.rng, demo.today
    begin = max(today - dt.timedelta(days=365), term_start)
    quarter = sv.period_bounds("quy", begin)[0]
    plans = []
    while quarter <= today:
        q_start, q_end = sv.period_bounds("quy", quarter)
        plans.append(sv.create_work_plan(
            core, period="quy", start_on=q_start, end_on=q_end, actor=board,
            title=f"Kế hoạch kiểm tra, giám sát quý {(q_start.month - 1) // 3 + 1} năm {q_start.year}",
            content="Kiểm tra việc thực hiện quy chế dân chủ, thu chi các khoản đóng góp và giải quyết phản ánh."))
        quarter = sv.add_months(q_start, 3)
    y_start, y_end = sv.period_bounds("nam", today)
    sv.create_work_plan(core, period="nam", start_on=y_start, end_on=y_end, actor=board,
                        title=f"Kế hoạch hoạt động năm {today.year}",
                        content="Chương trình kiểm tra, giám sát cả năm theo Luật Thực hiện dân chủ ở cơ sở.")
    h_start, h_end = sv.period_bounds("sau_thang", today)
    sv.create_work_plan(core, period="sau_thang", start_on=h_start, end_on=h_end, actor=board,
                        title="Kế hoạch hoạt động 6 tháng", content="Trọng tâm: công khai tài chính, đất đai.")
    inspections = []
    for n, plan in enumerate(plans):
        for k in range(2):
            day = _working(demo, plan.start_on + dt.timedelta(days=20 + 35 * k + rng.randint(0, 10)))
            if day > plan.end_on:
                continue
            inspection, _ = sv.plan_inspection(core, subject=rng.choice(SUBJECTS), planned_on=day,
                                               content="Kiểm tra hồ sơ, sổ sách và làm việc với người có trách nhiệm.",
                                               work_plan_id=plan.id, actor=board)
            latest = inspection.latest_send_on
            send = latest if (n + k) % 5 else demo.working_days_after(latest, 1)  # one in five is sent late
            if send > today:
                continue
            sv.send_inspection_plan(core, inspection.id, sent_on=send, actor=board)
            if day < today:
                inspections.append(sv.record_inspection_result(
                    core, inspection.id, held_on=day, published=rng.random() < 0.8, actor=board,
                    findings="Cơ bản thực hiện đúng quy định; đề nghị công khai đầy đủ và kịp thời hơn."))
    _petitions(demo, board, begin)
    _recommendations(demo, board, begin, inspections)
    quarter = sv.period_bounds("quy", begin)[0]
    while True:
        q_start, q_end = sv.period_bounds("quy", quarter)
        issued = demo.working_days_after(q_end, 1)
        if issued > today:
            break
        sv.issue_report(core, period="quy", day=q_start, issued_on=issued, actor=board)
        if q_end.month in (6, 12):
            sv.issue_report(core, period="sau_thang", day=q_start, issued_on=issued, actor=board)
        if q_end.month == 12:
            sv.issue_report(core, period="nam", day=q_start, issued_on=issued, actor=board)
        quarter = sv.add_months(q_start, 3)


def _petitions(demo: DemoContext, board: Actor, begin: dt.date) -> None:
    core, rng, today = demo.core, demo.rng, demo.today
    span = (today - begin).days
    for i in range(20):
        day = _working(demo, begin + dt.timedelta(days=rng.randint(0, max(span - 1, 0))))
        if day > today:
            continue
        resident = demo.random_resident()
        case = sv.receive_petition(core, subject=rng.choice(PETITIONS), channel=rng.choice(["truc_tiep", "hom_thu"]),
                                   content="Đề nghị Ban Thanh tra nhân dân kiểm tra, làm rõ.",
                                   sender_name=resident.full_name, sender_address=resident.address,
                                   received_at=demo.at(day), actor=board)
        verify_on = demo.working_days_after(day, 2)
        if verify_on >= today:
            continue
        sv.verify_petition(core, case.id, note="Phân công thành viên xác minh", actor=board, at=demo.at(verify_on))
        done = demo.working_days_after(day, rng.choice([5, 7, 8, 9, 12]))
        if done >= today:
            continue
        if i % 7 == 3:
            sv.refer_petition(core, case.id, to_agency="Chủ tịch UBND phường", actor=board, at=demo.at(done, 14),
                              findings="Phát hiện dấu hiệu vi phạm trong thu, chi.")
        else:
            sv.notify_petition(core, case.id, actor=board, at=demo.at(done, 14),
                               findings="Nội dung phản ánh đúng một phần; đơn vị liên quan đã khắc phục.")


def _recommendations(demo: DemoContext, board: Actor, begin: dt.date, inspections: list) -> None:
    core, rng, today = demo.core, demo.rng, demo.today
    span = (today - begin).days
    days = sorted(_working(demo, begin + dt.timedelta(days=rng.randint(30, max(span - 40, 31)))) for _ in range(7))
    days += [_working(demo, today - dt.timedelta(days=24)), _working(demo, today - dt.timedelta(days=12))]
    for n, day in enumerate(days):
        if day >= today:
            continue
        total = sv.active_member_count(day)
        if total == 0:
            continue
        present = total - rng.randint(0, 3)
        yes = total // 2 + 1 + rng.randint(0, max(present - total // 2 - 1, 0)) if n != 2 else total // 2
        yes = min(yes, present)
        rec = sv.propose_recommendation(
            core, subject=f"Kiến nghị chấn chỉnh {rng.choice(SUBJECTS)}", voted_on=day, present=present,
            votes_for=yes, votes_against=present - yes, abstentions=0, actor=board,
            inspection_id=inspections[n % len(inspections)].id if inspections else None,
            content="Ban Thanh tra nhân dân kiến nghị UBND phường chỉ đạo khắc phục và công khai kết quả.")
        if not rec.passed or n >= len(days) - 2:
            continue  # the last two wait for the answer: one overdue, one due soon
        answered = day + dt.timedelta(days=19 if n == 4 else rng.choice([6, 9, 12, 14]))  # one late (R-TTND-11)
        if answered < today:
            sv.answer_recommendation(core, rec.id, answered_at=demo.at(answered, 15), actor=demo.actor("chutich"),
                                     answer="UBND phường đã chỉ đạo bộ phận liên quan khắc phục, báo cáo kết quả.")
