"""Staff pages of congkhai through the app (HTML and JSON twins): the notices desk, the
dissemination ledger with group-head scope, attachments, withdrawal, propaganda, and
information requests — each form with CSRF, Vietnamese messages per field, nothing
partial stored, stored markup escaped."""
import datetime as dt
import re

import feedparser
import pytest
from thanthien.core import accounts
from thanthien.core.models import AuditRow, CaseRow, NoticeRow
from thanthien.plugins.congkhai import services as ck
from thanthien.plugins.congkhai.models import (
    AttachmentRow,
    ConferenceRow,
    InfoRequestRow,
    MediaRow,
    PostingRow,
)
from thanthien.testing import post, token
from thanthien.web.routing import route_spec, walk_routes

from .helpers import OLD_STAFF, PASSWORD, PDF, PNG, STAFF, today_str

PAYLOAD = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def app(settings, pm, db, ward):
    from thanthien.web.app import create_app

    accounts.create_account(ward.officer.person_id, "vanhoa", PASSWORD)
    accounts.create_account(ward.head1.person_id, "totruong01", PASSWORD)
    return create_app(settings, pm, db=db)


@pytest.fixture
def clients(make_client):
    """``clients(login=None)``: a client of the app, logged in with the test password."""
    return lambda login=None: make_client(login, PASSWORD) if login else make_client()


def record_all(client, notice_id: int, days_for_broadcast: list[dt.date]) -> int:
    """Post the ledger form of every place the page offers; returns how many were posted."""
    places = client.get(f"{STAFF}/thong-bao/{notice_id}/so-niem-yet.json").json()["places"]
    n = 0
    for p in places:
        days = days_for_broadcast if p["kind"] == "loudspeaker" else [dt.date.today()]
        for day in days:
            form = {"kind": p["kind"], "posted_on": today_str(day)}
            if p["unit_id"]:
                form["unit_id"] = str(p["unit_id"])
            r = post(client, f"{STAFF}/thong-bao/{notice_id}/so-niem-yet", form)
            assert r.status_code == 303, r.text[:800]
            n += 1
    return n


@pytest.mark.rule("R-CK-03")
def test_officer_drafts_publishes_records_every_place_and_notice_is_complete(clients, ward, core):
    c = clients("vanhoa")
    assert c.get(f"{STAFF}/thong-bao/moi").status_code == 200
    before = NoticeRow.select().count()
    bad = post(c, f"{STAFF}/thong-bao/moi", {"category": "", "title": "", "decision_date": "31/02/2026",
                                           "responsible_id": "abc"})
    assert bad.status_code == 422
    assert "Ngày không hợp lệ (dd/mm/yyyy)." in bad.text and 'aria-invalid="true"' in bad.text
    bad = post(c, f"{STAFF}/thong-bao/moi", {"category": "", "title": ""})
    assert "Loại thông tin không hợp lệ." in bad.text and "Vui lòng nhập tiêu đề." in bad.text
    j = c.post(f"{STAFF}/thong-bao/moi.json", json={"category": "ngan_sach", "title": "x", "custom_permanent": "on"},
               headers={"X-CSRF-Token": token(c)})
    assert j.status_code == 422 and {e["field"] for e in j.json()["errors"]} == {"custom"}
    assert NoticeRow.select().count() == before

    r = post(c, f"{STAFF}/thong-bao/moi", {"category": "ngan_sach", "title": "Dự toán ngân sách 2026",
                                         "body_html": "<p>Tổng thu 12 tỷ đồng</p>", "decision_ref": "Nghị quyết 05/NQ-HĐND",
                                         "decision_date": today_str(), "responsible_id": str(ward.officer.person_id)})
    assert r.status_code == 303
    notice_id = int(r.headers["location"].rsplit("/", 1)[1])
    r = post(c, f"{STAFF}/thong-bao/{notice_id}/sua", {"category": "ngan_sach", "title": "Dự toán thu, chi ngân sách 2026",
                                                      "body_html": "<p>Tổng thu 12 tỷ đồng</p>",
                                                      "decision_date": today_str()})
    assert r.status_code == 303
    draft = c.get(f"{STAFF}/thong-bao/{notice_id}.json").json()
    assert draft["notice"]["title"] == "Dự toán thu, chi ngân sách 2026" and draft["notice"]["state"] == "draft"
    assert AuditRow.select().where(AuditRow.action == "notice.update", AuditRow.entity_id == str(notice_id)).exists()

    r = post(c, f"{STAFF}/thong-bao/{notice_id}/cong-khai")
    assert r.status_code == 303 and r.headers["location"] == f"{STAFF}/thong-bao/{notice_id}/so-niem-yet"
    assert post(c, f"{STAFF}/thong-bao/{notice_id}/sua", {"category": "ngan_sach", "title": "y"}).status_code == 409
    desk = c.get(f"{STAFF}/thong-bao/{notice_id}.json").json()
    kinds = {p["kind"] for p in desk["places"]}
    assert {"website", "office", "group_house", "social_group"} <= kinds and not desk["complete"]
    assert len([p for p in desk["places"] if p["kind"] == "group_house"]) == len(ward.groups)
    listed = c.get(f"{STAFF}/thong-bao.json?missing=1").json()["notices"]
    assert [n["id"] for n in listed] == [notice_id] and listed[0]["done"] == 0

    assert record_all(c, notice_id, []) == len(desk["places"])
    desk = c.get(f"{STAFF}/thong-bao/{notice_id}.json").json()
    assert desk["complete"] and desk["gaps"] == [] and {p["status"] for p in desk["places"]} == {"done"}
    assert "Đã công khai đầy đủ" in c.get(f"{STAFF}/thong-bao/{notice_id}").text
    check = c.get(f"{STAFF}/kiem-tra.json").json()
    assert [g for g in check["gaps"] if g["notice_id"] == notice_id] == []
    assert [p for p in check["pending"] if p["notice_id"] == notice_id] == []
    assert c.get(f"{STAFF}/thong-bao.json?missing=1").json()["notices"] == []
    # the text outputs for the announcer, the social groups and the A4 poster
    assert "Dự toán thu, chi ngân sách 2026" in c.get(f"{STAFF}/thong-bao/{notice_id}/loa").text
    assert c.get(f"{STAFF}/thong-bao/{notice_id}/mang-xa-hoi.json").json()["text"].startswith("📢")
    assert "Dự toán thu, chi ngân sách 2026" in c.get(f"{STAFF}/thong-bao/{notice_id}/ban-niem-yet").text


