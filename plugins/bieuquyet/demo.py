"""Demo data of bieuquyet: a year of community meetings in several residential groups,
one household ballot and one online vote, made through the real services (documents
numbered, notices posted, every step audited, votes counted by the core engine)."""
from __future__ import annotations

import datetime as dt

from thanthien.core.demo import DemoContext
from thanthien.core.models import HouseholdRow, PersonRow

from .services import ballots, decisions, matters, meetings, online

TOPICS = [
    (6, "Tổ chức dọn vệ sinh, khơi thông cống rãnh khu dân cư hằng tháng"),
    (1, "Đóng góp bê tông hóa ngõ và lắp đèn chiếu sáng"),
    (6, "Thành lập tổ tự quản an ninh trật tự khu dân cư"),
    (2, "Công khai thu, chi quỹ khuyến học của tổ dân phố"),
    (3, "Sửa đổi, bổ sung quy ước tổ dân phố về nếp sống văn minh"),
    (6, "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư"),
    (1, "Mức đóng góp sửa chữa nhà văn hóa tổ dân phố"),
    (6, "Trồng cây xanh trên các tuyến ngõ"),
    (2, "Quản lý, sử dụng quỹ vì người nghèo của tổ dân phố"),
    (6, "Lắp đặt hệ thống loa truyền thanh khu dân cư"),
]
FRONT = "Ông Hoàng Văn Mặt (Trưởng ban công tác Mặt trận)"


def _households(group_id: int) -> list[tuple[int, str]]:
    rows = list(HouseholdRow.select().where(HouseholdRow.group == group_id, HouseholdRow.active == True)  # noqa: E712
                .order_by(HouseholdRow.id))
    heads = {p.id: p.full_name for p in PersonRow.select().where(PersonRow.id.in_([h.head_id for h in rows
                                                                                    if h.head_id]))}
    return [(h.id, heads.get(h.head_id, "Đại diện hộ")) for h in rows]


def populate(demo: DemoContext) -> None:
    """Every part of the demo, one per sub-area."""
    from .demo_consultations import populate as consultations
    from .demo_elections import populate as elections

    _votes(demo)
    elections(demo)  # group-head elections, the annual meeting (R-DV, R-DT)
    consultations(demo)  # one open consultation with comments, one reported (R-YK)


