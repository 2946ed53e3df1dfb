"""Rollup equals truth for every indicator of every built-in plan module (issue 13,
acceptance item 1).

Each indicator in the registry (``core.indicators``) has here an *oracle*: the same figure
computed directly from the raw tables with its own plain query, written from the
indicator's label, description and the rule it cites — never by calling the indicator's
code or its helpers. Over the demo ward, for a year and for a month, the indicator must
equal its oracle, before and after ``thanthien rollups rebuild``. A guard fails when an
indicator in the registry has no oracle here, so a new one cannot slip by.

The oracles read rows and filter in Python on purpose (slow, obvious, independent of the
indexed queries they check)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from thanthien.core.cases import rebuild_rollups
from thanthien.core.hooks import collect
from thanthien.core.models import CaseRow, NoticeRow, UnitRow, to_type
from thanthien.core.notices import ART11_CATEGORIES
from thanthien.core.outbox import OutboxRow
from thanthien.core.types import Case
from thanthien.plugins import bieuquyet, thongbao
from thanthien.plugins.baocao.services import periods

from .helpers import all_plugins

YEAR = periods.period("year", 2026)

Oracle = Callable[[Any, dt.date, dt.date], Any]
ORACLES: dict[str, tuple[str, Oracle]] = {}


def oracle(*keys: str):
    """Register ``fn`` as the oracle of ``keys`` (``plugin.key``)."""
    def register(fn: Oracle) -> Oracle:
        for key in keys:
            assert key not in ORACLES, key
            ORACLES[key] = (key.split(".", 1)[0], fn)
        return fn

    return register


def _in(value: dt.date | dt.datetime | None, start: dt.date, end: dt.date) -> bool:
    if value is None:
        return False
    day = value.date() if isinstance(value, dt.datetime) else value
    return start <= day <= end


def _pct(part: int, whole: int, digits: int = 1) -> float | None:
    return round(100 * part / whole, digits) if whole else None


@pytest.fixture
def extra_plugins():
    return sorted([*all_plugins(), ("bieuquyet", bieuquyet), ("thongbao", thongbao)], key=lambda p: p[0])


# ---------------------------------------------------------------------------
# baocao: every case of every module, counted in the month it was received
# ---------------------------------------------------------------------------

def _month_cases(start: dt.date, end: dt.date) -> list[Case]:
    lo, hi = start.strftime("%Y-%m"), end.strftime("%Y-%m")
    return [to_type(Case, r) for r in CaseRow.select() if lo <= r.received_at.strftime("%Y-%m") <= hi]


@oracle("baocao.cases_received")
def _cases_received(core, start, end):
    return len(_month_cases(start, end))


@oracle("baocao.cases_closed_late")
def _cases_closed_late(core, start, end):
    return sum(1 for c in _month_cases(start, end) if c.closed_at and c.timeliness() == "late")


@oracle("baocao.cases_on_time_share")
def _cases_on_time_share(core, start, end):
    closed = [c for c in _month_cases(start, end) if c.closed_at]
    return _pct(sum(1 for c in closed if c.timeliness() != "late"), len(closed))


# ---------------------------------------------------------------------------
# motcua (R-MC-11, R-MC-15, R-MC-18, R-MC-19): dossiers by month received / returned
# ---------------------------------------------------------------------------

def _dossiers():
    from thanthien.plugins.motcua.models import DossierRow
    return list(DossierRow.select())


def _returned(start, end, timeliness: str | None = None):
    return [d for d in _dossiers() if d.returned_at and _in(d.returned_at, start, end)
            and (timeliness is None or d.timeliness == timeliness)]


@oracle("motcua.received")
def _mc_received(core, start, end):
    return sum(1 for d in _dossiers() if _in(d.received_at, start, end))


@oracle("motcua.returned_early")
def _mc_early(core, start, end):
    return len(_returned(start, end, "early"))


@oracle("motcua.returned_on_time")
def _mc_on_time(core, start, end):
    return len(_returned(start, end, "on_time"))


@oracle("motcua.returned_late")
def _mc_late(core, start, end):
    return len(_returned(start, end, "late"))


@oracle("motcua.on_time_share")
def _mc_on_time_share(core, start, end):
    returned = _returned(start, end)
    return _pct(sum(1 for d in returned if d.timeliness in ("early", "on_time")), len(returned))


@oracle("motcua.avg_processing_days")
def _mc_avg_days(core, start, end):
    days = [d.processing_days or 0 for d in _returned(start, end)]
    return round(sum(days) / len(days), 2) if days else None


@oracle("motcua.apology_share")
def _mc_apology_share(core, start, end):
    """R-MC-15: a Mẫu 04 signed in time, and the result returned by the new date (no breach)."""
    from thanthien.plugins.motcua.models import ApologyRow
    signed = {a.dossier_id for a in ApologyRow.select() if a.state == "signed" and a.timely}
    late = _returned(start, end, "late")
    return _pct(sum(1 for d in late if d.id in signed and not d.breach), len(late))


@oracle("motcua.breaches")
def _mc_breaches(core, start, end):
    return sum(1 for d in _returned(start, end) if d.breach)


@oracle("motcua.satisfaction")
def _mc_satisfaction(core, start, end):
    from thanthien.plugins.motcua.models import RatingRow
    rated = [r.level for r in RatingRow.select() if _in(r.rated_at, start, end)]
    return _pct(sum(1 for lv in rated if lv in ("rat_hai_long", "hai_long")), len(rated))


# ---------------------------------------------------------------------------
# tiepdan (Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo; R-TD-02, R-TD-11)
# ---------------------------------------------------------------------------

STATUS_REPLY = "tra_loi_tiep_dan"  # a reply about a matter's progress is not a new matter


def _td_matters(start, end):
    from thanthien.plugins.tiepdan.models import MatterRow
    return [m for m in MatterRow.select() if m.kind != STATUS_REPLY and _in(m.received_at, start, end)]


def _td_clocks():
    from thanthien.plugins.tiepdan.models import ClockRow
    return list(ClockRow.select())


@oracle("tiepdan.received")
def _td_received(core, start, end):
    return len(_td_matters(start, end))


@oracle("tiepdan.visits")
def _td_visits(core, start, end):
    from thanthien.plugins.tiepdan.models import VisitRow
    return sum(1 for v in VisitRow.select() if _in(v.received_at, start, end))


@oracle("tiepdan.accepted")
def _td_accepted(core, start, end):
    """Matters (đơn) received in the period that were accepted (thụ lý) or taken in hand."""
    taken = {c.case_id for c in _td_clocks() if c.stage in ("accept", "take")}
    return sum(1 for m in _td_matters(start, end) if m.case_id in taken)


def _td_resolutions(start, end):
    return [c for c in _td_clocks() if c.stage in ("accept", "take") and _in(c.done_at, start, end)]


@oracle("tiepdan.resolved_on_time")
def _td_resolved_on_time(core, start, end):
    return sum(1 for c in _td_resolutions(start, end) if not c.late)


@oracle("tiepdan.resolved_late")
def _td_resolved_late(core, start, end):
    return sum(1 for c in _td_resolutions(start, end) if c.late)


@oracle("tiepdan.average_days")
def _td_average_days(core, start, end):
    from thanthien.plugins.tiepdan.models import MatterRow
    cases = {m.case_id for m in MatterRow.select() if m.kind != STATUS_REPLY}
    spans = [(r.closed_at - r.received_at).total_seconds() / 86400 for r in CaseRow.select()
             if r.id in cases and _in(r.closed_at, start, end)]
    return round(sum(spans) / len(spans), 1) if spans else None


@oracle("tiepdan.share_within_legal_time")
def _td_share(core, start, end):
    done = [c for c in _td_clocks() if _in(c.done_at, start, end)]
    return _pct(sum(1 for c in done if not c.late), len(done))


@oracle("tiepdan.reception_days_held")
def _td_days_held(core, start, end):
    from thanthien.plugins.tiepdan.models import SessionRow
    return len({s.day for s in SessionRow.select() if s.kind == "chairman" and s.state == "held"
                and _in(s.day, start, end)})


@oracle("tiepdan.reception_days_required")
def _td_days_required(core, start, end):
    """R-TD-02: at least ``min_days_per_week`` in every Monday–Sunday week of the period
    that has a working day inside the period."""
    total, monday = 0, start - dt.timedelta(days=start.weekday())
    while monday <= end:
        days = [monday + dt.timedelta(days=i) for i in range(7)]
        if any(start <= d <= end and core.calendar.is_working_day(d) for d in days):
            total += int(core.rules.value("R-TD-02.min_days_per_week", monday))
        monday += dt.timedelta(days=7)
    return total


# ---------------------------------------------------------------------------
# thamhoi (plan III.1.6; R-MC-15 for the apology letters)
# ---------------------------------------------------------------------------

@oracle("thamhoi.letters_sent")
def _th_letters_sent(core, start, end):
    from thanthien.plugins.thamhoi.models import LetterRow
    return sum(1 for r in LetterRow.select() if r.state == "sent" and _in(r.sent_at, start, end))


@oracle("thamhoi.late_apology_share")
def _th_late_apology_share(core, start, end):
    from thanthien.plugins.thamhoi.models import LetterRow
    drafted = [r for r in LetterRow.select() if r.event == "late_result" and _in(r.drafted_at, start, end)]
    return _pct(sum(1 for r in drafted if r.state == "sent"), len(drafted))


@oracle("thamhoi.respected_meetings")
def _th_meetings(core, start, end):
    from thanthien.plugins.thamhoi.models import ActivityRow
    return sum(1 for r in ActivityRow.select() if r.kind == "respected_meeting" and r.state == "done"
               and _in(r.done_at, start, end))


# ---------------------------------------------------------------------------
# thongbao: the outbox
# ---------------------------------------------------------------------------

def _outbox():
    return list(OutboxRow.select())


@oracle("thongbao.sent")
def _tb_sent(core, start, end):
    return sum(1 for m in _outbox() if m.state == "sent" and _in(m.sent_at, start, end))


@oracle("thongbao.failed")
def _tb_failed(core, start, end):
    return sum(1 for m in _outbox() if m.state in ("failed", "unconfirmed") and _in(m.created_at, start, end))


@oracle("thongbao.failed_share")
def _tb_failed_share(core, start, end):
    written = [m for m in _outbox() if _in(m.created_at, start, end) and m.state in ("sent", "failed", "unconfirmed")]
    return _pct(sum(1 for m in written if m.state != "sent"), len(written))


def _tb_channel(channel: str) -> Oracle:
    def compute(core, start, end):
        return sum(1 for m in _outbox() if m.state == "sent" and m.channel == channel and _in(m.sent_at, start, end))
    return compute


for _channel in ("email", "sms", "zalo", "print"):
    oracle(f"thongbao.sent_{_channel}")(_tb_channel(_channel))


# ---------------------------------------------------------------------------
# giamsat (R-GS-01, R-GS-02, R-GS-10)
# ---------------------------------------------------------------------------

#: R-GS-01: public investment, PPP, community-funded, sponsored and commune-budget projects
GS_FUNDING = {"dau_tu_cong", "ppp", "dong_gop_cong_dong", "tai_tro", "ngan_sach_xa"}


def _gs_projects(start, end) -> list[tuple[Any, bool]]:
    from thanthien.plugins.giamsat.models import BoardRow, ProjectRow
    boarded = {b.project_id for b in BoardRow.select() if b.established_on and b.established_on <= end}
    return [(p, p.id in boarded) for p in ProjectRow.select() if p.funding in GS_FUNDING
            and (p.start_on is None or p.start_on <= end) and (p.end_on is None or p.end_on >= start)]


@oracle("giamsat.coverage")
def _gs_coverage(core, start, end):
    projects = _gs_projects(start, end)
    return _pct(sum(1 for _, b in projects if b), len(projects))


@oracle("giamsat.projects_with_board")
def _gs_with(core, start, end):
    return sum(1 for _, b in _gs_projects(start, end) if b)


@oracle("giamsat.projects_without_board")
def _gs_without(core, start, end):
    return sum(1 for _, b in _gs_projects(start, end) if not b)


@oracle("giamsat.answers_late")
def _gs_answers_late(core, start, end):
    """Recommendations answered in the period after the case's R-GS-10 due date."""
    from thanthien.plugins.giamsat.models import RecommendationRow
    cases = {c.id: c for c in CaseRow.select()}
    out = 0
    for r in RecommendationRow.select():
        case = cases[r.case_id]
        if _in(r.answered_on, start, end) and case.state == "answered" and case.due_date \
                and case.closed_at and case.closed_at.date() > case.due_date:
            out += 1
    return out


