"""Reports of the plan (báo cáo): the year-end summary (tổng kết, plan II: every December),
six-monthly and quarterly reports, following the plan's sections I–IV (``data/plan.toml``).

A report is drafted (free text per section, edited by staff with ``baocao.report``), then
issued by a leader (``baocao.issue``) as a numbered document "…/BC-UBND" through core
documents (R-VB-10, R-VB-24): its figures are frozen in the report row (``snapshot``) with
the data version they were read at, so the document, the .docx, the .xlsx and the printable
page always show the same numbers; the same period read again gives the same numbers.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import tomllib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thanthien.core import audit
from thanthien.core.errors import IllegalTransition, NotFound, ValidationError
from thanthien.core.models import AuditRow, DocumentRow, to_type
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.types import Document

from ..models import ReportRow
from ..types import DOC_TYPE, P_ISSUE, P_REPORT, P_VIEW, PLUGIN, REPORT_KINDS, REPORT_STATES, STATUS_LABELS, Report
from . import charts, dashboard, externals, periods

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices
    from thanthien.core.types import Actor

PLAN_FILE = Path(__file__).resolve().parent.parent / "data" / "plan.toml"
#: the most free text a section takes
MAX_TEXT = 20000


@cache
def plan() -> dict[str, Any]:
    """The plan's structure: ``{"title", "sections": [{"code", "title", "prompt"}]}``."""
    with PLAN_FILE.open("rb") as f:
        return tomllib.load(f)


def section_codes() -> list[str]:
    return [s["code"] for s in plan()["sections"]]


def section_of(code: str) -> str:
    """The plan section an indicator of ``code`` goes into: the longest matching prefix
    ("III.2.3a", the People's Inspection Board, goes into III.2.3)."""
    matches = [k for k in section_codes() if code == k or code.startswith(k + ".")
               or (code.startswith(k) and code[len(k):].isalpha() and len(code) - len(k) == 1)]
    return max(matches, key=len) if matches else "IV"


def report_period(kind: str, year: int, part: int):
    if kind not in REPORT_KINDS:
        raise ValidationError([("kind", "Loại báo cáo không hợp lệ.")])
    if kind == "year":
        return periods.period("year", year)
    return periods.period(kind, year, part)


def _sub_periods(kind: str, p) -> list:
    """The trend of a report: quarters of the year, months of six months or of a quarter."""
    if kind == "year":
        return [periods.period("quarter", p.start.year, q) for q in range(1, 5)]
    first = p.start.month
    return [periods.period("month", p.start.year, m) for m in range(first, p.end.month + 1)]


def to_report(row: ReportRow) -> Report:
    p = report_period(row.kind, row.year, row.part)
    kind_label = REPORT_KINDS[row.kind]
    title = f"{kind_label} {p.label[0].lower() + p.label[1:]}" if row.kind != "year" else f"{kind_label} {row.year}"
    number = ""
    if row.document_id:
        doc = DocumentRow.get_or_none(DocumentRow.id == row.document_id)
        number = f"{doc.number:02d}/{doc.symbol}" if doc else ""
    return Report(row.id, row.kind, kind_label, row.year, row.part, title, p.start, p.end, row.state,
                  REPORT_STATES[row.state], dict(row.texts or {}), row.data_version, row.document_id, number,
                  row.created_by.full_name if row.created_by_id else "", row.created_at, row.issued_at)


def reports(core: CoreServices, *, actor: Actor | None) -> list[Report]:
    """The reports a reader sees: every one for the leaders and the drafting office, the
    issued ones (public anyway) for the other readers of the plan."""
    q = ReportRow.select().order_by(ReportRow.year.desc(), ReportRow.id.desc())
    if not core.access.can(actor, P_VIEW, dashboard.office_scope(core)):
        q = q.where(ReportRow.state == "issued")
    return [to_report(r) for r in q]


def get(core: CoreServices, report_id: int, *, actor: Actor | None) -> Report:
    row = ReportRow.get_or_none(ReportRow.id == report_id)
    if row is None:
        raise NotFound(f"Không tìm thấy báo cáo số {report_id}.")
    if row.state != "issued":
        core.access.require(actor, P_VIEW, dashboard.office_scope(core))
    return to_report(row)