@pytest.mark.rule("R-CK-09")
def test_broadcast_days_and_group_heads_recorded_in_the_ledger(clients, ward, core):
    published = dt.date.today() - dt.timedelta(days=6)
    n = ck.create_notice(core, category="chinh_sach_an_sinh", title="Danh sách hộ nghèo được hỗ trợ",
                         actor=ward.officer)
    ck.publish_notice(core, n.id, actor=ward.officer, at=dt.datetime.combine(published, dt.time(8)))
    days = int(core.rules.value("R-CK-09.min_consecutive_days", published))
    c = clients("vanhoa")
    short = [published + dt.timedelta(days=i) for i in range(days - 1)]
    record_all(c, n.id, short)
    desk = c.get(f"{STAFF}/thong-bao/{n.id}.json").json()
    loud = next(p for p in desk["places"] if p["kind"] == "loudspeaker")
    assert loud["broadcast_run"] == days - 1 and loud["status"] != "done" and not desk["complete"]
    assert {p["kind"] for p in desk["places"]} >= {"group_head", "loudspeaker"}
    r = post(c, f"{STAFF}/thong-bao/{n.id}/so-niem-yet", {"kind": "loudspeaker", "posted_on": today_str(short[-1])})
    assert r.status_code == 422 and "Đã ghi nhận phát loa ngày" in r.text
    r = post(c, f"{STAFF}/thong-bao/{n.id}/so-niem-yet",
             {"kind": "loudspeaker", "posted_on": today_str(short[-1] + dt.timedelta(days=1))})
    assert r.status_code == 303
    desk = c.get(f"{STAFF}/thong-bao/{n.id}.json").json()
    assert desk["complete"], [p for p in desk["places"] if p["status"] != "done"]
    # a phone narrows the page to one group, one kind, or what is still to do
    g2 = ward.groups[1].id
    narrowed = c.get(f"{STAFF}/thong-bao/{n.id}/so-niem-yet.json?group={g2}&kind=group_head").json()["places"]
    assert [(p["kind"], p["unit_id"]) for p in narrowed] == [("group_head", g2)]
    assert c.get(f"{STAFF}/thong-bao/{n.id}/so-niem-yet.json?todo=1").json()["places"] == []
    assert c.get(f"{STAFF}/thong-bao/{n.id}/so-niem-yet?kind=bang_gia").status_code == 422
    # group heads and social groups are recorded once; the page no longer offers them
    html = c.get(f"{STAFF}/thong-bao/{n.id}/so-niem-yet").text
    assert html.count('name="kind" value="group_head"') == 0


