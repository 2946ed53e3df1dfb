"""Issue 10 for the one-stop module, written as attacks and boundary cases:

* fail-closed scope: every dossier belongs to a unit; a group head, a board member and an
  officer of another department read none of it — page, JSON, list, register, widget,
  the forms it issued (HTML, .json, .docx) — by a role × resource table written by hand;
* full reads of applicants' personal fields are in the audit log;
* public actions need the receipt's secret; the code alone reads status and dates only;
* bookings are bounded per phone number and day; refused attempts use no quota;
* R-MC-15/16: an apology signed on or after the day before the due date is recorded but
  the late return stays a breach (register and indicators);
* R-MC-14.supplement_pauses_clock is read; R-MC-12 (not R-LV-11 alone) starts the clock.
"""
from __future__ import annotations

import datetime as dt
import importlib
import io
import textwrap

import docx
import pytest

from thanthien.core import accounts, audit, people
from thanthien.core.errors import PermissionDenied, SettingsError, ValidationError
from thanthien.core.models import CaseRow
from thanthien.core.services import make_services
from thanthien.core.settings import RulesSettings
from thanthien.core.storage.db import now
from thanthien.plugins.motcua import services as mc
from thanthien.plugins.motcua.models import ApologyRow, BookingRow, DossierRow, RatingRow, RollupRow
from thanthien.testing import csrf_from, login, make_settings
from thanthien.web.app import create_app

from .helpers import APPLICANT, Staff, at, finish, receive

D = dt.date
PASSWORD = "mat-khau-thu-nghiem-2026"


class Ward(Staff):
    """Staff plus the roles that must read nothing of a VP dossier."""

    def __init__(self):
        super().__init__()
        kt = people.create_unit("KTHTDT", "Phòng Kinh tế, Hạ tầng và Đô thị", "department")
        tdp = people.create_unit("TDP01", "Tổ dân phố số 1", "residential_group")
        board = people.create_unit("BTTND", "Ban Thanh tra nhân dân", "inspection_board")
        self.kt = kt
        self.other = self.make("Lò Văn Khác", "department_officer", kt)
        self.group_head = self.make("Hà Thị Tổ", "group_head", tdp)
        self.board_member = self.make("Vi Văn Ban", "board_member", board)
        self.chair = self.make("Lý Văn Chủ", "chairperson", None, "Chủ tịch UBND phường")


@pytest.fixture
def ward(core):
    mc.ensure_catalogue()
    return Ward()


# ---------------------------------------------------------------------------
# 1. fail-closed scope
# ---------------------------------------------------------------------------

def test_every_dossier_belongs_to_a_unit_and_its_forms_follow_it(core, ward):
    vp = receive(core, ward, "HT04", actor=ward.officer)  # the catalogue names VP
    kt = receive(core, ward, "HKD01", actor=ward.officer)  # KTHTDT
    centre = receive(core, ward, "BTXH02", actor=ward.officer)  # VHXH does not exist here: the centre
    assert (vp.unit_id, kt.unit_id, centre.unit_id) == (ward.unit.id, ward.kt.id, ward.centre.id)
    assert CaseRow.get_by_id(vp.case_id).unit_id == ward.unit.id
    receipt = core.documents.get(vp.receipt_document_id)
    assert (receipt.unit_id, receipt.owner_kind, receipt.owner_id, receipt.view_permission) == \
        (ward.unit.id, "motcua.dossier", vp.case_id, "motcua.view")
    # handing it to an officer of another unit moves it there
    moved = mc.transfer(core, centre.code, actor=ward.officer, handler_id=ward.handler_id)
    assert moved.unit_id == ward.unit.id and CaseRow.get_by_id(centre.case_id).unit_id == ward.unit.id


