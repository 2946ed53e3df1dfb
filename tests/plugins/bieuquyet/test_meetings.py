"""Community meetings: notice period, documents, attendance, procedural votes, the count
over all households, the minutes, and the switch to household ballots."""
from __future__ import annotations

import datetime as dt

import pytest

from thanthien.core import voting
from thanthien.core.documents import DocumentRow
from thanthien.core.errors import ValidationError
from thanthien.core.models import NoticeRow
from thanthien.plugins.bieuquyet.models import MatterRow
from thanthien.plugins.bieuquyet.services import ballots, matters, meetings

AT = dt.datetime(2026, 11, 2, 8, 0)  # Monday
MEETING = dt.datetime(2026, 11, 8, 19, 30)  # Sunday evening


def _matter(core, ward, kind=6, group=0):
    return matters.create(core, kind=kind, title="Làm mái che sân nhà văn hóa", content="Kinh phí 40 triệu đồng",
                          unit_id=ward.groups[group].id, form="meeting", agreed_with="Ông Trưởng ban công tác Mặt trận",
                          actor=ward.head1, at=AT)


def _meeting(core, ward, matter, group=0):
    return meetings.plan(core, unit_id=ward.groups[group].id, matter_id=matter.id, title="Họp tổ dân phố",
                         scheduled_at=MEETING, place="Nhà văn hóa tổ 1", actor=ward.head1, at=AT)


@pytest.mark.rule("R-BQ-12")
def test_the_notice_goes_out_at_least_two_days_ahead_and_is_posted(core, ward):
    m = _matter(core, ward)
    mt = _meeting(core, ward, m)
    with pytest.raises(ValidationError) as exc:  # one day ahead: too late
        meetings.notify(core, mt.id, channels=["invitation"], on=dt.date(2026, 11, 7), actor=ward.head1, at=AT)
    assert "06/11/2026" in str(exc.value.errors)
    with pytest.raises(ValidationError):
        meetings.notify(core, mt.id, channels=[], on=dt.date(2026, 11, 6), actor=ward.head1, at=AT)
    done = meetings.notify(core, mt.id, channels=["invitation", "loudspeaker"], on=dt.date(2026, 11, 6),
                           actor=ward.head1, at=AT)  # exactly two days ahead
    assert done.state == "notified" and done.notice_channels == ("invitation", "loudspeaker")
    notice = NoticeRow.get_by_id(done.notice_id)
    assert notice.category == "bieuquyet_hop" and notice.published_at is not None and notice.unit_id == mt.unit_id
    doc = DocumentRow.get(DocumentRow.owner_kind == "bieuquyet.meeting", DocumentRow.owner_id == mt.id)
    assert doc.doc_type == "bieuquyet_thong_bao_hop" and "Nhà văn hóa tổ 1" in doc.body_html
    assert matters.get(core, m.id).state == "notified"


@pytest.mark.rule("R-BQ-13")
def test_documents_reach_each_household_two_days_ahead_for_k1_to_k3(core, ward):
    m = _matter(core, ward, kind=1)
    mt = _meeting(core, ward, m)
    hh = ward.households[ward.groups[0].id]
    meetings.record_delivery(core, mt.id, hh[:5], on=dt.date(2026, 11, 6), actor=ward.head1)
    meetings.record_delivery(core, mt.id, hh[5:7], on=dt.date(2026, 11, 7), actor=ward.head1)
    assert meetings.record_delivery(core, mt.id, hh[:2], on=dt.date(2026, 11, 7), actor=ward.head1) == 0
    st = meetings.delivery_status(core, mt.id)
    assert (st.required, st.due_by, st.on_time, st.late, st.missing) == (True, dt.date(2026, 11, 6), 5, 2, 2)
    k6 = meetings.plan(core, unit_id=ward.groups[0].id, matter_id=_matter(core, ward).id, title="Họp",
                       scheduled_at=MEETING, place="Nhà văn hóa", actor=ward.head1, at=AT)
    assert not meetings.delivery_status(core, k6.id).required
    with pytest.raises(ValidationError):  # a household of another group
        meetings.record_delivery(core, mt.id, [ward.households[ward.groups[1].id][0]], on=dt.date(2026, 11, 6))


