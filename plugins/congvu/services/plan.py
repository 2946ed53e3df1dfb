"""The plan (kế hoạch): loading a ward's plan from its data file, its sections and items,
their state, and the plan's progress per section and per unit (plan IV.1, IV.2).

A plan file is TOML (the seed plan ships as ``data/plan-backan-2025.toml``)::

    [plan]
    code = "KH-BACKAN-2025"          title = "…"     year = 2025
    issued_on = 2025-08-15           period_end = 2025-12-31
    document_ref = "/KH-UBND"        coordinating_unit = "VHXH"

    [[section]]
    code = "III.1.4"                 title = "Thực hiện tốt quy định về văn hóa công vụ"

    [[item]]
    section = "III.1.4"   code = "III.1.4.b"   title = "Rà soát nội quy, quy chế làm việc"
    owner = "VP"          cooperating = ["VHXH"]      leader = "chairperson"
    deadline = 2025-09-30             # or: working_days = 15 (from issued_on, working calendar)
    expected_result = "…"             indicator = "…"

Every item must carry its five clarities (owner unit, title, responsible leader — a role
key resolved to the staff member holding it —, deadline, expected result): a file that
misses one is refused with the item's code. ``issued_on=`` loads a plan as issued on
another day (last year's plan reused): every date moves by the same number of days.
"""
from __future__ import annotations

import datetime as dt
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peewee import Case, fn
from thanthien.core import audit
from thanthien.core.access import Scope
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import PersonRow, RoleGrantRow, UnitRow
from thanthien.core.storage.db import write_transaction
from thanthien.core.types import Actor

from ..models import ItemRow, PlanRow, SectionRow, TaskRow
from ..types import ITEM_OWNER, P_PLAN, P_TASKS, P_VIEW, PLAN_OWNER, Item, Plan, Section
from .common import unit_name

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: the seed plan shipped with the module
SEED_PLAN = Path(__file__).resolve().parents[1] / "data" / "plan-backan-2025.toml"


# -- loading -------------------------------------------------------------------------


def _leader_for(role: str) -> PersonRow | None:
    """The first active staff member holding ``role`` (the plan names leaders by position)."""
    return (PersonRow.select().join(RoleGrantRow, on=(RoleGrantRow.person == PersonRow.id))
            .where(RoleGrantRow.role == role, PersonRow.is_staff == True, PersonRow.active == True)  # noqa: E712
            .order_by(PersonRow.id).first())


def _date(value: Any, where: str, errors: list[str]) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        errors.append(f"{where}: ngày không hợp lệ ({value!r}).")
        return None


def _few(codes: list[str]) -> str:
    codes = list(dict.fromkeys(codes))
    return ", ".join(codes[:5]) + (f" và {len(codes) - 5} mục khác" if len(codes) > 5 else "")