def published(core: CoreServices) -> list[Report]:
    """Issued reports, newest first (the public feed)."""
    return [to_report(r) for r in ReportRow.select().where(ReportRow.state == "issued")
            .order_by(ReportRow.issued_at.desc(), ReportRow.id.desc())]


def draft(core: CoreServices, kind: str, year: int, part: int = 0, *, actor: Actor) -> Report:
    """A new report of the period (or the one already drafted for it)."""
    core.access.require(actor, P_REPORT, dashboard.office_scope(core))
    if kind == "year":
        part = 0
    report_period(kind, year, part)  # checks the period
    with write_transaction():
        row = ReportRow.get_or_none(ReportRow.kind == kind, ReportRow.year == year, ReportRow.part == part)
        if row is None:
            row = ReportRow.create(kind=kind, year=year, part=part, created_by=actor.person_id)
            audit.record("baocao.draft", "baocao_report", row.id, actor=actor,
                         after={"kind": kind, "year": year, "part": part})
    return to_report(row)


def save_texts(core: CoreServices, report_id: int, texts: dict[str, str], *, actor: Actor) -> Report:
    """The staff's free text of the sections (a draft only); every change audit-logged."""
    core.access.require(actor, P_REPORT, dashboard.office_scope(core))
    codes = set(section_codes())
    errors = [(f"text_{c}", "Mục không có trong Kế hoạch.") for c in texts if c not in codes]
    errors += [(f"text_{c}", f"Nội dung dài quá {MAX_TEXT} ký tự.") for c, t in texts.items() if len(t) > MAX_TEXT]
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = ReportRow.get_or_none(ReportRow.id == report_id)
        if row is None:
            raise NotFound(f"Không tìm thấy báo cáo số {report_id}.")
        if row.state != "draft":
            raise IllegalTransition("Báo cáo đã ban hành, không sửa được nội dung.")
        before = dict(row.texts or {})
        after = {**before, **{c: t.strip() for c, t in texts.items()}}
        ReportRow.update(texts=after, updated_at=now()).where(ReportRow.id == report_id).execute()
        changed = {c: after[c] for c in after if before.get(c) != after[c]}
        audit.record("baocao.texts", "baocao_report", report_id, actor=actor,
                     before={c: before.get(c, "") for c in changed}, after=changed)
    return to_report(ReportRow.get_by_id(report_id))


def data_version() -> str:
    """The data the figures were read at: the last audit-log entry (every change is one)."""
    last = AuditRow.select(AuditRow.seq).order_by(AuditRow.seq.desc()).limit(1).scalar()
    return f"audit-{last or 0}"


def figures(core: CoreServices, kind: str, year: int, part: int) -> dict[str, Any]:
    """Every indicator of the report's period against its target, by plan section, with
    its trend over the sub-periods, and the external indices: the report's numbers."""
    p = report_period(kind, year, part)
    subs = _sub_periods(kind, p)
    modules = dashboard.module_labels(core)
    by_section: dict[str, list[dict[str, Any]]] = {c: [] for c in section_codes()}
    for ind in dashboard.visible(core, None):
        row = dashboard.evaluate(core, ind, p, None, modules)
        trend = [{"label": q.label, "value": core.indicators.value(ind.key, q.start, q.end)} for q in subs]
        by_section[section_of(ind.section or "IV")].append({
            "key": ind.key, "label": ind.label, "unit": ind.unit, "module": row.module, "section": ind.section,
            "value": row.value, "target": row.target, "status": row.status, "direction": ind.direction,
            "previous": row.previous, "trend": trend})
    return {"period": {"kind": kind, "year": year, "part": part, "label": p.label,
                       "start": p.start.isoformat(), "end": p.end.isoformat()},
            "sections": by_section,
            "external": externals.series_for_report(core, year)}


