"""Residents respond where they read (issue 15 item 11): the subject a feedback is about,
its residential group and place, its photo, and the public list of moderated feedback.

* **Subject.** A public page links to the feedback form with ``?ve=<kind>:<id>``
  (``core/opinions.py``); the module owning the kind says what it is. An unknown, forged or
  no-longer-public reference is dropped: the feedback is received without a subject.
* **Photo.** One optional JPEG, PNG or WebP, checked by content and size
  (``[plugin.tiepdan] max_photo_bytes``); its Exif/GPS, XMP and text metadata are removed
  before it is stored (``core.uploads.strip_metadata``). Staff see it; the public only when
  a moderator publishes it.
* **Moderation.** Nothing is public by default (``pending``). A handler of the matter
  (``P_HANDLE`` in its scope) publishes it ("công khai") with an edited title and text —
  the sender's name, address, phone, e-mail and any phone, ID or e-mail typed into the text
  are removed again on the way out (``core.privacy.remove_personal``) — or keeps it private
  ("không công khai"). Each decision is an audit entry.
* **Public list.** Published feedback only: title, text, subject, group, date received,
  status in words and the ward's public answer; never a name or a contact.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from typing import TYPE_CHECKING

import attrs

from thanthien.core import audit, opinions
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import CaseRow, UnitRow
from thanthien.core.privacy import remove_personal
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.types import COMMUNITY_UNIT_KINDS, Actor
from thanthien.core.uploads import PHOTOS, check_upload, sniff, strip_metadata

from ..models import FeedbackPhotoRow, FeedbackRow, MatterRow, PartyRow
from ..types import P_HANDLE, PETITION
from .common import case_scope, clean, config

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: moderation states of a feedback's public version
PUBLICATIONS = {"pending": "Chưa kiểm duyệt", "public": "Công khai", "private": "Không công khai"}
MAX_PLACE = 255


@attrs.frozen
class PhotoUpload:
    """A photo as the form received it (checked and stripped before storage)."""

    filename: str
    data: bytes
    content_type: str = ""


@attrs.frozen
class FeedbackExtra:
    """What the form adds to a feedback: its subject reference, group, place and photo."""

    subject_ref: str = ""
    group_id: int | None = None
    place: str = ""
    photo: PhotoUpload | None = None


@attrs.frozen
class FeedbackInfo:
    """A feedback's subject, group, place, photo and moderation, as staff see them."""

    case_id: int
    subject_title: str
    subject_url: str
    group_name: str
    place: str
    publication: str
    publication_label: str
    public_title: str
    public_text: str
    photo_public: bool
    photo_ids: list[int]
    moderated_at: dt.datetime | None


@attrs.frozen
class PublicFeedback:
    """One published feedback on the public list: nothing that names or reaches a person."""

    id: int
    title: str
    text: str
    subject_title: str
    subject_url: str
    group: str
    received_on: dt.date
    status: str
    answer: str
    photo_url: str


def residential_groups() -> list[tuple[int, str]]:
    """The ward's residential groups (tổ dân phố) a resident may name."""
    q = (UnitRow.select(UnitRow.id, UnitRow.name)
         .where(UnitRow.active == True, UnitRow.kind.in_(list(COMMUNITY_UNIT_KINDS)))  # noqa: E712
         .order_by(UnitRow.sort, UnitRow.code))
    return [(u.id, u.name) for u in q]


def subject_of(core: CoreServices, ref: str | None) -> opinions.Subject | None:
    """The public subject of a reference, or ``None`` (unknown, forged, not public)."""
    return opinions.resolve(core, ref)


def check_extra(core: CoreServices, extra: FeedbackExtra) -> tuple[list[tuple[str, str]], bytes | None, str, str]:
    """Errors of the group, place and photo; the stripped photo, its name and type."""
    errors: list[tuple[str, str]] = []
    if extra.group_id is not None and extra.group_id not in dict(residential_groups()):
        errors.append(("group_id", "Vui lòng chọn tổ dân phố trong danh sách."))
    if len(clean(extra.place)) > MAX_PLACE:
        errors.append(("place", f"Địa điểm dài quá {MAX_PLACE} ký tự."))
    data, name, mime = None, "", ""
    if extra.photo is not None:
        try:
            name, mime = check_upload(extra.photo.filename, extra.photo.data, extra.photo.content_type,
                                      config(core).max_photo_bytes, kinds=PHOTOS, field="photo")
            data = strip_metadata(extra.photo.data, sniff(extra.photo.data) or "", field="photo")
        except ValidationError as exc:
            errors += list(exc.errors)
    return errors, data, name, mime


