"""Consultations (lấy ý kiến Nhân dân, R-YK-01…10): the plan, the ≥ 20-day window at its
boundary, residents' comments confirmed by one-time codes, moderation that never
deletes, the results and explanation published through core notices, the HĐND report."""
from __future__ import annotations

import datetime as dt

import pytest

from thanthien.core import people
from thanthien.core.errors import IllegalTransition, PermissionDenied, ValidationError
from thanthien.core.hooks import hookimpl
from thanthien.core.models import AuditRow, DocumentRow, NoticeRow
from thanthien.plugins import bieuquyet
from thanthien.plugins.bieuquyet.indicators_consultations import (
    comments_received,
    explained_share,
    full_window_share,
)
from thanthien.plugins.bieuquyet.models_consultations import CommentRow
from thanthien.plugins.bieuquyet.services import codes
from thanthien.plugins.bieuquyet.services import consultations as svc
from thanthien.plugins.bieuquyet.types_consultations import code_purpose

TODAY = dt.date.today()


class Outbox:
    """Stands in for the notifications module: keeps what ``message_requested`` asked."""

    def __init__(self):
        self.messages = []

    @hookimpl
    def message_requested(self, message, core):
        self.messages.append(message)


@pytest.fixture
def outbox():
    return Outbox()


@pytest.fixture
def extra_plugins(outbox):
    return [("bieuquyet", bieuquyet), ("outbox", outbox)]


def _plan(core, ward, *, starts_on=None, ends_on=None, matter="art25_6", channels=("hop_cong_dong", "cong_thong_tin"),
          **kw):
    return svc.create(core, title="Quy hoạch chi tiết khu dân cư Nà Cại", matter=matter,
                      content="Dự thảo quy hoạch chi tiết tỷ lệ 1/500 khu dân cư Nà Cại.", channels=list(channels),
                      method="Họp tổ dân phố và góp ý trực tuyến.", responsible="Phòng Kinh tế, Hạ tầng và Đô thị",
                      starts_on=starts_on, ends_on=ends_on or TODAY + dt.timedelta(days=30), actor=ward.chair, **kw)


def _open(core, ward, *, published=TODAY, days=25, **kw):
    c = _plan(core, ward, starts_on=published, ends_on=published + dt.timedelta(days=days), **kw)
    svc.send_plan(core, c.id, actor=ward.chair)
    return svc.publish(core, c.id, actor=ward.chair, on=published)


def _household_code(core, c, household_id, expires_on=None):
    return codes.issue(core, purpose=code_purpose(c.id), household_id=household_id,
                       expires_at=dt.datetime.combine(expires_on or c.ends_on, dt.time(23, 59))).code


# ---------------------------------------------------------------------------
# R-YK-07: the window, at its boundary
# ---------------------------------------------------------------------------

@pytest.mark.rule("R-YK-07")
def test_the_window_is_at_least_twenty_days_from_publication(core, ward):
    need = svc.min_days(core, TODAY)
    assert need == core.rules.value("R-YK-07.min_days", on=TODAY)
    published = dt.date(2026, 3, 2)
    assert svc.window_errors(core, published, published + dt.timedelta(days=need)) == []  # the last allowed day
    errors = svc.window_errors(core, published, published + dt.timedelta(days=need - 1))  # one day short
    assert errors and errors[0][0] == "ends_on" and "22/03/2026" in errors[0][1]
    # another law may set its own period; it must be named
    assert svc.window_errors(core, published, published + dt.timedelta(days=10), "Luật Quy hoạch đô thị") == []


@pytest.mark.rule("R-YK-07")
def test_publication_refuses_a_window_one_day_short(core, ward):
    need = svc.min_days(core, TODAY)
    # planned for yesterday, so the plan passes; published only today, the window is one day short
    c = _plan(core, ward, starts_on=TODAY - dt.timedelta(days=1), ends_on=TODAY + dt.timedelta(days=need - 1))
    svc.send_plan(core, c.id, actor=ward.chair)
    with pytest.raises(ValidationError) as err:
        svc.publish(core, c.id, actor=ward.chair, on=TODAY)
    assert err.value.errors[0][0] == "ends_on"
    assert svc.get(c.id).state == "planned"
    ok = _plan(core, ward, ends_on=TODAY + dt.timedelta(days=need))
    svc.send_plan(core, ok.id, actor=ward.chair)
    assert svc.publish(core, ok.id, actor=ward.chair, on=TODAY).state == "open"