# ---------------------------------------------------------------------------
# bieuquyet (plan III.2.2; R-BQ-01, R-BQ-09, R-BQ-13, R-BQ-28, R-BQ-35)
# ---------------------------------------------------------------------------

@oracle("bieuquyet.decided")
def _bq_decided(core, start, end):
    from thanthien.plugins.bieuquyet.models import MatterRow
    return sum(1 for m in MatterRow.select() if _in(m.decided_on, start, end))


@oracle("bieuquyet.forwarded_on_time")
def _bq_forwarded(core, start, end):
    """R-BQ-35: every decision passed in the period sent by its due date."""
    from thanthien.plugins.bieuquyet.models import MatterRow
    passed = [m for m in MatterRow.select() if _in(m.decided_on, start, end) and m.forward_due is not None]
    return _pct(sum(1 for m in passed if m.forwarded_on and m.forwarded_on <= m.forward_due), len(passed))


def _bq_participation(start, end) -> tuple[int, int, int, int]:
    """(households, informed, represented, voted) summed over the matters put to the people
    (created in the period, not draft or withdrawn), as shares of *all* the households of
    each matter's electorate (R-BQ-28): informed — documents delivered (R-BQ-13) or a
    ballot / online code issued (R-BQ-21, R-BQ-23); represented — at a meeting (R-BQ-09) or
    a ballot / online vote recorded; voted — a valid choice recorded."""
    from thanthien.core.models import HouseholdRow
    from thanthien.core.voting import VoteChoiceRow, VoteElectorRow, VoteRow
    from thanthien.plugins.bieuquyet.models import (
        AttendanceRow,
        DeliveryRow,
        MatterRow,
        MeetingRow,
        OneTimeCodeRow,
    )
    groups = [u.id for u in UnitRow.select() if u.kind in ("residential_group", "village") and u.active]
    households = [(h.id, h.group_id) for h in HouseholdRow.select() if h.active]
    all_votes = [(v.id, v.ref) for v in VoteRow.select()]
    all_electors = [(e.vote_id, e.household_id) for e in VoteElectorRow.select()]
    all_meetings = [(g.id, g.matter_id) for g in MeetingRow.select()]
    all_valid = [(c.vote_id, c.household_id, c.channel) for c in VoteChoiceRow.select()
                 if c.superseded_at is None and c.voided_at is None]
    all_deliveries = [(d.meeting_id, d.household_id) for d in DeliveryRow.select()]
    all_codes = [(c.purpose, c.household_id) for c in OneTimeCodeRow.select() if c.household_id is not None]
    all_attendance = [(a.meeting_id, a.household_id) for a in AttendanceRow.select() if a.withdrawn_at is None]
    totals = [0, 0, 0, 0]
    for m in MatterRow.select():
        if m.state in ("draft", "withdrawn") or not _in(m.created_at, start, end):
            continue
        votes = {v for v, ref in all_votes if ref == f"bieuquyet.matter:{m.id}"}
        electors = {h for v, h in all_electors if v in votes}
        if not electors:
            units = [m.unit_id] if m.unit_id else groups
            electors = {h for h, g in households if g in units}
        meetings = {g for g, matter in all_meetings if matter == m.id}
        valid = [(h, channel) for v, h, channel in all_valid if v in votes]
        codes = {f"ballot:{v}" for v in votes} | {f"vote:{v}" for v in votes}
        informed = {h for g, h in all_deliveries if g in meetings} | {h for p, h in all_codes if p in codes}
        represented = {h for g, h in all_attendance if g in meetings} | {
            h for h, channel in valid if channel != "meeting"}
        voted = {h for h, _ in valid}
        for i, part in enumerate((electors, informed, represented, voted)):
            totals[i] += len(electors & part)
    return tuple(totals)


