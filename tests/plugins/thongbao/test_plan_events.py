"""Plan modules' events wired to messages (issue 14, scope item 4): congvu tasks (assigned,
due soon, overdue, returned), the motcua appointment reminder, the bieuquyet community-
meeting notice — each queued through ``message_requested`` with consent, once, and with
nothing personal or sensitive in its text."""
import datetime as dt

import pytest

from thanthien.core import people
from thanthien.core.outbox import OutboxRow
from thanthien.core.scheduler import jobs
from thanthien.core.storage.db import now
from thanthien.core.types import SYSTEM_ACTOR
from thanthien.plugins import bieuquyet, congvu, motcua, thongbao
from thanthien.plugins.thongbao import services as tb

from .conftest import channel_settings


def rows(kind=None):
    query = OutboxRow.select().order_by(OutboxRow.id)
    return [r for r in query if kind is None or r.kind == kind]


def assert_clean(texts, *forbidden):
    """No ID number, phone number or any of ``forbidden`` in a message."""
    assert texts
    for text in texts:
        assert tb.sensitive_findings(text) == [], text
        for word in forbidden:
            assert word not in text, (word, text)


class TestCongvuTasks:
    @pytest.fixture
    def extra_plugins(self):
        return [("congvu", congvu), ("thongbao", thongbao)]

    @pytest.fixture
    def ward(self, core):
        from tests.plugins.congvu.helpers import Ward

        w = Ward()
        for key in ("vp_officer", "vp_head", "vp_colleague"):
            people.update_person(w.people[key].id, email=f"{key}@backan.example.vn")
        return w

    def _task(self, core, ward, **changes):
        from tests.plugins.congvu.helpers import task_kwargs
        from thanthien.plugins.congvu import services as sv

        return sv.assign_task(core, **task_kwargs(ward, **changes))

    def test_assigned_goes_to_the_assignee_without_consent_as_work(self, core, ward):
        # R-DL-05: a staff member's work message needs no consent (none was recorded)
        task = self._task(core, ward, title="Gọi lại cho ông A số 0912345678 về hồ sơ",
                          co_worker_ids=[ward.vp_colleague.person_id])
        assigned = rows("congvu.task_assigned")
        assert [r.recipient for r in assigned] == ["vp_officer@backan.example.vn", "vp_colleague@backan.example.vn"]
        assert [r.person_id for r in assigned] == [ward.vp_officer.person_id, ward.vp_colleague.person_id]
        assert assigned[0].ref == f"congvu_task:{task.id}" and "30/09/2026" in assigned[0].body
        assert assigned[0].link.endswith(f"/congvu/nhiem-vu/{task.id}")
        assert_clean([r.body for r in assigned], "0912345678")  # the phone in the title is masked

    def test_a_refused_assignment_asks_for_nothing(self, core, ward):
        from thanthien.core.errors import ValidationError

        with pytest.raises(ValidationError):
            self._task(core, ward, expected_result="")
        assert rows() == []

    def test_returned_task_tells_the_assignee(self, core, ward):
        from thanthien.plugins.congvu import services as sv

        task = self._task(core, ward)
        sv.submit(core, task.id, result="Xong", evidence_note="Dự thảo", actor=ward.vp_officer)
        assert rows("congvu.task_returned") == []
        sv.return_task(core, task.id, reason="Chưa có quyết định ban hành", actor=ward.vp_head)
        back = rows("congvu.task_returned")
        assert [r.recipient for r in back] == ["vp_officer@backan.example.vn"]
        assert "bị trả lại" in back[0].body
        # the leader's reason (free text) is not copied into the message
        assert_clean([back[0].body], "Chưa có quyết định")

    def test_due_soon_and_overdue_once_per_task_and_kind(self, core, ward):
        from thanthien.plugins.congvu import services as sv

        late = self._task(core, ward, deadline=dt.date(2026, 9, 15))
        soon = self._task(core, ward, deadline=dt.date(2026, 9, 22))
        far = self._task(core, ward, deadline=dt.date(2026, 12, 22))
        for day in (dt.date(2026, 9, 21), dt.date(2026, 9, 21), dt.date(2026, 9, 22)):
            sv.check(core, day)
        due_soon = rows("congvu.task_due_soon")
        assert [(r.ref, r.recipient) for r in due_soon] == [(f"congvu_task:{soon.id}", "vp_officer@backan.example.vn")]
        overdue = rows("congvu.task_overdue")
        # the assignee and the responsible leader, once each, though the check ran three times
        assert sorted((r.ref, r.recipient) for r in overdue) == [
            (f"congvu_task:{late.id}", "vp_head@backan.example.vn"),
            (f"congvu_task:{late.id}", "vp_officer@backan.example.vn")]
        reminded = {r.ref for r in [*rows("congvu.task_due_soon"), *rows("congvu.task_overdue")]}
        assert f"congvu_task:{far.id}" not in reminded
        # the day after its deadline the soon task is overdue: a new kind, one more message
        sv.check(core, dt.date(2026, 9, 23))
        assert {r.ref for r in rows("congvu.task_overdue")} == {f"congvu_task:{late.id}", f"congvu_task:{soon.id}"}
        assert len(rows("congvu.task_due_soon")) == 1
        assert_clean([r.body for r in rows()])
        assert all(len(r.body) <= 160 for r in rows())

    def test_the_daily_check_is_a_scheduled_job(self, core):
        assert "congvu.check" in {j.name for j in jobs(core)}


