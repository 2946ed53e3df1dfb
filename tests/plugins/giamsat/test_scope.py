"""Board roles (issue 10, item 3): one ``board_member`` role serves the People's Inspection
Board and every supervision board, so membership of THIS board — current — is the scope of
every board resource, in every service and route.

The attacks: a member of the People's Inspection Board only, a member of board B on board
A, an ex-member (membership ended, or the board dissolved), a group head and an officer of
another department are refused; the board's member, the Front Committee's officer and the
leaders are allowed what their role holds. A project without a board is reached by the
leaders and the economic department only. The expectations are written by hand, not
derived from the policy under test.
"""
from __future__ import annotations

import datetime as dt

import pytest
from thanthien.core import accounts, audit, people
from thanthien.core.access import actor_for_person
from thanthien.core.demo import DEMO_PASSWORD
from thanthien.core.errors import PermissionDenied
from thanthien.core.models import AuditRow
from thanthien.core.types import SYSTEM_ACTOR
from thanthien.plugins.giamsat import services as sv
from thanthien.plugins.giamsat.demo import PHOTO
from thanthien.plugins.giamsat.models import BoardRow, InspectionRow, MemberRow, PhotoRow, PlanRow
from thanthien.plugins.giamsat.types import MemberInput, PhotoUpload
from thanthien.testing import login, token
from thanthien.web.routing import PUBLIC, route_spec, walk_routes

from .helpers import SENDER, SENDER_PHONE, DECEMBER_1, at, board, demo_giamsat, members, project, staff

JAN = dt.date(2026, 1, 10)


# ---------------------------------------------------------------------------
# services
# ---------------------------------------------------------------------------

@pytest.fixture
def boards(services, world):
    """Board A (``world.board_member`` sits on it) with one of everything; board B with
    another member; an ex-member of A; a dissolved board C; a project without a board."""
    a = board(services, world)
    member_b = staff("Lục Văn Bê", "board_member", None, is_staff=False)
    b = board(services, world, project(services, world, name="Mương B"),
              bttnd=member_b)
    ex = staff("Hoàng Thị Cựu", "board_member", None, is_staff=False)
    sv.add_member(services, a.id, MemberInput(ex.name, "uy_vien", "bttnd", person_id=ex.person_id), actor=world.front)
    leaving = MemberRow.get(MemberRow.board == a.id, MemberRow.person == ex.person_id)
    sv.end_membership(services, leaving.id, left_on=dt.date.today(), note="Chuyển nơi cư trú", actor=world.front)
    dissolved_member = staff("Vi Văn Giải", "board_member", None, is_staff=False)
    c = board(services, world, project(services, world, name="Nhà văn hóa C"), bttnd=dissolved_member)
    sv.dissolve_board(services, c.id, dissolved_on=JAN, note="Kết thúc giám sát", actor=world.front)
    no_board = project(services, world, name="Đường chưa có Ban", funding="ngan_sach_xa")

    me = world.board_member
    plan, _ = sv.create_plan(services, a.id, title="Kế hoạch A", start_on=dt.date(2026, 3, 1),
                             end_on=dt.date(2026, 6, 1), actor=me, today=DECEMBER_1)
    inspection = sv.record_inspection(services, a.id, held_on=JAN, place="Cống A", findings="Thiếu thép",
                                      serious_violation=True, photos=[PhotoUpload("a.png", PHOTO, "image/png")],
                                      actor=me)
    request = sv.send_info_request(services, a.id, sent_on=JAN, addressee="Chủ đầu tư", items=["tien_do"], actor=me)
    report = sv.receive_report(services, a.project_id, channel="truc_tiep", content="Bụi", received_on=JAN,
                               sender_name=SENDER, sender_contact=SENDER_PHONE, actor=me)
    rec = sv.make_recommendation(services, a.id, kind="kien_nghi", content="Che chắn vật liệu", sent_on=JAN,
                                 actor=me)
    rec_b = sv.make_recommendation(services, b.id, kind="kien_nghi", content="Kiến nghị của Ban B", sent_on=JAN,
                                   actor=member_b)
    answered = sv.make_recommendation(services, a.id, kind="kien_nghi", content="Biển báo", sent_on=JAN, actor=me)
    answered = sv.answer_recommendation(services, answered.id, answer="Đã bổ sung", actor=world.chairman,
                                        at=at("2026-01-12T09:00"))
    bericht = sv.issue_board_report(services, a.id, kind="dinh_ky", period_start=DECEMBER_1, period_end=JAN,
                                    actor=me, issued_on=JAN)
    a = sv.get_board(a.id)
    return {"a": a, "b": b, "c": c, "no_board": no_board, "member_b": member_b, "ex": ex,
            "dissolved_member": dissolved_member, "plan": plan, "inspection": inspection, "request": request,
            "report": report, "rec": rec, "rec_b": rec_b, "answered": answered, "board_report": bericht,
            "photo": PhotoRow.get(PhotoRow.inspection == inspection.id).id,
            "member": next(m for m in a.members if m.representing == "nhan_dan")}


