"""The giamsat pages through the app: JSON twins and permissions on every route, public
pages without residents' phone, ID or address, board form limits, photo uploads."""
from __future__ import annotations

import re

import pytest
from argon2 import PasswordHasher
from starlette.testclient import TestClient
from thanthien.core import accounts, demo
from thanthien.core.models import PersonRow
from thanthien.core.services import make_services
from thanthien.plugins.giamsat import services as sv
from thanthien.plugins.giamsat.demo import PHOTO
from thanthien.plugins.giamsat.models import InspectionRow, MemberRow, PhotoRow
from thanthien.web.app import create_app
from thanthien.web.routing import PUBLIC, json_path, route_spec, walk_routes

from tests.conftest import make_settings

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
MAX_PHOTO = 2000


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path, plugin={"giamsat": {"max_photo_bytes": MAX_PHOTO}})


@pytest.fixture(autouse=True)
def fast_hasher(monkeypatch):
    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.setattr(accounts, "_dummy", [])


@pytest.fixture
def ward(settings, pm, db):
    services = make_services(settings, pm)
    ctx = demo.build_demo_ward(settings, pm, services, households=20, seed=5)
    accounts.create_demo_accounts(services)
    by_name = {p.name: p for p in sv.projects()}
    road = next(p for n, p in by_name.items() if n.startswith("Nâng cấp"))
    # a report whose sender details must never leave the staff pages
    sv.receive_report(services, road.id, channel="truc_tiep", content="Nứt mặt đường đoạn giữa",
                      received_on=ctx.today, sender_name="Bà Sentinel Báo Cáo", sender_contact="0999888777 số 9 ngõ 9",
                      actor=demo_actor(ctx, "bantt"))
    return {"ctx": ctx, "services": services, "projects": by_name, "road": road,
            "lighting": next(p for n, p in by_name.items() if n.startswith("Lắp đặt")),
            "shop": next(p for n, p in by_name.items() if n.startswith("Cửa hàng"))}


def demo_actor(ctx, login):
    from thanthien.core.access import actor_for_person

    p = ctx.staff[login]
    return actor_for_person(p.id, p.full_name)


@pytest.fixture
def app(settings, pm, db, ward):
    return create_app(settings, pm, db=db)


@pytest.fixture
def client_for(app):
    opened = []

    def make(login=None):
        c = TestClient(app, raise_server_exceptions=False)
        c.__enter__()
        opened.append(c)
        if login:
            page = c.get("/login")
            r = c.post("/login", data={"username": login, "password": demo.DEMO_PASSWORD,
                                       "csrf_token": CSRF_RE.search(page.text).group(1)}, follow_redirects=False)
            assert r.status_code == 303, r.text[:300]
        return c

    yield make
    for c in opened:
        c.__exit__(None, None, None)


def csrf(client) -> str:
    return client.get("/-/csrf.json").json()["csrf_token"]


def giamsat_routes(app):
    return [(p, s) for p, r in walk_routes(app.routes) if (s := route_spec(r)) and p.startswith("/giamsat")]


def test_every_page_has_a_json_twin_and_a_declared_permission(app):
    routes = giamsat_routes(app)
    paths = {p for p, _ in routes}
    assert len(routes) >= 40
    declared = set(app.state.services.access.permissions)
    for path, spec in routes:
        assert spec.permission == PUBLIC or spec.permission in declared, path
        if path.endswith(".json") or path.startswith("/giamsat/anh/"):
            continue
        assert json_path(path) in paths, f"{path} has no JSON twin"


def sentinels(ward) -> set[str]:
    """Phones, ID numbers and addresses of every resident sitting on a board, and the report sender."""
    out = {"Bà Sentinel Báo Cáo", "0999888777"}
    for m in MemberRow.select().where(MemberRow.person.is_null(False)):
        p = PersonRow.get_by_id(m.person_id)
        out |= {v for v in (p.phone, p.citizen_id, p.address, p.email) if v}
    return out