class TestMotcuaAppointmentReminder:
    @pytest.fixture
    def thongbao_section(self, smtp_server, provider):
        return channel_settings(smtp_server, provider)

    @pytest.fixture
    def extra_plugins(self):
        return [("motcua", motcua), ("thongbao", thongbao)]

    def test_reminder_the_day_before_once_with_consent(self, core, provider):
        from thanthien.plugins.motcua import services as mc
        from thanthien.plugins.motcua.services.appointments import remind_tomorrow

        mc.ensure_catalogue()
        agreed = people.create_person("Lò Thị Đồng Ý", phone="0912000111")
        tb.set_consent(agreed.id, "appointments", True, actor=SYSTEM_ACTOR, source="counter")
        people.create_person("Vũ Văn Chưa Đồng Ý", phone="0912000222")  # no consent
        day = core.calendar.next_working_day(now().date())
        times = mc.config(core).slot_times
        kept = mc.book(core, procedure_code="HT04", day=day, time=times[0], name="Lò Thị Đồng Ý",
                       phone="+84 912 000 111")
        mc.book(core, procedure_code="HT04", day=day, time=times[1], name="Vũ Văn Chưa Đồng Ý", phone="0912000222")
        mc.book(core, procedure_code="HT04", day=day, time=times[2], name="Người Lạ", phone="0912000333")
        gone = mc.book(core, procedure_code="HT04", day=day, time=times[3], name="Lò Thị Đồng Ý", phone="0912000111")
        mc.cancel_booking(core, gone.code)
        before = day - dt.timedelta(days=2)
        assert remind_tomorrow(core, before) == []  # two days ahead: not yet
        first = remind_tomorrow(core, day - dt.timedelta(days=1))
        assert kept.code in first and gone.code not in first
        again = remind_tomorrow(core, day - dt.timedelta(days=1))  # the job run twice: one message
        assert kept.code in again
        sent = rows("motcua.appointment_reminder")
        assert [(r.channel, r.recipient, r.person_id) for r in sent] == [("sms", "+84912000111", agreed.id)]
        assert f"{day:%d/%m/%Y}" in sent[0].body and times[0] in sent[0].body
        # no phone, no name, no booking code (it cancels the booking) in the text
        assert_clean([r.body for r in sent], kept.code, "Đồng Ý", "0912000111")

    def test_the_reminder_is_a_daily_job_run_by_the_worker(self, core):
        from thanthien.core.commands import core_commands
        from thanthien.core.scheduler import JobRow, Worker
        from thanthien.core.storage.db import database_proxy

        assert "motcua.remind" in {j.name for j in jobs(core)}
        Worker(core, database_proxy.obj, interval=0.01, extra_commands=core_commands).cycle()
        job = JobRow.get_by_id("motcua.remind")
        assert job.last_status == "ok" and "lịch hẹn ngày mai được nhắc" in job.last_output


class TestBieuquyetMeetingNotice:
    @pytest.fixture
    def extra_plugins(self):
        return [("bieuquyet", bieuquyet), ("thongbao", thongbao)]

    @pytest.fixture
    def ward(self, core):
        from tests.plugins.bieuquyet.conftest import Ward

        return Ward(sizes=(3, 2))

    def test_notice_reaches_each_consenting_household_head(self, core, ward):
        from thanthien.core.models import HouseholdRow, PersonRow
        from thanthien.plugins.bieuquyet.services import matters, meetings

        at = dt.datetime(2026, 11, 2, 8, 0)
        group = ward.groups[0]
        heads = [HouseholdRow.get_by_id(h).head_id for h in ward.households[group.id]]
        other_head = HouseholdRow.get_by_id(ward.households[ward.groups[1].id][0]).head_id
        for i, pid in enumerate([*heads, other_head]):
            PersonRow.update(email=f"chuho{i}@example.vn").where(PersonRow.id == pid).execute()
        for pid in (heads[0], heads[2], other_head):
            tb.set_consent(pid, "notices", True, actor=SYSTEM_ACTOR, source="online")
        matter = matters.create(core, kind=6, title="Làm mái che sân nhà văn hóa", content="Kinh phí 40 triệu đồng",
                                unit_id=group.id, form="meeting", agreed_with="Ông Trưởng ban công tác Mặt trận",
                                actor=ward.head1, at=at)
        meeting = meetings.plan(core, unit_id=group.id, matter_id=matter.id, title="Họp tổ dân phố",
                                scheduled_at=dt.datetime(2026, 11, 8, 19, 30), place="Nhà văn hóa tổ 1",
                                actor=ward.head1, at=at)
        assert rows("bieuquyet.meeting_notice") == []
        meetings.notify(core, meeting.id, channels=["invitation"], on=dt.date(2026, 11, 5), actor=ward.head1, at=at)
        sent = rows("bieuquyet.meeting_notice")
        assert sorted(r.person_id for r in sent) == sorted([heads[0], heads[2]])  # consent; this group only
        assert {r.ref for r in sent} == {f"meeting:{meeting.id}"}
        body = sent[0].body
        assert "19 giờ 30 ngày 08/11/2026" in body and "Nhà văn hóa tổ 1" in body and "Tổ dân phố số 1" in body
        # no household address, no head's name
        assert_clean([r.body for r in sent], "Số 1, tổ 1", "Chủ Hộ")
