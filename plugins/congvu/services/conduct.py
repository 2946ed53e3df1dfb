"""Public-service conduct (văn hóa công vụ, plan I.2, III.1.4, III.1.7): the conduct rules
shown to staff and residents, and residents' compliments and complaints about a named
staff member.

A complaint is a petition with its legal clock: it opens a case of the type another
module tags ``"petition"`` (tiepdan's) or, when none is enabled, of this module's
fallback type (R-PA-07 either way). The case is confidential and names the staff member,
never the resident; the resident's name and phone stay on the report, shown only to
leaders (each full read audited, R-DL). Compliments and complaints are read by leaders
over the staff member's unit and by the person concerned — never on a public page.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.access import WARD, Scope
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import PersonRow
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import fold
from thanthien.core.types import SYSTEM_ACTOR, Actor

from ..casetypes import FALLBACK_PETITION
from ..models import ReportRow, RuleRow
from ..types import (
    P_CONDUCT,
    P_CONDUCT_MANAGE,
    REPORT_CHANNELS,
    REPORT_KINDS,
    RULE_GROUPS,
    ConductReport,
    ConductRule,
)
from .common import get_staff, staff_scope

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

_PHONE = re.compile(r"^\+?\d{9,12}$")


# -- the conduct rules ------------------------------------------------------------------


def _rule(row: RuleRow) -> ConductRule:
    return ConductRule(row.id, row.group, row.text, row.sort, row.active)


def conduct_rules(*, include_hidden: bool = False) -> dict[str, list[ConductRule]]:
    """The rules by group ("4 xin", "4 luôn", "5 không", motto, standards), in order."""
    q = RuleRow.select().order_by(RuleRow.sort, RuleRow.id)
    if not include_hidden:
        q = q.where(RuleRow.active == True)  # noqa: E712
    out: dict[str, list[ConductRule]] = {g: [] for g in RULE_GROUPS}
    for row in q:
        out.setdefault(row.group, []).append(_rule(row))
    return out


def add_rule(core: CoreServices, *, group: str, text: str, sort: int | None = None, actor: Actor) -> ConductRule:
    core.access.require(actor, P_CONDUCT_MANAGE, WARD)
    text = (text or "").strip()
    errors = []
    if group not in RULE_GROUPS:
        errors.append(("group", "Vui lòng chọn nhóm quy tắc."))
    if not text:
        errors.append(("text", "Vui lòng ghi nội dung quy tắc."))
    if errors:
        raise ValidationError(errors)
    if sort is None:
        last = RuleRow.select(RuleRow.sort).where(RuleRow.group == group).order_by(RuleRow.sort.desc()).first()
        sort = (last.sort + 1) if last else 0
    with write_transaction():
        row = RuleRow.create(group=group, text=text, sort=sort)
        audit.record("congvu.rule.add", "congvu_conduct_rule", row.id, actor=actor,
                     after={"group": group, "text": text, "sort": sort})
    return _rule(row)


def edit_rule(core: CoreServices, rule_id: int, *, text: str, sort: int | None = None, active: bool = True,
              actor: Actor) -> ConductRule:
    """Change a rule's wording or order, or hide it (nothing is deleted)."""
    core.access.require(actor, P_CONDUCT_MANAGE, WARD)
    row = RuleRow.get_or_none(RuleRow.id == rule_id)
    if row is None:
        raise NotFound(f"Không tìm thấy quy tắc số {rule_id}.")
    text = (text or "").strip()
    if not text:
        raise ValidationError([("text", "Vui lòng ghi nội dung quy tắc.")])
    before = {"text": row.text, "sort": row.sort, "active": row.active}
    after = {"text": text, "sort": row.sort if sort is None else sort, "active": active}
    with write_transaction():
        RuleRow.update(**after, updated_at=now()).where(RuleRow.id == rule_id).execute()
        audit.record("congvu.rule.edit", "congvu_conduct_rule", rule_id, actor=actor, before=before, after=after)
    return _rule(RuleRow.get_by_id(rule_id))


# -- naming a staff member ----------------------------------------------------------------


def find_staff(text: str, field: str = "staff") -> PersonRow:
    """The active staff member a resident names, by badge number or by full name (accents
    and case ignored); refused when nobody or several people match."""
    typed = (text or "").strip()
    if not typed:
        raise ValidationError([(field, "Vui lòng ghi họ tên hoặc số thẻ của cán bộ, công chức.")])
    staff = PersonRow.select().where(PersonRow.is_staff == True, PersonRow.active == True)  # noqa: E712
    by_badge = [p for p in staff.where(PersonRow.badge_number != "") if p.badge_number.lower() == typed.lower()]
    if len(by_badge) == 1:
        return by_badge[0]
    folded = fold(typed)
    by_name = list(staff.where(PersonRow.search_name == folded).limit(5))
    if len(by_name) == 1:
        return by_name[0]
    if len(by_name) > 1:
        raise ValidationError([(field, f"Có nhiều cán bộ tên “{typed}”: vui lòng ghi số thẻ "
                                       "(in trên thẻ công chức).")])
    raise ValidationError([(field, f"Không tìm thấy cán bộ, công chức “{typed}”: vui lòng kiểm tra họ tên "
                                   "hoặc số thẻ.")])


