"""Issue 15 item 9: clickable free slots, times typed as people type them, the booking
confirmation in words with its calendar file (RFC 5545), the public look-up saying "quá
hạn" with the apology's new date and which documents are missing (names only)."""
import datetime as dt
import re

import icalendar
import pytest

from thanthien.core import accounts
from thanthien.core.converters import make_converter
from thanthien.core.errors import UserMessage
from thanthien.core.storage.db import now
from thanthien.plugins.motcua import forms
from thanthien.plugins.motcua import services as mc
from thanthien.plugins.motcua.services.bookings import _fold
from thanthien.testing import csrf_from
from thanthien.web.app import create_app
from thanthien.web.forms import structure

from .helpers import at, receive

PASSWORD = "mat-khau-thu-nghiem-2026"


@pytest.fixture
def app(settings, pm, db, staff):
    accounts.create_account(staff.officer.person_id, "motcua", PASSWORD)
    return create_app(settings, pm, db=db)


@pytest.fixture
def client(make_client):
    return make_client()


@pytest.mark.parametrize("typed, value", [
    ("9h", "09:00"), ("9H", "09:00"), ("9:00", "09:00"), ("09:00", "09:00"), ("9g30", "09:30"),
    ("9h30", "09:30"), (" 14 giờ 30 ", "14:30"), ("9", "09:00"), ("9.30", "09:30"), ("7h30'", "07:30")])
def test_one_parser_reads_times_as_typed(typed, value):
    assert forms.parse_clock(typed) == value


@pytest.mark.parametrize("typed", ["", "24h", "9:60", "9:5", "chín giờ", "9h30x", "9::00", None, ["9h"]])
def test_parser_refuses_other_times(typed):
    with pytest.raises(UserMessage):
        forms.parse_clock(typed)


def test_form_converter_reads_the_time_field():
    conv = make_converter()
    forms.configure_converter(conv)
    data = {"procedure_code": "HT04", "day": "08/12/2026", "name": "A", "phone": "0912000111"}
    assert structure({**data, "time": "9g30"}, forms.BookForm, conv).time == "09:30"
    with pytest.raises(Exception) as err:
        structure({**data, "time": "25h"}, forms.BookForm, conv)
    assert "9g30" in str(getattr(err.value, "errors", err.value))


def test_when_in_words():
    assert mc.when_in_words(dt.date(2026, 12, 8), "09:00") == "thứ Ba, ngày 08 tháng 12 năm 2026, 09:00"
    assert mc.when_in_words(dt.date(2026, 2, 1), "14:30") == "Chủ nhật, ngày 01 tháng 02 năm 2026, 14:30"


def test_fold_keeps_lines_short_and_characters_whole():
    line = "SUMMARY:" + "Lịch hẹn làm thủ tục đăng ký khai sinh " * 6
    folded = _fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts) and len(parts) > 2
    assert folded.replace("\r\n ", "") == line


