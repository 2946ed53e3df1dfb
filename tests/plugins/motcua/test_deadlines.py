"""Dossier clocks: same-day cut-off, working days across Tết 2026 and swapped days,
supplement pauses, the one re-appointment; the dossier code."""
import datetime as dt

import pytest

from thanthien.core.errors import IllegalTransition
from thanthien.plugins.motcua import services as mc

from .helpers import at, receive

D = dt.date


@pytest.mark.rule("R-MC-12")
def test_r_mc_12_same_day_procedure_cutoff(services, staff):
    before = receive(services, staff, "HT01", "2026-03-02T15:00")
    after = receive(services, staff, "HT01", "2026-03-02T15:01")
    assert before.due_date == D(2026, 3, 2)
    assert before.appointment_at.date() == D(2026, 3, 2)
    assert after.due_date == D(2026, 3, 3)
    # Friday after the cut-off: due the next working day, Monday
    friday = receive(services, staff, "HT01", "2026-03-06T16:10")
    assert friday.due_date == D(2026, 3, 9)


@pytest.mark.rule("R-MC-11")
@pytest.mark.rule("R-LV-15")
def test_r_mc_11_working_days_across_tet_2026(services, staff):
    # Fri 13/02/2026 + 3 working days: 16–20/02 Tết, 21–22 weekend -> 23, 24, 25/02
    d = receive(services, staff, "HT04", "2026-02-13T10:00")
    assert d.due_date == D(2026, 2, 25)
    # received on a Tết day counts from the next working day (Mon 23/02)
    d2 = receive(services, staff, "HT04", "2026-02-18T08:00")
    assert d2.due_date == D(2026, 2, 26)


@pytest.mark.rule("R-LV-15")
def test_r_lv_15_swapped_saturday_and_compensatory_day(services, staff):
    # Thu 08/01/2026 + 2 working days: Fri 09/01, Sat 10/01 (swapped working day)
    assert receive(services, staff, "CT04", "2026-01-08T09:00").due_date == D(2026, 1, 10)
    # Wed 31/12/2025 + 2: 01/01 holiday, 02/01 compensatory off, weekend -> Mon 05, Tue 06
    assert receive(services, staff, "CT04", "2025-12-31T09:00").due_date == D(2026, 1, 6)


@pytest.mark.rule("R-MC-11")
def test_r_mc_11_calendar_days_procedure(services, staff):
    # 30 days from Mon 02/03/2026 = Wed 01/04/2026 (a working day)
    assert receive(services, staff, "DD01", "2026-03-02T09:00").due_date == D(2026, 4, 1)


@pytest.mark.rule("R-MC-14")
def test_r_mc_14_supplement_pauses_the_clock(services, staff):
    d = receive(services, staff, "BTXH02", "2026-03-02T09:00")  # 5 working days
    assert d.due_date == D(2026, 3, 9)
    mc.transfer(services, d.code, actor=staff.officer, handler_id=staff.handler_id, at=at("2026-03-02T10:00"))
    # 3 working days left on Wed 04/03 (05, 06, 09)
    mc.request_supplement(services, d.code, actor=staff.handler, at=at("2026-03-04T10:00"),
                          items=[{"code": "DN", "reason": "Đơn chưa có chữ ký"}])
    paused = mc.get_dossier(d.code)
    assert paused.paused and paused.state == "supplement"
    assert mc.due_soon(services, D(2026, 3, 9)) == []  # a paused dossier is not at risk
    back = mc.receive_supplement(services, d.code, actor=staff.officer, at=at("2026-03-10T09:00"))
    assert back.due_date == D(2026, 3, 13)  # 11, 12, 13
    assert back.original_due == D(2026, 3, 13) and back.appointment_at.date() == D(2026, 3, 13)


@pytest.mark.rule("R-MC-16")
def test_r_mc_16_one_reappointment_only(services, staff):
    d = receive(services, staff, "HT04", "2026-03-02T09:00")  # due Thu 05/03
    mc.transfer(services, d.code, actor=staff.officer, handler_id=staff.handler_id, at=at("2026-03-02T10:00"))
    a = mc.draft_apology(services, d.code, actor=staff.handler, reason="Chờ kết quả xác minh",
                         proposed_due=D(2026, 3, 10))
    signed = mc.sign_apology(services, a.id, signer_name="Hoàng Văn Trưởng", signer_title="Chánh Văn phòng",
                             actor=staff.head, at=at("2026-03-04T09:00"))
    assert signed.state == "signed" and signed.timely is True and signed.document_id
    after = mc.get_dossier(d.code)
    assert after.due_date == D(2026, 3, 10) and after.reappointments == 1
    assert after.original_due == D(2026, 3, 5)
    with pytest.raises(IllegalTransition, match="chỉ được hẹn lại 1 lần"):
        mc.draft_apology(services, d.code, actor=staff.handler, reason="Lại chậm", proposed_due=D(2026, 3, 12))


@pytest.mark.rule("R-MC-15")
def test_r_mc_15_apology_deadline_one_working_day_before(services, staff):
    d = receive(services, staff, "HT04", "2026-03-04T09:00")  # due Mon 09/03
    assert mc.apology_deadline(services, d.due_date) == D(2026, 3, 6)  # Friday: last timely day
    mc.transfer(services, d.code, actor=staff.officer, at=at("2026-03-04T10:00"))
    a = mc.draft_apology(services, d.code, actor=staff.handler, reason="Chờ xác minh", proposed_due=D(2026, 3, 11))
    late = mc.sign_apology(services, a.id, signer_name="Hoàng Văn Trưởng", signer_title="Chánh Văn phòng",
                           actor=staff.head, at=at("2026-03-09T08:00"))
    assert late.timely is False  # signed on the due date: after R-MC-15's day


@pytest.mark.rule("R-MC-10")
def test_r_mc_10_dossier_code(services, staff):
    assert mc.DOSSIER_CODE_FORMAT == services.rules.value("R-MC-10.pattern", D(2026, 3, 2))
    a = receive(services, staff, "HT01", "2026-03-02T08:00")
    b = receive(services, staff, "HT01", "2026-03-02T08:05")
    c = receive(services, staff, "HT01", "2026-03-03T08:00")
    agency = services.settings.ward.code
    assert (a.code, b.code, c.code) == (f"{agency}-260302-0001", f"{agency}-260302-0002", f"{agency}-260303-0001")


@pytest.mark.rule("R-MC-14")
def test_r_mc_14_calendar_day_procedure_pauses_in_calendar_days(services, staff):
    """R-MC-11/14: a 30-day procedure keeps counting its remaining time in calendar days."""
    d = receive(services, staff, "DD01", "2026-03-02T09:00")  # 30 days → Wed 01/04
    assert d.due_date == D(2026, 4, 1)
    mc.transfer(services, d.code, actor=staff.officer, handler_id=staff.handler_id, at=at("2026-03-02T10:00"))
    mc.request_supplement(services, d.code, actor=staff.handler, at=at("2026-03-12T10:00"),
                          items=[{"code": mc.get_procedure("DD01").documents[0].code, "reason": "Thiếu chữ ký"}])
    back = mc.receive_supplement(services, d.code, actor=staff.officer, at=at("2026-03-16T09:00"))
    # 20 calendar days were left on 12/03: 16/03 + 20 = Sun 05/04 → Mon 06/04 (R-LV-12);
    # counted as 14 working days it would wrongly be Fri 03/04.
    assert back.due_date == D(2026, 4, 6)
