"""Staff pages of the baocao module, mounted under ``/baocao`` (each with its ``.json`` twin).

The plan dashboard (every indicator, for a period and a unit, against its target), one
indicator's trend with its chart, data table and ``.csv``, and the records behind a
number. Views only call :mod:`.services`.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import attrs
from starlette.requests import Request
from starlette.responses import Response

from thanthien.core.access import ANYWHERE
from thanthien.core.errors import ValidationError
from thanthien.core.types import Indicator
from thanthien.web.forms import structure
from thanthien.web.render import print_page, redirect, respond
from thanthien.web.request import (
    actor_of,
    can,
    core_of,
    path_id,
    query_date,
    query_int,
    query_text,
    staff_actor,
)
from thanthien.web.routing import PUBLIC, page

from .forms import IndexForm, IssueForm, NewReportForm, TextsForm, field_name, number
from .schemas import (
    DashboardPage,
    IndexRedirect,
    IndicatorPage,
    IndicesPage,
    OpenDataPage,
    RecordsPage,
    ReportPage,
    ReportRedirect,
    ReportsPage,
    SeriesInfo,
    UnitOption,
)
from .services import charts, dashboard, externals, opendata, periods, reports, workbook
from .types import (
    EXTERNAL_INDICES,
    P_INDEX,
    P_ISSUE,
    P_REPORT,
    P_VIEW,
    PERIOD_KINDS,
    REPORT_KINDS,
    STATUS_LABELS,
    IndicatorStatus,
    Period,
    TrendPoint,
)

BASE = "/baocao"
HOME = ("Theo dõi kế hoạch", f"{BASE}/")


def _period(request: Request) -> tuple[Period, str, int, int | None]:
    today = dt.date.today()
    kind = query_text(request, "ky", "year", max_length=16) or "year"
    year = query_int(request, "nam", today.year)
    defaults = {"month": today.month, "quarter": (today.month - 1) // 3 + 1, "half": (today.month - 1) // 6 + 1}
    number = query_int(request, "so", defaults.get(kind) if year == today.year else 1) if kind in defaults else None
    p = periods.period(kind, year, number, query_date(request, "tu"), query_date(request, "den"))
    return p, kind, year, number


def _query(p: Period, kind: str, year: int, number: int | None, unit_id: int | None) -> str:
    parts = [f"ky={kind}", f"nam={year}"]
    if number is not None:
        parts.append(f"so={number}")
    if kind == "custom":
        parts += [f"tu={p.start:%d/%m/%Y}", f"den={p.end:%d/%m/%Y}"]
    if unit_id is not None:
        parts.append(f"don_vi={unit_id}")
    return "?" + "&".join(parts)


def _key(request: Request) -> str:
    return f"{request.path_params['plugin']}.{request.path_params['name']}"


def _href(key: str) -> str:
    plugin, _, name = key.partition(".")
    return f"{BASE}/chi-tieu/{plugin}/{name}"


def board(request: Request, form) -> Response:
    """Theo dõi thực hiện kế hoạch."""
    core, actor = core_of(request), actor_of(request)
    p, kind, year, number = _period(request)
    unit_id = query_int(request, "don_vi")
    units = dashboard.reader_units(core, actor, unit_id)
    rows = dashboard.board(core, p, units)
    data = DashboardPage(p, kind, year, number, unit_id, "ward" if units is None else "units", rows,
                         dashboard.summary(rows), [UnitOption(i, n) for i, n in dashboard.unit_options(core, actor)])
    return respond(request, "baocao/board.html", data, breadcrumbs=[(HOME[0], None)],
                   context={"kinds": PERIOD_KINDS, "status_labels": STATUS_LABELS, "href": _href,
                            "query": _query(p, kind, year, number, unit_id), "fmt": charts.fmt,
                            "sections": _sections(rows),
                            "ward_reader": core.access.units_for(actor, P_VIEW) is None})


def _sections(rows) -> list[tuple[str, list]]:
    out: list[tuple[str, list]] = []
    for r in rows:
        head = r.section.split(".")[0] if r.section else ""
        if not out or out[-1][0] != head:
            out.append((head, []))
        out[-1][1].append(r)
    return out


@attrs.frozen
class _Asked:
    """One indicator as a request asks for it: period, unit filter, the reader's units."""

    core: Any
    period: Period
    kind: str
    year: int
    number: int | None
    unit_id: int | None
    units: set[int] | None
    ind: Indicator
    row: IndicatorStatus

    @property
    def query(self) -> str:
        return _query(self.period, self.kind, self.year, self.number, self.unit_id)


