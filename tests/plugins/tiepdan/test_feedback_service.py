"""Residents respond where they read (issue 15 item 11) at the service level, on SQLite and
PostgreSQL: the subject attached to a feedback (a stand-in module owns the subjects here),
a forged subject dropped, the group and place, the photo checked and stripped of its
metadata, moderation (permission, audit, personal details removed) and the public list."""
from __future__ import annotations

import pytest

from thanthien.core import hookimpl, opinions, people
from thanthien.core.errors import PermissionDenied, ValidationError
from thanthien.core.models import AuditRow
from thanthien.plugins import tiepdan
from thanthien.plugins.tiepdan import services as sv
from thanthien.plugins.tiepdan.models import FeedbackPhotoRow, FeedbackRow, MatterRow
from thanthien.plugins.tiepdan.types import PartyInput

from ...core.photos import CAMERA, GPS, jpeg
from .test_confidentiality_intake import SENTINELS


class Board:
    """A stand-in module owning ``board.notice``: 7 is public, 8 was withdrawn."""

    @hookimpl
    def subject_for_opinion(self, kind, id, core):
        if kind == "board.notice" and id == 7:
            return opinions.Subject(kind, 7, "Kế hoạch sửa đường tổ 3", "/board/7")
        return None


@pytest.fixture
def extra_plugins():
    return [("tiepdan", tiepdan), ("board", Board())]


SENDER = PartyInput(full_name=SENTINELS["full_name"], address=SENTINELS["address"], phone=SENTINELS["phone"],
                    email=SENTINELS["email"])


def send(core, *, ref="", content="Đường tổ 3 ngập nước sau mưa", photo=None, group_id=None, place="",
         client="10.0.0.1"):
    return sv.submit_feedback(core, kind="phan_anh", subject="Đường ngập", content=content, sender=SENDER,
                              consent=True, client=client,
                              extra=sv.FeedbackExtra(ref, group_id, place, photo))


def test_the_feedback_module_answers_where_opinions_go(services):
    assert opinions.opinion_url(services, "board.notice", 7) == "/tiepdan/phan-anh?ve=board.notice:7"
    assert opinions.resolve(services, "board.notice:7").title == "Kế hoạch sửa đường tổ 3"


def test_subject_group_and_place_are_kept_with_the_petition(services, staff):
    group = people.create_unit("TDP03", "Tổ dân phố số 3", "residential_group")
    sent = send(services, ref="board.notice:7", group_id=group.id, place="Ngõ 12, trước nhà văn hóa")
    row = FeedbackRow.get(FeedbackRow.case == sent.case_id)
    assert (row.subject_ref, row.subject_title, row.subject_url) == ("board.notice:7", "Kế hoạch sửa đường tổ 3",
                                                                      "/board/7")
    info = sv.feedback_info(sent.case_id)
    assert (info.group_name, info.place, info.publication) == ("Tổ dân phố số 3", "Ngõ 12, trước nhà văn hóa",
                                                               "pending")


@pytest.mark.parametrize("ref", ["board.notice:8", "board.notice:99999", "other.thing:7", "not a ref",
                                 "board.notice:7' OR 1=1"])
def test_a_forged_or_withdrawn_subject_is_dropped_and_the_feedback_still_received(services, ref):
    sent = send(services, ref=ref)
    row = FeedbackRow.get(FeedbackRow.case == sent.case_id)
    assert (row.subject_ref, row.subject_title, row.subject_url) == ("", "", "")


def test_a_group_outside_the_ward_list_is_refused_and_nothing_stored(services):
    before = MatterRow.select().count()
    with pytest.raises(ValidationError) as exc:
        send(services, group_id=987654)
    assert exc.value.errors[0][0] == "group_id"
    assert MatterRow.select().count() == before


def test_the_photo_is_stored_without_its_metadata(services):
    sent = send(services, photo=sv.PhotoUpload("IMG_0001.JPG", jpeg(), "image/jpeg"))
    photo = FeedbackPhotoRow.get(FeedbackPhotoRow.case == sent.case_id)
    data = bytes(photo.data)
    assert GPS not in data and CAMERA not in data and data == jpeg(metadata=False)
    assert (photo.filename, photo.content_type, photo.size) == ("IMG_0001.JPG", "image/jpeg", len(data))


@pytest.mark.parametrize("name, data, words", [
    ("anh.jpg", b"MZ\x90\x00 not an image", "giả dạng"),
    ("ghi-chu.txt", b"hello", "không phải ảnh"),
    ("anh.gif", b"GIF89a....", "không phải ảnh"),
])
def test_a_file_that_is_not_a_photo_is_refused_with_the_field_named(services, name, data, words):
    before = MatterRow.select().count()
    with pytest.raises(ValidationError) as exc:
        send(services, photo=sv.PhotoUpload(name, data, ""))
    assert exc.value.errors[0][0] == "photo" and words in exc.value.errors[0][1]
    assert MatterRow.select().count() == before and FeedbackPhotoRow.select().count() == 0