@pytest.mark.rule("R-YK-07")
def test_a_planned_start_is_checked_when_the_plan_is_made(core, ward):
    need = svc.min_days(core, TODAY)
    start = TODAY + dt.timedelta(days=3)
    with pytest.raises(ValidationError) as err:
        _plan(core, ward, starts_on=start, ends_on=start + dt.timedelta(days=need - 1))
    assert [f for f, _ in err.value.errors] == ["ends_on"]
    assert _plan(core, ward, starts_on=start, ends_on=start + dt.timedelta(days=need)).state == "draft"
    with pytest.raises(ValidationError):  # no planned day: counted from today, the earliest publication
        _plan(core, ward, ends_on=TODAY + dt.timedelta(days=need - 1))
    assert _plan(core, ward, ends_on=TODAY + dt.timedelta(days=need)).state == "draft"


@pytest.mark.rule("R-YK-07")
def test_comments_are_taken_on_the_last_day_and_refused_the_day_after(core, ward):
    need = svc.min_days(core, TODAY)
    hh = ward.households[ward.groups[0].id]
    last_day = _open(core, ward, published=TODAY - dt.timedelta(days=need), days=need)  # ends today
    assert last_day.ends_on == TODAY and last_day.is_open
    svc.comment(core, last_day.id, code=_household_code(core, last_day, hh[0]), stance="dong_y",
                text="Đồng ý với dự thảo quy hoạch.")
    ended = _open(core, ward, published=TODAY - dt.timedelta(days=need + 1), days=need)  # ended yesterday
    assert ended.state == "closed"
    code = _household_code(core, ended, hh[1], expires_on=TODAY + dt.timedelta(days=1))  # the code still valid
    with pytest.raises(IllegalTransition):
        svc.comment(core, ended.id, code=code, stance="dong_y", text="Góp ý gửi muộn một ngày.")
    assert CommentRow.select().where(CommentRow.consultation == ended.id).count() == 0


# ---------------------------------------------------------------------------
# The plan (R-YK-01, R-YK-02, R-YK-03, R-YK-06)
# ---------------------------------------------------------------------------

@pytest.mark.rule("R-YK-01")
@pytest.mark.rule("R-YK-02")
def test_a_plan_needs_an_art25_matter_and_at_least_one_form(core, ward):
    with pytest.raises(ValidationError) as err:
        _plan(core, ward, matter="art15_1", channels=())
    assert {f for f, _ in err.value.errors} == {"matter", "channels"}
    with pytest.raises(ValidationError):
        _plan(core, ward, channels=("zalo_rieng",))


@pytest.mark.rule("R-YK-03")
def test_a_decision_on_a_citizens_obligations_needs_the_dialogue_form(core, ward):
    with pytest.raises(ValidationError) as err:
        _plan(core, ward, matter="art25_8", channels=("hom_thu",))
    assert err.value.errors[0][0] == "channels"
    assert _plan(core, ward, matter="art25_8", channels=("hom_thu", "doi_thoai_tac_dong")).matter == "art25_8"


@pytest.mark.rule("R-YK-06")
def test_the_plan_goes_to_the_hdnd_and_the_front_before_publication(core, ward):
    c = _plan(core, ward)
    with pytest.raises(IllegalTransition):
        svc.publish(core, c.id, actor=ward.chair, on=TODAY)
    sent = svc.send_plan(core, c.id, actor=ward.chair)
    doc = DocumentRow.get_by_id(sent.plan_document_id)
    assert doc.doc_type == "ke_hoach" and doc.symbol.startswith("KH-")
    assert svc.HDND in doc.recipients and svc.MTTQ in doc.recipients
    assert "Hình thức" in doc.body_html or "HÌNH THỨC" in doc.body_html
    with pytest.raises(IllegalTransition):
        svc.send_plan(core, c.id, actor=ward.chair)


def test_a_group_head_cannot_plan_a_consultation(core, ward):
    with pytest.raises(PermissionDenied):
        svc.create(core, title="Thử", matter="art25_9", content="Nội dung", channels=["hom_thu"], method="",
                   responsible="Tổ", ends_on=TODAY + dt.timedelta(days=30), actor=ward.head1)


@pytest.mark.rule("R-YK-08")
def test_publication_is_a_notice_of_art11_item_11(core, ward):
    c = _open(core, ward)
    notice = NoticeRow.get_by_id(c.notice_id)
    assert notice.category == "lay_y_kien" and notice.state == "published"
    assert notice.window_start == c.published_on and notice.window_end == c.ends_on


# ---------------------------------------------------------------------------
# Channels (R-YK-02…05)
# ---------------------------------------------------------------------------

