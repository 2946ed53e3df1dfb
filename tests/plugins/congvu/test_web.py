"""The congvu pages through the app, on the demo ward: every page has a permission and a
JSON twin; the 422s of the five clarities and of closing without evidence, in JSON and
HTML; the plan's progress per section and per unit; a resident's compliment and complaint
from the public form; the chairman's dashboard widget; a complaint about a staff member
in no public output (every public route swept); the CLI's daily check."""
from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from openapi_spec_validator import validate
from thanthien.core import accounts, demo
from thanthien.core.cli import CliContext, run_cli
from thanthien.core.plugins import make_plugin_manager
from thanthien.core.services import make_services
from thanthien.core.types import SYSTEM_ACTOR
from thanthien.plugins.congvu import services as sv
from thanthien.testing import csrf_from, post
from thanthien.web.app import create_app
from thanthien.web.cli import web_commands
from thanthien.web.routing import PUBLIC, route_spec, walk_routes

SECRET = "Nội-dung-phản-ánh-RIÊNG-TƯ-7731"
RESIDENT = "Quàng Thị Bímật"


@pytest.fixture
def bare_ward(settings, db, core):
    """The demo ward without congvu's demo year (fast): units, staff with badges, accounts."""
    only = make_plugin_manager(settings, load_entrypoints=False, plugins=[])
    ctx = demo.build_demo_ward(settings, only, make_services(settings, only), households=5, seed=3)
    accounts.create_demo_accounts(core)
    return ctx


@pytest.fixture
def ids(core, demo_ward):
    """One of each record of the demo, for the pages' paths."""
    plan = sv.current_plan()
    item = min(sv.items(core, plan.id, actor=SYSTEM_ACTOR), key=lambda i: (i.deadline, i.id))
    task = sv.tasks(core, actor=SYSTEM_ACTOR, limit=1)[0]
    file_task = next(t for t in sv.tasks(core, actor=SYSTEM_ACTOR, state="done", limit=500)
                     if any(e.file for e in sv.evidence(t.id)))
    return {"ke-hoach": plan.id, "muc": item.id, "nhiem-vu": task.id,
            "phan-anh": sv.reports(core, actor=SYSTEM_ACTOR)[0].id,
            "vi-pham": sv.breaches(core, actor=SYSTEM_ACTOR)[0].id,
            "ra-soat": sv.reviews(core, actor=SYSTEM_ACTOR)[0].id,
            "hoi-nghi": sv.events(core, actor=SYSTEM_ACTOR)[0].id, "danh-gia": demo_ward.staff["motcua"].id,
            "tep": next(e.file.id for e in sv.evidence(file_task.id) if e.file)}


def _concrete(path: str, ids: dict) -> str | None:
    m = re.search(r"/([a-z-]+)/\{id:int\}", path)
    if not m:
        return path
    if m.group(1) not in ids:
        return None
    return path.replace("{id:int}", str(ids[m.group(1)]))


def _get_routes(app):
    for path, route in walk_routes(app.routes):
        spec = route_spec(route)
        if spec is not None and path.startswith("/congvu") and "GET" in spec.methods:
            yield path, spec


def test_every_page_has_a_permission_a_json_twin_and_renders(app, make_client, ids):
    chair = make_client("chutich")
    anonymous = make_client()
    seen = set()
    for path, spec in _get_routes(app):
        assert spec.permission, path
        url = _concrete(path, ids)
        assert url is not None, path
        r = chair.get(url)
        assert r.status_code == 200, (url, r.status_code, r.text[:300])
        if spec.json:
            assert r.json()["ok"] is True, url
        elif spec.json_twin:
            assert "application/json" in r.headers["link"], url
        seen.add(path)
        if spec.permission != PUBLIC:
            anon = anonymous.get(url, follow_redirects=False)
            assert anon.status_code in (302, 401), url
    assert {"/congvu/", "/congvu/index.json", "/congvu/ke-hoach/{id:int}/tien-do.json", "/congvu/gop-y",
            "/congvu/can-bo-truc.json", "/congvu/quy-tac-ung-xu"} <= seen


