"""Letters drafted by registrations and late results, ward templates, signing and the NĐ 30 page."""
from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from thanthien.core import audit
from thanthien.core.errors import IllegalTransition, PermissionDenied, ValidationError
from thanthien.core.models import DocumentRow
from thanthien.core.plugins import make_plugin_manager
from thanthien.core.services import make_services
from thanthien.core.types import SYSTEM_ACTOR, PersonRef
from thanthien.plugins import motcua, thamhoi
from thanthien.plugins.motcua import services as mc
from thanthien.plugins.thamhoi import services as sv
from thanthien.plugins.thamhoi.types import DOC_TYPE

from . import ward_letters
from .conftest import at, finish, receive


def _letters_of(services, case_id):
    return sv.letters(services, actor=SYSTEM_ACTOR, case_id=case_id)


def test_birth_marriage_death_registrations_draft_one_letter_each(services, staff):
    expected = {"HT01": ("birth", "congratulation_letter", "Gia đình cháu Người khai sinh"),
                "HT02": ("marriage", "congratulation_letter", "Anh (chị) Người kết hôn"),
                "HT03": ("death", "condolence_letter", "Gia đình ông (bà) Người khai tử")}
    for code, (kind, letter_kind, addressee) in expected.items():
        d = receive(services, staff, code, "2026-03-02T09:00",
                    concerned=[{"full_name": f"Người {name}", "role": kind}
                               for name in {"birth": ["khai sinh"], "marriage": ["kết hôn", "thứ hai"],
                                            "death": ["khai tử"]}[kind]])
        assert _letters_of(services, d.case_id) == []  # nothing before the registration completes
        finish(services, staff, d.code, "2026-03-02T10:00", "2026-03-02T11:00")
        letters = _letters_of(services, d.case_id)
        assert len(letters) == 1
        letter = letters[0]
        assert (letter.kind, letter.state, letter.template_plugin) == (letter_kind, "draft", "thamhoi")
        assert letter.addressee.startswith(addressee)
        assert letter.drafted_at == at("2026-03-02T11:00") and letter.context["registered_on"] == "02/03/2026"
    other = receive(services, staff, "CT03", "2026-03-02T09:00")  # a certification: no letter
    finish(services, staff, other.code, "2026-03-02T10:00", "2026-03-02T11:00")
    assert _letters_of(services, other.case_id) == []
    assert len(sv.letters(services, actor=SYSTEM_ACTOR)) == 3
    assert [e.action for e in audit.entries(entity="thamhoi_letter")].count("thamhoi.letter.draft") == 3


def test_marriage_letter_names_both_spouses(services, staff):
    d = receive(services, staff, "HT02", "2026-03-02T09:00",
                concerned=[{"full_name": "Trần Văn Bình"}, {"full_name": "Lê Thị Hoa"}])
    finish(services, staff, d.code, "2026-03-02T10:00", "2026-03-02T11:00")
    (letter,) = _letters_of(services, d.case_id)
    assert letter.addressee == "Anh (chị) Trần Văn Bình và Anh (chị) Lê Thị Hoa"
    assert "Trần Văn Bình và Lê Thị Hoa đăng ký kết hôn" in sv.render_body(services, letter)


def test_failing_registration_leaves_no_letter(services, staff, breaker):
    d = receive(services, staff, "HT01", "2026-03-02T09:00", concerned=[{"full_name": "Bé Na"}])
    mc.transfer(services, d.code, actor=staff.officer, at=at("2026-03-02T09:30"))
    mc.mark_result_ready(services, d.code, actor=staff.handler, at=at("2026-03-02T10:00"))
    breaker.armed = True
    with pytest.raises(RuntimeError):
        mc.return_result(services, d.code, actor=staff.officer, at=at("2026-03-02T11:00"))
    assert sv.letters(services, actor=SYSTEM_ACTOR) == []  # drafted inside the registration's transaction, rolled back with it
    assert mc.get_dossier(d.code).state != "returned"
    breaker.armed = False
    mc.return_result(services, d.code, actor=staff.officer, at=at("2026-03-02T11:30"))
    assert len(sv.letters(services, actor=SYSTEM_ACTOR)) == 1


