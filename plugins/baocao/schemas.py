"""The JSON shape of every baocao page (``page(..., schema=…)``): typed view models.

Keys are added, never renamed or removed.
"""
from __future__ import annotations

from typing import Any

import attrs

from thanthien.web.forms import Redirected

from .types import ExternalIndex, IndicatorStatus, Period, Report, TrendPoint


@attrs.frozen
class UnitOption:
    id: int
    name: str


@attrs.frozen
class DashboardPage:
    """Theo dõi thực hiện kế hoạch: mọi chỉ tiêu của các phân hệ, so với chỉ tiêu kế hoạch."""

    period: Period
    kind: str
    year: int
    number: int | None
    unit_id: int | None
    #: "ward" (the whole plan) or "units" (a department's or a group's own figures)
    scope: str
    indicators: list[IndicatorStatus]
    summary: dict[str, int]
    units: list[UnitOption]


@attrs.frozen
class IndicatorPage:
    """Một chỉ tiêu: xu hướng qua các kỳ, bảng số liệu."""

    indicator: IndicatorStatus
    period: Period
    kind: str
    year: int
    number: int | None
    unit_id: int | None
    trend: list[TrendPoint]
    statuses: list[str]


@attrs.frozen
class RecordsPage:
    """Hồ sơ, vụ việc đứng sau một số liệu."""

    indicator: IndicatorStatus
    period: Period
    unit_id: int | None
    records: list[dict[str, Any]]


@attrs.frozen
class ReportsPage:
    """Báo cáo kết quả thực hiện kế hoạch."""

    reports: list[Report]
    year: int


@attrs.frozen
class ReportPage:
    """Một báo cáo: nội dung từng mục và số liệu."""

    report: Report
    data_version: str


@attrs.frozen
class ReportRedirect(Redirected):
    report_id: int = 0


@attrs.frozen
class IndicesPage:
    """Chỉ số SIPAS, PAR INDEX, PAPI qua các năm."""

    values: list[ExternalIndex]
    trends: dict[str, list[dict[str, Any]]]


@attrs.frozen
class IndexRedirect(Redirected):
    index_id: int = 0


@attrs.frozen
class SeriesInfo:
    key: str
    label: str
    unit: str
    section: str
    module: str
    csv: str


@attrs.frozen
class OpenDataPage:
    """Dữ liệu mở: chỉ tiêu của Kế hoạch theo tháng (số liệu tổng hợp, không có dữ liệu cá nhân)."""

    series: list[SeriesInfo]
    datapackage: str
    year: int