@pytest.mark.rule("R-YK-04")
def test_a_group_dialogue_names_the_committee_the_front_and_the_inspection_board(core, ward):
    c = _open(core, ward, matter="art25_8", channels=("doi_thoai_tac_dong",))
    args = {"channel": "doi_thoai_tac_dong", "source": "Đối thoại với các hộ tổ 1", "received_on": TODAY, "agree": 2,
                "disagree": 3, "other": 0, "summary": "Các hộ đề nghị lùi thời hạn.", "actor": ward.chair}
    with pytest.raises(ValidationError) as err:
        svc.record_opinion(core, c.id, participants={"ubnd": "Ông Phó Chủ tịch"}, **args)
    assert {f for f, _ in err.value.errors} == {"participant_mttq", "participant_bttnd"}
    op = svc.record_opinion(core, c.id, participants={"ubnd": "Ông A", "mttq": "Bà B", "bttnd": "Ông C"}, **args)
    assert op.total == 5 and op.participants["bttnd"] == "Ông C"


@pytest.mark.rule("R-YK-02")
def test_an_opinion_must_come_through_a_form_of_the_plan_and_within_the_window(core, ward):
    c = _open(core, ward, published=TODAY - dt.timedelta(days=2))
    base = {"source": "Hòm thư", "agree": 1, "disagree": 0, "other": 0, "summary": "", "actor": ward.chair}
    with pytest.raises(ValidationError):
        svc.record_opinion(core, c.id, channel="hom_thu", received_on=TODAY, **base)  # not in the plan
    with pytest.raises(ValidationError):
        svc.record_opinion(core, c.id, channel="hop_cong_dong", received_on=TODAY - dt.timedelta(days=3), **base)
    assert svc.record_opinion(core, c.id, channel="hop_cong_dong", received_on=TODAY, **base).agree == 1


# ---------------------------------------------------------------------------
# Comments with one-time codes
# ---------------------------------------------------------------------------

def test_a_resident_asks_for_a_code_by_the_phone_in_the_register_and_comments(core, ward, outbox):
    hh = ward.households[ward.groups[2].id][0]
    person = people.create_person("Nông Thị Hoa", household_id=hh, phone="0912345678")
    c = _open(core, ward)
    assert svc.request_code(core, c.id, contact="+84 912 345 678") is True
    (message,) = outbox.messages
    assert message.secret and message.person_id == person.id and message.kind == "bieuquyet.one_time_code"
    code = message.text.split(": ")[1].split(".")[0]
    shown = svc.comment(core, c.id, code=code, stance="khong_dong_y", text="Đề nghị giữ lại cây đa đầu ngõ.")
    assert shown.label == "Hộ gia đình tổ dân phố số 3"
    row = CommentRow.get_by_id(shown.id)
    assert row.person_id == person.id and row.household_id == hh and row.group_id == ward.groups[2].id
    with pytest.raises(ValidationError) as err:  # single use
        svc.comment(core, c.id, code=code, stance="dong_y", text="Góp ý thêm lần nữa.")
    assert err.value.errors[0][0] == "code"


def test_an_unknown_contact_gets_the_same_answer_and_no_code(core, ward, outbox):
    c = _open(core, ward)
    assert svc.request_code(core, c.id, contact="0999999999") is False
    assert outbox.messages == []
    with pytest.raises(ValidationError):
        svc.request_code(core, c.id, contact="12")


def test_a_code_of_another_consultation_does_not_work(core, ward):
    hh = ward.households[ward.groups[0].id][0]
    a, b = _open(core, ward), _open(core, ward)
    code = _household_code(core, a, hh)
    with pytest.raises(ValidationError):
        svc.comment(core, b.id, code=code, stance="dong_y", text="Đồng ý với dự thảo.")
    assert svc.comment(core, a.id, code=code, stance="dong_y", text="Đồng ý với dự thảo.").stance == "dong_y"


def test_printed_codes_one_per_household_of_the_group(core, ward):
    c = _open(core, ward)
    group = ward.groups[1]
    lines = svc.print_codes(core, c.id, group_id=group.id, actor=ward.chair)
    assert len(lines) == len(ward.households[group.id])
    assert len({x.code for x in lines}) == len(lines)
    printed = AuditRow.select().where(AuditRow.action == "bieuquyet.consultation.print_codes").get()
    assert printed.actor_id == ward.chair.person_id
    shown = svc.comment(core, c.id, code=lines[0].code, stance="y_kien_khac", text="Đề nghị họp thêm một buổi.")
    assert shown.label == "Hộ gia đình tổ dân phố số 2"