@pytest.mark.rule("R-BQ-11")
def test_cluster_meetings_need_two_hundred_households(core, ward):
    with pytest.raises(ValidationError) as exc:
        meetings.plan(core, unit_id=ward.groups[0].id, title="Họp cụm", scheduled_at=MEETING, place="Nhà văn hóa",
                      cluster="Cụm 1", actor=ward.head1, at=AT)
    assert "200" in str(exc.value.errors)
    from thanthien.core import people

    g = people.create_unit("TDP50", "Tổ dân phố số 50", "residential_group", parent_id=ward.ward.id)
    for j in range(200):
        people.create_household(f"C{j}", g.id)
    ok = meetings.plan(core, unit_id=g.id, title="Họp cụm", scheduled_at=MEETING, place="Nhà văn hóa",
                       cluster="Cụm 1", actor=ward.head1, at=AT)
    assert ok.cluster == "Cụm 1" and ok.households_total == 200


def _notified(core, ward, kind=6):
    m = _matter(core, ward, kind=kind)
    mt = _meeting(core, ward, m)
    meetings.notify(core, mt.id, channels=["invitation"], on=dt.date(2026, 11, 5), actor=ward.head1, at=AT)
    return m, mt


@pytest.mark.rule("R-BQ-09")
@pytest.mark.rule("R-BQ-14")
@pytest.mark.rule("R-BQ-16")
def test_procedural_votes_and_the_count_board(core, ward):
    m, mt = _notified(core, ward)
    hh = ward.households[ward.groups[0].id]
    for h in hh[:4]:
        meetings.record_attendance(core, mt.id, h, representative="Đại diện", actor=ward.head1)
    meetings.record_attendance(core, mt.id, hh[0], representative="Người được ủy quyền", proxy=True, actor=ward.head1)
    assert len(meetings.present_households(mt.id)) == 4  # one representative per household
    with pytest.raises(ValidationError) as exc:  # 2 of 4 present: not more than half
        meetings.open_voting(core, mt.id, secretary="Thư ký", method="show_of_hands", procedural_yes=2,
                             actor=ward.head1, at=MEETING)
    assert "quá một nửa" in str(exc.value.errors)
    with pytest.raises(ValidationError) as exc:
        meetings.open_voting(core, mt.id, secretary="Thư ký", method="secret_ballot", procedural_yes=3,
                             count_board=["A", "B"], witnesses=["C"], actor=ward.head1, at=MEETING)
    errors = dict(exc.value.errors)
    assert "từ 3 đến 5" in errors["count_board"] and "2 đại diện" in errors["witnesses"]
    opened = meetings.open_voting(core, mt.id, secretary="Thư ký", method="secret_ballot", procedural_yes=3,
                                  count_board=["A", "B", "C"], witnesses=["D", "E"], actor=ward.head1, at=MEETING)
    assert opened.state == "voting" and matters.get(core, m.id).state == "voting"


