"""The staff pages moved to Vietnamese slugs (``/congkhai/can-bo/…``); every old English
path answers 308 to its new one (page and ``.json``, query kept, a form's method and
body kept); the public URLs are unchanged; every landed JSON key is still there."""
from __future__ import annotations

import pytest
from thanthien.core import accounts
from thanthien.plugins.congkhai import services as ck
from thanthien.plugins.congkhai.views import MOVED
from thanthien.testing import post, token

from .helpers import OLD_STAFF, PASSWORD, PDF, REQUEST, STAFF, at

#: the old staff URLs and where they went (hand-written: the README's table)
OLD_TO_NEW = {
    "/staff/notices": "/can-bo/thong-bao",
    "/staff/notices/new": "/can-bo/thong-bao/moi",
    "/staff/notices/{id}": "/can-bo/thong-bao/{id}",
    "/staff/notices/{id}/edit": "/can-bo/thong-bao/{id}/sua",
    "/staff/notices/{id}/publish": "/can-bo/thong-bao/{id}/cong-khai",
    "/staff/notices/{id}/withdraw": "/can-bo/thong-bao/{id}/thu-hoi",
    "/staff/notices/{id}/revise": "/can-bo/thong-bao/{id}/phien-ban-moi",
    "/staff/notices/{id}/attachments": "/can-bo/thong-bao/{id}/tep-dinh-kem",
    "/staff/notices/{id}/loa": "/can-bo/thong-bao/{id}/loa",
    "/staff/notices/{id}/mang-xa-hoi": "/can-bo/thong-bao/{id}/mang-xa-hoi",
    "/staff/notices/{id}/poster": "/can-bo/thong-bao/{id}/ban-niem-yet",
    "/staff/notices/{id}/ledger": "/can-bo/thong-bao/{id}/so-niem-yet",
    "/staff/postings/{id}/take-down": "/can-bo/niem-yet/{id}/go-xuong",
    "/staff/attachments/{id}/remove": "/can-bo/tep-dinh-kem/{id}/go",
    "/staff/attachments/{id}/{filename}": "/can-bo/tep-dinh-kem/{id}/{filename}",
    "/staff/check": "/can-bo/kiem-tra",
    "/staff/register": "/can-bo/danh-muc",
    "/staff/tuyen-truyen": "/can-bo/tuyen-truyen",
    "/staff/tuyen-truyen/hoi-nghi": "/can-bo/tuyen-truyen/hoi-nghi",
    "/staff/tuyen-truyen/tin-bai": "/can-bo/tuyen-truyen/tin-bai",
    "/staff/yeu-cau": "/can-bo/yeu-cau",
    "/staff/yeu-cau/new": "/can-bo/yeu-cau/moi",
    "/staff/yeu-cau/{id}": "/can-bo/yeu-cau/{id}",
    "/staff/yeu-cau/{id}/xu-ly": "/can-bo/yeu-cau/{id}/xu-ly",
    "/staff/yeu-cau/{id}/mau/{form}": "/can-bo/yeu-cau/{id}/mau/{form}",
}


@pytest.fixture
def officer(make_client, ward):
    accounts.create_account(ward.officer.person_id, "vanhoa", PASSWORD)
    return make_client("vanhoa", PASSWORD)


def test_every_old_path_is_mapped():
    assert {old.replace(":int", ""): new for old, new, _, _ in MOVED} == OLD_TO_NEW


def _fill(path: str, n: int, case: int) -> str:
    return (path.replace("/yeu-cau/{id}", f"/yeu-cau/{case}").replace("{id}", str(n))
            .replace("{filename}", "bang-ke.pdf").replace("{form}", "02"))


def test_old_pages_answer_308_with_json_twin_and_query(officer, core, ward):
    n = ck.create_notice(core, category="ngan_sach", title="Dự toán", actor=ward.officer)
    case = ck.open_request(core, actor=ward.officer, **REQUEST)
    for old, new, _, methods in MOVED:
        if "GET" not in methods:
            continue
        old_url, new_url = _fill(old.replace(":int", ""), n.id, case.id), _fill(new, n.id, case.id)
        r = officer.get(f"/congkhai{old_url}?year=2026", follow_redirects=False)
        assert r.status_code == 308 and r.headers["location"] == f"/congkhai{new_url}?year=2026", old
        if not old.endswith(("/poster", "{filename}", "{form}")):
            r = officer.get(f"/congkhai{old_url}.json", follow_redirects=False)
            assert r.status_code == 308 and r.headers["location"] == f"/congkhai{new_url}.json", old
    # followed, the old address of a page still shows it
    assert officer.get(f"{OLD_STAFF}/notices/{n.id}.json").json()["notice"]["id"] == n.id
    assert officer.get(f"{OLD_STAFF}/check").status_code == 200


