"""Demo data of the giamsat module (``thanthien demo``): a road upgrade, a drainage works, a
cultural-house repair funded by the residents, a sponsored lighting project still
without a board and a private shop outside the scope, with boards, plans, inspections,
residents' reports, recommendations and a report to UB MTTQ.

Everything goes through :mod:`.services`, so the demo obeys the same rules as real use:
the Trưởng Ban Thanh tra nhân dân (``bantt``) sits on the three boards as the BTTND's
representative and acts for them; the Front Committee's officer (``mattran``) sets them up.
"""
from __future__ import annotations

import base64
import datetime as dt

from thanthien.core import accounts, people
from thanthien.core.demo import DEMO_PASSWORD, DemoContext
from thanthien.core.models import HouseholdRow, PersonRow

from . import services as sv
from .types import MemberInput, PhotoUpload

#: A 1×1 PNG: the demo's site photo.
PHOTO = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")
FRONT_LOGIN = "mattran"


def residents(demo: DemoContext, group_ids: list[int], n: int) -> list[PersonRow]:
    """``n`` residents of the groups (members elected there); a small demo ward gets new ones."""
    found = list(PersonRow.select().join(HouseholdRow, on=(PersonRow.household == HouseholdRow.id))
                 .where(HouseholdRow.group.in_(group_ids), PersonRow.is_staff == False)  # noqa: E712
                 .order_by(PersonRow.id).limit(n))
    while len(found) < n:
        group = group_ids[len(found) % len(group_ids)]
        hh = people.create_household(f"GS{group:03d}{len(found):02d}", group)
        found.append(PersonRow.get_by_id(people.create_person(demo.person_name(), household_id=hh.id).id))
    return found


def members(demo: DemoContext, groups: list[int]) -> list[MemberInput]:
    """A board: a Front Committee head, the BTTND's head (``bantt``), three elected residents."""
    bantt = demo.staff["bantt"]
    out = [MemberInput(demo.person_name(), "truong_ban", "mttq"),
           MemberInput(bantt.full_name, "uy_vien", "bttnd", person_id=bantt.id)]
    for i, r in enumerate(residents(demo, groups, 3)):
        out.append(MemberInput(r.full_name, "pho_truong_ban" if i == 0 else "uy_vien", "nhan_dan", person_id=r.id))
    return out


def front_officer(demo: DemoContext) -> None:
    """The Front Committee's officer, with a login, as ``demo.staff["mattran"]``."""
    mttq = demo.units["MTTQ"]
    front = people.create_person(demo.person_name(), is_staff=True, unit_id=mttq.id,
                                 position="Cán bộ Ủy ban MTTQ Việt Nam phường")
    people.grant_role(front.id, "front_officer", mttq.id)
    if accounts.account_by_username(FRONT_LOGIN) is None:
        accounts.create_account(front.id, FRONT_LOGIN, DEMO_PASSWORD)
    demo.staff[FRONT_LOGIN] = PersonRow.get_by_id(front.id)