def _bq_share(index: int) -> Oracle:
    def compute(core, start, end):
        parts = _bq_participation(start, end)
        return _pct(parts[index], parts[0])
    return compute


oracle("bieuquyet.informed_share")(_bq_share(1))
oracle("bieuquyet.represented_share")(_bq_share(2))
oracle("bieuquyet.voted_share")(_bq_share(3))


@oracle("bieuquyet.consultation_full_window")
def _bq_full_window(core, start, end):
    """R-YK-07: consultations published in the period open at least the minimum days."""
    from thanthien.plugins.bieuquyet.models_consultations import ConsultationRow
    rows = [r for r in ConsultationRow.select() if _in(r.published_on, start, end)]
    ok = sum(1 for r in rows if (r.ends_on - r.published_on).days >= int(core.rules.value("R-YK-07.min_days",
                                                                                          on=r.published_on)))
    return _pct(ok, len(rows))


@oracle("bieuquyet.consultation_explained")
def _bq_explained(core, start, end):
    """R-YK-08: consultations published whose window closed in the period (before today)
    with their results and explanation published."""
    from thanthien.plugins.bieuquyet.models_consultations import ConsultationRow
    last = min(end, dt.date.today() - dt.timedelta(days=1))
    rows = [r for r in ConsultationRow.select() if r.published_on is not None and start <= r.ends_on <= last]
    return _pct(sum(1 for r in rows if r.results_published_at is not None), len(rows))


