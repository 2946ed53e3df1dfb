"""Demo data of the tiepdan module: a year of reception days, visits and matters of every
type at every stage, public feedback and one dialogue conference (``thanthien demo``).

Everything goes through :mod:`.services`, so the demo obeys the same rules as real use.
"""
from __future__ import annotations

import datetime as dt

from thanthien.core.access import actor_for_person

from . import services as sv

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


class _Future(Exception):
    """The next demo step would fall after today: the case stays where it is."""


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def _later(cal, day: dt.date, working_days: int) -> dt.date:
    for _ in range(working_days):
        day = cal.next_working_day(day)
    return day


def add_demo_data(demo) -> None:
    services, rng, today = demo.services, demo.rng, demo.today
    cal = services.calendar
    actor = {k: actor_for_person(p.id, p.full_name) for k, p in demo.staff.items()}
    chair, officer, handler = actor["chutich"], actor["motcua"], actor["vanhoa"]
    start = today - dt.timedelta(days=365)
    monday = start - dt.timedelta(days=start.weekday())
    while monday <= today + dt.timedelta(days=14):
        day = next((monday + dt.timedelta(days=d) for d in (3, 2, 1, 0, 4)
                    if cal.is_working_day(monday + dt.timedelta(days=d))), None)
        monday += dt.timedelta(days=7)
        if day is None:
            continue  # a Tết week
        session = sv.create_session(services, kind="chairman", day=day, start_time="07:30", end_time="11:30",
                                    host_id=chair.person_id, attendees=["Công chức Văn phòng - Thống kê",
                                                                        "Công chức Tư pháp - Hộ tịch"],
                                    topics=rng.choice(TOPICS), actor=chair)
        publish_on = min(day - dt.timedelta(days=rng.choice([7, 8, 9, 10, 6])), today)
        sv.publish_session(services, session.id, actor=chair, at=_at(publish_on, 8))
        if day >= today:
            continue
        sv.mark_session_held(services, session.id, actor=chair)
        for n in range(rng.choice([1, 1, 2])):
            _demo_visit(demo, services, rng, cal, today, day, session.id, officer, handler, chair, n)
    for i in range(24):
        _demo_feedback(demo, services, rng, cal, today, i, handler)
    _demo_dialogue(services, today, chair, chair)


def _person(demo, rng) -> dict:
    r = demo.random_resident()
    return {"full_name": r.full_name, "address": r.address, "phone": r.phone or ""}


def _demo_visit(demo, services, rng, cal, today, day, session_id, officer, handler, chair, n) -> None:
    classification = rng.choice(["khieu_nai", "to_cao", "phan_anh", "kien_nghi", "hoi_chinh_sach", "khieu_nai"])
    received = _at(day, 8 + n, rng.choice([0, 15, 30, 45]))
    matter = {}
    if classification == "khieu_nai":
        matter["decision_known_on"] = day - dt.timedelta(days=rng.randint(5, 110))
    if classification in ("khieu_nai", "to_cao"):
        matter["accused"] = "Công chức phường" if classification == "to_cao" else "Chủ tịch UBND phường"
        matter["owner_id"] = handler.person_id
    headcount = rng.choice([1, 1, 1, 2, 6])
    reps = [_person(demo, rng)] if headcount >= 5 else []
    visit = sv.record_visit(services, summary=rng.choice(SUBJECTS[classification]), classification=classification,
                            visitor=_person(demo, rng), headcount=headcount, representatives=reps,
                            received_at=received, session_id=session_id, citizen_signed=True, matter=matter,
                            actor=officer)
    if visit.case_id is None:
        return
    if classification in ("khieu_nai", "to_cao"):
        sv.issue_receipt(services, items=["Đơn (bản chính)", "Tài liệu kèm theo"], visit_id=visit.id,
                         actor=officer, at=received)
    age = (today - day).days
    try:
        _progress(services, rng, cal, today, visit.case_id, classification, day, age, handler, chair)
    except _Future:
        pass