def test_the_public_view_carries_no_personal_data(core, ward):
    hh = ward.households[ward.groups[0].id][0]
    people.create_person("Hoàng Văn Riêng", household_id=hh, phone="0987654321")
    c = _open(core, ward)
    svc.comment(core, c.id, code=_household_code(core, c, hh), stance="dong_y", text="Đồng ý, cảm ơn phường.")
    import attrs

    shown = [attrs.asdict(x) for x in svc.public_comments(c.id)]
    assert set(shown[0]) == {"id", "label", "stance", "stance_label", "text", "created_at", "hidden", "hidden_note"}
    dumped = repr(shown)
    for secret in ("Hoàng Văn Riêng", "Chủ Hộ", "0987654321", "HO01000", "Số 1, tổ 1"):
        assert secret not in dumped


# ---------------------------------------------------------------------------
# Moderation: hide with a reason, never delete
# ---------------------------------------------------------------------------

def test_moderation_hides_with_a_recorded_reason_and_never_deletes(core, ward):
    c = _open(core, ward)
    hh = ward.households[ward.groups[0].id]
    kept = svc.comment(core, c.id, code=_household_code(core, c, hh[0]), stance="khong_dong_y",
                       text="Số điện thoại ông tổ trưởng là 0911222333, gọi mà không nghe.")
    svc.comment(core, c.id, code=_household_code(core, c, hh[1]), stance="dong_y", text="Đồng ý với dự thảo.")
    before = CommentRow.select().count()
    with pytest.raises(ValidationError):
        svc.hide_comment(core, c.id, kept.id, reason="  ", actor=ward.chair)
    with pytest.raises(PermissionDenied):
        svc.hide_comment(core, c.id, kept.id, reason="Có số điện thoại", actor=ward.head1)
    hidden = svc.hide_comment(core, c.id, kept.id, reason="Góp ý có số điện thoại của người khác.", actor=ward.chair)
    assert hidden.hidden and hidden.hidden_by == ward.chair.person_id and hidden.hidden_at is not None
    # nothing deleted: the row, its words and its opinion stay
    assert CommentRow.select().count() == before
    row = CommentRow.get_by_id(kept.id)
    assert row.text.startswith("Số điện thoại") and row.hidden_reason == "Góp ý có số điện thoại của người khác."
    public = {x.id: x for x in svc.public_comments(c.id)}
    assert public[kept.id].hidden and public[kept.id].text == "" and "0911222333" not in repr(public)
    assert public[kept.id].hidden_note == "Góp ý có số điện thoại của người khác."
    assert svc.tally(c.id).disagree == 1  # the household's view still counts
    entry = AuditRow.select().where(AuditRow.action == "bieuquyet.consultation.hide_comment").get()
    assert entry.reason == "Góp ý có số điện thoại của người khác." and entry.actor_id == ward.chair.person_id
    with pytest.raises(IllegalTransition):
        svc.hide_comment(core, c.id, kept.id, reason="Lần nữa", actor=ward.chair)


# ---------------------------------------------------------------------------
# Results, explanation, report (R-YK-05, R-YK-08, R-YK-09, R-YK-10)
# ---------------------------------------------------------------------------

def _ended_with_opinions(core, ward, agree, disagree, other=0):
    need = svc.min_days(core, TODAY)
    c = _open(core, ward, published=TODAY - dt.timedelta(days=need + 5), days=need)
    svc.record_opinion(core, c.id, channel="hop_cong_dong", source="Hội nghị tổ 1", agree=agree, disagree=disagree,
                       other=other, received_on=c.published_on + dt.timedelta(days=1), summary="", actor=ward.chair)
    return c


@pytest.mark.rule("R-YK-08")
def test_results_wait_for_the_end_of_the_window(core, ward):
    c = _open(core, ward)
    with pytest.raises(IllegalTransition):
        svc.publish_results(core, c.id, decision="thong_qua", acceptance="Tiếp thu.", actor=ward.chair)


@pytest.mark.rule("R-YK-09")
def test_a_decision_against_the_majority_must_be_explained(core, ward):
    c = _ended_with_opinions(core, ward, agree=10, disagree=11)  # 11 of 21: more than half disagree
    assert svc.tally(c.id).majority == "khong_dong_y"
    with pytest.raises(ValidationError) as err:
        svc.publish_results(core, c.id, decision="thong_qua", acceptance="Đã tiếp thu các ý kiến.", actor=ward.chair)
    assert [f for f, _ in err.value.errors] == ["contrary_reason"]
    done = svc.publish_results(core, c.id, decision="thong_qua", acceptance="Đã tiếp thu các ý kiến.",
                               contrary_reason="Dự án cấp bách về phòng chống sạt lở.", actor=ward.chair)
    assert done.state == "published" and done.majority == "khong_dong_y"