@oracle("bieuquyet.consultation_comments")
def _bq_comments(core, start, end):
    from thanthien.plugins.bieuquyet.models_consultations import CommentRow
    return sum(1 for c in CommentRow.select() if _in(c.created_at, start, end))


# ---------------------------------------------------------------------------
# congkhai (R-CK-01..03, R-TT-08..10; plan III.1.1, III.2.1)
# ---------------------------------------------------------------------------

def _ck_published(start, end):
    return [n for n in NoticeRow.select() if _in(n.published_at, start, end)]


@oracle("congkhai.notices_published")
def _ck_published_count(core, start, end):
    return len(_ck_published(start, end))


def _ck_category(category: str) -> Oracle:
    def compute(core, start, end):
        return sum(1 for n in _ck_published(start, end) if n.category == category)
    return compute


for _cat in ART11_CATEGORIES:
    oracle(f"congkhai.notices_published.{_cat.key}")(_ck_category(_cat.key))


@oracle("congkhai.on_time_share")
def _ck_on_time(core, start, end):
    """R-CK-03: notices published in the period that had a deadline, published by it."""
    from thanthien.plugins.congkhai.models import NoticeMetaRow
    deadlines = {m.notice_id: m.deadline for m in NoticeMetaRow.select() if m.deadline is not None}
    rows = [(n.published_at.date(), deadlines[n.id]) for n in _ck_published(start, end) if n.id in deadlines]
    return _pct(sum(1 for published, deadline in rows if published <= deadline), len(rows))