def test_group_head_records_only_their_own_group(clients, ward, core):
    n = ck.create_notice(core, category="ngan_sach", title="Quyết toán ngân sách 2025", actor=ward.officer)
    ck.publish_notice(core, n.id, actor=ward.officer)
    mine, other = ward.groups[0].id, ward.groups[1].id
    h = clients("totruong01")
    assert [x["id"] for x in h.get(f"{STAFF}/thong-bao.json").json()["notices"]] == [n.id]
    places = h.get(f"{STAFF}/thong-bao/{n.id}/so-niem-yet.json").json()["places"]
    assert places and {p["unit_id"] for p in places} == {mine}
    assert {p["kind"] for p in places} <= {"group_house", "group_head", "social_group"}
    html = h.get(f"{STAFF}/thong-bao/{n.id}/so-niem-yet").text
    assert f'name="unit_id" value="{other}"' not in html and 'value="office"' not in html
    r = post(h, f"{STAFF}/thong-bao/{n.id}/so-niem-yet", {"kind": "group_house", "unit_id": str(mine),
                                                   "posted_on": today_str()})
    assert r.status_code == 303
    count = PostingRow.select().count()
    forged = post(h, f"{STAFF}/thong-bao/{n.id}/so-niem-yet", {"kind": "group_house", "unit_id": str(other),
                                                        "posted_on": today_str()})
    assert forged.status_code == 403
    assert post(h, f"{STAFF}/thong-bao/{n.id}/so-niem-yet", {"kind": "office", "posted_on": today_str()}).status_code == 403
    assert PostingRow.select().count() == count
    # take-down of their own posting; another group's posting is refused
    own = PostingRow.get(PostingRow.unit == mine)
    bad = post(h, f"{STAFF}/niem-yet/{own.id}/go-xuong", {"removed_on": "32/13/2026"})
    assert bad.status_code == 422 and "Ngày không hợp lệ" in bad.text
    ck.record_posting(core, n.id, kind="group_house", unit_id=other, posted_on=dt.date.today(), actor=ward.officer)
    theirs = PostingRow.get(PostingRow.unit == other)
    assert post(h, f"{STAFF}/niem-yet/{theirs.id}/go-xuong", {"removed_on": today_str()}).status_code == 403
    assert PostingRow.get_by_id(theirs.id).removed_on is None
    assert post(h, f"{STAFF}/niem-yet/{own.id}/go-xuong", {"removed_on": today_str()}).status_code == 303
    # drafting is not theirs
    assert h.get(f"{STAFF}/thong-bao/moi").status_code == 403
    assert post(h, f"{STAFF}/thong-bao/{n.id}/thu-hoi", {"reason": "x"}).status_code == 403
    assert h.get(f"{STAFF}/tuyen-truyen").status_code == 403 and h.get(f"{STAFF}/yeu-cau").status_code == 403


def test_upload_with_disguised_type_is_refused_in_the_page(clients, ward, core):
    n = ck.create_notice(core, category="tai_san_cong", title="Kê khai tài sản công", actor=ward.officer)
    c = clients("vanhoa")
    url = f"{STAFF}/thong-bao/{n.id}/tep-dinh-kem"
    r = post(c, url, files={"file": ("bien-ban.pdf", PNG, "application/pdf")})
    assert r.status_code == 422 and "giả dạng" in r.text and 'id="e-file"' in r.text
    r = post(c, url, files={"file": ("chuong-trinh.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")})
    assert r.status_code == 422 and "không phải PDF hay ảnh" in r.text
    r = post(c, url, files={"file": ("trang.html", b"<html>" + PAYLOAD.encode(), "text/html")})
    assert r.status_code == 422 and "không đúng loại cho phép" in r.text
    j = c.post(url + ".json", files={"file": ("anh.png", PDF, "image/png")}, data={"csrf_token": token(c)})
    assert j.status_code == 422 and j.json()["errors"][0]["field"] == "file"
    assert post(c, url).status_code == 422
    assert AttachmentRow.select().count() == 0
    r = post(c, url, files={"file": ("bang-ke.pdf", PDF, "application/pdf")})
    assert r.status_code == 303 and AttachmentRow.select().count() == 1
    att = AttachmentRow.get()
    page = c.get(f"{STAFF}/thong-bao/{n.id}")
    assert "bang-ke.pdf" in page.text
    got = c.get(f"{STAFF}/tep-dinh-kem/{att.id}/bang-ke.pdf")
    assert got.status_code == 200 and got.content == PDF and got.headers["x-content-type-options"] == "nosniff"
    assert c.get(f"/congkhai/attachments/{att.id}/bang-ke.pdf").status_code == 404  # a draft is not public
    assert post(c, f"{STAFF}/tep-dinh-kem/{att.id}/go").status_code == 303
    assert AttachmentRow.select().count() == 0
    assert AuditRow.select().where(AuditRow.action == "congkhai.attachment.remove").exists()


