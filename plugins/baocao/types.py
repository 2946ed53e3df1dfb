"""Names, permission keys and labels of the baocao module (báo cáo, theo dõi kế hoạch)."""
from __future__ import annotations

import datetime as dt

import attrs

PLUGIN = "baocao"

P_VIEW = "baocao.view"          # the plan dashboard (each reader sees his or her scope)
P_REPORT = "baocao.report"      # draft a report: its free text per section
P_ISSUE = "baocao.issue"        # issue (sign and number) a report
P_INDEX = "baocao.index"        # enter the province's external indices (SIPAS, PAR INDEX, PAPI)

#: the document type of a report: "Số …/BC-UBND" (R-VB-10)
DOC_TYPE = "baocao_bao_cao"

#: period kinds of the dashboard filter
PERIOD_KINDS = {"month": "Tháng", "quarter": "Quý", "half": "6 tháng", "year": "Năm", "custom": "Tùy chọn"}

#: report kinds (plan II: the summary report every December; quarterly and six-monthly reports)
REPORT_KINDS = {"year": "Báo cáo tổng kết năm", "half": "Báo cáo sơ kết 6 tháng", "quarter": "Báo cáo quý"}

REPORT_STATES = {"draft": "Dự thảo", "issued": "Đã ban hành"}

#: red / amber / green against the target, and the two states without one
STATUS_LABELS = {"green": "Đạt", "amber": "Gần đạt", "red": "Chưa đạt", "none": "Chưa đặt chỉ tiêu",
                 "nodata": "Chưa có số liệu"}

#: external indices published by the province each year (plan I.4)
EXTERNAL_INDICES = {
    "sipas": ("Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)", "%"),
    "par_index": ("Chỉ số cải cách hành chính (PAR INDEX)", "điểm"),
    "papi": ("Chỉ số hiệu quả quản trị và hành chính công (PAPI)", "điểm"),
}


@attrs.frozen
class Period:
    """A reporting period: ``kind`` (month, quarter, half, year, custom) and its days."""

    kind: str
    start: dt.date
    end: dt.date
    label: str


@attrs.frozen
class IndicatorStatus:
    """One indicator over a period, against its target."""

    key: str
    label: str
    unit: str
    plugin: str
    module: str
    section: str
    rule: str
    description: str
    direction: str
    value: float | int | None
    target: float | None
    status: str
    status_label: str
    previous: float | int | None
    has_records: bool


@attrs.frozen
class TrendPoint:
    label: str
    start: dt.date
    end: dt.date
    value: float | int | None


@attrs.frozen
class ExternalIndex:
    id: int
    index: str
    index_label: str
    year: int
    value: float
    unit: str
    source: str
    entered_by: str
    entered_at: dt.datetime


@attrs.frozen
class ReportSection:
    code: str
    title: str
    text: str
    indicators: list[str]


@attrs.frozen
class Report:
    id: int
    kind: str
    kind_label: str
    year: int
    part: int
    title: str
    start: dt.date
    end: dt.date
    state: str
    state_label: str
    texts: dict[str, str]
    data_version: str
    document_id: int | None
    document_number: str
    created_by: str
    created_at: dt.datetime
    issued_at: dt.datetime | None