def test_public_pages_never_show_phone_id_or_address(ward, client_for):
    anon = client_for()
    secrets = sentinels(ward)
    assert len(secrets) > 6
    urls = ["/giamsat/", "/giamsat/index.json"]
    for p in sv.public_projects():
        urls += [f"/giamsat/du-an/{p['id']}", f"/giamsat/du-an/{p['id']}.json"]
    assert len(urls) == 8
    for url in urls:
        r = anon.get(url)
        assert r.status_code == 200, url
        for s in secrets:
            assert s not in r.text, (url, s)
    body = anon.get(f"/giamsat/du-an/{ward['road'].id}.json").json()
    names = {m["full_name"] for m in body["board"]["members"]}
    assert len(names) == 5 and set(body["board"]["members"][0]) == {"full_name", "role", "representing"}
    assert body["citizen_reports"]["received"] == 2
    assert body["recommendations"][0]["answer"]
    # a project without a board, or outside the scope, has no public page
    assert anon.get(f"/giamsat/du-an/{ward['lighting'].id}").status_code == 404
    assert anon.get(f"/giamsat/du-an/{ward['shop'].id}.json").status_code == 404


def test_staff_pages_and_their_twins(ward, client_for):
    anon = client_for()
    assert anon.get("/giamsat/du-an", follow_redirects=False).status_code == 302
    assert anon.get("/giamsat/du-an.json").status_code == 401
    chair = client_for("chutich")
    r = chair.get("/giamsat/du-an")
    assert r.status_code == 200 and "chưa có Ban Giám sát" in r.text and "Lắp đặt hệ thống chiếu sáng" in r.text
    data = chair.get("/giamsat/du-an.json").json()
    assert data["coverage"] == {"total": 2, "with_board": 2, "without_board": 0, "share": 100.0}
    assert any(w["kind"] == "no_board" for w in data["warnings"])
    page = chair.get(f"/giamsat/du-an/{ward['road'].id}/quan-ly")
    assert page.status_code == 200 and "Bà Sentinel Báo Cáo" in page.text  # staff see the sender
    assert chair.get(f"/giamsat/du-an/{ward['road'].id}/quan-ly.json").json()["board"]["state"] == "active"
    rec = chair.get("/giamsat/kien-nghi.json?cho_tra_loi=1").json()["recommendations"]
    assert len(rec) == 1 and rec[0]["kind"] == "tam_dung"
    assert "Kiến nghị của Ban Giám sát" in chair.get("/dashboard").text
    ind = chair.get("/giamsat/chi-tieu.json").json()["indicators"]
    assert ind["projects_with_board"] >= 2
    # the chairman answers; the answer letter is issued
    r = chair.post(f"/giamsat/kien-nghi/{rec[0]['id']}/tra-loi.json", json={"answer": "Đồng ý tạm dừng hạng mục cống."},
                   headers={"X-CSRF-Token": csrf(chair)})
    assert r.status_code == 200 and r.json()["timeliness"] == "on_time" and r.json()["document_id"]
    # a department officer may not answer, a board member may not create boards
    kinhte = client_for("kinhte")
    r = kinhte.post(f"/giamsat/kien-nghi/{rec[0]['id']}/tra-loi.json", json={"answer": "x"},
                    headers={"X-CSRF-Token": csrf(kinhte)})
    assert r.status_code == 403


@pytest.mark.rule("R-GS-03")
def test_board_form_refuses_four_members_and_accepts_five(ward, client_for):
    front = client_for("mattran")
    lighting = ward["lighting"]
    page = front.get(f"/giamsat/du-an/{lighting.id}/ban")
    assert page.status_code == 200 and "m10_full_name" in page.text
    group = lighting.group_ids[0]
    form = {"csrf_token": CSRF_RE.search(page.text).group(1), "decision_ref": "30/QĐ-MTTQ",
            "established_on": ward["ctx"].today.strftime("%d/%m/%Y"),
            "m1_full_name": "Hoàng Văn Mặt Trận", "m1_board_role": "truong_ban", "m1_representing": "mttq",
            "m2_full_name": "Lục Thị Thanh Tra", "m2_board_role": "uy_vien", "m2_representing": "bttnd"}
    for i in (3, 4):
        form |= {f"m{i}_full_name": f"Cư Dân {i}", f"m{i}_board_role": "uy_vien", f"m{i}_representing": "nhan_dan",
                 f"m{i}_group_id": str(group)}
    r = front.post(f"/giamsat/du-an/{lighting.id}/ban", data=form)
    assert r.status_code == 422 and "ít nhất 5 thành viên" in r.text and "(R-GS-03)" in r.text
    assert sv.board_of(lighting.id) is None
    form |= {"m5_full_name": "Cư Dân 5", "m5_board_role": "pho_truong_ban", "m5_representing": "nhan_dan",
             "m5_group_id": str(group), "m5_rel_party": "nha_thau", "m5_rel_name": "Cư Văn Thầu",
             "m5_rel_relation": "em ruột"}
    r = front.post(f"/giamsat/du-an/{lighting.id}/ban", data=form)
    assert r.status_code == 422 and "nhà thầu thi công" in r.text and sv.board_of(lighting.id) is None
    form |= {"m5_rel_party": "", "m5_rel_name": "", "m5_rel_relation": ""}
    r = front.post(f"/giamsat/du-an/{lighting.id}/ban", data=form, follow_redirects=False)
    assert r.status_code == 303 and len(sv.board_of(lighting.id).members) == 5