@pytest.mark.rule("R-CK-12")
def test_revision_and_withdrawal_leave_the_public_board_and_feed(clients, ward, core):
    c = clients("vanhoa")
    r = post(c, f"{STAFF}/thong-bao/moi", {"category": "phi_le_phi", "title": "Mức thu phí chợ Đức Xuân",
                                         "body_html": "<p>Mức thu 5.000 đồng/lượt</p>"})
    notice_id = int(r.headers["location"].rsplit("/", 1)[1])
    post(c, f"{STAFF}/thong-bao/{notice_id}/tep-dinh-kem", files={"file": ("bieu-phi.pdf", PDF, "application/pdf")})
    assert post(c, f"{STAFF}/thong-bao/{notice_id}/cong-khai").status_code == 303
    anon = clients()
    assert "Mức thu phí chợ Đức Xuân" in anon.get("/congkhai/").text
    assert [e.title for e in feedparser.parse(anon.get("/congkhai/feed.atom").content).entries] == ["Mức thu phí chợ Đức Xuân"]
    # changed information: a new version, published, replaces the old one
    r = post(c, f"{STAFF}/thong-bao/{notice_id}/phien-ban-moi", {"title": "Mức thu phí chợ Đức Xuân (sửa đổi)",
                                                        "body_html": "<p>Mức thu 4.000 đồng/lượt</p>"})
    assert r.status_code == 303
    new_id = int(r.headers["location"].rsplit("/", 1)[1])
    new = c.get(f"{STAFF}/thong-bao/{new_id}.json").json()
    assert new["notice"]["version"] == 2 and [a["filename"] for a in new["attachments"]] == ["bieu-phi.pdf"]
    assert post(c, f"{STAFF}/thong-bao/{new_id}/cong-khai").status_code == 303
    assert c.get(f"{STAFF}/thong-bao/{notice_id}.json").json()["notice"]["state"] == "withdrawn"
    titles = [i["title"] for i in anon.get("/congkhai/feed.json").json()["items"]]
    assert titles == ["Mức thu phí chợ Đức Xuân (sửa đổi)"]
    # withdrawal needs a reason; then the notice leaves the board, its page and both feeds
    r = post(c, f"{STAFF}/thong-bao/{new_id}/thu-hoi", {"reason": "  "})
    assert r.status_code == 422 and "Vui lòng ghi rõ lý do thu hồi." in r.text
    assert c.get(f"{STAFF}/thong-bao/{new_id}.json").json()["notice"]["state"] == "published"
    r = post(c, f"{STAFF}/thong-bao/{new_id}/thu-hoi", {"reason": "Hội đồng nhân dân bãi bỏ mức thu"})
    assert r.status_code == 303
    assert "Mức thu phí chợ" not in anon.get("/congkhai/").text
    assert anon.get(f"/congkhai/notices/{new_id}").status_code == 404
    assert anon.get("/congkhai/feed.json").json()["items"] == []
    assert feedparser.parse(anon.get("/congkhai/feed.atom").content).entries == []
    assert "Hội đồng nhân dân bãi bỏ mức thu" in c.get(f"{STAFF}/thong-bao/{new_id}").text