def test_outsiders_read_no_dossier_by_any_service(core, ward):
    d = receive(core, ward, "HT04", "2026-03-02T09:00")  # VP
    mc.transfer(core, d.code, actor=ward.officer, at=at("2026-03-02T10:00"))
    mc.draft_apology(core, d.code, actor=ward.handler, reason="Chờ xác minh", proposed_due=D(2026, 3, 10))
    mc.book(core, procedure_code="HT04", day=core.calendar.next_working_day(now().date()), time="09:00",
            name="Người Đặt", phone="0912000111")
    day = D(2026, 3, 4)
    for outsider in (ward.group_head, ward.board_member, ward.other):
        with pytest.raises(PermissionDenied):
            mc.view_dossier(core, d.code, actor=outsider)
        with pytest.raises(PermissionDenied):
            mc.control_steps(core, d.code, actor=outsider)
        with pytest.raises(PermissionDenied):
            mc.issue_control_sheet(core, d.code, actor=outsider)
        with pytest.raises(PermissionDenied):
            mc.request_supplement(core, d.code, items=[{"document": "TK", "reason": "x"}], actor=outsider)
        assert mc.due_soon(core, day, actor=outsider) == []
        assert mc.apologies(core, actor=outsider) == []
        assert mc.register_rows(core, D(2026, 3, 1), D(2026, 3, 31), actor=outsider) == []
        assert mc.bookings_on(core, core.calendar.next_working_day(now().date()), actor=outsider) == []
        for doc in mc.dossier_documents(core, d.case_id):
            assert not core.documents.can_read(outsider, doc)
    # those who handle it read it: the centre (every unit, R-MC-01), VP's officer and head, the chairperson
    for insider in (ward.officer, ward.handler, ward.head, ward.chair):
        assert mc.view_dossier(core, d.code, actor=insider).code == d.code
        assert [x.code for x in mc.due_soon(core, day, actor=insider)] == [d.code]
        assert all(core.documents.can_read(insider, doc) for doc in mc.dossier_documents(core, d.case_id))
    # an officer of KTHTDT reads the dossiers of his own unit
    own = receive(core, ward, "HKD01", "2026-03-02T09:30")
    assert mc.view_dossier(core, own.code, actor=ward.other).code == own.code
    assert [r[1] for r in mc.register_rows(core, D(2026, 3, 1), D(2026, 3, 31), actor=ward.other)] == []  # no report
    assert [r[1] for r in mc.register_rows(core, D(2026, 3, 1), D(2026, 3, 31), actor=ward.head)] == [d.code]


# role × resource, written by hand: the status of each page of a VP dossier for each login
SEES = {"motcua": 200, "xulyvp": 200, "truongvp": 200, "chutich": 200}
REFUSED = {"khac": 403, "totruong": 403, "bantt": 403}


@pytest.fixture
def web(settings, pm, db, ward):
    for actor, login_name in ((ward.officer, "motcua"), (ward.handler, "xulyvp"), (ward.head, "truongvp"),
                              (ward.chair, "chutich"), (ward.other, "khac"), (ward.group_head, "totruong"),
                              (ward.board_member, "bantt")):
        accounts.create_account(actor.person_id, login_name, PASSWORD)
    return create_app(settings, pm, db=db)


@pytest.fixture
def app(web):
    return web


def test_role_by_resource_table_over_every_page_of_a_dossier(make_client, core, ward):
    d = receive(core, ward, "HT04", "2026-03-02T09:00")  # overdue: on every desk and dashboard that may show it
    mc.issue_control_sheet(core, d.code, actor=ward.officer)
    docs = mc.dossier_documents(core, d.case_id)
    assert len(docs) == 2  # Mẫu 01 and Mẫu 02
    urls = [f"/motcua/ho-so/{d.code}", f"/motcua/ho-so/{d.code}.json"]
    for doc in docs:
        urls += [f"/documents/{doc.id}", f"/documents/{doc.id}.json", f"/documents/{doc.id}.docx"]
    for who, status in {**SEES, **REFUSED}.items():
        client = make_client()
        login(client, who, PASSWORD)
        for url in urls:
            r = client.get(url)
            expected = status
            if who == "truongvp" and url.startswith("/documents/"):
                expected = 403  # core's gate: unit_head (motcua's role) does not hold core.documents.view
            assert r.status_code == expected, (who, url, r.status_code)
            if status != 200:
                assert APPLICANT["citizen_id"] not in r.text and APPLICANT["phone"] not in r.text
        # lists: the dossier shows exactly where it may be read
        for url in ("/motcua/index.json", "/motcua/so-theo-doi.json?tu=01/03/2026&den=31/03/2026", "/dashboard"):
            r = client.get(url)
            if r.status_code == 200:  # a group head and a board member are refused the desk and register
                assert (d.code in r.text) == (who in SEES), (who, url)
            else:
                assert r.status_code == 403 and who not in ("motcua", "chutich"), (who, url)


