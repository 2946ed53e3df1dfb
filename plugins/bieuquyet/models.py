"""Tables of the bieuquyet module, prefixed ``bieuquyet_``; only :mod:`.services` writes them.

Nothing is deleted: a correction adds a row or sets a recorded state (who, when, why);
the audit log (``core.audit``) carries every change as well. Households and people are
the core register's (``core_household``, ``core_person``); the counting of choices is
core's vote engine (``core.voting``), referenced by ``vote_id``.
"""
from __future__ import annotations

import peewee as pw

from thanthien.core.storage.db import BaseModel, JSONField, now


class OneTimeCodeRow(BaseModel):
    """A single-use code (mã dùng một lần): only its keyed hash is stored (R-DL-02)."""

    purpose = pw.CharField(max_length=64, index=True)  # "vote:4", "consultation:2"
    code_hash = pw.CharField(max_length=64, unique=True)
    household_id = pw.IntegerField(null=True, index=True)
    person_id = pw.IntegerField(null=True, index=True)
    created_at = pw.DateTimeField(default=now)
    created_by_id = pw.IntegerField(null=True)
    created_by_name = pw.CharField(max_length=255, default="")
    expires_at = pw.DateTimeField()
    used_at = pw.DateTimeField(null=True)
    revoked_at = pw.DateTimeField(null=True)
    revoke_reason = pw.CharField(max_length=255, default="")
    sent_at = pw.DateTimeField(null=True)  # handed to the notifications module (message_requested)

    class Meta:
        table_name = "bieuquyet_code"
        indexes = ((("purpose", "household_id"), False), (("purpose", "person_id"), False))


class MatterRow(BaseModel):
    """A matter residents decide (nội dung Nhân dân bàn và quyết định, Art. 15)."""

    kind = pw.IntegerField(index=True)  # 1..6 (R-BQ-01)
    title = pw.CharField(max_length=400)
    content = pw.TextField(default="")
    scope = pw.CharField(max_length=16, default="group")  # group | ward
    unit_id = pw.IntegerField(null=True, index=True)  # the residential group (None: ward-wide)
    form = pw.CharField(max_length=16)  # meeting | ballot | online (R-BQ-06)
    state = pw.CharField(max_length=24, index=True, default="draft")
    proposer_name = pw.CharField(max_length=255, default="")
    agreed_with = pw.CharField(max_length=255, default="")  # R-BQ-02/03: the Front head agreeing
    agreed_on = pw.DateField(null=True)
    initiative_id = pw.IntegerField(null=True)
    vote_id = pw.IntegerField(null=True, index=True)  # the current round (core_vote)
    fallback_vote_id = pw.IntegerField(null=True)  # the ballot after a failed meeting (R-BQ-37)
    decided_on = pw.DateField(null=True)  # the day of the vote, or the ballot/online deadline
    forward_due = pw.DateField(null=True)  # R-BQ-35
    forwarded_on = pw.DateField(null=True)
    recognition_due = pw.DateField(null=True)  # R-BQ-36
    recognised_on = pw.DateField(null=True)
    refused_on = pw.DateField(null=True)
    refusal_reason = pw.TextField(default="")
    annulled_on = pw.DateField(null=True)
    annul_reason = pw.TextField(default="")
    effective_on = pw.DateField(null=True)
    decision_document_id = pw.IntegerField(null=True)  # Mẫu 03 / the decision record (R-BQ-39)
    created_at = pw.DateTimeField(default=now, index=True)
    created_by_id = pw.IntegerField(null=True)
    data = JSONField(default=dict)

    class Meta:
        table_name = "bieuquyet_matter"


class InitiativeRow(BaseModel):
    """A citizen initiative (sáng kiến của công dân), R-BQ-04/05."""

    unit_id = pw.IntegerField(index=True)
    title = pw.CharField(max_length=400)
    content = pw.TextField(default="")
    initiator_name = pw.CharField(max_length=255, default="")  # personal data
    started_on = pw.DateField()
    state = pw.CharField(max_length=16, default="collecting")  # collecting | submitted | approved_by_front
    front_approval = pw.TextField(default="")
    matter_id = pw.IntegerField(null=True)
    created_by_id = pw.IntegerField(null=True)

    class Meta:
        table_name = "bieuquyet_initiative"


class ConsentRow(BaseModel):
    """A household's consent to an initiative, valid 3 months (R-BQ-05)."""

    initiative = pw.ForeignKeyField(InitiativeRow, backref="consents", on_delete="RESTRICT")
    household_id = pw.IntegerField(index=True)
    consented_on = pw.DateField()
    recorded_by_id = pw.IntegerField(null=True)
    recorded_at = pw.DateTimeField(default=now)
    withdrawn_on = pw.DateField(null=True)

    class Meta:
        table_name = "bieuquyet_consent"


