"""Mẫu 06: the process-control sheet, from the dossier's case events (R-MC-08)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from thanthien.core.models import CaseRow, PersonRow, UnitRow
from thanthien.core.storage.db import write_transaction
from thanthien.core.text import format_datetime
from thanthien.core.types import SYSTEM_ACTOR, Actor, Document

from ..models import DossierRow
from ..types import P_VIEW
from .common import config, dossier_row, issue_form, to_dossier
from .processing import TRANSFER_ASSIGN_NOTE
from .scope import require

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

STEP_LABELS = {
    "open": "Tiếp nhận hồ sơ", "transfer": "Chuyển xử lý", "assign": "Phân công giải quyết",
    "request_supplement": "Yêu cầu bổ sung hồ sơ", "request_supplement_running": "Yêu cầu bổ sung hồ sơ",
    "supplemented": "Nhận hồ sơ bổ sung",
    "reappoint": "Hẹn lại ngày trả kết quả", "result_ready": "Chuyển kết quả về Bộ phận Một cửa",
    "return_result": "Trả kết quả", "stop": "Dừng giải quyết", "refuse": "Từ chối giải quyết",
}


def control_steps(core: CoreServices, code: str | int, *, actor: Actor | None = SYSTEM_ACTOR) -> list[dict[str, str]]:
    """Each hand-off: giver, receiver, time and trước hạn / đúng hạn / quá hạn against the
    appointment in force at that moment."""
    row, case = dossier_row(code)
    require(core, actor, P_VIEW, to_dossier(row, case))
    return _steps(core, row, case)


def _steps(core: CoreServices, row: DossierRow, case: CaseRow) -> list[dict[str, str]]:
    centre = config(core).centre_name
    steps = []
    for ev in core.cases.events(case.id):
        action = ev.action
        if action not in STEP_LABELS or (action == "assign" and ev.note == TRANSFER_ASSIGN_NOTE):
            continue  # the assignment made with a transfer is the transfer step itself
        data = ev.data or {}
        if action == "assign":  # engine.update records the new owner/unit ids
            owner = PersonRow.get_or_none(PersonRow.id == data.get("owner_id")) if data.get("owner_id") else None
            unit = UnitRow.get_or_none(UnitRow.id == data.get("unit_id")) if data.get("unit_id") else None
            data = {"to_person": owner.full_name if owner else "", "to_unit": unit.name if unit else ""}
        receiver = {
            "open": centre,
            "transfer": data.get("to_person") or data.get("to_unit") or "Cơ quan giải quyết",
            "assign": data.get("to_person") or data.get("to_unit") or "",
            "request_supplement": "Người nộp hồ sơ",
            "request_supplement_running": "Người nộp hồ sơ",
            "supplemented": centre,
            "reappoint": "Người nộp hồ sơ",
            "result_ready": centre,
            "return_result": "Người nộp hồ sơ",
            "stop": "Người nộp hồ sơ", "refuse": "Người nộp hồ sơ",
        }[action]
        giver = "Người nộp hồ sơ" if action == "supplemented" else (ev.actor_name or "Hệ thống")
        when = ev.at
        if action == "open":  # the step is the receipt itself
            giver, when = row.applicant_name, row.received_at
        due = ev.due_date or case.due_date
        day = when.date()
        status = "" if due is None else ("Trước hạn" if day < due else "Đúng hạn" if day == due else "Quá hạn")
        steps.append({"step": STEP_LABELS[ev.action], "giver": giver, "receiver": receiver,
                      "at": format_datetime(when), "status": status, "note": ev.note, "action": action})
    return steps


def issue_control_sheet(core: CoreServices, code: str | int, *, actor: Actor) -> Document:
    """Print Mẫu 06 as it stands now (numbered and registered)."""
    row, case = dossier_row(code)
    require(core, actor, P_VIEW, to_dossier(row, case))
    steps = _steps(core, row, case)
    with write_transaction():
        return issue_form(core, "motcua_control_sheet", row, case.id, case.unit_id, actor,
                          subject=f"Kiểm soát quá trình giải quyết hồ sơ {row.code}",
                          context={"code": row.code, "procedure": row.procedure_name,
                                   "applicant": row.applicant_name, "received": format_datetime(row.received_at),
                                   "appointment": format_datetime(row.appointment_at),
                                   "steps": [[str(i + 1), s["step"], s["giver"], s["receiver"], s["at"], s["status"]]
                                             for i, s in enumerate(steps)]})
