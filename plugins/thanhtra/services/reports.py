"""The board's figures for a period and its reports to UB MTTQ (R-TTND-10): quarterly,
6-monthly, annual, per term and ad hoc, each a Báo cáo document with its figures."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from thanthien.core import audit
from thanthien.core.errors import ValidationError
from thanthien.core.models import CaseRow, to_type
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import Actor, Case

from ..models import ComplaintResultRow, InspectionRow, RecommendationRow, ReportRow
from ..types import P_VIEW, P_WORK, PETITION, RECOMMENDATION, REPORT_OWNER, REPORT_PERIODS, Report
from .common import (
    ARCHIVE,
    FRONT_STANDING,
    SIGNER_TITLE,
    SIGNING_AUTHORITY,
    add_months,
    board_issuer,
    board_scope,
    board_unit_id,
)
from .members import board_head, seat_status
from .terms import current_term

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


# ---------------------------------------------------------------------------
# figures (indexed queries over the period)
# ---------------------------------------------------------------------------

def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.combine(start, dt.time.min), dt.datetime.combine(end, dt.time.max)


def _received(case_type: str, start: dt.date, end: dt.date):
    lo, hi = _bounds(start, end)
    return CaseRow.select().where(CaseRow.case_type == case_type, CaseRow.received_at >= lo, CaseRow.received_at <= hi)


def share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def petition_counts(start: dt.date, end: dt.date) -> dict[str, int]:
    """Petitions received in the period, answered, answered on time, open."""
    received = _received(PETITION, start, end)
    closed = [to_type(Case, r) for r in received.where(CaseRow.closed_at.is_null(False)).iterator()]
    total = received.count()
    on_time = sum(1 for c in closed if c.timeliness() != "late")
    return {"received": total, "answered": len(closed), "on_time": on_time, "open": total - len(closed)}


def recommendation_counts(start: dt.date, end: dt.date) -> dict[str, int]:
    """Recommendations sent in the period, answered, answered on time (R-TTND-11), overdue
    and unanswered, and proposals the board voted down (R-TTND-13)."""
    sent = _received(RECOMMENDATION, start, end)
    answered = [to_type(Case, r) for r in sent.where(CaseRow.state == "answered").iterator()]
    overdue = sent.where(CaseRow.closed_at.is_null(True), CaseRow.due_date < min(end, dt.date.today())).count()
    rejected = RecommendationRow.select().where(RecommendationRow.voted_on >= start, RecommendationRow.voted_on <= end,
                                                RecommendationRow.passed == False).count()  # noqa: E712
    return {"sent": sent.count(), "answered": len(answered),
            "on_time": sum(1 for c in answered if c.timeliness() != "late"), "overdue_open": overdue,
            "rejected_by_vote": rejected}


def inspection_counts(start: dt.date, end: dt.date) -> dict[str, int]:
    """Inspections planned in the period (not cancelled), held, plans sent late (R-TTND-09)."""
    planned = InspectionRow.select().where(InspectionRow.planned_on >= start, InspectionRow.planned_on <= end,
                                           InspectionRow.state != "cancelled")
    return {"planned": planned.count(), "held": planned.where(InspectionRow.state == "held").count(),
            "sent_late": planned.where(InspectionRow.sent_late == True).count()}  # noqa: E712


def complaint_results_shared(start: dt.date, end: dt.date) -> int:
    lo, hi = _bounds(start, end)
    return (ComplaintResultRow.select()
            .where(ComplaintResultRow.closed_at >= lo, ComplaintResultRow.closed_at <= hi).count())


def figures(core: CoreServices, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Petitions received and answered on time, recommendations answered within R-TTND-11,
    inspections held vs planned, seats filled (R-TTND-02), complaint results shared."""
    pets = petition_counts(start, end)
    recs = recommendation_counts(start, end)
    insp = inspection_counts(start, end)
    term = current_term(end)
    seats = seat_status(core, term.id if term else None, end)
    return {
        "from": start, "to": end,
        "petitions_received": pets["received"], "petitions_answered": pets["answered"],
        "petitions_answered_on_time": pets["on_time"],
        "share_petitions_on_time": share(pets["on_time"], pets["answered"]),
        "petitions_open": pets["open"],
        "recommendations_sent": recs["sent"], "recommendations_rejected_by_vote": recs["rejected_by_vote"],
        "recommendations_answered": recs["answered"], "recommendations_answered_on_time": recs["on_time"],
        "share_recommendations_on_time": share(recs["on_time"], recs["answered"]),
        "recommendations_overdue_open": recs["overdue_open"],
        "inspections_planned": insp["planned"], "inspections_held": insp["held"],
        "inspections_sent_late": insp["sent_late"],
        "seats_required": seats.required, "seats_filled": seats.filled,
        "complaint_results_shared": complaint_results_shared(start, end),
    }


def view_figures(core: CoreServices, start: dt.date, end: dt.date, *, actor: Actor | None) -> dict[str, Any]:
    """:func:`figures` for ``actor`` (readers of the board only)."""
    core.access.require(actor, P_VIEW, board_scope())
    return figures(core, start, end)


# ---------------------------------------------------------------------------
# reports (R-TTND-10)
# ---------------------------------------------------------------------------