def operations(core, world, r) -> dict[str, tuple[str, object]]:
    """Every service on board A's resources: name → (what it needs, a call taking the actor)."""
    a, today = r["a"], JAN
    return {
        # reads (giamsat.view within A's scope)
        "view_project": ("read", lambda who: sv.view_project(core, a.project_id, actor=who)),
        "view_board": ("read", lambda who: sv.view_board(core, a.id, actor=who)),
        "board_of": ("read", lambda who: sv.board_of(core, a.project_id, actor=who)),
        "plans": ("read", lambda who: sv.plans(core, a.id, actor=who)),
        "checks": ("read", lambda who: sv.checks(core, a.id, actor=who)),
        "inspections": ("read", lambda who: sv.inspections(core, a.id, actor=who)),
        "photo": ("read", lambda who: sv.photo_file(core, r["photo"], actor=who)),
        "info_requests": ("read", lambda who: sv.info_requests(core, a.id, actor=who)),
        "citizen_reports": ("read", lambda who: sv.citizen_reports(core, a.project_id, actor=who)),
        "recommendations": ("read", lambda who: sv.recommendations(core, actor=who, board_id=a.id)),
        "board_reports": ("read", lambda who: sv.board_reports(core, a.id, actor=who)),
        # the board's own work (giamsat.supervise)
        "create_plan": ("supervise", lambda who: sv.create_plan(core, a.id, title="X", start_on=today,
                                                                end_on=today, actor=who)),
        "update_check": ("supervise", lambda who: sv.update_check(core, a.id, item="tien_do", status="dat",
                                                                  actor=who)),
        "record_inspection": ("supervise", lambda who: sv.record_inspection(core, a.id, held_on=today, place="X",
                                                                            findings="Y", actor=who)),
        "send_info_request": ("supervise", lambda who: sv.send_info_request(core, a.id, sent_on=today, addressee="X",
                                                                            items=["tien_do"], actor=who)),
        "record_request_answer": ("supervise", lambda who: sv.record_request_answer(
            core, r["request"].id, answered_on=today, answer="Z", actor=who)),
        "receive_report": ("supervise", lambda who: sv.receive_report(core, a.project_id, channel="truc_tiep",
                                                                      content="X", received_on=today, actor=who)),
        "handle_report": ("supervise", lambda who: sv.handle_report(core, r["report"].id, result="X",
                                                                    handled_on=today, actor=who)),
        "make_recommendation": ("supervise", lambda who: sv.make_recommendation(core, a.id, kind="kien_nghi",
                                                                                content="X", sent_on=today,
                                                                                actor=who)),
        "issue_board_report": ("supervise", lambda who: sv.issue_board_report(core, a.id, kind="dinh_ky",
                                                                              period_start=today, period_end=today,
                                                                              actor=who)),
        # the Front Committee's (giamsat.boards)
        "add_member": ("boards", lambda who: sv.add_member(core, a.id, MemberInput("Y", "uy_vien", "bttnd"),
                                                           actor=who)),
        "end_membership": ("boards", lambda who: sv.end_membership(core, r["member"].id, left_on=today, note="X",
                                                                   actor=who)),
        "record_plan_notice": ("boards", lambda who: sv.record_plan_notice(core, r["plan"].id, notified_on=today,
                                                                           notice_ref="1/TB", actor=who)),
        "announce": ("boards", lambda who: sv.announce(core, a.id, actor=who)),
        "dissolve_board": ("boards", lambda who: sv.dissolve_board(core, a.id, dissolved_on=today, note="X",
                                                                   actor=who)),
        # the UBND's (giamsat.answer)
        "answer_recommendation": ("answer", lambda who: sv.answer_recommendation(core, r["rec"].id, answer="X",
                                                                                 actor=who)),
    }


