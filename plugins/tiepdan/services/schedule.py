"""The reception schedule (lịch tiếp công dân): R-TD-01, R-TD-02, R-TD-04, R-TD-06, R-TD-07.

Sessions belong to the reception unit; planning and publishing need ``tiepdan.schedule``
over it. A published session is public (staff names only: a public office, never a
citizen's data) on the notice board, the website and the iCalendar feed.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Iterable

from markupsafe import escape

from thanthien.core import audit
from thanthien.core.errors import IllegalTransition, NotFound, ValidationError
from thanthien.core.models import to_type
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import SYSTEM_ACTOR, Actor

from ..models import SessionRow
from ..types import NOTICE_CATEGORY, P_RECEIVE, P_SCHEDULE, SESSION_KINDS, Coverage, ReceptionSession, WeekShortfall
from .common import (
    check_time,
    clean,
    config,
    person,
    previous_working_day,
    reception_place,
    reception_unit_id,
    roles_of,
    session_scope,
    unit_filter,
)

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def _session(row: SessionRow) -> ReceptionSession:
    return to_type(ReceptionSession, row, host_id=row.host_id, notice_id=row.notice_id,
                   moved_from_id=row.moved_from_id, attendees=tuple(row.attendees or ()))


def get_session(session_id: int) -> ReceptionSession:
    row = SessionRow.get_or_none(SessionRow.id == session_id)
    if row is None:
        raise NotFound(f"Không tìm thấy buổi tiếp công dân số {session_id}.")
    return _session(row)


def latest_publication_date(core: CoreServices, day: dt.date) -> dt.date:
    """R-TD-07: the last day the schedule of ``day`` may be posted (≥ 5 working days before)."""
    n = int(core.rules.value("R-TD-07.min_working_days_before", day))
    latest = day
    for _ in range(n):
        latest = previous_working_day(core.calendar, latest)
    return latest


def create_session(core: CoreServices, *, kind: str, day: dt.date | None, start_time: str, end_time: str,
                   place: str = "", host_id: int | None = None, attendees: Iterable[str] = (),
                   topics: str = "", actor: Actor = SYSTEM_ACTOR) -> ReceptionSession:
    """Plan a reception session (draft). The chairman's own day is hosted by the chairman:
    a deputy may host it only while delegation is allowed (R-TD-04, from 01/7/2026 not)."""
    unit_id = reception_unit_id(core)
    core.access.require(actor, P_SCHEDULE, unit_id)
    errors: list[tuple[str, str]] = []
    if kind not in SESSION_KINDS:
        errors.append(("kind", "Loại buổi tiếp không hợp lệ."))
    if not isinstance(day, dt.date):
        errors.append(("day", "Vui lòng nhập ngày tiếp (dd/mm/yyyy)."))
    start = check_time("start_time", start_time, errors)
    end = check_time("end_time", end_time, errors)
    if not errors and end <= start:
        errors.append(("end_time", "Giờ kết thúc phải sau giờ bắt đầu."))
    if isinstance(day, dt.date) and not core.calendar.is_working_day(day) and kind != "unscheduled":
        errors.append(("day", f"Ngày {format_date(day)} không phải ngày làm việc."))
    host = person(host_id)
    delegated = False
    host_title = ""
    if kind == "chairman":
        roles = roles_of(host_id)
        if host is None:
            errors.append(("host_id", "Vui lòng chọn người chủ trì buổi tiếp."))
        elif "chairperson" in roles:
            host_title = "Chủ tịch UBND"
        elif "vice_chairperson" in roles and isinstance(day, dt.date):
            if core.rules.value("R-TD-04.delegation_allowed", day):  # R-TD-04
                delegated, host_title = True, "Phó Chủ tịch UBND (được Chủ tịch ủy quyền)"
            else:
                errors.append(("host_id", f"Ngày {format_date(day)}, Chủ tịch UBND không được ủy quyền cho "
                                          "cấp phó tiếp công dân định kỳ (R-TD-04)."))
        else:
            errors.append(("host_id", "Buổi tiếp định kỳ do Chủ tịch UBND chủ trì."))
    elif host is not None:
        host_title = host.position
    attendees = [a.strip() for a in attendees if a and a.strip()]
    if errors:
        raise ValidationError(errors)
    place = clean(place) or reception_place(core)  # R-TD-01
    with write_transaction():
        row = SessionRow.create(kind=kind, day=day, start_time=start, end_time=end, place=place[:255],
                                host=host.id if host else None, host_name=host.full_name if host else "",
                                host_title=host_title, delegated=delegated, attendees=attendees,
                                topics=clean(topics), unit_id=unit_id)
        audit.record("tiepdan.session.create", "tiepdan_session", row.id, actor=actor,
                     after={"kind": kind, "day": day, "start": start, "host": row.host_name})
    return get_session(row.id)


def publish_session(core: CoreServices, session_id: int, *, actor: Actor = SYSTEM_ACTOR,
                    at: dt.datetime | None = None) -> tuple[ReceptionSession, list[str]]:
    """Post the session on the notice board and the website (R-TD-06) and check R-TD-07.

    Returns the session and the warnings: publishing later than five working days
    before the day is allowed (the reception still takes place) but warned about and
    recorded as ``published_late``.
    """
    when = at or now()
    with write_transaction():
        session = get_session(session_id)
        core.access.require(actor, P_SCHEDULE, session_scope(session))
        if session.state != "draft":
            raise IllegalTransition("Chỉ công khai được buổi tiếp đang ở dạng dự thảo.")
        if session.day < when.date():
            raise ValidationError([("day", f"Buổi tiếp ngày {format_date(session.day)} đã qua, không thể công khai.")])
        warnings = schedule_warnings(core, session, when.date())
        notice = core.notices.create(category=NOTICE_CATEGORY, title=notice_title(session),
                                     body_html=_notice_body(core, session), actor=actor,
                                     window_start=when.date(), window_end=session.day,
                                     channels=("niem_yet", "trang_thong_tin_dien_tu"))
        core.notices.publish(notice.id, actor=actor, at=when)
        SessionRow.update(state="published", published_at=when, published_late=bool(warnings),
                          notice=notice.id).where(SessionRow.id == session_id).execute()
        audit.record("tiepdan.session.publish", "tiepdan_session", session_id, actor=actor,
                     before={"state": "draft"}, after={"state": "published", "late": bool(warnings)},
                     reason="; ".join(warnings))
    return get_session(session_id), warnings


def schedule_warnings(core: CoreServices, session: ReceptionSession, publish_on: dt.date) -> list[str]:
    """R-TD-07 check: the chairman's schedule is posted ≥ 5 working days before the day."""
    if session.kind != "chairman":
        return []
    latest = latest_publication_date(core, session.day)
    if publish_on > latest:
        n = core.rules.value("R-TD-07.min_working_days_before", session.day)
        return [f"Lịch tiếp công dân ngày {format_date(session.day)} phải được công khai trước ít nhất "
                f"{n} ngày làm việc, tức chậm nhất ngày {format_date(latest)}; công khai ngày "
                f"{format_date(publish_on)} là muộn (R-TD-07)."]
    return []