def test_full_reads_of_personal_fields_are_logged(make_client, core, ward):
    d = receive(core, ward, "HT04", now().strftime("%Y-%m-%dT%H:%M"))
    mc.book(core, procedure_code="HT04", day=core.calendar.next_working_day(now().date()), time="09:00",
            name="Người Đặt", phone="0912000111")
    client = make_client()
    login(client, "motcua", PASSWORD)
    before = len(audit.entries(action="motcua.personal.view", limit=1000))
    assert APPLICANT["citizen_id"] in client.get(f"/motcua/ho-so/{d.code}.json").text
    client.get(f"/motcua/ho-so/{d.code}")
    client.get("/motcua/so-theo-doi.json")
    client.get(f"/motcua/lich-hen.json?ngay={core.calendar.next_working_day(now().date()):%d/%m/%Y}")
    entries = audit.entries(action="motcua.personal.view", limit=1000)
    assert len(entries) - before == 4
    assert {e.entity for e in entries} == {"motcua_dossier", "motcua_register", "motcua_booking"}
    assert all(e.actor_id == ward.officer.person_id for e in entries)
    client.get(f"/documents/{d.receipt_document_id}.docx")
    assert audit.entries(action="document.view", entity_id=str(d.receipt_document_id))


# ---------------------------------------------------------------------------
# 5. public actions need the receipt's secret
# ---------------------------------------------------------------------------

def test_rating_a_strangers_dossier_by_its_guessable_code_is_refused(core, ward):
    d = receive(core, ward, "HT01", "2026-03-02T09:00")
    finish(core, ward, d.code, "2026-03-02T10:00", "2026-03-02T11:00")
    for secret in ("", "AAAAAA", d.lookup_secret[:-1]):
        with pytest.raises(ValidationError) as exc:
            mc.rate(core, d.code, secret=secret, level="khong_hai_long")
        assert exc.value.errors[0][0] == "secret"
    assert not RatingRow.select().exists() and not CaseRow.select().where(CaseRow.case_type == "motcua_feedback").exists()
    # typed in lower case, with spaces: still the resident's own dossier
    typed_code = d.code.lower().replace("-", " ")
    typed_secret = " ".join(d.lookup_secret.lower())
    assert mc.rate(core, typed_code, secret=typed_secret, level="hai_long")["label"] == "Hài lòng"


def test_lookup_by_code_alone_shows_status_and_dates_only(make_client, core, ward):
    d = receive(core, ward, "HT03", now().strftime("%Y-%m-%dT%H:%M"))  # khai tử: the procedure itself says much
    anon = make_client()
    js = anon.get(f"/motcua/tra-cuu.json?ma={d.code.lower()}").json()["dossier"]
    assert js["status"] == "received" and js["received_on"] and js["appointment"]
    assert js["procedure"] == "" and js["verified"] is False and js["can_rate"] is False
    spaced = anon.get("/motcua/tra-cuu.json", params={"ma": "  " + d.code.lower().replace("-", " ") + " "})
    assert spaced.json()["dossier"]["code"] == d.code
    full = anon.get("/motcua/tra-cuu.json", params={"ma": d.code, "k": d.lookup_secret.lower()}).json()["dossier"]
    assert full["verified"] is True and full["procedure"].startswith("Đăng ký khai tử")
    wrong = anon.get("/motcua/tra-cuu.json", params={"ma": d.code, "k": "ZZZZZZ"}).json()["dossier"]
    assert wrong["verified"] is False and wrong["procedure"] == ""
    # the rating route refuses a post without the secret (422, nothing stored)
    r = anon.post("/motcua/danh-gia.json", json={"ma": d.code, "level": "khong_hai_long"},
                  headers={"X-CSRF-Token": csrf_from(anon.get("/motcua/danh-gia").text)})
    assert r.status_code == 422 and {e["field"] for e in r.json()["errors"]} == {"secret"}


