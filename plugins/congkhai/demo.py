"""Demo data (dữ liệu mẫu): a year of notices across all Art. 11 categories with their
ledgers — mostly complete, with a few realistic gaps for the compliance check — plus
propaganda conferences, articles and information requests, made through the real
services (so every step is checked and audited)."""
from __future__ import annotations

import datetime as dt

from thanthien.core import people
from thanthien.core.demo import DemoContext
from thanthien.core.notices import ART11_CATEGORIES

from . import services as ck

TITLES = {
    "ke_hoach_ktxh": "Kế hoạch phát triển kinh tế - xã hội năm {y}",
    "ngan_sach": "Công khai dự toán ngân sách phường năm {y}",
    "du_an_dat_dai_quy_hoach": "Phương án bồi thường, hỗ trợ dự án nâng cấp đường {street}",
    "quy_che_dan_chu_nhiem_vu_cb": "Quy chế thực hiện dân chủ trên địa bàn phường",
    "quy_dong_gop": "Công khai thu, chi Quỹ phòng, chống thiên tai năm {y}",
    "tai_san_cong": "Kế hoạch thanh lý tài sản công của UBND phường",
    "chinh_sach_an_sinh": "Danh sách hộ được hỗ trợ nhà ở đợt {n}",
    "ho_tro_thien_tai": "Hỗ trợ các hộ bị thiệt hại do mưa lũ tháng {m}",
    "nghia_vu_quan_su_ca": "Danh sách công dân đủ điều kiện gọi nhập ngũ năm {y}",
    "thanh_tra_tham_nhung_tin_nhiem": "Kết quả kiểm tra công vụ quý {q}",
    "lay_y_kien": "Lấy ý kiến Nhân dân về đề án chỉnh trang đô thị {street}",
    "phi_le_phi": "Mức thu phí sử dụng vỉa hè, lòng đường",
    "tthc": "Danh mục thủ tục hành chính giải quyết tại phường",
    "khac": "Thông báo lịch tiếp công dân của Chủ tịch UBND phường tháng {m}",
}
STREETS = ["Thành Công", "Nguyễn Văn Tố", "Trường Chinh", "Hùng Vương"]


def populate(demo: DemoContext) -> None:
    core, rng, today = demo.core, demo.rng, demo.today
    # Plan IV.2: the culture department leads disclosure ward-wide, so its officer's role
    # covers every residential group (the demo ward grants it on her department only).
    people.grant_role(demo.staff["vanhoa"].id, "department_officer", None)
    officer = demo.actor("vanhoa")
    start = today - dt.timedelta(days=365)
    cats = list(ART11_CATEGORIES)
    made = 0
    day = start
    while day < today - dt.timedelta(days=2):
        cat = cats[made % len(cats)]
        made += 1
        decision = day if core.calendar.is_working_day(day) else demo.working_days_after(day, 1)
        late = rng.random() < 0.08
        publish_on = decision + dt.timedelta(days=9 if late else rng.choice([0, 1, 2]))
        if publish_on >= today:
            break
        title = TITLES[cat.key].format(y=decision.year, m=decision.month, q=(decision.month - 1) // 3 + 1,
                                       n=made, street=rng.choice(STREETS))
        custom = {"office_and_groups": False} if cat.key == "khac" else None
        n = ck.create_notice(core, category=cat.key, title=title, actor=officer,
                             body_html=f"<p>UBND {core.settings.ward.name} thông báo: {title}.</p>"
                                       "<p>Mọi ý kiến xin gửi về Phòng Văn hóa - Xã hội.</p>",
                             decision_ref=f"Quyết định số {made:02d}/QĐ-UBND", decision_date=decision,
                             responsible_id=officer.person_id, custom=custom, today=today)
        n = ck.publish_notice(core, n.id, actor=officer, at=demo.at(publish_on, 8, 30))
        _ledger(core, n, officer, rng, today)
        day += dt.timedelta(days=rng.randint(6, 12))
    _propaganda(core, demo, officer, today)
    _requests(core, demo, officer, today)


