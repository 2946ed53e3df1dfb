"""Operations of the giamsat module (nghiệp vụ Ban Giám sát đầu tư của cộng đồng).

The only code that writes the ``giamsat_*`` tables. Every function takes the core
:class:`~thanthien.core.services.Services` bundle (``svc``) and the acting
:class:`~thanthien.core.types.Actor`; every input is checked before anything is written,
and every change is one write transaction with its audit entry (or case event), so a
refused input stores nothing.

Sections: settings and access · project register (R-GS-02) · boards and members
(R-GS-01, R-GS-03 … R-GS-06, R-BQ-33) · plans and the investor notice (R-GS-09) ·
supervision content (R-GS-07) · on-site inspections · information requests (R-GS-08) ·
residents' reports (R-PA-09) · recommendations and UBND answers (R-GS-08, R-GS-10) ·
reports to UB MTTQ (R-GS-12) · announcements (plan III.2.3b, R-CK item 3) · coverage and
warnings (plan target "100% supervised") · public views.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup
from thanthien.core import audit
from thanthien.core.counters import next_value
from thanthien.core.documents import Issuer
from thanthien.core.errors import (
    IllegalTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from thanthien.core.models import CaseRow, PersonRow, RoleGrantRow, UnitRow, to_type
from thanthien.core.storage.db import is_sqlite, now, write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import Actor

from .models import (
    BoardReportRow,
    BoardRow,
    CheckRow,
    CitizenReportRow,
    InfoRequestRow,
    InspectionRow,
    MemberRow,
    PhotoRow,
    PlanRow,
    ProjectRow,
    RecommendationRow,
)
from .types import (
    BOARD_ROLES,
    CHECK_STATUSES,
    CONFLICT_PARTIES,
    FUNDING,
    IN_SCOPE_FUNDING,
    PLUGIN,
    RECOMMENDATION,
    RECOMMENDATION_KINDS,
    RELATION_PARTIES,
    REPORT_CHANNELS,
    REPORT_KINDS,
    REPRESENTING,
    Board,
    BoardReport,
    Check,
    CitizenReport,
    InfoRequest,
    Inspection,
    Member,
    Photo,
    Plan,
    Project,
    Recommendation,
    content_items,
    request_items,
)
from thanthien.core.uploads import IMAGES, check_upload

# Permissions (declared in __init__.register_permissions).
P_VIEW = "giamsat.view"
P_PROJECTS = "giamsat.projects"
P_BOARDS = "giamsat.boards"
P_SUPERVISE = "giamsat.supervise"
P_ANSWER = "giamsat.answer"

REPORT_DOC_TYPE = "giamsat_bao_cao"
NOTICE_CATEGORY = "du_an_dat_dai_quy_hoach"  # R-CK item 3: investment projects and their progress

#: Operational settings of ``[plugin.giamsat]`` (not legal numbers: those are R-GS rules).
DEFAULTS: dict[str, Any] = {
    "max_photo_bytes": 5 * 1024 * 1024,  # each site photo
    "max_photos_per_inspection": 10,
    "front_name": "Ban Thường trực Ủy ban MTTQ Việt Nam phường",  # addressee of R-GS-12 reports
}


def config(settings) -> dict[str, Any]:
    """``[plugin.giamsat]`` merged over :data:`DEFAULTS`."""
    return {**DEFAULTS, **settings.for_plugin(PLUGIN)}


# ---------------------------------------------------------------------------
# Small helpers and access
# ---------------------------------------------------------------------------

def _clean(value: Any) -> str:
    return str(value if value is not None else "").strip()


def _text(values: dict, key: str, label: str, errors: list, *, required: bool = True, max_len: int = 500) -> str:
    text = _clean(values.get(key))
    if required and not text:
        errors.append((key, f"Vui lòng nhập {label}."))
    elif len(text) > max_len:
        errors.append((key, f"{label[:1].upper()}{label[1:]} dài quá {max_len} ký tự."))
    return text


def _date(value: Any, key: str, label: str, errors: list, *, required: bool = True) -> dt.date | None:
    """A date given as ``date``, ISO text or dd/mm/yyyy."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _clean(value)
    if not text:
        if required:
            errors.append((key, f"Vui lòng nhập {label} (dd/mm/yyyy)."))
        return None
    from thanthien.core.converters import parse_date

    try:
        return parse_date(text)
    except ValueError:
        errors.append((key, f"{label[:1].upper()}{label[1:]} không hợp lệ (dd/mm/yyyy)."))
        return None


def _not_future(day: dt.date | None, key: str, label: str, errors: list) -> None:
    if day is not None and day > dt.date.today():
        errors.append((key, f"{label[:1].upper()}{label[1:]} không được sau ngày hôm nay."))


def _truthy(value: Any) -> bool:
    return value is True or _clean(value).lower() in ("1", "true", "on", "yes", "co", "có")


def _lock(model, row_id: int):
    """Read a row for writing (row lock on PostgreSQL; SQLite writes are IMMEDIATE)."""
    q = model.select().where(model.id == row_id)
    if not is_sqlite():
        q = q.for_update()
    return q.first()


def authorize(svc, actor: Actor | None, permission: str, board_id: int | None = None) -> None:
    """Refuse unless ``actor`` holds ``permission``; a holder only through ``board_member``
    acts on the boards he or she sits on (unit scope of the board's own members)."""
    if actor is None or not svc.access.can(actor, permission):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")
    if actor.kind == "system" or board_id is None:
        return
    holders = set(svc.access.roles_holding(permission))
    roles = {r for r, _ in actor.roles}
    if (roles & holders) - {"board_member"} or ("admin" in holders and "admin" in roles):
        return
    sits = MemberRow.get_or_none(MemberRow.board == board_id, MemberRow.person == actor.person_id)
    if actor.person_id is None or sits is None:
        raise PermissionDenied("Bạn không phải thành viên của Ban giám sát này.")


# ---------------------------------------------------------------------------
# Project register (sổ theo dõi chương trình, dự án đầu tư): R-GS-02
# ---------------------------------------------------------------------------

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
PROJECT_FIELDS = set(PROJECT_TEXT) | {"funding", "group_ids", "value_vnd", "start_on", "end_on"}


def _project(row: ProjectRow) -> Project:
    return to_type(Project, row, group_ids=tuple(row.group_ids or ()))


def community_groups() -> list[UnitRow]:
    return list(UnitRow.select().where(UnitRow.kind.in_(("residential_group", "village")), UnitRow.active == True)
                .order_by(UnitRow.sort, UnitRow.code))


def _group_ids(value: Any, errors: list) -> list[int]:
    raw = value if isinstance(value, (list, tuple)) else [v for v in _clean(value).replace(";", ",").split(",")]
    ids: list[int] = []
    for v in raw:
        text = _clean(v)
        if not text:
            continue
        if not text.isdigit():
            errors.append(("group_ids", "Tổ dân phố chịu tác động không hợp lệ."))
            return []
        ids.append(int(text))
    ids = sorted(set(ids))
    if not ids:
        errors.append(("group_ids", "Vui lòng chọn ít nhất một tổ dân phố nơi thực hiện dự án."))
        return []
    known = {u.id for u in community_groups()}
    if set(ids) - known:
        errors.append(("group_ids", "Tổ dân phố chịu tác động không thuộc phường."))
    return ids


