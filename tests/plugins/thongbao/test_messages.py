"""Who gets which message: events of the one-stop module, consent (R-DL-04), the
``message_requested`` contract, quiet hours, templates within SMS length, and the sweep:
no message body carries an ID number, a phone number or a denunciation's content."""
import datetime as dt
import re

import pytest

from tests.plugins.motcua.helpers import APPLICANT, Staff, at, receive
from thanthien.core import outbox, people
from thanthien.core.commands import core_commands
from thanthien.core.outbox import OutboxRow
from thanthien.core.scheduler import Worker
from thanthien.core.storage.db import database_proxy, write_transaction
from thanthien.core.types import SYSTEM_ACTOR, MessageRequest
from thanthien.plugins.motcua import services as mc
from thanthien.plugins.thongbao import services as tb
from thanthien.plugins.thongbao.channels import strip_diacritics
from thanthien.plugins.thongbao.services.messages import KIND_CATEGORIES, TEMPLATES
from thanthien.plugins.thongbao.settings import ThongbaoSettings

EMAIL = "nguyenvandan@example.vn"


@pytest.fixture
def staff(core):
    mc.ensure_catalogue()
    return Staff()


@pytest.fixture
def resident(core):
    """The applicant of the motcua helpers, known to the ward with an e-mail address."""
    return people.create_person(APPLICANT["full_name"], citizen_id=APPLICANT["citizen_id"],
                                phone=APPLICANT["phone"], email=EMAIL)


def consent(person, category="case_updates"):
    tb.set_consent(person.id, category, True, actor=SYSTEM_ACTOR, source="paper")


def cycle(core):
    return Worker(core, database_proxy.obj, interval=0.01, extra_commands=core_commands).cycle()


def test_result_ready_reaches_the_mailbox_within_one_worker_cycle(core, staff, resident, smtp_server):
    consent(resident)
    dossier = receive(core, staff)
    mc.transfer(core, dossier.code, actor=staff.officer, at=at("2026-03-02T10:00"))
    mc.mark_result_ready(core, dossier.code, actor=staff.handler, at=at("2026-03-03T10:00"))
    cycle(core)
    bodies = smtp_server.bodies()
    assert len(bodies) == 2  # received, then result ready
    assert f"hồ sơ {dossier.code} đã có kết quả" in bodies[1]
    assert smtp_server.messages[1]["to"] == [EMAIL]
    assert {r.state for r in OutboxRow.select()} == {"sent"}
    today = dt.date.today()
    values = {i.key: v for i, v in core.indicators.values(today, today, plugin="thongbao")}
    assert values["thongbao.sent"] == 2 and values["thongbao.sent_email"] == 2
    assert values["thongbao.failed"] == 0 and values["thongbao.failed_share"] == 0


def test_case_steps_and_their_messages():
    from thanthien.core.types import CaseEvent
    from thanthien.plugins.thongbao.services.events import case_kind

    def ev(action, from_state, to_state):
        return CaseEvent(1, 1, dt.datetime(2026, 3, 2), action, from_state=from_state, to_state=to_state)

    dossier = {"tthc", "dossier"}
    assert case_kind(dossier, ev("open", "", "received"), "opened") == "case.received"
    assert case_kind(dossier, ev("supplement", "processing", "supplement"), "moved") == "case.supplement"
    assert case_kind(dossier, ev("reappoint", "processing", "processing"), "moved") == "case.new_date"
    assert case_kind(dossier, ev("result_ready", "processing", "result_ready"), "moved") == "case.result_ready"
    assert case_kind(dossier, ev("transfer", "received", "processing"), "moved") is None
    assert case_kind(dossier, ev("return_result", "result_ready", "returned"), "closed") == "case.returned"
    assert case_kind(dossier, ev("refuse", "processing", "refused"), "closed") is None
    assert case_kind({"petition"}, ev("answer", "open", "answered"), "closed") == "petition.answered"
    assert case_kind({"denunciation"}, ev("x", "", "received"), "opened") == "denunciation.received"
    assert case_kind({"conduct_complaint"}, ev("x", "", "received"), "opened") is None