@pytest.mark.rule("R-TT-09")
@pytest.mark.rule("R-TT-11")
def test_online_information_request_deadline_masking_and_refusal_needs_a_ground(clients, ward, core):
    c = clients("vanhoa")
    assert c.get(f"{STAFF}/yeu-cau/moi").status_code == 200
    before = (CaseRow.select().count(), InfoRequestRow.select().count())
    bad = post(c, f"{STAFF}/yeu-cau/moi", {"channel": "bo_cau", "requester_id_no": "12ab"})
    assert bad.status_code == 422
    for message in ("Hình thức yêu cầu không hợp lệ", "Vui lòng nhập họ và tên người yêu cầu.",
                    "Số định danh cá nhân/CCCD", "Vui lòng chọn hình thức nhận thông tin."):
        assert message in bad.text
    assert (CaseRow.select().count(), InfoRequestRow.select().count()) == before
    r = post(c, f"{STAFF}/yeu-cau/moi", {"channel": "online", "requester_name": "Lục Thị Hoa",
                                         "requester_id_no": "006190012345", "requester_address": "Tổ dân phố số 2",
                                         "requester_contact": "0912345678",
                                         "info_requested": "Quyết định phê duyệt dự án đường Thành Công",
                                         "purpose": "Tìm hiểu mức bồi thường", "delivery_form": "email"})
    assert r.status_code == 303
    case_id = int(r.headers["location"].rsplit("/", 1)[1])
    case = core.cases.get(case_id)
    n = int(core.rules.value("R-TT-09.simple_max_working_days", case.received_at))
    due = core.calendar.add_working_days(case.received_at, n, None)
    assert case.due_date == due
    page = c.get(f"{STAFF}/yeu-cau/{case_id}")
    assert "Hạn giải quyết (R-TT-09)" in page.text and due.strftime("%d/%m/%Y") in page.text
    assert "Lục Thị Hoa" not in page.text and "006190012345" not in page.text and "0912345678" not in page.text
    j = c.get(f"{STAFF}/yeu-cau/{case_id}.json").json()
    assert j["info_request"]["due_date"] == due.isoformat() and j["info_request"]["rule_id"] == "R-TT-09"
    assert "extend" not in j["info_request"]["actions"]  # a simple request is not extended
    reg = c.get(f"{STAFF}/yeu-cau")
    assert case.number in reg.text and "Lục Thị Hoa" not in reg.text and "006190012345" not in reg.text
    shown = c.get(f"{STAFF}/yeu-cau/{case_id}?hien=1")
    assert "Lục Thị Hoa" in shown.text
    assert AuditRow.select().where(AuditRow.action == "congkhai.requests.view_personal").exists()
    # refusal only on a ground of Art. 28, with reasons
    r = post(c, f"{STAFF}/yeu-cau/{case_id}/xu-ly", {"action": "refuse", "ground": "", "reason": ""})
    assert r.status_code == 422 and "Điều 28" in r.text and "Vui lòng nêu rõ lý do từ chối." in r.text
    r = post(c, f"{STAFF}/yeu-cau/{case_id}/xu-ly", {"action": "refuse", "ground": "tuy_thich", "reason": "x"})
    assert r.status_code == 422
    assert core.cases.get(case_id).state == "received"
    r = post(c, f"{STAFF}/yeu-cau/{case_id}/xu-ly", {"action": "refuse", "ground": "da_cong_khai",
                                                     "reason": "Quyết định đã niêm yết tại trụ sở UBND phường."})
    assert r.status_code == 303
    assert core.cases.get(case_id).state == "refused"
    assert ck.request_detail(case_id).refusal_ground == "da_cong_khai"
    form05 = c.get(f"{STAFF}/yeu-cau/{case_id}/mau/05")
    assert form05.status_code == 200 and "TỪ CHỐI" in form05.text.upper()
    assert c.get(f"{STAFF}/yeu-cau/{case_id}/mau/99").status_code == 404
    # nothing of the requester on the public side
    anon = clients()
    for url in ("/congkhai/", "/congkhai/feed.json", "/congkhai/index.json"):
        assert "Lục Thị Hoa" not in anon.get(url).text and "006190012345" not in anon.get(url).text


