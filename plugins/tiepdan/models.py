"""Tables of the tiepdan plan module (bảng dữ liệu phân hệ tiếp công dân), prefixed ``tiepdan_``.

Only :mod:`thanthien.plugins.tiepdan.services` writes them. Sessions, register entries and
dialogues belong to a unit (``unit_id``, the reception unit: their scope, migration 0002);
matters are core cases, whose ``unit_id`` is that unit too. Identities of the people who
come to the ward (người khiếu nại, người tố cáo, người phản ánh) live in
:class:`PartyRow`, never in the case subject, the case data or the audit log, so that a
denouncer's identity can be masked in one place (R-TC-09, R-TC-10, R-DL-09).
"""
from __future__ import annotations

import peewee as pw

from thanthien.core.models import CaseRow, NoticeRow, PersonRow
from thanthien.core.storage.db import BaseModel, JSONField, now


class SessionRow(BaseModel):
    """A reception session (buổi tiếp công dân): the chairman's day or a regular one."""

    kind = pw.CharField(max_length=16, index=True)  # chairman | regular | unscheduled
    day = pw.DateField(index=True)
    start_time = pw.CharField(max_length=5)
    end_time = pw.CharField(max_length=5)
    place = pw.CharField(max_length=255)
    host = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL", backref="+")
    host_name = pw.CharField(max_length=255, default="")
    host_title = pw.CharField(max_length=255, default="")
    delegated = pw.BooleanField(default=False)
    attendees = JSONField(default=list)
    topics = pw.TextField(default="")
    state = pw.CharField(max_length=16, index=True, default="draft")  # draft|published|held|moved|cancelled
    published_at = pw.DateTimeField(null=True)
    published_late = pw.BooleanField(default=False)
    notice = pw.ForeignKeyField(NoticeRow, null=True, on_delete="SET NULL", backref="+")
    moved_from = pw.ForeignKeyField("self", null=True, on_delete="SET NULL")
    moved_reason = pw.TextField(default="")
    created_at = pw.DateTimeField(default=now)
    unit_id = pw.IntegerField(null=True, index=True)  # the unit keeping the schedule (0002)

    class Meta:
        table_name = "tiepdan_session"


class VisitRow(BaseModel):
    """One entry of the reception register (sổ tiếp công dân, R-TD-11)."""

    year = pw.IntegerField()
    seq = pw.IntegerField()
    received_at = pw.DateTimeField(index=True)
    session = pw.ForeignKeyField(SessionRow, null=True, on_delete="SET NULL")
    headcount = pw.IntegerField(default=1)
    summary = pw.TextField()
    prior_handling = pw.TextField(default="")
    request = pw.TextField(default="")
    classification = pw.CharField(max_length=32, index=True)
    handling = pw.CharField(max_length=32, default="")
    handling_note = pw.TextField(default="")
    refusal_ground = pw.CharField(max_length=32, default="")
    officer = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL", backref="+")
    officer_name = pw.CharField(max_length=255, default="")
    citizen_signed = pw.BooleanField(default=False)
    case = pw.ForeignKeyField(CaseRow, null=True, on_delete="SET NULL", backref="+")
    reply_case = pw.ForeignKeyField(CaseRow, null=True, on_delete="SET NULL", backref="+")
    document_id = pw.IntegerField(null=True)
    unit_id = pw.IntegerField(null=True, index=True)  # the unit whose register holds it (0002)
    channel = pw.CharField(max_length=16, default="truc_tiep")  # truc_tiep | truc_tuyen, R-TD-05 (0002)

    class Meta:
        table_name = "tiepdan_visit"
        indexes = ((("year", "seq"), True),)


class MatterRow(BaseModel):
    """The plugin's detail of a case (đơn thư / vụ việc): type, channel, clocks' facts."""

    case = pw.ForeignKeyField(CaseRow, unique=True, on_delete="CASCADE", backref="+")
    kind = pw.CharField(max_length=16, index=True)  # matter kind: khieu_nai | to_cao | phan_anh | tra_loi_tiep_dan
    channel = pw.CharField(max_length=16, index=True)
    received_at = pw.DateTimeField(index=True)
    content = pw.TextField(default="")
    accused = pw.TextField(default="")  # người bị khiếu nại / bị tố cáo
    visit = pw.ForeignKeyField(VisitRow, null=True, on_delete="SET NULL")
    parent = pw.ForeignKeyField(CaseRow, null=True, on_delete="SET NULL", backref="+")
    reopen_count = pw.IntegerField(default=0)
    public_answer = pw.TextField(default="")
    answered_at = pw.DateTimeField(null=True)

    class Meta:
        table_name = "tiepdan_matter"


class ClockRow(BaseModel):
    """One legal clock of a case (thời hạn): a stage, its rule, due date and when it ended."""

    case = pw.ForeignKeyField(CaseRow, on_delete="CASCADE", backref="+")
    stage = pw.CharField(max_length=32)
    rule = pw.CharField(max_length=16)
    started_at = pw.DateTimeField()
    due_date = pw.DateField()
    done_at = pw.DateTimeField(null=True)
    late = pw.BooleanField(null=True)

    class Meta:
        table_name = "tiepdan_clock"
        indexes = ((("case", "stage"), False),)