def test_the_receipt_prints_the_secret_and_a_qr_code_to_the_lookup(core, ward):
    d = receive(core, ward, "HT04", "2026-03-02T09:00")
    doc = core.documents.get(d.receipt_document_id)
    html = core.documents.render_html(doc)
    assert mc.format_secret(d.lookup_secret) in html and 'src="data:image/png;base64,' in html
    assert f"/motcua/tra-cuu?ma={d.code}&amp;k={d.lookup_secret}" in html
    word = docx.Document(io.BytesIO(core.documents.render_docx(doc)))
    assert len(word.inline_shapes) == 1
    assert mc.format_secret(d.lookup_secret) in "\n".join(p.text for p in word.paragraphs)


# ---------------------------------------------------------------------------
# 6. bookings per phone number and day
# ---------------------------------------------------------------------------

def _book(core, phone, time="08:00", day=None, **kw):
    day = day or core.calendar.next_working_day(now().date())
    return mc.book(core, procedure_code="HT04", day=day, time=time, name="Người Đặt", phone=phone, **kw)


def test_one_phone_number_cannot_take_every_slot(core, ward):
    limit = mc.config(core).bookings_per_contact_per_day
    times = mc.config(core).slot_times
    for i in range(limit):
        _book(core, "0912 000 111", time=times[i])
    with pytest.raises(ValidationError, match="tối đa"):
        _book(core, "0912000111", time=times[limit])
    # another day booked today: the same number makes no more bookings today either
    later = core.calendar.next_working_day(core.calendar.next_working_day(now().date()))
    with pytest.raises(ValidationError, match="hôm nay"):
        _book(core, "0912000111", time=times[0], day=later)
    assert BookingRow.select().where(BookingRow.phone == "0912000111").count() == limit
    _book(core, "0912000222", time=times[limit])  # another resident is not affected


def test_refused_attempts_use_no_quota(core, ward):
    day = core.calendar.next_working_day(now().date())
    for _ in range(5):  # typos and a past slot: refused, nothing stored
        with pytest.raises(ValidationError):
            mc.book(core, procedure_code="XX", day=day, time="08:00", name="A", phone="0912000111")
        with pytest.raises(ValidationError):
            mc.book(core, procedure_code="HT04", day=D(2020, 3, 2), time="08:00", name="A", phone="0912000111")
    for i in range(mc.config(core).bookings_per_contact_per_day):
        _book(core, "0912000111", time=mc.config(core).slot_times[i])


def test_the_bound_is_the_wards_setting(tmp_path, pm):
    ok = make_settings(tmp_path, plugin={"motcua": {"bookings_per_contact_per_day": 1, "slot_capacity": 5}})
    assert make_services(ok, pm).config("motcua").bookings_per_contact_per_day == 1
    for bad in ({"bookings_per_contact_per_dayz": 1}, {"bookings_per_contact_per_day": 0},
                {"return_time": "25:00"}):
        with pytest.raises(SettingsError):
            make_services(make_settings(tmp_path, plugin={"motcua": bad}), pm).check()
    old = make_settings(tmp_path, plugin={"motcua": {"agency_code": "000.00.12.H55", "demo_dossiers": 5,
                                                     "slot_times": ["08:00"], "centre_name": "TTPVHCC",
                                                     "booking_days_ahead": 10}})
    assert make_services(old, pm).config("motcua").agency_code == "000.00.12.H55"  # every older key works


