"""Membership is the scope (issue 10, item 3): one ``board_member`` role serves the People's
Inspection Board and every Community Investment Supervision Board, so the role alone
reaches nothing of the inspection board — a member acts only while a recognised member
of the board's current term.

The attackers: a member of a supervision board (role on that board's unit, and a careless
ward-wide grant), an ex-member (released, role kept), a member of the previous term, a
member elected but not yet recognised (R-BQ-33) and a residential-group head. Each is
refused on every staff route of thanhtra (HTML, JSON, writes), on the board's documents
and in the services; the board's member, the leaders and UB MTTQ keep their rights. The
expected answers are a table written by hand, not derived from the policy under test.
"""
from __future__ import annotations

import datetime as dt

import pytest
from thanthien.core import accounts, people
from thanthien.core.access import Scope, actor_for_person
from thanthien.core.errors import PermissionDenied
from thanthien.plugins.thanhtra import services as sv
from thanthien.plugins.thanhtra.types import P_BOARD, P_VIEW, P_WORK
from thanthien.testing import token
from thanthien.web.app import create_app
from thanthien.web.routing import route_spec, walk_routes

from .helpers import PASSWORD, d, seat_board, vote

#: who may use each staff route of thanhtra (written by hand): "member" is a recognised
#: member of the current term, "chair" the chairperson, "front" the UB MTTQ officer
MEMBER, CHAIR, FRONT = "member", "chair", "front"
READERS = {MEMBER, CHAIR, FRONT}
TABLE = {
    ("GET", "/ban"): READERS,
    ("GET", "/bau-cu"): {MEMBER, FRONT},
    ("POST", "/bau-cu"): {MEMBER, FRONT},
    ("POST", "/bau-cu/bieu-quyet"): {MEMBER, FRONT},
    ("GET", "/bieu-quyet/{vote}"): {MEMBER, FRONT},
    ("POST", "/bieu-quyet/{vote}/phieu"): {MEMBER, FRONT},
    ("POST", "/bieu-quyet/{vote}/ket-thuc"): {MEMBER, FRONT},
    ("POST", "/nhiem-ky"): {MEMBER, FRONT},
    ("GET", "/thanh-vien/{member}"): READERS,
    ("POST", "/thanh-vien/{member}/cong-nhan"): {FRONT},
    ("POST", "/thanh-vien/{member}/chuc-danh"): {MEMBER, FRONT},
    ("POST", "/thanh-vien/{member}/thoi"): {MEMBER, FRONT},
    ("GET", "/ke-hoach"): READERS,
    ("POST", "/ke-hoach/them"): {MEMBER},
    ("POST", "/kiem-tra/them"): {MEMBER},
    ("GET", "/kiem-tra/{inspection}"): READERS,
    ("POST", "/kiem-tra/{inspection}/xu-ly"): {MEMBER},
    ("GET", "/phan-anh"): READERS,
    ("POST", "/phan-anh/them"): {MEMBER},
    ("GET", "/phan-anh/{petition}"): READERS,
    ("POST", "/phan-anh/{petition}/xu-ly"): {MEMBER},
    ("GET", "/kien-nghi"): READERS,
    ("POST", "/kien-nghi/them"): {MEMBER},
    ("GET", "/kien-nghi/{recommendation}"): READERS,
    ("POST", "/kien-nghi/{recommendation}/tra-loi"): {CHAIR},
    ("POST", "/kien-nghi/{recommendation}/rut"): {MEMBER},
    ("GET", "/khieu-nai"): READERS,
    ("GET", "/bao-cao"): READERS,
    ("POST", "/bao-cao/them"): {MEMBER},
    ("GET", "/chi-tieu"): READERS,
}
ATTACKERS = ("giamsat", "giamsat_ward", "ex_member", "other_term", "awaiting", "group_head")
LOGINS = {MEMBER: "bantt", CHAIR: "chutich", FRONT: "mattran", "giamsat": "giamsat01", "giamsat_ward": "giamsat02",
          "ex_member": "cuthanhvien", "other_term": "nhiemkytruoc", "awaiting": "chocongnhan",
          "group_head": "totruong02"}


