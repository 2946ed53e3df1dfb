"""Demo data of congvu: the seed plan (phường Bắc Kạn) loaded as issued about 110 days ago,
its items carried out by the staff of their owner units as "5 rõ" tasks — most done with
evidence and signed off, a few late, some waiting for sign-off or extended — problems
reported by units, the centre's duty roster, compliments and a complaint, one breach,
two facility reviews, paper rating batches and training events.

Everything goes through :mod:`.services`, so the demo obeys the same rules as real use.
"""
from __future__ import annotations

import base64
import datetime as dt

from thanthien.core import accounts, people
from thanthien.core.access import actor_for_person
from thanthien.core.demo import DEMO_PASSWORD, DemoContext
from thanthien.core.types import Actor

from . import services as sv
from .casetypes import FALLBACK_PETITION
from .types import Item, Upload

#: a 1×1 PNG (staff photos, review photos) and a one-page PDF (evidence)
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")
#: the login of the demo unit head (Chánh Văn phòng), to try a unit leader's view
UNIT_HEAD_LOGIN = "truongvp"

#: (unit code, position, role, login or "") of the staff the demo adds to carry the plan out
EXTRA_STAFF = [
    ("VP", "Chánh Văn phòng HĐND và UBND phường", "unit_head", UNIT_HEAD_LOGIN),
    ("VP", "Công chức Văn phòng - Thống kê", "department_officer", ""),
    ("VHXH", "Trưởng phòng Văn hóa - Xã hội", "unit_head", ""),
    ("TTPVHCC", "Giám đốc Trung tâm Phục vụ hành chính công", "unit_head", ""),
    ("TTPVHCC", "Công chức Tư pháp - Hộ tịch (Trung tâm Phục vụ hành chính công)", "one_stop_officer", ""),
    ("KTHTDT", "Trưởng phòng Kinh tế, Hạ tầng và Đô thị", "unit_head", ""),
    ("MTTQ", "Phó Chủ tịch Ủy ban MTTQ Việt Nam phường", "department_officer", ""),
]
#: items left late and open (the chairman's widget shows them with their owners)
LATE = {"III.1.5.d", "III.2.1.a", "IV.2.b", "III.1.2.c"}
#: items reported done and waiting for the leader's sign-off
WAITING = {"I.4", "III.1.4.c"}
#: items done after their deadline
DONE_LATE = {"III.1.4.b", "III.1.3.a"}
#: items whose task was extended once
EXTENDED = {"III.1.4.b", "II.1", "III.2.2"}


def _staff(demo: DemoContext) -> dict[str, list[Actor]]:
    """Unit code → staff who carry tasks out (officers first); unit code → its head."""
    code = demo.settings.ward.code
    heads: dict[str, Actor] = {}
    officers: dict[str, list[Actor]] = {}
    for n, (unit_code, position, role, login) in enumerate(EXTRA_STAFF, start=101):
        unit = demo.units[unit_code]
        person = people.create_person(demo.person_name(), is_staff=True, unit_id=unit.id, position=position,
                                      badge_number=f"{code}-{n:03d}")
        people.grant_role(person.id, role, unit.id)
        if login and accounts.account_by_username(login) is None:
            accounts.create_account(person.id, login, DEMO_PASSWORD)
        actor = actor_for_person(person.id, person.full_name)
        if role == "unit_head":
            heads[unit_code] = actor
        else:
            officers.setdefault(unit_code, []).append(actor)
    for login, unit_code in (("vanhoa", "VHXH"), ("kinhte", "KTHTDT"), ("motcua", "TTPVHCC")):
        officers.setdefault(unit_code, []).insert(0, demo.actor(login))
    # the coordinating office's officer follows the whole plan (plan IV.2)
    people.grant_role(demo.staff["vanhoa"].id, "plan_coordinator", None)
    return {"officers": officers, "heads": heads}  # type: ignore[dict-item]


