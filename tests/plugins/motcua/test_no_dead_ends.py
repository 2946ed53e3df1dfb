"""Issue 15 item 2: a refused step (a wrong state) shows the dossier page again with the
reason and what was typed — not a bare error page; the JSON twin keeps its envelope."""
import pytest

from thanthien.core import accounts
from thanthien.testing import csrf_from, login
from thanthien.web.app import create_app

PASSWORD = "mat-khau-thu-nghiem-2026"


@pytest.fixture
def app(settings, pm, db, staff):
    accounts.create_account(staff.officer.person_id, "motcua", PASSWORD)
    return create_app(settings, pm, db=db)


def test_a_step_refused_in_the_wrong_state_stays_on_the_dossier_page(make_client, staff):
    c = make_client()
    login(c, "motcua", PASSWORD)
    token = csrf_from(c.get("/motcua/tiep-nhan?thu_tuc=HT04").text)
    r = c.post("/motcua/tiep-nhan.json", json={"procedure_code": "HT04", "doc": "TK",
                                                "applicant_full_name": "Trần Văn Khách"},
               headers={"X-CSRF-Token": token})
    code = r.json()["code"]
    page = c.get(f"/motcua/ho-so/{code}")
    r = c.post(f"/motcua/ho-so/{code}/tra-ket-qua", data={"postal_tracking": "EB123456789VN",
                                                         "csrf_token": csrf_from(page.text)})
    assert r.status_code == 409
    assert "Không thể" in r.text and 'role="alert"' in r.text  # the reason, in the page's error summary
    assert f'action="/motcua/ho-so/{code}/' in r.text  # the dossier page with its forms, not a bare page
    j = c.post(f"/motcua/ho-so/{code}/tra-ket-qua.json", json={}, headers={"X-CSRF-Token": token})
    assert j.status_code == 409 and j.json()["ok"] is False and "Không thể" in j.json()["error"]