def store_extra(core: CoreServices, case_id: int, extra: FeedbackExtra, photo: bytes | None, name: str,
                mime: str) -> None:
    """Keep the subject, group, place and photo of a feedback just received (inside its
    transaction)."""
    subject = subject_of(core, extra.subject_ref)
    FeedbackRow.create(case=case_id, subject_ref=subject.ref if subject else "",
                       subject_title=subject.title[:255] if subject else "", subject_url=subject.url if subject else "",
                       group_id=extra.group_id, place=clean(extra.place))
    if photo is not None:
        FeedbackPhotoRow.create(case=case_id, filename=name, content_type=mime, size=len(photo),
                                sha256=hashlib.sha256(photo).hexdigest(), data=photo)


def _group_names(ids) -> dict[int, str]:
    ids = [i for i in set(ids) if i]
    if not ids:
        return {}
    return {u.id: u.name for u in UnitRow.select(UnitRow.id, UnitRow.name).where(UnitRow.id.in_(ids))}


def _row(case_id: int) -> FeedbackRow | None:
    return FeedbackRow.get_or_none(FeedbackRow.case == case_id)


def feedback_info(case_id: int) -> FeedbackInfo | None:
    """The subject, group, place, photo and moderation of a petition (``None`` for another
    kind of matter). A petition entered by staff has no row until it is moderated."""
    matter = MatterRow.get_or_none(MatterRow.case == case_id)
    if matter is None or matter.kind != PETITION:
        return None
    row = _row(case_id)
    photos = [p.id for p in FeedbackPhotoRow.select(FeedbackPhotoRow.id).where(FeedbackPhotoRow.case == case_id)
              .order_by(FeedbackPhotoRow.id)]
    if row is None:
        return FeedbackInfo(case_id, "", "", "", "", "pending", PUBLICATIONS["pending"], "", "", False, photos, None)
    return FeedbackInfo(case_id, row.subject_title, row.subject_url, _group_names([row.group_id]).get(row.group_id, ""),
                        row.place, row.publication, PUBLICATIONS.get(row.publication, row.publication),
                        row.public_title, row.public_text, row.photo_public, photos, row.moderated_at)


def _sender_details(case_id: int) -> list[str]:
    return _senders_details([case_id]).get(case_id, [])


def _senders_details(case_ids: list[int]) -> dict[int, list[str]]:
    """Each case's senders' own details (names, addresses, phones, e-mails, ID numbers), to be
    removed from what is published — one query for a whole page."""
    out: dict[int, list[str]] = defaultdict(list)
    if case_ids:
        for p in PartyRow.select().where(PartyRow.case.in_(case_ids)):
            out[p.case_id] += [p.full_name, p.address, p.phone, p.email, p.citizen_id]
    return out


def suggested_public_text(case_id: int) -> tuple[str, str]:
    """The title and text a moderator starts from: the sender's own details and any phone,
    ID number or e-mail removed."""
    case = CaseRow.get_by_id(case_id)
    matter = MatterRow.get(MatterRow.case == case_id)
    known = _sender_details(case_id)
    title = case.subject.split(": ", 1)[-1]
    return remove_personal(title, known)[:255], remove_personal(matter.content, known)


