"""Tables of the disclosure module, prefixed ``congkhai_``; only :mod:`.services` writes them.

A notice's unit (its scope) is core's ``core_notice.unit_id``; an information request's is
its case's ``unit_id``; a posting at a residential group belongs to the group (``unit``),
one at a ward place to its notice."""
from __future__ import annotations

import peewee as pw

from thanthien.core.models import CaseRow, NoticeRow, PersonRow, UnitRow
from thanthien.core.storage.db import BaseModel, JSONField, now


class NoticeMetaRow(BaseModel):
    """What congkhai adds to a core notice: responsible officer, deadline, search text."""

    notice = pw.ForeignKeyField(NoticeRow, unique=True, on_delete="CASCADE")
    responsible = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL")
    deadline = pw.DateField(null=True)  # R-CK-03
    search_text = pw.TextField(default="")
    # For item 14 and plugin categories ("per the requiring text"): which duties apply.
    custom = JSONField(default=dict)
    requirements_built = pw.BooleanField(default=False)
    # what the public sees, sanitised and masked once at publication (migration 0003;
    # an empty title: not prepared yet, computed on the fly)
    public_title = pw.TextField(default="")
    public_body = pw.TextField(default="")
    public_summary = pw.TextField(default="")

    class Meta:
        table_name = "congkhai_notice_meta"


class RequirementRow(BaseModel):
    notice = pw.ForeignKeyField(NoticeRow, backref="congkhai_requirements", on_delete="CASCADE")
    kind = pw.CharField(max_length=32)
    unit = pw.ForeignKeyField(UnitRow, null=True, on_delete="SET NULL")
    due_date = pw.DateField()
    min_days = pw.IntegerField(null=True)
    permanent = pw.BooleanField(default=False)
    broadcast_days = pw.IntegerField(null=True)
    rule_ids = JSONField(default=list)
    #: the ledger has a line at this place (kept by the ledger's writes): the desk's
    #: "missing" filter reads the places still without one by index, not every posting
    recorded = pw.BooleanField(default=False)

    class Meta:
        table_name = "congkhai_requirement"
        indexes = ((("notice", "kind", "unit"), True), (("recorded", "notice"), False))


class PostingRow(BaseModel):
    """The dissemination ledger (sổ theo dõi niêm yết, phát thanh, gửi tổ trưởng)."""

    notice = pw.ForeignKeyField(NoticeRow, backref="congkhai_postings", on_delete="CASCADE")
    kind = pw.CharField(max_length=32, index=True)
    unit = pw.ForeignKeyField(UnitRow, null=True, on_delete="SET NULL")
    posted_on = pw.DateField()
    removed_on = pw.DateField(null=True)
    recorded_by = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL")
    recorded_name = pw.CharField(max_length=255, default="")
    note = pw.TextField(default="")
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "congkhai_posting"


class AttachmentRow(BaseModel):
    notice = pw.ForeignKeyField(NoticeRow, backref="congkhai_attachments", on_delete="CASCADE")
    filename = pw.CharField(max_length=255)
    content_type = pw.CharField(max_length=64)
    size = pw.IntegerField()
    sha256 = pw.CharField(max_length=64)
    data = pw.BlobField()
    created_by = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL")
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "congkhai_attachment"


class ConferenceRow(BaseModel):
    kind = pw.CharField(max_length=32, index=True)
    topic = pw.CharField(max_length=500)
    held_on = pw.DateField(index=True)
    place = pw.CharField(max_length=255)
    audience = pw.CharField(max_length=16)
    unit = pw.ForeignKeyField(UnitRow, null=True, on_delete="SET NULL")
    invited = pw.IntegerField(default=0)
    attended = pw.IntegerField(default=0)
    note = pw.TextField(default="")
    created_by = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL")
    created_at = pw.DateTimeField(default=now)
    organiser_unit_id = pw.IntegerField(null=True, index=True)  # who organised it: its scope (0002)

    class Meta:
        table_name = "congkhai_conference"


class MediaRow(BaseModel):
    kind = pw.CharField(max_length=32)
    title = pw.CharField(max_length=500)
    published_on = pw.DateField(index=True)
    channel = pw.CharField(max_length=32)
    topic = pw.CharField(max_length=32)
    url = pw.CharField(max_length=500, default="")
    created_by = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL")
    created_at = pw.DateTimeField(default=now)
    organiser_unit_id = pw.IntegerField(null=True, index=True)  # who recorded it: its scope (0002)

    class Meta:
        table_name = "congkhai_media"


class InfoRequestRow(BaseModel):
    case = pw.ForeignKeyField(CaseRow, unique=True, on_delete="CASCADE")
    channel = pw.CharField(max_length=16)
    complex = pw.BooleanField(default=False)
    requester_name = pw.CharField(max_length=255)
    requester_id_no = pw.CharField(max_length=32, default="")
    requester_address = pw.CharField(max_length=255, default="")
    requester_contact = pw.CharField(max_length=255, default="")
    organisation = pw.CharField(max_length=255, default="")
    info_requested = pw.TextField()
    purpose = pw.TextField(default="")
    delivery_form = pw.CharField(max_length=32)
    notice_due = pw.DateField(null=True)
    notified_on = pw.DateField(null=True)
    provided_on = pw.DateField(null=True)
    refusal_ground = pw.CharField(max_length=32, default="")
    previous_cases = JSONField(default=list)

    class Meta:
        table_name = "congkhai_info_request"


MODELS = [NoticeMetaRow, RequirementRow, PostingRow, AttachmentRow, ConferenceRow, MediaRow, InfoRequestRow]