@pytest.mark.rule("R-BQ-28")
@pytest.mark.rule("R-BQ-34")
@pytest.mark.rule("R-BQ-35")
@pytest.mark.rule("R-BQ-39")
def test_a_meeting_decides_over_all_households_and_writes_the_record(core, ward):
    m, mt = _notified(core, ward)
    hh = ward.households[ward.groups[0].id]  # 9 households
    for h in hh[:6]:
        meetings.record_attendance(core, mt.id, h, representative="Đại diện hộ", actor=ward.head1)
    meetings.open_voting(core, mt.id, secretary="Thư ký", method="secret_ballot", procedural_yes=6,
                         count_board=["A", "B", "C"], witnesses=["D", "E"], actor=ward.head1, at=MEETING)
    with pytest.raises(ValidationError):  # an absent household cannot vote
        meetings.record_vote(core, mt.id, hh[8], "dong_y", actor=ward.head1)
    for h, o in zip(hh[:6], ["dong_y"] * 5 + ["khong_dong_y"], strict=True):
        meetings.record_vote(core, mt.id, h, o, actor=ward.head1, at=MEETING)
    with pytest.raises(ValidationError):
        meetings.finish(core, mt.id, front_head="Bà Mặt Trận", household_signers=["D"], actor=ward.head1)
    end = MEETING + dt.timedelta(hours=2)
    result = meetings.finish(core, mt.id, front_head="Bà Mặt Trận", household_signers=["D", "E"],
                             actor=ward.head1, at=end)
    assert result.passed and result.counts["dong_y"] == 5 and result.electorate_total == 9  # 5/9 > 50 %
    matter = matters.get(core, m.id)
    assert matter.state == "passed" and matter.effective_on == MEETING.date() and matter.decided_on == MEETING.date()
    assert matter.forward_due == dt.date(2026, 11, 13)  # Sunday + 5 working days
    record = DocumentRow.get_by_id(MatterRow.get_by_id(m.id).decision_document_id)
    fields = record.context["fields"]
    assert set(fields) == {"thoi_gian", "tong_so_ho", "so_dai_dien_co_mat", "so_ho_vang", "noi_dung_ban",
                           "hinh_thuc", "ket_qua_bieu_quyet", "noi_dung_quyet_dinh"}
    assert (fields["tong_so_ho"], fields["so_dai_dien_co_mat"], fields["so_ho_vang"]) == (9, 6, 3)
    assert len(record.context["signatures"]) == 4  # head, Front head, 2 households
    count = DocumentRow.get_by_id(meetings.get(core, mt.id).minutes_document_id)
    assert count.doc_type == "bieuquyet_bb_kiem_phieu" and "3 bản" in count.body_html  # R-BQ-16 copies


@pytest.mark.rule("R-BQ-17")
@pytest.mark.rule("R-BQ-37")
def test_a_meeting_short_of_representatives_switches_to_ballots_once(core, ward):
    m, mt = _notified(core, ward)
    hh = ward.households[ward.groups[0].id]  # 9 households; 4 present can never be > 50 %
    for h in hh[:4]:
        meetings.record_attendance(core, mt.id, h, representative="Đại diện hộ", actor=ward.head1)
    meetings.open_voting(core, mt.id, secretary="Thư ký", method="show_of_hands", procedural_yes=4, actor=ward.head1,
                         at=MEETING)
    for h in hh[:4]:
        meetings.record_vote(core, mt.id, h, "dong_y", actor=ward.head1, at=MEETING)
    result = meetings.finish(core, mt.id, front_head="Bà Mặt Trận", household_signers=["D", "E"], actor=ward.head1,
                             at=MEETING + dt.timedelta(hours=1))
    assert not result.passed
    matter = matters.get(core, m.id)
    assert matter.state == "voting" and matter.form == "ballot"
    rnd, issued = ballots.plan(core, m.id, reason="meeting_failed", team=["Mặt Trận", "B", "C"],
                               published_on=dt.date(2026, 11, 9), plan_issued_on=dt.date(2026, 11, 9),
                               issue_on=dt.date(2026, 11, 11), return_deadline=dt.date(2026, 11, 15),
                               actor=ward.head1, at=MEETING + dt.timedelta(days=1))
    assert len(issued) == 9
    for item in issued[:4]:
        ballots.enter_ballot(core, rnd.id, code=item.code, option="khong_dong_y", actor=ward.head1,
                             at=dt.datetime(2026, 11, 14, 9))
    result = ballots.count(core, rnd.id, witnesses=["D", "E"], front_head="Bà Mặt Trận", actor=ward.head1,
                           at=dt.datetime(2026, 11, 16, 9))
    assert not result.passed and matters.get(core, m.id).state == "failed"
    with pytest.raises(ValidationError) as exc:  # no further fallback
        ballots.plan(core, m.id, reason="meeting_failed", team=["A", "B", "C"], published_on=dt.date(2026, 11, 16),
                     plan_issued_on=dt.date(2026, 11, 16), issue_on=dt.date(2026, 11, 18),
                     return_deadline=dt.date(2026, 11, 20), actor=ward.head1, at=dt.datetime(2026, 11, 16, 10))
    assert "không có hình thức thay thế" in str(exc.value.errors)


