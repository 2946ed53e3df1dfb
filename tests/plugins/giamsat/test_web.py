"""The giamsat pages through the app: JSON twins, permissions and schemas on every route,
public pages without residents' phone, ID or address, board form limits, photo uploads."""
from __future__ import annotations

import pytest
from openapi_spec_validator import validate
from thanthien.core.models import PersonRow
from thanthien.core.types import SYSTEM_ACTOR
from thanthien.plugins.giamsat import services as sv
from thanthien.plugins.giamsat.demo import PHOTO
from thanthien.plugins.giamsat.models import InspectionRow, MemberRow, PhotoRow
from thanthien.testing import csrf_from, make_settings, token
from thanthien.web.routing import PUBLIC, WRITE_METHODS, json_path, route_spec, walk_routes

from .helpers import demo_giamsat

MAX_PHOTO = 2000


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path, plugin={"giamsat": {"max_photo_bytes": MAX_PHOTO}})


@pytest.fixture
def ward(settings, pm, db, services):
    return demo_giamsat(settings, pm, services)


@pytest.fixture
def app(settings, pm, db, ward):
    from thanthien.web.app import create_app

    return create_app(settings, pm, db=db)


@pytest.fixture
def client_for(make_client):
    return make_client


def csrf(client) -> str:
    return token(client)


def _board_of(project):
    from thanthien.plugins.giamsat.services.common import board_of

    return board_of(project.id)


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