def _asked(request: Request) -> _Asked:
    core, actor = core_of(request), actor_of(request)
    p, kind, year, number = _period(request)
    unit_id = query_int(request, "don_vi")
    units = dashboard.reader_units(core, actor, unit_id)
    ind = dashboard.indicator(core, _key(request), units)
    row = dashboard.evaluate(core, ind, p, units, dashboard.module_labels(core))
    return _Asked(core, p, kind, year, number, unit_id, units, ind, row)


def indicator(request: Request, form) -> Response:
    """Một chỉ tiêu qua các kỳ."""
    a = _asked(request)
    ind = a.ind
    trend = dashboard.trend(a.core, ind, a.period, a.units)
    statuses = dashboard.trend_statuses(a.core, ind, trend)
    data = IndicatorPage(a.row, a.period, a.kind, a.year, a.number, a.unit_id, trend, statuses)
    chart = charts.svg(trend, title=f"{ind.label} ({ind.unit}), {trend[0].label} – {trend[-1].label}",
                       unit=ind.unit, target=a.row.target, statuses=statuses, chart_id="chart")
    return respond(request, "baocao/indicator.html", data,
                   breadcrumbs=[HOME, (ind.label, None)],
                   context={"chart": chart, "query": a.query, "href": _href(ind.key), "fmt": charts.fmt,
                            "status_labels": STATUS_LABELS, "kinds": PERIOD_KINDS})


