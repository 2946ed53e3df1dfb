"""Denouncer protection (R-TC-09, R-TC-10, R-DL-11, R-DL-14) and public intake at the
service level (the view models the pages answer with included); test_web.py walks the routes."""
import datetime as dt
import json

import pytest

from thanthien.core import audit
from thanthien.core.converters import make_converter
from thanthien.core.errors import PermissionDenied, ValidationError
from thanthien.core.models import AuditRow, CaseEventRow, DocumentRow, NoticeRow
from thanthien.plugins.tiepdan import services as sv
from thanthien.plugins.tiepdan.models import CaseRow, MatterRow, PartyRow, ThrottleRow, TrackingRow
from thanthien.plugins.tiepdan.schemas import PublicSession, RestrictedItem, RestrictedMatter
from thanthien.plugins.tiepdan.types import MatterFacts, PartyInput
from thanthien.plugins.tiepdan.views.public import submit_form, track_status
from thanthien.plugins.tiepdan.views.staff import matter_view, matters_view

from .helpers import at

D = dt.date
CONVERTER = make_converter()


def as_json(value) -> str:
    """What a page's JSON twin would carry."""
    return json.dumps(CONVERTER.unstructure(value), ensure_ascii=False, default=str)


SENTINELS = {"full_name": "Zqxname Sentinel", "address": "Zqxaddr 99 Sentinel Street", "phone": "0999111222",
             "email": "zqx.sentinel@example.org", "citizen_id": "006099887766", "handwriting": "Zqxhand-sample"}


def sentinel_values():
    return list(SENTINELS.values())


def assert_clean(text: str):
    for value in sentinel_values():
        assert value not in text, f"sentinel {value!r} leaked"


@pytest.fixture
def denunciation(services, staff):
    visit = sv.record_visit(services, summary="Tố cáo cán bộ địa chính nhận tiền", classification="to_cao",
                            visitor=PartyInput(**SENTINELS), actor=staff.officer, received_at=at("2026-03-02T09:00"),
                            matter=MatterFacts(accused="Cán bộ địa chính phường"))
    sv.assign(services, visit.case_id, staff.handler.person_id, actor=staff.chairman, reason="Giao xác minh")
    sv.accept_denunciation(services, visit.case_id, actor=staff.chairman, complexity="complex",
                           at=at("2026-03-05T09:00"))
    sv.extend_denunciation(services, visit.case_id, reason="Xác minh thêm", actor=staff.chairman)
    return visit


@pytest.mark.rule("R-TC-10")
def test_r_tc_10_other_staff_see_its_number_only(services, staff, denunciation):
    view = matter_view(services, denunciation.case_id, actor=staff.other).matter
    assert isinstance(view, RestrictedMatter) and view.restricted is True
    assert set(CONVERTER.unstructure(view)) == {"id", "number", "subject", "kind", "kind_label", "restricted",
                                                "case_type"}
    assert view.subject == "Đơn tố cáo"  # not even its subject, as the register shows it
    listing = matters_view(services, actor=staff.other).matters
    assert isinstance(listing[0], RestrictedItem) and listing[0].subject == "Đơn tố cáo"
    assert set(CONVERTER.unstructure(listing[0])) == {"id", "number", "subject", "kind_label", "restricted"}
    with pytest.raises(PermissionDenied):
        sv.reveal_identity(services, denunciation.case_id, actor=staff.other, reason="tò mò")
    with pytest.raises(PermissionDenied):
        sv.case_documents(services, denunciation.case_id, actor=staff.officer)
    assert audit.entries(action="tiepdan.view_personal.denied")[0].actor_name == staff.other.name


@pytest.mark.rule("R-TC-10")
def test_r_tc_10_handler_and_chairman_unmask_with_logged_reason(services, staff, denunciation):
    masked = matter_view(services, denunciation.case_id, actor=staff.handler)
    assert masked.matter.restricted is False and masked.matter.accused == "Cán bộ địa chính phường"
    assert_clean(as_json(masked))  # masked until revealed
    with pytest.raises(ValidationError):
        sv.reveal_identity(services, denunciation.case_id, actor=staff.handler, reason="")
    for actor in (staff.handler, staff.chairman):
        people = sv.reveal_identity(services, denunciation.case_id, actor=actor, reason="Xác minh nhân thân")
        assert people[0].full_name == SENTINELS["full_name"] and people[0].handwriting == SENTINELS["handwriting"]
    logged = audit.entries(action="tiepdan.view_personal")
    assert [e.actor_name for e in logged] == [staff.chairman.name, staff.handler.name]
    assert logged[0].reason == "Xác minh nhân thân"
    assert audit.verify_chain().ok


