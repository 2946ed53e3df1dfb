"""Tables of the thanhtra plan module (bảng dữ liệu Ban Thanh tra nhân dân), prefixed ``thanhtra_``.

Only :mod:`thanthien.plugins.thanhtra.services` writes them. Petitions and recommendations
are core cases (``core_case``); these tables hold their detail, keyed by ``case``.
Identities of petitioners live only in :class:`PetitionRow` (classified personal data).
"""
from __future__ import annotations

import peewee as pw

from thanthien.core.models import CaseRow, PersonRow, UnitRow
from thanthien.core.storage.db import BaseModel, now


class TermRow(BaseModel):
    """A term of the board (nhiệm kỳ), equal to the residential-group heads' term (R-TTND-04)."""

    name = pw.CharField(max_length=100)
    start_on = pw.DateField()
    end_on = pw.DateField()
    head_term = pw.CharField(max_length=8)  # short | long (R-DV-08)
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "thanhtra_term"


class MemberRow(BaseModel):
    """A member of the board (thành viên Ban TTND) for one term, elected by one group."""

    term = pw.ForeignKeyField(TermRow, on_delete="CASCADE", backref="+")
    person = pw.ForeignKeyField(PersonRow, on_delete="RESTRICT", backref="+")
    full_name = pw.CharField(max_length=255)  # public: members are public officers of the board
    group = pw.ForeignKeyField(UnitRow, on_delete="RESTRICT", backref="+")
    office = pw.CharField(max_length=16, default="uy_vien")  # truong_ban | pho_truong_ban | uy_vien
    office_decided_on = pw.DateField(null=True)
    state = pw.CharField(max_length=16, index=True, default="elected")  # elected | active | left
    elected_on = pw.DateField()
    recognised_on = pw.DateField(null=True)
    recognition_ref = pw.CharField(max_length=100, default="")
    left_on = pw.DateField(null=True)
    left_reason = pw.CharField(max_length=16, default="")  # bai_nhiem | cho_thoi
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "thanhtra_member"


class MeetingRow(BaseModel):
    """A community meeting of a group deciding on a board seat (k.5, R-BQ-07, R-BQ-33):
    election, by-election or removal; failed votes are kept too."""

    term = pw.ForeignKeyField(TermRow, on_delete="CASCADE", backref="+")
    group = pw.ForeignKeyField(UnitRow, on_delete="RESTRICT", backref="+")
    kind = pw.CharField(max_length=16, index=True)  # bau | bau_bo_sung | bai_nhiem | cho_thoi
    form = pw.CharField(max_length=16)  # hop_cong_dong | phat_phieu_ho
    held_on = pw.DateField(index=True)
    total_households = pw.IntegerField()
    vote_id = pw.IntegerField(null=True, index=True)  # the engine's vote (core_vote), when counted there
    attending = pw.IntegerField()
    votes_for = pw.IntegerField()
    passed = pw.BooleanField()
    candidate = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL", backref="+")
    member = pw.ForeignKeyField(MemberRow, null=True, on_delete="SET NULL", backref="+")
    proposal_ref = pw.CharField(max_length=100, default="")  # UB MTTQ proposal (R-TTND-06)
    proposed_on = pw.DateField(null=True)
    note = pw.TextField(default="")
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "thanhtra_meeting"


class WorkPlanRow(BaseModel):
    """A periodic work plan of the board (quý, 6 tháng, năm, nhiệm kỳ; R-TTND-09)."""

    period = pw.CharField(max_length=16, index=True)  # quy | sau_thang | nam | nhiem_ky
    start_on = pw.DateField()
    end_on = pw.DateField()
    title = pw.CharField(max_length=255)
    content = pw.TextField()
    document_id = pw.IntegerField(null=True)
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "thanhtra_work_plan"


class InspectionRow(BaseModel):
    """A specific inspection (cuộc kiểm tra, giám sát) and its plan (R-TTND-09)."""

    work_plan = pw.ForeignKeyField(WorkPlanRow, null=True, on_delete="SET NULL", backref="+")
    subject = pw.CharField(max_length=255)  # đối tượng kiểm tra, giám sát (an agency or matter)
    content = pw.TextField()
    planned_on = pw.DateField(index=True)
    sent_on = pw.DateField(null=True)
    sent_late = pw.BooleanField(default=False)
    state = pw.CharField(max_length=16, index=True, default="planned")  # planned | sent | held | cancelled
    held_on = pw.DateField(null=True)
    findings = pw.TextField(default="")
    published = pw.BooleanField(default=False)
    plan_document_id = pw.IntegerField(null=True)
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "thanhtra_inspection"


class PetitionRow(BaseModel):
    """Detail of a petition or feedback received by the board (R-PA-09)."""

    case = pw.ForeignKeyField(CaseRow, unique=True, on_delete="CASCADE", backref="+")
    channel = pw.CharField(max_length=16)  # truc_tiep | hom_thu
    sender_name = pw.CharField(max_length=255, default="")
    sender_address = pw.CharField(max_length=255, default="")
    sender_phone = pw.CharField(max_length=20, default="")
    content = pw.TextField()
    findings = pw.TextField(default="")
    result_document_id = pw.IntegerField(null=True)

    class Meta:
        table_name = "thanhtra_petition"


class RecommendationRow(BaseModel):
    """A recommendation of the board to the UBND, with the board's vote (R-TTND-13).

    ``case`` is set when the vote passed and the recommendation was sent (R-TTND-11).
    """

    case = pw.ForeignKeyField(CaseRow, null=True, unique=True, on_delete="CASCADE", backref="+")
    inspection = pw.ForeignKeyField(InspectionRow, null=True, on_delete="SET NULL", backref="+")
    subject = pw.CharField(max_length=500)
    content = pw.TextField()
    voted_on = pw.DateField()
    members_total = pw.IntegerField()
    present = pw.IntegerField()
    votes_for = pw.IntegerField()
    votes_against = pw.IntegerField()
    abstentions = pw.IntegerField()
    passed = pw.BooleanField()
    answer = pw.TextField(default="")
    answered_on = pw.DateField(null=True)
    document_id = pw.IntegerField(null=True)
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "thanhtra_recommendation"


class ComplaintResultRow(BaseModel):
    """A complaint-resolution result the UBND shared with the board (R-TTND-12)."""

    case = pw.ForeignKeyField(CaseRow, unique=True, on_delete="CASCADE", backref="+")
    number = pw.CharField(max_length=64)
    outcome = pw.CharField(max_length=32)
    closed_at = pw.DateTimeField()
    shared_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "thanhtra_complaint_result"


class ReportRow(BaseModel):
    """A report of the board to UB MTTQ (R-TTND-10)."""

    period = pw.CharField(max_length=16)  # quy | sau_thang | nam | nhiem_ky | dot_xuat
    start_on = pw.DateField()
    end_on = pw.DateField()
    document_id = pw.IntegerField()
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "thanhtra_report"


MODELS = [TermRow, MemberRow, MeetingRow, WorkPlanRow, InspectionRow, PetitionRow, RecommendationRow,
          ComplaintResultRow, ReportRow]
