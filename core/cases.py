"""The case engine (bộ máy xử lý vụ việc/hồ sơ).

A plugin declares a :class:`CaseType` — its states, the transitions allowed between
them and who may take each, its deadline policy (an amount and unit read from the legal
rules, never a literal), pause/resume, extensions with their limit, confidentiality.
The engine opens, moves, pauses, resumes, extends and closes cases; it numbers them
gaplessly per series, computes the due date with the working calendar, records every
step as a case event and in the audit log, keeps the rollup table in step, and fires the
event hooks — all inside one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, cast

import attrs

from . import audit
from .access import Scope
from .counters import next_value
from .errors import IllegalTransition, NotFound, PermissionDenied, ValidationError
from .hooks import collect
from .models import CaseEventRow, CaseRollupRow, CaseRow, CounterRow, to_type
from .storage.db import Insert, database_proxy, is_postgres, is_sqlite, now, pipelined, write_transaction
from .storage.kv import kv_get, kv_set  # also importable from here (older path)
from .types import SYSTEM_ACTOR, Actor, Case, CaseEvent

AmountRef = str | Callable[[Case], str]


@attrs.frozen
class State:
    key: str
    label: str
    final: bool = False


@attrs.frozen
class DeadlinePolicy:
    """How long a case (or a stage of it) may take.

    ``amount`` is a rule reference such as ``"R-KN-04.days"`` (or a function of the case
    returning one, for variants such as complex cases); ``unit`` is ``"working_days"``,
    ``"days"`` or a rule reference whose value is one of those (or a function of the case
    returning any of these, e.g. a procedure's own published unit, R-MC-11); ``cutoff`` is
    ``None``, ``"HH:MM"`` or a rule reference (R-MC-12's 15:00).

    ``counts_from`` says where the count starts: ``"receipt"`` — the effective receipt day,
    so a trigger on a rest day (or after ``cutoff``) counts from the next working day, as a
    one-stop intake does (R-MC-12); ``"trigger"`` — the trigger day itself, whatever day it
    is, the period starting the day after it (R-LV-11), for periods the law counts from an
    event (a letter received, a decision made).
    """

    amount: AmountRef
    unit: AmountRef = "working_days"
    cutoff: str | None = None
    counts_from: str = attrs.field(default="receipt", validator=attrs.validators.in_(("receipt", "trigger")))


@attrs.frozen
class ExtensionPolicy:
    """Extensions (gia hạn): each adds ``amount`` in ``unit``, at most ``max_count`` times.

    An extension lengthens the period itself: it counts from the period's own last day,
    not from a due date already moved off a rest day (R-LV-12). ``max_total`` (a rule
    reference or a number, in the period's unit) caps the whole period with its
    extensions (R-TC-07: 90 days from acceptance).
    """

    amount: AmountRef
    unit: AmountRef = "days"
    max_count: str | int = 1
    permission: str | None = None
    max_total: AmountRef | int | None = None


@attrs.frozen
class Transition:
    """An allowed move. ``permission`` None means any staff member with access to the case.

    ``deadline`` restarts the clock from the moment of the transition (e.g. resolution
    within 30 days after acceptance). ``pause``/``resume`` stop and restart the clock.
    """

    name: str
    label: str
    source: tuple[str, ...]
    target: str
    permission: str | None = None
    deadline: DeadlinePolicy | None = None
    pause: bool = False
    resume: bool = False
    note_required: bool = False


@attrs.frozen
class CaseType:
    key: str
    name: str
    states: tuple[State, ...]
    initial: str
    transitions: tuple[Transition, ...]
    deadline: DeadlinePolicy | None = None
    extension: ExtensionPolicy | None = None
    confidential: bool = False
    number_prefix: str = ""
    series: str = "{prefix}-{year}"
    number_format: str = "{prefix}-{year}-{seq:05d}"
    open_permission: str | None = None
    view_permission: str | None = None
    plugin: str = "core"
    #: what the case is, for other plugins ("complaint", "petition"): listen for a tag,
    #: never for another plugin's key
    tags: tuple[str, ...] = ()
    #: older keys of this case type (still accepted by look-ups and filters)
    aliases: tuple[str, ...] = ()

    def state(self, key: str) -> State:
        for s in self.states:
            if s.key == key:
                return s
        raise KeyError(key)

    def transition(self, name: str) -> Transition | None:
        for tr in self.transitions:
            if tr.name == name:
                return tr
        return None

    def available(self, state: str) -> list[Transition]:
        return [tr for tr in self.transitions if state in tr.source]

    def __attrs_post_init__(self) -> None:
        keys = {s.key for s in self.states}
        if self.initial not in keys:
            raise ValueError(f"{self.key}: initial state {self.initial!r} not declared")
        for tr in self.transitions:
            bad = [s for s in (*tr.source, tr.target) if s not in keys]
            if bad:
                raise ValueError(f"{self.key}.{tr.name}: unknown states {bad}")


def _resolve(value: AmountRef, case: Case) -> str:
    return value(case) if callable(value) else value


def _is_ref(value: str) -> bool:
    """A rule reference looks like ``R-KN-04.unit``; literals ("days", "15:00") have no dot."""
    return "." in value


def policy_unit(policy: DeadlinePolicy | ExtensionPolicy, rules, on: dt.date, case: Case) -> str:
    """``working_days`` or ``days``: a literal, or the value of a rule parameter."""
    unit = _resolve(policy.unit, case)
    value = rules.value(unit, on) if _is_ref(unit) else unit
    if value not in ("working_days", "days"):
        raise ValidationError(f"Đơn vị thời hạn không hợp lệ: {value}")
    return value


def policy_cutoff(policy: DeadlinePolicy, rules, on: dt.date) -> dt.time | None:
    if policy.cutoff is None:
        return None
    value = rules.value(policy.cutoff, on) if _is_ref(policy.cutoff) else policy.cutoff
    hh, mm = str(value).split(":")
    return dt.time(int(hh), int(mm))


def period_due(
    calendar, start: dt.datetime, amount: int, unit: str, cutoff: dt.time | None, counts_from: str = "receipt"
) -> dt.date:
    """The due date of ``amount`` ``unit`` started at ``start`` (see :class:`DeadlinePolicy`)."""
    if counts_from == "trigger":  # R-LV-11: from the day after the trigger day, whatever it is
        return calendar.period_end(start, amount, unit)
    if unit == "working_days":
        return calendar.add_working_days(start, amount, cutoff)
    return calendar.add_days(start, amount, cutoff)


def policy_due(policy: DeadlinePolicy, case: Case, start: dt.datetime, rules, calendar) -> dt.date:
    """Apply a deadline policy with the rules in force on the triggering date."""
    on = start.date()
    amount = int(rules.value(_resolve(policy.amount, case), on))
    unit = policy_unit(policy, rules, on, case)
    cutoff = policy_cutoff(policy, rules, on)
    return period_due(calendar, start, amount, unit, cutoff, policy.counts_from)


class CaseEngine:
    """Case operations; build one per app with :func:`thanthien.core.services.make_services`."""

    def __init__(self, pm, settings, rules, calendar, access, services=None):
        self.pm = pm
        self.services = services  # handed to the event hooks
        self.settings = settings
        self.rules = rules
        self.calendar = calendar
        self.access = access
        self.types: dict[str, CaseType] = {}
        for ct in collect(pm.hook.register_case_types, settings=settings):
            if ct.key in self.types:
                raise ValueError(f"case type {ct.key!r} declared twice")
            self.types[ct.key] = ct

    # -- lookups ---------------------------------------------------------

    def case_type(self, key: str) -> CaseType:
        try:
            return self.types[key]
        except KeyError:
            raise NotFound(f"Không có loại hồ sơ '{key}'.") from None

    def get(self, case_id: int) -> Case:
        row = CaseRow.get_or_none(CaseRow.id == case_id)
        if row is None:
            raise NotFound(f"Không tìm thấy hồ sơ số {case_id}.")
        return to_type(Case, row)

    def by_number(self, number: str) -> Case | None:
        row = CaseRow.get_or_none(CaseRow.number == number.strip())
        return to_type(Case, row) if row else None

    def content_visible(self, actor: Actor | None, case: Case) -> bool:
        """May ``actor`` see a case's content (and its documents), not just number and subject?

        A confidential case (a denunciation, R-TC-09, R-TC-10) shows its content only to its
        assigned handler (the owner) and to holders of ``core.cases.view_confidential``
        (the chairperson); everyone else sees its number and subject.
        """
        if not case.confidential:
            return True
        if actor is None:
            return False
        if actor.kind == "system":
            return True
        if actor.person_id is not None and actor.person_id == case.owner_id:
            return True
        return self.access.can(actor, "core.cases.view_confidential")

    def events(self, case_id: int) -> list[CaseEvent]:
        q = CaseEventRow.select().where(CaseEventRow.case == case_id).order_by(CaseEventRow.id)
        return [to_type(CaseEvent, r) for r in q]

    # -- deadlines -------------------------------------------------------

    def _due(self, case: Case, policy: DeadlinePolicy | None, start: dt.datetime) -> tuple[dt.date | None, str]:
        """Ask ``deadline_for_case`` (core's default applies the policy) for the due date."""
        if policy is None:
            return None, ""
        due = self.pm.hook.deadline_for_case(
            case=case,
            case_type=self.types.get(case.case_type),
            policy=policy,
            start=start,
            rules=self.rules,
            calendar=self.calendar,
        )
        return due, policy_unit(policy, self.rules, start.date(), case)

    # -- writing ---------------------------------------------------------

    def type_of(self, key: str) -> CaseType | None:
        """The case type of ``key`` or of one of its older keys (``aliases``)."""
        found = self.types.get(key)
        if found is not None:
            return found
        for ct in self.types.values():
            if key in ct.aliases:
                return ct
        return None

    def types_tagged(self, tag: str) -> list[CaseType]:
        """Case types carrying ``tag`` (e.g. every "complaint" type, whoever declares it)."""
        return [ct for ct in self.types.values() if tag in ct.tags]

    def scope_of(self, case: Case) -> Scope:
        """The access scope of a case: its unit, owner ``("case", id)``."""
        return Scope(unit_id=case.unit_id, owner="case", owner_id=case.id)

    def can_view(self, actor: Actor | None, case: Case) -> bool:
        """May ``actor`` open this case (its register entry and documents)? Its handler
        may; others need the type's view permission (``core.cases.view`` by default) over
        the case's unit — a case without a unit is a ward resource (ward-wide grants)."""
        if actor is None:
            return False
        if actor.kind == "system" or (actor.person_id is not None and actor.person_id == case.owner_id):
            return True
        ct = self.types.get(case.case_type)
        permission = (ct.view_permission if ct else None) or "core.cases.view"
        return self.access.can(actor, permission, self.scope_of(case))

    def _check(self, actor: Actor, permission: str | None, scope: Scope | int | None) -> None:
        if not self.access.can(actor, permission, scope):
            raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")

    def _event(
        self,
        case: Case,
        action: str,
        actor: Actor,
        *,
        from_state: str = "",
        to_state: str = "",
        note: str = "",
        data: dict | None = None,
        at: dt.datetime | None = None,
    ) -> CaseEvent:
        values: dict[str, Any] = {
            "case": case.id,
            "at": at or now(),
            "action": action,
            "actor": actor.person_id,
            "actor_name": actor.name,
            "from_state": from_state,
            "to_state": to_state,
            "note": note,
            "due_date": case.due_date,
            "data": data or {},
        }
        event_id = _INSERT_EVENT.run(**values)
        audit.record(
            f"case.{action}",
            "case",
            case.id,
            actor=actor,
            before={"state": from_state} if from_state else None,
            after={"state": to_state or case.state, "number": case.number, "due_date": case.due_date, "note": note},
        )
        return CaseEvent(
            event_id,
            case.id,
            values["at"],
            action,
            actor.person_id,
            actor.name,
            from_state,
            to_state,
            note,
            case.due_date,
            values["data"],
        )

    def open(
        self,
        case_type: str,
        subject: str,
        *,
        actor: Actor = SYSTEM_ACTOR,
        received_at: dt.datetime | None = None,
        unit_id: int | None = None,
        owner_id: int | None = None,
        applicant_id: int | None = None,
        data: dict[str, Any] | None = None,
        confidential: bool | None = None,
        number_vars: dict[str, Any] | None = None,
        note: str = "",
        on_opened: Callable[[Case], None] | None = None,
    ) -> Case:
        """Open a case: number it, compute its due date, record and announce it.

        ``on_opened`` runs inside the same transaction, before the hooks fire, for the
        caller's own rows (a plugin's detail table).
        """
        ct = self.case_type(case_type)
        subject = (subject or "").strip()
        if not subject:
            raise ValidationError([("subject", "Vui lòng nhập trích yếu / nội dung hồ sơ.")])
        self._check(actor, ct.open_permission, unit_id)
        opened = now()
        received = received_at or opened
        vars_ = {
            "prefix": ct.number_prefix or ct.key.upper(),
            "year": received.year,
            "yy": f"{received.year % 100:02d}",
            "yymmdd": received.strftime("%y%m%d"),
            "ward": self.settings.ward.code,
            **(number_vars or {}),
        }
        series = ct.series.format(**vars_)
        draft = Case(
            0,
            ct.key,
            "",
            received.year,
            0,
            subject[:500],
            ct.initial,
            opened,
            received,
            unit_id,
            owner_id,
            applicant_id,
            confidential=ct.confidential if confidential is None else confidential,
            data=dict(data or {}),
        )
        # the due date depends on the case's type, data and receipt, not on its number: it is
        # computed before the transaction, so writers queue on the numbering lock for the
        # writes only (the hook sees the case not yet numbered: number "" and seq 0)
        due, unit = self._due(draft, ct.deadline, received)
        with write_transaction():
            if is_postgres():
                case, event = self._open_pipelined(draft, ct, vars_, series, due, unit, actor, note)
            else:
                case, event = self._open_rows(draft, ct, vars_, series, due, unit, actor, note)
            if on_opened:
                on_opened(case)
            self.pm.hook.case_opened(case=case, event=event, core=self.services, services=self.services)
        return case

    def _open_rows(
        self, draft: Case, ct: CaseType, vars_: dict, series: str, due: Any, unit: str, actor: Actor, note: str
    ) -> tuple[Case, CaseEvent]:
        """The opened case's rows, one statement after the other (SQLite: no round trips)."""
        seq = next_value(f"case:{series}")
        number = ct.number_format.format(seq=seq, **vars_)
        draft = attrs.evolve(draft, number=number, seq=seq)
        new_id = _INSERT_CASE.run(**_new_case_columns(draft, ct.key, ct.initial, series, due, unit))
        case = attrs.evolve(draft, id=new_id, due_date=due, due_unit=unit)
        event = self._event(case, "open", actor, to_state=ct.initial, note=note, at=draft.opened_at)
        _rollup_add(case, +1)
        return case, event

    def _open_pipelined(
        self, draft: Case, ct: CaseType, vars_: dict, series: str, due: Any, unit: str, actor: Actor, note: str
    ) -> tuple[Case, CaseEvent]:
        """The opened case's rows on PostgreSQL in two round trips (pipeline mode): the
        case number, the audit sequence number with the previous entry's hash and the case
        id are taken in one; the case, its audit entry, its rollup count and its event are
        written in the other. The same rows as :meth:`_open_rows`; writers hold the
        counter rows' locks for two round trips and the commit instead of seven."""
        db = database_proxy.obj
        with pipelined(db):
            # the series' counter row made first if missing (no lock taken when it exists),
            # so that the numbering lock is always taken before the audit's, as _open_rows does
            db.execute_sql(_NEW_SERIES_SQL, (f"case:{series}",))
            taken = db.execute_sql(_NEXT_NUMBER_SQL, (f"case:{series}",))
            audit_seq = audit.reserve()
            new_id = int(db.execute_sql(_NEXT_CASE_ID_SQL).fetchone()[0])  # reads all the answers
            row = taken.fetchone()
            seq_prev = audit_seq()
        seq = int(row[0])
        number = ct.number_format.format(seq=seq, **vars_)
        case = attrs.evolve(draft, id=new_id, number=number, seq=seq, due_date=due, due_unit=unit)
        at = draft.opened_at
        with pipelined(db):
            _INSERT_CASE_WITH_ID.run(
                id=new_id, **_new_case_columns(case, case.case_type, case.state, series, due, unit)
            )
            entry = audit.append(
                *seq_prev,
                "case.open",
                "case",
                new_id,
                actor=actor,
                after={"state": ct.initial, "number": number, "due_date": due, "note": note},
            )
            _rollup_add(case, +1)
            event_id = _INSERT_EVENT.run(
                case=new_id,
                at=at,
                action="open",
                actor=actor.person_id,
                actor_name=actor.name,
                from_state="",
                to_state=ct.initial,
                note=note,
                due_date=due,
                data={},
            )  # reads the answers of the five statements
        audit.appended(entry)
        event = CaseEvent(event_id, new_id, at, "open", actor.person_id, actor.name, "", ct.initial, note, due, {})
        return case, event

    def transition(
        self,
        case_id: int,
        name: str,
        *,
        actor: Actor = SYSTEM_ACTOR,
        note: str = "",
        data: dict[str, Any] | None = None,
        at: dt.datetime | None = None,
        outcome: str = "",
    ) -> Case:
        """Take transition ``name``; refuse it with IllegalTransition if not allowed now."""
        with write_transaction():
            row = _lock(case_id)
            case = to_type(Case, row)
            ct = self.case_type(case.case_type)
            tr = ct.transition(name)
            if tr is None or case.state not in tr.source:
                allowed = ", ".join(t.label for t in ct.available(case.state)) or "không có"
                label = tr.label if tr else name
                raise IllegalTransition(
                    f"Không thể '{label}' khi hồ sơ {case.number} đang ở trạng thái "
                    f"'{ct.state(case.state).label}'. Thao tác được phép: {allowed}."
                )
            self._check(actor, tr.permission, self.scope_of(case))
            if tr.note_required and not note.strip():
                raise ValidationError([("note", "Vui lòng ghi rõ lý do.")])
            when = at or now()
            before = case
            changes: dict[str, Any] = {"state": tr.target}
            if data:
                changes["data"] = {**case.data, **data}
            if tr.pause and case.paused_at is None:
                changes.update(self._pause_changes(case, when))
            if tr.resume and case.paused_at is not None:
                changes.update(self._resume_changes(case, when))
            if tr.deadline is not None:
                probe = attrs.evolve(case, **{k: v for k, v in changes.items() if k != "state"})
                due, unit = self._due(probe, tr.deadline, when)
                changes.update(due_date=due, due_unit=unit, overdue_notified=False)
            final = ct.state(tr.target).final
            if final:
                changes["closed_at"] = when
                changes["outcome"] = outcome or tr.target
            elif case.closed_at is not None:  # reopened: the case is open again
                changes["closed_at"] = None
                changes["outcome"] = ""
            case = self._save(row, before, changes)
            event = self._event(
                case, name, actor, from_state=before.state, to_state=tr.target, note=note, data=data, at=when
            )
            self.pm.hook.case_transitioned(case=case, event=event, core=self.services, services=self.services)
            if final:
                self.pm.hook.case_closed(case=case, event=event, core=self.services, services=self.services)
        return case

    def _pause_changes(self, case: Case, when: dt.datetime) -> dict[str, Any]:
        """R-MC-14: the time already used counts, the applicant's supplement time does not."""
        remaining = None
        if case.due_date is not None:
            if case.due_unit == "working_days":
                remaining = self.calendar.working_days_between(when.date(), case.due_date)
            else:
                remaining = max((case.due_date - when.date()).days, 0)
        return {"paused_at": when, "paused_remaining": remaining}

    def _resume_changes(self, case: Case, when: dt.datetime) -> dict[str, Any]:
        changes: dict[str, Any] = {"paused_at": None, "paused_remaining": None}
        if case.due_date is not None and case.paused_remaining is not None:
            if case.due_unit == "working_days":
                due = self.calendar.add_working_days(when, case.paused_remaining, None)
            else:
                due = self.calendar.add_days(when, case.paused_remaining, None)
            changes.update(due_date=max(due, case.due_date), overdue_notified=False)
        return changes

    def extend(self, case_id: int, *, actor: Actor = SYSTEM_ACTOR, note: str, at: dt.datetime | None = None) -> Case:
        """Extend the deadline once more (gia hạn), within the type's limit."""
        with write_transaction():
            row = _lock(case_id)
            case = to_type(Case, row)
            ct = self.case_type(case.case_type)
            if ct.extension is None:
                raise IllegalTransition(f"Loại hồ sơ '{ct.name}' không được gia hạn.")
            if case.closed_at is not None:
                raise IllegalTransition(f"Hồ sơ {case.number} đã kết thúc, không thể gia hạn.")
            if not note.strip():
                raise ValidationError([("note", "Vui lòng ghi rõ lý do gia hạn.")])
            self._check(actor, ct.extension.permission, self.scope_of(case))
            on = case.received_at.date()
            limit = ct.extension.max_count
            if not isinstance(limit, int):
                limit = int(self.rules.value(_resolve(limit, case), on))
            if case.extensions >= limit:
                raise IllegalTransition(
                    f"Hồ sơ {case.number} đã được gia hạn {case.extensions} lần, tối đa {limit} lần."
                )
            amount = int(self.rules.value(_resolve(ct.extension.amount, case), on))
            unit = policy_unit(ct.extension, self.rules, on, case)
            due = self._extended_due(case, ct, amount, unit, on)
            if due is None:
                base = dt.datetime.combine(case.due_date or (at or now()).date(), dt.time(0, 0))
                if unit == "working_days":
                    due = self.calendar.add_working_days(base, amount, None)
                else:
                    due = self.calendar.add_days(base, amount, None)
            before = case
            case = self._save(
                row, before, {"due_date": due, "extensions": case.extensions + 1, "overdue_notified": False}
            )
            event = self._event(
                case,
                "extend",
                actor,
                from_state=case.state,
                to_state=case.state,
                note=note,
                data={"previous_due": before.due_date, "amount": amount, "unit": unit},
                at=at,
            )
            self.pm.hook.case_transitioned(case=case, event=event, core=self.services, services=self.services)
        return case

    def _extended_due(self, case: Case, ct: CaseType, amount: int, unit: str, on: dt.date) -> dt.date | None:
        """The due date with one more extension, counted again from the clock's start: the
        period's amount plus every extension (at most ``max_total``), so each extension
        adds to the period's own end, not to a due date moved off a rest day (R-LV-12,
        R-TC-07). ``None`` when the clock cannot be replayed (a pause in its history,
        another unit than the extension's, a due date another hook computed): the caller
        then counts from the current due date."""
        ext = ct.extension
        policy, start = self._current_policy(case, ct)
        if ext is None or policy is None or case.due_date is None:
            return None
        started = start.date()
        if policy_unit(policy, self.rules, started, case) != unit:
            return None
        base = int(self.rules.value(_resolve(policy.amount, case), started))
        cutoff = policy_cutoff(policy, self.rules, started)
        used = base + amount * case.extensions
        if period_due(self.calendar, start, used, unit, cutoff, policy.counts_from) != case.due_date:
            return None
        total = used + amount
        if ext.max_total is not None:
            limit = (
                ext.max_total
                if isinstance(ext.max_total, int)
                else int(self.rules.value(_resolve(ext.max_total, case), on))
            )
            if used >= limit:
                days = "ngày làm việc" if unit == "working_days" else "ngày"
                raise IllegalTransition(
                    f"Hồ sơ {case.number} đã đạt thời hạn tối đa {limit} {days}, không thể gia hạn thêm."
                )
            total = min(total, limit)
        return period_due(self.calendar, start, total, unit, cutoff, policy.counts_from)

    def update(
        self,
        case_id: int,
        *,
        actor: Actor = SYSTEM_ACTOR,
        note: str = "",
        owner_id: int | None = None,
        unit_id: int | None = None,
        data: dict[str, Any] | None = None,
        subject: str | None = None,
    ) -> Case:
        """Assign an owner/unit or change case data; recorded like any step."""
        with write_transaction():
            row = _lock(case_id)
            case = to_type(Case, row)
            changes: dict[str, Any] = {}
            if owner_id is not None:
                changes["owner_id"] = owner_id
            if unit_id is not None:
                changes["unit_id"] = unit_id
            if data:
                changes["data"] = {**case.data, **data}
            if subject is not None and subject.strip():
                changes["subject"] = subject.strip()[:500]
            if not changes:
                return case
            before = case
            case = self._save(row, before, changes)
            event = self._event(
                case,
                "assign" if ("owner_id" in changes or "unit_id" in changes) else "update",
                actor,
                from_state=case.state,
                to_state=case.state,
                note=note,
                data={k: v for k, v in changes.items() if k != "data"},
            )
            self.pm.hook.case_transitioned(case=case, event=event, core=self.services, services=self.services)
        return case

    def _save(self, row: CaseRow, before: Case, changes: dict[str, Any]) -> Case:
        after = attrs.evolve(before, **changes)
        field_map = {"owner_id": "owner", "unit_id": "unit", "applicant_id": "applicant"}
        values = {field_map.get(k, k): v for k, v in changes.items()}
        CaseRow.update(**values).where(CaseRow.id == row.id).execute()
        if _rollup_key(before) != _rollup_key(after):
            _rollup_add(before, -1)
            _rollup_add(after, +1)
        return after

    # -- clocks ------------------------------------------------------------

    def open_cases(self):
        return CaseRow.select().where(CaseRow.closed_at.is_null(True), CaseRow.paused_at.is_null(True))

    def overdue(self, today: dt.date | None = None, limit: int = 500) -> list[Case]:
        today = today or dt.date.today()
        q = self.open_cases().where(CaseRow.due_date < today).order_by(CaseRow.due_date).limit(limit)
        return [to_type(Case, r) for r in q]

    def _horizon(self, today: dt.date, working_days: int) -> dt.date:
        horizon = today
        for _ in range(working_days):
            horizon = self.calendar.next_working_day(horizon)
        return horizon

    def due_soon(self, today: dt.date | None = None, working_days: int = 1, limit: int = 500) -> list[Case]:
        """Open cases due within ``working_days`` working days (today included)."""
        today = today or dt.date.today()
        q = (
            self.open_cases()
            .where(CaseRow.due_date >= today, CaseRow.due_date <= self._horizon(today, working_days))
            .order_by(CaseRow.due_date)
            .limit(limit)
        )
        return [to_type(Case, r) for r in q]

    #: what a deadline list shows of a case (no JSON column decoded, no typed object built)
    LINE_COLUMNS = ("id", "number", "subject", "due_date", "confidential", "unit_id", "case_type", "state")

    def deadline_lines(self, today: dt.date, *, overdue: bool, working_days: int = 1, limit: int = 200) -> list[dict]:
        """The open cases overdue (``overdue=True``) or due within ``working_days`` working
        days, earliest first, as plain rows of :attr:`LINE_COLUMNS` — the dashboard's lists,
        read along the open cases' deadline index."""
        columns = [CaseRow.unit.alias("unit_id") if c == "unit_id" else getattr(CaseRow, c) for c in self.LINE_COLUMNS]
        q = CaseRow.select(*columns).where(CaseRow.closed_at.is_null(True), CaseRow.paused_at.is_null(True))
        if overdue:
            q = q.where(CaseRow.due_date < today)
        else:
            q = q.where(CaseRow.due_date >= today, CaseRow.due_date <= self._horizon(today, working_days))
        rows = cast("list[tuple]", list(q.order_by(CaseRow.due_date).limit(limit).tuples()))
        return [dict(zip(self.LINE_COLUMNS, row, strict=True)) for row in rows]

    def check_overdue(self, today: dt.date | None = None) -> list[Case]:
        """Fire ``case_overdue`` once for each newly overdue case."""
        today = today or dt.date.today()
        fired: list[Case] = []
        for case in self.overdue(today, limit=100000):
            if case.overdue_notified:
                continue
            with write_transaction():
                CaseRow.update(overdue_notified=True).where(CaseRow.id == case.id).execute()
                case = attrs.evolve(case, overdue_notified=True)
                self._event(
                    case,
                    "overdue",
                    SYSTEM_ACTOR,
                    from_state=case.state,
                    to_state=case.state,
                    note=f"Quá hạn từ {case.due_date:%d/%m/%Y}",
                )
                self.pm.hook.case_overdue(case=case, today=today, core=self.services, services=self.services)
            fired.append(case)
        return fired

    def recompute_due_dates(self, reason: str) -> int:
        """Recompute open cases' due dates after a calendar change (audit-logged)."""
        changed = 0
        for row in CaseRow.select().where(CaseRow.closed_at.is_null(True)):
            case = to_type(Case, row)
            ct = self.types.get(case.case_type)
            if ct is None or case.due_date is None or case.paused_at is not None:
                continue
            if case.extensions:
                continue  # extended deadlines were decided in writing; keep them
            policy, start = self._current_policy(case, ct)
            if policy is None:
                continue
            due, unit = self._due(case, policy, start)
            if due != case.due_date:
                with write_transaction():
                    self._save(row, case, {"due_date": due, "due_unit": unit})
                    self._event(
                        attrs.evolve(case, due_date=due),
                        "recompute",
                        SYSTEM_ACTOR,
                        from_state=case.state,
                        to_state=case.state,
                        note=f"{reason}: hạn cũ {case.due_date:%d/%m/%Y}, hạn mới {due:%d/%m/%Y}",
                    )
                changed += 1
        return changed

    def _current_policy(self, case: Case, ct: CaseType) -> tuple[DeadlinePolicy | None, dt.datetime]:
        """The policy that set the current clock and when it started."""
        policy, start = ct.deadline, case.received_at
        for ev in self.events(case.id):
            tr = ct.transition(ev.action)
            if tr is not None and tr.deadline is not None:
                policy, start = tr.deadline, ev.at
            if ev.action in ("resume",) or (tr is not None and (tr.pause or tr.resume)):
                return None, start  # pauses make the clock history-dependent; leave as is
        return policy, start


def _lock(case_id: int) -> CaseRow:
    """Read the case row for writing (row lock on PostgreSQL; SQLite is already IMMEDIATE)."""
    q = CaseRow.select().where(CaseRow.id == case_id)
    if not is_sqlite():
        q = q.for_update()
    row = q.first()
    if row is None:
        raise NotFound(f"Không tìm thấy hồ sơ số {case_id}.")
    return row


# -- rollups (docs/architecture.md, "Measured choices") ------------------------------


def _rollup_key(case: Case) -> tuple:
    bucket = "open" if case.closed_at is None else case.timeliness()
    return (case.received_at.strftime("%Y-%m"), case.case_type, case.unit_id or 0, case.state, bucket)


#: the statements of a case's opening and steps, their SQL text built once (issue 16)
_INSERT_CASE = Insert(
    CaseRow,
    (
        "case_type",
        "number",
        "series",
        "year",
        "seq",
        "subject",
        "state",
        "opened_at",
        "received_at",
        "unit",
        "owner",
        "applicant",
        "due_date",
        "due_unit",
        "paused_at",
        "paused_remaining",
        "extensions",
        "closed_at",
        "outcome",
        "confidential",
        "overdue_notified",
        "data",
    ),
)
_INSERT_CASE_WITH_ID = Insert(CaseRow, ("id", *_INSERT_CASE.names), returning=None)
_NEXT_NUMBER_SQL = (
    f'UPDATE "{CounterRow._meta.table_name}" SET "value" = "value" + 1 WHERE "series" = %s RETURNING "value"'
)
_NEW_SERIES_SQL = (
    f'INSERT INTO "{CounterRow._meta.table_name}" ("series", "value") VALUES (%s, 0) ON CONFLICT ("series") DO NOTHING'
)
_NEXT_CASE_ID_SQL = f"SELECT nextval(pg_get_serial_sequence('{CaseRow._meta.table_name}', 'id'))"
_INSERT_EVENT = Insert(
    CaseEventRow, ("case", "at", "action", "actor", "actor_name", "from_state", "to_state", "note", "due_date", "data")
)
_ROLLUP_SQL: dict[str, str] = {}


def _rollup_add(case: Case, delta: int) -> None:
    db = database_proxy.obj
    sql = _ROLLUP_SQL.get(db.param)
    if sql is None:
        p = db.param
        sql = (
            f'INSERT INTO "{CaseRollupRow._meta.table_name}" ("month", "case_type", "unit_id", "state", '
            f'"timeliness", "count") VALUES ({p}, {p}, {p}, {p}, {p}, {p}) '
            'ON CONFLICT ("month", "case_type", "unit_id", "state", "timeliness") '
            f'DO UPDATE SET "count" = "{CaseRollupRow._meta.table_name}"."count" + EXCLUDED."count"'
        )
        _ROLLUP_SQL[db.param] = sql
    db.execute_sql(sql, (*_rollup_key(case), delta))


def rebuild_rollups() -> int:
    """Recount the case rollup from the cases themselves (``thanthien rollups rebuild``)."""
    with write_transaction():
        CaseRollupRow.delete().execute()
        counts: dict[tuple, int] = {}
        for row in CaseRow.select().iterator():
            key = _rollup_key(to_type(Case, row))
            counts[key] = counts.get(key, 0) + 1
        for (month, ctype, unit, state, bucket), n in counts.items():
            CaseRollupRow.create(month=month, case_type=ctype, unit_id=unit, state=state, timeliness=bucket, count=n)
    return len(counts)


def rollup_counts(case_type: str | None = None, months: tuple[str, str] | None = None) -> list[dict]:
    q = CaseRollupRow.select().where(CaseRollupRow.count != 0)
    if case_type:
        q = q.where(CaseRollupRow.case_type == case_type)
    if months:
        q = q.where(CaseRollupRow.month >= months[0], CaseRollupRow.month <= months[1])
    return [
        {
            "month": r.month,
            "case_type": r.case_type,
            "unit_id": r.unit_id,
            "state": r.state,
            "timeliness": r.timeliness,
            "count": r.count,
        }
        for r in q
    ]


def sync_calendar(engine: CaseEngine, today: dt.date | None = None) -> int | None:
    """Recompute open cases' deadlines when the working-calendar data changed.

    The fingerprint of the calendar in effect is kept in ``core_kv`` with one part per
    year table; on a change (a ward added or corrected a year table, or the R-LV-08 flag
    changed) every open case is recomputed, the change is audit-logged and
    ``calendar_changed`` fires with the years whose data changed (:func:`changed_years`).
    Returns the number of cases changed, or None when nothing changed.
    """
    fingerprint = engine.calendar.fingerprint()
    previous = kv_get("calendar.fingerprint")
    if previous == fingerprint:
        return None
    parts = engine.calendar.year_fingerprints()
    with write_transaction():
        previous_parts = kv_get("calendar.years")
        kv_set("calendar.fingerprint", fingerprint)
        kv_set("calendar.years", parts)
        if previous is None:
            return None  # first start: nothing was computed with another calendar
        years = changed_years(previous_parts, parts, today or now().date())
        changed = engine.recompute_due_dates("Lịch làm việc thay đổi")
        audit.record(
            "calendar.change",
            "calendar",
            "",
            before={"fingerprint": previous},
            after={"fingerprint": fingerprint, "cases_recomputed": changed, "years": years},
        )
        engine.pm.hook.calendar_changed(years=years, core=engine.services)
    return changed


def changed_years(before: dict[str, str] | None, after: dict[str, str], today: dt.date) -> list[int]:
    """The years whose working-calendar data differ between two :meth:`year_fingerprints`.

    A year table added, removed or edited changes that year. A change of the statutory
    rule or of the R-LV-08 flag (or a record from before per-year parts were kept)
    changes every year computed by rule: reported as every year with a table plus this
    year and the next, where open cases' deadlines fall.
    """
    tables = {k for k in (before or {}) if k != "rule"} | {k for k in after if k != "rule"}
    if before is None or before.get("rule") != after.get("rule"):
        return sorted({int(y) for y in tables} | {today.year, today.year + 1})
    return sorted(int(y) for y in tables if before.get(y) != after.get(y))


def _new_case_columns(case: Case, case_type: str, state: str, series: str, due: Any, unit: str) -> dict[str, Any]:
    """The columns of a newly opened case's row (numbered: ``case.number``/``case.seq`` set),
    as both ways of opening a case write them."""
    return {
        "case_type": case_type,
        "number": case.number,
        "series": series,
        "year": case.year,
        "seq": case.seq,
        "subject": case.subject,
        "state": state,
        "opened_at": case.opened_at,
        "received_at": case.received_at,
        "unit": case.unit_id,
        "owner": case.owner_id,
        "applicant": case.applicant_id,
        "due_date": due,
        "due_unit": unit,
        "paused_at": None,
        "paused_remaining": None,
        "extensions": 0,
        "closed_at": None,
        "outcome": "",
        "confidential": case.confidential,
        "overdue_notified": False,
        "data": case.data,
    }
