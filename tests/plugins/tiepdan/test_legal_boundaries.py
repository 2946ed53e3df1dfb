"""The boundary cases of the legal check (issue 10, items 9–11), on the module's own case
types: R-LV-11 (a period counts from the day after its trigger day, whatever that day is),
R-TC-07 (extensions from the acceptance-based deadline, 90 days at most), R-TD-05 (no
online reception before its date in force).

Calendar facts: Tết Bính Ngọ 2026 is Mon 16/02 – Fri 20/02; Sat 07/03/2026 is a rest day;
30/04 and 01/05/2026 are holidays, Mon 27/04/2026 the Giỗ Tổ day off.
"""
from __future__ import annotations

import datetime as dt

import pytest

from thanthien.core.errors import IllegalTransition, ValidationError
from thanthien.core.settings import RulesSettings
from thanthien.plugins.tiepdan import services as sv
from thanthien.plugins.tiepdan.types import PartyInput
from thanthien.testing import make_settings

from .helpers import VISITOR, at, complaint, denunciation, petition

D = dt.date

#: a ward that reads R-KN-02's "10 ngày" as calendar days, and grants 45-day extensions
WARD_RULES = """
[[param]]
rule_id = "R-KN-02"
key = "unit"
value = "days"
unit = "text"
effective_from = 1900-01-01

[[param]]
rule_id = "R-TC-07"
key = "extension_days"
value = 45
unit = "days"
effective_from = 1900-01-01
"""


@pytest.fixture
def ward_rules(tmp_path):
    path = tmp_path / "quy_dinh_phuong.toml"
    path.write_text(WARD_RULES, encoding="utf-8")
    return path


# -- R-LV-11 -----------------------------------------------------------------------------


class TestFromTheTriggerDay:
    @pytest.fixture
    def settings(self, tmp_path, ward_rules):
        return make_settings(tmp_path, rules=RulesSettings(file=str(ward_rules)))

    @pytest.mark.rule("R-LV-11")
    def test_10_days_from_a_saturday_end_on_17_03_not_19_03(self, services, staff):
        case = complaint(services, staff, received="2026-03-07T10:00")
        assert (case.due_date, case.due_unit) == (D(2026, 3, 17), "days")

    @pytest.mark.rule("R-LV-11")
    def test_10_days_from_a_tet_day_end_on_27_02_not_05_03(self, services, staff):
        case = complaint(services, staff, received="2026-02-17T10:00", known=D(2026, 2, 10))
        assert case.due_date == D(2026, 2, 27)


@pytest.mark.rule("R-LV-11")
def test_every_case_type_counts_from_the_day_after_a_rest_day_trigger(services, staff):
    sat = "2026-03-07T10:00"
    # R-KN-02, 10 working days: the 10th working day after Sat 07/03 is Fri 20/03 (not 23/03)
    assert complaint(services, staff, received=sat).due_date == D(2026, 3, 20)
    # R-TC-03, 7 working days: Tue 17/03 (not 18/03); R-TC-04 forwarding, 5: Fri 13/03 (not 16/03)
    tc = denunciation(services, staff, received=sat)
    assert tc.due_date == D(2026, 3, 17) and tc.data["forward_due"] == "2026-03-13"
    # R-PA-07, 10 working days: Fri 20/03; R-PA-06 forwarding, 5: Fri 13/03
    pa = petition(services, staff, received=sat)
    assert pa.due_date == D(2026, 3, 20) and pa.data["forward_due"] == "2026-03-13"
    # R-TD-13: the status reply of a visit received on a Saturday (an unscheduled reception)
    visit = sv.record_visit(services, summary="Tố cáo", classification="to_cao", visitor=VISITOR,
                            received_at=at(sat), actor=staff.officer)
    assert services.cases.get(visit.reply_case_id).due_date == D(2026, 3, 20)
    # R-KN-04, 30 days from an acceptance signed on Sun 08/03: Tue 07/04 (not 08/04)
    accepted = sv.accept_complaint(services, complaint(services, staff).id, actor=staff.chairman,
                                   at=at("2026-03-08T10:00"))
    assert accepted.due_date == D(2026, 4, 7)
    # R-TC-07, 30 days from an acceptance during Tết (Tue 17/02): Thu 19/03 (not 25/03)
    tc2 = denunciation(services, staff, received="2026-02-10T09:00")
    assert sv.accept_denunciation(services, tc2.id, actor=staff.chairman,
                                  at=at("2026-02-17T10:00")).due_date == D(2026, 3, 19)
    # R-KN-05, 3 working days from a decision signed on Sat 14/03: Wed 18/03 (not 19/03)
    decided = sv.decide_complaint(services, accepted.id, summary="Giữ nguyên", actor=staff.chairman,
                                  at=at("2026-03-14T10:00"))
    assert decided.due_date == D(2026, 3, 18)
    # R-KN-01, 90 days from the day the decision was known, a Sunday: 01/03 + 90 = Sat 30/05 → Mon 01/06
    assert sv.filing_deadline(services, D(2026, 3, 1)) == D(2026, 6, 1)