def populate(demo: DemoContext) -> None:
    core, today = demo.core, demo.today
    front_officer(demo)
    front, officer, chair, member = (demo.actor(FRONT_LOGIN), demo.actor("kinhte"), demo.actor("chutich"),
                                     demo.actor("bantt"))
    g = {u.code: u.id for u in demo.groups}
    investor = f"UBND {core.settings.ward.name}"

    def day(n: int) -> dt.date:
        """The demo's today shifted by ``n`` days."""
        return today + dt.timedelta(days=n)

    # 1. Road upgrade (public investment): board, timely plan notice, inspections, answered recommendation.
    road = sv.create_project(
        core, name="Nâng cấp, cải tạo đường nội bộ Tổ dân phố số 3 – số 5", investor=investor,
        management_unit="Ban Quản lý dự án đầu tư xây dựng phường", funding="dau_tu_cong",
        location="Đường nội bộ từ Tổ dân phố số 3 đến Tổ dân phố số 5", group_ids=[g["TDP03"], g["TDP04"], g["TDP05"]],
        value_vnd=4_200_000_000, start_on=day(-120), end_on=day(150), decision_maker=f"Chủ tịch {investor}",
        contractor="Công ty TNHH Xây dựng Hùng Phát", contractor_supervisor="Công ty CP Tư vấn Xây dựng Bắc Sơn",
        actor=officer)
    b1 = sv.create_board(core, road.id, decision_ref="15/QĐ-MTTQ", established_on=day(-175),
                         members=members(demo, [g["TDP03"], g["TDP04"]]), actor=front)
    plan, _ = sv.create_plan(core, b1.id, title="Kế hoạch giám sát thi công đường nội bộ", start_on=day(-120),
                             end_on=day(150), activities="Kiểm tra hiện trường hằng tháng; đối chiếu vật tư với hồ sơ "
                             "thiết kế.", actor=member, today=day(-175))
    sv.record_plan_notice(core, plan.id, notified_on=day(-170), notice_ref="07/TB-MTTQ", actor=front)
    sv.record_inspection(core, b1.id, held_on=day(-90), place="Đoạn đầu tuyến, Tổ dân phố số 3",
                         participants="Ban giám sát, đại diện nhà thầu, tư vấn giám sát",
                         experts=["Kỹ sư xây dựng Lương Văn Kiên"],
                         findings="Rải móng cấp phối đá dăm đúng chiều dày thiết kế; thiếu biển báo công trường.",
                         photos=[PhotoUpload("hien-truong-dau-tuyen.png", PHOTO, "image/png", "Đoạn đầu tuyến")],
                         actor=member)
    sv.update_check(core, b1.id, item="tien_do", status="dat", finding="Đúng tiến độ được duyệt.", actor=member)
    sv.update_check(core, b1.id, item="chat_thai_moi_truong", status="co_van_de",
                    finding="Vật liệu tập kết không che chắn, gây bụi.", actor=member)
    rec = sv.make_recommendation(core, b1.id, kind="kien_nghi", content="Yêu cầu nhà thầu che chắn vật liệu, tưới "
                                 "nước giảm bụi và bổ sung biển báo công trường.", sent_on=day(-85), actor=member)
    sv.answer_recommendation(core, rec.id, answer="UBND phường đã yêu cầu nhà thầu khắc phục trong 03 ngày; Ban quản "
                             "lý dự án kiểm tra và báo cáo kết quả.", actor=chair, at=demo.at(day(-78), 15))
    report = sv.receive_report(core, road.id, channel="hom_thu", received_on=day(-60),
                               content="Xe chở vật liệu chạy quá tốc độ qua ngõ 12 giờ tan học.", actor=member)
    sv.handle_report(core, report.id, result="Đã đề nghị nhà thầu bố trí người điều tiết giao thông giờ tan học.",
                     handled_on=day(-58), actor=member)
    sv.send_info_request(core, b1.id, sent_on=day(-100), addressee="Ban Quản lý dự án đầu tư xây dựng phường",
                         items=["quyet_dinh_dau_tu", "tien_do", "mat_bang"], actor=member)

    # 2. Drainage (commune budget): serious violation, suspension awaiting the answer.
    drain = sv.create_project(
        core, name="Cải tạo hệ thống rãnh thoát nước khu dân cư Tổ dân phố số 8", investor=investor,
        management_unit="Ban Quản lý dự án đầu tư xây dựng phường", funding="ngan_sach_xa",
        location="Tổ dân phố số 8 và số 9", group_ids=[g["TDP08"], g["TDP09"]], value_vnd=1_350_000_000,
        start_on=day(-40), end_on=day(80), contractor="Công ty TNHH Thủy lợi Nà Phặc", actor=officer)
    b2 = sv.create_board(core, drain.id, decision_ref="21/QĐ-MTTQ", established_on=day(-80),
                         members=members(demo, [g["TDP08"], g["TDP09"]]), actor=front)
    plan2, _ = sv.create_plan(core, b2.id, title="Kế hoạch giám sát cải tạo rãnh thoát nước", start_on=day(-40),
                              end_on=day(80), actor=member, today=day(-80))
    sv.record_plan_notice(core, plan2.id, notified_on=day(-75), notice_ref="09/TB-MTTQ", actor=front)
    bad = sv.record_inspection(core, b2.id, held_on=day(-8), place="Cống qua đường, Tổ dân phố số 8",
                               findings="Tấm đan bê tông thiếu thép so với thiết kế, có nguy cơ sập khi xe tải đi qua.",
                               serious_violation=True, experts=["Kỹ sư kết cấu Triệu Thị Hằng"], actor=member)
    sv.update_check(core, b2.id, item="dinh_muc_vat_tu", status="co_van_de",
                    finding="Tấm đan thiếu thép theo thiết kế.", actor=member)
    sv.make_recommendation(core, b2.id, kind="tam_dung", content="Đề nghị tạm dừng thi công hạng mục cống qua đường "
                           "cho đến khi kiểm định lại chất lượng tấm đan.", sent_on=day(-5), basis_inspection_id=bad.id,
                           actor=member)

    # 3. Cultural house repair funded by the residents: extended checklist, report to UB MTTQ.
    house = sv.create_project(
        core, name="Sửa chữa Nhà văn hóa Tổ dân phố số 12", investor="Ban Phát triển Tổ dân phố số 12",
        funding="dong_gop_cong_dong", location="Nhà văn hóa Tổ dân phố số 12", group_ids=[g["TDP12"]],
        value_vnd=320_000_000, start_on=day(-150), end_on=day(-20),
        description="Các hộ gia đình đóng góp tiền và ngày công theo nghị quyết của cộng đồng dân cư.", actor=officer)
    b3 = sv.create_board(core, house.id, decision_ref="11/QĐ-MTTQ", established_on=day(-200),
                         members=members(demo, [g["TDP12"]]), actor=front)
    plan3, _ = sv.create_plan(core, b3.id, title="Kế hoạch giám sát sửa chữa nhà văn hóa", start_on=day(-150),
                              end_on=day(-20), actor=member, today=day(-200))
    sv.record_plan_notice(core, plan3.id, notified_on=day(-198), notice_ref="05/TB-MTTQ", actor=front)
    sv.record_inspection(core, b3.id, held_on=day(-60), place="Nhà văn hóa Tổ dân phố số 12",
                         findings="Mái tôn, trần thạch cao thi công đúng chủng loại vật tư đã thống nhất.", actor=member)
    for item in ("tien_do", "tieu_chuan_ky_thuat", "dinh_muc_vat_tu", "nghiem_thu", "quyet_toan"):
        sv.update_check(core, b3.id, item=item, status="dat", finding="Đạt yêu cầu.", actor=member)
    sv.issue_board_report(core, b3.id, kind="dinh_ky", period_start=day(-150), period_end=day(-20), actor=member,
                          issued_on=day(-15))
    sv.dissolve_board(core, b3.id, dissolved_on=day(-10), note="Công trình đã nghiệm thu, quyết toán; kết thúc giám sát.",
                      actor=front)

    # 4. Sponsored street lighting: in scope, still without a board (warning list).
    sv.create_project(core, name="Lắp đặt hệ thống chiếu sáng đường Tổ dân phố số 20",
                      investor="Công ty Điện lực Bắc Kạn (tài trợ)", funding="tai_tro", location="Tổ dân phố số 20",
                      group_ids=[g["TDP20"]], value_vnd=450_000_000, start_on=day(10), end_on=day(60), actor=officer)
    # 5. A private shop: outside the board's scope (R-GS-02).
    sv.create_project(core, name="Cửa hàng tiện lợi của Công ty TNHH Thương mại Minh Anh",
                      investor="Công ty TNHH Thương mại Minh Anh", funding="von_ngoai_nha_nuoc",
                      location="Tổ dân phố số 2", group_ids=[g["TDP02"]], value_vnd=2_000_000_000, start_on=day(-30),
                      end_on=day(90), actor=officer)