def test_every_route_declares_its_schema_body_and_error_page(app, client_for):
    """Every page documents its JSON (``schema=``); every write its typed body (``body=``),
    and an action posted from another page re-renders that page on a failed validation."""
    for path, spec in giamsat_routes(app):
        if path.startswith("/giamsat/anh/"):
            continue  # the photo itself, no JSON
        assert spec.schema is not None, path
        if WRITE_METHODS & set(spec.methods):
            assert spec.typed_body is not None, path
            if "GET" not in spec.methods:
                assert spec.error_page is not None, path
    doc = client_for().get("/api/openapi.json").json()
    validate(doc)
    post = doc["paths"]["/giamsat/du-an/moi.json"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ProjectForm"}
    public = doc["components"]["schemas"]["PublicProject"]["properties"]
    assert set(public) == {"project", "board", "plans", "checks", "inspections", "recommendations",
                           "citizen_reports"}


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
    for p, _board in sv.supervised_projects(ward["services"]):
        urls += [f"/giamsat/du-an/{p.id}", f"/giamsat/du-an/{p.id}.json"]
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
    assert "ít nhất 5 thành viên" in page.text and "không quá 2 Phó Trưởng ban" in page.text  # from the rules data
    group = lighting.group_ids[0]
    form = {"csrf_token": csrf_from(page.text), "decision_ref": "30/QĐ-MTTQ",
            "established_on": ward["ctx"].today.strftime("%d/%m/%Y"),
            "m1_full_name": "Hoàng Văn Mặt Trận", "m1_board_role": "truong_ban", "m1_representing": "mttq",
            "m2_full_name": "Lục Thị Thanh Tra", "m2_board_role": "uy_vien", "m2_representing": "bttnd"}
    for i in (3, 4):
        form |= {f"m{i}_full_name": f"Cư Dân {i}", f"m{i}_board_role": "uy_vien", f"m{i}_representing": "nhan_dan",
                 f"m{i}_group_id": str(group)}
    r = front.post(f"/giamsat/du-an/{lighting.id}/ban", data=form)
    assert r.status_code == 422 and "ít nhất 5 thành viên" in r.text and "(R-GS-03)" in r.text
    assert 'value="30/QĐ-MTTQ"' in r.text  # what was typed is kept
    assert sv.get_project(lighting.id) and _board_of(lighting) is None
    form |= {"m5_full_name": "Cư Dân 5", "m5_board_role": "pho_truong_ban", "m5_representing": "nhan_dan",
             "m5_group_id": str(group), "m5_rel_party": "nha_thau", "m5_rel_name": "Cư Văn Thầu",
             "m5_rel_relation": "em ruột"}
    r = front.post(f"/giamsat/du-an/{lighting.id}/ban", data=form)
    assert r.status_code == 422 and "nhà thầu thi công" in r.text and _board_of(lighting) is None
    form |= {"m5_rel_party": "", "m5_rel_name": "", "m5_rel_relation": ""}
    r = front.post(f"/giamsat/du-an/{lighting.id}/ban", data=form, follow_redirects=False)
    assert r.status_code == 303 and len(_board_of(lighting).members) == 5


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
    board = _board_of(ward["road"])
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


def test_new_project_form_takes_grouped_money_and_several_groups(ward, client_for):
    kinhte = client_for("kinhte")
    page = kinhte.get("/giamsat/du-an/moi")
    groups = [str(g) for g in ward["road"].group_ids[:2]]
    form = {"csrf_token": csrf_from(page.text), "name": "Kè suối Tổ dân phố số 3", "investor": "UBND phường",
            "funding": "ngan_sach_xa", "location": "Suối Nông Thượng", "group_ids": groups,
            "value_vnd": "2,5 tỷ", "start_on": "01/03/2026", "end_on": "31/12/2026"}
    r = kinhte.post("/giamsat/du-an/moi", data=form)
    assert r.status_code == 422 and "ví dụ 2.500.000.000" in r.text and 'value="Kè suối Tổ dân phố số 3"' in r.text
    r = kinhte.post("/giamsat/du-an/moi", data={**form, "value_vnd": "2.500.000.000"}, follow_redirects=False)
    assert r.status_code == 303
    project = next(p for p, _ in sv.project_rows(ward["services"], actor=SYSTEM_ACTOR) if p.name.startswith("Kè suối"))
    assert project.value_vnd == 2_500_000_000 and sorted(project.group_ids) == sorted(int(g) for g in groups)
    body = {k: v for k, v in form.items() if k != "csrf_token"}
    r = kinhte.post("/giamsat/du-an/moi.json", json={**body, "value_vnd": 1_000, "group_ids": [], "extra": 1},
                    headers={"X-CSRF-Token": csrf(kinhte)})
    assert r.status_code == 422 and {e["field"] for e in r.json()["errors"]} == {"extra"}


@pytest.mark.rule("R-GS-03")
def test_a_member_leaves_and_the_board_is_told_what_it_lacks(ward, client_for):
    front = client_for("mattran")
    board = _board_of(ward["drain"])
    resident = next(m for m in board.members if m.board_role == "pho_truong_ban")
    r = front.post(f"/giamsat/thanh-vien/{resident.id}/thoi.json", json={"left_on": "", "note": ""},
                   headers={"X-CSRF-Token": csrf(front)})
    assert r.status_code == 422
    page = front.post(f"/giamsat/thanh-vien/{resident.id}/thoi", data={"csrf_token": csrf(front), "left_on": "x"})
    assert page.status_code == 422 and ward["drain"].name in page.text  # the supervision file again
    r = front.post(f"/giamsat/thanh-vien/{resident.id}/thoi.json",
                   json={"left_on": ward["ctx"].today.isoformat(), "note": "Chuyển nơi cư trú"},
                   headers={"X-CSRF-Token": csrf(front)})
    # four members are left: the board must be completed (R-GS-03), the JSON says so
    assert r.status_code == 200 and any("ít nhất 5 thành viên" in m for m in r.json()["lacking"])
    after = _board_of(ward["drain"])
    assert resident.id in {m.id for m in after.former_members} and resident.id not in {m.id for m in after.members}
    public = client_for().get(f"/giamsat/du-an/{ward['drain'].id}.json").json()
    assert resident.full_name not in {m["full_name"] for m in public["board"]["members"]}


def test_the_staff_register_goes_page_by_page_newest_start_first(ward, client_for, services, monkeypatch):
    """Issue 16: the register reads one page at a time (no read of the whole table); every
    project is on exactly one page, newest start first, and the JSON keeps its keys."""
    import datetime as dt

    from thanthien.plugins.giamsat.views import staff

    groups = [g.id for g in sv.community_groups()][:1]
    for i in range(5):
        sv.create_project(services, name=f"Đường nhánh số {i}", investor="UBND phường", funding="dau_tu_cong",
                          location="Tổ 1", group_ids=groups, start_on=dt.date(2030, 1, 1 + i), actor=SYSTEM_ACTOR)
    monkeypatch.setattr(staff, "PER_PAGE", 3)
    chair = client_for("chutich")
    first = chair.get("/giamsat/du-an.json").json()
    assert {"projects", "coverage", "warnings"} <= set(first) and first["page"] == 1 and first["has_next"] is True
    assert [p["project"]["name"] for p in first["projects"]] == [f"Đường nhánh số {i}" for i in (4, 3, 2)]
    seen, number, data = [], 1, first
    while True:
        seen += [p["project"]["id"] for p in data["projects"]]
        if not data["has_next"]:
            break
        number += 1
        data = chair.get(f"/giamsat/du-an.json?page={number}").json()
    assert len(seen) == len(set(seen)) == len(sv.project_rows(services, actor=SYSTEM_ACTOR))
    html = chair.get("/giamsat/du-an").text
    assert "Đường nhánh số 4" in html and 'rel="next" href="?page=2"' in html
    assert 'rel="prev" href="?page=1"' in chair.get("/giamsat/du-an?page=2").text
