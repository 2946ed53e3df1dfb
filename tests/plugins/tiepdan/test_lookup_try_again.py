"""Issue 15 item 2: the public look-up accepts a tracking code typed in lower case or
with spaces, and an unknown code shows the look-up again with the code and the reason
(the JSON twin keeps its 404 envelope)."""
from __future__ import annotations

from .test_web import app, ward  # noqa: F401 - the module's fixtures


def test_codes_typed_loosely_and_a_try_again_form(ward, make_client):  # noqa: F811
    code = ward["code"]  # ABCD-EFGH-JKMN
    c = make_client()
    for typed in (code.lower(), code.replace("-", " "), code.replace("-", "").lower(), f"  {code}  "):
        r = c.get("/tiepdan/tra-cuu", params={"ma": typed})
        assert r.status_code == 200 and "Tố cáo" in r.text, typed
    missing = c.get("/tiepdan/tra-cuu", params={"ma": "zzzz yyyy xxxx"})
    assert missing.status_code == 404
    assert "Không tìm thấy mã tra cứu" in missing.text and 'id="e-ma"' in missing.text
    assert 'value="zzzz yyyy xxxx"' in missing.text and 'action="/tiepdan/tra-cuu"' in missing.text
    j = c.get("/tiepdan/tra-cuu.json", params={"ma": "ZZZZ-YYYY-XXXX"})
    assert j.status_code == 404 and j.json()["ok"] is False