@pytest.mark.rule("R-LV-12")
def test_a_trigger_on_a_working_day_is_unchanged(services, staff):
    # Fri 06/02/2026: five working days, the Tết week, five more → Fri 27/02 (as before)
    assert complaint(services, staff, received="2026-02-06T10:00", known=D(2026, 2, 1)).due_date == D(2026, 2, 27)


# -- R-TC-07 -----------------------------------------------------------------------------


@pytest.mark.rule("R-TC-07")
def test_r_tc_07_extensions_count_from_the_acceptance_and_stop_at_90_days(services, staff):
    case = sv.accept_denunciation(services, denunciation(services, staff, received="2026-01-12T09:00").id,
                                  actor=staff.chairman, complexity="especially_complex", at=at("2026-01-20T10:00"))
    assert case.due_date == D(2026, 2, 23)  # 20/01 + 30 = Thu 19/02 (Tết) → Mon 23/02
    case = sv.extend_denunciation(services, case.id, reason="Lần 1", actor=staff.chairman, at=at("2026-02-20T09:00"))
    assert case.due_date == D(2026, 3, 23)  # 20/01 + 60 = Sat 21/03 → Mon 23/03 (not 23/02 + 30 = 25/03)
    case = sv.extend_denunciation(services, case.id, reason="Lần 2", actor=staff.chairman, at=at("2026-03-20T09:00"))
    assert case.due_date == D(2026, 4, 20)  # 20/01 + 90 = Mon 20/04 (the old chain gave 24/04, 94 days)
    assert (case.due_date - D(2026, 1, 20)).days == services.rules.value("R-TC-07.max_total_days", D(2026, 1, 20))
    assert sv.clocks(case.id)[-1].due_date == D(2026, 4, 20)
    with pytest.raises(IllegalTransition):
        sv.extend_denunciation(services, case.id, reason="Lần 3", actor=staff.chairman)


class TestLongerExtensionsAreCapped:
    @pytest.fixture
    def settings(self, tmp_path, ward_rules):
        return make_settings(tmp_path, rules=RulesSettings(file=str(ward_rules)))

    @pytest.mark.rule("R-TC-07")
    def test_r_tc_07_the_whole_period_never_exceeds_90_days(self, services, staff):
        case = sv.accept_denunciation(services, denunciation(services, staff, received="2026-01-12T09:00").id,
                                      actor=staff.chairman, complexity="especially_complex",
                                      at=at("2026-01-20T10:00"))
        case = sv.extend_denunciation(services, case.id, reason="Lần 1", actor=staff.chairman)
        assert case.due_date == D(2026, 4, 6)  # 30 + 45 = 75 days: Sun 05/04 → Mon 06/04
        case = sv.extend_denunciation(services, case.id, reason="Lần 2", actor=staff.chairman)
        assert case.due_date == D(2026, 4, 20)  # 30 + 45 + 45 = 120, capped at 90: 20/04


# -- R-TD-05 -----------------------------------------------------------------------------


@pytest.mark.rule("R-TD-05")
def test_r_td_05_online_reception_only_from_its_date_in_force(services, staff):
    in_force = D(2026, 7, 1)
    assert services.rules.value("R-TD-05.online_reception_allowed", in_force) is True
    assert services.rules.value("R-TD-05.online_reception_allowed", in_force - dt.timedelta(days=1)) is False
    with pytest.raises(ValidationError) as err:
        sv.record_visit(services, summary="Phản ánh qua cuộc gọi video", classification="phan_anh", visitor=VISITOR,
                        channel="truc_tuyen", received_at=at("2026-06-30T16:00"), actor=staff.officer)
    assert err.value.errors[0][0] == "channel" and "R-TD-05" in err.value.errors[0][1]
    with pytest.raises(ValidationError):
        sv.record_feedback(services, channel="truc_tuyen", subject="Phản ánh trực tuyến", content="Nội dung",
                           sender=VISITOR, actor=staff.officer, received_at=at("2026-06-30T16:00"))
    visit = sv.record_visit(services, summary="Phản ánh qua cuộc gọi video", classification="phan_anh",
                            visitor=VISITOR, channel="truc_tuyen", received_at=at("2026-07-01T08:00"),
                            actor=staff.officer)
    assert visit.channel == "truc_tuyen" and services.cases.get(visit.case_id).data["channel"] == "truc_tuyen"
    case = sv.record_feedback(services, channel="truc_tuyen", subject="Phản ánh trực tuyến", content="Nội dung",
                              sender=PartyInput(full_name="Lò Văn Mạng", address="Tổ 2", phone="0912000222"),
                              actor=staff.officer, received_at=at("2026-07-01T08:00"))
    assert case.data["channel"] == "truc_tuyen"