def _account(person, login: str, role: str, unit_id: int | None):
    people.update_person(person.id, is_staff=True)
    people.grant_role(person.id, role, unit_id)
    accounts.create_account(person.id, login, PASSWORD)
    return actor_for_person(person.id, person.full_name)


@pytest.fixture
def board(services, ward):
    """The board of the current term, its work, and every attacker."""
    u = ward.units
    # the previous term: a resident of TDP03 sat on it and keeps the role
    old = sv.create_term(services, start_on=d("2023-02-01"), head_term="short", actor=ward.front)  # to 31/07/2025
    former = ward.residents["TDP03"][5]
    _, m = sv.record_election(services, term_id=old.id, group_id=ward.groups[2].id, candidate_id=former.id,
                              vote=vote("2023-07-10", votes=8), standards_confirmed=True, actor=ward.front)
    sv.recognise_member(services, m.id, recognised_on=d("2023-07-20"), decision_ref="1/QĐ-MTTQ", actor=ward.front)
    term, members = seat_board(services, ward)
    # an ex-member: released by TDP04 this year, role kept; her seat by-elected, not yet recognised
    leaving = members[3]
    sv.remove_member(services, leaving.id, kind="cho_thoi", proposal_ref="3/CV-MTTQ", proposed_on=d("2026-03-01"),
                     vote=vote("2026-03-10", votes=7), actor=ward.front)
    newcomer = ward.residents["TDP04"][6]
    _, waiting = sv.record_election(services, term_id=term.id, group_id=ward.groups[3].id, candidate_id=newcomer.id,
                                    vote=vote("2026-04-10", votes=7), kind="bau_bo_sung", standards_confirmed=True,
                                    actor=ward.front)
    giamsat = ward.residents["TDP05"][7]  # sits on a Community Investment Supervision Board
    other = ward.residents["TDP06"][8]
    actors = {
        "giamsat": _account(giamsat, LOGINS["giamsat"], "board_member", u["BGSDTCD"].id),
        "giamsat_ward": _account(other, LOGINS["giamsat_ward"], "board_member", None),
        "ex_member": _account(people.get_person(leaving.person_id), LOGINS["ex_member"], "board_member", u["BTTND"].id),
        "other_term": _account(former, LOGINS["other_term"], "board_member", u["BTTND"].id),
        "awaiting": _account(newcomer, LOGINS["awaiting"], "board_member", u["BTTND"].id),
        "group_head": actor_for_person(ward.group_head_person.id, ward.group_head_person.full_name),
        MEMBER: ward.board, CHAIR: ward.chairman, FRONT: ward.front,
    }
    today = dt.date.today()
    inspection, _ = sv.plan_inspection(services, subject="Bộ phận một cửa", content="Kiểm tra niêm yết",
                                       planned_on=today + dt.timedelta(days=20), actor=ward.board)
    petition = sv.receive_petition(services, subject="Thu quỹ không công khai", content="Đề nghị kiểm tra",
                                   channel="truc_tiep", sender_name="Nông Văn Phản Ánh", sender_phone="0977111222",
                                   sender_address="Số 9 ngõ 3", actor=ward.board)
    answered = sv.receive_petition(services, subject="Đèn đường", content="Hỏng", channel="hom_thu",
                                   sender_name="Hoàng Thị Bí Mật", sender_phone="0966555444", actor=ward.board)
    sv.notify_petition(services, answered.id, findings="Đã sửa.", actor=ward.board)
    rec = sv.propose_recommendation(services, subject="Công khai quỹ", content="Đề nghị công khai", voted_on=today,
                                    present=5, votes_for=4, votes_against=1, abstentions=0, actor=ward.board)
    report = sv.issue_report(services, period="quy", actor=ward.board)
    # the households of TDP03 vote on the Front's proposal to remove their member (core's engine)
    removal = sv.open_removal_vote(services, members[2].id, kind="bai_nhiem", proposal_ref="5/CV-MTTQ",
                                   proposed_on=d("2026-05-01"), held_on=d("2026-05-10"), actor=ward.front)
    ids = {"member": members[1].id, "inspection": inspection.id, "petition": petition.id,
           "recommendation": rec.id, "vote": removal.id}
    documents = [sv.get_petition(services, answered.id).result_document_id, rec.document_id, report.document_id]
    return {"actors": actors, "ids": ids, "documents": documents, "members": members, "petition": petition,
            "waiting": waiting}


