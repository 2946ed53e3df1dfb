"""Demo data of the tiepdan module: a year of reception days, visits and matters of every
type at every stage, public feedback and one dialogue conference (``thanthien demo``).

Everything goes through :mod:`.services`, so the demo obeys the same rules as real use:
the one-stop officer receives, the Chủ tịch assigns a denunciation's handler (R-TC-10).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import random

from thanthien.core import accounts, people
from thanthien.core.demo import DEMO_PASSWORD, DemoContext, random_name
from thanthien.core.models import PersonRow

from . import services as sv
from .services.common import reception_unit_id
from .types import MatterFacts, PartyInput

TOPICS = ["đất đai, xây dựng", "chính sách an sinh xã hội", "môi trường, vệ sinh đô thị", "trật tự đô thị",
          "thủ tục hành chính"]
SUBJECTS = {
    "khieu_nai": ["Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng",
                  "Khiếu nại việc không cấp giấy xác nhận hộ nghèo", "Khiếu nại quyết định cưỡng chế tháo dỡ mái che"],
    "to_cao": ["Tố cáo hành vi nhận tiền khi giải quyết thủ tục", "Tố cáo việc xây dựng trái phép được làm ngơ"],
    "phan_anh": ["Phản ánh đèn đường hỏng kéo dài", "Phản ánh rác thải tồn đọng", "Phản ánh tiếng ồn karaoke ban đêm"],
    "kien_nghi": ["Kiến nghị làm lại rãnh thoát nước", "Kiến nghị lắp biển báo giảm tốc"],
    "hoi_chinh_sach": ["Hỏi chế độ trợ cấp người cao tuổi", "Hỏi thủ tục tách thửa đất"],
}


#: the demo login of the reception officer (công chức tiếp công dân)
RECEPTION_LOGIN = "tiepcongdan"


class _Future(Exception):
    """The next demo step would fall after today: the case stays where it is."""


def reception_officer(demo: DemoContext) -> None:
    """The reception officer of the reception unit, with a login, as ``demo.staff["tiepcongdan"]``."""
    unit_id = reception_unit_id(demo.core)
    name = random_name(random.Random(RECEPTION_LOGIN))  # its own generator: the demo's story is unchanged
    officer = people.create_person(name, is_staff=True, unit_id=unit_id,
                                   position="Công chức tiếp công dân, xử lý đơn thư")
    people.grant_role(officer.id, "reception_officer", unit_id)
    if accounts.account_by_username(RECEPTION_LOGIN) is None:
        accounts.create_account(officer.id, RECEPTION_LOGIN, DEMO_PASSWORD)
    demo.staff[RECEPTION_LOGIN] = PersonRow.get_by_id(officer.id)


def populate(demo: DemoContext) -> None:
    core, rng, today = demo.core, demo.rng, demo.today
    reception_officer(demo)
    cal = core.calendar
    chair = demo.actor("chutich")
    start = today - dt.timedelta(days=365)
    monday = start - dt.timedelta(days=start.weekday())
    while monday <= today + dt.timedelta(days=14):
        day = next((monday + dt.timedelta(days=d) for d in (3, 2, 1, 0, 4)
                    if cal.is_working_day(monday + dt.timedelta(days=d))), None)
        monday += dt.timedelta(days=7)
        if day is None:
            continue  # a Tết week
        session = sv.create_session(core, kind="chairman", day=day, start_time="07:30", end_time="11:30",
                                    host_id=chair.person_id, attendees=["Công chức Văn phòng - Thống kê",
                                                                        "Công chức Tư pháp - Hộ tịch"],
                                    topics=rng.choice(TOPICS), actor=chair)
        publish_on = min(day - dt.timedelta(days=rng.choice([7, 8, 9, 10, 6])), today)
        sv.publish_session(core, session.id, actor=chair, at=demo.at(publish_on, 8))
        if day >= today:
            continue
        sv.mark_session_held(core, session.id, actor=chair)
        for n in range(rng.choice([1, 1, 2])):
            _visit(demo, day, session.id, n)
    for i in range(24):
        _feedback(demo, i)
    _dialogue(demo)


def _person(demo: DemoContext) -> PartyInput:
    r = demo.random_resident()
    return PartyInput(full_name=r.full_name, address=r.address, phone=r.phone or "")


def _visit(demo: DemoContext, day: dt.date, session_id: int, n: int) -> None:
    core, rng = demo.core, demo.rng
    chair, officer, handler = demo.actor("chutich"), demo.actor("motcua"), demo.actor("vanhoa")
    classification = rng.choice(["khieu_nai", "to_cao", "phan_anh", "kien_nghi", "hoi_chinh_sach", "khieu_nai"])
    received = demo.at(day, 8 + n, rng.choice([0, 15, 30, 45]))
    facts = MatterFacts()
    if classification == "khieu_nai":
        facts = MatterFacts(accused="Chủ tịch UBND phường",
                            decision_known_on=day - dt.timedelta(days=rng.randint(5, 110)))
    elif classification == "to_cao":
        facts = MatterFacts(accused="Công chức phường")
    headcount = rng.choice([1, 1, 1, 2, 6])
    reps = [_person(demo)] if headcount >= 5 else []
    visit = sv.record_visit(core, summary=rng.choice(SUBJECTS[classification]), classification=classification,
                            visitor=_person(demo), headcount=headcount, representatives=reps,
                            received_at=received, session_id=session_id, citizen_signed=True, matter=facts,
                            actor=officer)
    if visit.case_id is None:
        return
    if classification in ("khieu_nai", "to_cao"):
        sv.issue_receipt(core, items=["Đơn (bản chính)", "Tài liệu kèm theo"], visit_id=visit.id,
                         actor=officer, at=received)
    # the Chủ tịch assigns the handler (for a denunciation only he or she may, R-TC-10)
    sv.assign(core, visit.case_id, handler.person_id, actor=chair, reason="Giao Phòng Văn hóa - Xã hội xác minh")
    with contextlib.suppress(_Future):
        _progress(demo, visit.case_id, classification, day)


def _progress(demo: DemoContext, case_id: int, classification: str, day: dt.date) -> None:
    core, rng, today = demo.core, demo.rng, demo.today
    chair, handler = demo.actor("chutich"), demo.actor("vanhoa")

    def when(working_days: int) -> dt.datetime:
        d = demo.working_days_after(day, working_days)
        if d >= today:
            raise _Future
        return demo.at(d, 14)

    if classification == "khieu_nai":
        case = core.cases.get(case_id)
        if case.data.get("filing_late"):
            sv.refuse_complaint(core, case_id, ground="het_thoi_hieu", actor=chair, at=when(rng.randint(3, 9)))
            return
        sv.accept_complaint(core, case_id, actor=chair, complexity=rng.choice(["simple", "simple", "complex"]),
                            at=when(rng.randint(4, 11)))
        sv.decide_complaint(core, case_id, summary="Giữ nguyên quyết định bị khiếu nại", actor=chair,
                            at=when(rng.randint(20, 34)))
        sv.send_decision(core, case_id, actor=handler, at=when(rng.randint(35, 38)))
    elif classification == "to_cao":
        if rng.random() < 0.25:
            sv.forward_matter(core, case_id, to_agency="Công an tỉnh Thái Nguyên", actor=handler,
                              at=when(rng.randint(2, 6)))
            return
        complexity = rng.choice(["simple", "complex"])
        sv.accept_denunciation(core, case_id, actor=chair, complexity=complexity, at=when(rng.randint(4, 8)))
        if complexity == "complex":
            sv.extend_denunciation(core, case_id, reason="Phải xác minh tại nhiều nơi", actor=chair, at=when(25))
        sv.conclude_denunciation(core, case_id, conclusion="Tố cáo đúng một phần; kiểm điểm công chức",
                                 actor=chair, at=when(rng.randint(26, 45) if complexity == "complex"
                                                      else rng.randint(12, 24)))
    else:
        sv.take_petition(core, case_id, actor=handler, at=when(rng.randint(2, 11)))
        sv.answer_petition(core, case_id, answer="Ủy ban nhân dân đã chỉ đạo khắc phục.", actor=handler,
                           at=when(rng.randint(12, 22)))


def _feedback(demo: DemoContext, i: int) -> None:
    core, rng, today = demo.core, demo.rng, demo.today
    day = today - dt.timedelta(days=rng.randint(1, 360))
    if not core.calendar.is_working_day(day):
        day = core.calendar.next_working_day(day)
    if day >= today:
        return
    p = _person(demo)
    sender = PartyInput(full_name=p.full_name, address=p.address or "Phường Bắc Kạn", phone=p.phone or "0912000000")
    got = sv.submit_feedback(core, kind=rng.choice(["phan_anh", "kien_nghi"]), subject=rng.choice(SUBJECTS["phan_anh"]),
                             content="Đề nghị Ủy ban nhân dân phường kiểm tra, xử lý.", sender=sender, consent=True,
                             client=f"demo-{i}", at=demo.at(day, 20))
    answer_day = demo.working_days_after(day, rng.randint(3, 12))
    if answer_day < today:
        handler = demo.actor("vanhoa")
        sv.assign(core, got.case_id, handler.person_id, actor=demo.actor("chutich"))
        sv.answer_petition(core, got.case_id, answer="Đã kiểm tra và xử lý theo thẩm quyền.",
                           actor=handler, at=demo.at(answer_day, 10))
        # answered feedback is published on the public list, the sender's details removed
        title, text = sv.suggested_public_text(got.case_id)
        sv.moderate(core, got.case_id, publish=True, title=title, text=text, actor=demo.actor("chutich"),
                    at=demo.at(answer_day, 11))


def _dialogue(demo: DemoContext) -> None:
    core, today = demo.core, demo.today
    chair = demo.actor("chutich")
    year = today.year if (today.month, today.day) > (11, 20) else today.year - 1
    d = sv.plan_dialogue(core, title=f"Hội nghị đối thoại giữa UBND phường với Nhân dân năm {year}",
                         day=dt.date(year, 11, 20), place="Hội trường UBND phường",
                         plan="Trao đổi, đối thoại về chỉnh trang đô thị và cải cách thủ tục hành chính",
                         invitees=["Trưởng các tổ dân phố", "Đại diện các hội, đoàn thể"], actor=chair)
    questions = [sv.add_question(core, d.id, text=q, source=s, actor=chair) for q, s in [
        ("Khi nào nâng cấp đường vào tổ dân phố số 5?", "Tổ dân phố số 5"),
        ("Thủ tục cấp giấy phép xây dựng nhà ở mất bao lâu?", "Hội Cựu chiến binh phường"),
    ]]
    sv.invite_dialogue(core, d.id, actor=chair)
    if dt.date(year, 11, 20) < today:
        sv.record_dialogue(core, d.id, minutes="Hội nghị diễn ra đúng kế hoạch, 9 ý kiến phát biểu.",
                           attendance=135, answers={questions[0]: ("Đã đưa vào kế hoạch đầu tư năm sau.",
                                                                   "Chủ tịch UBND phường"),
                                                    questions[1]: ("Không quá 15 ngày kể từ ngày nhận đủ hồ sơ.",
                                                                   "Phó Chủ tịch UBND phường")},
                           actor=chair, at=demo.at(dt.date(year, 11, 20), 11))
        sv.publish_dialogue_answers(core, d.id, actor=chair, at=demo.at(dt.date(year, 11, 21), 9))
