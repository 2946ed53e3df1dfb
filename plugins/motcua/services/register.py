"""Mẫu 07: the dossier register (sổ theo dõi hồ sơ, R-MC-09), its page and its CSV and
Excel exports — scoped to the units the reader reaches, every full read logged (R-DL-11).

A late return is noted "đã xin lỗi, hẹn lại" only when its Mẫu 04 was signed in time
(R-MC-15); otherwise it is a breach, even with a late apology on record.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from thanthien.core import audit
from thanthien.core.errors import ValidationError
from thanthien.core.models import CaseEventRow, CaseRow, UnitRow
from thanthien.core.text import format_date, format_datetime
from thanthien.core.types import SYSTEM_ACTOR, Actor

from ..casetypes import DOSSIER
from ..models import ApologyRow, DossierRow
from ..types import CHANNELS, P_REPORT, TIMELINESS
from .scope import audit_personal_read, only_units, visible_units

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

REGISTER_HEADER = ["STT", "Mã hồ sơ", "Thủ tục", "Số lượng hồ sơ (bộ)", "Người nộp", "Liên hệ",
                   "Cơ quan giải quyết", "Ngày nhận", "Ngày hẹn trả", "Ngày chuyển", "Ngày có kết quả / trả",
                   "Kết quả", "Ký nhận", "Ghi chú"]


def _chunks(ids: list[int], size: int = 500):
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def parse_cursor(value: str) -> tuple[dt.datetime, int] | None:
    """A register page's keyset cursor (``YYYYmmddHHMMSS-<id>``, see :func:`cursor_of`);
    None when empty or malformed (the first page)."""
    stamp, _, ident = (value or "").partition("-")
    try:
        return dt.datetime.strptime(stamp, "%Y%m%d%H%M%S"), int(ident)
    except ValueError:
        return None


def cursor_of(received_at: dt.datetime, dossier_id: int) -> str:
    return f"{received_at:%Y%m%d%H%M%S}-{dossier_id}"


#: what a register line shows (Mẫu 07) and its cursor need, read as plain tuples: not the
#: dossier's documents, parties or the case's data (JSON decoded for every line), nor a
#: model object per row (issue 16)
_REGISTER_COLUMNS = (
    DossierRow.id, DossierRow.case.alias("case_id"), DossierRow.register_line, DossierRow.code,
    DossierRow.procedure_name, DossierRow.sets, DossierRow.applicant_name, DossierRow.applicant_phone,
    DossierRow.applicant_email, DossierRow.handling_unit.alias("handling_unit_id"), DossierRow.received_at,
    DossierRow.appointment_at, DossierRow.result_ready_at, DossierRow.returned_at, DossierRow.timeliness,
    DossierRow.reappointments, DossierRow.breach, DossierRow.delivery, CaseRow.state.alias("case_state"),
)


def _register_records(core: CoreServices, start: dt.date, end: dt.date, actor: Actor | None, limit: int,
                      after: tuple[dt.datetime, int] | None) -> list[Any]:
    if end < start:
        raise ValidationError([("end", "Ngày kết thúc phải sau ngày bắt đầu.")])
    units = visible_units(core, actor, P_REPORT)
    q = (DossierRow.select(*_REGISTER_COLUMNS).join(CaseRow)
         .where(DossierRow.received_at >= dt.datetime.combine(start, dt.time(0, 0)),
                DossierRow.received_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0, 0))))
    if after is not None:  # keyset pagination on the (received_at, id) index (issue 16)
        q = q.where((DossierRow.received_at > after[0])
                    | ((DossierRow.received_at == after[0]) & (DossierRow.id > after[1])))
    q = only_units(q, CaseRow.unit, units).order_by(DossierRow.received_at, DossierRow.id).limit(limit)
    return list(q.namedtuples())


def register_rows(core: CoreServices, start: dt.date, end: dt.date, *, actor: Actor | None = SYSTEM_ACTOR,
                  limit: int = 100000, after: tuple[dt.datetime, int] | None = None) -> list[list[str]]:
    """Dossiers received between ``start`` and ``end`` (inclusive), in register order, of
    the units ``actor`` reaches with ``motcua.report``; ``after`` a page's cursor."""
    return _register_lines(_register_records(core, start, end, actor, limit, after))


