"""The case engine: numbering, deadlines, transitions, pauses, extensions, hooks."""
import datetime as dt
import threading

import pytest

from tests.fixture_plugins import sample_cases
from thanthien.core import hookimpl, people
from thanthien.core.access import actor_for_person
from thanthien.core.audit import verify_chain
from thanthien.core.cases import rebuild_rollups, rollup_counts
from thanthien.core.errors import IllegalTransition, PermissionDenied, ValidationError
from thanthien.core.models import AuditRow, CaseEventRow, CaseRow


class Recorder:
    def __init__(self):
        self.calls = []

    @hookimpl
    def case_opened(self, case, event):
        self.calls.append(("opened", case.number, event.action))

    @hookimpl
    def case_transitioned(self, case, event):
        self.calls.append(("transitioned", case.number, event.action))

    @hookimpl
    def case_closed(self, case, event):
        self.calls.append(("closed", case.number, case.state))

    @hookimpl
    def case_overdue(self, case, today):
        self.calls.append(("overdue", case.number, today))


@pytest.fixture
def recorder():
    return Recorder()


@pytest.fixture
def extra_plugins(recorder):
    return [("sample_cases", sample_cases), ("recorder", recorder)]


@pytest.fixture
def staff(db):
    officer = people.create_person("Cán bộ Một cửa", is_staff=True)
    clerk = people.create_person("Công chức khác", is_staff=True)
    people.grant_role(officer.id, "one_stop_officer")
    people.grant_role(clerk.id, "department_officer")
    return actor_for_person(officer.id, officer.full_name), actor_for_person(clerk.id, clerk.full_name)


def at(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s)


def test_open_numbers_and_due_date(services):
    engine = services.cases
    c1 = engine.open("sample_request", "Xin xác nhận", received_at=at("2026-03-02T09:00"))
    c2 = engine.open("sample_request", "Xin xác nhận 2", received_at=at("2026-03-02T10:00"))
    assert (c1.number, c2.number) == ("YC-2026-00001", "YC-2026-00002")
    assert c1.due_date == dt.date(2026, 3, 5)  # 3 working days after Mon 02/03
    assert c1.state == "received" and c1.is_open


def test_cutoff_moves_receipt_to_next_working_day(services):
    engine = services.cases
    on_time = engine.open("sample_request", "a", received_at=at("2026-03-02T15:00"))
    late = engine.open("sample_request", "b", received_at=at("2026-03-02T15:01"))
    assert on_time.due_date == dt.date(2026, 3, 5)
    assert late.due_date == dt.date(2026, 3, 6)


def test_rule_version_in_force_on_receipt_date(services):
    engine = services.cases
    old = engine.open("sample_request", "a", received_at=at("2026-06-30T09:00"))
    new = engine.open("sample_request", "b", received_at=at("2026-07-01T09:00"))
    assert old.due_date == dt.date(2026, 7, 3)   # 3 working days (old version)
    assert new.due_date == dt.date(2026, 7, 8)   # 5 working days (new version)


def test_numbers_restart_each_year(services):
    engine = services.cases
    a = engine.open("sample_request", "a", received_at=at("2025-12-31T09:00"))
    b = engine.open("sample_request", "b", received_at=at("2026-01-05T09:00"))
    assert a.number == "YC-2025-00001" and b.number == "YC-2026-00001"


def test_working_days_across_tet_2026(services):
    # Received Fri 13/02/2026; Tết holidays Mon 16 – Fri 20/02 → 3 working days = Wed 25/02.
    case = services.cases.open("sample_request", "Tết", received_at=at("2026-02-13T09:00"))
    assert case.due_date == dt.date(2026, 2, 25)


def test_transitions_record_events_and_fire_hooks(staff, services, recorder):
    OFFICER, _CLERK = staff
    engine = services.cases
    case = engine.open("sample_request", "x", received_at=at("2026-03-02T09:00"), actor=OFFICER)
    case = engine.transition(case.id, "start", actor=OFFICER, note="giao xử lý")
    case = engine.transition(case.id, "finish", actor=OFFICER, at=at("2026-03-04T10:00"))
    assert case.state == "done" and case.closed_at == at("2026-03-04T10:00")
    assert case.timeliness() == "early"
    actions = [e.action for e in engine.events(case.id)]
    assert actions == ["open", "start", "finish"]
    ev = engine.events(case.id)[1]
    assert (ev.actor_id, ev.actor_name, ev.from_state, ev.to_state, ev.note) == (
        OFFICER.person_id, "Cán bộ Một cửa", "received", "processing", "giao xử lý")
    assert [c[0] for c in recorder.calls] == ["opened", "transitioned", "transitioned", "closed"]
    assert verify_chain().ok


