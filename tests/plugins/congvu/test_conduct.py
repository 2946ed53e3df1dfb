"""Conduct: the conduct rules are ward-editable; a resident names a staff member by badge
or name; a complaint opens a petition with its legal clock through core (another module's
"petition" type, else the fallback), linked to the staff member, never to the resident;
reports are read by leaders and the person concerned only; breaches and disciplinary
decisions (with the document); the yearly summary counts all of it."""
from __future__ import annotations

import datetime as dt

import pytest
from thanthien.core import audit, hookimpl
from thanthien.core.cases import CaseType, DeadlinePolicy, State
from thanthien.core.errors import PermissionDenied, ValidationError
from thanthien.plugins import congvu
from thanthien.plugins.congvu import services as sv
from thanthien.plugins.congvu.casetypes import FALLBACK_PETITION
from thanthien.plugins.congvu.types import Upload

from .helpers import PDF, task_kwargs

RESIDENT = "Quàng Văn Bímật"


def test_conduct_rules_ship_with_the_plan_and_are_editable(core, ward):
    rules = sv.conduct_rules()
    assert [r.text for r in rules["four_courtesies"]] == ["Xin chào", "Xin lỗi", "Xin cảm ơn", "Xin phép"]
    assert [r.text for r in rules["four_always"]] == ["Luôn mỉm cười", "Luôn nhẹ nhàng", "Luôn lắng nghe",
                                                      "Luôn giúp đỡ"]
    assert len(rules["five_donts"]) == 5 and rules["five_donts"][0].text.startswith("Không cửa quyền")
    assert any("rượu, bia" in r.text for r in rules["standards"])
    with pytest.raises(PermissionDenied):
        sv.add_rule(core, group="standards", text="Mới", actor=ward.vp_head)
    added = sv.add_rule(core, group="standards", text="Giữ trật tự nơi làm việc", actor=ward.chair)
    hidden = sv.edit_rule(core, added.id, text=added.text, active=False, actor=ward.chair)
    assert not hidden.active and added.id not in {r.id for r in sv.conduct_rules()["standards"]}
    assert added.id in {r.id for r in sv.conduct_rules(include_hidden=True)["standards"]}


def test_staff_are_found_by_badge_or_name(core, ward):
    assert sv.find_staff("bk-008").id == ward.centre_officer.person_id
    assert sv.find_staff("ma thi tiep").id == ward.centre_officer.person_id
    with pytest.raises(ValidationError) as exc:
        sv.find_staff("Không Có Ai")
    assert exc.value.errors[0][0] == "staff"


def test_a_compliment_needs_no_name(core, ward):
    r = sv.file_report(core, kind="compliment", staff="BK-008", content="Hướng dẫn tận tình", channel="kiosk")
    assert r.case_id is None and r.staff_id == ward.centre_officer.person_id


@pytest.mark.rule("R-PA-07")
def test_a_complaint_opens_a_petition_with_its_clock(core, ward):
    received = dt.datetime(2026, 9, 4, 10)  # a Friday
    with pytest.raises(ValidationError) as exc:  # R-PA-03: name and phone of the sender
        sv.file_report(core, kind="complaint", staff="BK-008", content="Thái độ thiếu tôn trọng", at=received)
    assert {f for f, _ in exc.value.errors} == {"resident_name", "resident_phone"}
    r = sv.file_report(core, kind="complaint", staff="BK-008", content="Thái độ thiếu tôn trọng",
                       resident_name=RESIDENT, resident_phone="0912 345 678", at=received)
    case = core.cases.get(r.case_id)
    assert case.case_type == FALLBACK_PETITION == sv.petition_type(core)
    days = core.rules.value("R-PA-07.max_working_days", received.date())
    due = core.calendar.add_working_days(received, days, None)
    assert case.due_date == due and case.due_unit == "working_days"
    # the boundary: the last allowed day is the 10th working day after receipt, not the 9th or the 11th
    assert core.calendar.working_days_between(received.date(), due) == days
    assert case.confidential and case.applicant_id is None
    assert case.data["staff_person_id"] == ward.centre_officer.person_id
    assert RESIDENT not in repr(case) and "0912345678" not in repr(case)
    assert case.timeliness(due) == "on_time" and case.timeliness(due + dt.timedelta(days=1)) == "late"