def _progress(services, rng, cal, today, case_id, classification, day, age, handler, chair) -> None:
    def when(wd: int) -> dt.datetime:
        d = _later(cal, day, wd)
        if d >= today:
            raise _Future
        return _at(d, 14)

    if classification == "khieu_nai":
        case = services.cases.get(case_id)
        if case.data.get("filing_late"):
            sv.refuse_complaint(services, case_id, ground="het_thoi_hieu", actor=chair, at=when(rng.randint(3, 9)))
            return
        sv.accept_complaint(services, case_id, actor=chair, complexity=rng.choice(["simple", "simple", "complex"]),
                            at=when(rng.randint(4, 11)))
        sv.decide_complaint(services, case_id, summary="Giữ nguyên quyết định bị khiếu nại", actor=chair,
                            at=when(rng.randint(20, 34)))
        sv.send_decision(services, case_id, actor=handler, at=when(rng.randint(35, 38)))
    elif classification == "to_cao":
        if rng.random() < 0.25:
            sv.forward_matter(services, case_id, to_agency="Công an tỉnh Thái Nguyên", actor=handler,
                              at=when(rng.randint(2, 6)))
            return
        complexity = rng.choice(["simple", "complex"])
        sv.accept_denunciation(services, case_id, actor=chair, complexity=complexity, at=when(rng.randint(4, 8)))
        if complexity == "complex":
            sv.extend_denunciation(services, case_id, reason="Phải xác minh tại nhiều nơi", actor=chair,
                                   at=when(25))
        sv.conclude_denunciation(services, case_id, conclusion="Tố cáo đúng một phần; kiểm điểm công chức",
                                 actor=chair, at=when(rng.randint(26, 45) if complexity == "complex"
                                                      else rng.randint(12, 24)))
    else:
        sv.take_petition(services, case_id, actor=handler, at=when(rng.randint(2, 11)))
        sv.answer_petition(services, case_id, answer="Ủy ban nhân dân đã chỉ đạo khắc phục.", actor=handler,
                           at=when(rng.randint(12, 22)))


def _demo_feedback(demo, services, rng, cal, today, i, handler) -> None:
    day = today - dt.timedelta(days=rng.randint(1, 360))
    if not cal.is_working_day(day):
        day = cal.next_working_day(day)
    if day >= today:
        return
    p = _person(demo, rng)
    form = {"kind": rng.choice(["phan_anh", "kien_nghi"]), "subject": rng.choice(SUBJECTS["phan_anh"]),
            "content": "Đề nghị Ủy ban nhân dân phường kiểm tra, xử lý.", "full_name": p["full_name"],
            "address": p["address"] or "Phường Bắc Kạn", "phone": p["phone"] or "0912000000", "consent": "on"}
    got = sv.submit_feedback(services, form, client=f"demo-{i}", at=_at(day, 20))
    case_id = sv.case_for_code(got["tracking_code"])
    answer_day = _later(cal, day, rng.randint(3, 12))
    if answer_day < today:
        sv.answer_petition(services, case_id, answer="Đã kiểm tra và xử lý theo thẩm quyền.", actor=handler,
                           at=_at(answer_day, 10))


def _demo_dialogue(services, today, officer, chair) -> None:
    year = today.year if (today.month, today.day) > (11, 20) else today.year - 1
    d = sv.plan_dialogue(services, title=f"Hội nghị đối thoại giữa UBND phường với Nhân dân năm {year}",
                         day=dt.date(year, 11, 20), place="Hội trường UBND phường",
                         plan="Trao đổi, đối thoại về chỉnh trang đô thị và cải cách thủ tục hành chính",
                         invitees=["Trưởng các tổ dân phố", "Đại diện các hội, đoàn thể"], actor=officer)
    questions = [sv.add_question(services, d.id, text=q, source=s, actor=officer) for q, s in [
        ("Khi nào nâng cấp đường vào tổ dân phố số 5?", "Tổ dân phố số 5"),
        ("Thủ tục cấp giấy phép xây dựng nhà ở mất bao lâu?", "Hội Cựu chiến binh phường"),
    ]]
    sv.invite_dialogue(services, d.id, actor=officer)
    if dt.date(year, 11, 20) < today:
        sv.record_dialogue(services, d.id, minutes="Hội nghị diễn ra đúng kế hoạch, 9 ý kiến phát biểu.",
                           attendance=135, answers={questions[0]: ("Đã đưa vào kế hoạch đầu tư năm sau.",
                                                                   "Chủ tịch UBND phường"),
                                                    questions[1]: ("Không quá 15 ngày kể từ ngày nhận đủ hồ sơ.",
                                                                   "Phó Chủ tịch UBND phường")},
                           actor=chair, at=_at(dt.date(year, 11, 20), 11))
        sv.publish_dialogue_answers(services, d.id, actor=chair, at=_at(dt.date(year, 11, 21), 9))