def test_without_consent_nothing_is_queued(core, staff, resident, smtp_server):
    dossier = receive(core, staff)
    mc.transfer(core, dossier.code, actor=staff.officer, at=at("2026-03-02T10:00"))
    mc.mark_result_ready(core, dossier.code, actor=staff.handler, at=at("2026-03-03T10:00"))
    assert OutboxRow.select().count() == 0
    # a withdrawn consent is no consent (R-DL-04)
    consent(resident)
    tb.set_consent(resident.id, "case_updates", False, actor=SYSTEM_ACTOR)
    receive(core, staff, when="2026-03-03T09:00")
    assert OutboxRow.select().count() == 0
    cycle(core)
    assert smtp_server.messages == []


@pytest.mark.rule("R-DL-04")
def test_consent_is_per_category_never_by_default(core, resident):
    assert tb.has_consent(resident.id, "case_updates") is False
    consent(resident, "notices")
    assert tb.has_consent(resident.id, "notices") and not tb.has_consent(resident.id, "case_updates")
    with pytest.raises(Exception, match="cách người dân thể hiện"):
        tb.set_consent(resident.id, "codes", True, actor=SYSTEM_ACTOR, source="")


def test_rolled_back_change_sends_nothing(core, staff, resident, smtp_server):
    consent(resident)

    class Boom(Exception):
        pass

    with pytest.raises(Boom), write_transaction():
        receive(core, staff)
        assert OutboxRow.select().count() == 1  # written in the same transaction
        raise Boom
    assert OutboxRow.select().count() == 0
    cycle(core)
    assert smtp_server.messages == []


def test_message_requested_contract(core, resident, smtp_server):
    consent(resident, "codes")
    code_request = MessageRequest(kind="bieuquyet.one_time_code", text="Mã biểu quyết của ông/bà: 482913",
                                  person_id=resident.id, secret=True, ref="vote:4", subject="Mã biểu quyết")
    core.pm.hook.message_requested(message=code_request, core=core)
    # a meeting notice to a resident who did not consent to notices: nothing
    core.pm.hook.message_requested(message=MessageRequest(kind="bieuquyet.meeting_notice",
                                                          text="Mời họp tổ dân phố", person_id=resident.id),
                                   core=core)
    # a bare contact typed in for a code is the person's own request
    core.pm.hook.message_requested(message=MessageRequest(kind="ykien.one_time_code", text="Mã: 119922",
                                                          contact="khach@example.vn", secret=True), core=core)
    rows = list(OutboxRow.select().order_by(OutboxRow.id))
    assert [(r.kind, r.recipient, r.secret) for r in rows] == [
        ("bieuquyet.one_time_code", EMAIL, True), ("ykien.one_time_code", "khach@example.vn", True)]
    assert all(outbox.as_dict(r)["body"] == outbox.SECRET_MASK for r in rows)
    cycle(core)
    assert "482913" in smtp_server.bodies()[0]
    assert {r.body for r in OutboxRow.select()} == {outbox.SECRET_MASK}  # not kept in clear once sent


def test_text_with_a_phone_or_id_number_is_refused(core, resident):
    consent(resident, "notices")
    for text in ("Liên hệ 0912345678 để biết thêm", "Số định danh 006090001234", "Gọi +84 912 345 678"):
        assert tb.queue(core, kind="t.notice", text=text, person_id=resident.id) is None
    assert OutboxRow.select().count() == 0
    # a one-time code that happens to look like a number still goes (it is the module's code)
    consent(resident, "codes")
    assert tb.queue(core, kind="bieuquyet.one_time_code", text="Mã: 8423-5678-92", person_id=resident.id,
                    secret=True) is not None


def test_quiet_hours_hold_messages_back_but_not_codes():
    cfg = ThongbaoSettings(quiet_start="21:00", quiet_end="07:00")
    assert tb.in_quiet_hours(dt.datetime(2026, 12, 7, 22, 30), cfg) == dt.datetime(2026, 12, 8, 7, 0)
    assert tb.in_quiet_hours(dt.datetime(2026, 12, 7, 6, 59), cfg) == dt.datetime(2026, 12, 7, 7, 0)
    assert tb.in_quiet_hours(dt.datetime(2026, 12, 7, 7, 0), cfg) is None
    assert tb.in_quiet_hours(dt.datetime(2026, 12, 7, 20, 59), cfg) is None