def read_plan_file(text: str | bytes) -> dict[str, Any]:
    """The plan file's content (TOML), or ValidationError on ``file``."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError([("file", "Tệp kế hoạch phải là văn bản UTF-8 (TOML).")]) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError([("file", f"Tệp kế hoạch không đúng định dạng TOML: {exc}.")]) from None


def load_plan(core: CoreServices, text: str | bytes, *, actor: Actor, issued_on: dt.date | None = None,
              code: str | None = None, source: str = "") -> Plan:
    """Load a plan file (see the module doc): the plan, its sections and items, each
    item with its five clarities. Refused whole, with every problem listed, if any item
    misses one or names an unknown unit or a leader nobody holds."""
    core.access.require(actor, P_PLAN, Scope(owner=PLAN_OWNER))
    data = read_plan_file(text)
    head = data.get("plan") or {}
    errors: list[str] = []
    nominal = _date(head.get("issued_on"), "plan.issued_on", errors)
    period_end = _date(head.get("period_end"), "plan.period_end", errors)
    for key in ("code", "title"):
        if not str(head.get(key) or "").strip():
            errors.append(f"plan.{key}: bắt buộc.")
    if errors:
        raise ValidationError([("file", e) for e in errors])
    assert nominal is not None and period_end is not None
    issued = issued_on or nominal
    shift = issued - nominal
    cal = core.calendar

    def moved(day: dt.date) -> dt.date:
        if not shift:
            return day
        day = day + shift
        return day if cal.is_working_day(day) else cal.next_working_day(day)

    plan_code = (code or str(head["code"])).strip()[:64]
    if PlanRow.select().where(PlanRow.code == plan_code).exists():
        raise ValidationError([("code", f"Kế hoạch mã {plan_code} đã được nạp.")])
    unknown: dict[str, list[str]] = {}  # unit code → items naming it
    unheld: dict[str, list[str]] = {}  # role → items it should lead
    coordinating = str(head.get("coordinating_unit") or "").strip()
    units = {u.code: u for u in UnitRow.select().where(UnitRow.active == True)}  # noqa: E712
    if coordinating and coordinating not in units:
        unknown.setdefault(coordinating, []).append("plan.coordinating_unit")
    sections = data.get("section") or []
    section_codes = [str(s.get("code") or "").strip() for s in sections]
    for i, s in enumerate(sections):
        if not section_codes[i] or not str(s.get("title") or "").strip():
            errors.append(f"section #{i + 1}: cần mã (code) và tên (title).")
    if len(set(section_codes)) != len(section_codes):
        errors.append("section: trùng mã mục.")
    leaders: dict[str, PersonRow | None] = {}
    items = []
    seen: set[str] = set()
    for i, it in enumerate(data.get("item") or []):
        where = f"item {it.get('code') or '#' + str(i + 1)}"
        item_code = str(it.get("code") or "").strip()
        if not item_code:
            errors.append(f"{where}: thiếu mã (code).")
        elif item_code in seen:
            errors.append(f"{where}: trùng mã.")
        seen.add(item_code)
        if str(it.get("section") or "") not in section_codes:
            errors.append(f"{where}: không có mục (section) {it.get('section')!r}.")
        # the five clarities of a plan item (5 rõ, plan III.1.4)
        owner = str(it.get("owner") or "").strip()
        if not owner:
            errors.append(f"{where}: rõ người — thiếu đơn vị chủ trì (owner).")
        elif owner not in units:
            unknown.setdefault(owner, []).append(item_code)
        if not str(it.get("title") or "").strip():
            errors.append(f"{where}: rõ việc — thiếu nội dung (title).")
        role = str(it.get("leader") or "").strip()
        if not role:
            errors.append(f"{where}: rõ trách nhiệm — thiếu lãnh đạo phụ trách (leader).")
        else:
            if role not in leaders:
                leaders[role] = _leader_for(role)
            if leaders[role] is None:
                unheld.setdefault(role, []).append(item_code)
        deadline = None
        working_days = it.get("working_days")
        if working_days is not None:
            if not isinstance(working_days, int) or working_days < 1:
                errors.append(f"{where}: working_days phải là số nguyên dương.")
            else:
                deadline = cal.add_working_days(dt.datetime.combine(issued, dt.time(8)), working_days, None)
        elif it.get("deadline") is not None:
            day = _date(it["deadline"], where, errors)
            deadline = moved(day) if day else None
        else:
            errors.append(f"{where}: rõ tiến độ — thiếu thời hạn (deadline hoặc working_days).")
        if not str(it.get("expected_result") or "").strip():
            errors.append(f"{where}: rõ kết quả — thiếu kết quả cần đạt (expected_result).")
        coop = [str(c).strip() for c in it.get("cooperating") or []]
        for c in coop:
            if c not in units:
                unknown.setdefault(c, []).append(item_code)
        items.append((it, item_code, owner, role, deadline, working_days, coop))
    if not items:
        errors.append("item: kế hoạch chưa có mục nào.")
    for code_, where_ in unknown.items():
        errors.append(f"Không có đơn vị mã {code_} (các mục {_few(where_)})")
    for role_, where_ in unheld.items():
        errors.append(f"Rõ trách nhiệm: chưa có cán bộ nào giữ vai trò {role_} để phụ trách "
                      f"các mục {_few(where_)}")
    if errors:
        raise ValidationError([("file", e) for e in errors])
    start = _date(head.get("period_start") or nominal, "plan.period_start", errors) or nominal
    with write_transaction():
        plan = PlanRow.create(
            code=plan_code, title=str(head["title"]).strip()[:500], year=issued.year, issued_on=issued,
            document_ref=str(head.get("document_ref") or "").strip()[:64], period_start=moved(start),
            period_end=moved(period_end), coordinating_unit=units[coordinating].id if coordinating else None,
            source=source[:255], created_by=actor.person_id)
        by_code = {}
        for n, s in enumerate(sections):
            row = SectionRow.create(plan=plan.id, code=section_codes[n], title=str(s["title"]).strip()[:500], sort=n)
            by_code[row.code] = row.id
        for n, (it, item_code, owner, role, deadline, working_days, coop) in enumerate(items):
            ItemRow.create(
                plan=plan.id, section=by_code[str(it["section"])], code=item_code, title=str(it["title"]).strip()[:500],
                description=str(it.get("description") or "").strip(), owner_unit=units[owner].id,
                cooperating_units=[units[c].id for c in coop], leader=leaders[role].id, deadline=deadline,
                working_days=working_days, expected_result=str(it["expected_result"]).strip(),
                indicator=str(it.get("indicator") or "").strip()[:255], sort=n)
        audit.record("congvu.plan.load", "congvu_plan", plan.id, actor=actor,
                     after={"code": plan_code, "issued_on": issued, "items": len(items), "sections": len(sections),
                            "source": source})
    return get_plan(plan.id)


def load_seed_plan(core: CoreServices, *, actor: Actor, issued_on: dt.date | None = None) -> Plan:
    """The seed plan (phường Bắc Kạn, 2025) shipped with the module."""
    return load_plan(core, SEED_PLAN.read_bytes(), actor=actor, issued_on=issued_on, source=SEED_PLAN.name)


# -- reading -------------------------------------------------------------------------


def _plan(row: PlanRow) -> Plan:
    return Plan(row.id, row.code, row.title, row.year, row.issued_on, row.document_ref, row.period_start,
                row.period_end, row.state, row.coordinating_unit_id, unit_name(row.coordinating_unit_id),
                row.document_id)


def get_plan(plan_id: int) -> Plan:
    row = PlanRow.get_or_none(PlanRow.id == plan_id)
    if row is None:
        raise NotFound(f"Không tìm thấy kế hoạch số {plan_id}.")
    return _plan(row)


def view_plan(core: CoreServices, plan_id: int, *, actor: Actor | None) -> Plan:
    plan = get_plan(plan_id)
    core.access.require(actor, P_VIEW, Scope(owner=PLAN_OWNER, owner_id=plan.id))
    return plan


def plans(core: CoreServices, *, actor: Actor | None) -> list[Plan]:
    core.access.require(actor, P_VIEW, Scope(owner=PLAN_OWNER))
    return [_plan(r) for r in PlanRow.select().order_by(PlanRow.issued_on.desc(), PlanRow.id.desc())]


def current_plan() -> Plan | None:
    """The latest active plan."""
    row = (PlanRow.select().where(PlanRow.state == "active")
           .order_by(PlanRow.issued_on.desc(), PlanRow.id.desc()).first())
    return _plan(row) if row else None


def sections(plan_id: int) -> list[Section]:
    q = SectionRow.select().where(SectionRow.plan == plan_id).order_by(SectionRow.sort, SectionRow.id)
    return [Section(r.id, r.plan_id, r.code, r.title) for r in q]


def _names(model, ids) -> dict[int, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    name = model.full_name if model is PersonRow else model.name
    return {r.id: getattr(r, name.name) for r in model.select(model.id, name).where(model.id.in_(sorted(ids)))}


def _to_items(rows: list[ItemRow]) -> list[Item]:
    if not rows:
        return []
    ids = [r.id for r in rows]
    counts: dict[int, tuple[int, int]] = {}
    q = (TaskRow.select(TaskRow.item.alias("item_ref"), fn.COUNT(TaskRow.id).alias("n"),
                        fn.SUM(Case(None, [(TaskRow.state == "done", 1)], 0)).alias("d"))
         .where(TaskRow.item.in_(ids), TaskRow.state != "cancelled").group_by(TaskRow.item))
    for r in q.dicts():
        counts[r["item_ref"]] = (r["n"], int(r["d"] or 0))
    units = _names(UnitRow, [r.owner_unit_id for r in rows] + [u for r in rows for u in (r.cooperating_units or [])])
    people = _names(PersonRow, [r.leader_id for r in rows])
    secs = {s.id: s.code for s in SectionRow.select(SectionRow.id, SectionRow.code)
            .where(SectionRow.id.in_(sorted({r.section_id for r in rows})))}
    out = []
    for r in rows:
        total, done = counts.get(r.id, (0, 0))
        coop = tuple(r.cooperating_units or ())
        out.append(Item(
            id=r.id, plan_id=r.plan_id, section_id=r.section_id, section_code=secs.get(r.section_id, ""), code=r.code,
            title=r.title, owner_unit_id=r.owner_unit_id, owner_unit=units.get(r.owner_unit_id, ""),
            leader_id=r.leader_id, leader_name=people.get(r.leader_id, ""), deadline=r.deadline,
            expected_result=r.expected_result, state=r.state, description=r.description, indicator=r.indicator,
            cooperating_unit_ids=coop, cooperating_units=tuple(units.get(u, "") for u in coop),
            closed_at=r.closed_at, tasks_total=total, tasks_done=done))
    return out


def get_item(item_id: int) -> Item:
    row = ItemRow.get_or_none(ItemRow.id == item_id)
    if row is None:
        raise NotFound(f"Không tìm thấy mục kế hoạch số {item_id}.")
    return _to_items([row])[0]


def item_scope(item: Item) -> Scope:
    return Scope(unit_id=item.owner_unit_id, owner=ITEM_OWNER, owner_id=item.id)


def view_item(core: CoreServices, item_id: int, *, actor: Actor | None) -> Item:
    item = get_item(item_id)
    core.access.require(actor, P_VIEW, item_scope(item))
    return item


def items(core: CoreServices, plan_id: int, *, actor: Actor | None, section: str | None = None,
          unit_id: int | None = None, state: str | None = None, late_on: dt.date | None = None) -> list[Item]:
    """The plan's items in plan order; ``section`` ("III.1") keeps that section and its
    sub-sections; ``late_on`` keeps the items open past their deadline on that day."""
    core.access.require(actor, P_VIEW, Scope(owner=PLAN_OWNER, owner_id=plan_id))
    q = ItemRow.select().where(ItemRow.plan == plan_id)
    if section:
        secs = SectionRow.select(SectionRow.id).where(
            SectionRow.plan == plan_id, (SectionRow.code == section) | SectionRow.code.startswith(section + "."))
        q = q.where(ItemRow.section.in_(secs))
    if unit_id is not None:
        q = q.where(ItemRow.owner_unit == unit_id)
    if state:
        q = q.where(ItemRow.state == state)
    if late_on is not None:
        q = q.where(ItemRow.state == "open", ItemRow.deadline < late_on)
    return _to_items(list(q.order_by(ItemRow.sort, ItemRow.id)))


def late_items(core: CoreServices, *, actor: Actor | None, today: dt.date, limit: int = 50) -> list[Item]:
    """Plan items open past their deadline, oldest deadline first, within the units whose
    tasks the actor leads (the chairman: all)."""
    units = core.access.units_for(actor, P_TASKS)
    q = ItemRow.select().join(PlanRow).where(PlanRow.state == "active", ItemRow.state == "open",
                                             ItemRow.deadline < today)
    if units is not None:
        q = q.where(ItemRow.owner_unit.in_(sorted(units) or [-1]))
    return _to_items(list(q.order_by(ItemRow.deadline, ItemRow.sort).limit(limit)))


def refresh_item(item_id: int | None, actor: Actor) -> None:
    """An item is done when it has tasks and every one not cancelled is done (signed off);
    its completion date is the latest accepted report. Inside the caller's transaction."""
    if item_id is None:
        return
    row = ItemRow.get_by_id(item_id)
    if row.state == "cancelled":
        return
    tasks = list(TaskRow.select(TaskRow.state, TaskRow.completed_at)
                 .where(TaskRow.item == item_id, TaskRow.state != "cancelled"))
    done = bool(tasks) and all(t.state == "done" for t in tasks)
    state = "done" if done else "open"
    closed = max(t.completed_at for t in tasks) if done else None
    if state != row.state or closed != row.closed_at:
        ItemRow.update(state=state, closed_at=closed).where(ItemRow.id == item_id).execute()
        audit.record("congvu.item.state", "congvu_item", item_id, actor=actor,
                     before={"state": row.state}, after={"state": state, "closed_at": closed})