def test_a_form_posted_to_an_old_path_reaches_the_new_one(officer, core, ward):
    n = ck.create_notice(core, category="ngan_sach", title="Dự toán", actor=ward.officer)
    assert officer.post(f"{OLD_STAFF}/notices/{n.id}/publish", data={}, follow_redirects=False).status_code == 403
    r = post(officer, f"{OLD_STAFF}/notices/{n.id}/publish")
    assert r.status_code == 308 and r.headers["location"] == f"{STAFF}/thong-bao/{n.id}/cong-khai"
    r = officer.post(f"{OLD_STAFF}/notices/{n.id}/publish", data={"csrf_token": token(officer)})  # followed: 308, 303
    assert r.status_code == 200 and ck.get_notice(n.id).state == "published"
    r = officer.post(f"{OLD_STAFF}/notices/{n.id}/attachments.json", files={"file": ("a.pdf", PDF, "application/pdf")},
                     data={"csrf_token": token(officer)})
    assert r.status_code == 200 and r.json()["new_version"] is True  # published: the file went on a new version


def test_public_urls_are_unchanged(make_client, core, ward):
    n = ck.create_notice(core, category="ngan_sach", title="Dự toán", actor=ward.officer)
    ck.publish_notice(core, n.id, actor=ward.officer, at=at("2026-03-03"))
    anon = make_client()
    for url in ("/congkhai/", "/congkhai/index.json", f"/congkhai/notices/{n.id}", f"/congkhai/notices/{n.id}.json",
                "/congkhai/feed.json", "/congkhai/feed.atom", "/congkhai/feeds/ngan_sach.json",
                "/congkhai/feeds/ngan_sach.atom"):
        assert anon.get(url, follow_redirects=False).status_code == 200, url


#: the JSON keys each staff page had before the move (a contract: add, never remove)
LANDED_KEYS = {
    "/thong-bao.json": {"notices", "filters", "may_manage"},
    "/thong-bao/moi.json": {"categories", "staff", "custom_labels", "values", "mode"},
    "/thong-bao/{n}.json": {"notice", "places", "gaps", "complete", "versions", "attachments", "may_manage", "values"},
    "/thong-bao/{n}/sua.json": {"categories", "staff", "custom_labels", "values", "mode", "notice_id", "state"},
    "/thong-bao/{p}/phien-ban-moi.json": {"notice_id", "version", "state", "values"},
    "/thong-bao/{p}/so-niem-yet.json": {"notice", "places", "complete", "gaps", "today", "values", "place_key",
                                        "filters", "kinds", "groups"},
    "/thong-bao/{p}/loa.json": {"text"},
    "/kiem-tra.json": {"date", "gaps", "pending", "expiring", "groups", "gap_kinds"},
    "/danh-muc.json": {"register"},
    "/tuyen-truyen.json": {"year", "coverage", "conferences", "media", "values", "form"},
    "/yeu-cau.json": {"year", "rows", "personal_shown"},
    "/yeu-cau/moi.json": {"channels", "delivery_forms", "values"},
    "/yeu-cau/{c}.json": {"info_request", "values", "action", "may_unmask"},
}
NESTED = {
    "notice": {"id", "title", "body_html", "category", "category_name", "item_no", "state", "state_label", "version",
               "parent_id", "decision_ref", "decision_date", "created_on", "published_on", "window_end",
               "withdrawn_reason", "deadline", "custom", "responsible_id", "responsible"},
    "place": {"requirement_id", "kind", "label", "unit_id", "unit_name", "due_date", "min_days", "permanent",
              "broadcast_days", "broadcast_run", "rule_ids", "status", "status_label", "may_record", "takes_down",
              "postings"},
    "info_request": {"case_id", "number", "channel", "channel_label", "complex", "rule_id", "received_at", "due_date",
                     "notice_due", "notified_on", "provided_on", "extensions", "max_extensions", "state",
                     "state_label", "closed_at", "timeliness", "refusal_ground", "refusal_ground_label",
                     "previous_cases", "organisation", "info_requested", "purpose", "delivery_form", "delivery_label",
                     "requester", "personal_shown", "actions", "events"},
    "register_row": {"notice_id", "item_no", "category", "category_name", "title", "decision_ref", "decision_date",
                     "forms", "published_on", "duration", "responsible", "status", "state", "version"},
    "request_row": {"case_id", "number", "received_on", "channel", "complex", "requester_name", "requester_id_no",
                    "info_requested", "due_date", "notice_due", "notified_on", "state", "closed_on",
                    "refusal_ground", "timeliness", "extensions"},
}


