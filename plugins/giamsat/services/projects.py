"""The project register (sổ theo dõi chương trình, dự án đầu tư): R-GS-02.

Kept by the economic department (``register_unit``) and leaders; a project with a board is
read within its board's scope (:mod:`.access`).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.counters import next_value
from thanthien.core.errors import ValidationError
from thanthien.core.storage.db import write_transaction
from thanthien.core.types import Actor

from ..models import BoardRow, ProjectRow
from ..types import FUNDING, IN_SCOPE_FUNDING, P_PROJECTS, P_VIEW, Project
from .access import reach
from .common import community_groups, day, get_project, project_scope, text, to_project

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: text fields of a project: (label, required, max length)
PROJECT_TEXT = {
    "name": ("tên chương trình, dự án", True, 500),
    "investor": ("chủ đầu tư / chủ chương trình", True, 255),
    "management_unit": ("ban quản lý dự án", False, 255),
    "decision_maker": ("người quyết định đầu tư", False, 255),
    "consultant": ("đơn vị tư vấn của chủ đầu tư", False, 255),
    "contractor": ("nhà thầu thi công", False, 255),
    "contractor_supervisor": ("tư vấn giám sát", False, 255),
    "project_manager": ("người trực tiếp quản lý dự án", False, 255),
    "location": ("địa điểm thực hiện", True, 500),
    "description": ("mô tả", False, 5000),
}


def _groups(ids: Sequence[int], errors: list) -> list[int]:
    chosen = sorted(set(ids or ()))
    if not chosen:
        errors.append(("group_ids", "Vui lòng chọn ít nhất một tổ dân phố nơi thực hiện dự án."))
        return []
    if set(chosen) - {u.id for u in community_groups()}:
        errors.append(("group_ids", "Tổ dân phố chịu tác động không thuộc phường."))
    return chosen


def create_project(core: CoreServices, *, name: str, investor: str, funding: str, location: str,
                   group_ids: Sequence[int], value_vnd: int = 0, start_on: dt.date | None = None,
                   end_on: dt.date | None = None, management_unit: str = "", decision_maker: str = "",
                   consultant: str = "", contractor: str = "", contractor_supervisor: str = "",
                   project_manager: str = "", description: str = "", actor: Actor) -> Project:
    """Register a programme or project of the ward (sổ chương trình, dự án đầu tư)."""
    core.access.require(actor, P_PROJECTS, project_scope(core, None))
    given = {"name": name, "investor": investor, "management_unit": management_unit,
             "decision_maker": decision_maker, "consultant": consultant, "contractor": contractor,
             "contractor_supervisor": contractor_supervisor, "project_manager": project_manager,
             "location": location, "description": description}
    errors: list[tuple[str, str]] = []
    clean = {k: text(given[k], k, label, errors, required=req, max_len=n) for k, (label, req, n) in PROJECT_TEXT.items()}
    if funding not in FUNDING:
        errors.append(("funding", "Vui lòng chọn nguồn vốn."))
    groups = _groups(group_ids, errors)
    if isinstance(value_vnd, bool) or not isinstance(value_vnd, int) or value_vnd < 0:
        errors.append(("value_vnd", "Tổng mức đầu tư ghi bằng số đồng, ví dụ 2.500.000.000."))
    start = day(start_on, "start_on", "ngày khởi công", errors, required=False)
    end = day(end_on, "end_on", "ngày hoàn thành dự kiến", errors, required=False)
    if start and end and end < start:
        errors.append(("end_on", "Ngày hoàn thành phải sau ngày khởi công."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        year = (start or dt.date.today()).year
        seq = next_value(f"giamsat:project:{year}")
        row = ProjectRow.create(code=f"DA-{year}-{seq:03d}", funding=funding, group_ids=groups, value_vnd=value_vnd,
                                start_on=start, end_on=end, **clean)
        project = to_project(row)
        audit.record("giamsat.project.create", "giamsat_project", project.id, actor=actor,
                     after={"code": project.code, "name": project.name, "funding": funding,
                            "in_scope": project.in_scope})
    return project


def view_project(core: CoreServices, project_id: int, *, actor: Actor, permission: str = P_VIEW) -> Project:
    """A project read by ``actor``: within its board's scope, or (without a board) by
    leaders and the register's unit (:mod:`.access`)."""
    project = get_project(project_id)
    core.access.require(actor, permission, project_scope(core, project.id))
    return project


def project_rows(core: CoreServices, *, actor: Actor, permissions: Sequence[str] = (P_VIEW,),
                 in_scope: bool | None = None, limit: int = 500) -> list[tuple[Project, int | None]]:
    """The register as ``actor`` reaches it: (project, its board's id) newest first,
    filtered by the board's scope (one of ``permissions``)."""
    return project_page(core, actor=actor, permissions=permissions, in_scope=in_scope, limit=limit)[0]


def project_page(core: CoreServices, *, actor: Actor, permissions: Sequence[str] = (P_VIEW,),
                 in_scope: bool | None = None, limit: int = 500,
                 offset: int = 0) -> tuple[list[tuple[Project, int | None]], bool]:
    """A page of :func:`project_rows` and whether the register goes on after it: ``limit``
    and ``offset`` count the register's rows before the scope filter, read along the index
    on (start_on, id) of migration 0003 (issue 16)."""
    seen = None
    for permission in permissions:
        got = reach(core, actor, permission)
        seen = got if seen is None else seen | got
    q = ProjectRow.select().order_by(ProjectRow.start_on.desc(nulls="LAST"), ProjectRow.id.desc()).limit(limit + 1)
    if offset:
        q = q.offset(offset)
    if in_scope is True:
        q = q.where(ProjectRow.funding.in_(IN_SCOPE_FUNDING))
    elif in_scope is False:
        q = q.where(ProjectRow.funding.not_in(IN_SCOPE_FUNDING))
    rows = list(q)
    more, rows = len(rows) > limit, rows[:limit]
    boards = latest_boards([r.id for r in rows])
    shown = [(to_project(r), boards.get(r.id)) for r in rows if seen is not None and seen.project(boards.get(r.id))]
    return shown, more


def latest_boards(project_ids: list[int]) -> dict[int, int]:
    """project id → the id of its (latest) board, for the projects that have one."""
    out: dict[int, int] = {}
    if not project_ids:
        return out
    for b in BoardRow.select(BoardRow.id, BoardRow.project).where(BoardRow.project.in_(project_ids)).order_by(BoardRow.id):
        out[b.project_id] = b.id
    return out


def scope_reason(project: Project) -> str:
    """Why a project is or is not in the board's scope (R-GS-02), in Vietnamese."""
    if project.in_scope:
        return f"Thuộc phạm vi giám sát đầu tư của cộng đồng ({project.funding_label})."
    return (f"Không thuộc phạm vi giám sát đầu tư của cộng đồng: nguồn vốn “{project.funding_label}” không phải "
            "vốn đầu tư công, PPP, vốn đóng góp của cộng đồng hay tài trợ trực tiếp cho phường (R-GS-02).")