@pytest.mark.rule("R-TT-09")
def test_complex_online_request_notify_extend_provide(clients, ward, core):
    c = clients("vanhoa")
    r = post(c, f"{STAFF}/yeu-cau/moi", {"channel": "online", "complex": "on", "requester_name": "Hà Văn Sơn",
                                         "requester_id_no": "006190099999", "requester_address": "Tổ dân phố số 3",
                                         "info_requested": "Hồ sơ giải phóng mặt bằng", "purpose": "Đối chiếu",
                                         "delivery_form": "copy"})
    case_id = int(r.headers["location"].rsplit("/", 1)[1])
    j = c.get(f"{STAFF}/yeu-cau/{case_id}.json").json()["info_request"]
    assert j["complex"] and j["notice_due"] and set(j["actions"]) == {"notify", "extend", "provide", "refuse"}
    assert post(c, f"{STAFF}/yeu-cau/{case_id}/xu-ly", {"action": "notify"}).status_code == 303
    r = post(c, f"{STAFF}/yeu-cau/{case_id}/xu-ly", {"action": "extend", "note": ""})
    assert r.status_code == 422 and "lý do gia hạn" in r.text
    old_due = core.cases.get(case_id).due_date
    assert post(c, f"{STAFF}/yeu-cau/{case_id}/xu-ly", {"action": "extend", "note": "Cần ý kiến bên thứ ba"}).status_code == 303
    assert core.cases.get(case_id).due_date > old_due
    assert "extend" not in c.get(f"{STAFF}/yeu-cau/{case_id}.json").json()["info_request"]["actions"]
    assert post(c, f"{STAFF}/yeu-cau/{case_id}/xu-ly", {"action": "bay"}).status_code == 422
    assert post(c, f"{STAFF}/yeu-cau/{case_id}/xu-ly", {"action": "provide", "note": "Bản sao"}).status_code == 303
    assert core.cases.get(case_id).state == "provided"
    assert c.get(f"{STAFF}/yeu-cau/{case_id}.json").json()["info_request"]["actions"] == []


def test_propaganda_page_records_conferences_and_media(clients, ward, core):
    c = clients("vanhoa")
    page = c.get(f"{STAFF}/tuyen-truyen")
    assert page.status_code == 200 and "0/3" in page.text
    bad = post(c, f"{STAFF}/tuyen-truyen/hoi-nghi", {"kind": "dccs_law", "topic": "", "held_on": "",
                                                    "place": "", "audience": "residents", "invited": "mười",
                                                    "attended": "5"})
    assert bad.status_code == 422 and "Vui lòng nhập số người" in bad.text and "Vui lòng nhập ngày tổ chức" in bad.text
    bad = post(c, f"{STAFF}/tuyen-truyen/hoi-nghi", {"kind": "dccs_law", "topic": "Luật THDCCS", "held_on": today_str(),
                                                    "place": "Nhà văn hóa", "audience": "residents", "invited": "10",
                                                    "attended": "12"})
    assert bad.status_code == 422 and "không được lớn hơn số người được mời" in bad.text
    assert ConferenceRow.select().count() == 0
    r = post(c, f"{STAFF}/tuyen-truyen/hoi-nghi", {"kind": "dccs_law", "topic": "Phổ biến Luật THDCCS",
                                                  "held_on": today_str(), "place": "Nhà văn hóa tổ 1",
                                                  "audience": "residents", "unit_id": str(ward.groups[0].id),
                                                  "invited": "60", "attended": "52"})
    assert r.status_code == 303
    j = c.get(f"{STAFF}/tuyen-truyen.json").json()
    law = next(x for x in j["coverage"] if x["kind"] == "dccs_law")
    assert (law["covered"], law["groups"], law["reached"]) == (1, 3, False)
    bad = post(c, f"{STAFF}/tuyen-truyen/tin-bai", {"kind": "article", "title": "Bài", "published_on": today_str(),
                                                   "channel": "website", "topic": "model", "url": "javascript:alert(1)"})
    assert bad.status_code == 422 and "http://" in bad.text and MediaRow.select().count() == 0
    r = post(c, f"{STAFF}/tuyen-truyen/tin-bai", {"kind": "article", "title": "Phường thân thiện với dân",
                                                 "published_on": today_str(), "channel": "website", "topic": "model",
                                                 "url": "https://phuong.example.vn/bai-viet"})
    assert r.status_code == 303 and "Phường thân thiện với dân" in c.get(f"{STAFF}/tuyen-truyen").text


def _congkhai_writes(app):
    """Every write route of the staff pages, the new ones and the old paths kept as aliases."""
    for path, route in walk_routes(app.routes):
        spec = route_spec(route)
        if spec and path.startswith((STAFF, OLD_STAFF)) and "POST" in spec.methods:
            yield path


