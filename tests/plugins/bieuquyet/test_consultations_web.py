"""Consultation pages: public list and page with their ``.json`` twins, comments with a
printed code, errors on the same form with the input kept, staff pages and moderation."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from thanthien.plugins import bieuquyet
from thanthien.plugins.bieuquyet.models_consultations import CommentRow, ConsultationRow
from thanthien.plugins.bieuquyet.services import consultations as svc
from thanthien.testing import post


@pytest.fixture
def extra_plugins():
    return [("bieuquyet", bieuquyet)]


def _demo_open() -> ConsultationRow:
    return ConsultationRow.select().where(ConsultationRow.state == "open").order_by(ConsultationRow.id.desc()).get()


def test_the_demo_has_an_open_consultation_with_comments_and_a_reported_one(demo_ward):
    c = _demo_open()
    assert c.ends_on >= dt.date.today() and CommentRow.select().where(CommentRow.consultation == c.id).count() >= 1
    done = ConsultationRow.select().where(ConsultationRow.state == "reported").get()
    assert done.acceptance and done.report_document_id and done.result_notice_id


def test_a_resident_finds_the_open_consultation_from_the_home_page(demo_ward, make_client):
    client = make_client()
    home = client.get("/")
    assert 'href="/bieuquyet/y-kien/"' in home.text and "Lấy ý kiến Nhân dân" in home.text
    listing = client.get("/bieuquyet/y-kien/")
    c = _demo_open()
    assert listing.status_code == 200 and f'href="/bieuquyet/y-kien/{c.id}"' in listing.text
    data = client.get("/bieuquyet/y-kien/index.json").json()
    assert data["ok"] is True and c.id in [x["id"] for x in data["open"]]
    assert any(x["state"] == "reported" for x in data["closed"])


def test_the_public_page_and_its_json_show_no_personal_data(demo_ward, make_client):
    c = _demo_open()
    client = make_client()
    page = client.get(f"/bieuquyet/y-kien/{c.id}")
    assert page.status_code == 200 and "Hộ gia đình tổ dân phố" in page.text
    data = client.get(f"/bieuquyet/y-kien/{c.id}.json").json()
    assert data["ok"] is True and data["comments"] and data["tally"] is None
    text = json.dumps(data, ensure_ascii=False)
    for key in ("household_id", "person_id", "phone", "address", "full_name"):
        assert f'"{key}"' not in text
    rows = list(CommentRow.select().where(CommentRow.consultation == c.id))
    from thanthien.core.models import HouseholdRow, PersonRow

    for r in rows:
        hh = HouseholdRow.get_by_id(r.household_id)
        assert hh.code not in text and hh.address not in text
        head = PersonRow.get_or_none(PersonRow.id == hh.head_id)
        assert head is None or head.full_name not in text


def test_a_comment_with_a_printed_code_and_errors_on_the_same_form(demo_ward, make_client):
    c = _demo_open()
    staff = make_client("chutich")
    group = demo_ward.groups[0]
    sheet = post(staff, f"/bieuquyet/y-kien/{c.id}/in-ma.json", {"group_id": group.id}).json()
    assert sheet["ok"] is True and sheet["lines"]
    code = sheet["lines"][0]["code"]
    resident = make_client()
    bad = post(resident, f"/bieuquyet/y-kien/{c.id}/gop-y", {"code": "AAAAA-BBBBB", "stance": "dong_y",
                                                             "text": "Nội dung gia đình muốn góp ý."})
    assert bad.status_code == 422 and "Nội dung gia đình muốn góp ý." in bad.text and "Mã" in bad.text
    short = post(resident, f"/bieuquyet/y-kien/{c.id}/gop-y.json", {"code": code, "stance": "", "text": "x"})
    assert short.status_code == 422 and {e["field"] for e in short.json()["errors"]} >= {"stance", "text"}
    ok = post(resident, f"/bieuquyet/y-kien/{c.id}/gop-y", {"code": code, "stance": "y_kien_khac",
                                                            "text": "Đề nghị lắp thêm đèn chiếu sáng trong ngõ."})
    assert ok.status_code == 303
    page = resident.get(f"/bieuquyet/y-kien/{c.id}")
    assert "Đề nghị lắp thêm đèn chiếu sáng trong ngõ." in page.text
    assert f"Hộ gia đình {group.name.lower()}" in page.text
    again = post(resident, f"/bieuquyet/y-kien/{c.id}/gop-y.json", {"code": code, "stance": "dong_y",
                                                                    "text": "Góp ý lần thứ hai."})
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "code"


def test_asking_for_a_code_answers_the_same_for_any_number(demo_ward, make_client):
    c = _demo_open()
    client = make_client()
    r = post(client, f"/bieuquyet/y-kien/{c.id}/nhan-ma.json", {"contact": "0900000001"})
    assert r.status_code == 200 and r.json()["ok"] is True
    from thanthien.core.models import PersonRow

    known = PersonRow.select().where(PersonRow.phone != "", PersonRow.household.is_null(False)).first()
    r2 = post(client, f"/bieuquyet/y-kien/{c.id}/nhan-ma.json", {"contact": known.phone})
    assert r2.json()["message"] == r.json()["message"]
    assert post(client, f"/bieuquyet/y-kien/{c.id}/nhan-ma.json", {"contact": "12"}).status_code == 422


def test_staff_pages_moderation_and_access(demo_ward, make_client):
    c = _demo_open()
    staff = make_client("chutich")
    page = staff.get(f"/bieuquyet/y-kien/{c.id}/quan-ly")
    assert page.status_code == 200 and "Ẩn góp ý" in page.text
    data = staff.get(f"/bieuquyet/y-kien/{c.id}/quan-ly.json").json()
    comment_id = data["comments"][0]["id"]
    missing = post(staff, f"/bieuquyet/y-kien/{c.id}/an-gop-y", {"comment_id": comment_id, "reason": ""})
    assert missing.status_code == 422 and "lý do" in missing.text
    r = post(staff, f"/bieuquyet/y-kien/{c.id}/an-gop-y.json", {"comment_id": comment_id,
                                                                "reason": "Nội dung không liên quan."})
    assert r.status_code == 200 and r.json()["ok"] is True
    assert CommentRow.get_by_id(comment_id).text  # kept
    public = make_client().get(f"/bieuquyet/y-kien/{c.id}").text
    assert "Góp ý này đã được ẩn. Lý do: Nội dung không liên quan." in public
    head = make_client("totruong01")
    assert head.get(f"/bieuquyet/y-kien/{c.id}/quan-ly", follow_redirects=False).status_code in (302, 303, 403)
    assert staff.get("/bieuquyet/y-kien/quan-ly.json").json()["consultations"]


def test_a_new_plan_keeps_the_input_on_an_error(demo_ward, make_client):
    staff = make_client("chutich")
    form = staff.get("/bieuquyet/y-kien/moi")
    assert form.status_code == 200 and "Hình thức lấy ý kiến" in form.text
    today = dt.date.today()
    values = {"title": "Dự thảo đặt tên đường mới", "matter": "art25_4", "content": "Đặt tên đường Nà Cại.",
              "responsible": "Phòng Văn hóa - Xã hội", "channels": ["hop_cong_dong", "cong_thong_tin"],
              "starts_on": today.strftime("%d/%m/%Y"),
              "ends_on": (today + dt.timedelta(days=svc.min_days(demo_ward.core, today) - 1)).strftime("%d/%m/%Y")}
    bad = post(staff, "/bieuquyet/y-kien/moi", values)
    assert bad.status_code == 422 and "Dự thảo đặt tên đường mới" in bad.text and "ít nhất" in bad.text
    assert re.search(r'value="cong_thong_tin" checked', bad.text)
    values["ends_on"] = (today + dt.timedelta(days=svc.min_days(demo_ward.core, today))).strftime("%d/%m/%Y")
    ok = post(staff, "/bieuquyet/y-kien/moi.json", values)
    assert ok.status_code == 200, ok.text
    cid = ok.json()["consultation_id"]
    assert post(staff, f"/bieuquyet/y-kien/{cid}/gui-ke-hoach", {}).status_code == 303
    assert post(staff, f"/bieuquyet/y-kien/{cid}/cong-bo", {}).status_code == 303
    assert svc.get(cid).is_open


def test_a_closed_page_is_404_before_publication(demo_ward, make_client):
    draft = svc.create(demo_ward.core, title="Nội dung chưa công bố", matter="art25_9", content="Dự thảo.",
                       channels=["hom_thu"], method="", responsible="Văn phòng",
                       ends_on=dt.date.today() + dt.timedelta(days=40), actor=demo_ward.actor("chutich"))
    client = make_client()
    assert client.get(f"/bieuquyet/y-kien/{draft.id}").status_code == 404
    assert client.get(f"/bieuquyet/y-kien/{draft.id}.json").json()["ok"] is False