@pytest.mark.rule("R-MC-15")
def test_r_mc_15_late_dossier_drafts_one_apology_on_time_none(services, staff):
    late = receive(services, staff, "HT04", "2026-03-02T09:00")  # due Thu 05/03
    on_time = receive(services, staff, "HT04", "2026-03-02T09:05")
    finish(services, staff, on_time.code, "2026-03-05T10:00", "2026-03-05T11:00")  # the last allowed day
    assert _letters_of(services, on_time.case_id) == []
    finish(services, staff, late.code, "2026-03-06T10:00", "2026-03-06T11:00")  # the first late day
    (letter,) = _letters_of(services, late.case_id)
    assert (letter.kind, letter.event, letter.state) == ("apology_letter", "late_result", "draft")
    assert late.code in letter.subject
    body = sv.render_body(services, letter)
    assert "hẹn trả kết quả ngày 05/03/2026" in body and "06/03/2026" in body
    # the intake put the applicant in the resident register (issue 15 item 10): the letter is addressed
    assert letter.addressee == "Ông (bà) Nguyễn Văn Dân"
    # an addressee cannot be blanked out (a letter is never signed without "Kính gửi")
    with pytest.raises(ValidationError, match="người nhận"):
        sv.edit_draft(services, letter.id, addressee="", actor=staff.handler)
    assert DocumentRow.select().where(DocumentRow.doc_type == DOC_TYPE).count() == 0
    # the letter belongs to the dossier's unit (motcua: the handling department, VP)
    sv.edit_draft(services, letter.id, addressee="Ông Nguyễn Văn Dân", actor=staff.handler)
    signed = sv.sign(services, letter.id, actor=staff.chair, at=at("2026-03-06T15:00"))
    assert signed.state == "signed" and signed.number_symbol == "01/UBND-VHXH"


def test_letter_template_priority_and_letter_for_event(settings, db, breaker):
    """A ward replaces the default wording by a higher-priority template, and may choose a
    template per event with letter_for_event."""
    pm = make_plugin_manager(settings, load_entrypoints=False,
                             plugins=[("motcua", motcua), ("thamhoi", thamhoi), ("phuongta", ward_letters)])
    services = make_services(settings, pm)
    death = sv.on_life_event(services, "death", [PersonRef(None, "Hoàng Văn Cả")], None)
    assert death.template_plugin == "phuongta"
    body = sv.render_body(services, death)
    assert "mẫu thư riêng của phường" in body and "vô cùng thương tiếc" not in body
    twins = sv.on_life_event(services, "birth", [PersonRef(None, "Bé Một"), PersonRef(None, "Bé Hai")], None)
    assert "sinh đôi" in sv.render_body(services, twins)
    single = sv.on_life_event(services, "birth", [PersonRef(None, "Bé Ba")], None)
    assert single.template_plugin == "thamhoi" and "sinh đôi" not in sv.render_body(services, single)
    # the signed document carries the ward's wording too
    signed = sv.sign(services, death.id, actor=_chair(), at=at("2026-04-01T09:00"))
    assert "mẫu thư riêng của phường" in services.documents.get(signed.document_id).body_html
    # without the ward plugin the default wording is back
    plain = make_services(settings, make_plugin_manager(settings, load_entrypoints=False,
                                                        plugins=[("thamhoi", thamhoi)]))
    again = sv.on_life_event(plain, "death", [PersonRef(None, "Hoàng Văn Cả")], None)
    assert "vô cùng thương tiếc" in sv.render_body(plain, again)


def _chair():
    from thanthien.core import people
    from thanthien.core.access import actor_for_person

    p = people.create_person("Lý Văn Chủ", is_staff=True)
    people.grant_role(p.id, "chairperson")
    return actor_for_person(p.id, p.full_name)


def _docx_text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