def _votes(demo: DemoContext) -> None:
    core, rng, today, at = demo.core, demo.rng, demo.today, demo.at
    head, chair = demo.actor("totruong01"), demo.actor("chutich")
    groups = [g for g in demo.groups if _households(g.id)][:6]
    if len(groups) < 3:
        return  # a ward without households in the register has nothing to decide
    start = today - dt.timedelta(days=365)

    # A year of community meetings.
    for i, (kind, title) in enumerate(TOPICS):
        group = groups[i % len(groups)]
        day = start + dt.timedelta(days=20 + 33 * i)
        when = at(day, 19, 30)
        if day > today - dt.timedelta(days=7):
            break
        m = matters.create(core, kind=kind, title=title, unit_id=group.id, form="meeting", agreed_with=FRONT,
                           actor=head, at=when - dt.timedelta(days=12))
        mt = meetings.plan(core, unit_id=group.id, matter_id=m.id, title=f"Họp cộng đồng dân cư {group.name}",
                           scheduled_at=when, place=f"Nhà văn hóa {group.name}", actor=head,
                           at=when - dt.timedelta(days=10))
        meetings.notify(core, mt.id, channels=["invitation", "loudspeaker", "social"],
                        on=day - dt.timedelta(days=4), actor=head, at=when - dt.timedelta(days=4))
        households = _households(group.id)
        if kind in (1, 2, 3):
            meetings.record_delivery(core, mt.id, [h for h, _ in households], on=day - dt.timedelta(days=3),
                                     actor=head, at=when - dt.timedelta(days=3))
        present = [h for h in households if rng.random() < 0.85] or households[:1]
        for hid, name in present:
            meetings.record_attendance(core, mt.id, hid, representative=name, proxy=rng.random() < 0.1, actor=head,
                                       at=when)
        secret = kind in (1, 3)
        meetings.open_voting(core, mt.id, secretary="Bà Lò Thị Thư", method="secret_ballot" if secret
                             else "show_of_hands", procedural_yes=len(present),
                             count_board=["Ông Nông Văn Kiểm", "Bà Hà Thị Phiếu", "Ông Lục Văn Ba"] if secret else [],
                             witnesses=[present[0][1], present[-1][1]] if secret else [], actor=head, at=when)
        for hid, _ in present:
            meetings.record_vote(core, mt.id, hid, "dong_y" if rng.random() < 0.8 else rng.choice(
                ["khong_dong_y", "y_kien_khac"]), actor=head, at=when + dt.timedelta(minutes=40))
        result = meetings.finish(core, mt.id, front_head=FRONT, household_signers=[present[0][1], present[-1][1]],
                                 actor=head, at=when + dt.timedelta(hours=2))
        if result is not None and result.passed:
            sent = core.calendar.period_end(day, 2, "working_days")
            decisions.forward(core, m.id, on=sent, actor=head)
            if kind in decisions.RECOGNISED_BY:
                decisions.recognise(core, m.id, on=core.calendar.period_end(sent, 3, "working_days"), actor=chair)

    # One household ballot (a k.6 matter, R-BQ-17(c)).
    group = groups[1]
    issue = today - dt.timedelta(days=40)
    m = matters.create(core, kind=6, title="Thu quỹ vệ sinh môi trường năm tới", unit_id=group.id, form="ballot",
                       agreed_with=FRONT, actor=head, at=at(issue - dt.timedelta(days=6)))
    rnd, issued = ballots.plan(core, m.id, reason="group_k6", team=[FRONT, "Bà Ma Thị Phát", "Ông Triệu Văn Phiếu"],
                               published_on=issue - dt.timedelta(days=3), plan_issued_on=issue - dt.timedelta(days=4),
                               issue_on=issue, return_deadline=issue + dt.timedelta(days=7), actor=head,
                               at=at(issue - dt.timedelta(days=4)))
    ballots.send_plan(core, rnd.id, on=issue - dt.timedelta(days=3), actor=head)
    for item in issued:
        if rng.random() < 0.9:
            ballots.enter_ballot(core, rnd.id, code=item.code, option="dong_y" if rng.random() < 0.75 else
                                 "khong_dong_y", actor=head, at=at(issue + dt.timedelta(days=5), 10))
    hh = _households(group.id)
    result = ballots.count(core, rnd.id, witnesses=[hh[0][1], hh[-1][1]], front_head=FRONT, actor=head,
                           at=at(issue + dt.timedelta(days=8), 9))
    if result.passed:
        decisions.forward(core, m.id, on=issue + dt.timedelta(days=9), actor=head)

    # One online vote (k.6, R-BQ-08, R-BQ-23…26).
    group = groups[2]
    begin = at(today - dt.timedelta(days=20), 7)
    m = matters.create(core, kind=6, title="Chọn ngày tổng vệ sinh chung hằng tháng", unit_id=group.id,
                       form="online", agreed_with=FRONT, actor=head, at=begin - dt.timedelta(days=10))
    rnd = online.plan(core, m.id, team=[FRONT, "Chị Đàm Thị Mạng", "Anh Lương Văn Số"],
                      informed_on=begin.date() - dt.timedelta(days=7), actor=head, at=begin - dt.timedelta(days=8))
    total = len(_households(group.id))
    online.record_poll(core, rnd.id, yes=total // 2 + 1 if total > 1 else total, actor=head,
                       at=begin - dt.timedelta(days=5))
    _, issued = online.open_round(core, rnd.id, starts_at=begin, ends_at=begin + dt.timedelta(days=3), actor=head,
                                  at=begin - dt.timedelta(days=4))
    for item in issued:
        if rng.random() < 0.7:
            online.cast(core, m.id, code=item.code, option=rng.choice(["dong_y", "dong_y", "dong_y", "y_kien_khac"]),
                        at=begin + dt.timedelta(hours=rng.randrange(1, 70)))
    result = online.close(core, rnd.id, front_head=FRONT, actor=head, at=begin + dt.timedelta(days=3, hours=1))
    if result.passed:
        decisions.forward(core, m.id, on=begin.date() + dt.timedelta(days=4), actor=head)