class PetitionPlugin:
    """Another module declaring the ward's petition type (as tiepdan does)."""

    @hookimpl
    def register_case_types(self, settings):
        return [CaseType(key="khac_petition", name="Phản ánh, kiến nghị", plugin="khac", tags=("petition",),
                         states=(State("received", "Đã tiếp nhận"), State("answered", "Đã trả lời", final=True)),
                         initial="received", transitions=(),
                         deadline=DeadlinePolicy("R-PA-07.max_working_days", "working_days"))]


@pytest.fixture
def with_petition_module(settings, db):
    from thanthien.core.plugins import make_plugin_manager
    from thanthien.core.services import make_services

    pm = make_plugin_manager(settings, load_entrypoints=False, plugins=[("congvu", congvu),
                                                                        ("khac", PetitionPlugin())])
    return make_services(settings, pm)


def test_a_complaint_goes_to_the_petition_type_another_module_declares(with_petition_module, ward):
    core = with_petition_module
    r = sv.file_report(core, kind="complaint", staff="BK-008", content="Chờ lâu", resident_name=RESIDENT,
                       resident_phone="0912345678")
    assert core.cases.get(r.case_id).case_type == "khac_petition"
    with pytest.raises(ValidationError):  # handled at that module's desk, not here
        sv.handle_report(core, r.id, action="answer", note="Đã trả lời", actor=ward.chair)


def test_reports_are_for_leaders_and_the_person_concerned(core, ward):
    r = sv.file_report(core, kind="complaint", staff="BK-008", content="Gây khó khăn", resident_name=RESIDENT,
                       resident_phone="0912345678")
    # the person concerned reads it, without the resident
    own = sv.view_report(core, r.id, actor=ward.centre_officer)
    assert own.content == "Gây khó khăn" and own.resident_masked and own.resident_name == ""
    # the centre's head and the chairman read the resident too (audited)
    assert sv.view_report(core, r.id, actor=ward.centre_head).resident_name == RESIDENT
    lead = sv.view_report(core, r.id, actor=ward.chair)
    assert lead.resident_name == RESIDENT and lead.resident_phone == "0912345678"
    assert audit.entries(action="congvu.report.read_personal", entity_id=r.id)
    # nobody else: a colleague, another unit's head, the plan coordinator
    for outsider in (ward.vp_head, ward.vp_officer, ward.coordinator):
        with pytest.raises(PermissionDenied):
            sv.view_report(core, r.id, actor=outsider)
        assert sv.reports(core, actor=outsider) == []
    assert [x.id for x in sv.reports(core, actor=ward.centre_officer)] == [r.id]
    assert all(x.resident_masked for x in sv.reports(core, actor=ward.chair))  # lists never unmask


def test_fallback_petition_is_answered_by_a_leader(core, ward):
    r = sv.file_report(core, kind="complaint", staff="BK-008", content="Chờ lâu", resident_name=RESIDENT,
                       resident_phone="0912345678")
    with pytest.raises(PermissionDenied):
        sv.handle_report(core, r.id, action="answer", note="Đã nhắc nhở", actor=ward.centre_head)
    with pytest.raises(ValidationError):
        sv.handle_report(core, r.id, action="answer", note="", actor=ward.chair)
    done = sv.handle_report(core, r.id, action="answer", note="Đã nhắc nhở công chức", actor=ward.chair)
    assert done.case_closed and core.cases.get(r.case_id).state == "answered"


