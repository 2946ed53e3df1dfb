"""Issue 10 item 2, second half, written as the attacks: an administrator grants
themselves the chairperson's role (who can reveal a denouncer), or grants it to an
accomplice and approves it themselves. A privileged role needs a second person."""
from __future__ import annotations

import io
import sys

import pytest

from thanthien.core import accounts, audit, people
from thanthien.core.cli import CliContext, run_cli
from thanthien.testing import csrf_from, token
from thanthien.web.cli import web_commands


def _roles(username):
    return {g.role for g in people.roles_of(accounts.account_by_username(username).person_id)}


def test_privileged_roles_are_the_identity_and_account_ones(core, ward):
    assert {"chairperson", "admin"} <= core.access.privileged_roles()
    assert not {"group_head", "board_member", "one_stop_officer", "department_officer"} & core.access.privileged_roles()


def test_an_administrator_cannot_grant_themselves_the_chairpersons_role(make_client):
    admin = make_client("quantri")
    me = accounts.account_by_username("quantri")
    page = admin.get(f"/admin/users/{me.id}")
    r = admin.post(f"/admin/users/{me.id}/roles", data={"role": "chairperson", "unit_id": "", "action": "grant",
                                                        "csrf_token": csrf_from(page.text)})
    assert r.status_code == 422 and "Không thể tự cấp cho mình" in r.text
    r = admin.post(f"/admin/users/{me.id}/roles.json", json={"role": "chairperson"},
                   headers={"X-CSRF-Token": token(admin)})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "role"
    assert "chairperson" not in _roles("quantri") and accounts.role_requests() == []


def test_a_privileged_grant_waits_for_a_second_person(make_client):
    admin = make_client("quantri")
    target = accounts.account_by_username("kinhte")
    r = admin.post(f"/admin/users/{target.id}/roles.json", json={"role": "chairperson"},
                   headers={"X-CSRF-Token": token(admin)})
    assert r.status_code == 200 and "người thứ hai" in r.json()["message"]
    assert "chairperson" not in _roles("kinhte")  # not yet
    [pending] = accounts.role_requests()
    # the one who asked cannot approve
    r = admin.post("/admin/role-requests.json", json={"request_id": pending["id"]},
                   headers={"X-CSRF-Token": token(admin)})
    assert r.status_code == 403 and "chairperson" not in _roles("kinhte")
    # the grantee cannot reach the page at all
    kinhte = make_client("kinhte")
    assert kinhte.get("/admin/role-requests").status_code == 403
    # the chairperson sees the request and approves it
    chair = make_client("chutich")
    page = chair.get("/admin/role-requests")
    assert page.status_code == 200 and "Chủ tịch UBND" in page.text and target.full_name in page.text
    assert chair.get("/admin/role-requests.json").json()["requests"][0]["id"] == pending["id"]
    r = chair.post("/admin/role-requests", data={"request_id": pending["id"], "decision": "approve",
                                                 "reason": "Quyết định phân công số 12",
                                                 "csrf_token": csrf_from(page.text)}, follow_redirects=False)
    assert r.status_code == 303 and "chairperson" in _roles("kinhte")
    assert accounts.role_requests() == []
    actions = [e.action for e in audit.entries(entity="person", entity_id=target.person_id)]
    assert actions[:3] == ["role.grant_approved", "role.grant", "role.grant_requested"]


def test_a_refused_request_grants_nothing(make_client):
    admin = make_client("quantri")
    target = accounts.account_by_username("vanhoa")
    admin.post(f"/admin/users/{target.id}/roles.json", json={"role": "admin"}, headers={"X-CSRF-Token": token(admin)})
    [pending] = accounts.role_requests()
    chair = make_client("chutich")
    r = chair.post("/admin/role-requests.json", json={"request_id": pending["id"], "decision": "refuse"},
                   headers={"X-CSRF-Token": token(chair)})
    assert r.status_code == 200 and "admin" not in _roles("vanhoa") and accounts.role_requests() == []


class _Ctx(CliContext):
    def close(self):
        pass


@pytest.fixture
def run(settings, pm, db, monkeypatch, capsys):
    def _run(*argv, stdin=""):
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        out = io.StringIO()
        ctx = _Ctx(settings=settings, pm=pm, out=out)
        ctx._db = db
        code = run_cli(list(argv), lambda config: ctx, web_commands)
        return code, out.getvalue(), capsys.readouterr().err

    return _run


def test_cli_first_administrator_then_four_eyes(run):
    # a new installation: the first privileged role has nobody to approve it
    code, out, err = run("user", "add", "quantri1", "--name", "Lê Văn Một", "--role", "admin",
                         "--password-stdin", stdin="một mật khẩu thật dài\n")
    assert code == 0, err
    assert _roles("quantri1") == {"admin"}
    # the next one is a request, approved on the web by a second person
    code, out, err = run("user", "add", "quantri2", "--name", "Lê Thị Hai", "--role", "admin",
                         "--password-stdin", stdin="một mật khẩu khác dài\n")
    assert code == 0, err
    assert "cần người thứ hai phê duyệt" in out and _roles("quantri2") == set()
    code, out, err = run("user", "roles", "quantri2", "--grant", "chairperson")
    assert code == 0 and "cần người thứ hai" in out and _roles("quantri2") == set()
    assert len(accounts.role_requests()) == 2
