"""The consultations' tables (lấy ý kiến Nhân dân, R-YK-01…10), from frozen copies of the models.

A database whose 0001 already built them (0001 creates the current ``MODELS``) is left
as it is: ``create_tables`` skips existing tables.
"""
import peewee as pw

from thanthien.core.storage.db import BaseModel, JSONField, now


class ConsultationRow(BaseModel):
    """A consultation before a decision on one of the nine Art. 25 matters (R-YK-01)."""

    title = pw.CharField(max_length=400)
    matter = pw.CharField(max_length=16, index=True)  # art25_1 … art25_9 (R-YK-01)
    content = pw.TextField(default="")  # the draft put to the residents (public)
    # R-YK-06: the plan — forms (channels), method, deadline, responsibility
    channels = JSONField(default=list)  # keys of CHANNELS (R-YK-02)
    method = pw.TextField(default="")
    responsible = pw.CharField(max_length=400, default="")
    unit_id = pw.IntegerField(null=True, index=True)  # the responsible unit: who may manage it
    area_unit_id = pw.IntegerField(null=True)  # the residential group concerned; None: the whole ward
    starts_on = pw.DateField(null=True)  # planned publication day
    ends_on = pw.DateField()  # last day opinions are received (R-YK-07)
    other_law_basis = pw.CharField(max_length=400, default="")  # a law setting another period (R-YK-07)
    state = pw.CharField(max_length=16, index=True, default="draft")
    plan_document_id = pw.IntegerField(null=True)  # the plan sent to the HĐND and the Front (R-YK-06)
    plan_sent_at = pw.DateTimeField(null=True)
    notice_id = pw.IntegerField(null=True)  # the publication notice (Art. 11 item 11)
    published_on = pw.DateField(null=True, index=True)
    closed_at = pw.DateTimeField(null=True)
    # R-YK-08 / R-YK-09: the outcome
    decision = pw.CharField(max_length=16, default="")
    acceptance = pw.TextField(default="")  # what was accepted and why (tiếp thu, giải trình)
    contrary_reason = pw.TextField(default="")  # R-YK-09: why the decision differs from the majority
    majority = pw.CharField(max_length=16, default="")  # the majority at publication of results
    result_notice_id = pw.IntegerField(null=True)
    results_published_at = pw.DateTimeField(null=True, index=True)
    report_document_id = pw.IntegerField(null=True)  # the report to the HĐND (R-YK-10)
    reported_at = pw.DateTimeField(null=True)
    created_by = pw.IntegerField(null=True)
    created_at = pw.DateTimeField(default=now, index=True)

    class Meta:
        table_name = "bieuquyet_consultation"


class OpinionRow(BaseModel):
    """Opinions received through one channel, entered by staff (R-YK-02…05)."""

    consultation = pw.ForeignKeyField(ConsultationRow, on_delete="RESTRICT", backref="opinions")
    consultation_id: int
    channel = pw.CharField(max_length=32, index=True)
    source = pw.CharField(max_length=400, default="")  # "Hội nghị Tổ dân phố số 3", "Hòm thư góp ý"
    received_on = pw.DateField()
    agree = pw.IntegerField(default=0)
    disagree = pw.IntegerField(default=0)
    other = pw.IntegerField(default=0)
    summary = pw.TextField(default="")  # what was said (no names)
    participants = JSONField(default=dict)  # R-YK-04: a group dialogue's UBND, Front and BTTND representatives
    recorded_by = pw.IntegerField(null=True)
    recorded_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "bieuquyet_consultation_opinion"


class CommentRow(BaseModel):
    """A resident's online comment, identity confirmed by a one-time code.

    ``household_id``/``person_id`` are personal data: never shown publicly (the page says
    "Hộ gia đình Tổ dân phố số 3"). Hidden comments stay, with who hid them and why."""

    consultation = pw.ForeignKeyField(ConsultationRow, on_delete="RESTRICT", backref="comments")
    consultation_id: int
    household_id = pw.IntegerField(null=True)
    person_id = pw.IntegerField(null=True)
    group_id = pw.IntegerField(null=True)
    stance = pw.CharField(max_length=16)
    text = pw.TextField()
    created_at = pw.DateTimeField(default=now, index=True)
    hidden = pw.BooleanField(default=False, index=True)
    hidden_reason = pw.TextField(default="")
    hidden_by = pw.IntegerField(null=True)
    hidden_at = pw.DateTimeField(null=True)

    class Meta:
        table_name = "bieuquyet_consultation_comment"
        indexes = ((("consultation", "created_at"), False),)



def up(migrator, db):
    db.create_tables([ConsultationRow, OpinionRow, CommentRow], safe=True)