def test_illegal_transition_is_refused_with_a_clear_message(staff, services):
    OFFICER, _CLERK = staff
    engine = services.cases
    case = engine.open("sample_request", "x")
    with pytest.raises(IllegalTransition) as err:
        engine.transition(case.id, "finish", actor=OFFICER)
    assert "Trả kết quả" in err.value.message and "Đã tiếp nhận" in err.value.message
    with pytest.raises(IllegalTransition):
        engine.transition(case.id, "no_such_step", actor=OFFICER)
    assert engine.get(case.id).state == "received"
    assert [e.action for e in engine.events(case.id)] == ["open"]


def test_transition_permission(staff, services):
    _OFFICER, CLERK = staff
    engine = services.cases
    case = engine.open("sample_request", "x")
    engine.transition(case.id, "start", actor=CLERK)
    with pytest.raises(PermissionDenied):
        engine.transition(case.id, "finish", actor=CLERK)
    assert engine.get(case.id).state == "processing"


def test_note_required(staff, services):
    OFFICER, _CLERK = staff
    engine = services.cases
    case = engine.open("sample_request", "x")
    with pytest.raises(ValidationError):
        engine.transition(case.id, "refuse", actor=OFFICER, note="  ")
    assert engine.transition(case.id, "refuse", actor=OFFICER, note="Không thuộc thẩm quyền").state == "refused"


def test_pause_and_resume_keep_the_time_already_used(services):
    """R-MC-14: the clock pauses while the applicant supplements the dossier."""
    engine = services.cases
    case = engine.open("sample_request", "x", received_at=at("2026-03-02T09:00"))  # due Thu 05/03
    engine.transition(case.id, "start")
    paused = engine.transition(case.id, "ask_supplement", at=at("2026-03-03T10:00"))
    assert paused.paused_at is not None and paused.paused_remaining == 2
    resumed = engine.transition(case.id, "supplemented", at=at("2026-03-10T08:00"))
    assert resumed.paused_at is None
    assert resumed.due_date == dt.date(2026, 3, 12)  # 2 working days after Tue 10/03


def test_extensions_within_limit(services):
    engine = services.cases
    case = engine.open("sample_request", "x", received_at=at("2026-03-02T09:00"))
    c = engine.extend(case.id, note="cần xác minh")
    assert c.due_date == dt.date(2026, 3, 16) and c.extensions == 1  # 05/03 + 10 days = Sun 15 → Mon 16
    c = engine.extend(case.id, note="cần xác minh thêm")
    assert c.extensions == 2
    with pytest.raises(IllegalTransition):
        engine.extend(case.id, note="lần ba")
    with pytest.raises(ValidationError):
        engine.extend(case.id, note="")


def test_stage_deadline_and_configurable_unit(services):
    engine = services.cases
    case = engine.open("sample_complaint", "khiếu nại", received_at=at("2026-03-02T09:00"))
    assert case.due_date == dt.date(2026, 3, 12) and case.confidential
    accepted = engine.transition(case.id, "accept", at=at("2026-03-06T09:00"))
    assert accepted.due_date == dt.date(2026, 4, 6)  # 30 days after 06/03 = Sun 05/04 → Mon 06/04


def test_overdue_and_due_soon(services, recorder):
    engine = services.cases
    a = engine.open("sample_request", "a", received_at=at("2026-03-02T09:00"))  # due 05/03
    b = engine.open("sample_request", "b", received_at=at("2026-03-04T09:00"))  # due 09/03
    assert [c.id for c in engine.due_soon(dt.date(2026, 3, 4))] == [a.id]
    assert [c.id for c in engine.due_soon(dt.date(2026, 3, 6))] == [b.id]  # Fri → next working day Mon 09/03
    assert [c.id for c in engine.overdue(dt.date(2026, 3, 6))] == [a.id]
    fired = engine.check_overdue(dt.date(2026, 3, 6))
    assert [c.id for c in fired] == [a.id]
    assert engine.check_overdue(dt.date(2026, 3, 6)) == []  # fired once
    assert ("overdue", a.number, dt.date(2026, 3, 6)) in recorder.calls