@pytest.mark.rule("R-VB-01")
@pytest.mark.rule("R-VB-11")
@pytest.mark.rule("R-VB-19")
def test_r_vb_signed_letter_renders_html_and_docx_with_nd30_parts(services, staff):
    letter = sv.on_life_event(services, "birth", [PersonRef(None, "Nguyễn Bảo An")], None)
    signed = sv.sign(services, letter.id, actor=staff.chair, at=at("2026-03-05T16:00"))
    doc = services.documents.get(signed.document_id)
    assert (doc.doc_type, doc.number_symbol, doc.issued_on) == (DOC_TYPE, "01/UBND-VHXH", dt.date(2026, 3, 5))
    html = services.documents.render_html(doc)
    text = _docx_text(services.documents.render_docx(doc))
    for page in (html, text):
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page and "Độc lập - Tự do - Hạnh phúc" in page
        assert "ỦY BAN NHÂN DÂN PHƯỜNG BẮC KẠN" in page
        assert "Số: 01/UBND-VHXH" in page
        assert "Bắc Kạn, ngày 05 tháng 3 năm 2026" in page  # R-VB-11
        assert "V/v Chúc mừng gia đình đón thành viên mới" in page  # R-VB-14
        assert "Kính gửi: Gia đình cháu Nguyễn Bảo An" in page  # R-VB-19
        assert "Nguyễn Bảo An" in page and "Nơi nhận:" in page and "Lưu: VT, VHXH." in page
        assert "CHỦ TỊCH" in page and "Lý Văn Chủ" in page
    # the Chủ tịch signs in person; a Phó Chủ tịch signs "KT. CHỦ TỊCH" (R-VB-18)
    other = sv.on_life_event(services, "death", [PersonRef(None, "Bế Văn Tư")], None)
    by_vice = services.documents.get(sv.sign(services, other.id, actor=staff.vice, at=at("2026-03-06T09:00")).document_id)
    assert "KT. CHỦ TỊCH" in _docx_text(services.documents.render_docx(by_vice))
    assert by_vice.number_symbol == "02/UBND-VHXH"  # one series for every letter (R-VB-24)


def test_only_leaders_sign_and_states_are_enforced(services, staff):
    letter = sv.draft_thank_you(services, addressee="Công ty TNHH Hòa Bình", contributor_kind="business",
                                contribution="ủng hộ 100 bộ bàn ghế cho nhà văn hóa", actor=staff.clerk)
    with pytest.raises(PermissionDenied):  # signing is the leaders' (thamhoi.sign)
        sv.sign(services, letter.id, actor=staff.clerk)
    with pytest.raises(IllegalTransition):
        sv.mark_sent(services, letter.id, method="post", actor=staff.clerk)
    signed = sv.sign(services, letter.id, actor=staff.chair)
    with pytest.raises(IllegalTransition):
        sv.sign(services, letter.id, actor=staff.chair)
    with pytest.raises(IllegalTransition):
        sv.cancel(services, letter.id, reason="nhầm", actor=staff.clerk)
    with pytest.raises(ValidationError):
        sv.mark_sent(services, signed.id, method="fax", actor=staff.clerk)
    sent = sv.mark_sent(services, signed.id, method="post", actor=staff.clerk)
    assert sent.state == "sent" and sent.sent_method == "post"
    actions = [e.action for e in audit.entries(entity="thamhoi_letter", entity_id=letter.id)]
    assert {"thamhoi.letter.draft", "thamhoi.letter.sign", "thamhoi.letter.send"} <= set(actions)


def test_bad_input_stores_nothing(services, staff):
    with pytest.raises(ValidationError) as exc:
        sv.draft_thank_you(services, addressee=" ", contributor_kind="x", contribution="", actor=staff.clerk)
    assert {f for f, _ in exc.value.errors} == {"addressee", "contributor_kind", "contribution"}
    draft = sv.draft_thank_you(services, addressee="Bà Lục Thị Mai", contributor_kind="resident",
                               contribution="hiến đất làm ngõ", actor=staff.clerk)
    with pytest.raises(ValidationError):
        sv.edit_draft(services, draft.id, addressee="", actor=staff.clerk)
    with pytest.raises(ValidationError):
        sv.cancel(services, draft.id, reason="  ", actor=staff.clerk)
    assert sv.get_letter(draft.id).addressee == "Bà Lục Thị Mai" and sv.get_letter(draft.id).state == "draft"
    assert len(sv.letters(services, actor=SYSTEM_ACTOR)) == 1