def _register_lines(records: list[Any]) -> list[list[str]]:
    units = {r.handling_unit_id for r in records if r.handling_unit_id}
    names = {u.id: u.name for u in UnitRow.select(UnitRow.id, UnitRow.name).where(UnitRow.id.in_(sorted(units)))} \
        if units else {}
    transferred: dict[int, dt.datetime] = {}
    timely: dict[int, bool] = {}
    for chunk in _chunks([r.case_id for r in records]):
        for ev in (CaseEventRow.select(CaseEventRow.case, CaseEventRow.at)
                   .where(CaseEventRow.case.in_(chunk), CaseEventRow.action == "transfer")
                   .order_by(CaseEventRow.id)):
            transferred.setdefault(ev.case_id, ev.at)
    for chunk in _chunks([r.id for r in records]):
        for a in ApologyRow.select(ApologyRow.dossier, ApologyRow.timely).where(
                ApologyRow.dossier.in_(chunk), ApologyRow.state == "signed"):
            timely[a.dossier_id] = timely.get(a.dossier_id, False) or bool(a.timely)
    out = []
    for r in records:
        done = r.returned_at or r.result_ready_at
        note = TIMELINESS.get(r.timeliness, DOSSIER.state(r.case_state).label)
        if r.reappointments:
            # R-MC-15: only a Mẫu 04 signed in time counts as the apology
            note += "; đã xin lỗi, hẹn lại" if timely.get(r.id) else "; xin lỗi, hẹn lại sau thời hạn quy định"
        if r.breach:
            note += "; vi phạm: trả quá hạn không xin lỗi" + ("" if r.id not in timely else " đúng thời hạn")
        out.append([
            str(r.register_line), r.code, r.procedure_name, str(r.sets), r.applicant_name,
            r.applicant_phone or r.applicant_email, names.get(r.handling_unit_id, ""),
            format_datetime(r.received_at), format_datetime(r.appointment_at),
            format_datetime(transferred.get(r.case_id)), format_datetime(done),
            DOSSIER.state(r.case_state).label, CHANNELS[r.delivery] if r.returned_at else "", note,
        ])
    return out


def view_register(core: CoreServices, start: dt.date, end: dt.date, *, actor: Actor | None,
                  limit: int = 2000, after: str = "") -> list[list[str]]:
    """The register page: its rows, the read of the applicants' contacts logged."""
    return view_register_page(core, start, end, actor=actor, limit=limit, after=after)[0]


def view_register_page(core: CoreServices, start: dt.date, end: dt.date, *, actor: Actor | None,
                       limit: int = 200, after: str = "") -> tuple[list[list[str]], str]:
    """A page of the register (keyset pagination: ``after`` is the previous page's
    cursor) and the cursor of the next page ("" on the last); the read of the applicants'
    contacts is logged."""
    records = _register_records(core, start, end, actor, limit + 1, parse_cursor(after))
    more = len(records) > limit
    records = records[:limit]
    rows = _register_lines(records)
    audit_personal_read(actor, "motcua_register", f"{start}:{end}", ["applicant_phone", "applicant_email"],
                        count=len(rows))
    last = records[-1] if more and records else None
    return rows, cursor_of(last.received_at, last.id) if last is not None else ""


def register_csv(core: CoreServices, start: dt.date, end: dt.date, *, actor: Actor = SYSTEM_ACTOR) -> bytes:
    rows = register_rows(core, start, end, actor=actor)
    audit.record("motcua.register.export", "motcua_register", f"{start}:{end}", actor=actor,
                 after={"format": "csv", "rows": len(rows)})  # R-DL-11: exports of personal data
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(REGISTER_HEADER)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")


def register_xlsx(core: CoreServices, start: dt.date, end: dt.date, *, actor: Actor = SYSTEM_ACTOR) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    rows = register_rows(core, start, end, actor=actor)
    audit.record("motcua.register.export", "motcua_register", f"{start}:{end}", actor=actor,
                 after={"format": "xlsx", "rows": len(rows)})  # R-DL-11
    wb = Workbook()
    ws = wb.active
    ws.title = "So theo doi ho so"
    ws.append([f"SỔ THEO DÕI HỒ SƠ (Mẫu 07) từ {format_date(start)} đến {format_date(end)}"])
    ws["A1"].font = Font(bold=True)
    ws.append(REGISTER_HEADER)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