def outsiders(world, r) -> dict[str, object]:
    return {"People's Inspection Board member": world.inspector, "member of board B": r["member_b"],
            "ex-member": r["ex"], "member of a dissolved board": r["dissolved_member"],
            "group head": world.group_head, "officer of another department": world.other_officer}


def test_outsiders_are_refused_every_service_on_the_board(services, world, boards):
    before = AuditRow.select().count()
    for name, (_, call) in operations(services, world, boards).items():
        for who_label, who in outsiders(world, boards).items():
            with pytest.raises(PermissionDenied):
                call(who)
                pytest.fail(f"{who_label} was allowed {name}")
    assert AuditRow.select().count() == before  # nothing was written, not even a read of a sender


#: what each insider may do on board A, by hand (read / supervise / boards / answer)
ALLOWED = {
    "board member of A": {"read", "supervise"},
    "Front Committee officer": {"read", "supervise", "boards"},
    "chairman": {"read", "answer"},
    "vice-chairman": {"read", "answer"},
    "economic department": {"read"},
}


def test_insiders_are_allowed_what_their_role_holds_and_refused_the_rest(services, world, boards):
    insiders = {"board member of A": world.board_member, "Front Committee officer": world.front,
                "chairman": world.chairman, "vice-chairman": world.vice, "economic department": world.officer}
    ops = operations(services, world, boards)
    reads = {n: c for n, (kind, c) in ops.items() if kind == "read"}
    for label, who in insiders.items():
        for name, call in reads.items():
            call(who)  # no PermissionDenied
        for name, (kind, call) in ops.items():
            if kind == "read" or kind in ALLOWED[label]:
                continue
            with pytest.raises(PermissionDenied):
                call(who)
    # the writes themselves, once each by who may (the board's member, the front, the chairman)
    for name, (kind, call) in ops.items():
        if kind == "supervise":
            call(world.board_member)
    for name in ("add_member", "record_plan_notice", "announce", "end_membership"):
        ops[name][1](world.front)
    ops["answer_recommendation"][1](world.chairman)
    ops["dissolve_board"][1](world.front)
    assert sv.get_board(boards["a"].id).state == "dissolved"
    # once dissolved, its members are ex-members: reading is refused to them
    with pytest.raises(PermissionDenied):
        sv.plans(services, boards["a"].id, actor=world.board_member)
    assert sv.plans(services, boards["a"].id, actor=world.front)


def test_a_project_without_a_board_is_reached_by_leaders_and_the_economic_department_only(services, world, boards):
    pid = boards["no_board"].id
    for who in (world.chairman, world.vice, world.officer):
        assert sv.view_project(services, pid, actor=who).id == pid
        assert sv.citizen_reports(services, pid, actor=who) == []
    for who in (world.board_member, world.inspector, world.front, world.group_head, world.other_officer,
                boards["member_b"]):
        with pytest.raises(PermissionDenied):
            sv.view_project(services, pid, actor=who)
    # the Front Committee sets its board up; a board member cannot receive reports for it
    with pytest.raises(PermissionDenied):
        sv.receive_report(services, pid, channel="truc_tiep", content="X", received_on=JAN, actor=world.board_member)
    b = sv.create_board(services, pid, decision_ref="9/QĐ-MTTQ", established_on=DECEMBER_1,
                        members=members(world), actor=world.front)
    assert sv.view_project(services, pid, actor=world.board_member).id == pid  # now a member of its board
    assert sv.view_board(services, b.id, actor=world.front).id == b.id


