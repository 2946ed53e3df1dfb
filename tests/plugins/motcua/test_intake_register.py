"""Issue 15 item 10: the intake form looks a resident up in the register (accent-
insensitive, by name, ID number or phone; no JavaScript: a GET form), lists them masked,
fills the applicant's fields on a pick (an audit-logged full read), and a new applicant
is findable at once."""
import pytest

from thanthien.core import accounts, audit, people
from thanthien.core.errors import PermissionDenied
from thanthien.core.models import CaseRow
from thanthien.plugins.motcua import services as mc
from thanthien.testing import csrf_from, login
from thanthien.web.app import create_app

PASSWORD = "mat-khau-thu-nghiem-2026"


@pytest.fixture
def app(settings, pm, db, staff):
    accounts.create_account(staff.officer.person_id, "motcua", PASSWORD)
    return create_app(settings, pm, db=db)


@pytest.fixture
def client(make_client):
    return login(make_client(), "motcua", PASSWORD)


@pytest.fixture
def resident(core):
    return people.create_person("Nguyễn Thị Đào", citizen_id="001188000123", phone="0912345001",
                                address="Tổ dân phố 3, phường Bắc Kạn")


@pytest.mark.parametrize("typed", ["nguyen thi dao", "NGUYỄN THỊ ĐÀO", "thi dao", "001188000123", "0912 345 001",
                                   "+84912345001"])
def test_lookup_finds_the_resident_masked(client, resident, typed):
    page = client.get("/motcua/tiep-nhan", params={"thu_tuc": "HT04", "tim": typed})
    assert page.status_code == 200 and "Nguyễn Thị Đào" in page.text
    assert f"nguoi={resident.id}" in page.text
    listed = page.text.split('class="register-matches"', 1)[1].split("</ul>", 1)[0]
    assert "001188000123" not in listed and "0912345001" not in listed and "•123" in listed  # masked until picked
    js = client.get("/motcua/tiep-nhan.json", params={"thu_tuc": "HT04", "tim": typed}).json()
    assert [m["person_id"] for m in js["matches"]] == [resident.id] and js["matches"][0]["citizen_id"].endswith("123")
    assert "001188000123" not in str(js["matches"]) and js["values"] == {}


def test_picking_fills_the_form_and_is_audit_logged(client, resident, staff):
    before = len(audit.entries(action="motcua.personal.view", limit=1000))
    page = client.get("/motcua/tiep-nhan", params={"thu_tuc": "HT04", "nguoi": resident.id})
    for value in ("Nguyễn Thị Đào", "001188000123", "0912345001", "Tổ dân phố 3, phường Bắc Kạn"):
        assert f'value="{value}"' in page.text
    entries = audit.entries(action="motcua.personal.view", limit=1000)
    assert len(entries) == before + 1
    assert entries[0].entity == "person" and str(entries[0].entity_id) == str(resident.id)
    assert entries[0].actor_id == staff.officer.person_id
    assert client.get("/motcua/tiep-nhan", params={"thu_tuc": "HT04", "nguoi": 999999}).status_code == 404
    assert client.get("/motcua/tiep-nhan", params={"thu_tuc": "HT04", "tim": "không ai tên này"}).status_code == 200


def test_a_new_applicant_is_findable_at_once(client, services, staff):
    assert not mc.find_applicants(services, "tran van moi", actor=staff.officer)
    token = csrf_from(client.get("/motcua/tiep-nhan?thu_tuc=HT04").text)
    proc = mc.get_procedure("HT04")
    r = client.post("/motcua/tiep-nhan", data={
        "procedure_code": "HT04", "csrf_token": token, "doc": [d.code for d in proc.documents],
        "applicant_full_name": "Trần Văn Mới", "applicant_citizen_id": "001099000777",
        "applicant_phone": "0987000777", "delivery": "counter"}, follow_redirects=False)
    assert r.status_code == 303, r.text[:400]
    page = client.get("/motcua/tiep-nhan", params={"thu_tuc": "HT04", "tim": "tran van moi"})
    assert "Trần Văn Mới" in page.text
    found = mc.find_applicants(services, "0987000777", actor=staff.officer)
    assert [m.full_name for m in found] == ["Trần Văn Mới"]
    case = CaseRow.select().order_by(CaseRow.id.desc()).first()
    assert case.applicant_id == found[0].person_id  # the dossier is linked to the register
    # the same ID number again: linked to the same person, no duplicate
    token = csrf_from(client.get("/motcua/tiep-nhan?thu_tuc=HT04").text)
    client.post("/motcua/tiep-nhan", data={
        "procedure_code": "HT04", "csrf_token": token, "doc": [d.code for d in proc.documents],
        "applicant_full_name": "Trần Văn Mới", "applicant_citizen_id": "001099000777", "delivery": "counter"},
        follow_redirects=False)
    assert len(mc.find_applicants(services, "001099000777", actor=staff.officer)) == 1


def test_only_reception_staff_may_search(services, resident):
    with pytest.raises(PermissionDenied):
        mc.find_applicants(services, "dao", actor=None)
    with pytest.raises(PermissionDenied):
        mc.applicant_values(services, resident.id, actor=None)


