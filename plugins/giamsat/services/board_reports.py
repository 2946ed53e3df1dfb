"""Reports of a board to UB MTTQ (R-GS-12), issued as official documents of the board.

The document belongs to the board (owner ``giamsat.board``, the Front Committee's unit):
it is read within the board's scope.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.documents import Issuer
from thanthien.core.errors import ValidationError
from thanthien.core.storage.db import write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import Actor

from ..models import BoardReportRow
from ..types import BOARD_OWNER, P_SUPERVISE, P_VIEW, REPORT_DOC_TYPE, REPORT_KINDS, BoardReport
from .citizen_reports import report_counts
from .common import board_scope, config, day, front_unit_id, get_board, get_project
from .content import board_checks
from .inspections import board_inspections
from .recommendations import board_recommendations

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def issue_board_report(core: CoreServices, board_id: int, *, kind: str, period_start: dt.date | None,
                       period_end: dt.date | None, actor: Actor, issued_on: dt.date | None = None) -> BoardReport:
    """The board reports to UB MTTQ periodically or on request (R-GS-12)."""
    core.access.require(actor, P_SUPERVISE, board_scope(core, board_id))
    board = get_board(board_id)
    project = get_project(board.project_id)
    errors: list[tuple[str, str]] = []
    if kind not in REPORT_KINDS:
        errors.append(("kind", "Vui lòng chọn báo cáo định kỳ hay theo yêu cầu."))
    start = day(period_start, "period_start", "ngày đầu kỳ báo cáo", errors)
    end = day(period_end, "period_end", "ngày cuối kỳ báo cáo", errors)
    if start and end and end < start:
        errors.append(("period_end", "Ngày cuối kỳ phải sau ngày đầu kỳ."))
    if errors:
        raise ValidationError(errors)
    head = next((m for m in board.members if m.board_role == "truong_ban"), None)
    in_period = [i for i in board_inspections(board_id) if start <= i.held_on <= end]
    recs = [r for r in board_recommendations(board_id) if start <= r.sent_on <= end]
    received, handled = report_counts(project.id, start, end)
    sections = [
        {"title": "Thông tin chương trình, dự án",
         "items": [f"Tên dự án: {project.name} ({project.code})", f"Chủ đầu tư: {project.investor}",
                   f"Nguồn vốn: {project.funding_label}", f"Địa điểm: {project.location}",
                   f"Tổng mức đầu tư: {project.value_vnd:,} đồng".replace(",", ".")]},
        {"title": "Thành viên Ban giám sát",
         "items": [f"{m.full_name} – {m.role_label}, {m.representing_label}" for m in board.members]},
        {"title": "Kết quả giám sát theo nội dung",
         "items": [f"{c.label}: {c.status_label}" + (f". {c.finding}" if c.finding else "")
                   for c in board_checks(board_id, project.funding)]},
        {"title": "Kiểm tra, giám sát tại hiện trường",
         "items": [f"Ngày {format_date(i.held_on)} tại {i.place}: {i.findings}"
                   + (f" (có mời người có chuyên môn: {', '.join(i.experts)})" if i.experts else "")
                   for i in in_period] or ["Trong kỳ không tổ chức kiểm tra tại hiện trường."]},
        {"title": "Kiến nghị và kết quả trả lời",
         "items": [f"{r.number} ngày {format_date(r.sent_on)}: {r.content} – "
                   + (f"UBND trả lời ngày {format_date(r.answered_on)}{' (quá hạn)' if r.timeliness == 'late' else ''}: "
                      f"{r.answer}" if r.answered_on else f"chưa có trả lời, hạn {format_date(r.due_date)}")
                   for r in recs] or ["Trong kỳ không có kiến nghị."]},
        {"title": "Tiếp nhận phản ánh của Nhân dân",
         "paragraphs": [f"Trong kỳ Ban giám sát tiếp nhận {received} phản ánh, đã xem xét, xử lý {handled}."]},
    ]
    cfg = config(core)
    ward = core.settings.ward.name
    with write_transaction():
        document = core.documents.issue(
            REPORT_DOC_TYPE, subject=f"Kết quả giám sát đầu tư của cộng đồng dự án {project.name} "
                                     f"từ {format_date(start)} đến {format_date(end)}"[:500],
            context={"paragraphs": [f"Thực hiện nhiệm vụ giám sát đầu tư của cộng đồng, Ban giám sát báo cáo "
                                    f"{cfg.front_name} kết quả giám sát như sau:"],
                     "sections": sections},
            signer_name=head.full_name if head else actor.name, signer_title="Trưởng ban",
            signing_authority="TM. BAN GIÁM SÁT ĐẦU TƯ CỦA CỘNG ĐỒNG",
            issuer=Issuer(f"Ban Giám sát đầu tư của cộng đồng {ward}", "BGSĐTCĐ",
                          f"Ủy ban Mặt trận Tổ quốc Việt Nam {ward}"),  # R-VB-08..10
            recipients=[cfg.front_name, "Ủy ban nhân dân phường", project.investor],
            issued_on=issued_on, unit_id=front_unit_id(core), owner=(BOARD_OWNER, board_id),
            view_permission=P_VIEW, actor=actor)
        row = BoardReportRow.create(board=board_id, kind=kind, period_start=start, period_end=end,
                                    document_id=document.id)
        audit.record("giamsat.report.issue", "giamsat_board", board_id, actor=actor,
                     after={"report": row.id, "document": document.number_symbol, "kind": kind,
                            "period_start": start, "period_end": end})
    return BoardReport(row.id, board_id, kind, start, end, document.id, document.number_symbol)


def board_reports(core: CoreServices, board_id: int, *, actor: Actor) -> list[BoardReport]:
    """The board's reports to UB MTTQ, newest first, read within its scope."""
    core.access.require(actor, P_VIEW, board_scope(core, board_id))
    out = []
    for r in BoardReportRow.select().where(BoardReportRow.board == board_id).order_by(BoardReportRow.id.desc()):
        doc = core.documents.get(r.document_id)
        out.append(BoardReport(r.id, board_id, r.kind, r.period_start, r.period_end, r.document_id, doc.number_symbol))
    return out