# ---------------------------------------------------------------------------
# 12. R-MC-15/16: a late apology is recorded, the late return is still a breach
# ---------------------------------------------------------------------------

def _late_with_apology_signed_on(core, ward, signed: str):
    d = receive(core, ward, "HT04", "2026-03-04T09:00")  # due Mon 09/03/2026
    mc.transfer(core, d.code, actor=ward.officer, at=at("2026-03-04T10:00"))
    a = mc.draft_apology(core, d.code, actor=ward.handler, reason="Chờ xác minh", proposed_due=D(2026, 3, 12))
    signed_a = mc.sign_apology(core, a.id, signer_name="Hoàng Văn Trưởng", signer_title="Chánh Văn phòng",
                               actor=ward.head, at=at(signed))
    back = finish(core, ward, d.code, "2026-03-11T10:00", "2026-03-11T11:00")  # late, before the new date
    return d, signed_a, back


@pytest.mark.rule("R-MC-15")
@pytest.mark.rule("R-MC-16")
def test_r_mc_15_apology_signed_the_working_day_before_the_due_date_is_timely(core, ward):
    assert mc.apology_deadline(core, D(2026, 3, 9)) == D(2026, 3, 6)  # Friday before Monday
    d, apology, back = _late_with_apology_signed_on(core, ward, "2026-03-06T16:30")
    assert apology.timely is True and back.timeliness == "late" and not back.breach
    (row,) = mc.register_rows(core, D(2026, 3, 1), D(2026, 3, 31))
    assert "đã xin lỗi, hẹn lại" in row[-1] and "vi phạm" not in row[-1]
    m = mc.indicator_table(core, D(2026, 3, 1), D(2026, 3, 31))[-1]
    assert (m["returned_late"], m["breaches"], m["apology_share"]) == (1, 0, 100.0)


@pytest.mark.rule("R-MC-15")
@pytest.mark.rule("R-MC-16")
@pytest.mark.parametrize("signed", ["2026-03-09T08:00", "2026-03-10T09:00"])  # on the due date; after it
def test_r_mc_15_apology_signed_on_or_after_the_due_date_is_recorded_but_a_breach(core, ward, signed):
    d, apology, back = _late_with_apology_signed_on(core, ward, signed)
    assert apology.state == "signed" and apology.timely is False and apology.document_id  # recorded, issued
    assert back.reappointments == 1 and back.due_date == D(2026, 3, 12)  # the re-appointment holds
    assert back.timeliness == "late" and back.breach
    (row,) = mc.register_rows(core, D(2026, 3, 1), D(2026, 3, 31))
    assert "sau thời hạn" in row[-1] and "vi phạm: trả quá hạn không xin lỗi đúng thời hạn" in row[-1]
    m = mc.indicator_table(core, D(2026, 3, 1), D(2026, 3, 31))[-1]
    assert (m["returned_late"], m["breaches"], m["apology_share"]) == (1, 1, 0.0)
    assert core.indicators.value("motcua.breaches", D(2026, 3, 1), D(2026, 3, 31)) == 1
    before = sorted((r.month, r.procedure_code, r.metric, r.value) for r in RollupRow.select())
    mc.rebuild_rollup()
    after = sorted((r.month, r.procedure_code, r.metric, r.value) for r in RollupRow.select())
    assert before == after


# ---------------------------------------------------------------------------
# 13. R-MC-14 is read; R-MC-12 starts a one-stop clock
# ---------------------------------------------------------------------------

@pytest.fixture
def running_supplements(tmp_path):
    rules = tmp_path / "quy_dinh_phuong.toml"
    rules.write_text(textwrap.dedent("""
        [[param]]
        rule_id = "R-MC-14"
        key = "supplement_pauses_clock"
        value = false
        effective_from = 2026-03-01
    """), encoding="utf-8")
    return rules


