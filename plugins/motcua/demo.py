"""Demo data: a year of dossiers over the sample catalogue, made through the real services
so that every form, event, rollup and audit entry exists. Most are returned early or on
time; some are paused for supplements, some late — most of those with an apology signed
in time, a few without (breaches) — a few refused or stopped; many are rated (with the
secret printed on their receipt). Also bookings for the coming days, home and
after-hours assistance and a SIPAS survey.

``[plugin.motcua] demo_dossiers`` sets the number (default 1200, about five a working day).
"""
from __future__ import annotations

import datetime as dt

from thanthien.core.demo import DemoContext
from thanthien.core.errors import ValidationError

from . import services as mc
from .types import PLUGIN, SIPAS_FACTORS

#: (procedure code, weight): civil status and certification dominate a ward's counter.
MIX = [("HT01", 14), ("HT02", 5), ("HT03", 4), ("HT04", 10), ("HT07", 3), ("HT08", 1), ("CT01", 4),
       ("CT02", 22), ("CT03", 12), ("CT04", 2), ("CT05", 2), ("CT06", 6), ("BTXH01", 1), ("BTXH02", 2),
       ("DD01", 1), ("HKD01", 3), ("NCN01", 1)]


def populate(demo: DemoContext) -> None:
    core, rng, today = demo.core, demo.rng, demo.today
    mc.ensure_catalogue()
    cal = core.calendar
    officer, head = demo.actor("motcua"), demo.actor("chutich")
    total = core.config(PLUGIN).demo_dossiers
    days = [today - dt.timedelta(days=i) for i in range(365, -1, -1)]
    days = [d for d in days if cal.is_working_day(d)]
    codes = [c for c, w in MIX for _ in range(w)]
    returned = []

    def when(day: dt.date, lo: int = 450, hi: int = 1005) -> dt.datetime:
        minute = rng.randint(lo, hi)  # 07:30 .. 16:45
        return demo.at(day, minute // 60, minute % 60)

    for _ in range(total):
        proc = mc.get_procedure(rng.choice(codes))
        resident = demo.random_resident()
        received = when(rng.choice(days))
        concerned = [{"full_name": demo.person_name(), "role": proc.life_event}] if proc.life_event else []
        d = mc.receive(core, procedure_code=proc.code, actor=officer, received_at=received,
                       applicant={"full_name": resident.full_name, "citizen_id": resident.citizen_id,
                                  "phone": resident.phone, "address": resident.address},
                       documents=[{"code": x.code} for x in proc.documents], fee_paid=proc.fee_vnd or 0,
                       delivery=rng.choice(proc.delivery), concerned=concerned)
        roll = rng.random()
        if roll < 0.03:
            mc.refuse(core, d.code, actor=officer, at=received + dt.timedelta(minutes=20),
                      reason="Yêu cầu không thuộc thẩm quyền giải quyết của UBND phường.")
            continue
        if roll < 0.05:
            mc.stop(core, d.code, actor=officer, at=received + dt.timedelta(minutes=30),
                    reason="Người nộp hồ sơ đề nghị dừng giải quyết.")
            continue
        step = received + dt.timedelta(minutes=rng.randint(10, 50))
        if step.date() > today:
            continue
        mc.transfer(core, d.code, actor=officer, at=step)
        due = d.due_date
        if rng.random() < 0.08 and proc.time_unit != "same_day":  # paused for a supplement
            ask = demo.working_days_after(step.date(), 1)
            back = demo.working_days_after(ask, rng.randint(1, 4))
            if back > today:
                continue
            mc.request_supplement(core, d.code, actor=officer, at=when(ask, 480, 600),
                                  items=[{"document": proc.documents[0].code,
                                          "reason": "Thông tin trên tờ khai chưa đầy đủ, cần ký xác nhận."}])
            due = mc.receive_supplement(core, d.code, actor=officer, at=when(back, 480, 900)).due_date
        late = rng.random() < (0.01 if proc.time_unit == "same_day" else 0.15)
        if late:
            ready_day = demo.working_days_after(due, rng.randint(1, 2))
            if rng.random() < 0.8 and due > step.date():  # apology signed in time (R-MC-15)
                sign_day = mc.apology_deadline(core, due)
                if step.date() <= sign_day <= today:
                    a = mc.draft_apology(core, d.code, actor=officer, proposed_due=demo.working_days_after(due, 3),
                                         reason="Cần xác minh thêm thông tin với cơ quan liên quan.")
                    mc.sign_apology(core, a.id, signer_name=head.name, signer_title="Chủ tịch UBND phường",
                                    actor=head, at=when(sign_day, 480, 600))
        else:
            ready_day = due if proc.time_unit == "same_day" else demo.working_days_after(due, -rng.randint(0, 1))
            ready_day = max(ready_day, step.date())
        ready = max(when(ready_day, 540, 960), step + dt.timedelta(minutes=30))
        if ready.date() > today:
            continue
        mc.mark_result_ready(core, d.code, actor=officer, at=ready)
        back_at = ready + dt.timedelta(minutes=rng.randint(10, 90))
        if back_at.date() > today:
            continue
        delivery = mc.get_dossier(d.code).delivery
        mc.return_result(core, d.code, actor=officer, at=back_at, delivery=delivery,
                         postal_tracking=f"EB{rng.randrange(10**9):09d}VN" if delivery == "postal" else "")
        returned.append(d)
    for d in returned:
        if rng.random() < 0.6:
            level = rng.choices(["rat_hai_long", "hai_long", "khong_hai_long"], [55, 41, 4])[0]
            mc.rate(core, d.code, secret=d.lookup_secret, level=level, channel=rng.choice(["web", "kiosk"]),
                    comment="Cán bộ hướng dẫn nhiệt tình." if level != "khong_hai_long" else "Phải chờ lâu.")
    _bookings(demo)
    _survey_and_assistance(demo)


def _bookings(demo: DemoContext) -> None:
    core, rng, day = demo.core, demo.rng, demo.today
    times = core.config(PLUGIN).slot_times
    for _ in range(5):
        day = core.calendar.next_working_day(day)
        for _ in range(rng.randint(4, 12)):
            try:
                mc.book(core, procedure_code=rng.choice(["HT01", "HT04", "CT02", "CT03"]), day=day,
                        time=rng.choice(times), name=demo.person_name(), phone=f"09{rng.randrange(10**8):08d}",
                        at=demo.at(demo.today, 7))
            except ValidationError:  # a full slot: the resident picks another time
                continue


def _survey_and_assistance(demo: DemoContext) -> None:
    core, rng, today = demo.core, demo.rng, demo.today
    officer = demo.actor("motcua")
    start = today - dt.timedelta(days=90)
    sid = mc.create_survey(core, title=f"Khảo sát sự hài lòng quý gần nhất (đến {today:%d/%m/%Y})", start=start,
                           end=today, actor=officer)
    procedures = ["HT01", "HT04", "CT02", "CT03", "HKD01"]
    for _ in range(120):
        base = rng.choice([5, 5, 4, 4, 4, 3])
        scores = {k: max(1, min(5, base + rng.choice([-1, 0, 0, 0, 1]))) for k in SIPAS_FACTORS}
        mc.answer_survey(core, sid, scores=scores, answered_on=start + dt.timedelta(days=rng.randint(0, 90)),
                         procedure_code=rng.choice(procedures), officer_id=officer.person_id)
    for _ in range(24):
        day = today - dt.timedelta(days=rng.randint(1, 300))
        kind = rng.choice(["home", "after_hours", "centre"])
        hour = 19 if kind == "after_hours" else rng.randint(8, 16)
        place = f"Tổ dân phố số {rng.randint(1, 45)}" if kind == "home" else "Trung tâm Phục vụ hành chính công"
        mc.record_assistance(core, kind=kind, helper_id=officer.person_id, actor=officer, place=place,
                             at=demo.at(day, hour), procedure_code=rng.choice(["HT03", "HT01", "BTXH02"]),
                             note="Hướng dẫn thực hiện thủ tục trực tuyến toàn trình.")
