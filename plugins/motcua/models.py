"""Tables of the one-stop module (phân hệ một cửa), all prefixed ``motcua_``.

The dossier's clock, state and events live in core's case tables; ``DossierRow`` keeps
what the one-stop forms need beside them, keyed by ``case``. A dossier belongs to its
``handling_unit`` (the same unit as its case: its access scope). Only
:mod:`thanthien.plugins.motcua.services` writes these tables.
"""
from __future__ import annotations

import peewee as pw

from thanthien.core.models import CaseRow, DocumentRow, PersonRow, UnitRow
from thanthien.core.storage.db import BaseModel, JSONField, now


class ProcedureRow(BaseModel):
    """A procedure of the catalogue (thủ tục hành chính)."""

    code = pw.CharField(max_length=32, unique=True)
    name = pw.CharField(max_length=500)
    field = pw.CharField(max_length=255)
    time_unit = pw.CharField(max_length=16)  # same_day | working_days | days (R-MC-11)
    time_amount = pw.IntegerField(default=0)
    time_note = pw.TextField(default="")
    fee_vnd = pw.BigIntegerField(null=True)  # None: rate not configured -> nothing may be charged
    fee_unit = pw.CharField(max_length=64, default="hồ sơ")
    fee_note = pw.TextField(default="")
    documents = JSONField(default=list)  # [{code, name, copy_kind, quantity}]
    handling_unit = pw.CharField(max_length=64, default="")  # unit code
    delivery = JSONField(default=list)  # counter | postal | online
    online_level = pw.CharField(max_length=16, default="none")  # none | partial | full
    life_event = pw.CharField(max_length=16, default="")  # birth | marriage | death
    source = pw.TextField(default="")
    tag = pw.CharField(max_length=8, default="")
    verify = pw.BooleanField(default=False)
    active = pw.BooleanField(default=True)
    updated_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "motcua_procedure"


class DossierRow(BaseModel):
    """The one-stop side of a dossier (hồ sơ TTHC)."""

    case = pw.ForeignKeyField(CaseRow, unique=True, on_delete="RESTRICT")
    code = pw.CharField(max_length=64, unique=True)
    procedure_code = pw.CharField(max_length=32, index=True)
    procedure_name = pw.CharField(max_length=500)
    time_unit = pw.CharField(max_length=16)
    time_amount = pw.IntegerField(default=0)
    fee_paid = pw.BigIntegerField(default=0)
    fee_units = pw.IntegerField(default=1)
    documents = JSONField(default=list)
    sets = pw.IntegerField(default=1)
    submission = pw.CharField(max_length=16, default="counter")  # counter | postal | online
    delivery = pw.CharField(max_length=16, default="counter")
    postal_tracking = pw.CharField(max_length=64, default="")
    applicant_name = pw.CharField(max_length=255)
    applicant_citizen_id = pw.CharField(max_length=32, default="")
    applicant_phone = pw.CharField(max_length=32, default="")
    applicant_address = pw.CharField(max_length=500, default="")
    applicant_email = pw.CharField(max_length=255, default="")
    concerned = JSONField(default=list)  # [{full_name, role}] for life events
    #: the unit the dossier belongs to (its scope, equal to its case's unit)
    handling_unit = pw.ForeignKeyField(UnitRow, null=True, on_delete="SET NULL")
    handler = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL")
    received_by = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL", backref="+")
    received_by_name = pw.CharField(max_length=255, default="")
    received_at = pw.DateTimeField()
    appointment_at = pw.DateTimeField()
    original_due = pw.DateField()
    register_line = pw.IntegerField()
    result_ready_at = pw.DateTimeField(null=True)
    returned_at = pw.DateTimeField(null=True)
    processing_days = pw.IntegerField(null=True)  # working days from receipt to return
    timeliness = pw.CharField(max_length=16, default="")  # early | on_time | late, vs the first appointment
    breach = pw.BooleanField(default=False)
    reappointments = pw.IntegerField(default=0)
    receipt_document = pw.ForeignKeyField(DocumentRow, null=True, on_delete="SET NULL", backref="+")
    #: printed on the receipt: public actions on the dossier (rating) need it
    lookup_secret = pw.CharField(max_length=16, default="")

    class Meta:
        table_name = "motcua_dossier"