@pytest.mark.rule("R-TC-09")
def test_r_tc_09_sentinels_never_in_logs_documents_notices_or_public_outputs(services, staff, denunciation):
    sv.reveal_identity(services, denunciation.case_id, actor=staff.handler, reason="Xác minh")
    sv.publish_session(services, sv.create_session(services, kind="regular", day=D(2026, 3, 16),
                                                   start_time="07:30", end_time="11:00", actor=staff.officer).id,
                       actor=staff.officer, at=at("2026-03-02T10:00"))
    stored = []
    for row in AuditRow.select():
        stored.append(json.dumps([row.before, row.after, row.reason, row.entity_id], ensure_ascii=False))
    for row in CaseEventRow.select():
        stored.append(row.note + json.dumps(row.data, ensure_ascii=False))
    for row in CaseRow.select():
        stored.append(row.subject + json.dumps(row.data, ensure_ascii=False))
    for row in DocumentRow.select():
        doc = services.documents.get(row.id)
        stored.append(row.body_html + json.dumps(row.context, ensure_ascii=False) + " ".join(row.recipients))
        stored.append(services.documents.render_html(doc))
    for row in NoticeRow.select():
        stored.append(row.title + row.body_html)
    code = sv.tracking_code(denunciation.case_id)
    stored.append(as_json(track_status(services, code)))
    stored.append(as_json([PublicSession.of(s) for s in sv.sessions(D(2026, 1, 1), D(2026, 12, 31))]))
    stored.append(sv.schedule_ics(services, D(2026, 1, 1), D(2026, 12, 31)))
    stored.append(json.dumps(sv.figures(services, D(2026, 1, 1), D(2026, 12, 31)), default=str))
    stored.append(json.dumps(sv.export_register(services, D(2026, 1, 1), D(2026, 12, 31),
                                                actor=staff.chairman), ensure_ascii=False))
    for actor in (staff.chairman, staff.handler, staff.other, staff.officer, staff.vice):
        stored.append(as_json(matters_view(services, actor=actor)))
        stored.append(as_json(matter_view(services, denunciation.case_id, actor=actor)))
    assert_clean("\n".join(stored))
    # …while the identity is kept, for the handler.
    assert PartyRow.select().where(PartyRow.full_name == SENTINELS["full_name"]).count() == 2
    assert audit.entries(action="tiepdan.register.export")  # R-DL-11: exports are logged


@pytest.mark.rule("R-DL-14")
def test_r_dl_14_denouncer_fields_classified_confidential(services):
    for field in SENTINELS:
        assert services.privacy.classify("tiepdan_denouncer", field) == "confidential"
    assert services.privacy.public_view("tiepdan_party", {"full_name": "A", "phone": "1"}) == {}


# -- public intake ------------------------------------------------------------------------------

GOOD = {"kind": "phan_anh", "subject": "Đèn đường hỏng", "content": "Đèn đường trước nhà văn hóa tổ 7 hỏng 2 tuần",
        "full_name": "Nguyễn Thị Dân", "address": "Tổ dân phố số 7", "phone": "0912000111", "consent": "on"}


def counts():
    return (CaseRow.select().count(), MatterRow.select().count(), PartyRow.select().count(),
            TrackingRow.select().count())


@pytest.mark.rule("R-PA-03")
@pytest.mark.parametrize("change,field", [
    ({"content": ""}, "content"),
    ({"content": "x" * 5001}, "content"),
    ({"subject": "y" * 201}, "subject"),
    ({"full_name": ""}, "full_name"),
    ({"phone": "12ab"}, "phone"),
    ({"phone": "", "email": ""}, "phone"),
    ({"consent": ""}, "consent"),
    ({"kind": "to_cao"}, "kind"),
    ({"admin": "1"}, "admin"),
    ({"address": "z" * 300}, "address"),
])
def test_bad_or_oversized_public_submission_stores_nothing(services, change, field):
    before = counts()
    with pytest.raises(ValidationError) as err:
        submit_form(services, {**GOOD, **change}, client="203.0.113.5")
    assert field in {f for f, _ in err.value.errors}
    assert all(m and m[0].isupper() for _, m in err.value.errors)  # a sentence, in Vietnamese
    assert counts() == before


