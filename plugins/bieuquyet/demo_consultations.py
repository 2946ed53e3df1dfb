"""Demo data of the consultations: one consultation open with residents' comments and
opinions from a community meeting and the suggestion box, one closed with its results,
explanation and report to the HĐND. Everything goes through the services (documents,
notices, codes and the audit log are real)."""
from __future__ import annotations

import datetime as dt

from thanthien.core.demo import DemoContext
from thanthien.core.models import HouseholdRow

from .services import codes
from .services import consultations as svc
from .types_consultations import code_purpose

COMMENTS = [
    ("dong_y", "Gia đình đồng ý mở rộng ngõ, đề nghị làm rãnh thoát nước hai bên để mùa mưa không ngập."),
    ("dong_y", "Đồng ý với dự thảo. Đề nghị thi công vào mùa khô và thông báo lịch cho các hộ trước một tuần."),
    ("y_kien_khac", "Đề nghị công khai dự toán và phần kinh phí Nhà nước hỗ trợ trước khi thi công."),
    ("khong_dong_y", "Gia đình chưa đồng ý vì phần đất mở rộng trước nhà chưa có phương án hỗ trợ rõ ràng."),
]


def _household_codes(demo: DemoContext, consultation_id: int, n: int, ends_on: dt.date) -> list[str]:
    households = [h.id for h in HouseholdRow.select(HouseholdRow.id).order_by(HouseholdRow.id).limit(n)]
    issued = codes.issue_for_households(demo.core, purpose=code_purpose(consultation_id), household_ids=households,
                                        expires_at=dt.datetime.combine(ends_on, dt.time(23, 59, 59)),
                                        actor=demo.actor("chutich"))
    return [i.code for i in issued]


def populate(demo: DemoContext) -> None:
    core, chair = demo.core, demo.actor("chutich")
    today = dt.date.today()
    group = demo.groups[2] if len(demo.groups) > 2 else demo.groups[0]

    # a consultation closed a month ago: results, explanation and the report to the HĐND
    start = today - dt.timedelta(days=60)
    old = svc.create(core, title="Dự thảo Quy chế thực hiện dân chủ ở phường năm 2026", matter="art25_7",
                     content="Dự thảo Quy chế thực hiện dân chủ ở phường (sửa đổi) gồm 5 chương, 28 điều, bổ sung "
                             "việc góp ý trực tuyến và đối thoại định kỳ giữa Chủ tịch Ủy ban nhân dân phường "
                             "với Nhân dân.",
                     channels=["hop_cong_dong", "hom_thu", "cong_thong_tin"],
                     method="Tổ trưởng tổ dân phố tổ chức họp; hòm thư đặt tại trụ sở Ủy ban nhân dân phường.",
                     responsible="Văn phòng HĐND và UBND phường", starts_on=start,
                     ends_on=start + dt.timedelta(days=25), actor=chair)
    svc.send_plan(core, old.id, actor=chair)
    svc.publish(core, old.id, actor=chair, on=start)
    svc.record_opinion(core, old.id, channel="hop_cong_dong", source="Hội nghị Tổ dân phố số 1",
                       received_on=start + dt.timedelta(days=10), agree=41, disagree=3, other=6,
                       summary="Đa số đồng ý; đề nghị nêu rõ thời hạn trả lời kiến nghị.", actor=chair)
    svc.record_opinion(core, old.id, channel="hom_thu", source="Hòm thư góp ý tại trụ sở",
                       received_on=start + dt.timedelta(days=20), agree=2, disagree=0, other=3,
                       summary="Đề nghị bổ sung lịch đối thoại hằng quý.", actor=chair)
    # time passes: its window has ended; results and the explanation are published, then reported
    svc.publish_results(core, old.id, decision="dieu_chinh", actor=chair,
                        acceptance="Ủy ban nhân dân phường tiếp thu ý kiến về thời hạn trả lời kiến nghị "
                                   "(bổ sung vào Điều 12) và lịch đối thoại hằng quý (bổ sung vào Điều 20).")
    svc.report(core, old.id, actor=chair)

    # a consultation open now, with residents' comments
    start = today - dt.timedelta(days=5)
    open_ = svc.create(core, title="Phương án mở rộng ngõ 12 đường Trường Chinh", matter="art25_3",
                       content="Mở rộng ngõ 12 từ 2,5 m lên 4 m trên chiều dài 180 m; các hộ hiến đất được hỗ trợ "
                               "xây lại tường rào; kinh phí do Nhà nước và Nhân dân cùng làm.",
                       channels=["hop_cong_dong", "hom_thu", "cong_thong_tin", "mang_xa_hoi"],
                       method="Họp các hộ trong ngõ; góp ý trực tuyến trên trang của phường.",
                       responsible="Phòng Kinh tế, Hạ tầng và Đô thị", starts_on=start,
                       ends_on=start + dt.timedelta(days=30), area_unit_id=None, actor=chair)
    svc.send_plan(core, open_.id, actor=chair)
    svc.publish(core, open_.id, actor=chair, on=start)
    svc.record_opinion(core, open_.id, channel="hop_cong_dong", source=f"Hội nghị {group.name}",
                       received_on=start + dt.timedelta(days=2), agree=18, disagree=4, other=2,
                       summary="Đa số đồng ý; một số hộ đề nghị làm rõ mức hỗ trợ.", actor=chair)
    plain = _household_codes(demo, open_.id, len(COMMENTS), open_.ends_on)
    for code, (stance, text) in zip(plain, COMMENTS, strict=True):
        svc.comment(core, open_.id, code=code, stance=stance, text=text)
