"""A ward's own channel through ``register_channels``; notices for their subscribers; the
staff digest; overdue cases for their handler."""
import datetime as dt

import attrs
import pytest

from thanthien.core import hookimpl, people
from thanthien.core.commands import core_commands
from thanthien.core.outbox import OutboxRow
from thanthien.core.scheduler import Worker, channels
from thanthien.core.storage.db import database_proxy, write_transaction
from thanthien.core.types import SYSTEM_ACTOR
from thanthien.plugins import motcua, thongbao
from thanthien.plugins.thongbao import services as tb


@attrs.define
class WardGateway:
    """A ward's own SMS gateway (address: phone)."""

    key: str = "cong_sms_phuong"
    label: str = "Cổng tin nhắn của phường"
    address: str = "phone"
    max_length: int | None = 160
    ascii_only: bool = True
    sent: list = attrs.Factory(list)

    def configured(self):
        return True

    def send(self, message, handover):
        handover()
        self.sent.append(message)
        return "ok"


@attrs.define
class WardMail(WardGateway):
    key: str = "email"
    label: str = "Thư điện tử qua máy chủ của tỉnh"
    address: str = "email"


class WardPlugin:
    def __init__(self):
        self.gateway, self.mail = WardGateway(), WardMail()

    @hookimpl
    def register_channels(self, settings, core):
        return [self.gateway, self.mail]


@pytest.fixture
def ward():
    return WardPlugin()


@pytest.fixture
def extra_plugins(ward):
    return [("motcua", motcua), ("thongbao", thongbao), ("ward_channels", ward)]


def cycle(core):
    return Worker(core, database_proxy.obj, interval=0.01, extra_commands=core_commands).cycle()


def test_a_ward_adds_a_channel_and_replaces_a_bundled_one(core, ward, smtp_server):
    found = channels(core)
    assert found["email"] is ward.mail and found["cong_sms_phuong"] is ward.gateway
    assert {"sms", "zalo", "print"} <= set(found)
    only_phone = people.create_person("Lò Thị Chỉ Có Số", phone="0912000444")
    tb.set_consent(only_phone.id, "notices", True, actor=SYSTEM_ACTOR, source="counter")
    row = tb.queue(core, kind="bieuquyet.meeting_notice", text="Mời dự họp tổ dân phố tối thứ Sáu.",
                   person_id=only_phone.id)
    assert row.channel == "cong_sms_phuong" and row.body == "Moi du hop to dan pho toi thu Sau."
    cycle(core)
    assert [m.recipient for m in ward.gateway.sent] == ["0912000444"]
    assert smtp_server.messages == []


class TestEvents:
    @pytest.fixture
    def extra_plugins(self):
        return [("motcua", motcua), ("thongbao", thongbao)]

    def test_new_notice_reaches_subscribers_of_its_group_with_consent(self, core, smtp_server):
        group = people.create_unit("TDP07", "Tổ dân phố số 7", "residential_group")
        other = people.create_unit("TDP08", "Tổ dân phố số 8", "residential_group")
        follower = people.create_person("Đinh Văn Theo Dõi", email="theodoi@example.vn")
        no_consent = people.create_person("Mai Thị Chưa Đồng Ý", email="chuadongy@example.vn")
        elsewhere = people.create_person("Vũ Văn Tổ Khác", email="tokhac@example.vn")
        for person, unit in ((follower, group), (no_consent, group), (elsewhere, other)):
            tb.subscribe(person.id, unit_id=unit.id, actor=SYSTEM_ACTOR)
        for person in (follower, elsewhere):
            tb.set_consent(person.id, "notices", True, actor=SYSTEM_ACTOR, source="online")
        draft = core.notices.create(category=next(iter(core.notice_categories)), title="Họp tổ dân phố số 7",
                                    body_html="<p>Họp lúc 19 giờ.</p>", unit_id=group.id, actor=SYSTEM_ACTOR)
        core.notices.publish(draft.id)
        rows = list(OutboxRow.select())
        assert [r.recipient for r in rows] == ["theodoi@example.vn"]
        assert rows[0].body == "UBND phường Bắc Kạn: có thông báo mới: Họp tổ dân phố số 7"

    def test_staff_digest_and_overdue_reminder(self, core, smtp_server):
        from tests.plugins.motcua.helpers import Staff, at, receive
        from thanthien.plugins.motcua import services as mc

        mc.ensure_catalogue()
        staff = Staff()
        people.update_person(staff.handler_id, email="xuly@backan.example.vn")
        dossier = receive(core, staff, when="2026-03-02T09:00")
        mc.transfer(core, dossier.code, actor=staff.officer, handler_id=staff.handler_id, at=at("2026-03-02T10:00"))
        case = core.cases.get(dossier.case_id)
        assert case.owner_id == staff.handler_id
        later = case.due_date + dt.timedelta(days=30)
        with write_transaction():
            assert tb.digest(core, later) == 1
            assert tb.digest(core, later) == 1  # the same day's digest is written once (same key)
        core.cases.check_overdue(later)
        kinds = sorted(r.kind for r in OutboxRow.select())
        assert kinds == ["staff.digest", "staff.overdue"]
        cycle(core)
        bodies = smtp_server.bodies()
        assert any("1 hồ sơ quá hạn" in b for b in bodies)
        assert any(f"hồ sơ {dossier.code} đã quá hạn" in b for b in bodies)
        assert all(m["to"] == ["xuly@backan.example.vn"] for m in smtp_server.messages)
        # the cycle also ran today's digest job (the dossier is overdue today too)
        assert {r.state for r in OutboxRow.select()} == {"sent"}