@oracle("congkhai.placements_done_share")
def _ck_placements(core, start, end):
    """R-CK-02: each required place (kind, unit) of a notice published in the period, due by
    the period's end, posted by then."""
    from thanthien.plugins.congkhai.models import PostingRow, RequirementRow
    ids = {n.id for n in _ck_published(start, end)}
    posted = {(p.notice_id, p.kind, p.unit_id) for p in PostingRow.select() if p.posted_on <= end}
    reqs = [(r.notice_id, r.kind, r.unit_id) for r in RequirementRow.select()
            if r.notice_id in ids and r.due_date <= end]
    return _pct(sum(1 for r in reqs if r in posted), len(reqs))


@oracle("congkhai.group_coverage")
def _ck_group_coverage(core, start, end):
    """Plan III.2.1: active residential groups (thôn, tổ dân phố) with a conference on the
    law on grassroots democracy in the period."""
    from thanthien.plugins.congkhai.models import ConferenceRow
    groups = {u.id for u in UnitRow.select() if u.kind in ("residential_group", "village") and u.active}
    held = {c.unit_id for c in ConferenceRow.select() if c.kind == "dccs_law" and _in(c.held_on, start, end)}
    return _pct(len(groups & held), len(groups))


@oracle("congkhai.requests_on_time")
def _ck_requests(core, start, end):
    """R-TT-08..10: information requests (every channel, old keys too) closed in the period
    by their due date."""
    rows = [r for r in CaseRow.select() if (r.case_type.startswith("congkhai_ttt_") or r.case_type.startswith("ttt_"))
            and _in(r.closed_at, start, end)]
    return _pct(sum(1 for r in rows if r.due_date is None or r.closed_at.date() <= r.due_date), len(rows))


# ---------------------------------------------------------------------------
# congvu (plan III.1.4, III.1.5, III.3, IV.1; R-MC-19 for the paper forms)
# ---------------------------------------------------------------------------

def _cv_signed_off(start, end):
    from thanthien.plugins.congvu.models import TaskRow
    return [t for t in TaskRow.select() if t.state == "done" and _in(t.closed_at, start, end)]


@oracle("congvu.tasks_on_time")
def _cv_on_time(core, start, end):
    done = _cv_signed_off(start, end)
    return _pct(sum(1 for t in done if t.completed_at.date() <= t.deadline), len(done))