def reschedule_session(core: CoreServices, session_id: int, *, day: dt.date, start_time: str | None = None,
                       end_time: str | None = None, reason: str, actor: Actor = SYSTEM_ACTOR,
                       at: dt.datetime | None = None) -> tuple[ReceptionSession, list[str]]:
    """Move a published session: the old one is marked moved (its notice withdrawn) and the
    new time is posted at once (R-TD-07 "nếu thay đổi thì công khai lịch mới")."""
    if not clean(reason):
        raise ValidationError([("reason", "Vui lòng ghi rõ lý do dời lịch.")])
    with write_transaction():
        old = get_session(session_id)
        core.access.require(actor, P_SCHEDULE, session_scope(old))
        if old.state != "published":
            raise IllegalTransition("Chỉ dời được buổi tiếp đã công khai và chưa diễn ra.")
        new = create_session(core, kind=old.kind, day=day, start_time=start_time or old.start_time,
                             end_time=end_time or old.end_time, place=old.place, host_id=old.host_id,
                             attendees=old.attendees, topics=old.topics, actor=actor)
        SessionRow.update(moved_from=old.id).where(SessionRow.id == new.id).execute()
        SessionRow.update(state="moved", moved_reason=clean(reason)).where(SessionRow.id == old.id).execute()
        if old.notice_id:
            core.notices.withdraw(old.notice_id, reason=f"Dời lịch sang ngày {format_date(day)}: {clean(reason)}",
                                  actor=actor)
        audit.record("tiepdan.session.move", "tiepdan_session", old.id, actor=actor,
                     before={"day": old.day}, after={"day": day, "new_session": new.id}, reason=clean(reason))
        return publish_session(core, new.id, actor=actor, at=at)


def mark_session_held(core: CoreServices, session_id: int, *, actor: Actor = SYSTEM_ACTOR) -> ReceptionSession:
    with write_transaction():
        session = get_session(session_id)
        core.access.require(actor, P_RECEIVE, session_scope(session))
        if session.state != "published":
            raise IllegalTransition("Chỉ ghi nhận đã tiếp cho buổi tiếp đã công khai.")
        SessionRow.update(state="held").where(SessionRow.id == session_id).execute()
        audit.record("tiepdan.session.held", "tiepdan_session", session_id, actor=actor,
                     before={"state": "published"}, after={"state": "held"})
    return get_session(session_id)


def notice_title(session: ReceptionSession) -> str:
    return (f"Lịch {session.kind_label.lower()} ngày {format_date(session.day)}"
            if session.kind != "chairman" else
            f"Lịch tiếp công dân định kỳ của Chủ tịch UBND ngày {format_date(session.day)}")