@pytest.mark.rule("R-GS-02")
def test_out_of_scope_project_board_refused_over_the_web(ward, client_for):
    front = client_for("mattran")
    shop = ward["shop"]
    r = front.post(f"/giamsat/du-an/{shop.id}/ban.json", json={"decision_ref": "1", "established_on": "01/01/2026",
                                                                "members": []}, headers={"X-CSRF-Token": csrf(front)})
    assert r.status_code == 422 and "R-GS-02" in r.json()["errors"][0]["error"]


def _upload(client, board_id, files, today):
    data = {"csrf_token": csrf(client), "held_on": today.strftime("%d/%m/%Y"), "place": "Cống số 2",
            "findings": "Kiểm tra vật tư"}
    return client.post(f"/giamsat/ban/{board_id}/kiem-tra", data=data, files=files, follow_redirects=False)


def test_photo_uploads_wrong_disguised_or_oversize_refused(ward, client_for):
    member = client_for("bantt")
    board = sv.board_of(ward["road"].id)
    today = ward["ctx"].today
    before = (InspectionRow.select().count(), PhotoRow.select().count())
    cases = {
        "wrong type": [("photos", ("bien-ban.pdf", b"%PDF-1.4 tai lieu", "application/pdf"))],
        "disguised": [("photos", ("anh.png", b"<html><script>alert(1)</script></html>", "image/png"))],
        "declared other": [("photos", ("anh.png", PHOTO, "image/jpeg"))],
        "oversize": [("photos", ("lon.png", PHOTO + b"\0" * MAX_PHOTO, "image/png"))],
    }
    messages = {}
    for name, files in cases.items():
        r = _upload(member, board.id, files, today)
        assert r.status_code == 422, name
        messages[name] = r.text
    assert "không phải ảnh được chấp nhận" in messages["wrong type"]
    assert "tệp bị giả dạng" in messages["disguised"]
    assert "vượt quá mức tối đa" in messages["oversize"]
    assert (InspectionRow.select().count(), PhotoRow.select().count()) == before
    r = _upload(member, board.id, [("photos", ("hien-truong.png", PHOTO, "image/png"))], today)
    assert r.status_code == 303
    photo = PhotoRow.select().order_by(PhotoRow.id.desc()).first()
    got = member.get(f"/giamsat/anh/{photo.id}")
    assert got.status_code == 200 and got.headers["content-type"] == "image/png" and got.content == PHOTO
    assert client_for().get(f"/giamsat/anh/{photo.id}", follow_redirects=False).status_code == 302


def test_board_member_of_another_board_is_refused(ward, client_for):
    """bantt sits on every demo board; a new board without him is out of his reach."""
    front = client_for("mattran")
    lighting = ward["lighting"]
    group = str(lighting.group_ids[0])
    members = [{"full_name": "A Mặt Trận", "board_role": "truong_ban", "representing": "mttq"},
               {"full_name": "B Thanh Tra", "board_role": "uy_vien", "representing": "bttnd"}]
    members += [{"full_name": f"C Dân {i}", "representing": "nhan_dan", "group_id": group} for i in range(3)]
    r = front.post(f"/giamsat/du-an/{lighting.id}/ban.json", json={"decision_ref": "2", "established_on":
                                                                    ward["ctx"].today.isoformat(), "members": members},
                   headers={"X-CSRF-Token": csrf(front)})
    assert r.status_code == 200, r.text
    member = client_for("bantt")
    r = member.post(f"/giamsat/ban/{r.json()['board_id']}/kiem-tra.json",
                    json={"held_on": ward["ctx"].today.isoformat(), "place": "x", "findings": "y"},
                    headers={"X-CSRF-Token": csrf(member)})
    assert r.status_code == 403
