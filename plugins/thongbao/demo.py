"""Demo data of thongbao: a few residents of the first residential groups who consented
(on a paper form) to news of their dossiers and to their group's notices, and follow those
notices. The demo ward has no mail server or SMS provider, so their messages go to the print
list (``/thongbao/danh-sach-in``) — a ward fills ``[plugin.thongbao]`` to send them."""
from __future__ import annotations

from thanthien.core.demo import DemoContext
from thanthien.core.models import HouseholdRow, PersonRow
from thanthien.core.types import MessageRequest

from . import services


def populate(demo: DemoContext) -> None:
    core, chair = demo.core, demo.actor("chutich")
    for group in demo.groups[:3]:
        people = list(PersonRow.select().join(HouseholdRow, on=(PersonRow.household == HouseholdRow.id))
                      .where(HouseholdRow.group == group.id, PersonRow.is_staff == False)  # noqa: E712
                      .order_by(PersonRow.id).limit(4))
        for person in people[::2]:
            for category in ("case_updates", "notices"):
                services.set_consent(person.id, category, True, actor=chair, source="paper",
                                     note="Phiếu đồng ý nhận tin (dữ liệu minh họa)")
            services.subscribe(person.id, unit_id=group.id, actor=chair)
            core.pm.hook.message_requested(message=MessageRequest(
                kind="thongbao.meeting_notice", subject="Mời họp tổ dân phố",
                text=f"UBND phường mời ông/bà dự họp {group.name} lúc 19 giờ thứ Sáu tại nhà văn hóa.",
                person_id=person.id, personal=False, ref=f"unit:{group.id}"), core=core)
