"""The ledger page through the app (issue 15 item 8): filters that survive every save,
the group action with its Vietnamese confirmation, a bad date shown next to its field
with the typed input kept, no date pre-filled, and the scope refusal of a forged POST."""
import datetime as dt
import re

import pytest
from thanthien.core import accounts
from thanthien.plugins.congkhai import services as ck
from thanthien.plugins.congkhai.models import PostingRow, RequirementRow
from thanthien.testing import post, token

from .helpers import PASSWORD, STAFF, today_str

#: the keys the JSON twin of the ledger page had before it was paginated (a contract)
OLD_KEYS = {"notice", "places", "complete", "gaps", "today", "filters", "kinds", "groups", "values", "place_key"}


@pytest.fixture
def app(settings, pm, db, ward):
    from thanthien.web.app import create_app

    accounts.create_account(ward.officer.person_id, "vanhoa", PASSWORD)
    accounts.create_account(ward.head1.person_id, "totruong01", PASSWORD)
    return create_app(settings, pm, db=db)


@pytest.fixture
def clients(make_client):
    return lambda login=None: make_client(login, PASSWORD) if login else make_client()


@pytest.fixture
def notice(core, ward):
    n = ck.create_notice(core, category="ngan_sach", title="Dự toán ngân sách phường năm 2026", actor=ward.officer)
    return ck.publish_notice(core, n.id, actor=ward.officer)


def places_of(notice_id, unit_id):
    return [str(r.id) for r in RequirementRow.select().where(RequirementRow.notice == notice_id,
                                                             RequirementRow.unit == unit_id)]


def test_filters_persist_after_the_group_action(clients, ward, notice):
    c = clients("vanhoa")
    g2 = ward.groups[1].id
    ledger = f"{STAFF}/thong-bao/{notice.id}/so-niem-yet"
    query = f"group={g2}&status=pending"
    page = c.get(f"{ledger}?{query}")
    assert page.status_code == 200
    # the group's form posts to an address carrying the filters; no date is pre-filled
    assert f'action="{ledger}/hang-loat?group={g2}&amp;status=pending"' in page.text
    assert f'value="{today_str()}"' not in page.text
    assert re.findall(r'name="day"[^>]*value="([^"]*)"', page.text) == [""]
    ticked = places_of(notice.id, g2)
    r = post(c, f"{ledger}/hang-loat?{query}", {"places": ticked, "day": today_str(), "action": "posted",
                                               "block": str(g2)})
    assert r.status_code == 303
    assert r.headers["location"] == f"{ledger}?{query}#to-{g2}"
    after = c.get(r.headers["location"])
    assert f"Đã ghi nhận niêm yết, thực hiện ngày {today_str()} cho {len(ticked)} nơi." in after.text
    assert f'<option value="{g2}" selected>' in after.text and '<option value="pending" selected>' in after.text
    # the group's places are done: the "not yet posted" filter no longer lists them
    assert "Không có nơi nào khớp bộ lọc." in after.text
    assert PostingRow.select().where(PostingRow.unit == g2).count() == len(ticked)
    # the page number is kept too, and unknown parameters are not carried over
    r = post(c, f"{ledger}/hang-loat?kind=group_house&page=2&x=1",
             {"places": places_of(notice.id, g2)[:1], "day": today_str(), "action": "removed", "block": str(g2)})
    assert r.status_code == 303 and r.headers["location"] == f"{ledger}?kind=group_house&page=2#to-{g2}"


