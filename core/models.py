"""Core tables (bảng dữ liệu lõi), prefixed ``core_``.

Only core services write these tables. :func:`to_type` maps a row to its attrs type.
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs
import peewee as pw
from attrs import AttrsInstance

from .storage.db import BaseModel, JSONField, now
from .storage.kv import KeyValueRow  # the table lives with its store

T = TypeVar("T", bound=AttrsInstance)


class UnitRow(BaseModel):
    code = pw.CharField(max_length=64, unique=True)
    name = pw.CharField(max_length=255)
    kind = pw.CharField(max_length=64, index=True)
    parent = pw.ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    parent_id: int | None
    address = pw.CharField(max_length=255, default="")
    active = pw.BooleanField(default=True)
    sort = pw.IntegerField(default=0)

    class Meta:
        table_name = "core_unit"


class HouseholdRow(BaseModel):
    code = pw.CharField(max_length=64, unique=True)
    group = pw.ForeignKeyField(UnitRow, backref="households", on_delete="RESTRICT")
    group_id: int
    address = pw.CharField(max_length=255, default="")
    head = pw.DeferredForeignKey("PersonRow", null=True, on_delete="SET NULL")
    head_id: int | None
    active = pw.BooleanField(default=True)

    class Meta:
        table_name = "core_household"


class PersonRow(BaseModel):
    full_name = pw.CharField(max_length=255)
    search_name = pw.CharField(max_length=255, index=True)
    birth_date = pw.DateField(null=True)
    sex = pw.CharField(max_length=8, default="")
    citizen_id = pw.CharField(max_length=32, default="", index=True)
    phone = pw.CharField(max_length=32, default="")
    email = pw.CharField(max_length=255, default="")
    address = pw.CharField(max_length=255, default="")
    ethnicity = pw.CharField(max_length=64, default="")
    household = pw.ForeignKeyField(HouseholdRow, null=True, backref="members", on_delete="SET NULL")
    household_id: int | None
    relation_to_head = pw.CharField(max_length=64, default="")
    is_staff = pw.BooleanField(default=False, index=True)
    unit = pw.ForeignKeyField(UnitRow, null=True, backref="staff", on_delete="SET NULL")
    unit_id: int | None
    position = pw.CharField(max_length=255, default="")
    badge_number = pw.CharField(max_length=32, default="")
    active = pw.BooleanField(default=True)
    created_at = pw.DateTimeField(default=now)
    updated_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "core_person"


class RoleGrantRow(BaseModel):
    person = pw.ForeignKeyField(PersonRow, backref="role_grants", on_delete="CASCADE")
    person_id: int
    role = pw.CharField(max_length=64)
    unit = pw.ForeignKeyField(UnitRow, null=True, on_delete="CASCADE")
    unit_id: int | None
    granted_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "core_role_grant"
        indexes = ((("person", "role", "unit"), True),)


class EndedRoleGrantRow(BaseModel):
    """A role grant that ended (R-DV-15, R-DV-18: a group head replaced, dismissed or
    interim): kept with its dates and the reason, never deleted. Only ``core_role_grant``
    gives access; this table is the history."""

    person = pw.ForeignKeyField(PersonRow, backref="+", on_delete="CASCADE")
    person_id: int
    role = pw.CharField(max_length=64, index=True)
    unit = pw.ForeignKeyField(UnitRow, null=True, backref="+", on_delete="CASCADE")
    unit_id: int | None
    granted_at = pw.DateTimeField(null=True)
    ended_at = pw.DateTimeField(default=now)
    reason = pw.TextField(default="")

    class Meta:
        table_name = "core_role_grant_ended"


class CounterRow(BaseModel):
    """One row per numbering series (docs/architecture.md, "Measured choices"): updated in the
    writing transaction."""

    series = pw.CharField(max_length=128, primary_key=True)
    value = pw.BigIntegerField(default=0)

    class Meta:
        table_name = "core_counter"


class CaseRow(BaseModel):
    case_type = pw.CharField(max_length=64, index=True)
    number = pw.CharField(max_length=64, unique=True)
    series = pw.CharField(max_length=128)
    year = pw.IntegerField()
    seq = pw.IntegerField()
    subject = pw.CharField(max_length=500)
    state = pw.CharField(max_length=64, index=True)
    opened_at = pw.DateTimeField()
    received_at = pw.DateTimeField()
    unit = pw.ForeignKeyField(UnitRow, null=True, on_delete="SET NULL")
    unit_id: int | None
    owner = pw.ForeignKeyField(PersonRow, null=True, backref="owned_cases", on_delete="SET NULL")
    owner_id: int | None
    applicant = pw.ForeignKeyField(PersonRow, null=True, backref="applied_cases", on_delete="SET NULL")
    applicant_id: int | None
    due_date = pw.DateField(null=True, index=True)
    due_unit = pw.CharField(max_length=16, default="")
    paused_at = pw.DateTimeField(null=True)
    paused_remaining = pw.IntegerField(null=True)
    extensions = pw.IntegerField(default=0)
    closed_at = pw.DateTimeField(null=True, index=True)
    outcome = pw.CharField(max_length=64, default="")
    confidential = pw.BooleanField(default=False)
    overdue_notified = pw.BooleanField(default=False)
    data = JSONField(default=dict)

    class Meta:
        table_name = "core_case"
        indexes = ((("series", "seq"), True),)


class CaseEventRow(BaseModel):
    case = pw.ForeignKeyField(CaseRow, backref="events", on_delete="RESTRICT")
    case_id: int
    at = pw.DateTimeField(default=now)
    action = pw.CharField(max_length=64)
    actor = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL")
    actor_id: int | None
    actor_name = pw.CharField(max_length=255, default="")
    from_state = pw.CharField(max_length=64, default="")
    to_state = pw.CharField(max_length=64, default="")
    note = pw.TextField(default="")
    due_date = pw.DateField(null=True)
    data = JSONField(default=dict)

    class Meta:
        table_name = "core_case_event"


class CaseRollupRow(BaseModel):
    """Rollup (bảng tổng hợp): cases per month opened × type × unit × state × timeliness."""

    month = pw.CharField(max_length=7)  # YYYY-MM of received_at
    case_type = pw.CharField(max_length=64)
    unit_id = pw.IntegerField(default=0)
    state = pw.CharField(max_length=64)
    timeliness = pw.CharField(max_length=16)  # open | early | on_time | late
    count = pw.IntegerField(default=0)

    class Meta:
        table_name = "core_case_rollup"
        indexes = ((("month", "case_type", "unit_id", "state", "timeliness"), True),)


class NoticeRow(BaseModel):
    category = pw.CharField(max_length=64, index=True)
    title = pw.CharField(max_length=500)
    body_html = pw.TextField(default="")
    state = pw.CharField(max_length=16, index=True, default="draft")
    created_at = pw.DateTimeField(default=now)
    unit = pw.ForeignKeyField(UnitRow, null=True, on_delete="SET NULL")
    unit_id: int | None
    decision_ref = pw.CharField(max_length=255, default="")
    decision_date = pw.DateField(null=True)
    published_at = pw.DateTimeField(null=True, index=True)
    window_start = pw.DateField(null=True)
    window_end = pw.DateField(null=True)
    channels = JSONField(default=list)
    created_by = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL")
    created_by_id: int | None
    version = pw.IntegerField(default=1)
    parent = pw.ForeignKeyField("self", null=True, backref="versions", on_delete="SET NULL")
    parent_id: int | None
    withdrawn_reason = pw.TextField(default="")

    class Meta:
        table_name = "core_notice"


class DocumentRow(BaseModel):
    doc_type = pw.CharField(max_length=64, index=True)
    number = pw.IntegerField()
    year = pw.IntegerField()
    symbol = pw.CharField(max_length=64)
    subject = pw.CharField(max_length=500)
    issued_on = pw.DateField()
    body_html = pw.TextField()
    context = JSONField(default=dict)
    case = pw.ForeignKeyField(CaseRow, null=True, backref="documents", on_delete="RESTRICT")
    case_id: int | None
    unit = pw.ForeignKeyField(UnitRow, null=True, on_delete="SET NULL")
    unit_id: int | None
    signer_name = pw.CharField(max_length=255, default="")
    signer_title = pw.CharField(max_length=255, default="")
    recipients = JSONField(default=list)
    created_by = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL")
    created_by_id: int | None
    created_at = pw.DateTimeField(default=now)
    # what the document belongs to besides its case (migration 0004): ("thamhoi.letter", 12)
    owner_kind = pw.CharField(max_length=64, default="")
    owner_id = pw.BigIntegerField(null=True)
    view_permission = pw.CharField(max_length=100, default="")

    class Meta:
        table_name = "core_document"
        # R-VB-24: number and symbol unique per year (migration 0003 moved it from doc_type)
        indexes = ((("symbol", "year", "number"), True),)


class AuditRow(BaseModel):
    """Append-only (R-DL-11): the database refuses UPDATE and DELETE (see migration 0001)."""

    seq = pw.BigIntegerField(primary_key=True)
    at = pw.DateTimeField()
    actor_id = pw.IntegerField(null=True)
    actor_name = pw.CharField(max_length=255, default="")
    action = pw.CharField(max_length=64, index=True)
    entity = pw.CharField(max_length=64, index=True)
    entity_id = pw.CharField(max_length=64, default="")
    before = JSONField(null=True)
    after = JSONField(null=True)
    reason = pw.TextField(default="")
    prev_hash = pw.CharField(max_length=64)
    hash = pw.CharField(max_length=64)
    #: HMAC-SHA256 of ``hash`` with the key kept outside the database (migration 0007);
    #: empty on entries written before the key existed
    mac = pw.CharField(max_length=64, null=True)

    class Meta:
        table_name = "core_audit"


CORE_MODELS = [
    UnitRow,
    HouseholdRow,
    PersonRow,
    RoleGrantRow,
    EndedRoleGrantRow,
    CounterRow,
    CaseRow,
    CaseEventRow,
    CaseRollupRow,
    NoticeRow,
    DocumentRow,
    AuditRow,
    KeyValueRow,
]


def to_type(cls: type[T], row: pw.Model, **overrides: Any) -> T:
    """Map a row to an attrs type whose field names match the row's attributes; a foreign
    key (``created_by``) maps to its id, without loading the related row."""
    values: dict[str, Any] = {}
    fields = row._meta.fields
    for field in attrs.fields(cls):
        if field.name in overrides:
            values[field.name] = overrides[field.name]
            continue
        if isinstance(fields.get(field.name), pw.ForeignKeyField):
            # the key itself, never the related row (a query per row: issue 16)
            values[field.name] = row.__data__.get(field.name)
            continue
        value = getattr(row, field.name)
        if field.name in ("channels", "recipients") and isinstance(value, list):
            value = tuple(value)
        values[field.name] = value
    return cls(**values)