def test_public_pages_show_names_positions_badges_only(make_client, bare_ward):
    anon = make_client()
    rules = anon.get("/congvu/quy-tac-ung-xu")
    assert rules.status_code == 200 and "Xin chào" in rules.text and "Luôn lắng nghe" in rules.text
    assert "Không cửa quyền, hách dịch" in rules.text
    duty = anon.get("/congvu/can-bo-truc.json").json()
    if duty["staff"]:
        assert set(duty["staff"][0]) == {"full_name", "position", "badge_number", "desk"}
    officer = bare_ward.staff["motcua"]
    page = anon.get("/congvu/can-bo-truc").text
    if duty["staff"]:
        assert officer.badge_number in page
    assert officer.phone not in page and officer.citizen_id not in page and "/congvu/tep/" not in page


def test_task_without_its_five_clarities_is_a_422_with_field_errors(make_client, bare_ward):
    chair = make_client("chutich")
    r = post(chair, "/congvu/nhiem-vu/moi.json", {}, json=True)
    assert r.status_code == 422 and r.json()["ok"] is False
    fields = {e["field"] for e in r.json()["errors"]}
    assert {"assignee_id", "title", "leader_id", "unit_id", "expected_result"} <= fields
    vp = bare_ward.units["VP"].id
    person = bare_ward.staff["kinhte"].id
    leader = bare_ward.staff["chutich"].id
    r = post(chair, "/congvu/nhiem-vu/moi.json", {"assignee_id": person, "title": "Việc", "leader_id": leader,
                                                  "unit_id": vp, "expected_result": "Kết quả",
                                                  "source_kind": "meeting_conclusion", "source_ref": "Giao ban"},
             json=True)
    assert r.status_code == 422 and [e["field"] for e in r.json()["errors"]] == ["deadline"]
    # the HTML form comes back with the messages and what was typed
    page = chair.get("/congvu/nhiem-vu/moi")
    r = chair.post("/congvu/nhiem-vu/moi", data={"title": "Việc có tên", "csrf_token": csrf_from(page.text)})
    assert r.status_code == 422 and "Rõ người: vui lòng chọn người thực hiện." in r.text and "Việc có tên" in r.text
    ok = post(chair, "/congvu/nhiem-vu/moi.json", {"assignee_id": person, "title": "Việc", "leader_id": leader,
                                                   "unit_id": vp, "expected_result": "Kết quả", "working_days": 3,
                                                   "source_kind": "meeting_conclusion", "source_ref": "Giao ban"},
              json=True)
    assert ok.status_code == 200 and ok.json()["task_id"] and ok.json()["redirect"].startswith("/congvu/nhiem-vu/")


def test_closing_without_evidence_or_sign_off_is_refused_in_json(core, make_client, bare_ward):
    chair_actor = bare_ward.actor("chutich")
    kinhte = bare_ward.actor("kinhte")
    task = sv.assign_task(core, title="Sửa loa truyền thanh cụm 3", assignee_id=kinhte.person_id,
                          leader_id=chair_actor.person_id, unit_id=bare_ward.units["KTHTDT"].id, working_days=5,
                          expected_result="Cụm loa 3 hoạt động", source_kind="meeting_conclusion",
                          source_ref="Giao ban tuần", actor=chair_actor)
    officer, chair = make_client("kinhte"), make_client("chutich")
    r = post(chair, f"/congvu/nhiem-vu/{task.id}/nghiem-thu.json", {}, json=True)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "evidence"
    r = post(officer, f"/congvu/nhiem-vu/{task.id}/bao-cao-hoan-thanh.json", {"result": "Đã sửa"}, json=True)
    assert r.status_code == 422 and [e["field"] for e in r.json()["errors"]] == ["evidence"]
    r = post(officer, f"/congvu/nhiem-vu/{task.id}/nghiem-thu.json", {}, json=True)
    assert r.status_code == 403  # the assignee does not sign his own task off
    r = post(officer, f"/congvu/nhiem-vu/{task.id}/bao-cao-hoan-thanh",
             {"result": "Đã sửa", "evidence_note": "Biên bản nghiệm thu"},
             files={"files": ("anh.png", b"\x89PNG\r\n\x1a\n0000", "image/png")})
    assert r.status_code == 303
    assert sv.get_task(task.id).state == "submitted"
    r = post(chair, f"/congvu/nhiem-vu/{task.id}/nghiem-thu.json", {"note": "Đồng ý"}, json=True)
    assert r.status_code == 200 and sv.get_task(task.id).state == "done"
    page = officer.get(f"/congvu/nhiem-vu/{task.id}")
    assert "Đã hoàn thành" in page.text and "anh.png" in page.text
    # the evidence file: the task's readers only
    file_id = next(e.file.id for e in sv.evidence(task.id) if e.file)
    assert officer.get(f"/congvu/tep/{file_id}").status_code == 200
    assert make_client("totruong01").get(f"/congvu/tep/{file_id}").status_code == 403