@oracle("congvu.tasks_with_evidence")
def _cv_evidence(core, start, end):
    from thanthien.plugins.congvu.models import EvidenceRow
    with_evidence = {e.task_id for e in EvidenceRow.select()}
    done = _cv_signed_off(start, end)
    return _pct(sum(1 for t in done if t.id in with_evidence), len(done))


@oracle("congvu.five_clarities_share")
def _cv_five(core, start, end):
    from thanthien.plugins.congvu.models import TaskRow
    tasks = [t for t in TaskRow.select() if _in(t.assigned_at, start, end)]
    full = sum(1 for t in tasks if t.assignee_id and t.title and t.leader_id and t.unit_id and t.deadline
               and t.expected_result)
    return _pct(full, len(tasks))


@oracle("congvu.extensions")
def _cv_extensions(core, start, end):
    from thanthien.plugins.congvu.models import TaskNoteRow
    return sum(1 for n in TaskNoteRow.select() if n.kind == "extended" and _in(n.at, start, end))


@oracle("congvu.items_late")
def _cv_items_late(core, start, end):
    """Items of active plans due in the period not done by their deadline: done later, or
    still open once the deadline has passed (by the period's end or today)."""
    from thanthien.plugins.congvu.models import ItemRow, PlanRow
    active = {p.id for p in PlanRow.select() if p.state == "active"}
    cutoff = min(dt.date.today() - dt.timedelta(days=1), end)
    out = 0
    for r in ItemRow.select():
        if r.plan_id not in active or r.state == "cancelled" or not _in(r.deadline, start, end):
            continue
        late_done = r.state == "done" and r.closed_at and r.closed_at.date() > r.deadline
        if late_done or (r.state == "open" and r.deadline <= cutoff):
            out += 1
    return out


@oracle("congvu.staff_disciplined")
def _cv_disciplined(core, start, end):
    from thanthien.plugins.congvu.models import DisciplineRow
    return len({d.person_id for d in DisciplineRow.select() if _in(d.decided_on, start, end)})


@oracle("congvu.breaches")
def _cv_breaches(core, start, end):
    from thanthien.plugins.congvu.models import BreachRow
    return sum(1 for b in BreachRow.select() if _in(b.occurred_on, start, end))


@oracle("congvu.checklist_score")
def _cv_checklist(core, start, end):
    from thanthien.plugins.congvu.models import ReviewRow
    reviews = sorted((r.reviewed_on, r.id, r.score) for r in ReviewRow.select() if _in(r.reviewed_on, start, end))
    return reviews[-1][2] if reviews else None


def _cv_reports(kind: str) -> Oracle:
    def compute(core, start, end):
        from thanthien.plugins.congvu.models import ReportRow
        return sum(1 for r in ReportRow.select() if r.kind == kind and _in(r.received_at, start, end))
    return compute


oracle("congvu.compliments")(_cv_reports("compliment"))
oracle("congvu.complaints")(_cv_reports("complaint"))


def _cv_batches(start, end):
    from thanthien.plugins.congvu.models import BatchRow
    return [b for b in BatchRow.select() if _in(b.period_end, start, end)]


@oracle("congvu.paper_ratings")
def _cv_paper(core, start, end):
    return sum(b.rat_hai_long + b.hai_long + b.khong_hai_long for b in _cv_batches(start, end))


@oracle("congvu.paper_ratings_satisfied")
def _cv_paper_happy(core, start, end):
    return sum(b.rat_hai_long + b.hai_long for b in _cv_batches(start, end))


@oracle("congvu.training_events")
def _cv_events(core, start, end):
    from thanthien.plugins.congvu.models import EventRow
    return sum(1 for e in EventRow.select() if e.state == "done" and _in(e.held_on, start, end))


# ---------------------------------------------------------------------------
# thanhtra (plan III.2.3a; R-PA-09, R-TTND-02, R-TTND-09, R-TTND-11, R-TTND-13)
# ---------------------------------------------------------------------------

def _tt_cases(case_type: str, start, end) -> list[Case]:
    return [to_type(Case, r) for r in CaseRow.select() if r.case_type == case_type and _in(r.received_at, start, end)]


@oracle("thanhtra.petitions_received")
def _tt_petitions(core, start, end):
    return len(_tt_cases("thanhtra_phan_anh", start, end))


@oracle("thanhtra.petitions_on_time")
def _tt_petitions_on_time(core, start, end):
    answered = [c for c in _tt_cases("thanhtra_phan_anh", start, end) if c.closed_at]
    return _pct(sum(1 for c in answered if c.timeliness() != "late"), len(answered))