@pytest.fixture
def app(settings, pm, db, board):
    return create_app(settings, pm, db=db)


def test_the_table_covers_every_staff_route(app):
    routes = set()
    for path, route in walk_routes(app.routes):
        spec = route_spec(route)
        if spec is None or not path.startswith("/thanhtra/") or spec.json or path == "/thanhtra/":
            continue
        template = path.removeprefix("/thanhtra")
        for name in ("member", "inspection", "petition", "recommendation", "vote"):
            prefix = {"member": "/thanh-vien", "inspection": "/kiem-tra", "petition": "/phan-anh",
                      "recommendation": "/kien-nghi", "vote": "/bieu-quyet"}[name]
            template = template.replace(f"{prefix}/{{id:int}}", f"{prefix}/{{{name}}}")
        routes |= {(m, template) for m in spec.methods}
    assert routes == set(TABLE)


@pytest.mark.parametrize("role", [MEMBER, CHAIR, FRONT, *ATTACKERS])
def test_every_staff_route_answers_by_the_table(role, board, make_client):
    client = make_client(LOGINS[role], PASSWORD)
    csrf = token(client)
    for (method, template), allowed in TABLE.items():
        url = "/thanhtra" + template.format(**board["ids"])
        for target in (url, url + ".json"):
            if method == "GET":
                status = client.get(target).status_code
                expected = 200 if role in allowed else 403
            else:
                # an empty form: refused before it is read, or a 422 when the actor may write
                status = client.post(target, json={}, headers={"X-CSRF-Token": csrf}).status_code
                expected = 422 if role in allowed else 403
            assert status == expected, (role, method, target, status)


@pytest.mark.parametrize("role", ATTACKERS)
def test_attackers_read_no_petition_sender_and_no_document_of_the_board(role, board, make_client):
    client = make_client(LOGINS[role], PASSWORD)
    for path in ("/dashboard", "/documents", "/thanhtra/", "/thanhtra/index.json"):
        body = client.get(path).text
        assert "0977111222" not in body and "Nông Văn Phản Ánh" not in body, path
        assert "Hoàng Thị Bí Mật" not in body and "0966555444" not in body, path
    for doc_id in board["documents"]:
        for suffix in ("", ".json", ".docx"):
            assert client.get(f"/documents/{doc_id}{suffix}").status_code == 403, (role, doc_id, suffix)


def test_the_boards_member_reads_its_documents(board, make_client):
    client = make_client("bantt", PASSWORD)
    for doc_id in board["documents"]:
        assert client.get(f"/documents/{doc_id}.json").status_code == 200
    assert "Hoàng Thị Bí Mật" in client.get(f"/documents/{board['documents'][0]}").text


