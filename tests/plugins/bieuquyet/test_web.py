"""The bieuquyet pages: public pages and their .json twins name no household; a group
head runs a meeting from the pages; bad input comes back on the same form."""
from __future__ import annotations

import datetime as dt

import pytest

from thanthien.core import people
from thanthien.core.models import UnitRow
from thanthien.core.storage.db import now
from thanthien.plugins.bieuquyet.services import matters, online
from thanthien.testing import post

AT = dt.datetime(2026, 11, 2, 8, 0)


def test_public_matters_page_and_its_json_twin(core, ward, app, make_client):
    matters.create(core, kind=6, title="Làm mái che nhà văn hóa", unit_id=ward.groups[0].id, form="meeting",
                   agreed_with="Ông Trưởng ban công tác Mặt trận", actor=ward.head1, at=AT)
    client = make_client()
    data = client.get("/bieuquyet/index.json").json()
    assert data["ok"] is True and data["matters"] == []  # a draft is not public
    html = client.get("/bieuquyet/")
    assert html.status_code == 200 and "Nhân dân bàn và quyết định" in html.text
    assert client.get("/bieuquyet/ket-qua/1").status_code == 404  # nor its result page


def test_the_desk_needs_a_login(app, make_client, core, ward):
    client = make_client()
    r = client.get("/bieuquyet/can-bo", follow_redirects=False)
    assert r.status_code in (302, 303, 401, 403)


@pytest.fixture
def tdp01(demo_ward):
    """Tổ dân phố số 1 of the demo ward with 5 households of the register."""
    group = UnitRow.get(UnitRow.code == "TDP01")
    for j in range(5 - len(people.households_in_group(group.id))):
        hh = people.create_household(f"T1-{j}", group.id, address=f"Số {j + 10}, Tổ dân phố số 1")
        head = people.create_person(f"Nguyễn Văn Hộ {j}", household_id=hh.id, relation_to_head="Chủ hộ")
        from thanthien.core.models import HouseholdRow

        HouseholdRow.update(head=head.id).where(HouseholdRow.id == hh.id).execute()
    return group


def test_a_group_head_runs_a_meeting_from_the_pages(demo_ward, tdp01, app, make_client):
    head = make_client("totruong01")
    r = post(head, "/bieuquyet/can-bo/noi-dung/moi", {"kind": "6", "title": "", "form": "online",
                                                      "scope": "group", "unit_id": str(tdp01.id)})
    assert r.status_code == 422 and "Vui lòng nhập tên nội dung" in r.text and 'value="online"' in r.text
    r = post(head, "/bieuquyet/can-bo/noi-dung/moi.json", {"kind": 3, "title": "Sửa quy ước", "form": "online",
                                                           "scope": "group", "unit_id": tdp01.id,
                                                           "agreed_with": "Ông Mặt Trận"}, json=True)
    assert r.status_code == 422 and r.json()["ok"] is False and "form" in str(r.json())
    r = post(head, "/bieuquyet/can-bo/noi-dung/moi", {"kind": "6", "title": "Làm mái che sân nhà văn hóa",
                                                      "form": "meeting", "scope": "group",
                                                      "unit_id": str(tdp01.id), "agreed_with": "Ông Mặt Trận"})
    assert r.status_code == 303
    matter_url = r.headers["location"]
    day = now().date() + dt.timedelta(days=3)
    r = post(head, f"{matter_url}/hop", {"day": day.strftime("%d/%m/%Y"), "time": "19:30", "place": "Nhà văn hóa"})
    assert r.status_code == 303
    meeting_url = r.headers["location"]
    r = post(head, f"{meeting_url}/thong-bao", {"on": day.strftime("%d/%m/%Y"), "channels": ["invitation"]})
    assert r.status_code == 422 and "trước ít nhất 2 ngày" in r.text  # R-BQ-12, on the same page
    r = post(head, f"{meeting_url}/thong-bao", {"on": now().date().strftime("%d/%m/%Y"),
                                                 "channels": ["invitation", "loudspeaker"]})
    assert r.status_code == 303
    page = head.get(f"{meeting_url}.json").json()
    households = [h["household_id"] for h in page["roster"]]
    assert page["meeting"]["state"] == "notified" and len(households) == 5
    for h in households[:4]:
        assert post(head, f"{meeting_url}/diem-danh", {"household_id": str(h), "representative": "Đại diện"}
                    ).status_code == 303
    r = post(head, f"{meeting_url}/bat-dau", {"secretary": "Bà Thư Ký", "method": "show_of_hands",
                                              "procedural_yes": "4"})
    assert r.status_code == 303
    for h in households[:3]:
        assert post(head, f"{meeting_url}/bieu-quyet", {"household_id": str(h), "option": "dong_y"}).status_code == 303
    html = head.get(meeting_url)
    assert html.status_code == 200 and "Đồng ý" in html.text and "Kết thúc cuộc họp" in html.text
    r = post(head, f"{meeting_url}/ket-thuc", {"front_head": "Ông Mặt Trận", "household_signers": "Bà A\nÔng B"})
    assert r.status_code == 303
    matter_id = int(matter_url.rsplit("/", 1)[1])
    assert "Được thông qua" in head.get(matter_url).text and head.get("/bieuquyet/can-bo").status_code == 200
    assert make_client().get(f"/bieuquyet/ket-qua/{matter_id}").status_code == 200
    assert make_client().get("/bieuquyet/tham-gia").status_code == 200
    public = make_client().get(f"/bieuquyet/ket-qua/{matter_id}.json").json()
    (round_,) = public["rounds"]
    assert round_["passed"] is True and round_["counts"]["dong_y"] == 3 and round_["households_total"] == 5
    text = str(public)
    assert "household_id" not in text and "Đại diện" not in text and "T1-0" not in text
    shares = make_client().get("/bieuquyet/tham-gia.json").json()
    assert public["participation"]["voted"] == 3 and public["participation"]["represented"] == 4
    assert shares["ok"] and any(g["group_name"] == "Tổ dân phố số 1" and g["shares"]["voted"] >= 3
                                for g in shares["groups"])