def _notice_body(core: CoreServices, session: ReceptionSession) -> str:
    lines = [
        f"Thời gian: từ {session.start_time} đến {session.end_time} ngày {format_date(session.day)}.",
        f"Địa điểm: {session.place}.",
        f"Người chủ trì: {session.host_name} – {session.host_title}." if session.host_name else "",
        f"Thành phần tham dự: {', '.join(session.attendees)}." if session.attendees else "",
        f"Nội dung dự kiến: {session.topics}." if session.topics else "",
        f"Thời gian tiếp công dân thường xuyên: {config(core).regular_hours}.",
    ]
    return "".join(f"<p>{escape(line)}</p>" for line in lines if line)


def sessions(start: dt.date, end: dt.date, *, drafts_of: set[int] | None | bool = False) -> list[ReceptionSession]:
    """Sessions from ``start`` to ``end``: the published ones (public), and with
    ``drafts_of`` the drafts of those units too (``None``: of every unit; from
    ``core.access.units_for(actor, "tiepdan.schedule")``)."""
    q = SessionRow.select().where(SessionRow.day >= start, SessionRow.day <= end)
    if drafts_of is False:
        q = q.where(SessionRow.state != "draft")
    elif drafts_of is not None:
        q = q.where((SessionRow.state != "draft") | unit_filter(SessionRow.unit_id, drafts_of))
    return [_session(r) for r in q.order_by(SessionRow.day, SessionRow.start_time, SessionRow.id)]


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ics_fold(line: str) -> list[str]:
    """RFC 5545 §3.1: lines of at most 75 octets, continued with a leading space."""
    out, current = [], ""
    for ch in line:
        if len((current + ch).encode("utf-8")) > (75 if not out else 74):
            out.append(current)
            current = ch
        else:
            current += ch
    out.append(current)
    return [out[0]] + [" " + part for part in out[1:]]


def schedule_ics(core: CoreServices, start: dt.date, end: dt.date) -> str:
    """An iCalendar feed (RFC 5545) of the published sessions, in UTC (Vietnam is UTC+7)."""
    ward = core.settings.ward
    stamp = now().strftime("%Y%m%dT%H%M%SZ")
    offset = dt.timedelta(hours=7)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//thanthien//tiepdan//VI", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_ics_text('Lịch tiếp công dân ' + ward.name)}"]
    for s in sessions(start, end):
        begin = dt.datetime.combine(s.day, dt.time.fromisoformat(s.start_time)) - offset
        finish = dt.datetime.combine(s.day, dt.time.fromisoformat(s.end_time)) - offset
        desc = [s.kind_label]
        if s.host_name:
            desc.append(f"Chủ trì: {s.host_name} ({s.host_title})")
        if s.attendees:
            desc.append("Thành phần: " + ", ".join(s.attendees))
        if s.topics:
            desc.append("Nội dung dự kiến: " + s.topics)
        if s.state == "moved":
            desc.append("Đã dời lịch: " + s.moved_reason)
        lines += ["BEGIN:VEVENT", f"UID:tiepdan-{s.id}@{ward.code.lower()}.thanthien",
                  f"DTSTAMP:{stamp}", f"DTSTART:{begin:%Y%m%dT%H%M%SZ}", f"DTEND:{finish:%Y%m%dT%H%M%SZ}",
                  f"SUMMARY:{_ics_text(notice_title(s))}", f"LOCATION:{_ics_text(s.place)}",
                  f"DESCRIPTION:{_ics_text(chr(10).join(desc))}",
                  f"STATUS:{'CANCELLED' if s.state in ('moved', 'cancelled') else 'CONFIRMED'}",
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    folded: list[str] = []
    for line in lines:
        folded += _ics_fold(line)
    return "\r\n".join(folded) + "\r\n"


def chairman_coverage(core: CoreServices, start: dt.date, end: dt.date) -> Coverage:
    """R-TD-02: the chairman receives citizens at least one day in every week.

    Weeks (Monday–Sunday) with no working day inside the period (a Tết week) require
    nothing. Returns the weeks short of the minimum with their counts.
    """
    cal = core.calendar
    days: dict[dt.date, set[dt.date]] = {}
    for s in sessions(start, end):
        if s.kind == "chairman" and s.state in ("published", "held"):
            days.setdefault(s.day - dt.timedelta(days=s.day.weekday()), set()).add(s.day)
    missing, required_total, weeks = [], 0, 0
    monday = start - dt.timedelta(days=start.weekday())
    while monday <= end:
        week_days = [monday + dt.timedelta(days=i) for i in range(7)]
        if any(start <= d <= end and cal.is_working_day(d) for d in week_days):
            weeks += 1
            need = int(core.rules.value("R-TD-02.min_days_per_week", monday))
            required_total += need
            have = len(days.get(monday, ()))
            if have < need:
                missing.append(WeekShortfall(monday, have, need))
        monday += dt.timedelta(days=7)
    return Coverage(weeks, required_total, missing)
