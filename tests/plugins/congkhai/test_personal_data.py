"""Reading a requester's personal fields in full (name, ID number, address, contact) is a
separate permission from handling the request: a ward that keeps it for the chairperson
only gets masked pages, registers and exports for everyone else, and no printed form —
and every full read is audit-logged (issue 10, R-DL-11)."""
from __future__ import annotations

import csv
import io

import pytest
from thanthien.core import accounts
from thanthien.core.audit import entries
from thanthien.core.errors import PermissionDenied
from thanthien.core.models import AuditRow
from thanthien.plugins.congkhai import exports
from thanthien.plugins.congkhai import services as ck
from thanthien.testing import make_settings, post

from .helpers import PASSWORD, REQUEST, STAFF, at


@pytest.fixture
def settings(tmp_path):
    """A ward that keeps the requesters' personal fields for the chairperson only."""
    return make_settings(tmp_path, plugin={"congkhai": {"website_feed": False},
                                           "core": {"permissions": {"congkhai.requests.view_personal":
                                                                    ["chairperson"]}}})


def test_a_handler_without_the_personal_permission_reads_masked_and_prints_nothing(core, ward, departments):
    case = ck.open_request(core, actor=departments.one_stop_officer, received_at=at("2026-03-02"), **REQUEST)
    handler = departments.one_stop_officer
    masked = ck.view_request(core, case.id, actor=handler)
    assert not masked.personal_shown and "Lục Thị Hoa" not in str(masked.detail)
    assert "0912345678" not in str(masked.detail) and "Số 5" not in str(masked.detail)
    for attack in (lambda: ck.view_request(core, case.id, actor=handler, personal=True),
                   lambda: exports.request_form_html(core, case.id, "01a", actor=handler),
                   lambda: ck.request_register(core, 2026, actor=handler, personal=True)):
        with pytest.raises(PermissionDenied):
            attack()
    assert not entries(action="congkhai.requests.view_personal")
    assert "Lục Thị Hoa" in exports.request_form_html(core, case.id, "01a", actor=ward.chair)
    assert len(entries(action="congkhai.requests.view_personal")) == 1


def test_the_same_through_the_pages_and_the_export(make_client, core, ward, departments, app):
    case = ck.open_request(core, actor=departments.one_stop_officer, received_at=at("2026-03-02"), **REQUEST)
    accounts.create_account(departments.one_stop_officer.person_id, "motcua", PASSWORD)
    accounts.create_account(departments.economy_officer.person_id, "kinhte", PASSWORD)
    accounts.create_account(ward.chair.person_id, "chutich", PASSWORD)
    handler, other, chair = (make_client(login, PASSWORD) for login in ("motcua", "kinhte", "chutich"))
    assert handler.get(f"{STAFF}/yeu-cau/{case.id}").status_code == 200
    assert "Lục Thị Hoa" not in handler.get(f"{STAFF}/yeu-cau/{case.id}").text
    assert handler.get(f"{STAFF}/yeu-cau/{case.id}?hien=1").status_code == 403
    assert handler.get(f"{STAFF}/yeu-cau/{case.id}/mau/01a").status_code == 403
    assert other.get(f"{STAFF}/yeu-cau/{case.id}").status_code == 403
    assert other.get(f"{STAFF}/yeu-cau/{case.id}/mau/02").status_code == 403
    assert case.number not in other.get(f"{STAFF}/yeu-cau").text
    assert post(other, f"{STAFF}/yeu-cau/{case.id}/xu-ly", {"action": "provide"}).status_code == 403
    assert not AuditRow.select().where(AuditRow.action == "congkhai.requests.view_personal").exists()
    export = chair.get(f"{STAFF}/yeu-cau.csv?year=2026&hien=1")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[1][4] == "Lục Thị Hoa" and export.headers["content-type"].startswith("text/csv")
    assert AuditRow.select().where(AuditRow.action == "congkhai.requests.view_personal").count() == 1
    masked = list(csv.reader(io.StringIO(handler.get(f"{STAFF}/yeu-cau.csv?year=2026").content.decode("utf-8-sig"))))
    assert masked[1][4] != "Lục Thị Hoa" and masked[1][5].endswith("345") and "006190" not in masked[1][5]