def _working_day_before(demo: DemoContext, day: dt.date) -> dt.date:
    while not demo.core.calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def populate(demo: DemoContext) -> None:
    core, rng, today = demo.core, demo.rng, demo.today
    team = _staff(demo)
    officers, heads = team["officers"], team["heads"]
    chair, vice, coordinator = demo.actor("chutich"), demo.actor("phochutich"), demo.actor("vanhoa")
    issued = _working_day_before(demo, today - dt.timedelta(days=110))
    plan = sv.load_seed_plan(core, actor=coordinator, issued_on=issued)
    items = sv.items(core, plan.id, actor=coordinator)
    leaders = {chair.person_id: chair, vice.person_id: vice}

    def worker(unit_code: str, k: int = 0) -> Actor:
        pool = officers.get(unit_code) or [heads.get(unit_code) or coordinator]
        return pool[k % len(pool)]

    def signer(unit_code: str, item: Item) -> Actor:
        return heads.get(unit_code) or leaders[item.leader_id]

    assigned_on = demo.working_days_after(issued, 2)
    for n, item in enumerate(items):
        unit_code = next(c for c, u in demo.units.items() if u.id == item.owner_unit_id)
        who, boss = worker(unit_code, n), signer(unit_code, item)
        assigner = heads.get(unit_code) or coordinator
        when = demo.at(min(assigned_on, item.deadline), 8, 30)
        task = sv.assign_task(
            core, title=item.title[:200], assignee_id=who.person_id, leader_id=boss.person_id,
            unit_id=item.owner_unit_id, deadline=item.deadline, start_on=when.date(),
            expected_result=item.expected_result, indicator=item.indicator, source_kind="plan_item",
            item_id=item.id, co_worker_ids=[worker(unit_code, n + 1).person_id] if n % 3 == 0 else [],
            actor=assigner, at=when)
        span = max(1, (item.deadline - when.date()).days)
        note_at = demo.at(min(today, when.date() + dt.timedelta(days=span // 2)), 16)
        sv.report_progress(core, task.id, text="Đã triển khai, đang tổng hợp kết quả từ các bộ phận.",
                           percent=50, actor=who, at=note_at)
        if item.code in EXTENDED:
            sv.extend(core, task.id, reason="Chờ ý kiến thống nhất của các đơn vị phối hợp.",
                      deadline=_working_day_before(demo, item.deadline + dt.timedelta(days=14)), actor=boss,
                      at=demo.at(min(today, item.deadline - dt.timedelta(days=1)), 10))
            task = sv.get_task(task.id)
        if item.code in LATE:
            if item.code == "III.1.5.d":
                sv.report_problem(core, item.id, text="Chưa được bố trí kinh phí mua sắm camera giám sát và máy scan; "
                                                      "đề nghị UBND phường xem xét bổ sung dự toán.",
                                  actor=who, at=demo.at(item.deadline - dt.timedelta(days=10), 9))
            continue
        if item.code in DONE_LATE:
            done_on = min(today - dt.timedelta(days=1), task.deadline + dt.timedelta(days=rng.randint(3, 8)))
        elif task.deadline < today:
            done_on = task.deadline - dt.timedelta(days=rng.randint(0, min(10, span)))
        elif item.code in WAITING:
            done_on = today - dt.timedelta(days=1)
        else:
            continue  # still being carried out
        done_on = max(done_on, when.date())
        files = [Upload(f"bien-ban-{item.code}.pdf", PDF, "application/pdf")] if n % 4 == 0 else []
        sv.submit(core, task.id, result=f"Đã thực hiện: {item.expected_result}",
                  evidence_note="Biên bản, báo cáo kết quả lưu tại đơn vị chủ trì.", files=files, actor=who,
                  at=demo.at(done_on, 15))
        if item.code in WAITING:
            continue
        sign_on = min(today, done_on + dt.timedelta(days=rng.randint(1, 3)))
        sv.sign_off(core, task.id, note="Đồng ý kết quả.", actor=boss, at=demo.at(sign_on, 10))

    # Tasks from other sources: a meeting conclusion, a board recommendation.
    by_code = {i.code: i for i in items}
    vp = demo.units["VP"]
    sv.assign_task(core, title="Rà soát, bố trí thêm ghế ngồi chờ tại Bộ phận tiếp công dân",
                   assignee_id=worker("VP").person_id, leader_id=heads["VP"].person_id, unit_id=vp.id,
                   working_days=5, expected_result="Nơi tiếp công dân có đủ 10 ghế ngồi chờ",
                   source_kind="meeting_conclusion",
                   source_ref=f"Kết luận cuộc họp giao ban UBND phường ngày {today - dt.timedelta(days=3):%d/%m/%Y}",
                   actor=heads["VP"], at=demo.at(today - dt.timedelta(days=3), 14))
    sv.assign_task(core, title="Trả lời kiến nghị của Ban Thanh tra nhân dân về niêm yết phí, lệ phí tại Trung tâm",
                   assignee_id=worker("TTPVHCC", 1).person_id, leader_id=vice.person_id,
                   unit_id=demo.units["TTPVHCC"].id, working_days=10,
                   expected_result="Văn bản trả lời Ban Thanh tra nhân dân; bảng phí, lệ phí được niêm yết đầy đủ",
                   source_kind="board_recommendation", source_ref="Kiến nghị số 03/KN-BTTND",
                   actor=chair, at=demo.at(today - dt.timedelta(days=12), 9))

    # Problems reported by units, answered or escalated by the coordinating office (IV.2).
    p = sv.report_problem(core, by_code["III.2.1.a"].id, text="Tổ dân phố số 12, 27 chưa bố trí được nhà văn hóa "
                                                              "để tổ chức hội nghị tuyên truyền.",
                          actor=coordinator, at=demo.at(today - dt.timedelta(days=20), 9))
    sv.answer_problem(core, p.id, answer="Đề nghị tổ chức ghép tại nhà văn hóa tổ dân phố liền kề; Phòng Văn hóa "
                                         "- Xã hội cử cán bộ dự.", actor=coordinator,
                      at=demo.at(today - dt.timedelta(days=18), 10))
    late_problem = sv.problems(item_id=by_code["III.1.5.d"].id)
    if late_problem:
        sv.escalate_problem(core, late_problem[0].id, note="Đề nghị Chủ tịch UBND phường chỉ đạo bổ sung kinh phí "
                                                           "từ nguồn dự phòng.", actor=coordinator,
                            at=demo.at(by_code["III.1.5.d"].deadline - dt.timedelta(days=7), 9))

    _centre(demo, chair, vice, officers, heads, by_code)
    _events(demo, coordinator, by_code)


def _centre(demo: DemoContext, chair: Actor, vice: Actor, officers, heads, by_code) -> None:
    core, rng, today = demo.core, demo.rng, demo.today
    centre = officers["TTPVHCC"] + [heads["TTPVHCC"]]
    # The duty roster of the next working days, with the staff photos.
    for member in centre:
        sv.set_photo(core, member.person_id, photo=Upload("anh.png", PNG, "image/png"), actor=chair)
    day = today
    for _ in range(5):
        if demo.core.calendar.is_working_day(day):
            for desk, member in enumerate(centre[:3], start=1):
                sv.add_duty(core, day=day, person_id=member.person_id, desk=f"Quầy {desk}", actor=chair)
        day += dt.timedelta(days=1)

    # Compliments and a complaint from residents (web form, kiosk).
    praise = ["Cán bộ hướng dẫn tận tình, làm thủ tục khai sinh rất nhanh.", "Chị cán bộ vui vẻ, chu đáo.",
              "Được hướng dẫn một lần là đủ hồ sơ, cảm ơn cán bộ.", "Cán bộ hỗ trợ nộp hồ sơ trực tuyến tại chỗ."]
    for k in range(10):
        member = centre[k % len(centre)]
        badge = people.get_person(member.person_id).badge_number
        sv.file_report(core, kind="compliment", content=rng.choice(praise), staff=badge,
                       channel=rng.choice(["web", "kiosk"]),
                       at=demo.at(today - dt.timedelta(days=rng.randint(1, 300)), rng.randint(8, 16)))
    report = sv.file_report(core, kind="complaint", staff=people.get_person(centre[0].person_id).badge_number,
                            content="Tôi phải chờ lâu mà không được hướng dẫn lấy số thứ tự.",
                            resident_name=demo.person_name(), resident_phone="0912000111", channel="kiosk",
                            at=demo.at(today - dt.timedelta(days=25), 10))
    case = core.cases.get(report.case_id)
    if case.case_type == FALLBACK_PETITION:
        sv.handle_report(core, report.id, action="answer", actor=chair,
                         note="Đã kiểm tra, nhắc nhở công chức; bố trí thêm người hướng dẫn lấy số.")

    # One breach, handled by a reminder (plan III.1.4 target: none).
    sv.record_breach(core, person_id=centre[-1].person_id, kind="badge_uniform",
                     occurred_on=today - dt.timedelta(days=40), description="Không đeo thẻ công chức khi làm việc.",
                     evidence="Biên bản kiểm tra công vụ của Văn phòng.", actor=chair,
                     at=demo.at(today - dt.timedelta(days=40), 15))

    # Two facility reviews: failed criteria became tasks; the later one still finds the camera missing.
    criteria = sv.criteria()
    head = heads["TTPVHCC"]
    first = today - dt.timedelta(days=80)
    failing = {"F05": "partly", "F11": "not_met", "F18": "not_met"}
    review = sv.record_review(
        core, reviewed_on=first, lines=[(c.id, failing.get(c.code, "met"), "") for c in criteria],
        note="Rà soát lần 1.", photos=[Upload("noi-cho.png", PNG, "image/png")],
        assignee_id=officers["TTPVHCC"][0].person_id,
        leader_id=head.person_id, actor=head, at=demo.at(first, 14))
    for line in review.failed:
        if line.criterion_code != "F18" and line.task_id:
            done = first + dt.timedelta(days=rng.randint(3, 8))
            sv.submit(core, line.task_id, result="Đã khắc phục.", evidence_note="Ảnh chụp sau khắc phục.",
                      files=[Upload("sau-khac-phuc.png", PNG, "image/png")], actor=officers["TTPVHCC"][0],
                      at=demo.at(done, 15))
            sv.sign_off(core, line.task_id, actor=head, at=demo.at(done + dt.timedelta(days=1), 9))
    second = today - dt.timedelta(days=15)
    sv.record_review(core, reviewed_on=second, lines=[(c.id, "not_met" if c.code == "F18" else "met", "")
                                                      for c in criteria],
                     note="Rà soát lần 2: còn thiếu camera giám sát.", assignee_id=officers["TTPVHCC"][0].person_id,
                     leader_id=head.person_id, actor=head, at=demo.at(second, 14))

    # Paper rating forms, month by month.
    month_end = today.replace(day=1) - dt.timedelta(days=1)
    for _ in range(4):
        start = month_end.replace(day=1)
        sv.record_batch(core, period_start=start, period_end=month_end,
                        counts={"rat_hai_long": rng.randint(40, 90), "hai_long": rng.randint(20, 50),
                                "khong_hai_long": rng.randint(0, 4)},
                        note="Phiếu thu tại hòm phiếu của Trung tâm.", actor=officers["TTPVHCC"][0],
                        at=demo.at(month_end + dt.timedelta(days=1), 16))
        month_end = start - dt.timedelta(days=1)


def _events(demo: DemoContext, coordinator: Actor, by_code) -> None:
    core, today = demo.core, demo.today
    training = sv.plan_event(core, kind="training", title="Hội nghị tập huấn mô hình “Chính quyền thân thiện” và đo "
                                                          "lường sự hài lòng cho cán bộ, công chức",
                             held_on=today - dt.timedelta(days=60), place="Hội trường UBND phường",
                             item_id=by_code["III.3"].id,
                             audience="Cán bộ, công chức, người hoạt động không chuyên trách",
                             actor=coordinator, at=demo.at(today - dt.timedelta(days=70), 9))
    sv.record_event(core, training.id, result="Quán triệt nội dung mô hình; hướng dẫn phiếu đánh giá.", staff_count=52,
                    actor=coordinator, at=demo.at(today - dt.timedelta(days=60), 11))
    for k in range(3):
        article = sv.plan_event(core, kind="article", title=f"Tin bài số {k + 1} về mô hình “Chính quyền thân thiện”",
                                held_on=today - dt.timedelta(days=50 - 15 * k), item_id=by_code["III.3"].id,
                                actor=coordinator, at=demo.at(today - dt.timedelta(days=51 - 15 * k), 9))
        sv.record_event(core, article.id, result="Đã đăng trên Trang thông tin điện tử phường.",
                        url=f"https://backan.example.gov.vn/tin-tuc/mo-hinh-{k + 1}", actor=coordinator,
                        at=demo.at(today - dt.timedelta(days=50 - 15 * k), 16))
    for k, group in enumerate(demo.groups[:6]):
        conf = sv.plan_event(core, kind="propaganda",
                             title=f"Hội nghị tuyên truyền Luật Thực hiện dân chủ ở cơ sở — {group.name}",
                             held_on=today - dt.timedelta(days=45 - 5 * k), place=group.address,
                             item_id=by_code["III.2.1.a"].id, audience="Nhân dân tổ dân phố", actor=coordinator,
                             at=demo.at(today - dt.timedelta(days=50), 9))
        sv.record_event(core, conf.id, result="Phổ biến Luật và Quy chế thực hiện dân chủ.", staff_count=2,
                        resident_count=35 + 3 * k, actor=coordinator,
                        at=demo.at(today - dt.timedelta(days=45 - 5 * k), 20))
    sv.plan_event(core, kind="propaganda", title="Hội nghị tuyên truyền tại các tổ dân phố còn lại",
                  held_on=today + dt.timedelta(days=7), item_id=by_code["III.2.1.a"].id, actor=coordinator,
                  at=demo.at(today, 8))
