"""Tables of group-head elections and dismissals (R-DV-10…18) and of the annual community
meeting and dialogue conference (R-DT-01…04); only :mod:`.services.elections` and
:mod:`.services.dialogue` write them. Nothing is deleted: a step records its date, who
and the reference; the audit log carries every change. Choices and counting are core's
vote engine (``core.voting``), referenced by ``vote_id``."""
from __future__ import annotations

import peewee as pw

from thanthien.core.storage.db import BaseModel, JSONField, now


class HeadElectionRow(BaseModel):
    """An election of a residential group's head (bầu Tổ trưởng tổ dân phố, R-DV-10…15)."""

    group_id = pw.IntegerField(index=True)
    kind = pw.CharField(max_length=24, default="dinh_ky")  # dinh_ky | bau_moi (after a dismissal)
    meeting_on = pw.DateField()
    term = pw.CharField(max_length=8, default="long")  # R-DV-08: long | short (UBND tỉnh)
    state = pw.CharField(max_length=16, index=True, default="planned")
    decision_ref = pw.CharField(max_length=100)  # R-DV-10
    decision_on = pw.DateField()
    team_ref = pw.CharField(max_length=100, default="")  # R-DV-11
    team_on = pw.DateField(null=True)
    team_leader = pw.CharField(max_length=255, default="")
    published_on = pw.DateField(null=True)  # R-DV-12
    candidates_ref = pw.CharField(max_length=100, default="")  # R-DV-13 (Mẫu 05)
    candidates_on = pw.DateField(null=True)
    vote_id = pw.IntegerField(null=True, index=True)
    result_received_on = pw.DateField(null=True)
    recognition_due = pw.DateField(null=True)  # R-DV-15
    winner_person_id = pw.IntegerField(null=True)
    winner_votes = pw.IntegerField(null=True)
    households_total = pw.IntegerField(null=True)  # the register at the vote (R-BQ-28)
    recognised_on = pw.DateField(null=True)
    recognition_ref = pw.CharField(max_length=100, default="")
    term_end_on = pw.DateField(null=True)
    rerun_reason = pw.TextField(default="")
    dismissal_id = pw.IntegerField(null=True)
    created_at = pw.DateTimeField(default=now)
    created_by_name = pw.CharField(max_length=255, default="")

    class Meta:
        table_name = "bieuquyet_head_election"


class HeadCandidateRow(BaseModel):
    """A candidate: on the Front's list (Mẫu 05, R-DV-13), self-nominated or nominated at
    the meeting (R-DV-14)."""

    election_id = pw.IntegerField(index=True)
    person_id = pw.IntegerField()
    full_name = pw.CharField(max_length=255)
    source = pw.CharField(max_length=16)  # danh_sach | tu_ung_cu | de_cu
    nominated_by = pw.CharField(max_length=255, default="")
    added_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "bieuquyet_head_candidate"
        indexes = ((("election_id", "person_id"), True),)


class HeadDismissalRow(BaseModel):
    """Releasing or dismissing a group head (miễn nhiệm, bãi nhiệm, R-DV-16…18)."""

    group_id = pw.IntegerField(index=True)
    head_person_id = pw.IntegerField()
    head_name = pw.CharField(max_length=255)
    trigger = pw.CharField(max_length=24)  # xin_thoi | mat_tran | kien_nghi_ho
    grounds = pw.TextField(default="")
    received_on = pw.DateField()
    state = pw.CharField(max_length=16, index=True, default="proposed")
    vote_id = pw.IntegerField(null=True, index=True)
    households_total = pw.IntegerField(null=True)
    votes_for = pw.IntegerField(null=True)
    result_received_on = pw.DateField(null=True)
    recognition_due = pw.DateField(null=True)  # R-DV-17
    decided_by = pw.CharField(max_length=16, default="")  # cong_dong | ubnd (R-DV-17)
    recognised_on = pw.DateField(null=True)
    recognition_ref = pw.CharField(max_length=100, default="")
    interim_person_id = pw.IntegerField(null=True)  # R-DV-18
    interim_until = pw.DateField(null=True)  # R-DV-08
    new_election_due = pw.DateField(null=True)  # R-DV-18
    created_at = pw.DateTimeField(default=now)
    created_by_name = pw.CharField(max_length=255, default="")

    class Meta:
        table_name = "bieuquyet_head_dismissal"


class PetitionSignatureRow(BaseModel):
    """A household's signature on a petition to dismiss the head (R-DV-16)."""

    dismissal_id = pw.IntegerField(index=True)
    household_id = pw.IntegerField()
    representative = pw.CharField(max_length=255, default="")  # personal data (staff only)
    signed_on = pw.DateField()
    recorded_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "bieuquyet_petition_signature"
        indexes = ((("dismissal_id", "household_id"), True),)


class PeriodicMeetingRow(BaseModel):
    """The annual community meeting of a group (hội nghị định kỳ, R-DT-02…04) or the
    ward's dialogue conference (hội nghị đối thoại, R-DT-01)."""

    kind = pw.CharField(max_length=16, index=True)  # dinh_ky | doi_thoai
    unit_id = pw.IntegerField(null=True, index=True)  # the group (None: the ward's dialogue)
    year = pw.IntegerField(index=True)
    meeting_on = pw.DateField()
    place = pw.CharField(max_length=255, default="")
    plan_sent_on = pw.DateField(null=True)  # R-DT-03: to UBND, UB MTTQ, BTTND first
    notice_on = pw.DateField(null=True)  # R-DT-03: ≥ 5 days before
    agenda = JSONField(default=list)  # R-DT-04: [{"key", "summary", "done_at", "by"}]
    households_present = pw.IntegerField(null=True)
    households_total = pw.IntegerField(null=True)
    report_sent_on = pw.DateField(null=True)  # R-DT-04: result report to UBND and UB MTTQ
    state = pw.CharField(max_length=16, default="planned")
    created_at = pw.DateTimeField(default=now)
    created_by_name = pw.CharField(max_length=255, default="")

    class Meta:
        table_name = "bieuquyet_periodic_meeting"


ELECTION_MODELS = [HeadElectionRow, HeadCandidateRow, HeadDismissalRow, PetitionSignatureRow, PeriodicMeetingRow]