def test_plan_progress_per_section_and_unit_with_json_twin(make_client, ids):
    chair = make_client("chutich")
    data = chair.get(f"/congvu/ke-hoach/{ids['ke-hoach']}/tien-do.json").json()
    assert [s["key"] for s in data["sections"]] == ["I", "II", "III", "IV", "V"]
    assert data["total"]["items"] == sum(s["items"] for s in data["sections"]) >= 30
    units = {u["label"] for u in data["units"]}
    assert {"Văn phòng HĐND và UBND", "Phòng Văn hóa - Xã hội", "Trung tâm Phục vụ hành chính công"} <= units
    page = chair.get(f"/congvu/ke-hoach/{ids['ke-hoach']}/tien-do").text
    assert "Theo đơn vị chủ trì" in page and "Trung tâm Phục vụ hành chính công" in page
    plan = chair.get(f"/congvu/ke-hoach/{ids['ke-hoach']}.json").json()
    first = plan["sections"][0]["items"][0]
    assert first["owner_unit"] and first["leader_name"] and first["deadline"] and first["expected_result"]


def test_dashboard_shows_late_items_and_their_owners(core, make_client, bare_ward):
    plan = sv.load_seed_plan(core, actor=SYSTEM_ACTOR)  # the 2025 dates: every item is late
    item = min(sv.items(core, plan.id, actor=SYSTEM_ACTOR), key=lambda i: (i.deadline, i.id))
    chair, officer = bare_ward.actor("chutich"), bare_ward.actor("kinhte")
    sv.assign_task(core, title=item.title, assignee_id=officer.person_id, leader_id=chair.person_id,
                   unit_id=item.owner_unit_id, deadline=dt.date.today() + dt.timedelta(days=5),
                   expected_result=item.expected_result, source_kind="plan_item", item_id=item.id, actor=chair)
    late = sv.late_items(core, actor=bare_ward.actor("chutich"), today=dt.date.today())
    assert late, "the demo leaves some items late"
    data = make_client("chutich").get("/dashboard.json").json()
    widget = next(w for w in data["widgets"] if w["key"] == "congvu.late_items")
    rows = widget["data"]["items"]
    assert {r["code"] for r in rows} <= {i.code for i in late} and len(rows) == min(20, len(late))
    assert all(r["owner_unit"] and r["leader"] for r in rows)
    assert any(r["assignees"] for r in rows)
    html = make_client("chutich").get("/dashboard").text
    assert "Mục kế hoạch quá hạn và người chịu trách nhiệm" in html and rows[0]["owner_unit"] in html
    group_head = make_client("totruong01").get("/dashboard.json")
    assert all(w["key"] != "congvu.late_items" for w in group_head.json().get("widgets", []))