@oracle("thanhtra.recommendations_sent")
def _tt_recs(core, start, end):
    return len(_tt_cases("thanhtra_kien_nghi", start, end))


@oracle("thanhtra.recommendations_on_time")
def _tt_recs_on_time(core, start, end):
    answered = [c for c in _tt_cases("thanhtra_kien_nghi", start, end) if c.state == "answered"]
    return _pct(sum(1 for c in answered if c.timeliness() != "late"), len(answered))


def _tt_inspections(start, end):
    from thanthien.plugins.thanhtra.models import InspectionRow
    return [i for i in InspectionRow.select() if _in(i.planned_on, start, end) and i.state != "cancelled"]


@oracle("thanhtra.inspections_planned")
def _tt_planned(core, start, end):
    return len(_tt_inspections(start, end))


@oracle("thanhtra.inspections_held")
def _tt_held(core, start, end):
    return sum(1 for i in _tt_inspections(start, end) if i.state == "held")


def _tt_term(end):
    from thanthien.plugins.thanhtra.models import TermRow
    terms = list(TermRow.select())
    running = [t for t in terms if t.start_on <= end <= t.end_on]
    return (running or sorted(terms, key=lambda t: t.start_on, reverse=True) or [None])[0]


@oracle("thanhtra.seats_filled")
def _tt_filled(core, start, end):
    """R-TTND-02: members of the term recognised by UB MTTQ and not gone at the period's end."""
    from thanthien.plugins.thanhtra.models import MemberRow
    term = _tt_term(end)
    if term is None:
        return 0
    return sum(1 for m in MemberRow.select() if m.term_id == term.id and m.recognised_on and m.recognised_on <= end
               and (m.left_on is None or m.left_on > end) and m.state != "elected")


@oracle("thanhtra.seats_required")
def _tt_required(core, start, end):
    """R-TTND-02: one member per active thôn / tổ dân phố, at least the minimum; a small
    commune at most its maximum."""
    groups = sum(1 for u in UnitRow.select() if u.kind in ("residential_group", "village") and u.active)
    rule = core.rules.value
    seats = max(groups * int(rule("R-TTND-02.members_per_community_unit", end)),
                int(rule("R-TTND-02.min_members", end)))
    if groups < int(rule("R-TTND-02.small_commune_below_units", end)):
        seats = min(seats, int(rule("R-TTND-02.small_commune_max_members", end)))
    return seats


# ---------------------------------------------------------------------------
# the test
# ---------------------------------------------------------------------------

def _rebuild(core) -> None:
    """What ``thanthien rollups rebuild`` does."""
    rebuild_rollups()
    for rollup in collect(core.pm.hook.register_rollups, settings=core.settings):
        rollup.rebuild()


def test_every_indicator_in_the_registry_has_an_oracle(core):
    keys = {i.key for i in core.indicators.all()}
    assert keys - set(ORACLES) == set(), "indicators without an independent oracle in test_truth_all.py"
    assert set(ORACLES) - keys == set(), "oracles of indicators no longer registered"
    assert {i.plugin for i in core.indicators.all()} == {p for p, _ in ORACLES.values()}


def test_every_indicator_equals_its_oracle_for_a_year_and_a_month(core, demo_ward):
    """One demo ward per database (building it is the slow part); every (module, key,
    oracle) of the table is checked and every disagreement reported at once."""
    today = demo_ward.today
    year = periods.period("year", today.year)
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    months = [periods.period("month", last_month.year, last_month.month),
              periods.period("month", today.year, today.month)]

    def check(when: str) -> None:
        wrong = {}
        for p in (year, *months):
            for key, (_, compute) in sorted(ORACLES.items()):
                got, want = core.indicators.value(key, p.start, p.end), compute(core, p.start, p.end)
                if got != want:
                    wrong[(p.label, key)] = (got, want)
        assert wrong == {}, f"{when}: (period, key) → (indicator, oracle)"

    check("as written")
    _rebuild(core)
    check("after rollups rebuild")
    # the demo exercises most of them: a zero everywhere would prove little
    exercised = {k for k, (_, compute) in ORACLES.items() if compute(core, year.start, year.end) not in (None, 0)}
    assert len(exercised) >= 0.8 * len(ORACLES), sorted(set(ORACLES) - exercised)