@pytest.mark.rule("R-BQ-37")
def test_enough_present_but_not_agreeing_fails_without_fallback(core, ward):
    m, mt = _notified(core, ward)
    hh = ward.households[ward.groups[0].id]
    for h in hh[:7]:
        meetings.record_attendance(core, mt.id, h, representative="Đại diện hộ", actor=ward.head1)
    meetings.open_voting(core, mt.id, secretary="Thư ký", method="show_of_hands", procedural_yes=7, actor=ward.head1,
                         at=MEETING)
    for h, o in zip(hh[:7], ["dong_y"] * 4 + ["khong_dong_y"] * 3, strict=True):
        meetings.record_vote(core, mt.id, h, o, actor=ward.head1, at=MEETING)
    result = meetings.finish(core, mt.id, front_head="Bà Mặt Trận", household_signers=["D", "E"], actor=ward.head1,
                             at=MEETING + dt.timedelta(hours=1))
    # 4 of 7 present agree (> 50 % of those present) but 4 of 9 households is not > 50 % of all
    assert not result.passed and matters.get(core, m.id).state == "failed"
    assert voting.tally(core, result.vote_id).participated == 7


@pytest.mark.rule("R-BQ-30")
def test_a_ward_wide_matter_meets_in_each_group_and_counts_groups(core, ward):
    m = matters.create(core, kind=1, title="Đóng góp bê tông hóa đường liên tổ", scope="ward", form="meeting",
                       agreed_with="Bà Chủ tịch Ủy ban MTTQ phường", actor=ward.chair, at=AT)
    agree = {0: 6, 1: 4, 2: 1}  # of 9, 6, 3 households: groups 1 and 2 reach 2/3, group 3 does not
    for i, group in enumerate(ward.groups):
        mt = meetings.plan(core, unit_id=group.id, matter_id=m.id, title="Họp", scheduled_at=MEETING,
                           place="Nhà văn hóa", actor=ward.chair, at=AT)
        meetings.notify(core, mt.id, channels=["loudspeaker"], on=dt.date(2026, 11, 5), actor=ward.chair, at=AT)
        hh = ward.households[group.id]
        for h in hh:
            meetings.record_attendance(core, mt.id, h, representative="Đại diện", actor=ward.chair)
        meetings.open_voting(core, mt.id, secretary="Thư ký", method="show_of_hands", procedural_yes=len(hh),
                             actor=ward.chair, at=MEETING)
        for j, h in enumerate(hh):
            meetings.record_vote(core, mt.id, h, "dong_y" if j < agree[i] else "khong_dong_y", actor=ward.chair,
                                 at=MEETING)
        assert meetings.finish(core, mt.id, front_head="Bà MT", household_signers=["A", "B"], actor=ward.chair,
                               at=MEETING + dt.timedelta(hours=1)) is None  # counted once every group has met
    result = meetings.close_ward_vote(core, m.id, actor=ward.chair, at=MEETING + dt.timedelta(days=1))
    assert (result.groups_approved, result.groups_total, result.passed) == (2, 3, True)  # exactly 2/3 of groups
    matter = matters.get(core, m.id)
    assert matter.state == "passed" and matter.effective_on is None  # R-BQ-30: a date set by UBND


@pytest.mark.rule("R-BQ-15")
def test_a_secret_ballot_does_not_show_who_chose_what(core, ward):
    _, mt = _notified(core, ward)
    hh = ward.households[ward.groups[0].id]
    for h in hh[:3]:
        meetings.record_attendance(core, mt.id, h, representative="Đại diện", actor=ward.head1)
    meetings.open_voting(core, mt.id, secretary="Thư ký", method="secret_ballot", procedural_yes=3,
                         count_board=["A", "B", "C"], witnesses=["D", "E"], actor=ward.head1, at=MEETING)
    meetings.record_vote(core, mt.id, hh[0], "khong_dong_y", actor=ward.head1, at=MEETING)
    line = next(r for r in meetings.roster(core, mt.id) if r.household_id == hh[0])
    assert line.voted and line.choice == ""