def test_a_photo_over_the_ward_limit_is_refused(services):
    cfg = sv.config(services)
    big = jpeg() + b"\x00" * cfg.max_photo_bytes
    with pytest.raises(ValidationError) as exc:
        send(services, photo=sv.PhotoUpload("lon.jpg", big, "image/jpeg"))
    assert exc.value.errors[0][0] == "photo" and "vượt quá" in exc.value.errors[0][1]


def test_nothing_is_public_until_moderated_and_only_handlers_moderate(services, staff):
    sent = send(services, content=f"Tôi là {SENTINELS['full_name']}, gọi {SENTINELS['phone']}: đường ngập")
    assert sv.public_feedback(services, limit=10) == []
    with pytest.raises(PermissionDenied):
        sv.moderate(services, sent.case_id, publish=True, title="Đường ngập", text="Đường ngập", actor=staff.other)
    assert FeedbackRow.get(FeedbackRow.case == sent.case_id).publication == "pending"
    title, text = sv.suggested_public_text(sent.case_id)
    assert title == "Đường ngập"
    assert SENTINELS["full_name"] not in text and SENTINELS["phone"] not in text and "đường ngập" in text
    with pytest.raises(ValidationError) as exc:
        sv.moderate(services, sent.case_id, publish=True, title="", text="", actor=staff.officer)
    assert {f for f, _ in exc.value.errors} == {"public_title", "public_text"}
    # the moderator pastes the sender's details back: they are removed again on the way out
    sv.moderate(services, sent.case_id, publish=True, title="Đường tổ 3 ngập",
                text=f"Đường ngập, liên hệ {SENTINELS['email']} hoặc {SENTINELS['address']}", actor=staff.officer)
    [item] = sv.public_feedback(services, limit=10)
    for value in SENTINELS.values():
        assert value not in repr(item)
    assert item.title == "Đường tổ 3 ngập" and item.status and item.answer == ""
    actions = [r.action for r in AuditRow.select().where(AuditRow.entity_id == str(sent.case_id))]
    assert "tiepdan.feedback.publish" in actions
    sv.moderate(services, sent.case_id, publish=False, actor=staff.officer)
    assert sv.public_feedback(services, limit=10) == []
    actions = [r.action for r in AuditRow.select().where(AuditRow.entity_id == str(sent.case_id))]
    assert "tiepdan.feedback.unpublish" in actions


def test_the_public_list_shows_the_answer_and_pages(services, staff):
    ids = [send(services, client=f"10.0.1.{i}").case_id for i in range(3)]
    for case_id in ids:
        sv.moderate(services, case_id, publish=True, title=f"Phản ánh {case_id}", text="Đường ngập",
                    actor=staff.officer)
    sv.take_petition(services, ids[0], actor=staff.officer)
    sv.answer_petition(services, ids[0], answer="Phường đã cho khơi thông cống ngày 10/03/2026.", actor=staff.officer)
    first = sv.public_feedback(services, limit=2, offset=0)
    second = sv.public_feedback(services, limit=2, offset=2)
    assert len(first) == 2 and len(second) == 1
    answered = next(i for i in first + second if i.id == ids[0])
    assert answered.answer.startswith("Phường đã cho khơi thông cống") and answered.status


def test_the_photo_is_public_only_when_published_with_it(services, staff):
    sent = send(services, photo=sv.PhotoUpload("a.jpg", jpeg(), "image/jpeg"))
    photo_id = FeedbackPhotoRow.get(FeedbackPhotoRow.case == sent.case_id).id
    from thanthien.core.errors import NotFound

    with pytest.raises(NotFound):
        sv.photo_file(services, photo_id, actor=None, public=True)
    sv.moderate(services, sent.case_id, publish=True, title="Đường ngập", text="Đường ngập", actor=staff.officer)
    with pytest.raises(NotFound):  # published, its photo not
        sv.photo_file(services, photo_id, actor=None, public=True)
    assert sv.public_feedback(services, limit=5)[0].photo_url == ""
    sv.moderate(services, sent.case_id, publish=True, title="Đường ngập", text="Đường ngập", photo_public=True,
                actor=staff.officer)
    assert sv.photo_file(services, photo_id, actor=None, public=True)[2] == jpeg(metadata=False)
    assert sv.public_feedback(services, limit=5)[0].photo_url == f"/tiepdan/phan-anh/anh/{photo_id}"