# -- compliments and complaints ----------------------------------------------------------


def petition_type(core: CoreServices) -> str:
    """The case type of a complaint: one another module tags "petition", else the fallback."""
    tagged = core.cases.types_tagged("petition")
    return tagged[0].key if tagged else FALLBACK_PETITION


def _to_reports(core: CoreServices, rows: list[ReportRow], unmask: bool = False) -> list[ConductReport]:
    names = {p.id: p.full_name for p in PersonRow.select(PersonRow.id, PersonRow.full_name)
             .where(PersonRow.id.in_(sorted({r.staff_id for r in rows}) or [-1]))}
    out = []
    for r in rows:
        case = core.cases.get(r.case_id) if r.case_id else None
        state = ""
        if case is not None:
            ct = core.cases.type_of(case.case_type)
            try:
                state = ct.state(case.state).label if ct else case.state
            except KeyError:
                state = case.state
        out.append(ConductReport(
            id=r.id, kind=r.kind, staff_id=r.staff_id, staff_name=names.get(r.staff_id, ""), channel=r.channel,
            content=r.content, received_at=r.received_at, staff_as_typed=r.staff_as_typed, case_id=r.case_id,
            case_number=case.number if case else "", case_state=state, case_due=case.due_date if case else None,
            case_closed=bool(case and case.closed_at), resident_name=r.resident_name if unmask else "",
            resident_phone=r.resident_phone if unmask else "", resident_masked=not unmask))
    return out


def file_report(core: CoreServices, *, kind: str, content: str, staff: str = "", staff_id: int | None = None,
                resident_name: str = "", resident_phone: str = "", channel: str = "web",
                at: dt.datetime | None = None) -> ConductReport:
    """A resident's compliment or complaint about a named staff member (public form, kiosk).

    A complaint needs the resident's name and phone (R-PA-03) and opens a petition case
    with its clock (R-PA-07), linked to the staff member, not to the resident."""
    errors: list[tuple[str, str]] = []
    if kind not in REPORT_KINDS:
        errors.append(("kind", "Vui lòng chọn khen ngợi hoặc phản ánh."))
    if channel not in REPORT_CHANNELS:
        errors.append(("channel", "Kênh tiếp nhận không hợp lệ."))
    person = None
    try:
        if staff_id is not None:
            person = get_staff(staff_id)
        else:
            person = find_staff(staff)
    except NotFound:
        errors.append(("staff", "Không tìm thấy cán bộ, công chức đã chọn."))
    except ValidationError as exc:
        errors += exc.errors
    content, resident_name = (content or "").strip(), (resident_name or "").strip()
    phone = re.sub(r"[\s.\-]", "", resident_phone or "")
    if not content:
        errors.append(("content", "Vui lòng ghi nội dung khen ngợi hoặc phản ánh."))
    if kind == "complaint":  # R-PA-03: the sender's name and phone
        if not resident_name:
            errors.append(("resident_name", "Vui lòng ghi họ tên của ông (bà) để cơ quan trả lời phản ánh."))
        if not phone:
            errors.append(("resident_phone", "Vui lòng ghi số điện thoại để cơ quan liên hệ trả lời."))
    if phone and not _PHONE.match(phone):
        errors.append(("resident_phone", "Số điện thoại gồm 9 đến 12 chữ số."))
    if errors:
        raise ValidationError(errors)
    assert person is not None
    when = at or now()
    with write_transaction():
        row = ReportRow.create(kind=kind, staff=person.id, staff_as_typed=(staff or "").strip()[:255], channel=channel,
                               content=content, resident_name=resident_name[:255], resident_phone=phone[:32],
                               received_at=when)
        case_id = None
        if kind == "complaint":
            case = core.cases.open(
                petition_type(core), "Phản ánh về văn hóa công vụ của cán bộ, công chức", actor=SYSTEM_ACTOR,
                received_at=when, confidential=True, note=f"Tiếp nhận qua {REPORT_CHANNELS[channel].lower()}.",
                data={"source": "congvu", "congvu_report_id": row.id, "staff_person_id": person.id,
                      "channel": channel, "content": content})  # R-PA-07 clock
            case_id = case.id
            ReportRow.update(case=case.id).where(ReportRow.id == row.id).execute()
        audit.record(f"congvu.report.{kind}", "congvu_report", row.id, actor=SYSTEM_ACTOR,
                     after={"staff": person.id, "channel": channel, "case": case_id})
    return _to_reports(core, [ReportRow.get_by_id(row.id)])[0]