def test_bad_date_is_shown_next_to_the_field_with_the_input_kept(clients, ward, notice):
    c = clients("vanhoa")
    g1 = ward.groups[0].id
    ledger = f"{STAFF}/thong-bao/{notice.id}/so-niem-yet"
    ticked = places_of(notice.id, g1)
    r = post(c, f"{ledger}/hang-loat?group={g1}", {"places": ticked, "day": "31/02/2026", "action": "posted",
                                                    "block": str(g1)})
    assert r.status_code == 422
    assert f'id="e-{g1}-day"' in r.text and "Ngày không hợp lệ hoặc chưa nhập (dd/mm/yyyy)." in r.text
    assert 'value="31/02/2026"' in r.text
    for pid in ticked:  # the ticked places stay ticked
        assert f'value="{pid}" checked' in r.text
    assert f'<option value="{g1}" selected>' in r.text  # the filter is still applied
    future = (dt.date.today() + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    r = post(c, f"{ledger}/hang-loat", {"places": ticked, "day": future, "action": "posted", "block": str(g1)})
    assert r.status_code == 422 and "Ngày thực hiện không được sau ngày hôm nay." in r.text
    r = post(c, f"{ledger}/hang-loat", {"day": today_str(), "action": "posted", "block": str(g1)})
    assert r.status_code == 422 and "Vui lòng đánh dấu ít nhất một nơi." in r.text
    j = c.post(f"{ledger}/hang-loat.json", json={"places": ticked, "day": "hôm nay", "action": "posted"},
               headers={"X-CSRF-Token": token(c)})
    assert j.status_code == 422 and [e["field"] for e in j.json()["errors"]] == ["day"]
    assert PostingRow.select().count() == 0


def test_attack_forged_place_ids_are_refused(clients, ward, notice):
    """A group head posts the group action with a place of another group (and a ward
    place) among his own: 403, nothing stored — in the form and in the JSON twin."""
    h = clients("totruong01")
    ledger = f"{STAFF}/thong-bao/{notice.id}/so-niem-yet"
    own, theirs = places_of(notice.id, ward.groups[0].id), places_of(notice.id, ward.groups[1].id)
    office = [str(r.id) for r in RequirementRow.select().where(RequirementRow.notice == notice.id,
                                                               RequirementRow.kind == "office")]
    page = h.get(ledger)
    assert page.status_code == 200
    assert set(re.findall(r'name="places" value="(\d+)"', page.text)) == set(own)
    for forged in (own + theirs[:1], own + office):
        r = post(h, f"{ledger}/hang-loat", {"places": forged, "day": today_str(), "action": "posted", "block": "0"})
        assert r.status_code == 403 and "chưa ghi nhận nơi nào" in r.text
    j = h.post(f"{ledger}/hang-loat.json", json={"places": [int(x) for x in own + theirs], "day": today_str(),
                                                  "action": "posted"}, headers={"X-CSRF-Token": token(h)})
    assert j.status_code == 403 and j.json()["ok"] is False
    assert PostingRow.select().count() == 0
    # a forged group filter shows nothing of the other group
    other = h.get(f"{ledger}.json?group={ward.groups[1].id}").json()
    assert other["places"] == []
    r = post(h, f"{ledger}/hang-loat", {"places": own, "day": today_str(), "action": "posted", "block": "x"})
    assert r.status_code == 422
    r = post(h, f"{ledger}/hang-loat", {"places": own, "day": today_str(), "action": "posted",
                                        "block": str(ward.groups[0].id)})
    assert r.status_code == 303 and PostingRow.select().count() == len(own)


def test_json_twin_keeps_its_keys_and_pages(clients, ward, notice):
    c = clients("vanhoa")
    ledger = f"{STAFF}/thong-bao/{notice.id}/so-niem-yet"
    j = c.get(f"{ledger}.json").json()
    assert OLD_KEYS <= set(j) and j["page"] == 1 and j["has_next"] is False
    assert set(j["filters"]) >= {"kind", "group", "todo", "status"}
    assert len(j["places"]) == len(RequirementRow.select().where(RequirementRow.notice == notice.id))
    assert c.get(f"{ledger}.json?page=2").json()["places"] == []
    assert c.get(f"{ledger}?status=bogus").status_code == 422


def notice_choices(html):
    """The options of the page's notice filter."""
    found = re.search(r'<select id="f-notice".*?</select>', html, re.S)
    assert found, "no notice filter"
    return found.group(0)


def test_notice_filter_switches_to_that_notices_ledger_keeping_the_other_filters(clients, core, ward, notice):
    other = ck.create_notice(core, category="ngan_sach", title="Quyết toán ngân sách năm 2025", actor=ward.officer)
    other = ck.publish_notice(core, other.id, actor=ward.officer)
    draft = ck.create_notice(core, category="ngan_sach", title="Bản nháp chưa công khai", actor=ward.officer)
    c = clients("vanhoa")
    ledger = f"{STAFF}/thong-bao/{notice.id}/so-niem-yet"
    page = notice_choices(c.get(ledger).text)
    assert f'<option value="{notice.id}" selected>' in page and f'<option value="{other.id}">' in page
    assert f'<option value="{draft.id}"' not in page  # only published notices have a ledger to keep
    g = ward.groups[2].id
    r = c.get(f"{ledger}?notice={other.id}&group={g}&status=pending&page=3", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == f"{STAFF}/thong-bao/{other.id}/so-niem-yet?group={g}&status=pending"
    j = c.get(f"{ledger}.json?notice={other.id}", follow_redirects=False)
    assert j.headers["location"] == f"{STAFF}/thong-bao/{other.id}/so-niem-yet.json"
    # a group head's choices: the notices that reach his group; another notice is refused
    h = clients("totruong01")
    assert f'<option value="{other.id}">' in notice_choices(h.get(ledger).text)
    assert h.get(f"{STAFF}/thong-bao/{draft.id}/so-niem-yet").status_code == 403