def _ledger(core, notice, actor, rng, today) -> None:
    published = notice.published_at.date()
    done = {(p.kind, p.unit_id) for p in ck.postings(notice.id)}  # e.g. the automatic website posting
    for req in ck.requirements(notice.id):
        if (req.kind, req.unit_id) in done:
            continue
        if rng.random() < 0.03:  # a gap: never posted
            continue
        on = min(published + dt.timedelta(days=rng.choice([0, 0, 1])), today)
        if req.kind == "loudspeaker":
            days = req.broadcast_days - (1 if rng.random() < 0.1 else 0)
            for i in range(days):
                if on + dt.timedelta(days=i) <= today:
                    ck.record_posting(core, notice.id, kind="loudspeaker", posted_on=on + dt.timedelta(days=i),
                                      actor=actor, today=today)
            continue
        removed = None
        if req.min_days and not req.permanent:
            keep = req.min_days + rng.randint(0, 10) - (5 if rng.random() < 0.03 else 0)
            if on + dt.timedelta(days=keep) <= today:
                removed = on + dt.timedelta(days=keep)
        ck.record_posting(core, notice.id, kind=req.kind, unit_id=req.unit_id, posted_on=on, removed_on=removed,
                          actor=actor, today=today)


def _propaganda(core, demo, actor, today) -> None:
    for i, group in enumerate(demo.groups):
        if i % 15 == 14:
            continue  # three groups still to cover
        held = today - dt.timedelta(days=demo.rng.randint(10, 300))
        ck.record_conference(core, kind="dccs_law", topic="Tuyên truyền, phổ biến Luật Thực hiện dân chủ ở cơ sở",
                             held_on=held, place=f"Nhà văn hóa {group.name}", audience="residents",
                             unit_id=group.id, invited=70, attended=demo.rng.randint(45, 70), actor=actor, today=today)
    ck.record_conference(core, kind="model_training", topic="Tập huấn mô hình “Chính quyền thân thiện, Nhân dân "
                         "phát huy quyền làm chủ”", held_on=today - dt.timedelta(days=120), place="Hội trường UBND phường",
                         audience="staff", invited=60, attended=57, actor=actor, today=today)
    for k, (kind, channel, title) in enumerate([
        ("article", "website", "Phường ra mắt mô hình “Chính quyền thân thiện, Nhân dân phát huy quyền làm chủ”"),
        ("broadcast", "loudspeaker", "Chuyên mục phát thanh: Quyền làm chủ của Nhân dân ở cơ sở"),
        ("report", "press", "Phóng sự: Một ngày tại Trung tâm Phục vụ hành chính công phường"),
        ("social_post", "social_page", "Hướng dẫn đánh giá sự hài lòng khi làm thủ tục hành chính"),
    ]):
        ck.record_media(core, kind=kind, title=title, published_on=today - dt.timedelta(days=30 * (k + 1)),
                        channel=channel, topic=["model", "dccs_law", "model", "sipas"][k], actor=actor, today=today)


def _requests(core, demo, actor, today) -> None:
    for k in range(8):
        received = today - dt.timedelta(days=20 + 25 * k)
        if not core.calendar.is_working_day(received):
            received = demo.working_days_after(received, -1)
        channel = ["in_person", "online", "post"][k % 3]
        case = ck.open_request(core, channel=channel, complex=k % 2 == 1, requester_name=demo.person_name(),
                               requester_id_no=f"0061900{k:05d}", requester_address="Tổ dân phố số 3",
                               info_requested="Quyết định phê duyệt phương án bồi thường dự án đường Thành Công",
                               purpose="Tìm hiểu quyền lợi của gia đình", delivery_form="copy", actor=actor,
                               received_at=demo.at(received, 9))
        if k == 5:
            continue  # still open
        if case.data.get("complex") and channel != "in_person":
            ck.notify_timeline(core, case.id, actor=actor, at=demo.at(received, 15))
        done = case.due_date + dt.timedelta(days=2) if k == 3 else case.due_date
        ck.provide_information(core, case.id, actor=actor, at=demo.at(min(done, today), 10))