def test_breaches_and_decisions_with_their_document(core, ward):
    today = dt.date.today()
    with pytest.raises(ValidationError) as exc:
        sv.record_breach(core, person_id=ward.vp_officer.person_id, kind="alcohol", occurred_on=today,
                         description="Uống bia buổi trưa", actor=ward.chair)
    assert exc.value.errors[0][0] == "evidence"
    with pytest.raises(PermissionDenied):
        sv.record_breach(core, person_id=ward.vp_officer.person_id, kind="alcohol", occurred_on=today,
                         description="Uống bia", evidence="Biên bản", actor=ward.vp_head)
    b = sv.record_breach(core, person_id=ward.vp_officer.person_id, kind="alcohol", occurred_on=today,
                         description="Uống bia buổi trưa trong giờ làm việc", evidence="Biên bản kiểm tra",
                         files=[Upload("bien-ban.pdf", PDF, "application/pdf")], actor=ward.chair)
    assert b.kind_label.startswith("Uống rượu, bia") and len(b.files) == 1
    # "with the document": a number and a scan or an issued document
    with pytest.raises(ValidationError) as exc:
        sv.record_discipline(core, person_id=ward.vp_officer.person_id, form="khien_trach", decided_on=today,
                             document_ref="", reason="Vi phạm nội quy", actor=ward.chair)
    assert {f for f, _ in exc.value.errors} == {"document_ref", "document"}
    d = sv.record_discipline(core, person_id=ward.vp_officer.person_id, form="khien_trach", decided_on=today,
                             document_ref="25/QĐ-UBND", reason="Vi phạm nội quy", breach_ids=[b.id],
                             files=[Upload("qd.pdf", PDF, "application/pdf")], actor=ward.chair)
    assert d.breach_ids == (b.id,) and sv.get_breach(b.id).state == "handled"
    # read by the person concerned and leaders over the unit, not by a colleague
    assert sv.view_breach(core, b.id, actor=ward.vp_officer).id == b.id
    assert sv.view_breach(core, b.id, actor=ward.vp_head).id == b.id
    with pytest.raises(PermissionDenied):
        sv.view_breach(core, b.id, actor=ward.vp_colleague)
    assert sv.breaches(core, actor=ward.vp_colleague) == [] and sv.disciplines(core, actor=ward.vp_colleague) == []
    start = dt.date(today.year, 1, 1)
    assert core.indicators.value("congvu.breaches", start, today) == 1
    assert core.indicators.value("congvu.staff_disciplined", start, today) == 1


def test_yearly_summary_counts_tasks_compliments_complaints_and_breaches(core, ward):
    year = dt.date.today().year
    officer = ward.centre_officer
    task = sv.assign_task(core, **task_kwargs(ward, unit_id=ward.unit("TTPVHCC"), assignee_id=officer.person_id,
                                              leader_id=ward.centre_head.person_id, actor=ward.chair,
                                              deadline=dt.date(year, 12, 31), at=dt.datetime(year, 1, 2, 9)))
    sv.submit(core, task.id, result="Xong", files=[Upload("a.pdf", PDF, "application/pdf")], actor=officer)
    sv.sign_off(core, task.id, actor=ward.centre_head)
    sv.file_report(core, kind="compliment", staff="BK-008", content="Tận tình")
    sv.file_report(core, kind="compliment", staff="Ma Thị Tiếp", content="Chu đáo")
    sv.file_report(core, kind="complaint", staff="BK-008", content="Chờ lâu", resident_name=RESIDENT,
                   resident_phone="0912345678")
    s = sv.staff_summary(core, officer.person_id, year=year, actor=officer)
    assert (s.tasks_done, s.tasks_on_time, s.tasks_with_files, s.compliments, s.complaints, s.breaches) == \
        (1, 1, 1, 2, 1, 0)
    with pytest.raises(PermissionDenied):
        sv.staff_summary(core, officer.person_id, year=year, actor=ward.vp_head)
    assert {x.person_id for x in sv.summaries(core, year=year, actor=ward.centre_head)} == \
        {officer.person_id, ward.centre_head.person_id}
    assert [x.person_id for x in sv.summaries(core, year=year, actor=officer)] == [officer.person_id]
    quarter = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    assert core.indicators.value("congvu.compliments", *quarter) == 2
    assert core.indicators.value("congvu.complaints", *quarter) == 1


def test_duty_roster_and_photos(core, ward):
    day = dt.date(2026, 9, 7)
    with pytest.raises(PermissionDenied):
        sv.add_duty(core, day=day, person_id=ward.centre_officer.person_id, actor=ward.vp_head)
    d = sv.add_duty(core, day=day, person_id=ward.centre_officer.person_id, desk="Quầy 1", actor=ward.centre_officer)
    with pytest.raises(ValidationError):  # once a day
        sv.add_duty(core, day=day, person_id=ward.centre_officer.person_id, actor=ward.chair)
    assert [(x.full_name, x.badge_number, x.desk) for x in sv.on_duty(day)] == [("Ma Thị Tiếp", "BK-008", "Quầy 1")]
    sv.withdraw_duty(core, d.id, reason="Nghỉ ốm", actor=ward.chair)
    assert sv.on_duty(day) == []
    png = Upload("a.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, "image/png")
    with pytest.raises(ValidationError):
        sv.set_photo(core, ward.centre_officer.person_id, photo=Upload("a.pdf", PDF, "application/pdf"),
                     actor=ward.chair)
    card = sv.set_photo(core, ward.centre_officer.person_id, photo=png, actor=ward.centre_head)
    assert card.photo_id and sv.open_file(core, card.photo_id, actor=ward.vp_officer)[1].startswith(b"\x89PNG")