def create_project(svc, values: dict, *, actor: Actor) -> Project:
    """Register a programme or project of the ward (sổ chương trình, dự án đầu tư)."""
    authorize(svc, actor, P_PROJECTS)
    values = dict(values or {})
    errors: list[tuple[str, str]] = [(k, "Trường không được hỗ trợ.") for k in sorted(set(values) - PROJECT_FIELDS)]
    clean = {k: _text(values, k, label, errors, required=req, max_len=n) for k, (label, req, n) in PROJECT_TEXT.items()}
    funding = _clean(values.get("funding"))
    if funding not in FUNDING:
        errors.append(("funding", "Vui lòng chọn nguồn vốn."))
    groups = _group_ids(values.get("group_ids"), errors)
    raw_value = _clean(values.get("value_vnd")).replace(".", "").replace(" ", "")
    value = 0
    if raw_value:
        if not raw_value.isdigit():
            errors.append(("value_vnd", "Tổng mức đầu tư ghi bằng số đồng, ví dụ 2.500.000.000."))
        else:
            value = int(raw_value)
    start = _date(values.get("start_on"), "start_on", "ngày khởi công", errors, required=False)
    end = _date(values.get("end_on"), "end_on", "ngày hoàn thành dự kiến", errors, required=False)
    if start and end and end < start:
        errors.append(("end_on", "Ngày hoàn thành phải sau ngày khởi công."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        year = (start or dt.date.today()).year
        seq = next_value(f"giamsat:project:{year}")
        row = ProjectRow.create(code=f"DA-{year}-{seq:03d}", funding=funding, group_ids=groups, value_vnd=value,
                                start_on=start, end_on=end, **clean)
        project = _project(row)
        audit.record("giamsat.project.create", "giamsat_project", project.id, actor=actor,
                     after={"code": project.code, "name": project.name, "funding": funding,
                            "in_scope": project.in_scope})
    return project


def get_project(project_id: int) -> Project:
    row = ProjectRow.get_or_none(ProjectRow.id == project_id)
    if row is None:
        raise NotFound(f"Không tìm thấy chương trình, dự án số {project_id}.")
    return _project(row)


def projects(*, in_scope: bool | None = None, limit: int = 500) -> list[Project]:
    q = ProjectRow.select().order_by(ProjectRow.start_on.desc(nulls="LAST"), ProjectRow.id.desc()).limit(limit)
    if in_scope is True:
        q = q.where(ProjectRow.funding.in_(IN_SCOPE_FUNDING))
    elif in_scope is False:
        q = q.where(ProjectRow.funding.not_in(IN_SCOPE_FUNDING))
    return [_project(r) for r in q]


def scope_reason(project: Project) -> str:
    """Why a project is or is not in the board's scope (R-GS-02), in Vietnamese."""
    if project.in_scope:
        return f"Thuộc phạm vi giám sát đầu tư của cộng đồng ({project.funding_label})."
    return (f"Không thuộc phạm vi giám sát đầu tư của cộng đồng: nguồn vốn “{project.funding_label}” không phải "
            "vốn đầu tư công, PPP, vốn đóng góp của cộng đồng hay tài trợ trực tiếp cho phường (R-GS-02).")


def group_names(ids: Iterable[int]) -> list[str]:
    ids = list(ids)
    if not ids:
        return []
    return [u.name for u in UnitRow.select().where(UnitRow.id.in_(ids)).order_by(UnitRow.sort, UnitRow.code)]


# ---------------------------------------------------------------------------
# Boards and members: R-GS-01, R-GS-03, R-GS-04, R-GS-05, R-GS-06, R-BQ-33
# ---------------------------------------------------------------------------

MEMBER_FIELDS = {"full_name", "board_role", "representing", "group_id", "person_id", "is_official", "relations",
                 "joined_on"}


def _member(row: MemberRow) -> Member:
    return to_type(Member, row, board_id=row.board_id, group_id=row.group_id, person_id=row.person_id,
                   relations=tuple(row.relations or ()))


def _board(row: BoardRow) -> Board:
    members = tuple(_member(m) for m in MemberRow.select().where(MemberRow.board == row.id).order_by(MemberRow.id))
    return to_type(Board, row, project_id=row.project_id, members=members)


def get_board(board_id: int) -> Board:
    row = BoardRow.get_or_none(BoardRow.id == board_id)
    if row is None:
        raise NotFound(f"Không tìm thấy Ban giám sát số {board_id}.")
    return _board(row)


def board_of(project_id: int) -> Board | None:
    """The project's board (the latest, when a ward configured more than one)."""
    row = BoardRow.select().where(BoardRow.project == project_id).order_by(BoardRow.id.desc()).first()
    return _board(row) if row else None


def _active_board(board_id: int, doing: str) -> Board:
    board = get_board(board_id)
    if not board.active:  # R-GS-01: the board dissolved when the supervision ended
        raise IllegalTransition(f"Ban giám sát đã giải thể ngày {format_date(board.dissolved_on)}; "
                                f"không thể {doing}.")
    return board


def _relations(raw: Any, who: str, field: str, errors: list) -> list[dict[str, str]]:
    """Declared relations (R-GS-06): ``[{"name", "relation", "party"}]``; empty rows dropped."""
    if raw in (None, ""):
        return []
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, (list, tuple)):
        errors.append((field, f"Kê khai người thân của {who} không hợp lệ."))
        return []
    out = []
    for rel in raw:
        if not isinstance(rel, dict):
            errors.append((field, f"Kê khai người thân của {who} không hợp lệ."))
            continue
        name, relation, party = _clean(rel.get("name")), _clean(rel.get("relation")), _clean(rel.get("party"))
        if not (name or relation or party):
            continue
        if party not in RELATION_PARTIES:
            errors.append((field, f"Vui lòng chọn người thân của {who} là ai trong dự án."))
            continue
        if not name or not relation:
            errors.append((field, f"Vui lòng ghi họ tên và quan hệ của người thân được kê khai của {who}."))
            continue
        if party in CONFLICT_PARTIES:  # R-GS-06 (Luật DCCS Art. 42)
            errors.append((field, f"{who} có người thân ({relation}: {name}) là {CONFLICT_PARTIES[party]} của dự án, "
                                  "nên không đủ tiêu chuẩn thành viên Ban giám sát (Luật Thực hiện dân chủ ở cơ sở, "
                                  "Điều 42)."))
            continue
        out.append({"name": name[:255], "relation": relation[:64], "party": party})
    return out


#: Roles of people who are not commune cadres or civil servants: board members and the
#: part-time heads of residential groups (người hoạt động không chuyên trách ở tổ dân phố).
NOT_OFFICIAL_ROLES = frozenset({"board_member", "group_head"})


def is_official(person: PersonRow) -> bool:
    """R-GS-06: a staff person of the ward is a commune cadre or civil servant unless every
    role he or she holds is one of :data:`NOT_OFFICIAL_ROLES`."""
    if not person.is_staff:
        return False
    roles = {g.role for g in RoleGrantRow.select(RoleGrantRow.role).where(RoleGrantRow.person == person.id)}
    return not roles or not roles <= NOT_OFFICIAL_ROLES


def _check_member(svc, project: Project, raw: Any, index: int, errors: list) -> dict[str, Any] | None:
    """One member's own checks: fields, residence in an affected group, R-GS-06."""
    field = f"thanh_vien_{index}"
    if not isinstance(raw, dict):
        errors.append((field, f"Thành viên thứ {index} không hợp lệ."))
        return None
    unknown = sorted(set(raw) - MEMBER_FIELDS)
    if unknown:
        errors.append((field, f"Thành viên thứ {index}: trường không được hỗ trợ ({', '.join(unknown)})."))
    name = _clean(raw.get("full_name"))
    who = name or f"Thành viên thứ {index}"
    if not name:
        errors.append((field, f"Vui lòng nhập họ và tên thành viên thứ {index}."))
    elif len(name) > 255:
        errors.append((field, f"Họ và tên thành viên thứ {index} dài quá 255 ký tự."))
    role = _clean(raw.get("board_role")) or "uy_vien"
    if role not in BOARD_ROLES:
        errors.append((field, f"Chức danh trong Ban của {who} không hợp lệ."))
    representing = _clean(raw.get("representing"))
    if representing not in REPRESENTING:
        errors.append((field, f"Vui lòng chọn {who} là đại diện của Ủy ban MTTQ, Ban Thanh tra nhân dân hay Nhân dân."))
    person = None
    pid = _clean(raw.get("person_id"))
    if pid:
        person = PersonRow.get_or_none(PersonRow.id == int(pid)) if pid.isdigit() else None
        if person is None:
            errors.append((field, f"Không tìm thấy người dân đã chọn cho {who}."))
    # R-GS-06: not a commune cadre or civil servant (declared, or a staff person of the ward).
    if _truthy(raw.get("is_official")) or (person is not None and is_official(person)):
        errors.append((field, f"{who} là cán bộ, công chức cấp xã nên không được làm thành viên Ban giám sát "
                              "(Luật Thực hiện dân chủ ở cơ sở, Điều 42)."))
    group = _clean(raw.get("group_id"))
    group_id = int(group) if group.isdigit() else None
    if group and group_id is None:
        errors.append((field, f"Tổ dân phố của {who} không hợp lệ."))
    if group_id is None and person is not None and person.household_id:
        group_id = person.household.group_id
    if representing == "nhan_dan":  # R-GS-03: residents of the affected groups
        if group_id is None:
            errors.append((field, f"Vui lòng chọn tổ dân phố nơi {who} cư trú."))
        elif group_id not in project.group_ids:
            errors.append((field, f"{who} không cư trú tại tổ dân phố chịu tác động của dự án; đại diện Nhân dân "
                                  "phải là người dân nơi thực hiện dự án (R-GS-03)."))
    relations = _relations(raw.get("relations"), who, field, errors)
    joined = _date(raw.get("joined_on"), field, f"ngày tham gia của {who}", errors, required=False)
    return {"full_name": name, "board_role": role, "representing": representing, "group": group_id,
            "person": person.id if person else None, "relations": relations, "joined_on": joined}


def _check_composition(svc, members: list[dict[str, Any]], on: dt.date, errors: list) -> None:
    """The board as a whole: R-GS-03 (size and who is represented), R-GS-04, R-GS-05."""
    minimum = int(svc.rules.value("R-GS-03.min_members", on))
    if len(members) < minimum:  # R-GS-03
        errors.append(("members", f"Ban giám sát phải có ít nhất {minimum} thành viên; danh sách mới có "
                                  f"{len(members)} (R-GS-03)."))
    kinds = [m["representing"] for m in members]
    for key, label in (("mttq", "một đại diện Ủy ban MTTQ phường"), ("bttnd", "một đại diện Ban Thanh tra nhân dân"),
                       ("nhan_dan", "đại diện Nhân dân nơi thực hiện dự án")):
        if key not in kinds:  # R-GS-03
            errors.append(("members", f"Ban giám sát phải có {label} (R-GS-03)."))
    residents = kinds.count("nhan_dan")
    max_residents = int(svc.rules.value("R-GS-04.max_resident_members", on))
    if residents > max_residents:  # R-GS-04
        errors.append(("members", f"Số thành viên là đại diện Nhân dân tối đa {max_residents} người; danh sách có "
                                  f"{residents} (R-GS-04)."))
    roles = [m["board_role"] for m in members]
    if roles.count("truong_ban") != 1:
        errors.append(("members", "Ban giám sát có một Trưởng ban."))
    max_deputies = int(svc.rules.value("R-GS-05.max_deputies", on))
    if roles.count("pho_truong_ban") > max_deputies:  # R-GS-05
        errors.append(("members", f"Ban giám sát có không quá {max_deputies} Phó Trưởng ban; danh sách có "
                                  f"{roles.count('pho_truong_ban')} (R-GS-05)."))
    people = [m["person"] for m in members if m["person"]]
    if len(people) != len(set(people)):
        errors.append(("members", "Một người được ghi hai lần trong danh sách thành viên."))


def create_board(svc, project_id: int, *, decision_ref: str, established_on: Any, members: list[dict],
                 actor: Actor) -> Board:
    """UB MTTQ sets up the project's board (R-GS-01) with its members (R-GS-03 … R-GS-06).

    ``decision_ref`` is the UB MTTQ decision that sets up the board and recognises the
    resident members elected at the community meetings (R-BQ-33).
    """
    authorize(svc, actor, P_BOARDS)
    project = get_project(project_id)
    errors: list[tuple[str, str]] = []
    if not project.in_scope:  # R-GS-02
        raise ValidationError([("project", scope_reason(project))])
    ref = _text({"decision_ref": decision_ref}, "decision_ref", "số quyết định thành lập của Ủy ban MTTQ", errors,
                max_len=128)
    on = _date(established_on, "established_on", "ngày thành lập", errors)
    _not_future(on, "established_on", "ngày thành lập", errors)
    if not isinstance(members, (list, tuple)):
        errors.append(("members", "Danh sách thành viên không hợp lệ."))
        members = []
    checked = [c for i, m in enumerate(members, start=1) if (c := _check_member(svc, project, m, i, errors))]
    _check_composition(svc, checked, on or dt.date.today(), errors)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        _lock(ProjectRow, project_id)
        existing = BoardRow.select().where(BoardRow.project == project_id).count()
        allowed = int(svc.rules.value("R-GS-01.boards_per_project", on))
        if existing >= allowed:  # R-GS-01: one board per programme or project
            raise ValidationError([("project", f"Dự án {project.code} đã có Ban giám sát; mỗi chương trình, dự án "
                                               f"chỉ thành lập {allowed:02d} Ban giám sát (R-GS-01).")])
        row = BoardRow.create(project=project_id, decision_ref=ref, established_on=on)
        for m in checked:
            MemberRow.create(board=row.id, **{**m, "joined_on": m["joined_on"] or on})
        for item in content_items(project.funding):  # R-GS-07 checklist, nothing supervised yet
            CheckRow.create(board=row.id, item=item)
        board = _board(row)
        audit.record("giamsat.board.create", "giamsat_board", board.id, actor=actor,
                     after={"project": project.code, "decision_ref": ref, "established_on": on,
                            "members": [{"full_name": m.full_name, "board_role": m.board_role,
                                         "representing": m.representing, "relations": list(m.relations)}
                                        for m in board.members]})
    return board


def add_member(svc, board_id: int, member: dict, *, actor: Actor) -> Board:
    """Add a member; the whole board is checked again (R-GS-03 … R-GS-06)."""
    authorize(svc, actor, P_BOARDS)
    board = _active_board(board_id, "bổ sung thành viên")
    project = get_project(board.project_id)
    errors: list[tuple[str, str]] = []
    new = _check_member(svc, project, member, len(board.members) + 1, errors)
    current = [{"representing": m.representing, "board_role": m.board_role, "person": m.person_id}
               for m in board.members]
    if new:
        _check_composition(svc, current + [new], dt.date.today(), errors)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = MemberRow.create(board=board_id, **{**new, "joined_on": new["joined_on"] or dt.date.today()})
        audit.record("giamsat.member.add", "giamsat_board", board_id, actor=actor,
                     after={"member": row.id, "full_name": row.full_name, "board_role": row.board_role,
                            "representing": row.representing, "relations": new["relations"]})
    return get_board(board_id)


def dissolve_board(svc, board_id: int, *, dissolved_on: Any, note: str, actor: Actor) -> Board:
    """R-GS-01: the board dissolves itself when the supervision of the project ends."""
    authorize(svc, actor, P_BOARDS, board_id)
    board = _active_board(board_id, "giải thể lần nữa")
    errors: list[tuple[str, str]] = []
    on = _date(dissolved_on, "dissolved_on", "ngày giải thể", errors)
    _not_future(on, "dissolved_on", "ngày giải thể", errors)
    if on and on < board.established_on:
        errors.append(("dissolved_on", "Ngày giải thể phải sau ngày thành lập Ban giám sát."))
    note = _text({"note": note}, "note", "lý do (kết thúc giám sát)", errors, max_len=2000)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        BoardRow.update(state="dissolved", dissolved_on=on, dissolution_note=note).where(BoardRow.id == board_id).execute()
        audit.record("giamsat.board.dissolve", "giamsat_board", board_id, actor=actor,
                     before={"state": "active"}, after={"state": "dissolved", "dissolved_on": on}, reason=note)
    return get_board(board_id)


# ---------------------------------------------------------------------------
# Plans and the notice to the investor: R-GS-09
# ---------------------------------------------------------------------------

def notify_by(svc, start_on: dt.date) -> dt.date:
    """R-GS-09: the last day to notify the investor of a supervision starting ``start_on``."""
    return start_on - dt.timedelta(days=int(svc.rules.value("R-GS-09.min_days_before", start_on)))


def _plan(svc, row: PlanRow) -> Plan:
    deadline = notify_by(svc, row.start_on)
    late = None if row.notified_on is None else row.notified_on > deadline
    return to_type(Plan, row, board_id=row.board_id, content=tuple(row.content or ()), notify_by=deadline,
                   notified_late=late)


def plan_warnings(svc, plan: Plan, today: dt.date | None = None) -> list[str]:
    """What is wrong with the investor notice of a plan (R-GS-09), in Vietnamese."""
    today = today or dt.date.today()
    days = int(svc.rules.value("R-GS-09.min_days_before", plan.start_on))
    if plan.notified_on is None:
        if today > plan.notify_by:
            return [f"Kế hoạch “{plan.title}” bắt đầu giám sát ngày {format_date(plan.start_on)} nhưng chưa thông báo "
                    f"cho chủ đầu tư; phải thông báo trước ít nhất {days} ngày, chậm nhất ngày "
                    f"{format_date(plan.notify_by)} (R-GS-09)."]
        return []
    if plan.notified_late:
        return [f"Kế hoạch “{plan.title}” được thông báo cho chủ đầu tư ngày {format_date(plan.notified_on)}, chậm so "
                f"với hạn {format_date(plan.notify_by)} (trước ít nhất {days} ngày khi bắt đầu giám sát, R-GS-09)."]
    return []


def create_plan(svc, board_id: int, *, title: str, start_on: Any, end_on: Any, content: Iterable[str] | None = None,
                activities: str = "", actor: Actor, today: dt.date | None = None) -> tuple[Plan, list[str]]:
    """Record the board's supervision plan; returns it and the R-GS-09 warnings."""
    authorize(svc, actor, P_SUPERVISE, board_id)
    board = _active_board(board_id, "lập kế hoạch giám sát")
    project = get_project(board.project_id)
    errors: list[tuple[str, str]] = []
    title = _text({"title": title}, "title", "tên kế hoạch", errors)
    start = _date(start_on, "start_on", "ngày bắt đầu giám sát", errors)
    end = _date(end_on, "end_on", "ngày kết thúc giám sát", errors)
    if start and end and end < start:
        errors.append(("end_on", "Ngày kết thúc giám sát phải sau ngày bắt đầu."))
    allowed = content_items(project.funding)
    chosen = [c for c in ([content] if isinstance(content, str) else list(content or [])) if _clean(c)]
    bad = [c for c in chosen if c not in allowed]
    if bad:  # R-GS-07
        errors.append(("content", "Nội dung giám sát không thuộc danh mục của dự án này (R-GS-07)."))
    activities = _text({"activities": activities}, "activities", "hoạt động dự kiến", errors, required=False,
                       max_len=5000)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = PlanRow.create(board=board_id, title=title, start_on=start, end_on=end,
                             content=chosen or list(allowed), activities=activities)
        plan = _plan(svc, row)
        audit.record("giamsat.plan.create", "giamsat_plan", plan.id, actor=actor,
                     after={"board": board_id, "title": title, "start_on": start, "end_on": end,
                            "content": list(plan.content)})
    return plan, plan_warnings(svc, plan, today)


def get_plan(svc, plan_id: int) -> Plan:
    row = PlanRow.get_or_none(PlanRow.id == plan_id)
    if row is None:
        raise NotFound(f"Không tìm thấy kế hoạch giám sát số {plan_id}.")
    return _plan(svc, row)


def plans(svc, board_id: int) -> list[Plan]:
    return [_plan(svc, r) for r in PlanRow.select().where(PlanRow.board == board_id).order_by(PlanRow.start_on)]


def record_plan_notice(svc, plan_id: int, *, notified_on: Any, notice_ref: str, actor: Actor) -> tuple[Plan, list[str]]:
    """UB MTTQ notified the investor of the plan and the membership (R-GS-09); a late
    notice is recorded and flagged, not refused."""
    authorize(svc, actor, P_BOARDS)
    plan = get_plan(svc, plan_id)
    _active_board(plan.board_id, "thông báo kế hoạch giám sát")
    errors: list[tuple[str, str]] = []
    on = _date(notified_on, "notified_on", "ngày thông báo cho chủ đầu tư", errors)
    _not_future(on, "notified_on", "ngày thông báo", errors)
    ref = _text({"notice_ref": notice_ref}, "notice_ref", "số văn bản thông báo", errors, max_len=128)
    if plan.notified_on is not None:
        errors.append(("notified_on", f"Kế hoạch đã được thông báo cho chủ đầu tư ngày {format_date(plan.notified_on)}."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        PlanRow.update(notified_on=on, notice_ref=ref).where(PlanRow.id == plan_id).execute()
        plan = get_plan(svc, plan_id)
        audit.record("giamsat.plan.notify", "giamsat_plan", plan_id, actor=actor,
                     after={"notified_on": on, "notice_ref": ref, "notify_by": plan.notify_by,
                            "late": plan.notified_late})
    return plan, plan_warnings(svc, plan)


# ---------------------------------------------------------------------------
# Supervision content: R-GS-07
# ---------------------------------------------------------------------------

def checks(board_id: int, funding: str) -> list[Check]:
    labels = content_items(funding)
    rows = {r.item: r for r in CheckRow.select().where(CheckRow.board == board_id)}
    return [Check(k, label, rows[k].status if k in rows else "chua_giam_sat", rows[k].finding if k in rows else "",
                  rows[k].updated_at if k in rows else None) for k, label in labels.items()]


def update_check(svc, board_id: int, *, item: str, status: str, finding: str = "", actor: Actor) -> Check:
    """Record the result of one content item of R-GS-07."""
    authorize(svc, actor, P_SUPERVISE, board_id)
    board = _active_board(board_id, "cập nhật kết quả giám sát")
    project = get_project(board.project_id)
    errors: list[tuple[str, str]] = []
    if item not in content_items(project.funding):  # R-GS-07
        errors.append(("item", "Nội dung giám sát không thuộc danh mục của dự án này (R-GS-07)."))
    if status not in CHECK_STATUSES:
        errors.append(("status", "Vui lòng chọn kết quả giám sát."))
    finding = _text({"finding": finding}, "finding", "nhận xét", errors, required=status == "co_van_de", max_len=5000)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        before = CheckRow.get_or_none(CheckRow.board == board_id, CheckRow.item == item)
        if before is None:
            CheckRow.create(board=board_id, item=item, status=status, finding=finding)
        else:
            CheckRow.update(status=status, finding=finding, updated_at=now()).where(CheckRow.id == before.id).execute()
        audit.record("giamsat.check.update", "giamsat_board", board_id, actor=actor,
                     before={"item": item, "status": before.status if before else None},
                     after={"item": item, "status": status, "finding": finding})
    return next(c for c in checks(board_id, project.funding) if c.item == item)


# ---------------------------------------------------------------------------
# On-site inspections (kiểm tra, giám sát trực tiếp tại hiện trường) with photos
# ---------------------------------------------------------------------------

def _photo(row: PhotoRow) -> Photo:
    return to_type(Photo, row, inspection_id=row.inspection_id)


def _inspection(row: InspectionRow) -> Inspection:
    photos = tuple(_photo(p) for p in PhotoRow.select(PhotoRow.id, PhotoRow.inspection, PhotoRow.filename,
                                                      PhotoRow.content_type, PhotoRow.size, PhotoRow.caption)
                   .where(PhotoRow.inspection == row.id).order_by(PhotoRow.id))
    return to_type(Inspection, row, board_id=row.board_id, experts=tuple(row.experts or ()), photos=photos)


def record_inspection(svc, board_id: int, *, held_on: Any, place: str, findings: str, participants: str = "",
                      experts: Iterable[str] | str = (), serious_violation: Any = False,
                      photos: Iterable[tuple[str, bytes, str, str]] = (), actor: Actor) -> Inspection:
    """Record an on-site inspection; experts may be invited (plan III.2.3b). ``photos`` are
    ``(filename, data, declared content type, caption)``; each is checked by content and
    size before anything is stored."""
    authorize(svc, actor, P_SUPERVISE, board_id)
    board = _active_board(board_id, "ghi nhận kiểm tra hiện trường")
    errors: list[tuple[str, str]] = []
    on = _date(held_on, "held_on", "ngày kiểm tra", errors)
    _not_future(on, "held_on", "ngày kiểm tra", errors)
    if on and on < board.established_on:
        errors.append(("held_on", "Ngày kiểm tra phải sau ngày thành lập Ban giám sát."))
    place = _text({"place": place}, "place", "địa điểm kiểm tra", errors)
    findings = _text({"findings": findings}, "findings", "kết quả kiểm tra", errors, max_len=10000)
    participants = _text({"participants": participants}, "participants", "thành phần tham gia", errors,
                         required=False, max_len=2000)
    if isinstance(experts, str):
        experts = experts.splitlines()
    expert_list = [_clean(e)[:255] for e in experts if _clean(e)]
    cfg = config(svc.settings)
    photo_list = list(photos)
    if len(photo_list) > int(cfg["max_photos_per_inspection"]):
        errors.append(("photos", f"Mỗi lần kiểm tra đính kèm tối đa {cfg['max_photos_per_inspection']} ảnh."))
    checked = []
    for filename, data, ctype, caption in photo_list:
        try:
            name, mime = check_upload(filename, data, ctype, int(cfg["max_photo_bytes"]),
                                      kinds=IMAGES, field="photos")
        except ValidationError as exc:
            errors += exc.errors
            continue
        checked.append((name, mime, data, _clean(caption)[:255]))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = InspectionRow.create(board=board_id, held_on=on, place=place, findings=findings,
                                   participants=participants, experts=expert_list,
                                   serious_violation=_truthy(serious_violation))
        for name, mime, data, caption in checked:
            PhotoRow.create(inspection=row.id, filename=name, content_type=mime, size=len(data),
                            sha256=hashlib.sha256(data).hexdigest(), caption=caption, data=data)
        inspection = _inspection(row)
        audit.record("giamsat.inspection.record", "giamsat_board", board_id, actor=actor,
                     after={"inspection": row.id, "held_on": on, "place": place, "experts": expert_list,
                            "serious_violation": row.serious_violation,
                            "photos": [{"filename": p.filename, "size": p.size} for p in inspection.photos]})
    return inspection


def inspections(board_id: int) -> list[Inspection]:
    q = InspectionRow.select().where(InspectionRow.board == board_id).order_by(InspectionRow.held_on.desc(),
                                                                                InspectionRow.id.desc())
    return [_inspection(r) for r in q]


def photo_file(photo_id: int) -> tuple[Photo, int, bytes]:
    """A photo, the board it belongs to, and its bytes."""
    row = PhotoRow.get_or_none(PhotoRow.id == photo_id)
    if row is None:
        raise NotFound(f"Không tìm thấy ảnh số {photo_id}.")
    return _photo(row), row.inspection.board_id, bytes(row.data)


# ---------------------------------------------------------------------------
# Information requests: R-GS-08
# ---------------------------------------------------------------------------

def _request(row: InfoRequestRow) -> InfoRequest:
    return to_type(InfoRequest, row, board_id=row.board_id, items=tuple(row.items or ()))


def send_info_request(svc, board_id: int, *, sent_on: Any, addressee: str, items: Iterable[str] | str,
                      note: str = "", actor: Actor) -> InfoRequest:
    """The board asks the investor or an authority for information (R-GS-08)."""
    authorize(svc, actor, P_SUPERVISE, board_id)
    board = _active_board(board_id, "gửi yêu cầu cung cấp thông tin")
    project = get_project(board.project_id)
    errors: list[tuple[str, str]] = []
    on = _date(sent_on, "sent_on", "ngày gửi yêu cầu", errors)
    _not_future(on, "sent_on", "ngày gửi yêu cầu", errors)
    addressee = _text({"addressee": addressee}, "addressee", "nơi nhận yêu cầu", errors, max_len=255)
    chosen = [i for i in ([items] if isinstance(items, str) else list(items or [])) if _clean(i)]
    allowed = request_items(project.funding)
    if not chosen:
        errors.append(("items", "Vui lòng chọn thông tin cần cung cấp."))
    elif any(i not in allowed for i in chosen):  # R-GS-08
        errors.append(("items", "Thông tin yêu cầu không thuộc quyền yêu cầu của Ban giám sát với dự án này (R-GS-08)."))
    note = _text({"note": note}, "note", "ghi chú", errors, required=False, max_len=2000)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = InfoRequestRow.create(board=board_id, sent_on=on, addressee=addressee, items=chosen, note=note)
        audit.record("giamsat.request.send", "giamsat_board", board_id, actor=actor,
                     after={"request": row.id, "sent_on": on, "addressee": addressee, "items": chosen})
    return _request(row)


def record_request_answer(svc, request_id: int, *, answered_on: Any, answer: str, actor: Actor) -> InfoRequest:
    row = InfoRequestRow.get_or_none(InfoRequestRow.id == request_id)
    if row is None:
        raise NotFound(f"Không tìm thấy yêu cầu cung cấp thông tin số {request_id}.")
    authorize(svc, actor, P_SUPERVISE, row.board_id)
    errors: list[tuple[str, str]] = []
    on = _date(answered_on, "answered_on", "ngày nhận trả lời", errors)
    _not_future(on, "answered_on", "ngày nhận trả lời", errors)
    if on and on < row.sent_on:
        errors.append(("answered_on", "Ngày nhận trả lời phải sau ngày gửi yêu cầu."))
    answer = _text({"answer": answer}, "answer", "nội dung trả lời", errors, max_len=10000)
    if row.answered_on is not None:
        errors.append(("answered_on", "Yêu cầu này đã có trả lời."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        InfoRequestRow.update(answered_on=on, answer=answer).where(InfoRequestRow.id == request_id).execute()
        audit.record("giamsat.request.answer", "giamsat_board", row.board_id, actor=actor,
                     after={"request": request_id, "answered_on": on})
    return _request(InfoRequestRow.get_by_id(request_id))


def get_request(request_id: int) -> InfoRequest:
    row = InfoRequestRow.get_or_none(InfoRequestRow.id == request_id)
    if row is None:
        raise NotFound(f"Không tìm thấy yêu cầu cung cấp thông tin số {request_id}.")
    return _request(row)


def info_requests(board_id: int) -> list[InfoRequest]:
    q = InfoRequestRow.select().where(InfoRequestRow.board == board_id).order_by(InfoRequestRow.sent_on.desc())
    return [_request(r) for r in q]


# ---------------------------------------------------------------------------
# Residents' reports about a project: R-PA-09
# ---------------------------------------------------------------------------

def _report(row: CitizenReportRow) -> CitizenReport:
    return to_type(CitizenReport, row, project_id=row.project_id, board_id=row.board_id)


def receive_report(svc, project_id: int, *, channel: str, content: str, received_on: Any, sender_name: str = "",
                   sender_contact: str = "", actor: Actor) -> CitizenReport:
    """A resident's report received directly or from the suggestion box (R-PA-09)."""
    project = get_project(project_id)
    board = board_of(project_id)
    authorize(svc, actor, P_SUPERVISE, board.id if board else None)
    errors: list[tuple[str, str]] = []
    if channel not in REPORT_CHANNELS:  # R-PA-09
        errors.append(("channel", "Ban giám sát nhận phản ánh trực tiếp hoặc qua hòm thư góp ý."))
    content = _text({"content": content}, "content", "nội dung phản ánh", errors, max_len=10000)
    on = _date(received_on, "received_on", "ngày tiếp nhận", errors)
    _not_future(on, "received_on", "ngày tiếp nhận", errors)
    sender_name = _text({"sender_name": sender_name}, "sender_name", "họ tên người phản ánh", errors, required=False,
                        max_len=255)
    sender_contact = _text({"sender_contact": sender_contact}, "sender_contact", "địa chỉ liên hệ", errors,
                           required=False, max_len=255)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = CitizenReportRow.create(project=project.id, board=board.id if board else None, received_on=on,
                                      channel=channel, content=content, sender_name=sender_name,
                                      sender_contact=sender_contact)
        audit.record("giamsat.report.receive", "giamsat_project", project.id, actor=actor,
                     after={"report": row.id, "channel": channel, "received_on": on})
    return _report(row)


def handle_report(svc, report_id: int, *, result: str, handled_on: Any, actor: Actor) -> CitizenReport:
    row = CitizenReportRow.get_or_none(CitizenReportRow.id == report_id)
    if row is None:
        raise NotFound(f"Không tìm thấy phản ánh số {report_id}.")
    authorize(svc, actor, P_SUPERVISE, row.board_id)
    errors: list[tuple[str, str]] = []
    result = _text({"result": result}, "result", "kết quả xem xét, xử lý", errors, max_len=10000)
    on = _date(handled_on, "handled_on", "ngày xử lý", errors)
    _not_future(on, "handled_on", "ngày xử lý", errors)
    if on and on < row.received_on:
        errors.append(("handled_on", "Ngày xử lý phải sau ngày tiếp nhận."))
    if row.state == "da_xu_ly":
        errors.append(("result", "Phản ánh này đã được xử lý."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        CitizenReportRow.update(state="da_xu_ly", result=result, handled_on=on).where(
            CitizenReportRow.id == report_id).execute()
        audit.record("giamsat.report.handle", "giamsat_project", row.project_id, actor=actor,
                     before={"state": row.state}, after={"report": report_id, "state": "da_xu_ly", "handled_on": on})
    return _report(CitizenReportRow.get_by_id(report_id))


def get_citizen_report(report_id: int) -> CitizenReport:
    row = CitizenReportRow.get_or_none(CitizenReportRow.id == report_id)
    if row is None:
        raise NotFound(f"Không tìm thấy phản ánh số {report_id}.")
    return _report(row)


def citizen_reports(project_id: int) -> list[CitizenReport]:
    q = CitizenReportRow.select().where(CitizenReportRow.project == project_id).order_by(
        CitizenReportRow.received_on.desc(), CitizenReportRow.id.desc())
    return [_report(r) for r in q]


# ---------------------------------------------------------------------------
# Recommendations to the UBND: R-GS-08 (suspension), R-GS-10 (answer ≤ 15 days)
# ---------------------------------------------------------------------------

def _recommendation(row: RecommendationRow, case: CaseRow | None = None) -> Recommendation:
    case = case or CaseRow.get_by_id(row.case_id)
    timeliness = ""
    if case.closed_at is not None and case.state == "answered":
        timeliness = "late" if case.due_date and case.closed_at.date() > case.due_date else "on_time"
    return Recommendation(row.id, case.id, case.number, row.board_id, row.kind, row.content, row.sent_on, case.state,
                          case.due_date, row.answer, row.answered_on, timeliness, row.document_id)


def make_recommendation(svc, board_id: int, *, kind: str, content: str, sent_on: Any,
                        basis_inspection_id: int | None = None, actor: Actor) -> Recommendation:
    """Send a recommendation to the UBND; the answer is due per R-GS-10 (case engine clock).

    A suspension recommendation (R-GS-08) needs an on-site inspection of this board that
    found a serious violation.
    """
    authorize(svc, actor, P_SUPERVISE, board_id)
    board = _active_board(board_id, "gửi kiến nghị")
    project = get_project(board.project_id)
    errors: list[tuple[str, str]] = []
    if kind not in RECOMMENDATION_KINDS:
        errors.append(("kind", "Vui lòng chọn loại kiến nghị."))
    content = _text({"content": content}, "content", "nội dung kiến nghị", errors, max_len=10000)
    on = _date(sent_on, "sent_on", "ngày UBND nhận kiến nghị", errors)
    _not_future(on, "sent_on", "ngày UBND nhận kiến nghị", errors)
    basis = None
    if basis_inspection_id:
        basis = InspectionRow.get_or_none(InspectionRow.id == basis_inspection_id, InspectionRow.board == board_id)
        if basis is None:
            errors.append(("basis_inspection_id", "Lần kiểm tra làm căn cứ không thuộc Ban giám sát này."))
    if kind == "tam_dung" and (basis is None or not basis.serious_violation):  # R-GS-08
        errors.append(("basis_inspection_id", "Chỉ kiến nghị tạm dừng đầu tư, thi công, vận hành khi phát hiện vi phạm "
                                              "nghiêm trọng: hãy chọn lần kiểm tra hiện trường đã ghi nhận vi phạm "
                                              "nghiêm trọng (R-GS-08)."))
    if errors:
        raise ValidationError(errors)
    label = "Kiến nghị tạm dừng" if kind == "tam_dung" else "Kiến nghị"
    subject = f"{label} của Ban Giám sát đầu tư của cộng đồng về dự án {project.name}"[:500]

    def detail(case):
        RecommendationRow.create(case=case.id, board=board_id, kind=kind, content=content, sent_on=on,
                                 basis_inspection=basis.id if basis else None)

    case = svc.cases.open(RECOMMENDATION, subject, actor=actor, received_at=dt.datetime.combine(on, dt.time(0, 0)),
                          data={"board_id": board_id, "project_id": project.id, "kind": kind}, note=content[:500],
                          on_opened=detail)
    return _recommendation(RecommendationRow.get(RecommendationRow.case == case.id))


def _signature(actor: Actor) -> tuple[str, str]:
    """Signing authority and title of a UBND letter signed by ``actor`` (R-VB-18)."""
    if actor.has_role("chairperson"):
        return "TM. ỦY BAN NHÂN DÂN", "Chủ tịch"
    if actor.has_role("vice_chairperson"):
        return "KT. CHỦ TỊCH", "Phó Chủ tịch"
    return "TM. ỦY BAN NHÂN DÂN", "Chủ tịch"


def answer_recommendation(svc, recommendation_id: int, *, answer: str, actor: Actor,
                          at: dt.datetime | None = None) -> Recommendation:
    """The UBND answers a board recommendation (R-GS-10): the case closes on time or late,
    and the answer letter (công văn) is issued in the same transaction."""
    row = RecommendationRow.get_or_none(RecommendationRow.id == recommendation_id)
    if row is None:
        raise NotFound(f"Không tìm thấy kiến nghị số {recommendation_id}.")
    authorize(svc, actor, P_ANSWER)
    errors: list[tuple[str, str]] = []
    answer = _text({"answer": answer}, "answer", "nội dung trả lời", errors, max_len=10000)
    when = at or now()
    if when.date() < row.sent_on:
        errors.append(("answer", "Ngày trả lời phải sau ngày nhận kiến nghị."))
    if errors:
        raise ValidationError(errors)
    board = get_board(row.board_id)
    project = get_project(board.project_id)
    authority, title = _signature(actor)
    with write_transaction():
        case = svc.cases.transition(row.case_id, "answer", actor=actor, note=answer[:500], at=when, outcome="answered")
        document = svc.documents.issue(
            "cong_van", subject="V/v trả lời kiến nghị của Ban Giám sát đầu tư của cộng đồng",
            context={"paragraphs": [
                f"Ngày {format_date(row.sent_on)}, Ủy ban nhân dân phường nhận được kiến nghị số {case.number} của "
                f"Ban Giám sát đầu tư của cộng đồng dự án {project.name} với nội dung: {row.content}",
                f"Ủy ban nhân dân phường trả lời như sau: {answer}"]},
            signer_name=actor.name, signer_title=title, signing_authority=authority,
            addressees=[f"Ban Giám sát đầu tư của cộng đồng dự án {project.name}"],
            recipients=["Như trên", "Ban Thường trực Ủy ban MTTQ Việt Nam phường", project.investor],
            issued_on=when.date(), case_id=case.id, actor=actor)
        RecommendationRow.update(answer=answer, answered_on=when.date(), document_id=document.id).where(
            RecommendationRow.id == recommendation_id).execute()
    return _recommendation(RecommendationRow.get_by_id(recommendation_id))


def get_recommendation(recommendation_id: int) -> Recommendation:
    row = RecommendationRow.get_or_none(RecommendationRow.id == recommendation_id)
    if row is None:
        raise NotFound(f"Không tìm thấy kiến nghị số {recommendation_id}.")
    return _recommendation(row)


def recommendations(*, board_id: int | None = None, waiting_only: bool = False, limit: int = 500) -> list[Recommendation]:
    q = (RecommendationRow.select(RecommendationRow, CaseRow).join(CaseRow, on=(RecommendationRow.case == CaseRow.id))
         .order_by(RecommendationRow.sent_on.desc(), RecommendationRow.id.desc()).limit(limit))
    if board_id is not None:
        q = q.where(RecommendationRow.board == board_id)
    if waiting_only:
        q = q.where(CaseRow.closed_at.is_null(True))
    return [_recommendation(r, r.case) for r in q]


# ---------------------------------------------------------------------------
# Reports to UB MTTQ (R-GS-12), issued as official documents
# ---------------------------------------------------------------------------

def issue_board_report(svc, board_id: int, *, kind: str, period_start: Any, period_end: Any, actor: Actor,
                       issued_on: dt.date | None = None) -> BoardReport:
    """The board reports to UB MTTQ periodically or on request (R-GS-12)."""
    authorize(svc, actor, P_SUPERVISE, board_id)
    board = get_board(board_id)
    project = get_project(board.project_id)
    errors: list[tuple[str, str]] = []
    if kind not in REPORT_KINDS:
        errors.append(("kind", "Vui lòng chọn báo cáo định kỳ hay theo yêu cầu."))
    start = _date(period_start, "period_start", "ngày đầu kỳ báo cáo", errors)
    end = _date(period_end, "period_end", "ngày cuối kỳ báo cáo", errors)
    if start and end and end < start:
        errors.append(("period_end", "Ngày cuối kỳ phải sau ngày đầu kỳ."))
    head = next((m for m in board.members if m.board_role == "truong_ban"), None)
    if errors:
        raise ValidationError(errors)
    in_period = [i for i in inspections(board_id) if start <= i.held_on <= end]
    recs = [r for r in recommendations(board_id=board_id) if start <= r.sent_on <= end]
    reports = [r for r in citizen_reports(project.id) if start <= r.received_on <= end]
    sections = [
        {"title": "Thông tin chương trình, dự án",
         "items": [f"Tên dự án: {project.name} ({project.code})", f"Chủ đầu tư: {project.investor}",
                   f"Nguồn vốn: {project.funding_label}", f"Địa điểm: {project.location}",
                   f"Tổng mức đầu tư: {project.value_vnd:,} đồng".replace(",", ".")]},
        {"title": "Thành viên Ban giám sát",
         "items": [f"{m.full_name} – {m.role_label}, {m.representing_label}" for m in board.members]},
        {"title": "Kết quả giám sát theo nội dung",
         "items": [f"{c.label}: {c.status_label}" + (f". {c.finding}" if c.finding else "")
                   for c in checks(board_id, project.funding)]},
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
         "paragraphs": [f"Trong kỳ Ban giám sát tiếp nhận {len(reports)} phản ánh, đã xem xét, xử lý "
                        f"{sum(1 for r in reports if r.state == 'da_xu_ly')}."]},
    ]
    cfg = config(svc.settings)
    document = None
    with write_transaction():
        document = svc.documents.issue(
            REPORT_DOC_TYPE, subject=f"Kết quả giám sát đầu tư của cộng đồng dự án {project.name} "
                                     f"từ {format_date(start)} đến {format_date(end)}"[:500],
            context={"paragraphs": [f"Thực hiện nhiệm vụ giám sát đầu tư của cộng đồng, Ban giám sát báo cáo "
                                    f"{cfg['front_name']} kết quả giám sát như sau:"],
                     "sections": sections},
            signer_name=head.full_name if head else actor.name, signer_title="Trưởng ban",
            signing_authority="TM. BAN GIÁM SÁT ĐẦU TƯ CỦA CỘNG ĐỒNG",
            issuer=Issuer(f"Ban Giám sát đầu tư của cộng đồng {svc.settings.ward.name}", "BGSĐTCĐ",
                          f"Ủy ban Mặt trận Tổ quốc Việt Nam {svc.settings.ward.name}"),  # R-VB-08..10
            recipients=[cfg["front_name"], "Ủy ban nhân dân phường", project.investor],
            issued_on=issued_on, actor=actor)
        row = BoardReportRow.create(board=board_id, kind=kind, period_start=start, period_end=end,
                                    document_id=document.id)
        audit.record("giamsat.report.issue", "giamsat_board", board_id, actor=actor,
                     after={"report": row.id, "document": document.number_symbol, "kind": kind,
                            "period_start": start, "period_end": end})
    return BoardReport(row.id, board_id, kind, start, end, document.id, document.number_symbol)


def board_reports(svc, board_id: int) -> list[BoardReport]:
    out = []
    for r in BoardReportRow.select().where(BoardReportRow.board == board_id).order_by(BoardReportRow.id.desc()):
        doc = svc.documents.get(r.document_id)
        out.append(BoardReport(r.id, board_id, r.kind, r.period_start, r.period_end, r.document_id, doc.number_symbol))
    return out


# ---------------------------------------------------------------------------
# Announcements to the community (plan III.2.3b; R-CK item 3)
# ---------------------------------------------------------------------------

def announce(svc, board_id: int, *, actor: Actor):
    """Publish the board's members (name and role), plan, results and the UBND answers as a
    notice of category ``du_an_dat_dai_quy_hoach``; nothing personal beyond names."""
    from thanthien.core.notices import NoticeService

    authorize(svc, actor, P_BOARDS)
    board = get_board(board_id)
    view = public_project(svc, board.project_id)
    parts = [Markup("<p>{}</p>").format(f"Chủ đầu tư: {view['project']['investor']}. Nguồn vốn: "
                                        f"{view['project']['funding_label']}. Địa điểm: {view['project']['location']}.")]
    parts.append(Markup("<h3>Thành viên Ban giám sát</h3><ul>{}</ul>").format(
        Markup("").join(Markup("<li>{} – {}</li>").format(m["full_name"], m["role"]) for m in view["board"]["members"])))
    for p in view["plans"]:
        parts.append(Markup("<h3>Kế hoạch giám sát: {}</h3><p>Từ {} đến {}.</p>").format(
            p["title"], format_date(p["start_on"]), format_date(p["end_on"])))
    parts.append(Markup("<h3>Kết quả giám sát</h3><ul>{}</ul>").format(
        Markup("").join(Markup("<li>{}: {}</li>").format(c["label"], c["status_label"]) for c in view["checks"])))
    if view["recommendations"]:
        parts.append(Markup("<h3>Kiến nghị và trả lời của UBND</h3><ul>{}</ul>").format(Markup("").join(
            Markup("<li>{}: {} – {}</li>").format(r["number"], r["content"], r["answer"] or "đang chờ trả lời")
            for r in view["recommendations"])))
    notices = NoticeService(svc.pm, svc.settings)
    with write_transaction():
        notice = notices.create(category=NOTICE_CATEGORY, actor=actor, body_html=str(Markup("").join(parts)),
                                title=f"Ban Giám sát đầu tư của cộng đồng, kế hoạch và kết quả giám sát dự án "
                                      f"{view['project']['name']}"[:500],
                                channels=("website", "office", "group_house"))
        notice = notices.publish(notice.id, actor=actor)
        BoardRow.update(notice_ids=list(BoardRow.get_by_id(board_id).notice_ids or []) + [notice.id]).where(
            BoardRow.id == board_id).execute()
        audit.record("giamsat.board.announce", "giamsat_board", board_id, actor=actor, after={"notice": notice.id})
    return notice


# ---------------------------------------------------------------------------
# Coverage (plan III.2.3b: 100% of projects supervised) and warnings
# ---------------------------------------------------------------------------

def coverage(start: dt.date, end: dt.date, *, missing_limit: int = 200) -> dict[str, Any]:
    """In-scope projects under way in ``[start, end]`` with and without a board set up by
    ``end``; counted in SQL, with the first ``missing_limit`` projects lacking a board."""
    under_way = ProjectRow.select().where(
        ProjectRow.funding.in_(IN_SCOPE_FUNDING),
        (ProjectRow.start_on.is_null(True)) | (ProjectRow.start_on <= end),
        (ProjectRow.end_on.is_null(True)) | (ProjectRow.end_on >= start),
    )
    boarded = BoardRow.select(BoardRow.project).where(BoardRow.established_on <= end)
    total = under_way.count()
    with_board = under_way.where(ProjectRow.id.in_(boarded)).count()
    missing = [_project(r) for r in under_way.where(ProjectRow.id.not_in(boarded))
               .order_by(ProjectRow.code).limit(missing_limit)]
    return {"total": total, "with_board": with_board, "without_board": total - with_board,
            "share": round(100 * with_board / total, 1) if total else None, "missing": missing}


def warnings(svc, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Things to act on: in-scope projects not yet finished without a board, late investor
    notices (R-GS-09),
    recommendations past their R-GS-10 answer date."""
    today = today or dt.date.today()
    out = [{"kind": "no_board", "project_id": p.id,
            "message": f"Dự án {p.code} – {p.name} thuộc phạm vi giám sát nhưng chưa có Ban Giám sát đầu tư của "
                       "cộng đồng (R-GS-01)."} for p in coverage(today, dt.date.max)["missing"]]
    for row in PlanRow.select().join(BoardRow).where(BoardRow.state == "active"):
        plan = _plan(svc, row)
        for msg in plan_warnings(svc, plan, today):
            out.append({"kind": "plan_notice", "project_id": row.board.project_id, "message": msg})
    for rec in recommendations(waiting_only=True):
        if rec.due_date and rec.due_date < today:
            out.append({"kind": "answer_overdue", "project_id": None, "recommendation_id": rec.id,
                        "message": f"Kiến nghị {rec.number} của Ban giám sát quá hạn trả lời từ ngày "
                                   f"{format_date(rec.due_date)} (R-GS-10)."})
    return out


def indicators(start: dt.date, end: dt.date) -> dict[str, Any]:
    cov = coverage(start, end)
    answered = [r for r in recommendations(limit=100000) if r.answered_on and start <= r.answered_on <= end]
    return {"projects_total": cov["total"], "projects_with_board": cov["with_board"],
            "projects_without_board": cov["without_board"], "coverage": cov["share"],
            "answers_on_time": sum(1 for r in answered if r.timeliness != "late"),
            "answers_late": sum(1 for r in answered if r.timeliness == "late")}


# ---------------------------------------------------------------------------
# Views for pages (public ones carry no personal data of residents)
# ---------------------------------------------------------------------------

def _public_recommendation(r: Recommendation) -> dict[str, Any]:
    return {"number": r.number, "kind": r.kind, "kind_label": r.kind_label, "content": r.content,
            "sent_on": r.sent_on, "due_date": r.due_date, "state": r.state, "answer": r.answer,
            "answered_on": r.answered_on, "timeliness": r.timeliness}


def public_projects() -> list[dict[str, Any]]:
    """Projects under supervision (DESIGN §6): those with a board."""
    out = []
    for p in projects(in_scope=True):
        board = board_of(p.id)
        if board is None:
            continue
        out.append({"id": p.id, "code": p.code, "name": p.name, "investor": p.investor, "funding": p.funding,
                    "funding_label": p.funding_label, "location": p.location, "groups": group_names(p.group_ids),
                    "value_vnd": p.value_vnd, "start_on": p.start_on, "end_on": p.end_on,
                    "board_state": board.state, "board_state_label": board.state_label})
    return out


def public_project(svc, project_id: int) -> dict[str, Any]:
    """One project under supervision: board members by name and role only, plans, results,
    recommendations and the UBND answers (plan III.2.3b). Never phones, IDs or addresses."""
    p = get_project(project_id)
    board = board_of(p.id) if p.in_scope else None
    if board is None:
        raise NotFound("Dự án này chưa có Ban Giám sát đầu tư của cộng đồng.")
    reports = citizen_reports(p.id)
    return {
        "project": {"id": p.id, "code": p.code, "name": p.name, "investor": p.investor,
                    "management_unit": p.management_unit, "funding": p.funding, "funding_label": p.funding_label,
                    "location": p.location, "groups": group_names(p.group_ids), "value_vnd": p.value_vnd,
                    "start_on": p.start_on, "end_on": p.end_on},
        "board": {"decision_ref": board.decision_ref, "established_on": board.established_on, "state": board.state,
                  "state_label": board.state_label, "dissolved_on": board.dissolved_on,
                  "members": [{"full_name": m.full_name, "role": m.role_label, "representing": m.representing_label}
                              for m in board.members]},
        "plans": [{"title": pl.title, "start_on": pl.start_on, "end_on": pl.end_on,
                   "content": [content_items(p.funding).get(c, c) for c in pl.content], "activities": pl.activities}
                  for pl in plans(svc, board.id)],
        "checks": [{"item": c.item, "label": c.label, "status": c.status, "status_label": c.status_label,
                    "finding": c.finding} for c in checks(board.id, p.funding)],
        "inspections": [{"held_on": i.held_on, "place": i.place, "findings": i.findings,
                         "experts_invited": len(i.experts), "serious_violation": i.serious_violation}
                        for i in inspections(board.id)],
        "recommendations": [_public_recommendation(r) for r in recommendations(board_id=board.id)],
        "citizen_reports": {"received": len(reports), "handled": sum(1 for r in reports if r.state == "da_xu_ly")},
    }


def staff_project(svc, project_id: int) -> dict[str, Any]:
    """Everything about a project for the staff page."""
    p = get_project(project_id)
    board = board_of(p.id)
    data: dict[str, Any] = {"project": p, "groups": group_names(p.group_ids), "scope": scope_reason(p),
                            "board": board, "plans": [], "checks": [], "inspections": [], "requests": [],
                            "recommendations": [], "board_reports": [], "warnings": [],
                            "reports": citizen_reports(p.id)}
    if board is not None:
        data["plans"] = plans(svc, board.id)
        data["warnings"] = [w for pl in data["plans"] for w in plan_warnings(svc, pl)]
        data["checks"] = checks(board.id, p.funding)
        data["inspections"] = inspections(board.id)
        data["requests"] = info_requests(board.id)
        data["recommendations"] = recommendations(board_id=board.id)
        data["board_reports"] = board_reports(svc, board.id)
    return data


def staff_register(svc, today: dt.date | None = None) -> dict[str, Any]:
    today = today or dt.date.today()
    rows = []
    for p in projects():
        board = board_of(p.id)
        rows.append({"project": p, "groups": group_names(p.group_ids), "board": board,
                     "board_state_label": board.state_label if board else ("Chưa có Ban giám sát" if p.in_scope
                                                                          else "Ngoài phạm vi giám sát")})
    return {"projects": rows, "coverage": {k: v for k, v in coverage(today, today).items() if k != "missing"},
            "warnings": warnings(svc, today)}


def member_input(values: dict, index: int) -> dict[str, Any] | None:
    """One member row of the HTML form (``m<i>_full_name`` …); None when the row is empty."""
    get = lambda k: _clean(values.get(f"m{index}_{k}"))
    if not get("full_name"):
        return None
    member: dict[str, Any] = {"full_name": get("full_name"), "board_role": get("board_role"),
                              "representing": get("representing"), "group_id": get("group_id"),
                              "is_official": get("is_official")}
    if get("person_id"):
        member["person_id"] = get("person_id")
    if get("rel_party") or get("rel_name") or get("rel_relation"):
        member["relations"] = [{"name": get("rel_name"), "relation": get("rel_relation"), "party": get("rel_party")}]
    return member