def test_lists_show_a_member_only_his_own_boards(services, world, boards):
    a, b = boards["a"], boards["b"]
    mine = {p.id for p, _ in sv.project_rows(services, actor=world.board_member)}
    assert mine == {a.project_id}
    assert {p.id for p, _ in sv.project_rows(services, actor=boards["member_b"])} == {b.project_id}
    for who in (world.inspector, boards["ex"], boards["dissolved_member"], world.other_officer):
        assert sv.project_rows(services, actor=who) == []
        assert sv.recommendations(services, actor=who) == []
        assert sv.warnings(services, JAN, actor=who) == []
    assert {r.id for r in sv.recommendations(services, actor=boards["member_b"])} == {boards["rec_b"].id}
    assert boards["rec_b"].id not in {r.id for r in sv.recommendations(services, actor=world.board_member)}
    # the register and the warnings for the leaders, the front and the economic department
    everything = {p.id for p, _ in sv.project_rows(services, actor=SYSTEM_ACTOR)}
    assert {p.id for p, _ in sv.project_rows(services, actor=world.chairman)} == everything
    assert {p.id for p, _ in sv.project_rows(services, actor=world.officer)} == everything
    assert boards["no_board"].id in {p.id for p, _ in sv.project_rows(services, actor=world.front,
                                                                       permissions=("giamsat.view",
                                                                                    "giamsat.boards"))}
    assert sv.reach(services, world.board_member, "giamsat.view").boards == frozenset({a.id})


def test_residents_report_sender_is_shown_only_within_the_board_and_the_read_is_logged(services, world, boards):
    pid = boards["a"].project_id
    for who in (world.board_member, world.chairman, world.front):
        before = audit.entries(action="giamsat.reports.view_personal")
        got = next(r for r in sv.citizen_reports(services, pid, actor=who) if r.id == boards["report"].id)
        assert (got.sender_name, got.sender_contact, got.identity_withheld) == (SENDER, SENDER_PHONE, False)
        after = audit.entries(action="giamsat.reports.view_personal")
        assert len(after) == len(before) + 1
        assert after[0].actor_id == who.person_id and boards["report"].id in after[0].after["reports"]
    # the economic department reads the board's file, not who reported
    before = len(audit.entries(action="giamsat.reports.view_personal"))
    got = next(r for r in sv.citizen_reports(services, pid, actor=world.officer) if r.id == boards["report"].id)
    assert (got.sender_name, got.sender_contact, got.identity_withheld) == ("", "", True)
    assert len(audit.entries(action="giamsat.reports.view_personal")) == before


def test_the_board_documents_inherit_the_board_scope(services, world, boards):
    report_doc = services.documents.get(boards["board_report"].document_id)
    answer_doc = services.documents.get(boards["answered"].document_id)
    for doc in (report_doc, answer_doc):
        for who in (world.board_member, world.chairman, world.front):
            assert services.documents.can_read(who, doc), who
        for who in outsiders(world, boards).values():
            assert not services.documents.can_read(who, doc), who


# ---------------------------------------------------------------------------
# routes
# ---------------------------------------------------------------------------

LOGINS = ["bantt", "chutich", "phochutich", "kinhte", "mattran", "vanhoa", "totruong01", "thanhtra", "banb",
          "cuthanhvien"]