def test_a_resident_votes_online_with_a_code(demo_ward, tdp01, app, make_client):
    core = demo_ward.core
    chair = demo_ward.actor("totruong01")
    m = matters.create(core, kind=6, title="Thu quỹ vệ sinh", unit_id=tdp01.id, form="online",
                       agreed_with="Ông Mặt Trận", actor=chair)
    start = now() - dt.timedelta(hours=1)  # informed the day the vote starts (yesterday just after midnight)
    rnd = online.plan(core, m.id, team=["Bà Mặt Trận", "B", "C"], informed_on=start.date(), actor=chair)
    online.record_poll(core, rnd.id, yes=3, actor=chair)
    _, issued = online.open_round(core, rnd.id, starts_at=start, ends_at=start + dt.timedelta(days=2), actor=chair)
    client = make_client()
    page = client.get(f"/bieuquyet/bieu-quyet/{m.id}")
    assert page.status_code == 200 and "Mã biểu quyết của hộ" in page.text
    bad = post(client, f"/bieuquyet/bieu-quyet/{m.id}/gui", {"code": "ZZZZZ-ZZZZZ", "option": "dong_y"})
    assert bad.status_code == 422 and "Mã không đúng" in bad.text and "ZZZZZ-ZZZZZ" in bad.text
    ok = post(client, f"/bieuquyet/bieu-quyet/{m.id}/gui", {"code": issued[0].code, "option": "dong_y"})
    assert ok.status_code == 303
    again = post(client, f"/bieuquyet/bieu-quyet/{m.id}/gui.json", {"code": issued[0].code, "option": "dong_y"},
                 json=True)
    assert again.status_code == 422 and "đã được sử dụng" in again.text
    result = client.get(f"/bieuquyet/ket-qua/{m.id}.json").json()
    assert result["rounds"][0]["participated"] == 1 and result["rounds"][0]["counts"] == {}  # open: no counts yet