@pytest.mark.parametrize("role", ATTACKERS)
def test_attackers_are_refused_by_every_service(role, services, ward, board):
    actor = board["actors"][role]
    ids, member = board["ids"], board["members"][2]
    calls = [
        lambda: sv.create_term(services, start_on=d("2031-01-01"), actor=actor),
        lambda: sv.record_election(services, term_id=member.term_id, group_id=ward.groups[3].id,
                                   candidate_id=ward.residents["TDP04"][8].id, vote=vote("2026-05-10", votes=7),
                                   kind="bau_bo_sung", standards_confirmed=True, actor=actor),
        lambda: sv.set_office(services, member.id, office="pho_truong_ban", decided_on=d("2026-05-01"), actor=actor),
        lambda: sv.remove_member(services, member.id, kind="bai_nhiem", proposal_ref="9/CV",
                                 proposed_on=d("2026-05-01"), vote=vote("2026-05-10", votes=9), actor=actor),
        lambda: sv.recognise_member(services, board["waiting"].id, recognised_on=d("2026-05-01"), decision_ref="x",
                                    actor=actor),
        lambda: sv.create_work_plan(services, period="quy", start_on=d("2026-10-01"), end_on=d("2026-12-31"),
                                    title="KH", content="ND", actor=actor),
        lambda: sv.plan_inspection(services, subject="S", content="C", planned_on=d("2027-01-20"), actor=actor),
        lambda: sv.send_inspection_plan(services, ids["inspection"], sent_on=dt.date.today(), actor=actor),
        lambda: sv.cancel_inspection(services, ids["inspection"], reason="x", actor=actor),
        lambda: sv.receive_petition(services, subject="S", content="C", channel="hom_thu", actor=actor),
        lambda: sv.verify_petition(services, ids["petition"], actor=actor),
        lambda: sv.refer_petition(services, ids["petition"], to_agency="Công an", actor=actor),
        lambda: sv.propose_recommendation(services, subject="S", content="C", voted_on=dt.date.today(), present=5,
                                          votes_for=5, votes_against=0, abstentions=0, actor=actor),
        lambda: sv.answer_recommendation(services, ids["recommendation"], answer="x", actor=actor),
        lambda: sv.withdraw_recommendation(services, ids["recommendation"], reason="x", actor=actor),
        lambda: sv.issue_report(services, period="quy", actor=actor),
        lambda: sv.view_petition(services, ids["petition"], actor=actor),
        lambda: sv.petitions(services, actor=actor),
        lambda: sv.view_member(services, member.id, actor=actor),
        lambda: sv.inspections(services, actor=actor),
        lambda: sv.recommendations(services, actor=actor),
        lambda: sv.complaint_results(services, actor=actor),
        lambda: sv.reports(services, actor=actor),
        lambda: sv.view_figures(services, d("2026-01-01"), d("2026-12-31"), actor=actor),
    ]
    for n, call in enumerate(calls):
        with pytest.raises(PermissionDenied):
            call()
            pytest.fail(f"call {n} was allowed for {role}")
    assert sv.pending_recommendations(services, dt.date.today(), actor=actor) == []
    assert sv.get_member(member.id).office == "uy_vien"  # nothing changed


def test_membership_starts_with_recognition_and_ends_with_leaving_or_the_term(services, ward, board):
    access, actors = services.access, board["actors"]
    scope = Scope(unit_id=ward.units["BTTND"].id, owner="thanhtra.board")
    assert access.can(actors[MEMBER], P_WORK, scope)
    assert access.can(actors[CHAIR], P_VIEW, scope) and not access.can(actors[CHAIR], P_WORK, scope)
    assert access.can(actors[FRONT], P_BOARD, scope) and not access.can(actors[FRONT], P_WORK, scope)
    for role in ATTACKERS:
        assert not access.can(actors[role], P_VIEW, scope), role
    # the core case of a petition, on the board's unit, follows membership too
    case = services.cases.get(board["petition"].id)
    assert services.cases.can_view(actors[MEMBER], case)
    assert not any(services.cases.can_view(actors[r], case) for r in ("ex_member", "other_term", "giamsat_ward"))
    # recognised: the newcomer acts for the board; released: the member no longer does
    sv.recognise_member(services, board["waiting"].id, recognised_on=dt.date.today(), decision_ref="7/QĐ-MTTQ",
                        actor=ward.front)
    assert access.can(actors["awaiting"], P_WORK, scope)
    assert sv.is_current_member(board["members"][0].person_id)
    assert not sv.is_current_member(board["members"][0].person_id, d("2030-08-01"))  # after the term


def test_a_supervision_board_scope_is_left_to_its_own_rules(services, ward, board):
    """thanhtra answers only for its own board: another board's resources keep the role table."""
    giamsat = board["actors"]["giamsat"]
    scope = Scope(unit_id=ward.units["BGSDTCD"].id, owner="giamsat.board", owner_id=1)
    assert sv.board_access(services, giamsat, "core.cases.view", scope) is None
    assert services.access.can(giamsat, "core.cases.view", scope)
    assert not services.access.can(board["actors"][MEMBER], "core.cases.view", scope)
