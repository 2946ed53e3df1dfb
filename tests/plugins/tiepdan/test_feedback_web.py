"""Residents respond where they read (issue 15 item 11) through the app with every plan
module installed: the "Gửi ý kiến về nội dung này" link on a notice, a supervised
project, a consultation and the inspection board (absent when tiepdan is disabled), the
subject shown and attached, a forged subject, the photo accepted or refused with its field
error and the typed text kept, moderation by a handler, and the public list and its JSON
twin that show nothing personal and only moderated feedback."""
from __future__ import annotations

import re

import pytest

from thanthien.core import opinions
from thanthien.core.plugins import make_plugin_manager
from thanthien.core.settings import PluginsSettings
from thanthien.plugins.tiepdan.models import FeedbackPhotoRow, FeedbackRow
from thanthien.testing import ClientFactory, installed_demo_ward, make_settings, token
from thanthien.web.app import create_app

from ...core.photos import GPS, jpeg, png
from .test_confidentiality_intake import SENTINELS

LINK = "Gửi ý kiến về nội dung này"
KINDS = ("congkhai.notice", "giamsat.project", "bieuquyet.consultation", "thanhtra.board")
FORM = {"kind": "phan_anh", "subject": "Ổ gà trên đường", "content": "Ổ gà lớn giữa đường, xe máy dễ ngã",
        "full_name": SENTINELS["full_name"], "address": SENTINELS["address"], "phone": SENTINELS["phone"],
        "email": SENTINELS["email"], "consent": "on"}


@pytest.fixture
def settings(tmp_path):
    """The test ward, its public quota raised: these tests send many forms from one client."""
    base = make_settings(tmp_path)
    return base.evolve(plugin={**base.plugin, "tiepdan": {**base.plugin.get("tiepdan", {}), "public_rate_limit": 100}})


@pytest.fixture
def ward(settings, db, fast_hasher):
    with installed_demo_ward(settings, db, households=12, seed=5) as (core, app, factory, _ctx):
        subjects = {}
        for kind in KINDS:  # the first public subject of each kind in the demo ward
            subjects[kind] = next(s for i in range(1, 60) if (s := opinions.resolve(core, f"{kind}:{i}")))
        yield {"app": app, "client": factory, "core": core, "subjects": subjects, "settings": settings}


def test_every_kind_of_public_page_links_to_the_form_unless_the_module_is_disabled(ward, db):
    c = ward["client"]()
    for kind, subject in ward["subjects"].items():
        r = c.get(subject.url)
        assert r.status_code == 200, subject.url
        href = f'href="/tiepdan/phan-anh?ve={kind}:{subject.id}"'
        assert LINK in r.text and href in r.text, subject.url
    assert LINK in c.get("/congkhai/").text  # the board: each notice listed
    # the feedback module disabled: no link anywhere
    off = ward["settings"].evolve(plugins=PluginsSettings(disabled=("tiepdan",)))
    app = create_app(off, make_plugin_manager(off, load_entrypoints=True), db=db)
    factory = ClientFactory(app)
    try:
        c = factory()
        for subject in ward["subjects"].values():
            r = c.get(subject.url)
            assert r.status_code == 200 and LINK not in r.text and "/tiepdan/" not in r.text, subject.url
    finally:
        factory.close()


def test_the_form_shows_the_subject_and_the_petition_keeps_it(ward):
    subject = ward["subjects"]["congkhai.notice"]
    c = ward["client"]()
    page = c.get(f"/tiepdan/phan-anh?ve={subject.ref}")
    assert page.status_code == 200 and subject.title in page.text and f'href="{subject.url}"' in page.text
    assert f'name="ve" value="{subject.ref}"' in page.text
    assert c.get(f"/tiepdan/phan-anh.json?ve={subject.ref}").json()["subject"]["title"] == subject.title
    r = c.post("/tiepdan/phan-anh", data={**FORM, "ve": subject.ref, "csrf_token": token(c)})
    assert r.status_code == 201, r.text
    row = FeedbackRow.select().order_by(FeedbackRow.id.desc()).get()
    assert row.subject_ref == subject.ref
    staff = ward["client"]("chutich")
    page = staff.get(f"/tiepdan/don-thu/{row.case_id}")
    assert page.status_code == 200 and f'<a href="{subject.url}">' in page.text and "Về nội dung công khai" in page.text
    # a forged subject: the form works without it and says so
    for ref in ["congkhai.notice:987654", "giamsat.project:0", "<script>alert(1)</script>", "x" * 300]:
        c = ward["client"]()
        page = c.get("/tiepdan/phan-anh", params={"ve": ref})
        assert page.status_code == 200 and "Không tìm thấy nội dung công khai" in page.text
        assert "<script>alert(1)</script>" not in page.text
        r = c.post("/tiepdan/phan-anh", data={**FORM, "ve": ref, "csrf_token": token(c)})
        assert r.status_code == 201
        assert FeedbackRow.select().order_by(FeedbackRow.id.desc()).get().subject_ref == ""
    _photo_accepted(ward)
    _photo_refused(ward)