#: who may use each staff route on the road's board (A) — by hand; everyone else gets 403
MEMBER, LEADERS, FRONT, ECON = {"bantt"}, {"chutich", "phochutich"}, {"mattran"}, {"kinhte"}
EXPECTED = {
    ("GET", "/giamsat/du-an/{id:int}/quan-ly"): MEMBER | LEADERS | FRONT | ECON,
    ("GET", "/giamsat/anh/{id:int}"): MEMBER | LEADERS | FRONT | ECON,
    ("GET", "/giamsat/du-an/{id:int}/ban"): FRONT,
    ("POST", "/giamsat/du-an/{id:int}/ban"): FRONT,
    ("POST", "/giamsat/du-an/{id:int}/phan-anh"): MEMBER | FRONT,
    ("POST", "/giamsat/ban/{id:int}/ke-hoach"): MEMBER | FRONT,
    ("POST", "/giamsat/ban/{id:int}/noi-dung"): MEMBER | FRONT,
    ("POST", "/giamsat/ban/{id:int}/kiem-tra"): MEMBER | FRONT,
    ("POST", "/giamsat/ban/{id:int}/yeu-cau"): MEMBER | FRONT,
    ("POST", "/giamsat/ban/{id:int}/kien-nghi"): MEMBER | FRONT,
    ("POST", "/giamsat/ban/{id:int}/bao-cao"): MEMBER | FRONT,
    ("POST", "/giamsat/yeu-cau/{id:int}/tra-loi"): MEMBER | FRONT,
    ("POST", "/giamsat/phan-anh/{id:int}/xu-ly"): MEMBER | FRONT,
    ("POST", "/giamsat/ban/{id:int}/thanh-vien"): FRONT,
    ("POST", "/giamsat/ban/{id:int}/giai-the"): FRONT,
    ("POST", "/giamsat/ban/{id:int}/cong-khai"): FRONT,
    ("POST", "/giamsat/thanh-vien/{id:int}/thoi"): FRONT,
    ("POST", "/giamsat/ke-hoach/{id:int}/thong-bao"): FRONT,
    ("POST", "/giamsat/kien-nghi/{id:int}/tra-loi"): LEADERS,
}


@pytest.fixture
def ward(settings, pm, db, services):
    """The demo ward, plus: a People's Inspection Board member on no supervision board
    (``thanhtra``), the only BTTND member of a new board on the lighting project (``banb``)
    and an ex-member of the road's board (``cuthanhvien``)."""
    w = demo_giamsat(settings, pm, services)
    ctx, bttnd = w["ctx"], w["ctx"].units["BTTND"]

    def account(login_name, name):
        person = people.create_person(name, is_staff=True, unit_id=bttnd.id, position="Thành viên Ban TTND")
        people.grant_role(person.id, "board_member", bttnd.id)
        accounts.create_account(person.id, login_name, DEMO_PASSWORD)
        return actor_for_person(person.id, person.full_name)

    account("thanhtra", "Lương Thị Thanh Tra")
    banb = account("banb", "Đặng Văn Ban Bê")
    ex = account("cuthanhvien", "Bế Văn Cựu")
    front = ctx.actor("mattran")
    lighting = w["lighting"]
    group = lighting.group_ids[0]
    ms = [MemberInput("Ma Văn Mặt Trận", "truong_ban", "mttq"),
          MemberInput(banb.name, "uy_vien", "bttnd", person_id=banb.person_id)]
    ms += [MemberInput(f"Cư Dân Bê {i}", "pho_truong_ban" if i == 0 else "uy_vien", "nhan_dan", group_id=group)
           for i in range(3)]
    w["board_b"] = sv.create_board(services, lighting.id, decision_ref="40/QĐ-MTTQ", established_on=ctx.today,
                                   members=ms, actor=front)
    road = sv.get_board(BoardRow.get(BoardRow.project == w["road"].id).id)
    sv.add_member(services, road.id, MemberInput(ex.name, "uy_vien", "bttnd", person_id=ex.person_id), actor=front)
    row = MemberRow.get(MemberRow.board == road.id, MemberRow.person == ex.person_id)
    sv.end_membership(services, row.id, left_on=ctx.today, note="Xin thôi", actor=front)
    w["board_a"] = road
    return w


@pytest.fixture
def app(settings, pm, db, ward):
    from thanthien.web.app import create_app

    return create_app(settings, pm, db=db)


def _samples(ward) -> dict[str, int]:
    """The road's board (A) resources, by the first segment of a route's path."""
    a = ward["board_a"]
    rec = sv.board_recommendations(a.id)[0]
    report = next(r for r in sv.citizen_reports(ward["services"], a.project_id, actor=SYSTEM_ACTOR)
                  if r.sender_name == SENDER)
    return {"du-an": a.project_id, "ban": a.id, "thanh-vien": a.members[-1].id,
            "ke-hoach": PlanRow.get(PlanRow.board == a.id).id, "yeu-cau": sv.info_requests(
                ward["services"], a.id, actor=SYSTEM_ACTOR)[0].id, "phan-anh": report.id, "kien-nghi": rec.id,
            "anh": PhotoRow.select().join(InspectionRow).where(InspectionRow.board == a.id).first().id}