def item_options(plan_id: int | None = None) -> list[tuple[int, str]]:
    """Items of the active plans (or of one plan) for the forms' pickers."""
    q = ItemRow.select(ItemRow.id, ItemRow.code, ItemRow.title).join(PlanRow)
    q = q.where(ItemRow.plan == plan_id) if plan_id else q.where(PlanRow.state == "active")
    return [(r.id, f"{r.code} — {r.title[:80]}") for r in q.order_by(ItemRow.plan, ItemRow.sort)]


# -- progress ------------------------------------------------------------------------


def _tally(group: list[Item], today: dt.date) -> dict[str, Any]:
    done = [i for i in group if i.state == "done"]
    on_time = [i for i in done if not i.is_late(today)]
    late = [i for i in group if i.state == "open" and today > i.deadline]
    return {"items": len(group), "done": len(done), "done_on_time": len(on_time), "late": len(late),
            "open": sum(1 for i in group if i.state == "open"),
            "tasks": sum(i.tasks_total for i in group), "tasks_done": sum(i.tasks_done for i in group),
            "done_share": round(100 * len(done) / len(group), 1) if group else None}


def progress(core: CoreServices, plan_id: int, *, actor: Actor | None, today: dt.date) -> dict[str, Any]:
    """The plan's progress per top section (I … V), per sub-section and per owner unit."""
    all_items = items(core, plan_id, actor=actor)
    secs = sections(plan_id)
    titles = {s.code: s.title for s in secs}
    by_top: dict[str, list[Item]] = defaultdict(list)
    by_section: dict[str, list[Item]] = defaultdict(list)
    by_unit: dict[int, list[Item]] = defaultdict(list)
    for it in all_items:
        by_top[it.section_code.split(".")[0]].append(it)
        by_section[it.section_code].append(it)
        by_unit[it.owner_unit_id].append(it)
    tops = [s for s in secs if s.level == 1]
    return {
        "total": _tally(all_items, today),
        "sections": [{"code": s.code, "title": s.title, **_tally(by_top.get(s.code, []), today)} for s in tops],
        "subsections": [{"code": code, "title": titles.get(code, ""), **_tally(group, today)}
                        for code, group in by_section.items()],
        "units": sorted(({"unit_id": uid, "unit": group[0].owner_unit, **_tally(group, today)}
                         for uid, group in by_unit.items()), key=lambda r: (-r["late"], r["unit"])),
    }


def mark_item(core: CoreServices, item_id: int, *, state: str, reason: str, actor: Actor) -> Item:
    """The coordinating office drops an item from the plan (``cancelled``) or takes it back
    (``open``), with the reason; nothing is deleted."""
    item = get_item(item_id)
    core.access.require(actor, P_PLAN, item_scope(item))
    reason = (reason or "").strip()
    if state not in ("open", "cancelled"):
        raise ValidationError([("state", "Trạng thái không hợp lệ.")])
    if not reason:
        raise ValidationError([("reason", "Vui lòng ghi lý do.")])
    with write_transaction():
        ItemRow.update(state=state, closed_at=None).where(ItemRow.id == item_id).execute()
        audit.record("congvu.item.state", "congvu_item", item_id, actor=actor, before={"state": item.state},
                     after={"state": state}, reason=reason)
        if state == "open":
            refresh_item(item_id, actor)
    return get_item(item_id)