@pytest.mark.rule("R-MC-17")
def test_r_mc_17_mistake_apology_states_the_correction(services, staff):
    with pytest.raises(ValidationError, match="khắc phục"):
        sv.draft_mistake_apology(services, addressee="Bà Đinh Thị Hoa", mistake="ghi sai ngày sinh", remedy="",
                                 actor=staff.clerk)
    letter = sv.draft_mistake_apology(services, addressee="Bà Đinh Thị Hoa", mistake="ghi sai ngày sinh",
                                      remedy="đã cấp lại bản đúng trong ngày", actor=staff.clerk)
    body = sv.render_body(services, letter)
    assert "ghi sai ngày sinh" in body and "đã cấp lại bản đúng trong ngày" in body
    assert letter.kind == "apology_letter" and letter.event == "government_mistake"


def test_ceremony_and_visit_hand_over_the_letter(services, staff):
    birth = sv.on_life_event(services, "birth", [PersonRef(None, "Lâm Gia Huy")], None)
    death = sv.on_life_event(services, "death", [PersonRef(None, "Vi Văn Lộc")], None)
    with pytest.raises(ValidationError, match="thư chúc mừng"):
        sv.plan_activity(services, kind="letter_ceremony", scheduled_at=at("2026-03-10T08:00"), letter_id=death.id,
                         actor=staff.clerk)
    with pytest.raises(ValidationError, match="địa điểm"):
        sv.plan_activity(services, kind="visit", scheduled_at=at("2026-03-10T08:00"), letter_id=death.id,
                         actor=staff.clerk)
    ceremony = sv.plan_activity(services, kind="letter_ceremony", scheduled_at=at("2026-03-10T08:00"),
                                letter_id=birth.id, actor=staff.clerk)
    assert ceremony.place == services.settings.ward.address  # at the UBND office (plan III.1.6)
    with pytest.raises(ValidationError, match="ký trước"):
        sv.record_activity(services, ceremony.id, result="Đã trao", actor=staff.clerk)
    sv.sign(services, birth.id, actor=staff.chair)
    done = sv.record_activity(services, ceremony.id, result="Đã trao thư", attendance=4, actor=staff.clerk,
                              at=at("2026-03-10T08:30"))
    assert done.state == "done" and sv.get_letter(birth.id).state == "sent"
    assert sv.get_letter(birth.id).sent_method == "ceremony"
    visit = sv.plan_activity(services, kind="visit", scheduled_at=at("2026-03-11T15:00"), letter_id=death.id,
                             place="Nhà gia đình, Tổ dân phố số 7", delegation="Chủ tịch UBND, Chủ tịch UB MTTQ",
                             actor=staff.clerk)
    cancelled = sv.cancel_activity(services, visit.id, reason="Gia đình xin không tổ chức đón đoàn", actor=staff.clerk)
    assert cancelled.state == "cancelled" and sv.get_letter(death.id).state == "draft"
    with pytest.raises(ValidationError, match="khách mời"):
        sv.plan_activity(services, kind="respected_meeting", scheduled_at=at("2026-05-10T14:00"), actor=staff.clerk)


def test_disabled_thamhoi_leaves_motcua_working(tmp_path, db_url):
    from thanthien.core.settings import PluginsSettings
    from thanthien.core.storage.db import database_proxy, open_database
    from thanthien.core.storage.migrate import migrate_all

    from thanthien.testing import make_settings

    settings = make_settings(tmp_path, plugins=PluginsSettings(disabled=("thamhoi",)))
    pm = make_plugin_manager(settings, load_entrypoints=False, plugins=[("motcua", motcua), ("thamhoi", thamhoi)])
    assert pm.get_plugin("thamhoi") is None and pm.is_blocked("thamhoi")
    database = open_database(db_url)
    try:
        migrate_all(database, pm, settings)
        services = make_services(settings, pm)
        from .conftest import Staff

        mc.ensure_catalogue()
        staff = Staff()
        d = receive(services, staff, "HT03", "2026-03-02T09:00", concerned=[{"full_name": "Người khai tử"}])
        late = receive(services, staff, "HT04", "2026-03-02T09:00")
        assert finish(services, staff, d.code, "2026-03-02T10:00", "2026-03-02T11:00").state == "returned"
        assert finish(services, staff, late.code, "2026-03-06T10:00", "2026-03-06T11:00").timeliness == "late"
        tables = database.get_tables()
        assert not any(t.startswith("thamhoi_") for t in tables)
        assert DOC_TYPE not in services.documents.types
    finally:
        database.close()
        database_proxy.initialize(None)
