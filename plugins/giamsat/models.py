"""Tables of the giamsat module (bảng dữ liệu Ban Giám sát đầu tư của cộng đồng), prefixed
``giamsat_``. Only :mod:`thanthien.plugins.giamsat.services` writes them."""
from __future__ import annotations

import peewee as pw
from thanthien.core.models import CaseRow, PersonRow, UnitRow
from thanthien.core.storage.db import BaseModel, JSONField, now


class ProjectRow(BaseModel):
    """An investment programme or project in the ward (chương trình, dự án đầu tư)."""

    code = pw.CharField(max_length=32, unique=True)
    name = pw.CharField(max_length=500)
    investor = pw.CharField(max_length=255)  # chủ đầu tư / chủ chương trình
    management_unit = pw.CharField(max_length=255, default="")  # ban quản lý dự án
    decision_maker = pw.CharField(max_length=255, default="")  # người quyết định đầu tư
    consultant = pw.CharField(max_length=255, default="")  # tư vấn của chủ đầu tư
    contractor = pw.CharField(max_length=255, default="")  # nhà thầu thi công
    contractor_supervisor = pw.CharField(max_length=255, default="")  # tư vấn giám sát
    project_manager = pw.CharField(max_length=255, default="")  # người trực tiếp quản lý
    funding = pw.CharField(max_length=32, index=True)
    location = pw.CharField(max_length=500)
    group_ids = JSONField(default=list)  # affected residential groups (core_unit ids)
    value_vnd = pw.BigIntegerField(default=0)
    start_on = pw.DateField(null=True)
    end_on = pw.DateField(null=True)
    description = pw.TextField(default="")
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "giamsat_project"


class BoardRow(BaseModel):
    """One Ban GSĐTCĐ per project, set up by UB MTTQ (R-GS-01)."""

    project = pw.ForeignKeyField(ProjectRow, backref="boards", on_delete="RESTRICT")
    decision_ref = pw.CharField(max_length=128)
    established_on = pw.DateField()
    state = pw.CharField(max_length=16, default="active", index=True)
    dissolved_on = pw.DateField(null=True)
    dissolution_note = pw.TextField(default="")
    notice_ids = JSONField(default=list)
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "giamsat_board"


class MemberRow(BaseModel):
    board = pw.ForeignKeyField(BoardRow, backref="members", on_delete="CASCADE")
    full_name = pw.CharField(max_length=255)
    board_role = pw.CharField(max_length=16)
    representing = pw.CharField(max_length=16)
    group = pw.ForeignKeyField(UnitRow, null=True, on_delete="SET NULL", backref="+")
    person = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL", backref="+")
    relations = JSONField(default=list)  # declared relations (R-GS-06)
    joined_on = pw.DateField(null=True)
    left_on = pw.DateField(null=True)  # the membership ended (None: a current member)
    leave_note = pw.TextField(default="")

    class Meta:
        table_name = "giamsat_member"


class PlanRow(BaseModel):
    board = pw.ForeignKeyField(BoardRow, backref="plans", on_delete="CASCADE")
    title = pw.CharField(max_length=500)
    start_on = pw.DateField()
    end_on = pw.DateField()
    content = JSONField(default=list)
    activities = pw.TextField(default="")
    notified_on = pw.DateField(null=True)
    notice_ref = pw.CharField(max_length=128, default="")
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "giamsat_plan"


class CheckRow(BaseModel):
    board = pw.ForeignKeyField(BoardRow, backref="checks", on_delete="CASCADE")
    item = pw.CharField(max_length=64)
    status = pw.CharField(max_length=16, default="chua_giam_sat")
    finding = pw.TextField(default="")
    updated_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "giamsat_check"
        indexes = ((("board", "item"), True),)


class InspectionRow(BaseModel):
    board = pw.ForeignKeyField(BoardRow, backref="inspections", on_delete="CASCADE")
    held_on = pw.DateField(index=True)
    place = pw.CharField(max_length=500)
    participants = pw.TextField(default="")
    experts = JSONField(default=list)
    findings = pw.TextField()
    serious_violation = pw.BooleanField(default=False)
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "giamsat_inspection"


class PhotoRow(BaseModel):
    inspection = pw.ForeignKeyField(InspectionRow, backref="photos", on_delete="CASCADE")
    filename = pw.CharField(max_length=255)
    content_type = pw.CharField(max_length=64)
    size = pw.IntegerField()
    sha256 = pw.CharField(max_length=64)
    caption = pw.CharField(max_length=255, default="")
    data = pw.BlobField()
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "giamsat_photo"


class InfoRequestRow(BaseModel):
    board = pw.ForeignKeyField(BoardRow, backref="requests", on_delete="CASCADE")
    sent_on = pw.DateField()
    addressee = pw.CharField(max_length=255)
    items = JSONField(default=list)
    note = pw.TextField(default="")
    answered_on = pw.DateField(null=True)
    answer = pw.TextField(default="")

    class Meta:
        table_name = "giamsat_info_request"


class CitizenReportRow(BaseModel):
    project = pw.ForeignKeyField(ProjectRow, backref="reports", on_delete="CASCADE")
    board = pw.ForeignKeyField(BoardRow, null=True, on_delete="SET NULL", backref="+")
    received_on = pw.DateField(index=True)
    channel = pw.CharField(max_length=16)
    content = pw.TextField()
    sender_name = pw.CharField(max_length=255, default="")
    sender_contact = pw.CharField(max_length=255, default="")
    state = pw.CharField(max_length=16, default="moi")
    result = pw.TextField(default="")
    handled_on = pw.DateField(null=True)

    class Meta:
        table_name = "giamsat_citizen_report"


class RecommendationRow(BaseModel):
    case = pw.ForeignKeyField(CaseRow, unique=True, on_delete="CASCADE", backref="+")
    board = pw.ForeignKeyField(BoardRow, backref="recommendations", on_delete="CASCADE")
    kind = pw.CharField(max_length=16)
    content = pw.TextField()
    sent_on = pw.DateField()
    basis_inspection = pw.ForeignKeyField(InspectionRow, null=True, on_delete="SET NULL", backref="+")
    answer = pw.TextField(default="")
    answered_on = pw.DateField(null=True, index=True)
    document_id = pw.IntegerField(null=True)

    class Meta:
        table_name = "giamsat_recommendation"


class BoardReportRow(BaseModel):
    board = pw.ForeignKeyField(BoardRow, backref="reports", on_delete="CASCADE")
    kind = pw.CharField(max_length=16)
    period_start = pw.DateField()
    period_end = pw.DateField()
    document_id = pw.IntegerField()
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "giamsat_board_report"


MODELS = [ProjectRow, BoardRow, MemberRow, PlanRow, CheckRow, InspectionRow, PhotoRow, InfoRequestRow,
          CitizenReportRow, RecommendationRow, BoardReportRow]