def test_free_slot_links_fill_the_form_and_typed_time_books(client, services, staff):
    day = services.calendar.next_working_day(now().date())
    page = client.get("/motcua/dat-lich", params={"ngay": day.strftime("%d/%m/%Y"), "thu_tuc": "ht04"})
    links = re.findall(r'class="slot" href="([^"]*)"', page.text)
    assert f"/motcua/dat-lich?ngay={day.strftime('%d/%m/%Y')}&amp;gio=09%3A00&amp;thu_tuc=HT04#dat-lich" in links
    assert len(links) == len(mc.config(services).slot_times)  # every free slot is a link
    filled = client.get("/motcua/dat-lich", params={"ngay": day.strftime("%d/%m/%Y"), "gio": "09:00",
                                                    "thu_tuc": "HT04"})
    assert 'value="09:00"' in filled.text and '<option value="HT04" selected' in filled.text
    assert client.get("/motcua/dat-lich.json", params={"gio": "9h"}).json()["values"]["time"] == "09:00"
    assert client.get("/motcua/dat-lich", params={"gio": "xyz"}).status_code == 200  # a bad link: empty form
    token = csrf_from(filled.text)
    r = client.post("/motcua/dat-lich", data={"procedure_code": "HT04", "day": day.strftime("%d/%m/%Y"),
                                              "time": "9g30", "name": "Lò Văn Hẹn", "phone": "0912000321",
                                              "csrf_token": token})
    assert r.status_code == 201, r.text
    proc = mc.get_procedure("HT04")
    assert proc.name in r.text and mc.when_in_words(day, "09:30") in r.text
    assert "Trung tâm Phục vụ hành chính công" in r.text and "0912000321" not in r.text
    bad = client.post("/motcua/dat-lich", data={"procedure_code": "HT04", "day": day.strftime("%d/%m/%Y"),
                                                "time": "9 rưỡi", "name": "Lò Văn Hẹn", "phone": "0912000321",
                                                "csrf_token": token})
    assert bad.status_code == 422 and "9g30" in bad.text and "9 rưỡi" in bad.text  # kept, said in Vietnamese
    js = client.post("/motcua/dat-lich.json", json={"procedure_code": "HT04", "day": day.strftime("%d/%m/%Y"),
                                                    "time": "14h", "name": "Hà Thị Lịch", "phone": "0912000322"},
                     headers={"X-CSRF-Token": token})
    assert js.status_code == 201 and js.json()["booking"]["time"] == "14:00"
    receipt = js.json()["booking"]
    assert receipt["when"] == mc.when_in_words(day, "14:00") and receipt["procedure_name"] == proc.name
    # the calendar file parses (RFC 5545) and carries no name or phone
    ics = client.get(receipt["ics_url"])
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    assert b"\r\n" in ics.content and all(len(x) <= 75 for x in ics.content.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(ics.content)
    assert cal["VERSION"] == "2.0" and cal.get("PRODID")
    events = cal.walk("VEVENT")
    assert len(events) == 1
    ev = events[0]
    start = ev.decoded("DTSTART")
    assert (start.date(), start.strftime("%H:%M"), start.utcoffset()) == (day, "14:00", dt.timedelta(hours=7))
    assert ev.decoded("DTEND") - start == dt.timedelta(minutes=mc.config(services).slot_minutes)
    assert str(ev["SUMMARY"]).endswith(proc.name) and str(ev["LOCATION"]) == mc.place(services)
    assert receipt["code"] in str(ev["DESCRIPTION"]) and ev.get("UID") and ev.get("DTSTAMP")
    assert "Hà Thị Lịch" not in ics.text and "0912000322" not in ics.text
    assert client.get("/motcua/dat-lich/KHONGCO.ics").status_code == 404


def test_lookup_says_overdue_with_apology_and_new_date(client, services, staff):
    a = receive(services, staff, "HT04", "2026-03-02T09:00")  # due Thu 05/03
    mc.transfer(services, a.code, actor=staff.officer, at=at("2026-03-02T10:00"))
    page = client.get("/motcua/tra-cuu", params={"ma": a.code})
    assert "Quá hạn" in page.text and "xin lỗi" in page.text and "05/03/2026" in page.text
    assert client.get("/motcua/tra-cuu.json", params={"ma": a.code}).json()["dossier"]["overdue"] is True
    apology = mc.draft_apology(services, a.code, reason="Chờ ý kiến cơ quan khác.", actor=staff.handler,
                               proposed_due=services.calendar.next_working_day(now().date() + dt.timedelta(days=3)))
    mc.sign_apology(services, apology.id, signer_name="Hoàng Văn Trưởng", signer_title="Chánh Văn phòng",
                    actor=staff.head)
    js = client.get("/motcua/tra-cuu.json", params={"ma": a.code}).json()["dossier"]
    assert js["overdue"] is False and js["reappointed_to"] == mc.get_dossier(a.code).appointment_at.strftime(
        "%H:%M %d/%m/%Y")
    page = client.get("/motcua/tra-cuu", params={"ma": a.code})
    assert "Hẹn lại" in page.text and js["reappointed_to"] in page.text and "Chờ ý kiến" not in page.text


def test_lookup_lists_missing_documents_by_name_only(client, services, staff):
    d = receive(services, staff, "HT04", now().strftime("%Y-%m-%dT%H:%M"))
    proc = mc.get_procedure("HT04")
    doc = proc.documents[0]
    mc.request_supplement(services, d.code, actor=staff.officer, items=[
        {"document": doc.code, "reason": "Bản chụp mờ, thiếu chữ ký của bà Nguyễn Thị Riêng"},
        {"document": "Xác nhận của tổ trưởng tổ dân phố số 5 về ông Trần Bí Mật", "reason": "thiếu"}])
    secret = mc.get_dossier(d.code).lookup_secret
    js = client.get("/motcua/tra-cuu.json", params={"ma": d.code, "k": secret}).json()["dossier"]
    assert js["missing"] == [doc.name] and js["missing_other"] == 1
    page = client.get("/motcua/tra-cuu", params={"ma": d.code, "k": secret})
    assert doc.name in page.text and "1 nội dung cần hoàn thiện khác" in page.text
    for private in ("Nguyễn Thị Riêng", "Trần Bí Mật", "Bản chụp mờ"):
        assert private not in page.text
    anon = client.get("/motcua/tra-cuu.json", params={"ma": d.code}).json()["dossier"]  # no secret: no names
    assert anon["missing"] == [] and anon["missing_other"] == 0
    assert "Nhập mã bí mật" in client.get("/motcua/tra-cuu", params={"ma": d.code}).text