@pytest.mark.rule("R-MC-14")
def test_r_mc_14_a_ward_rule_that_supplements_do_not_pause_is_read(tmp_path, pm, db, running_supplements):
    settings = make_settings(tmp_path, rules=RulesSettings(file=str(running_supplements)))
    core = make_services(settings, pm)
    mc.ensure_catalogue()
    staff = Staff()
    d = receive(core, staff, "BTXH02", "2026-03-02T09:00")  # 5 working days: due 09/03
    mc.transfer(core, d.code, actor=staff.officer, handler_id=staff.handler_id, at=at("2026-03-02T10:00"))
    assert mc.supplement_pauses(core, D(2026, 2, 27)) and not mc.supplement_pauses(core, D(2026, 3, 4))
    out = mc.request_supplement(core, d.code, actor=staff.handler, at=at("2026-03-04T10:00"),
                                items=[{"document": "DN", "reason": "Đơn chưa có chữ ký"}])
    assert out.state == "supplement" and not out.paused and out.due_date == D(2026, 3, 9)
    assert [s["step"] for s in mc.control_steps(core, d.code)][-1] == "Yêu cầu bổ sung hồ sơ"
    back = mc.receive_supplement(core, d.code, actor=staff.officer, at=at("2026-03-10T09:00"))
    assert back.due_date == D(2026, 3, 9)  # the clock kept counting: the dossier is late


@pytest.mark.rule("R-MC-12")
@pytest.mark.rule("R-LV-11")
def test_r_mc_12_a_dossier_received_on_a_rest_day_counts_from_the_next_working_day(core, ward):
    # Sat 07/03/2026 (online): received Mon 09/03 (R-MC-12); R-LV-11 alone would count from Saturday
    assert mc.receipt_day(at("2026-03-07T10:00"), core.rules, core.calendar) == D(2026, 3, 9)
    assert receive(core, ward, "DD01", "2026-03-07T10:00").due_date == D(2026, 4, 8)  # 09/03 + 30 days
    assert receive(core, ward, "HT04", "2026-03-07T10:00").due_date == D(2026, 3, 12)  # 3 working days
    assert receive(core, ward, "HT01", "2026-03-07T10:00").due_date == D(2026, 3, 9)  # same day: Monday
    # a working day before the cut-off counts that day: 30 days from Mon 02/03 end on Wed 01/04
    assert receive(core, ward, "DD01", "2026-03-02T15:00").due_date == D(2026, 4, 1)
    assert receive(core, ward, "DD01", "2026-03-02T15:01").due_date == D(2026, 4, 2)


# ---------------------------------------------------------------------------
# the data migration
# ---------------------------------------------------------------------------

def test_migration_gives_old_dossiers_a_unit_a_secret_and_counts_late_apologies(core, ward, db):
    d = receive(core, ward, "HT04", "2026-03-04T09:00")
    other = receive(core, ward, "BTXH02", "2026-03-04T09:00")  # no VHXH unit: the centre
    DossierRow.update(handling_unit=None, lookup_secret="").execute()
    CaseRow.update(unit=None).where(CaseRow.case_type == "motcua_dossier").execute()
    # a late apology on record: before R-MC-15 was read this way, not a breach
    late_d, apology, back = _late_with_apology_signed_on(core, ward, "2026-03-09T08:00")
    DossierRow.update(breach=False).where(DossierRow.code == late_d.code).execute()
    migration = importlib.import_module("thanthien.plugins.motcua.migrations.0003_dossier_unit_and_secret")
    migration.up(None, db)
    assert mc.get_dossier(d.code).unit_id == ward.unit.id and mc.get_dossier(other.code).unit_id == ward.centre.id
    assert all(len(r.lookup_secret) == 6 for r in DossierRow.select())
    assert mc.get_dossier(late_d.code).breach
    assert ApologyRow.get().timely is False
    assert mc.indicator_table(core, D(2026, 3, 1), D(2026, 3, 31))[-1]["breaches"] == 1