def test_public_feedback_gets_tracking_code_and_status(services, staff):
    got = submit_form(services, GOOD, client="203.0.113.5", at=at("2026-03-02T09:00"))
    assert got.due_date == D(2026, 3, 16)
    status = track_status(services, got.tracking_code.lower())
    assert status.state == "received" and status.kind == "phan_anh" and status.case_type == "tiepdan_phan_anh"
    assert "Nguyễn Thị Dân" not in as_json(status)
    with pytest.raises(Exception):
        sv.track(services, "AAAA-BBBB-CCCC")


def test_flood_from_one_address_is_throttled(services):
    limit = sv.config(services).public_rate_limit
    for _ in range(limit):
        submit_form(services, GOOD, client="198.51.100.7")
    before = counts()
    with pytest.raises(sv.TooManyRequests) as err:
        submit_form(services, GOOD, client="198.51.100.7")
    assert err.value.status == 429 and "quá nhiều" in err.value.message
    assert counts() == before
    submit_form(services, GOOD, client="198.51.100.8")  # another address still gets through
    assert "198.51.100.7" not in json.dumps([r.client for r in ThrottleRow.select()])  # stored hashed
    # invalid attempts count too: a flood of junk is throttled as well
    for _ in range(limit - 1):
        with pytest.raises(ValidationError):
            submit_form(services, {}, client="192.0.2.1")
    submit_form(services, GOOD, client="192.0.2.1")
    with pytest.raises(sv.TooManyRequests):
        submit_form(services, {}, client="192.0.2.1")


def test_not_resolved_reopens_with_limits(services, staff):
    got = submit_form(services, GOOD, client="203.0.113.9", at=at("2026-03-02T09:00"))
    code = got.tracking_code
    first = TrackingRow.get(TrackingRow.code == code).case_id
    with pytest.raises(ValidationError):  # not answered yet
        sv.report_not_resolved(services, code, reason="Chưa sửa", client="203.0.113.9", at=at("2026-03-03T09:00"))
    sv.answer_petition(services, first, answer="Đã thay bóng đèn ngày 05/03", actor=staff.handler,
                       at=at("2026-03-05T09:00"))
    assert sv.track(services, code).answer == "Đã thay bóng đèn ngày 05/03"
    again = sv.report_not_resolved(services, code, reason="Đèn vẫn không sáng", client="203.0.113.9",
                                   at=at("2026-03-06T09:00"))
    status = sv.track(services, code)
    assert status.latest.state == "received" and again.due_date == D(2026, 3, 20)
    second = CaseRow.get(CaseRow.number == again.number).id
    sv.answer_petition(services, second, answer="Đã thay dây", actor=staff.handler, at=at("2026-03-09T09:00"))
    sv.report_not_resolved(services, code, reason="Vẫn hỏng", client="203.0.113.9", at=at("2026-03-10T09:00"))
    third = MatterRow.get(MatterRow.parent == second).case_id
    sv.answer_petition(services, third, answer="Đã thay cột", actor=staff.handler, at=at("2026-03-11T09:00"))
    with pytest.raises(ValidationError) as err:  # reopen_max = 2
        sv.report_not_resolved(services, code, reason="Lại hỏng", client="203.0.113.9", at=at("2026-03-12T09:00"))
    assert "tối đa" in str(err.value)


def test_reopen_only_within_the_window(services, staff):
    got = submit_form(services, GOOD, client="203.0.113.10", at=at("2026-03-02T09:00"))
    case_id = TrackingRow.get(TrackingRow.code == got.tracking_code).case_id
    sv.answer_petition(services, case_id, answer="Đã xử lý", actor=staff.handler, at=at("2026-03-05T09:00"))
    with pytest.raises(ValidationError) as err:
        sv.report_not_resolved(services, got.tracking_code, reason="x", client="203.0.113.10",
                               at=at("2026-04-05T09:00"))
    assert "30 ngày" in str(err.value)


@pytest.mark.rule("R-PA-04")
def test_hotline_and_suggestion_box_entries(services, staff):
    call = sv.record_feedback(services, channel="duong_day_nong", subject="Rác thải tồn đọng",
                              content="Người gọi phản ánh rác tồn đọng 3 ngày ở tổ 12",
                              sender=PartyInput(full_name="Người gọi", address="Tổ 12", phone="0912333444"),
                              actor=staff.officer)
    box = sv.record_feedback(services, channel="hom_thu", subject="Góp ý thái độ phục vụ",
                             content="Phiếu góp ý không ghi tên", sender=None, actor=staff.officer)
    assert call.case_type == box.case_type == "tiepdan_phan_anh"
    with pytest.raises(PermissionDenied):
        sv.record_feedback(services, channel="hom_thu", subject="x", content="y", sender=None, actor=staff.handler)