@pytest.mark.rule("R-DL-05")
def test_staff_overdue_message_needs_no_consent(core, staff, smtp_server):
    handler = people.update_person(staff.handler_id, email="xuly@backan.example.vn")
    tb.queue(core, kind="staff.overdue", text="UBND phường Bắc Kạn: hồ sơ HT-1 đã quá hạn.", person_id=handler.id,
             staff_work=True)
    cycle(core)
    assert smtp_server.messages[0]["to"] == ["xuly@backan.example.vn"]


WORST = {"ward": "UBND phường Nguyễn Thị Minh Khai", "number": "BKN-HT04-2026-000123",
         "date": "31/12/2026", "due": "31/12/2026", "title": "", "due_soon": 99, "overdue": 99}


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_templates_fit_an_sms_with_and_without_diacritics(kind):
    cfg = ThongbaoSettings()
    _, text = tb.render(kind, cfg, **WORST)
    assert len(strip_diacritics(text)) <= cfg.sms_max_length, text  # one GSM-7 SMS
    assert len(text) <= cfg.sms_unicode_max_length, text  # two UCS-2 parts
    assert strip_diacritics(text).isascii()


def test_ward_overrides_a_template():
    cfg = ThongbaoSettings(templates={"case.result_ready": "Hồ sơ {number}: mời nhận kết quả."})
    assert tb.render("case.result_ready", cfg, **WORST)[1] == "Hồ sơ BKN-HT04-2026-000123: mời nhận kết quả."


def test_every_kind_has_a_category():
    assert {k for k in TEMPLATES if not k.startswith("staff.")} <= set(KIND_CATEGORIES)


ID_OR_PHONE = re.compile(r"(?<!\d)(\d{12}|\d{9}|0\d{9})(?!\d)")
DENUNCIATION_CONTENT = "Ông Trần Văn Bị Tố nhận tiền của dân"


class TestSweep:
    @pytest.fixture
    def extra_plugins(self):
        from thanthien.plugins import motcua, thongbao, tiepdan

        return [("motcua", motcua), ("tiepdan", tiepdan), ("thongbao", thongbao)]

    def test_no_message_carries_an_id_a_phone_or_a_denunciation(self, core, staff, resident, smtp_server):
        """Every template rendered, and every body the outbox holds after the events of this
        suite's fixtures (a dossier through its whole life, a denunciation received and
        closed, a staff reminder), is clean."""
        consent(resident)
        consent(resident, "notices")
        dossier = receive(core, staff)
        mc.transfer(core, dossier.code, actor=staff.officer, at=at("2026-03-02T10:00"))
        mc.mark_result_ready(core, dossier.code, actor=staff.handler, at=at("2026-03-03T10:00"))
        mc.return_result(core, dossier.code, actor=staff.officer, at=at("2026-03-04T10:00"))
        # a denunciation (tag ``denunciation``) whose subject is its content, by its denouncer
        key = next(k for k, t in core.cases.types.items() if "denunciation" in t.tags)
        case = core.cases.open(key, DENUNCIATION_CONTENT, applicant_id=resident.id,
                               received_at=at("2026-03-02T09:00"))
        kinds = {r.kind for r in OutboxRow.select()}
        assert {"case.received", "case.result_ready", "case.returned", "denunciation.received"} <= kinds
        bodies = [r.body + " " + r.subject for r in OutboxRow.select()]
        bodies += [" ".join(tb.render(kind, ThongbaoSettings(), **WORST)) for kind in TEMPLATES]
        cycle(core)
        bodies += smtp_server.bodies()
        assert any(case.number in b for b in bodies)
        for body in bodies:
            assert not ID_OR_PHONE.search(body), body
            assert APPLICANT["citizen_id"] not in body and APPLICANT["phone"] not in body
            assert APPLICANT["full_name"] not in body and APPLICANT["address"] not in body
            assert "Trần Văn" not in body and "nhận tiền" not in body


def test_a_broken_ward_template_loses_the_message_not_the_dossier(core, staff, resident, settings, pm):
    """A ward's template naming an unknown placeholder fails inside a savepoint: logged, no
    message, and the dossier is still received."""
    from thanthien.core.services import make_services

    broken = settings.evolve(plugin={**settings.plugin, "thongbao": {
        **settings.plugin["thongbao"], "templates": {"case.received": "Hồ sơ {so_ho_so} đã nhận."}}})
    broken_core = make_services(broken, pm)
    consent(resident)
    dossier = receive(broken_core, staff)
    assert mc.get_dossier(dossier.code).state == "received"
    assert OutboxRow.select().count() == 0