def _staff_routes(app):
    for path, route in walk_routes(app.routes):
        spec = route_spec(route)
        if spec is None or not path.startswith("/giamsat/") or spec.permission == PUBLIC or "{" not in path:
            continue
        for method in spec.methods:
            if method != "HEAD":
                yield method, path, spec


def test_every_staff_route_refuses_outsiders_and_lets_the_board_act(app, ward, make_client):
    samples = _samples(ward)
    clients = {name: login(make_client(), name) for name in LOGINS}
    seen = set()
    for method, path, spec in _staff_routes(app):
        key = (method, path.replace(".json", ""))
        assert key in EXPECTED, f"{key} is not in the hand-written table"
        seen.add(key)
        url = path.replace("{id:int}", str(samples[path.split("/")[2]]))
        for name, client in clients.items():
            if method == "GET":
                r = client.get(url, follow_redirects=False)
            elif path.endswith(".json"):
                r = client.post(url, json={}, headers={"X-CSRF-Token": token(client)}, follow_redirects=False)
            else:
                r = client.post(url, data={"csrf_token": token(client)}, follow_redirects=False)
            where = f"{name} {method} {url} -> {r.status_code}"
            if name in EXPECTED[key]:
                assert r.status_code not in (401, 403) and "/login" not in r.headers.get("location", ""), where
            else:
                assert r.status_code == 403, where
                assert SENDER not in r.text and SENDER_PHONE not in r.text, where
    assert seen == set(EXPECTED)


def test_lists_and_documents_show_nothing_of_another_board(app, ward, make_client):
    road, a = ward["road"], ward["board_a"]
    rec = sv.board_recommendations(a.id)[0]
    for name in ("thanhtra", "banb", "cuthanhvien", "vanhoa"):
        client = login(make_client(), name)
        for url in ("/giamsat/du-an", "/giamsat/du-an.json", "/giamsat/kien-nghi", "/giamsat/kien-nghi.json",
                    "/giamsat/chi-tieu", "/giamsat/chi-tieu.json"):
            r = client.get(url)
            assert r.status_code == 200, (name, url)
            for secret in (road.name, rec.number, SENDER, SENDER_PHONE):
                assert secret not in r.text, (name, url, secret)
        assert client.get(f"/documents/{rec.document_id}").status_code == 403, name
    member = login(make_client(), "bantt")
    assert road.name in member.get("/giamsat/du-an").text
    assert ward["lighting"].name not in member.get("/giamsat/du-an").text  # board B's project
    assert member.get(f"/documents/{rec.document_id}").status_code == 200
    # registering a project is for the economic department and the leaders, not another department
    for name, status in (("vanhoa", 403), ("bantt", 403), ("kinhte", 422), ("chutich", 422)):
        client = login(make_client(), name)
        r = client.post("/giamsat/du-an/moi.json", json={}, headers={"X-CSRF-Token": token(client)})
        assert r.status_code == status, (name, r.status_code)
    group_head = login(make_client(), "totruong01")
    for url in ("/giamsat/du-an", "/giamsat/kien-nghi.json", "/giamsat/chi-tieu"):
        assert group_head.get(url).status_code == 403


def test_the_supervision_file_shows_the_sender_only_within_the_board(app, ward, make_client):
    url = f"/giamsat/du-an/{ward['road'].id}/quan-ly"
    for name in ("bantt", "chutich", "mattran"):
        page = login(make_client(), name).get(url)
        assert page.status_code == 200 and SENDER in page.text and SENDER_PHONE in page.text, name
    kinhte = login(make_client(), "kinhte")
    body = kinhte.get(url + ".json").json()
    assert body["reports"] and all(r["sender_name"] == "" and r["sender_contact"] == "" for r in body["reports"]
                                   if r["identity_withheld"])
    assert SENDER not in kinhte.get(url).text and SENDER_PHONE not in kinhte.get(url + ".json").text
    logged = {e.actor_name for e in audit.entries(action="giamsat.reports.view_personal")}
    assert {ward["ctx"].staff["bantt"].full_name, ward["ctx"].staff["chutich"].full_name} <= logged