def test_every_landed_json_key_is_kept(officer, core, ward):
    draft = ck.create_notice(core, category="ngan_sach", title="Bản nháp", actor=ward.officer)
    pub = ck.create_notice(core, category="chinh_sach_an_sinh", title="Danh sách hộ", actor=ward.officer)
    pub = ck.publish_notice(core, pub.id, actor=ward.officer)
    case = ck.open_request(core, actor=ward.officer, **REQUEST)
    pages = {}
    for path, keys in LANDED_KEYS.items():
        url = STAFF + path.format(n=draft.id, p=pub.id, c=case.id)
        body = officer.get(url).json()
        assert body["ok"] and keys <= set(body), (url, keys - set(body))
        pages[path] = body
    assert NESTED["notice"] <= set(pages["/thong-bao/{n}.json"]["notice"])
    assert NESTED["place"] <= set(pages["/thong-bao/{p}/so-niem-yet.json"]["places"][0])
    assert NESTED["info_request"] <= set(pages["/yeu-cau/{c}.json"]["info_request"])
    assert NESTED["request_row"] <= set(pages["/yeu-cau.json"]["rows"][0])
    reg = officer.get(f"{STAFF}/danh-muc.json").json()["register"]
    assert {"year", "quarter", "start", "end", "ward", "rows"} <= set(reg)
    assert NESTED["register_row"] <= set(reg["rows"][0])


def test_the_menu_points_at_the_new_addresses(officer):
    html = officer.get(f"{STAFF}/thong-bao").text
    for path in ("thong-bao", "danh-muc", "kiem-tra", "tuyen-truyen", "yeu-cau"):
        assert f'href="{STAFF}/{path}"' in html
    assert f'href="{OLD_STAFF}/' not in html


def test_openapi_documents_every_page_and_form(app, make_client):
    from openapi_spec_validator import validate

    doc = make_client().get("/api/openapi.json").json()
    validate(doc)
    paths = doc["paths"]
    for path in ("/congkhai/can-bo/thong-bao/{id}.json", "/congkhai/can-bo/yeu-cau/{id}.json",
                 "/congkhai/can-bo/thong-bao/{id}/so-niem-yet.json", "/congkhai/index.json"):
        schema = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert "allOf" in schema, path  # the page's view model, not only the envelope
    for path in ("/congkhai/can-bo/thong-bao/{id}/thu-hoi.json", "/congkhai/can-bo/yeu-cau/{id}/xu-ly.json",
                 "/congkhai/can-bo/tuyen-truyen/hoi-nghi.json", "/congkhai/can-bo/niem-yet/{id}/go-xuong.json"):
        body = paths[path]["post"]["requestBody"]["content"]["application/json"]["schema"]
        assert body.get("$ref", "").startswith("#/components/schemas/"), path


def test_every_page_has_a_view_model_and_every_write_a_typed_form(app):
    from thanthien.web.routing import WRITE_METHODS, route_spec, walk_routes

    checked = 0
    for path, route in walk_routes(app.routes):
        spec = route_spec(route)
        if spec is None or not path.startswith("/congkhai/") or path.startswith(OLD_STAFF):
            continue
        if spec.json_twin:
            assert spec.schema is not None, path
        if WRITE_METHODS & set(spec.methods):
            assert spec.typed_body is not None, path
        checked += 1
    assert checked >= 40