def test_ballot_and_online_rounds_from_the_pages(demo_ward, tdp01, app, make_client):
    head = make_client("totruong01")
    today = now().date()
    fmt = "%d/%m/%Y"

    def new(form):
        r = post(head, "/bieuquyet/can-bo/noi-dung/moi", {"kind": "6", "title": f"Nội dung {form}", "form": form,
                                                          "scope": "group", "unit_id": str(tdp01.id),
                                                          "agreed_with": "Ông Mặt Trận"})
        assert r.status_code == 303
        return r.headers["location"]

    url = new("ballot")
    bad = post(head, f"{url}/phat-phieu", {"reason": "group_k6", "team": "Bà Mặt Trận\nB",
                                           "published_on": today.strftime(fmt), "plan_issued_on": today.strftime(fmt),
                                           "issue_on": today.strftime(fmt), "return_deadline": today.strftime(fmt)})
    assert bad.status_code == 422 and "từ 3 đến 5" in bad.text and "Bà Mặt Trận" in bad.text
    issue = today + dt.timedelta(days=2)
    sheet = post(head, f"{url}/phat-phieu.json", {"reason": "group_k6", "team": "Bà Mặt Trận\nÔng B\nBà C",
                                                  "published_on": today.isoformat(),
                                                  "plan_issued_on": today.isoformat(), "issue_on": issue.isoformat(),
                                                  "return_deadline": (issue + dt.timedelta(days=5)).isoformat()},
                 json=True).json()
    assert sheet["ok"] and len(sheet["slips"]) == 5
    codes = [s["code"] for s in sheet["slips"]]
    matter = head.get(f"{url}.json").json()
    round_id = matter["ballots"][0]["id"]
    for code in codes[:3]:
        assert post(head, f"/bieuquyet/can-bo/phat-phieu/{round_id}/nhap", {"code": code, "option": "dong_y"}
                    ).status_code == 303
    again = post(head, f"/bieuquyet/can-bo/phat-phieu/{round_id}/nhap", {"code": codes[0], "option": "dong_y"})
    assert again.status_code == 422 and "đã được sử dụng" in again.text
    r = post(head, f"/bieuquyet/can-bo/phat-phieu/{round_id}/kiem-phieu", {"witnesses": "Bà A\nÔng B",
                                                                          "front_head": "Bà Mặt Trận"})
    assert r.status_code == 303 and head.get(f"{url}.json").json()["matter"]["state"] == "passed"  # 3/5

    url = new("online")
    assert post(head, f"{url}/truc-tuyen", {"team": "Bà Mặt Trận\nÔng B\nBà C",
                                            "informed_on": today.strftime(fmt)}).status_code == 303
    rid = head.get(f"{url}.json").json()["online"]["id"]
    assert post(head, f"/bieuquyet/can-bo/truc-tuyen/{rid}/tham-do", {"yes": "3"}).status_code == 303
    start = now() - dt.timedelta(minutes=5)
    end = start + dt.timedelta(days=1)
    sheet = post(head, f"/bieuquyet/can-bo/truc-tuyen/{rid}/mo.json",
                 {"start_day": start.date().isoformat(), "start_time": start.strftime("%H:%M"),
                  "end_day": end.date().isoformat(), "end_time": end.strftime("%H:%M")}, json=True).json()
    assert sheet["ok"] and len(sheet["slips"]) == 5 and sheet["link"].startswith("/bieuquyet/bieu-quyet/")
    matter_id = int(url.rsplit("/", 1)[1])
    resident = make_client()
    assert post(resident, f"/bieuquyet/bieu-quyet/{matter_id}/gui",
                {"code": sheet["slips"][0]["code"], "option": "dong_y"}).status_code == 303
    r = post(head, f"/bieuquyet/can-bo/truc-tuyen/{rid}/ket-thuc", {"front_head": "Bà Mặt Trận"})
    assert r.status_code == 303 and head.get(f"{url}.json").json()["matter"]["state"] == "failed"  # 1/5


def test_documents_delivered_from_the_meeting_page(demo_ward, tdp01, app, make_client):
    head = make_client("totruong01")
    r = post(head, "/bieuquyet/can-bo/noi-dung/moi", {"kind": "1", "title": "Đóng góp làm đường", "form": "meeting",
                                                      "scope": "group", "unit_id": str(tdp01.id),
                                                      "agreed_with": "Ông Mặt Trận"})
    day = now().date() + dt.timedelta(days=4)
    r = post(head, f"{r.headers['location']}/hop", {"day": day.strftime("%d/%m/%Y"), "time": "19:00",
                                                    "place": "Nhà văn hóa"})
    url = r.headers["location"]
    page = head.get(url)
    assert "Đã giao tài liệu hôm nay" in page.text  # k.1: documents due to each household (R-BQ-13)
    hid = head.get(f"{url}.json").json()["roster"][0]["household_id"]
    assert post(head, f"{url}/giao-tai-lieu", {"household_id": str(hid), "on": now().date().strftime("%d/%m/%Y")}
                ).status_code == 303
    data = head.get(f"{url}.json").json()
    assert data["delivery"]["on_time"] == 1 and data["delivery"]["missing"] == 4
    assert data["roster"][0]["delivered_on"] == now().date().isoformat()


def test_an_initiative_from_the_pages(demo_ward, tdp01, app, make_client):
    head = make_client("totruong01")
    bad = post(head, "/bieuquyet/can-bo/sang-kien", {"unit_id": str(tdp01.id), "title": ""})
    assert bad.status_code == 422 and "Vui lòng nhập nội dung sáng kiến" in bad.text
    r = post(head, "/bieuquyet/can-bo/sang-kien", {"unit_id": str(tdp01.id), "title": "Lắp camera đầu ngõ",
                                                   "initiator_name": "Ông Nguyễn Văn Đề"})
    assert r.status_code == 303
    url = r.headers["location"]
    data = head.get(f"{url}.json").json()
    assert data["status"]["valid"] == 0 and not data["status"]["enough"] and len(data["households"]) == 5
    r = post(head, f"{url}/dua-ra", {"kind": "6", "form": "meeting"})
    assert r.status_code == 422 and "Ban công tác Mặt trận" in r.text  # R-BQ-04: 0 of 5 consents
    hid = data["households"][0]["household_id"]
    assert post(head, f"{url}/dong-y", {"household_id": str(hid), "on": now().date().strftime("%d/%m/%Y")}
                ).status_code == 303
    assert head.get(f"{url}.json").json()["status"]["enough"]  # 1 of 5 ≥ 10 %
    r = post(head, f"{url}/dua-ra", {"kind": "6", "form": "meeting"})
    assert r.status_code == 303 and "/bieuquyet/can-bo/noi-dung/" in r.headers["location"]
    assert head.get("/bieuquyet/can-bo/sang-kien").status_code == 200
