"""Information requests (Luật TCTT), rules R-TT-05 … R-TT-11."""
import pytest
from thanthien.core.audit import entries
from thanthien.core.errors import IllegalTransition, PermissionDenied, ValidationError
from thanthien.core.models import CaseRow
from thanthien.plugins.congkhai import exports
from thanthien.plugins.congkhai import services as ck
from thanthien.plugins.congkhai.models import InfoRequestRow

from .helpers import at, d

BASE = dict(requester_name="Lục Thị Hoa", requester_id_no="006190012345", requester_address="Tổ dân phố số 2",
            info_requested="Quyết định phê duyệt dự án đường Thành Công", purpose="Tìm hiểu mức bồi thường",
            delivery_form="copy")


def open_(core, ward, channel, complex=False, when="2026-03-02", **kw):
    return ck.open_request(core, channel=channel, complex=complex, actor=ward.officer,
                           received_at=at(when), **{**BASE, **kw})


@pytest.mark.rule("R-TT-08")
def test_r_tt_08_in_person_same_day_or_10_working_days(core, ward):
    simple = open_(core, ward, "in_person")
    assert simple.due_date == d("2026-03-02") and simple.number == "TTT-2026-00001"
    cx = open_(core, ward, "in_person", complex=True)
    assert cx.due_date == d("2026-03-16")  # 10 working days after Mon 02/03
    ck.provide_information(core, cx.id, actor=ward.officer, at=at("2026-03-16", 16))
    assert core.cases.get(cx.id).timeliness() == "on_time"
    late = open_(core, ward, "in_person", complex=True)
    ck.provide_information(core, late.id, actor=ward.officer, at=at("2026-03-17"))
    assert core.cases.get(late.id).timeliness() == "late"


@pytest.mark.rule("R-TT-08")
def test_r_tt_08_one_extension_of_10_working_days(core, ward):
    cx = open_(core, ward, "in_person", complex=True)
    ext = ck.extend_request(core, cx.id, reason="Cần tổng hợp từ nhiều hồ sơ", actor=ward.officer)
    assert ext.due_date == d("2026-03-30")
    with pytest.raises(IllegalTransition, match="tối đa 1 lần"):
        ck.extend_request(core, cx.id, reason="lần nữa", actor=ward.officer)
    simple = open_(core, ward, "in_person")
    with pytest.raises(IllegalTransition, match="đơn giản"):
        ck.extend_request(core, simple.id, reason="x", actor=ward.officer)


@pytest.mark.rule("R-TT-09")
def test_r_tt_09_online_3_and_15_working_days_extension_15_days(core, ward):
    simple = open_(core, ward, "online")
    assert simple.due_date == d("2026-03-05")
    cx = open_(core, ward, "online", complex=True)
    assert cx.due_date == d("2026-03-23")
    assert ck.request_detail(cx.id).notice_due == d("2026-03-05")
    ck.notify_timeline(core, cx.id, actor=ward.officer, at=at("2026-03-05"))
    assert ck.request_detail(cx.id).notified_on == d("2026-03-05")
    ext = ck.extend_request(core, cx.id, reason="Cần ý kiến bên thứ ba", actor=ward.officer)
    assert ext.due_date == d("2026-04-07")  # 15 calendar days after 23/03
    with pytest.raises(IllegalTransition):
        ck.notify_timeline(core, simple.id, actor=ward.officer)


@pytest.mark.rule("R-TT-10")
def test_r_tt_10_post_5_working_days(core, ward):
    assert open_(core, ward, "post").due_date == d("2026-03-09")
    assert open_(core, ward, "post", complex=True).due_date == d("2026-03-23")


@pytest.mark.rule("R-TT-05")
def test_r_tt_05_request_fields_required_nothing_stored(core, ward):
    before = (CaseRow.select().count(), InfoRequestRow.select().count())
    with pytest.raises(ValidationError) as e:
        ck.open_request(core, channel="fax", requester_name="", requester_id_no="12ab",
                        requester_address="", info_requested=" ", purpose="", delivery_form="bồ câu",
                        actor=ward.officer)
    assert {f for f, _ in e.value.errors} == {"channel", "requester_name", "requester_id_no", "requester_address",
                                             "info_requested", "purpose", "delivery_form"}
    assert (CaseRow.select().count(), InfoRequestRow.select().count()) == before
    with pytest.raises(PermissionDenied):
        ck.open_request(core, channel="online", actor=ward.head1, **BASE)