def test_resident_compliment_and_complaint_from_the_public_form(make_client, bare_ward):
    anon = make_client()
    officer = bare_ward.staff["motcua"]
    page = anon.get(f"/congvu/gop-y?the={officer.badge_number}")
    assert page.status_code == 200 and officer.badge_number in page.text
    r = anon.post("/congvu/gop-y", data={"kind": "compliment", "staff": officer.badge_number,
                                         "content": "Cán bộ hướng dẫn rất tận tình",
                                         "csrf_token": csrf_from(page.text)},
                  follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/congvu/gop-y/da-gui?loai=compliment")
    assert "Cảm ơn" in anon.get(r.headers["location"]).text
    # a complaint without the resident's name and phone is refused with the fields named
    page = anon.get("/congvu/gop-y")
    r = anon.post("/congvu/gop-y", data={"kind": "complaint", "staff": officer.badge_number, "content": "Chờ lâu",
                                         "csrf_token": csrf_from(page.text)})
    assert r.status_code == 422 and "Vui lòng ghi họ tên" in r.text
    r = post(anon, "/congvu/kiosk.json", {"kind": "complaint", "staff": officer.full_name, "content": "Chờ lâu",
                                          "resident_name": RESIDENT, "resident_phone": "0912000222"}, json=True)
    assert r.status_code == 200 and r.json()["kind"] == "complaint" and r.json()["number"].startswith("PACV-")


def test_a_complaint_appears_in_the_staff_summary_and_in_no_public_output(settings, db, core, bare_ward,
                                                                           make_client):
    officer = bare_ward.staff["motcua"]
    report = sv.file_report(core, kind="complaint", staff=officer.badge_number, content=SECRET,
                            resident_name=RESIDENT, resident_phone="0912000333", channel="web")
    year = dt.date.today().year
    chair, self_ = make_client("chutich"), make_client("motcua")
    summary = chair.get(f"/congvu/danh-gia/{officer.id}.json?nam={year}").json()
    assert summary["summary"]["complaints"] >= 1
    assert any(r["content"] == SECRET for r in summary["reports"])
    own = self_.get(f"/congvu/phan-anh/{report.id}.json").json()["report"]
    assert own["content"] == SECRET and own["resident_name"] == "" and own["resident_masked"] is True
    assert RESIDENT in chair.get(f"/congvu/phan-anh/{report.id}").text
    assert make_client("kinhte").get(f"/congvu/phan-anh/{report.id}").status_code == 403
    # every public page of every installed module, HTML and JSON: neither the complaint nor the resident
    from thanthien.core.plugins import make_plugin_manager
    from thanthien.core.storage.migrate import migrate_all
    from thanthien.plugins import congvu

    full_pm = make_plugin_manager(settings, load_entrypoints=True, plugins=[("congvu", congvu)])
    migrate_all(db, full_pm, settings)
    full = create_app(settings, full_pm, db=db)
    from starlette.testclient import TestClient

    number = core.cases.get(report.case_id).number
    with TestClient(full, raise_server_exceptions=False) as anon:
        swept = 0
        for path, route in walk_routes(full.routes):
            spec = route_spec(route)
            if spec is None or spec.permission != PUBLIC or "GET" not in spec.methods or "{" in path:
                continue
            for url in (path, f"{path}?loai=complaint&so={number}&the={officer.badge_number}"):
                r = anon.get(url)
                assert SECRET not in r.text and RESIDENT not in r.text and "0912000333" not in r.text, url
                swept += 1
        assert swept > 20


def test_openapi_documents_the_congvu_json_routes(make_client, bare_ward):
    doc = make_client().get("/api/openapi.json").json()
    validate(doc)
    assert "/congvu/ke-hoach/{id}/tien-do.json" in doc["paths"]
    body = doc["paths"]["/congvu/nhiem-vu/moi.json"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/TaskForm"}
    required = set(doc["components"]["schemas"]["TaskForm"]["required"])
    assert required == {"assignee_id", "title", "leader_id", "unit_id", "expected_result"}


class _Ctx(CliContext):
    def close(self):  # the test's database stays open
        pass


def test_cli_daily_check_and_late_items(settings, pm, db, core, bare_ward):
    sv.load_seed_plan(core, actor=SYSTEM_ACTOR)  # the 2025 dates: every item is late
    out = io.StringIO()
    ctx = _Ctx(settings=settings, pm=pm, out=out)
    ctx._db = db
    assert run_cli(["congvu", "check"], lambda config: ctx, web_commands) == 0
    assert "nhiệm vụ quá hạn" in out.getvalue()
    out.seek(0)
    out.truncate(0)
    assert run_cli(["congvu", "late"], lambda config: ctx, web_commands) == 0
    assert "mục quá hạn" in out.getvalue()
    assert run_cli(["congvu", "kiem-tra", "--date", "2026-01-05"], lambda config: ctx, web_commands) == 0
    assert run_cli(["congvu", "progress"], lambda config: ctx, web_commands) == 0
    assert run_cli(["congvu", "indicators"], lambda config: ctx, web_commands) == 0
    assert "congvu.five_clarities_share\t" in out.getvalue() and "mục quá hạn" in out.getvalue()


def test_unit_head_sees_his_units_tasks_only(core, make_client, demo_ward):
    from thanthien.core import accounts

    pid = accounts.account_by_username("truongvp").person_id
    vp = demo_ward.units["VP"].id
    mine = make_client("truongvp").get("/congvu/nhiem-vu.json?xem=tat-ca").json()["tasks"]
    everything = make_client("chutich").get("/congvu/nhiem-vu.json?xem=tat-ca").json()["tasks"]
    assert mine and all(t["unit_id"] == vp or pid in (t["leader_id"], t["assignee_id"], *t["co_worker_ids"])
                        for t in mine)
    assert {t["id"] for t in mine} < {t["id"] for t in everything}