def test_rollups_follow_writes_and_rebuild(services):
    engine = services.cases
    a = engine.open("sample_request", "a", received_at=at("2026-03-02T09:00"))
    engine.open("sample_request", "b", received_at=at("2026-03-02T09:00"))
    engine.transition(a.id, "start")
    engine.transition(a.id, "finish", at=at("2026-03-09T09:00"))  # late
    live = sorted((r["state"], r["timeliness"], r["count"]) for r in rollup_counts("sample_request"))
    assert live == [("done", "late", 1), ("received", "open", 1)]
    rebuild_rollups()
    assert sorted((r["state"], r["timeliness"], r["count"]) for r in rollup_counts("sample_request")) == live


def test_hook_failure_rolls_back_the_whole_step(services, pm):
    class Failing:
        @hookimpl
        def case_opened(self, case, event):
            raise RuntimeError("letter could not be drafted")

    pm.register(Failing(), name="failing")
    with pytest.raises(RuntimeError):
        services.cases.open("sample_request", "x")
    assert CaseRow.select().count() == 0 and CaseEventRow.select().count() == 0
    pm.unregister(name="failing")
    assert services.cases.open("sample_request", "y").number == f"YC-{dt.date.today().year}-00001"


def test_concurrent_writers_get_unique_gapless_numbers(services, db):
    """8 writers × 200 cases over two numbering series, both first used by writers at the
    same time: unique gapless numbers in each, no error or deadlock (docs/architecture.md);
    every case has its open event and its audit entry (who, when, what), the chain holds."""
    engine = services.cases
    errors = []
    officer = actor_for_person(people.create_person("Cán bộ đồng thời", is_staff=True).id, "Cán bộ đồng thời")

    def writer(received):
        try:
            with db.connection_context():
                for _ in range(200):
                    engine.open("sample_request", "đồng thời", received_at=received, actor=officer)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(at(f"{2025 + i % 2}-03-02T09:00"),)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for series in ("YC-2025", "YC-2026"):
        seqs = sorted(r.seq for r in CaseRow.select(CaseRow.seq).where(CaseRow.series == series))
        assert seqs == list(range(1, 801))
    assert verify_chain().ok
    cases = {r.id: r.number for r in CaseRow.select(CaseRow.id, CaseRow.number)}
    events = [(e.case_id, e.actor_id) for e in CaseEventRow.select().where(CaseEventRow.action == "open")]
    assert sorted(c for c, _ in events) == sorted(cases) and {a for _, a in events} == {officer.person_id}
    entries = list(AuditRow.select().where(AuditRow.action == "case.open"))
    assert sorted(int(e.entity_id) for e in entries) == sorted(cases)
    assert all(e.actor_id == officer.person_id and e.after["number"] == cases[int(e.entity_id)] for e in entries)


def test_reopening_a_closed_case_opens_it_again(services):
    engine = services.cases
    case = engine.open("sample_request", "x", received_at=at("2026-03-02T09:00"))
    engine.transition(case.id, "start")
    done = engine.transition(case.id, "finish", at=at("2026-03-03T09:00"))
    assert not done.is_open and done.outcome == "done"
    again = engine.transition(case.id, "reopen", note="Người dân báo chưa được giải quyết")
    assert again.is_open and again.closed_at is None and again.outcome == ""
    assert [c.id for c in engine.overdue(dt.date(2026, 3, 6))] == [case.id]
    states = sorted((r["state"], r["timeliness"], r["count"]) for r in rollup_counts("sample_request"))
    assert states == [("processing", "open", 1)]


@pytest.mark.rule("R-LV-11")
def test_a_policy_counting_from_the_trigger_day_does_not_shift_a_rest_day_start(services):
    from thanthien.core.cases import DeadlinePolicy, policy_due

    case = services.cases.open("sample_complaint", "x", received_at=at("2026-03-02T09:00"))
    receipt = DeadlinePolicy("R-XSAMPLE-03.days", "days")
    trigger = DeadlinePolicy("R-XSAMPLE-03.days", "days", counts_from="trigger")
    sat = at("2026-03-07T10:00")
    days = services.rules.value("R-XSAMPLE-03.days", sat.date())
    assert policy_due(trigger, case, sat, services.rules, services.calendar) == \
        services.calendar.period_end(sat.date(), days)
    assert policy_due(receipt, case, sat, services.rules, services.calendar) == \
        services.calendar.add_days(sat, days)
    with pytest.raises(ValueError):
        DeadlinePolicy("R-XSAMPLE-03.days", "days", counts_from="monday")