def issue(core: CoreServices, report_id: int, *, signer_name: str, signer_title: str, actor: Actor,
          issued_on: dt.date | None = None) -> Report:
    """Freeze the figures and issue the report as "Số …/BC-UBND"; its feed entry follows."""
    core.access.require(actor, P_ISSUE, dashboard.office_scope(core))
    row = ReportRow.get_or_none(ReportRow.id == report_id)
    if row is None:
        raise NotFound(f"Không tìm thấy báo cáo số {report_id}.")
    if row.state != "draft":
        raise IllegalTransition("Báo cáo đã được ban hành.")
    report = to_report(row)
    snap = figures(core, row.kind, row.year, row.part)
    version = data_version()
    snap["data_version"] = version
    snap["digest"] = hashlib.sha256(json.dumps(snap["sections"], sort_keys=True, default=str).encode()).hexdigest()
    settings = dashboard.settings_of(core)
    with write_transaction():
        doc = core.documents.issue(
            DOC_TYPE, subject=f"{report.title} thực hiện mô hình “Chính quyền thân thiện, Nhân dân phát huy "
                              f"quyền làm chủ”",
            context=document_context(report, snap), signer_name=signer_name, signer_title=signer_title,
            recipients=list(settings.recipients), issued_on=issued_on, drafting_unit=settings.drafting_unit,
            owner=("baocao.report", report_id), view_permission=P_VIEW, actor=actor)
        ReportRow.update(state="issued", snapshot=snap, data_version=version, document=doc.id, issued_at=now(),
                         updated_at=now()).where(ReportRow.id == report_id).execute()
        audit.record("baocao.issue", "baocao_report", report_id, actor=actor,
                     after={"document_id": doc.id, "data_version": version, "digest": snap["digest"]})
    return to_report(ReportRow.get_by_id(report_id))


def snapshot(core: CoreServices, report_id: int, *, actor: Actor | None) -> dict[str, Any]:
    """The figures of a report: frozen when issued, read now for a draft."""
    report = get(core, report_id, actor=actor)
    row = ReportRow.get_by_id(report_id)
    if report.state == "issued":
        return dict(row.snapshot)
    snap = figures(core, row.kind, row.year, row.part)
    snap["data_version"] = data_version()
    return snap


def document_of(report: Report) -> Document:
    if report.document_id is None:
        raise NotFound("Báo cáo chưa được ban hành.")
    return to_type(Document, DocumentRow.get_by_id(report.document_id))


def _fmt(v, unit=""):
    return charts.fmt(v, unit) if v is not None else "—"


def _png(item: dict[str, Any]) -> str:
    from ..types import TrendPoint

    points = [TrendPoint(t["label"], dt.date.min, dt.date.min, t["value"]) for t in item["trend"]]
    statuses = [dashboard.status(t["value"], item["target"], item["direction"], 10) for t in item["trend"]]
    data = charts.png(points, target=item["target"], statuses=statuses, width=480, height=150)
    return "data:image/png;base64," + base64.b64encode(data).decode()


def document_context(report: Report, snap: dict[str, Any]) -> dict[str, Any]:
    """The body of the report document: per plan section its free text, its indicator
    table (value, target, assessment, previous period) and a chart per indicator that has
    a target (a PNG: the .docx takes raster images), then the external indices."""
    sections = []
    for s in plan()["sections"]:
        items = snap["sections"].get(s["code"], [])
        table = None
        if items:
            table = {"header": ["Chỉ tiêu", "Kết quả", "Chỉ tiêu kế hoạch", "Đánh giá", "Kỳ trước"],
                     "rows": [[i["label"], _fmt(i["value"], i["unit"]), _fmt(i["target"], i["unit"]),
                               STATUS_LABELS[i["status"]], _fmt(i["previous"], i["unit"])] for i in items]}
        chart_items = [i for i in items if i["target"] is not None and any(t["value"] is not None for t in i["trend"])]
        sections.append({
            "code": s["code"], "title": s["title"], "text": report.texts.get(s["code"], ""),
            "table": table,
            "charts": [{"src": _png(i), "alt": f"Biểu đồ {i['label'].lower()}: "
                        + "; ".join(f"{t['label']}: {_fmt(t['value'], i['unit'])}" for t in i["trend"]),
                        "caption": f"{i['label']} theo " + ("quý" if report.kind == "year" else "tháng")
                        + f" (chỉ tiêu: {_fmt(i['target'], i['unit'])})"} for i in chart_items],
        })
    external = snap.get("external") or []
    return {"report_title": report.title, "period_label": snap["period"]["label"], "sections": sections,
            "external": external, "data_version": snap.get("data_version", "")}


__all__ = ["PLUGIN", "document_context", "draft", "figures", "get", "issue", "plan", "published", "reports",
           "save_texts", "section_of", "snapshot"]
