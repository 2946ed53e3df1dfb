"""Demo data of thamhoi: a year of letters, ceremonies, visits, greetings and one meeting
with respected people, made through the real services (so documents are numbered and
every step is audited)."""
from __future__ import annotations

import datetime as dt

from thanthien.core.demo import DemoContext
from thanthien.core.types import PersonRef

from . import services as sv

RESPECTED = ["Cựu chiến binh Hoàng Văn Thụ (Tổ dân phố số 3)", "Nghệ nhân hát then Lục Thị Mai",
             "Già làng Đinh Văn Sơn", "Công ty TNHH Xây dựng Bắc Kạn", "Hội Doanh nhân trẻ phường"]
CONTRIBUTIONS = ["ủng hộ 50 triệu đồng làm đường bê tông Tổ dân phố số 5",
                 "hiến 60 m² đất mở rộng ngõ vào nhà văn hóa",
                 "tặng 200 suất quà cho hộ nghèo dịp Tết",
                 "tham gia dọn vệ sinh, trồng cây xanh khu dân cư",
                 "ủng hộ xây dựng nhà Đại đoàn kết cho hộ khó khăn"]


def populate(demo: DemoContext) -> None:
    core, rng, today, _at = demo.core, demo.rng, demo.today, demo.at
    chair, clerk = demo.actor("chutich"), demo.actor("vanhoa")
    start = today - dt.timedelta(days=365)

    def day_in_year() -> dt.date:
        return start + dt.timedelta(days=rng.randrange(1, 360))

    # Life events: congratulation and condolence letters, ceremonies and visits.
    for _ in range(36):
        kind = rng.choice(["birth", "birth", "marriage", "death"])
        names = [demo.person_name()] + ([demo.person_name()] if kind == "marriage" else [])
        drafted = _at(day_in_year(), 10)
        event = {"birth": "birth_registered", "marriage": "marriage_registered", "death": "death_registered"}[kind]
        letter = sv.draft(core, **sv.life_letter(event, [PersonRef(None, n) for n in names], drafted.date()),
                          at=drafted)
        if (today - drafted.date()).days < 7:
            continue  # the last week's drafts still wait for the Chủ tịch
        letter = sv.sign(core, letter.id, actor=chair, at=drafted + dt.timedelta(hours=5))
        if kind == "death":
            when = drafted + dt.timedelta(days=1)
            act = sv.plan_activity(core, kind="visit", scheduled_at=when, place=f"Nhà gia đình, {rng.choice(demo.groups).name}",
                                   delegation="Chủ tịch UBND, Chủ tịch UB MTTQ phường, Tổ trưởng tổ dân phố",
                                   letter_id=letter.id, actor=clerk)
            sv.record_activity(core, act.id, result="Đoàn đã thăm hỏi, phúng viếng và trao thư chia buồn.",
                               attendance=5, actor=clerk, at=when)
        elif rng.random() < 0.7:
            when = drafted + dt.timedelta(days=2)
            act = sv.plan_activity(core, kind="letter_ceremony", scheduled_at=when, letter_id=letter.id, actor=clerk)
            sv.record_activity(core, act.id, result="Đã trao thư chúc mừng tại trụ sở UBND.", attendance=4,
                               actor=clerk, at=when)
        else:
            sv.mark_sent(core, letter.id, method="hand", actor=clerk, at=drafted + dt.timedelta(days=1))

    # Thank-you letters and one apology for a mistake (R-MC-17).
    for text in CONTRIBUTIONS:
        drafted = _at(day_in_year(), 9)
        letter = sv.draft_thank_you(core, addressee=rng.choice(RESPECTED[3:] + [f"Ông {demo.person_name(False)}"]),
                                    contributor_kind=rng.choice(["resident", "organisation", "business"]),
                                    contribution=text, actor=clerk, at=drafted)
        letter = sv.sign(core, letter.id, actor=chair, at=drafted)
        sv.mark_sent(core, letter.id, method="post", actor=clerk, at=drafted + dt.timedelta(days=1))
    sv.draft_mistake_apology(core, addressee=f"Bà {demo.person_name(True)}",
                             mistake="ghi sai năm sinh trên giấy xác nhận tình trạng hôn nhân",
                             remedy="đã cấp lại giấy xác nhận đúng thông tin ngay trong ngày", actor=clerk,
                             at=_at(today - dt.timedelta(days=3), 9))

    # The Chủ tịch's greetings of the past year, published; the next one drafted.
    for occ in sv.occasions(core.calendar, start, 12):
        drafted = _at(occ.day - dt.timedelta(days=10), 8)
        if drafted.date() > today:
            continue
        letter = sv.draft_greeting(core, occ, actor=clerk, at=drafted)
        if occ.day > today:
            continue
        letter = sv.sign(core, letter.id, actor=chair, at=drafted + dt.timedelta(days=2))
        sv.publish_greeting(core, letter.id, actor=chair, at=drafted + dt.timedelta(days=5))
    sv.plan_greetings(core, today, actor=clerk, at=_at(today, 8))

    # The yearly meeting with supporters and respected people.
    when = _at(start + dt.timedelta(days=200), 14)
    act = sv.plan_activity(core, kind="respected_meeting", scheduled_at=when,
                           title="Gặp mặt người có uy tín, tổ chức, cá nhân tiêu biểu ủng hộ địa phương",
                           delegation="Thường trực Đảng ủy, HĐND, UBND, UB MTTQ phường", guests=RESPECTED, actor=clerk)
    sv.record_activity(core, act.id, result="Lắng nghe 12 ý kiến đóng góp; UBND giao các phòng trả lời trong tháng.",
                       attendance=48, actor=clerk, at=when)

