"""Tables of the thamhoi module, prefixed ``thamhoi_``; only :mod:`.services` writes them."""
from __future__ import annotations

import peewee as pw
from thanthien.core.models import CaseRow, DocumentRow, NoticeRow, PersonRow
from thanthien.core.storage.db import BaseModel, JSONField, now


class LetterRow(BaseModel):
    """A letter (thư): drafted by an event or by staff, signed (numbered document), sent."""

    kind = pw.CharField(max_length=32, index=True)
    event = pw.CharField(max_length=32)
    state = pw.CharField(max_length=16, index=True, default="draft")
    addressee = pw.CharField(max_length=500, default="")  # personal data (R-DL-02)
    subject = pw.CharField(max_length=400)
    template_key = pw.CharField(max_length=64)
    template_plugin = pw.CharField(max_length=64, default="")
    template_path = pw.CharField(max_length=255)
    context = JSONField(default=dict)  # names of the family etc.: personal data
    case = pw.ForeignKeyField(CaseRow, null=True, on_delete="RESTRICT", backref="+")
    occasion = pw.CharField(max_length=32, default="")
    occasion_date = pw.DateField(null=True)
    document = pw.ForeignKeyField(DocumentRow, null=True, on_delete="RESTRICT", backref="+")
    notice = pw.ForeignKeyField(NoticeRow, null=True, on_delete="SET NULL", backref="+")
    drafted_at = pw.DateTimeField(default=now, index=True)
    drafted_by = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL", backref="+")
    signed_at = pw.DateTimeField(null=True)
    signer_name = pw.CharField(max_length=255, default="")
    sent_at = pw.DateTimeField(null=True)
    sent_method = pw.CharField(max_length=16, default="")
    cancel_reason = pw.TextField(default="")
    unit_id = pw.IntegerField(null=True, index=True)  # the responsible unit: who may read it (0002)

    class Meta:
        table_name = "thamhoi_letter"
        indexes = (
            # one letter per case and event (a life event or a late result drafts once)
            (("case", "event"), True),
            (("occasion", "occasion_date"), False),
        )


class ActivityRow(BaseModel):
    """A ceremony, visit or yearly meeting (lễ trao thư, thăm hỏi, gặp mặt người có uy tín)."""

    kind = pw.CharField(max_length=32, index=True)
    title = pw.CharField(max_length=400)
    scheduled_at = pw.DateTimeField(index=True)
    place = pw.CharField(max_length=400)
    state = pw.CharField(max_length=16, index=True, default="planned")
    delegation = pw.TextField(default="")  # members of the delegation (staff)
    guests = JSONField(default=list)  # respected people, supporters: personal data
    letter = pw.ForeignKeyField(LetterRow, null=True, on_delete="SET NULL", backref="activities")
    result = pw.TextField(default="")
    attendance = pw.IntegerField(null=True)
    done_at = pw.DateTimeField(null=True)
    cancel_reason = pw.TextField(default="")
    unit_id = pw.IntegerField(null=True, index=True)  # the responsible unit (0002)

    class Meta:
        table_name = "thamhoi_activity"


class LetterCountRow(BaseModel):
    """Rollup: letters per year drafted × kind × state × unit (0: none), kept in step with
    every write of a letter (the desk's counts never count the letters; 0003)."""

    year = pw.IntegerField()
    kind = pw.CharField(max_length=32)
    state = pw.CharField(max_length=16)
    unit_id = pw.IntegerField(default=0)
    count = pw.IntegerField(default=0)

    class Meta:
        table_name = "thamhoi_letter_rollup"
        indexes = ((("year", "kind", "state", "unit_id"), True),)


MODELS = [LetterRow, ActivityRow, LetterCountRow]