@pytest.mark.rule("R-TT-11")
def test_r_tt_11_refusal_grounds_and_twice_provided(core, ward):
    r = open_(core, ward, "online")
    with pytest.raises(ValidationError, match="Điều 28"):
        ck.refuse_request(core, r.id, ground="khong_thich", reason="x", actor=ward.officer)
    with pytest.raises(ValidationError, match="lý do"):
        ck.refuse_request(core, r.id, ground="bi_mat", reason=" ", actor=ward.officer)
    first = open_(core, ward, "online")
    ck.provide_information(core, first.id, actor=ward.officer)
    # provided once only: the "already provided twice" ground is refused
    with pytest.raises(ValidationError, match="ít nhất 2 yêu cầu"):
        ck.refuse_request(core, r.id, ground="da_cung_cap_hai_lan", reason="Đã cung cấp",
                          previous_cases=(first.number,), actor=ward.officer)
    other_person = open_(core, ward, "online", requester_id_no="006190099999")
    ck.provide_information(core, other_person.id, actor=ward.officer)
    with pytest.raises(ValidationError):
        ck.refuse_request(core, r.id, ground="da_cung_cap_hai_lan", reason="Đã cung cấp",
                          previous_cases=(first.number, other_person.number), actor=ward.officer)
    second = open_(core, ward, "online")
    ck.provide_information(core, second.id, actor=ward.officer)
    case = ck.refuse_request(core, r.id, ground="da_cung_cap_hai_lan", reason="Đã cung cấp hai lần",
                             previous_cases=(first.number, second.number), actor=ward.officer)
    assert case.state == "refused" and ck.request_detail(r.id).refusal_ground == "da_cung_cap_hai_lan"
    assert "hai lần" in core.cases.events(r.id)[-1].note


@pytest.mark.rule("R-TT-07")
def test_r_tt_07_register_masks_unless_allowed(core, ward):
    a = open_(core, ward, "in_person")
    ck.provide_information(core, a.id, actor=ward.officer, at=at("2026-03-02", 10))
    open_(core, ward, "online", complex=True, when="2026-03-03")
    rows = ck.request_register(core, 2026, actor=ward.officer)
    assert [r.number for r in rows] == ["TTT-2026-00001", "TTT-2026-00002"]
    assert "Lục Thị Hoa" not in str(rows) and "006190012345" not in str(rows)
    assert rows[0].state == "Đã cung cấp thông tin" and rows[0].timeliness == "on_time"
    assert not entries(action="congkhai.requests.view_personal")  # masked: nothing read in full
    full = ck.request_register(core, 2026, actor=ward.officer, personal=True)
    assert full[0].requester_name == "Lục Thị Hoa"
    assert entries(action="congkhai.requests.view_personal")[0].actor_id == ward.officer.person_id
    # fail closed: staff without the permission (a group head) list nothing and unmask nothing
    assert ck.request_register(core, 2026, actor=ward.head1) == []
    with pytest.raises(PermissionDenied):
        ck.request_register(core, 2026, actor=ward.head1, personal=True)


@pytest.mark.rule("R-TT-06")
@pytest.mark.parametrize("form,text", [("01a", "PHIẾU YÊU CẦU"), ("02", "PHIẾU TIẾP NHẬN"), ("03", "Về việc giải quyết"),
                                       ("04", "gia hạn"), ("05", "từ chối"), ("06", "bên thứ ba"), ("01b", "tổ chức")])
def test_r_tt_06_forms(core, ward, form, text):
    r = open_(core, ward, "online", complex=True)
    ck.extend_request(core, r.id, reason="Cần thêm thời gian", actor=ward.officer)
    html = exports.request_form_html(core, r.id, form, actor=ward.officer, today=d("2026-03-10"))
    assert text in html and r.number in html or form in ("01a", "01b")
    assert "ngày 10 tháng 3 năm 2026" in html
    with pytest.raises(ValidationError):
        exports.request_form_html(core, r.id, "99", actor=ward.officer)