class ApologyRow(BaseModel):
    """Mẫu 04: apology and extension proposal (R-MC-15), drafted then signed."""

    dossier = pw.ForeignKeyField(DossierRow, on_delete="RESTRICT", backref="apologies")
    state = pw.CharField(max_length=16, default="draft")  # draft | signed
    previous_due = pw.DateField()
    proposed_due = pw.DateField()
    reason = pw.TextField(default="")
    drafted_at = pw.DateTimeField(default=now)
    signed_at = pw.DateTimeField(null=True)
    signer_name = pw.CharField(max_length=255, default="")
    signer_title = pw.CharField(max_length=255, default="")
    timely = pw.BooleanField(null=True)
    document = pw.ForeignKeyField(DocumentRow, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        table_name = "motcua_apology"


class SlotRow(BaseModel):
    """Bookings taken in one appointment slot; ``booked`` is bumped atomically."""

    day = pw.DateField()
    time = pw.CharField(max_length=5)
    booked = pw.IntegerField(default=0)

    class Meta:
        table_name = "motcua_slot"
        indexes = ((("day", "time"), True),)


class BookingRow(BaseModel):
    """A resident's appointment (hẹn giờ) for a procedure."""

    code = pw.CharField(max_length=16, unique=True)
    procedure_code = pw.CharField(max_length=32)
    day = pw.DateField(index=True)
    time = pw.CharField(max_length=5)
    name = pw.CharField(max_length=255)
    phone = pw.CharField(max_length=32, index=True)
    created_at = pw.DateTimeField(default=now)
    cancelled_at = pw.DateTimeField(null=True)

    class Meta:
        table_name = "motcua_booking"


class AssistanceRow(BaseModel):
    """Home or after-hours help with a procedure (plan III.1.2)."""

    kind = pw.CharField(max_length=16)  # home | after_hours | centre
    helper = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL")
    helper_name = pw.CharField(max_length=255)
    place = pw.CharField(max_length=500)
    at = pw.DateTimeField()
    procedure_code = pw.CharField(max_length=32, default="")
    dossier_code = pw.CharField(max_length=64, default="")
    note = pw.TextField(default="")
    recorded_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "motcua_assistance"


class RatingRow(BaseModel):
    """A per-dossier satisfaction rating (R-MC-19)."""

    dossier = pw.ForeignKeyField(DossierRow, unique=True, on_delete="RESTRICT")
    level = pw.CharField(max_length=32)
    comment = pw.TextField(default="")
    channel = pw.CharField(max_length=16, default="web")  # web | kiosk
    rated_at = pw.DateTimeField(default=now)
    procedure_code = pw.CharField(max_length=32, index=True)
    officer = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL")
    feedback_case = pw.ForeignKeyField(CaseRow, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        table_name = "motcua_rating"


class SurveyRow(BaseModel):
    """A SIPAS-style survey run over a period (R-MC-20, R-MC-21)."""

    title = pw.CharField(max_length=500)
    start = pw.DateField()
    end = pw.DateField()
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "motcua_survey"


class SurveyResponseRow(BaseModel):
    survey = pw.ForeignKeyField(SurveyRow, on_delete="CASCADE", backref="responses")
    answered_on = pw.DateField()
    procedure_code = pw.CharField(max_length=32, default="")
    officer = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL")
    scores = JSONField(default=dict)  # factor key -> 1..5
    comment = pw.TextField(default="")

    class Meta:
        table_name = "motcua_survey_response"


class RollupRow(BaseModel):
    """month × procedure × metric counters, kept in step with each write (docs/architecture.md)."""

    month = pw.CharField(max_length=7)
    procedure_code = pw.CharField(max_length=32)
    metric = pw.CharField(max_length=32)
    value = pw.BigIntegerField(default=0)

    class Meta:
        table_name = "motcua_rollup"
        indexes = ((("month", "procedure_code", "metric"), True),)


MODELS = [ProcedureRow, DossierRow, ApologyRow, SlotRow, BookingRow, AssistanceRow, RatingRow,
          SurveyRow, SurveyResponseRow, RollupRow]