def period_bounds(period: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The quarter, half-year, year or term that contains ``day`` (R-TTND-10)."""
    if period == "quy":
        first = (day.month - 1) // 3 * 3 + 1
        start = dt.date(day.year, first, 1)
        return start, add_months(start, 3) - dt.timedelta(days=1)
    if period == "sau_thang":
        start = dt.date(day.year, 1 if day.month <= 6 else 7, 1)
        return start, add_months(start, 6) - dt.timedelta(days=1)
    if period == "nam":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if period == "nhiem_ky":
        term = current_term(day)
        if term is None:
            raise ValidationError([("period", "Chưa có nhiệm kỳ của Ban để báo cáo theo nhiệm kỳ.")])
        return term.start_on, term.end_on
    raise ValidationError([("period", "Kỳ báo cáo không hợp lệ.")])


def issue_report(core: CoreServices, *, period: str, day: dt.date | None = None, start_on: dt.date | None = None,
                 end_on: dt.date | None = None, issued_on: dt.date | None = None, actor: Actor) -> Report:
    """R-TTND-10: the board reports to UB MTTQ quarterly, 6-monthly, annually, per term and
    ad hoc (``dot_xuat`` with explicit dates) — a Báo cáo document with its figures."""
    core.access.require(actor, P_WORK, board_scope())
    if period not in REPORT_PERIODS:
        raise ValidationError([("period", "Kỳ báo cáo không hợp lệ.")])
    issued_on = issued_on or now().date()
    if period == "dot_xuat":
        errors = []
        if start_on is None:
            errors.append(("start_on", "Vui lòng nhập ngày bắt đầu (dd/mm/yyyy)."))
        if end_on is None:
            errors.append(("end_on", "Vui lòng nhập ngày kết thúc (dd/mm/yyyy)."))
        if start_on and end_on and end_on < start_on:
            errors.append(("end_on", "Ngày kết thúc phải sau ngày bắt đầu."))
        if errors:
            raise ValidationError(errors)
    else:
        start_on, end_on = period_bounds(period, day or issued_on)
    numbers = figures(core, start_on, min(end_on, issued_on))
    head = board_head(issued_on)
    label = REPORT_PERIODS[period].lower()

    def pct(v):
        return "—" if v is None else f"{v}%"

    table = {"header": ["Nội dung", "Kết quả"], "rows": [
        ["Thành viên Ban đã được công nhận / số thành viên theo quy định",
         f"{numbers['seats_filled']}/{numbers['seats_required']}"],
        ["Cuộc kiểm tra, giám sát đã thực hiện / theo kế hoạch",
         f"{numbers['inspections_held']}/{numbers['inspections_planned']}"],
        ["Kế hoạch kiểm tra gửi chậm (R-TTND-09)", str(numbers["inspections_sent_late"])],
        ["Phản ánh, kiến nghị tiếp nhận", str(numbers["petitions_received"])],
        ["Đã thông báo kết quả / đúng hạn", f"{numbers['petitions_answered']}/{numbers['petitions_answered_on_time']}"],
        ["Kiến nghị gửi UBND", str(numbers["recommendations_sent"])],
        ["UBND trả lời đúng hạn (R-TTND-11)",
         f"{numbers['recommendations_answered_on_time']}/{numbers['recommendations_answered']} "
         f"({pct(numbers['share_recommendations_on_time'])})"],
        ["Kết quả giải quyết khiếu nại UBND thông báo cho Ban (R-TTND-12)", str(numbers["complaint_results_shared"])],
    ]}
    with write_transaction():
        row = ReportRow.create(period=period, start_on=start_on, end_on=end_on, document_id=0)
        doc = core.documents.issue(
            "bao_cao", subject=f"Kết quả hoạt động của Ban Thanh tra nhân dân phường ({label}, "
                               f"từ {format_date(start_on)} đến {format_date(end_on)})",
            issued_on=issued_on, actor=actor,
            context={"paragraphs": [f"Ban Thanh tra nhân dân phường báo cáo Ban Thường trực Ủy ban MTTQ Việt Nam "
                                    f"phường kết quả hoạt động từ ngày {format_date(start_on)} đến ngày "
                                    f"{format_date(end_on)} như sau:"],
                     "table": table,
                     "closing": ["Ban Thanh tra nhân dân phường trân trọng báo cáo."]},
            signer_name=head.full_name, signer_title=SIGNER_TITLE, signing_authority=SIGNING_AUTHORITY,
            issuer=board_issuer(core), recipients=[FRONT_STANDING, "Chủ tịch UBND phường (để biết)", ARCHIVE],
            unit_id=board_unit_id(), owner=(REPORT_OWNER, row.id), view_permission=P_VIEW)
        ReportRow.update(document_id=doc.id).where(ReportRow.id == row.id).execute()
        audit.record("thanhtra.report.issue", "thanhtra_report", row.id, actor=actor,
                     after={"period": period, "start_on": start_on, "end_on": end_on,
                            "document": doc.number_symbol})
    return to_type(Report, ReportRow.get_by_id(row.id), number_symbol=doc.number_symbol)


def reports(core: CoreServices, *, actor: Actor | None, limit: int = 100) -> list[Report]:
    """The board's reports, latest first (readers of the board only)."""
    core.access.require(actor, P_VIEW, board_scope())
    q = ReportRow.select().order_by(ReportRow.end_on.desc(), ReportRow.id.desc()).limit(limit)
    return [to_type(Report, r, number_symbol=core.documents.get(r.document_id).number_symbol) for r in q]