def _photo_accepted(ward):
    c = ward["client"]()
    r = c.post("/tiepdan/phan-anh", data={**FORM, "csrf_token": token(c)},
               files={"photo": ("IMG_2041.jpg", jpeg(), "image/jpeg")})
    assert r.status_code == 201, r.text
    photo = FeedbackPhotoRow.select().order_by(FeedbackPhotoRow.id.desc()).get()
    assert GPS not in bytes(photo.data)
    staff = ward["client"]("chutich")
    page = staff.get(f"/tiepdan/don-thu/{photo.case_id}")
    url = f"/tiepdan/don-thu/{photo.case_id}/anh/{photo.id}"
    assert url in page.text
    got = staff.get(url)
    assert got.status_code == 200 and got.content == jpeg(metadata=False)
    assert got.headers["content-type"] == "image/jpeg" and got.headers["x-content-type-options"] == "nosniff"
    assert c.get(url, follow_redirects=False).status_code in (302, 303, 401, 403)  # a resident is no staff
    assert c.get(f"/tiepdan/phan-anh/anh/{photo.id}").status_code == 404  # not published


def _photo_refused(ward):
    c = ward["client"]()
    subject = ward["subjects"]["giamsat.project"]
    before = FeedbackRow.select().count()
    r = c.post("/tiepdan/phan-anh", data={**FORM, "ve": subject.ref, "place": "Ngõ 4", "csrf_token": token(c)},
               files={"photo": ("anh.png", b"MZ\x90\x00 an executable", "image/png")})
    assert r.status_code == 422
    assert re.search(r'id="e-photo"[^>]*>[^<]*giả dạng', r.text)
    assert 'value="Ổ gà trên đường"' in r.text and "Ổ gà lớn giữa đường" in r.text and 'value="Ngõ 4"' in r.text
    assert f'name="ve" value="{subject.ref}"' in r.text and subject.title in r.text
    assert FeedbackRow.select().count() == before
    j = c.post("/tiepdan/phan-anh.json", data={**FORM}, files={"photo": ("a.jpg", b"not an image", "image/jpeg")},
               headers={"X-CSRF-Token": token(c)})
    assert j.status_code == 422 and j.json()["errors"][0]["field"] == "photo"


def test_the_public_list_shows_only_moderated_feedback_and_nothing_personal(ward):
    c = ward["client"]()
    content = f"Ổ gà trước nhà {SENTINELS['address']}, gọi tôi {SENTINELS['phone']} hoặc {SENTINELS['email']}"
    r = c.post("/tiepdan/phan-anh", data={**FORM, "content": content, "csrf_token": token(c)},
               files={"photo": ("anh.png", png(), "image/png")})
    assert r.status_code == 201
    case_id = FeedbackRow.select().order_by(FeedbackRow.id.desc()).get().case_id
    listed = c.get("/tiepdan/phan-anh/danh-sach")
    assert listed.status_code == 200 and "Ổ gà trên đường" not in listed.text
    assert case_id not in [i["id"] for i in c.get("/tiepdan/phan-anh/danh-sach.json").json()["items"]]
    # a resident may not moderate
    assert c.post(f"/tiepdan/don-thu/{case_id}/kiem-duyet", data={"action": "publish", "public_title": "x",
                  "public_text": "x", "csrf_token": token(c)}, follow_redirects=False).status_code in (302, 303, 401, 403)
    assert FeedbackRow.get(FeedbackRow.case == case_id).publication == "pending"
    staff = ward["client"]("chutich")
    page = staff.get(f"/tiepdan/don-thu/{case_id}")
    assert "Công khai trong danh sách phản ánh" in page.text and "Chưa kiểm duyệt" in page.text
    assert SENTINELS["phone"] not in re.search(r'name="public_text"[^>]*>([^<]*)<', page.text).group(1)
    r = staff.post(f"/tiepdan/don-thu/{case_id}/kiem-duyet",
                   data={"action": "publish", "public_title": "", "public_text": "", "csrf_token": token(staff)})
    assert r.status_code == 422 and "Vui lòng nhập tiêu đề công khai" in r.text
    r = staff.post(f"/tiepdan/don-thu/{case_id}/kiem-duyet",
                   data={"action": "publish", "public_title": "Ổ gà trên đường tổ 2", "public_text": content,
                         "photo_public": "on", "csrf_token": token(staff)}, follow_redirects=False)
    assert r.status_code in (302, 303)
    for url in ("/tiepdan/phan-anh/danh-sach", "/tiepdan/phan-anh/danh-sach.json"):
        text = c.get(url).text
        assert "Ổ gà trên đường tổ 2" in text
        for value in SENTINELS.values():
            assert value not in text, (url, value)
    item = next(i for i in c.get("/tiepdan/phan-anh/danh-sach.json").json()["items"] if i["id"] == case_id)
    assert set(item) == {"id", "title", "text", "subject_title", "subject_url", "group", "received", "status",
                         "answer", "photo_url"}
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", item["received"]) and item["status"]
    assert c.get(item["photo_url"]).content == png(metadata=False)
    staff.post(f"/tiepdan/don-thu/{case_id}/kiem-duyet", data={"action": "unpublish", "csrf_token": token(staff)})
    assert case_id not in [i["id"] for i in c.get("/tiepdan/phan-anh/danh-sach.json").json()["items"]]
    assert c.get(item["photo_url"]).status_code == 404