def indicator_csv(request: Request, form) -> Response:
    """Xu hướng của một chỉ tiêu (CSV)."""
    a = _asked(request)
    ind = a.ind
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["Kỳ", "Từ ngày", "Đến ngày", f"{ind.label} ({ind.unit})", "Chỉ tiêu"])
    for t in dashboard.trend(a.core, ind, a.period, a.units):
        target = dashboard.target_for(a.core, ind, t.end.year)
        w.writerow([t.label, f"{t.start:%d/%m/%Y}", f"{t.end:%d/%m/%Y}", "" if t.value is None else t.value,
                    "" if target is None else target])
    name = f"chi-tieu-{ind.key.replace('.', '-')}.csv"
    return Response(buf.getvalue().encode("utf-8-sig"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def records(request: Request, form) -> Response:
    """Hồ sơ, vụ việc đứng sau số liệu."""
    a = _asked(request)
    rows = dashboard.records(a.core, a.ind, a.period, a.units)
    data = RecordsPage(a.row, a.period, a.unit_id, rows)
    return respond(request, "baocao/records.html", data,
                   breadcrumbs=[HOME, (a.ind.label, _href(a.ind.key) + a.query), ("Hồ sơ chi tiết", None)],
                   context={"query": a.query, "fmt": charts.fmt})



# -- reports ---------------------------------------------------------------------------

REPORTS = ("Báo cáo", f"{BASE}/bao-cao")


def report_list(request: Request, form) -> Response:
    """Báo cáo kết quả thực hiện kế hoạch."""
    core, actor = core_of(request), actor_of(request)
    items = reports.reports(core, actor=actor)
    return respond(request, "baocao/reports.html", ReportsPage(items, dt.date.today().year),
                   breadcrumbs=[HOME, (REPORTS[0], None)],
                   context={"kinds": REPORT_KINDS, "can_report": can(request, P_REPORT, ANYWHERE)})


def report_new(request: Request, form) -> Response:
    """Lập báo cáo mới."""
    data = structure(form, NewReportForm)
    r = reports.draft(core_of(request), data.kind, data.year, data.part or 0, actor=staff_actor(request))
    return redirect(request, f"{BASE}/bao-cao/{r.id}", "Đã lập dự thảo báo cáo.", data={"report_id": r.id})


def _report_context(request: Request, report) -> dict:
    snap = reports.snapshot(core_of(request), report.id, actor=actor_of(request))
    ctx = reports.document_context(report, snap)
    return {"doc": ctx, "prompts": {s["code"]: s["prompt"] for s in reports.plan()["sections"]},
            "field_name": field_name, "can_report": can(request, P_REPORT, ANYWHERE),
            "can_issue": can(request, P_ISSUE, ANYWHERE), "snap": snap}


def report_detail(request: Request, form) -> Response:
    """Một báo cáo: nội dung từng mục, số liệu, ban hành."""
    report = reports.get(core_of(request), path_id(request), actor=actor_of(request))
    ctx = _report_context(request, report)
    return respond(request, "baocao/report.html", ReportPage(report, ctx["snap"].get("data_version", "")),
                   breadcrumbs=[HOME, REPORTS, (report.title, None)], context=ctx)


def report_texts(request: Request, form) -> Response:
    """Lưu nội dung các mục của báo cáo."""
    data = structure(form, TextsForm)
    texts = {s["code"]: getattr(data, field_name(s["code"])) for s in reports.plan()["sections"]}
    r = reports.save_texts(core_of(request), path_id(request), texts, actor=staff_actor(request))
    return redirect(request, f"{BASE}/bao-cao/{r.id}", "Đã lưu nội dung báo cáo.", data={"report_id": r.id})


def report_issue(request: Request, form) -> Response:
    """Ký, ban hành báo cáo."""
    data = structure(form, IssueForm)
    r = reports.issue(core_of(request), path_id(request), signer_name=data.signer_name,
                      signer_title=data.signer_title, actor=staff_actor(request))
    return redirect(request, f"{BASE}/bao-cao/{r.id}", f"Đã ban hành báo cáo số {r.document_number}.",
                    data={"report_id": r.id})


def report_print(request: Request, form) -> Response:
    """Bản in A4 của báo cáo đã ban hành."""
    core = core_of(request)
    report = reports.get(core, path_id(request), actor=actor_of(request))
    return print_page(core.documents.render_html(reports.document_of(report)))


def report_docx(request: Request, form) -> Response:
    """Báo cáo đã ban hành (.docx)."""
    core = core_of(request)
    report = reports.get(core, path_id(request), actor=actor_of(request))
    body = core.documents.render_docx(reports.document_of(report))
    return Response(body, media_type=DOCX, headers={
        "Content-Disposition": f'attachment; filename="bao-cao-{report.id}.docx"'})


def report_xlsx(request: Request, form) -> Response:
    """Bảng số liệu và biểu đồ của báo cáo (.xlsx)."""
    core = core_of(request)
    report = reports.get(core, path_id(request), actor=actor_of(request))
    body = workbook.build(report.title, reports.snapshot(core, report.id, actor=actor_of(request)))
    return Response(body, media_type=XLSX, headers={
        "Content-Disposition": f'attachment; filename="bao-cao-{report.id}.xlsx"'})


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# -- external indices --------------------------------------------------------------------

def index_page(request: Request, form) -> Response:
    """Chỉ số SIPAS, PAR INDEX, PAPI qua các năm."""
    core, actor = core_of(request), actor_of(request)
    series = externals.trends(core, actor=actor)
    chart_svgs = {}
    for key, points in series.items():
        if key == "own" or not points:
            continue
        tp = [TrendPoint(f"Năm {p['year']}", dt.date(p["year"], 1, 1), dt.date(p["year"], 12, 31), p["value"])
              for p in points]
        label, unit = EXTERNAL_INDICES[key]
        chart_svgs[key] = charts.svg(tp, title=f"{label} qua các năm", unit=unit, target=None,
                                     statuses=["none"] * len(tp), chart_id=f"chart-{key}")
    return respond(request, "baocao/indices.html", IndicesPage(externals.values(core, actor=actor), series),
                   breadcrumbs=[HOME, ("Chỉ số SIPAS, PAR INDEX, PAPI", None)],
                   context={"charts": chart_svgs, "labels": EXTERNAL_INDICES, "fmt": charts.fmt,
                            "can_enter": can(request, P_INDEX, ANYWHERE), "this_year": dt.date.today().year})


def index_record(request: Request, form) -> Response:
    """Nhập chỉ số do tỉnh công bố."""
    data = structure(form, IndexForm)
    v = externals.record(core_of(request), index=data.index, year=data.year, value=number(data.value),
                         source=data.source, actor=staff_actor(request))
    return redirect(request, f"{BASE}/chi-so", f"Đã lưu {v.index_label} năm {v.year}.", data={"index_id": v.id})


# -- public: open data and issued reports --------------------------------------------------

def _year_param(request: Request) -> int:
    today = dt.date.today()
    year = query_int(request, "nam", today.year)
    if not 2000 <= year <= today.year:
        raise ValidationError([("nam", "Năm không hợp lệ.")])
    return year


def open_data(request: Request, form) -> Response:
    """Dữ liệu mở: chỉ tiêu của Kế hoạch."""
    core = core_of(request)
    year = _year_param(request)
    modules = dashboard.module_labels(core)
    items = [SeriesInfo(i.key, i.label, i.unit, i.section, modules.get(i.plugin, i.plugin),
                        f"{opendata.BASE}/{opendata.csv_path(i.key)}?nam={year}") for i in opendata.indicators(core)]
    return respond(request, "baocao/open_data.html",
                   OpenDataPage(items, f"{opendata.BASE}/datapackage.json?nam={year}", year),
                   breadcrumbs=[("Dữ liệu mở", None)])


def open_datapackage(request: Request, form) -> Response:
    """Gói dữ liệu (Frictionless Data Package) các chỉ tiêu."""
    core = core_of(request)
    body = opendata.datapackage(core, _year_param(request), dt.date.today())
    return Response(json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"),
                    media_type="application/json; charset=utf-8")


def open_series(request: Request, form) -> Response:
    """Một chuỗi số liệu chỉ tiêu theo tháng (CSV)."""
    core = core_of(request)
    ind = dashboard.indicator(core, _key(request), None)
    body = opendata.series_csv(core, ind, _year_param(request), dt.date.today())
    return Response(body, media_type="text/csv; charset=utf-8")


def feed_json(request: Request, form) -> Response:
    """JSON Feed 1.1 của các báo cáo đã ban hành."""
    core = core_of(request)
    body = opendata.json_feed(core, opendata.public_base(core), request.url.path)
    return Response(json.dumps(body, ensure_ascii=False).encode("utf-8"),
                    media_type="application/feed+json; charset=utf-8")


def feed_atom(request: Request, form) -> Response:
    """Atom của các báo cáo đã ban hành."""
    core = core_of(request)
    return Response(opendata.atom_feed(core, opendata.public_base(core), request.url.path),
                    media_type="application/atom+xml; charset=utf-8")


def published_report(request: Request, form) -> Response:
    """Báo cáo đã ban hành (bản công bố)."""
    core = core_of(request)
    report = reports.get(core, path_id(request), actor=None)  # a draft: refused (fail closed)
    return print_page(core.documents.render_html(reports.document_of(report)))


def routes():
    key = "/chi-tieu/{plugin}/{name}"
    post = ("POST",)
    return [
        *page("/", board, permission=P_VIEW, schema=DashboardPage),
        *page(f"{key}.csv", indicator_csv, permission=P_VIEW, json_twin=False),
        *page(f"{key}/ho-so", records, permission=P_VIEW, schema=RecordsPage),
        *page(key, indicator, permission=P_VIEW, schema=IndicatorPage),
        *page("/bao-cao", report_list, permission=P_VIEW, schema=ReportsPage),
        *page("/bao-cao", report_new, permission=P_REPORT, methods=post, body=NewReportForm,
              schema=ReportRedirect, error_page=report_list),
        *page("/bao-cao/{id:int}.docx", report_docx, permission=P_VIEW, json_twin=False),
        *page("/bao-cao/{id:int}.xlsx", report_xlsx, permission=P_VIEW, json_twin=False),
        *page("/bao-cao/{id:int}/ban-in", report_print, permission=P_VIEW, json_twin=False),
        *page("/bao-cao/{id:int}", report_detail, permission=P_VIEW, schema=ReportPage),
        *page("/bao-cao/{id:int}/noi-dung", report_texts, permission=P_REPORT, methods=post, body=TextsForm,
              schema=ReportRedirect, error_page=report_detail),
        *page("/bao-cao/{id:int}/ban-hanh", report_issue, permission=P_ISSUE, methods=post, body=IssueForm,
              schema=ReportRedirect, error_page=report_detail),
        *page("/chi-so", index_page, permission=P_VIEW, schema=IndicesPage),
        *page("/chi-so", index_record, permission=P_INDEX, methods=post, body=IndexForm, schema=IndexRedirect,
              error_page=index_page),
        # public: non-personal aggregates and issued reports only
        *page("/du-lieu-mo", open_data, permission=PUBLIC, public_cache=600, schema=OpenDataPage),
        *page("/du-lieu-mo/datapackage.json", open_datapackage, permission=PUBLIC, public_cache=600,
              json_twin=False),
        *page("/du-lieu-mo/csv/{plugin}/{name}.csv", open_series, permission=PUBLIC, public_cache=600,
              json_twin=False),
        *page("/bao-cao.atom", feed_atom, permission=PUBLIC, public_cache=300, json_twin=False),
        *page("/bao-cao/feed.json", feed_json, permission=PUBLIC, public_cache=300, json_twin=False),
        *page("/cong-bo/{id:int}", published_report, permission=PUBLIC, public_cache=300, json_twin=False),
    ]
