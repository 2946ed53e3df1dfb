"""Issue 15 item 2: the public dossier look-up accepts codes typed in lower case or with
spaces; an unknown code shows the look-up again with the code and the reason."""
import pytest

from thanthien.core.storage.db import now
from thanthien.web.app import create_app

from .helpers import receive


@pytest.fixture
def app(settings, pm, db, staff):
    return create_app(settings, pm, db=db)


def test_codes_typed_loosely_and_a_try_again_form(make_client, services, staff):
    d = receive(services, staff, "HT04", now().strftime("%Y-%m-%dT%H:%M"))
    c = make_client()
    for typed in (d.code.lower(), d.code.replace("-", " "), f" {d.code.lower()} "):
        r = c.get("/motcua/tra-cuu", params={"ma": typed})
        assert r.status_code == 200 and "Đã tiếp nhận" in r.text, typed
    missing = c.get("/motcua/tra-cuu", params={"ma": "bk 000000 0000"})
    assert missing.status_code == 404
    assert "Không tìm thấy hồ sơ" in missing.text and 'id="e-ma"' in missing.text
    assert 'value="bk 000000 0000"' in missing.text and 'action="/motcua/tra-cuu"' in missing.text
