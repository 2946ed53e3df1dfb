"""Residents' reports about a project (phản ánh của Nhân dân): R-PA-09.

The board receives them directly or from the suggestion box. A report belongs to its
board (to its project while it has none); the sender's name and contact are shown only
within that scope to holders of ``giamsat.reporters`` (R-DL-09), and every such full
read is audit-logged. Public pages see counts only.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
from thanthien.core import audit
from thanthien.core.access import Scope
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import to_type
from thanthien.core.storage.db import write_transaction
from thanthien.core.types import Actor

from ..models import CitizenReportRow
from ..types import P_REPORTERS, P_SUPERVISE, P_VIEW, REPORT_CHANNELS, CitizenReport
from .common import board_id_of, board_scope, day, get_project, project_scope, text

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def to_report(row: CitizenReportRow) -> CitizenReport:
    return to_type(CitizenReport, row, project_id=row.project_id, board_id=row.board_id, identity_withheld=False)


def report_scope(core: CoreServices, report: CitizenReport) -> Scope:
    """A report belongs to the board that received it, else to its project."""
    if report.board_id is not None:
        return board_scope(core, report.board_id)
    return project_scope(core, report.project_id)


def receive_report(core: CoreServices, project_id: int, *, channel: str, content: str,
                   received_on: dt.date | None, sender_name: str = "", sender_contact: str = "",
                   actor: Actor) -> CitizenReport:
    """A resident's report received directly or from the suggestion box (R-PA-09)."""
    project = get_project(project_id)
    core.access.require(actor, P_SUPERVISE, project_scope(core, project.id))
    board_id = board_id_of(project.id)
    errors: list[tuple[str, str]] = []
    if channel not in REPORT_CHANNELS:  # R-PA-09
        errors.append(("channel", "Ban giám sát nhận phản ánh trực tiếp hoặc qua hòm thư góp ý."))
    content = text(content, "content", "nội dung phản ánh", errors, max_len=10000)
    on = day(received_on, "received_on", "ngày tiếp nhận", errors, not_future=True)
    sender_name = text(sender_name, "sender_name", "họ tên người phản ánh", errors, required=False, max_len=255)
    sender_contact = text(sender_contact, "sender_contact", "địa chỉ liên hệ", errors, required=False, max_len=255)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = CitizenReportRow.create(project=project.id, board=board_id, received_on=on, channel=channel,
                                      content=content, sender_name=sender_name, sender_contact=sender_contact)
        audit.record("giamsat.report.receive", "giamsat_project", project.id, actor=actor,
                     after={"report": row.id, "channel": channel, "received_on": on})
    return to_report(row)


def get_citizen_report(report_id: int) -> CitizenReport:
    """A report, unchecked and with the sender (callers check its scope)."""
    row = CitizenReportRow.get_or_none(CitizenReportRow.id == report_id)
    if row is None:
        raise NotFound(f"Không tìm thấy phản ánh số {report_id}.")
    return to_report(row)


def handle_report(core: CoreServices, report_id: int, *, result: str, handled_on: dt.date | None,
                  actor: Actor) -> CitizenReport:
    """The board records what it did about a report."""
    report = get_citizen_report(report_id)
    core.access.require(actor, P_SUPERVISE, report_scope(core, report))
    errors: list[tuple[str, str]] = []
    result = text(result, "result", "kết quả xem xét, xử lý", errors, max_len=10000)
    on = day(handled_on, "handled_on", "ngày xử lý", errors, not_future=True)
    if on and on < report.received_on:
        errors.append(("handled_on", "Ngày xử lý phải sau ngày tiếp nhận."))
    if report.state == "da_xu_ly":
        errors.append(("result", "Phản ánh này đã được xử lý."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        CitizenReportRow.update(state="da_xu_ly", result=result, handled_on=on).where(
            CitizenReportRow.id == report_id).execute()
        audit.record("giamsat.report.handle", "giamsat_project", report.project_id, actor=actor,
                     before={"state": report.state}, after={"report": report_id, "state": "da_xu_ly",
                                                            "handled_on": on})
    return without_sender(get_citizen_report(report_id))


def without_sender(report: CitizenReport) -> CitizenReport:
    """The report with the sender's name and contact withheld."""
    if not (report.sender_name or report.sender_contact):
        return report
    return attrs.evolve(report, sender_name="", sender_contact="", identity_withheld=True)


def project_reports(project_id: int) -> list[CitizenReport]:
    """The project's reports, newest first, unchecked and WITH the senders: for counts only."""
    q = CitizenReportRow.select().where(CitizenReportRow.project == project_id).order_by(
        CitizenReportRow.received_on.desc(), CitizenReportRow.id.desc())
    return [to_report(r) for r in q]


def citizen_reports(core: CoreServices, project_id: int, *, actor: Actor) -> list[CitizenReport]:
    """The project's reports read by ``actor`` within the project's (its board's) scope.
    The sender's name and contact are shown only to holders of ``giamsat.reporters`` over
    each report's scope, and such a read is audit-logged; others see them withheld."""
    core.access.require(actor, P_VIEW, project_scope(core, project_id))
    out, shown = [], []
    allowed: dict[Scope, bool] = {}
    for report in project_reports(project_id):
        scope = report_scope(core, report)
        if scope not in allowed:
            allowed[scope] = core.access.can(actor, P_REPORTERS, scope)
        if allowed[scope]:
            out.append(report)
            if report.sender_name or report.sender_contact:
                shown.append(report.id)
        else:
            out.append(without_sender(report))
    if shown:  # R-DL-09: a full read of a sender's identity is recorded
        audit.record("giamsat.reports.view_personal", "giamsat_project", project_id, actor=actor,
                     after={"reports": shown})
    return out


def report_counts(project_id: int, start: dt.date | None = None, end: dt.date | None = None) -> tuple[int, int]:
    """(received, handled) reports of a project, optionally received in [start, end]."""
    q = CitizenReportRow.select().where(CitizenReportRow.project == project_id)
    if start is not None:
        q = q.where(CitizenReportRow.received_on >= start)
    if end is not None:
        q = q.where(CitizenReportRow.received_on <= end)
    return q.count(), q.where(CitizenReportRow.state == "da_xu_ly").count()