def test_every_staff_form_refuses_a_post_without_csrf_token(app, clients, ward, core):
    n = ck.create_notice(core, category="ngan_sach", title="Dự toán", actor=ward.officer)
    ids = {"thong-bao": n.id, "niem-yet": 1, "tep-dinh-kem": 1, "yeu-cau": 1, "notices": n.id, "postings": 1,
           "attachments": 1}
    c = clients("vanhoa")
    writes = list(_congkhai_writes(app))
    assert len(writes) >= 2 * 2 * 12
    for path in writes:
        url = re.sub(r"/(thong-bao|niem-yet|tep-dinh-kem|yeu-cau|notices|postings|attachments)/\{id:int\}",
                     lambda m: f"/{m.group(1)}/{ids[m.group(1)]}", path)
        assert "{" not in url, url
        r = c.post(url, data={"title": "x"}, follow_redirects=False)
        assert r.status_code == 403, f"POST {url} without a token -> {r.status_code}"
        r = c.post(url, data={"title": "x", "csrf_token": "sai"}, follow_redirects=False)
        assert r.status_code == 403, f"POST {url} with a wrong token -> {r.status_code}"
    assert ck.get_notice(n.id).state == "draft"


def test_stored_markup_is_escaped_on_every_staff_page(clients, ward, core):
    c = clients("vanhoa")
    r = post(c, f"{STAFF}/thong-bao/moi", {"category": "ngan_sach", "title": f"Thông báo {PAYLOAD}",
                                         "decision_ref": PAYLOAD, "body_html": f"<p onclick='x()'>Nội dung</p>{PAYLOAD}"})
    notice_id = int(r.headers["location"].rsplit("/", 1)[1])
    post(c, f"{STAFF}/thong-bao/{notice_id}/tep-dinh-kem", files={"file": (f"{PAYLOAD}.pdf", PDF, "application/pdf")})
    post(c, f"{STAFF}/thong-bao/{notice_id}/cong-khai")
    post(c, f"{STAFF}/thong-bao/{notice_id}/so-niem-yet", {"kind": "office", "posted_on": today_str(), "note": PAYLOAD})
    post(c, f"{STAFF}/tuyen-truyen/hoi-nghi", {"kind": "dccs_law", "topic": PAYLOAD, "held_on": today_str(),
                                              "place": PAYLOAD, "audience": "residents", "note": PAYLOAD})
    post(c, f"{STAFF}/tuyen-truyen/tin-bai", {"kind": "news", "title": PAYLOAD, "published_on": today_str(),
                                             "channel": "website", "topic": "model"})
    r = post(c, f"{STAFF}/yeu-cau/moi", {"channel": "post", "requester_name": PAYLOAD, "requester_id_no": "006190012345",
                                         "requester_address": PAYLOAD, "info_requested": PAYLOAD, "purpose": PAYLOAD,
                                         "delivery_form": "post", "organisation": PAYLOAD})
    case_id = int(r.headers["location"].rsplit("/", 1)[1])
    # a failed form shows the typed markup escaped too
    bad = post(c, f"{STAFF}/thong-bao/moi", {"category": "", "title": PAYLOAD})
    assert bad.status_code == 422 and PAYLOAD not in bad.text and ESCAPED in bad.text
    urls = [f"{STAFF}/thong-bao", f"{STAFF}/thong-bao/{notice_id}", f"{STAFF}/thong-bao/{notice_id}/so-niem-yet",
            f"{STAFF}/thong-bao/{notice_id}/phien-ban-moi", f"{STAFF}/thong-bao/{notice_id}/ban-niem-yet", f"{STAFF}/tuyen-truyen",
            f"{STAFF}/yeu-cau", f"{STAFF}/yeu-cau?hien=1", f"{STAFF}/yeu-cau/{case_id}",
            f"{STAFF}/yeu-cau/{case_id}?hien=1", *(f"{STAFF}/yeu-cau/{case_id}/mau/{f}" for f in ("01a", "02", "03")),
            f"{STAFF}/kiem-tra", "/congkhai/", f"/congkhai/notices/{notice_id}"]
    escaped = 0
    for url in urls:
        page = c.get(url)
        assert page.status_code == 200, url
        assert PAYLOAD not in page.text and "onclick" not in page.text, url
        escaped += ESCAPED in page.text
    assert escaped >= len(urls) - 2
    loa = c.get(f"{STAFF}/thong-bao/{notice_id}/loa")  # plain text for the announcer, never sniffed as HTML
    assert loa.headers["content-type"].startswith("text/plain") and loa.headers["x-content-type-options"] == "nosniff"