class MeetingRow(BaseModel):
    """A community meeting (cuộc họp cộng đồng dân cư) or a cluster meeting (R-BQ-11)."""

    matter_id = pw.IntegerField(null=True, index=True)
    unit_id = pw.IntegerField(index=True)
    title = pw.CharField(max_length=400)
    scheduled_at = pw.DateTimeField(index=True)
    place = pw.CharField(max_length=400)
    cluster = pw.CharField(max_length=255, default="")  # the cluster's name (R-BQ-11)
    convener = pw.CharField(max_length=255, default="")  # R-BQ-10
    state = pw.CharField(max_length=16, index=True, default="planned")
    notice_id = pw.IntegerField(null=True)  # core notice: posted at the community house (R-BQ-12)
    notified_on = pw.DateField(null=True)
    notice_channels = JSONField(default=list)
    method = pw.CharField(max_length=16, default="")  # show_of_hands | secret_ballot (R-BQ-15)
    secretary = pw.CharField(max_length=255, default="")
    count_board = JSONField(default=list)  # R-BQ-16: 3–5 names
    witnesses = JSONField(default=list)  # R-BQ-16: 2 household representatives
    started_at = pw.DateTimeField(null=True)
    ended_at = pw.DateTimeField(null=True)
    minutes_document_id = pw.IntegerField(null=True)  # Mẫu 02
    created_at = pw.DateTimeField(default=now)
    created_by_id = pw.IntegerField(null=True)
    cancel_reason = pw.TextField(default="")

    class Meta:
        table_name = "bieuquyet_meeting"


class DeliveryRow(BaseModel):
    """The meeting documents handed to one household (R-BQ-13)."""

    meeting = pw.ForeignKeyField(MeetingRow, backref="deliveries", on_delete="RESTRICT")
    household_id = pw.IntegerField(index=True)
    delivered_on = pw.DateField()
    recorded_by_id = pw.IntegerField(null=True)
    recorded_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "bieuquyet_delivery"
        indexes = ((("meeting", "household_id"), True),)


class AttendanceRow(BaseModel):
    """One household represented at a meeting (R-BQ-09): its representative or proxy."""

    meeting = pw.ForeignKeyField(MeetingRow, backref="attendance", on_delete="RESTRICT")
    household_id = pw.IntegerField(index=True)
    representative = pw.CharField(max_length=255, default="")  # personal data
    proxy = pw.BooleanField(default=False)
    recorded_by_id = pw.IntegerField(null=True)
    recorded_at = pw.DateTimeField(default=now)
    withdrawn_at = pw.DateTimeField(null=True)  # a correction: kept, not deleted

    class Meta:
        table_name = "bieuquyet_attendance"


class BallotRoundRow(BaseModel):
    """A household ballot (phát phiếu lấy ý kiến hộ gia đình), R-BQ-17…22."""

    matter_id = pw.IntegerField(index=True)
    reason = pw.CharField(max_length=32)  # ward_choice | meeting_failed | group_k6 (R-BQ-17 a–c)
    team = JSONField(default=list)  # R-BQ-18: 3–5, led by the Front representative
    published_on = pw.DateField(null=True)  # R-BQ-19
    plan_issued_on = pw.DateField(null=True)
    plan_sent_on = pw.DateField(null=True)  # R-BQ-20
    issue_on = pw.DateField(null=True)
    return_deadline = pw.DateField(null=True)
    witnesses = JSONField(default=list)  # R-BQ-22
    counted_at = pw.DateTimeField(null=True)
    minutes_document_id = pw.IntegerField(null=True)  # Mẫu 04
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "bieuquyet_ballot_round"


class OnlineRoundRow(BaseModel):
    """An online vote (biểu quyết trực tuyến), R-BQ-23…26, with its preliminary poll."""

    matter_id = pw.IntegerField(index=True)
    team = JSONField(default=list)  # R-BQ-23
    informed_on = pw.DateField(null=True)  # UBND and UB MTTQ informed beforehand
    poll_yes = pw.IntegerField(default=0)  # households choosing online voting
    poll_recorded_at = pw.DateTimeField(null=True)
    starts_at = pw.DateTimeField(null=True)
    ends_at = pw.DateTimeField(null=True)
    minutes_document_id = pw.IntegerField(null=True)  # Mẫu 03 (R-BQ-25)
    snapshot = JSONField(default=dict)  # the result at closing
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "bieuquyet_online_round"


MODELS = [OneTimeCodeRow, MatterRow, InitiativeRow, ConsentRow, MeetingRow, DeliveryRow, AttendanceRow,
          BallotRoundRow, OnlineRoundRow]


# group-head elections and dismissals, the annual community meeting and dialogue (R-DV, R-DT)
from .models_elections import ELECTION_MODELS  # noqa: E402

# the consultations' tables (lấy ý kiến Nhân dân) live in their own file
from .models_consultations import MODELS_CONSULTATIONS  # noqa: E402

MODELS = [*MODELS, *ELECTION_MODELS, *MODELS_CONSULTATIONS]