def moderate(core: CoreServices, case_id: int, *, publish: bool, title: str = "", text: str = "",
             photo_public: bool = False, actor: Actor, at: dt.datetime | None = None) -> FeedbackInfo:
    """Decide whether a petition appears on the public list ("công khai" with the edited
    title and text, or "không công khai"); recorded in the audit log."""
    case = core.cases.get(case_id)
    matter = MatterRow.get_or_none(MatterRow.case == case_id)
    if matter is None or matter.kind != PETITION:
        raise NotFound("Chỉ phản ánh, kiến nghị mới được công khai trong danh sách phản ánh.")
    core.access.require(actor, P_HANDLE, case_scope(case),
                        message="Bạn không có quyền kiểm duyệt phản ánh này.")
    known = _sender_details(case_id)
    title, text = clean(title), clean(text)
    errors: list[tuple[str, str]] = []
    if publish:
        if not title:
            errors.append(("public_title", "Vui lòng nhập tiêu đề công khai."))
        elif len(title) > 200:
            errors.append(("public_title", "Tiêu đề dài quá 200 ký tự."))
        if not text:
            errors.append(("public_text", "Vui lòng nhập nội dung công khai (đã bỏ thông tin cá nhân)."))
        elif len(text) > config(core).public_max_chars:
            errors.append(("public_text", f"Nội dung dài quá {config(core).public_max_chars} ký tự."))
    if errors:
        raise ValidationError(errors)
    when = at or now()
    state = "public" if publish else "private"
    with write_transaction():
        row = _row(case_id) or FeedbackRow.create(case=case_id)
        before = {"publication": row.publication, "title": row.public_title, "photo_public": row.photo_public}
        row.publication = state
        row.public_title = remove_personal(title, known) if publish else row.public_title
        row.public_text = remove_personal(text, known) if publish else row.public_text
        row.photo_public = bool(photo_public) and publish
        row.moderated_by = actor.person_id
        row.moderated_at = when
        row.save()
        audit.record("tiepdan.feedback.publish" if publish else "tiepdan.feedback.unpublish", "case", case_id,
                     actor=actor, before=before,
                     after={"publication": state, "title": row.public_title, "photo_public": row.photo_public})
    info = feedback_info(case_id)
    assert info is not None
    return info


def _status_label(core: CoreServices, case_type: str, state: str) -> str:
    try:
        return core.cases.case_type(case_type).state(state).label
    except Exception:  # noqa: BLE001 - an unknown state reads as "being handled"
        return "Đang xử lý"


def public_feedback(core: CoreServices, *, limit: int, offset: int = 0) -> list[PublicFeedback]:
    """Published feedback, newest received first: what everyone may read."""
    q = (FeedbackRow.select(FeedbackRow, MatterRow.received_at)
         .join(MatterRow, on=(MatterRow.case == FeedbackRow.case))
         .where(FeedbackRow.publication == "public")
         .order_by(MatterRow.received_at.desc(), FeedbackRow.id.desc())
         .limit(limit).offset(offset))
    rows = list(q)
    if not rows:
        return []
    ids = [r.case_id for r in rows]
    cases = {c.id: c for c in CaseRow.select(CaseRow.id, CaseRow.case_type, CaseRow.state).where(CaseRow.id.in_(ids))}
    answers = {m.case_id: m for m in MatterRow.select(MatterRow.case, MatterRow.received_at, MatterRow.public_answer)
               .where(MatterRow.case.in_(ids))}
    groups = _group_names(r.group_id for r in rows)
    with_photo = [r.case_id for r in rows if r.photo_public]
    photos = {p.case_id: p.id for p in FeedbackPhotoRow.select(FeedbackPhotoRow.id, FeedbackPhotoRow.case)
              .where(FeedbackPhotoRow.case.in_(with_photo))} if with_photo else {}
    senders = _senders_details(ids)
    out = []
    for r in rows:
        case, matter = cases[r.case_id], answers[r.case_id]
        known = senders.get(r.case_id, [])
        photo = photos.get(r.case_id)
        out.append(PublicFeedback(
            r.case_id, remove_personal(r.public_title, known), remove_personal(r.public_text, known),
            r.subject_title, r.subject_url, groups.get(r.group_id, ""), matter.received_at.date(),
            _status_label(core, case.case_type, case.state), remove_personal(matter.public_answer or "", known),
            f"/tiepdan/phan-anh/anh/{photo}" if photo else ""))
    return out


def photo_file(core: CoreServices, photo_id: int, *, actor: Actor | None, public: bool,
               case_id: int | None = None) -> tuple[str, str, bytes]:
    """A feedback photo: for the public only when its feedback and photo are published; for
    staff within the matter's scope (and of the matter ``case_id`` when given)."""
    row = FeedbackPhotoRow.get_or_none(FeedbackPhotoRow.id == photo_id)
    if row is None or (case_id is not None and row.case_id != case_id):
        raise NotFound(f"Không tìm thấy ảnh số {photo_id}.")
    if public:
        fb = _row(row.case_id)
        if fb is None or fb.publication != "public" or not fb.photo_public:
            raise NotFound(f"Không tìm thấy ảnh số {photo_id}.")
    else:
        from .matters import get_matter

        get_matter(core, row.case_id, actor=actor)  # 403 outside the matter's scope
    return row.filename, row.content_type, bytes(row.data)