class PartyRow(BaseModel):
    """A person concerned by a visit or a case: complainant, denouncer, petitioner, representative."""

    case = pw.ForeignKeyField(CaseRow, null=True, on_delete="CASCADE", backref="+")
    visit = pw.ForeignKeyField(VisitRow, null=True, on_delete="CASCADE")
    role = pw.CharField(max_length=16)  # applicant | denouncer | representative
    confidential = pw.BooleanField(default=False)
    full_name = pw.CharField(max_length=255, default="")
    address = pw.CharField(max_length=255, default="")
    phone = pw.CharField(max_length=32, default="")
    email = pw.CharField(max_length=255, default="")
    citizen_id = pw.CharField(max_length=32, default="")
    handwriting = pw.TextField(default="")  # bút tích: signature/handwriting sample reference

    class Meta:
        table_name = "tiepdan_party"


class ReceiptRow(BaseModel):
    """A receipt for submitted documents and evidence (giấy biên nhận, R-TD-12)."""

    year = pw.IntegerField()
    seq = pw.IntegerField()
    visit = pw.ForeignKeyField(VisitRow, null=True, on_delete="SET NULL")
    case = pw.ForeignKeyField(CaseRow, null=True, on_delete="SET NULL", backref="+")
    items = JSONField(default=list)
    copies = pw.IntegerField()
    issued_at = pw.DateTimeField()
    officer_name = pw.CharField(max_length=255, default="")

    class Meta:
        table_name = "tiepdan_receipt"
        indexes = ((("year", "seq"), True),)


class TrackingRow(BaseModel):
    """A tracking code (mã tra cứu) a citizen uses to follow a matter without an account."""

    code = pw.CharField(max_length=32, unique=True)
    case = pw.ForeignKeyField(CaseRow, on_delete="CASCADE", backref="+")
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "tiepdan_tracking"


class ThrottleRow(BaseModel):
    """Public submissions per client (hashed address), for rate limiting."""

    client = pw.CharField(max_length=64, index=True)
    action = pw.CharField(max_length=32)
    at = pw.DateTimeField(index=True)

    class Meta:
        table_name = "tiepdan_throttle"


class DialogueRow(BaseModel):
    """A UBND–people dialogue conference (hội nghị đối thoại, R-DT-01)."""

    year = pw.IntegerField(index=True)
    title = pw.CharField(max_length=500)
    day = pw.DateField()
    start_time = pw.CharField(max_length=5, default="08:00")
    place = pw.CharField(max_length=255)
    co_organiser = pw.CharField(max_length=255, default="")
    plan = pw.TextField(default="")
    invitees = JSONField(default=list)
    state = pw.CharField(max_length=16, default="planned")  # planned|invited|held|published|cancelled
    invitation_document_id = pw.IntegerField(null=True)
    plan_document_id = pw.IntegerField(null=True)
    minutes = pw.TextField(default="")
    attendance = pw.IntegerField(null=True)
    held_at = pw.DateTimeField(null=True)
    published_at = pw.DateTimeField(null=True)
    created_at = pw.DateTimeField(default=now)
    unit_id = pw.IntegerField(null=True, index=True)  # the organising unit (0002)

    class Meta:
        table_name = "tiepdan_dialogue"


class QuestionRow(BaseModel):
    """A question collected before a dialogue conference, and its answer."""

    dialogue = pw.ForeignKeyField(DialogueRow, backref="questions", on_delete="CASCADE")
    source = pw.CharField(max_length=255, default="")  # tổ dân phố / tổ chức, never a name
    text = pw.TextField()
    answer = pw.TextField(default="")
    answered_by = pw.CharField(max_length=255, default="")
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "tiepdan_question"


class FeedbackRow(BaseModel):
    """What a resident's feedback is about and how it may be shown to the public (0003): the
    subject it was sent from (``congkhai.notice:12``, see ``core/opinions.py``), the
    residential group and place, and the moderation — never public by default."""

    case = pw.ForeignKeyField(CaseRow, unique=True, on_delete="CASCADE", backref="+")
    subject_ref = pw.CharField(max_length=80, default="", index=True)
    subject_title = pw.CharField(max_length=255, default="")
    subject_url = pw.CharField(max_length=255, default="")
    group_id = pw.IntegerField(null=True, index=True)  # a residential group (core unit)
    place = pw.CharField(max_length=255, default="")
    publication = pw.CharField(max_length=16, default="pending", index=True)  # pending | public | private
    public_title = pw.CharField(max_length=255, default="")
    public_text = pw.TextField(default="")
    photo_public = pw.BooleanField(default=False)
    moderated_by = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL", backref="+")
    moderated_at = pw.DateTimeField(null=True, index=True)

    class Meta:
        table_name = "tiepdan_feedback"


class FeedbackPhotoRow(BaseModel):
    """The photo sent with a feedback, its metadata (Exif, GPS) stripped before storage."""

    case = pw.ForeignKeyField(CaseRow, on_delete="CASCADE", backref="+")
    filename = pw.CharField(max_length=255)
    content_type = pw.CharField(max_length=64)
    size = pw.IntegerField()
    sha256 = pw.CharField(max_length=64)
    data = pw.BlobField()
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "tiepdan_feedback_photo"


MODELS = [SessionRow, VisitRow, MatterRow, ClockRow, PartyRow, ReceiptRow, TrackingRow, ThrottleRow,
          DialogueRow, QuestionRow, FeedbackRow, FeedbackPhotoRow]