@pytest.mark.rule("R-YK-09")
def test_no_majority_no_contrary_explanation_needed(core, ward):
    c = _ended_with_opinions(core, ward, agree=10, disagree=10)  # exactly half: no majority
    assert svc.tally(c.id).majority == ""
    assert svc.publish_results(core, c.id, decision="khong_thong_qua", acceptance="Tiếp thu.",
                               actor=ward.chair).state == "published"


@pytest.mark.rule("R-YK-08")
@pytest.mark.rule("R-YK-10")
def test_results_are_published_as_a_notice_and_reported_to_the_hdnd(core, ward):
    c = _ended_with_opinions(core, ward, agree=30, disagree=5, other=4)
    with pytest.raises(ValidationError) as err:
        svc.publish_results(core, c.id, decision="dieu_chinh", acceptance=" ", actor=ward.chair)
    assert [f for f, _ in err.value.errors] == ["acceptance"]
    with pytest.raises(IllegalTransition):
        svc.report(core, c.id, actor=ward.chair)
    done = svc.publish_results(core, c.id, decision="dieu_chinh", actor=ward.chair,
                               acceptance="Tiếp thu ý kiến về lối đi chung, điều chỉnh ranh giới lô đất số 3.")
    notice = NoticeRow.get_by_id(done.result_notice_id)
    assert notice.category == "lay_y_kien" and notice.state == "published"
    assert "điều chỉnh ranh giới lô đất số 3" in notice.body_html and "30" in notice.body_html
    reported = svc.report(core, c.id, actor=ward.chair)
    doc = DocumentRow.get_by_id(reported.report_document_id)
    assert doc.doc_type == "bao_cao" and svc.HDND in doc.recipients
    assert "điều chỉnh ranh giới lô đất số 3" in doc.body_html  # R-YK-05: the explanation stays with the file
    assert reported.state == "reported"


def test_indicators(core, ward):
    need = svc.min_days(core, TODAY)
    c = _ended_with_opinions(core, ward, agree=3, disagree=1)
    short = _plan(core, ward, ends_on=TODAY + dt.timedelta(days=5), other_law_basis="Luật Quy hoạch đô thị")
    svc.send_plan(core, short.id, actor=ward.chair)
    svc.publish(core, short.id, actor=ward.chair, on=TODAY)
    start, end = TODAY - dt.timedelta(days=need + 10), TODAY
    assert full_window_share(core, start, end) == 50.0
    # registered for the reports module, with the records behind the number
    registered = core.indicators.get("bieuquyet.consultation_full_window")
    assert registered.rule == "R-YK-07" and core.indicators.value(registered.key, start, end) == 50.0
    assert {r["href"] for r in registered.records(core, start, end)} == {
        f"/bieuquyet/y-kien/{c.id}/quan-ly", f"/bieuquyet/y-kien/{short.id}/quan-ly"}
    assert explained_share(core, start, end) == 0.0
    svc.publish_results(core, c.id, decision="thong_qua", acceptance="Tiếp thu.", actor=ward.chair)
    assert explained_share(core, start, end) == 100.0
    assert comments_received(core, start, end) == 0
    open_ = _open(core, ward)
    svc.comment(core, open_.id, code=_household_code(core, open_, ward.households[ward.groups[0].id][0]),
                stance="dong_y", text="Đồng ý với dự thảo.")
    assert comments_received(core, start, end) == 1
    assert full_window_share(core, TODAY + dt.timedelta(days=400), TODAY + dt.timedelta(days=401)) is None
    assert core.indicators.value("bieuquyet.consultation_comments", start, end) == 1


def test_a_consultation_of_one_group_takes_codes_only_from_its_households(core, ward, outbox):
    inside, outside = ward.groups[0], ward.groups[1]
    c = _open(core, ward, area_unit_id=inside.id)
    people.create_person("Lục Văn Ngoài", household_id=ward.households[outside.id][0], phone="0977000111")
    people.create_person("Ma Thị Trong", household_id=ward.households[inside.id][0], phone="0977000222")
    assert svc.request_code(core, c.id, contact="0977000111") is False
    assert svc.request_code(core, c.id, contact="0977000222") is True and len(outbox.messages) == 1
    with pytest.raises(ValidationError):
        svc.print_codes(core, c.id, group_id=outside.id, actor=ward.chair)
    assert len(svc.print_codes(core, c.id, group_id=inside.id, actor=ward.chair)) == len(ward.households[inside.id])