def _leader_over(core: CoreServices, actor: Actor | None, person_unit: int | None) -> bool:
    """A leader over the staff member's unit (the person concerned alone is not)."""
    return core.access.can(actor, P_CONDUCT, Scope(unit_id=person_unit))


def visible_staff(core: CoreServices, actor: Actor | None, model_field):
    """A condition on ``model_field`` (a staff FK) for what concerns staff the actor may read
    in the conduct registers: staff of the units he or she leads, and himself or herself."""
    units = core.access.units_for(actor, P_CONDUCT)
    if units is None:
        return None
    pid = actor.person_id if actor is not None else None
    mine = model_field == (pid if pid is not None else -1)
    if not units:
        return mine
    return mine | model_field.in_(PersonRow.select(PersonRow.id).where(PersonRow.unit.in_(sorted(units))))


def reports(core: CoreServices, *, actor: Actor | None, kind: str | None = None, staff_id: int | None = None,
            year: int | None = None, limit: int = 50, offset: int = 0) -> list[ConductReport]:
    """Compliments and complaints the actor may read, newest first (residents masked)."""
    if kind and kind not in REPORT_KINDS:
        raise ValidationError([("kind", "Loại không hợp lệ.")])
    q = ReportRow.select()
    cond = visible_staff(core, actor, ReportRow.staff)
    if cond is not None:
        q = q.where(cond)
    if kind:
        q = q.where(ReportRow.kind == kind)
    if staff_id is not None:
        q = q.where(ReportRow.staff == staff_id)
    if year:
        q = q.where(ReportRow.received_at >= dt.datetime(year, 1, 1),
                    ReportRow.received_at < dt.datetime(year + 1, 1, 1))
    q = q.order_by(ReportRow.received_at.desc(), ReportRow.id.desc()).limit(limit).offset(offset)
    return _to_reports(core, list(q))


def view_report(core: CoreServices, report_id: int, *, actor: Actor | None) -> ConductReport:
    """A report for a leader over the staff member's unit (with the resident's name and
    phone, the read audited) or for the person concerned (resident masked)."""
    row = ReportRow.get_or_none(ReportRow.id == report_id)
    if row is None:
        raise NotFound(f"Không tìm thấy phản ánh số {report_id}.")
    person = PersonRow.get_by_id(row.staff_id)
    core.access.require(actor, P_CONDUCT, staff_scope(person))
    unmask = _leader_over(core, actor, person.unit_id) and bool(row.resident_name or row.resident_phone)
    if unmask:
        audit.record("congvu.report.read_personal", "congvu_report", report_id, actor=actor,
                     after={"fields": ["resident_name", "resident_phone"]})
    return _to_reports(core, [row], unmask=unmask)[0]


def handle_report(core: CoreServices, report_id: int, *, action: str, note: str, actor: Actor) -> ConductReport:
    """Answer or file a complaint opened in the fallback petition type (a complaint in
    another module's type is handled at that module's desk)."""
    row = ReportRow.get_or_none(ReportRow.id == report_id)
    if row is None:
        raise NotFound(f"Không tìm thấy phản ánh số {report_id}.")
    person = PersonRow.get_by_id(row.staff_id)
    core.access.require(actor, P_CONDUCT_MANAGE, staff_scope(person))
    if row.case_id is None:
        raise ValidationError([("action", "Khen ngợi không cần xử lý.")])
    case = core.cases.get(row.case_id)
    if case.case_type != FALLBACK_PETITION:
        raise ValidationError([("action", f"Hồ sơ {case.number} được xử lý tại bộ phận tiếp công dân.")])
    if action not in ("answer", "file"):
        raise ValidationError([("action", "Thao tác không hợp lệ.")])
    core.cases.transition(case.id, action, actor=actor, note=(note or "").strip())
    return view_report(core, report_id, actor=actor)


def report_counts(start: dt.date, end: dt.date) -> dict[str, int]:
    """Compliments and complaints received in [start, end] (ward-wide counts)."""
    lo, hi = dt.datetime.combine(start, dt.time.min), dt.datetime.combine(end, dt.time.max)
    q = ReportRow.select().where(ReportRow.received_at.between(lo, hi))
    return {k: q.where(ReportRow.kind == k).count() for k in REPORT_KINDS}
