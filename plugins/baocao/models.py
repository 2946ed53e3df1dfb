"""Tables of the baocao module: reports (báo cáo) with their free text per section, and
the province's external indices (SIPAS, PAR INDEX, PAPI) entered by staff."""
from __future__ import annotations

import peewee as pw

from thanthien.core.models import DocumentRow, PersonRow
from thanthien.core.storage.db import BaseModel, JSONField, now


class ReportRow(BaseModel):
    """A report of the plan over a period: drafted, then issued as a numbered document."""

    kind = pw.CharField(max_length=16)          # year | half | quarter
    year = pw.IntegerField()
    part = pw.IntegerField(default=0)           # quarter 1–4, half 1–2, 0 for the year
    state = pw.CharField(max_length=16, default="draft", index=True)  # draft | issued
    #: free text per plan section, {section code: text}, edited by staff
    texts = JSONField(default=dict)
    #: the figures frozen when the report was issued (what the document shows), and the
    #: data version they were read at (reproducible: same period → same numbers)
    snapshot = JSONField(default=dict)
    data_version = pw.CharField(max_length=64, default="")
    document = pw.ForeignKeyField(DocumentRow, null=True, on_delete="SET NULL", backref="+")
    created_by = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL", backref="+")
    created_at = pw.DateTimeField(default=now)
    updated_at = pw.DateTimeField(default=now)
    issued_at = pw.DateTimeField(null=True, index=True)

    class Meta:
        table_name = "baocao_report"
        indexes = ((("kind", "year", "part"), True),)


class ExternalIndexRow(BaseModel):
    """One yearly value of an external index as the province published it (plan I.4)."""

    index = pw.CharField(max_length=16)         # sipas | par_index | papi
    year = pw.IntegerField()
    value = pw.FloatField()
    source = pw.CharField(max_length=500)
    entered_by = pw.ForeignKeyField(PersonRow, null=True, on_delete="SET NULL", backref="+")
    entered_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "baocao_external_index"
        indexes = ((("index", "year"), True),)


MODELS = [ReportRow, ExternalIndexRow]
