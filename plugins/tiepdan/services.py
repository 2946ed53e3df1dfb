"""Operations of the tiepdan plan module (nghiệp vụ tiếp công dân, giải quyết đơn thư).

The only code that writes the ``tiepdan_*`` tables. Every function takes the core
:class:`~thanthien.core.services.Services` bundle (``services``) and the acting
:class:`~thanthien.core.types.Actor`; every change happens in one write transaction with
its case events and audit entries, so a refused input stores nothing.

Sections: settings · reception schedule (R-TD-02, R-TD-04, R-TD-06, R-TD-07) · reception
register (R-TD-08 … R-TD-14) · matters and their clocks (R-KN, R-TC, R-PA) · identity
protection (R-TC-09, R-TC-10, R-DL-11) · public intake and tracking · dialogue
conferences (R-DT-01) · indicators.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any, Iterable

import attrs

from thanthien.core import audit
from thanthien.core.cases import kv_get, kv_set
from thanthien.core.counters import next_value
from thanthien.core.errors import (IllegalTransition, NotFound, PermissionDenied, ThanthienError,
                                   ValidationError)
from thanthien.core.models import CaseRow, PersonRow, RoleGrantRow, to_type
from thanthien.core.notices import NoticeService
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import SYSTEM_ACTOR, Actor, Case

from .models import (ClockRow, DialogueRow, MatterRow, PartyRow, QuestionRow, ReceiptRow, SessionRow,
                     ThrottleRow, TrackingRow, VisitRow)
from .types import (CHANNELS, CLASSIFICATIONS, COMPLAINT, COMPLAINT_REFUSAL_GROUNDS, COMPLEXITY,
                    DENUNCIATION, DENUNCIATION_REFUSAL_GROUNDS, MATTER_KINDS, PETITION,
                    RECEPTION_REFUSAL_GROUNDS, SESSION_KINDS, STATUS_REPLY, WRITTEN_REFUSAL_GROUNDS,
                    Clock, Dialogue, Party, Receipt, Session, Visit)

NOTICE_CATEGORY = "lich_tiep_cong_dan"
CITIZEN = Actor(None, "Công dân (cổng thông tin)", frozenset(), "citizen")

#: Operational settings of ``[plugin.tiepdan]`` (not legal numbers: those are rules).
DEFAULTS: dict[str, Any] = {
    "reception_place": "",            # R-TD-01: empty = the ward office address
    "regular_hours": "Sáng từ 7 giờ 30 đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ các ngày làm việc",
    "public_max_chars": 5000,         # longest feedback text accepted on the portal
    "public_rate_limit": 5,           # submissions per client address per window
    "public_rate_window_minutes": 60,
    "reopen_max": 2,                  # "not resolved" answers that reopen one matter
    "reopen_within_days": 30,         # days after the answer during which it may reopen
}

TIME_FORMAT_HELP = "Giờ theo dạng HH:MM, ví dụ 07:30."


class TooManyRequests(ThanthienError):
    """A client sent too many public submissions in the window (chống gửi dồn dập)."""

    code = "rate_limited"
    status = 429


def config(settings) -> dict[str, Any]:
    """``[plugin.tiepdan]`` merged over :data:`DEFAULTS`."""
    values = {**DEFAULTS, **settings.for_plugin("tiepdan")}
    if not values["reception_place"]:
        values["reception_place"] = settings.ward.address
    return values


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

def _clean(value: Any) -> str:
    return str(value or "").strip()


def _check_time(field: str, value: str, errors: list) -> str:
    value = _clean(value)
    try:
        hh, mm = value.split(":")
        dt.time(int(hh), int(mm))
    except ValueError:
        errors.append((field, TIME_FORMAT_HELP))
        return value
    return f"{int(hh):02d}:{int(mm):02d}"


def _person(person_id: int | None) -> PersonRow | None:
    return PersonRow.get_or_none(PersonRow.id == person_id) if person_id else None


def _roles(person_id: int | None) -> set[str]:
    if not person_id:
        return set()
    return {g.role for g in RoleGrantRow.select().where(RoleGrantRow.person == person_id)}


def chairman() -> PersonRow | None:
    """The Chủ tịch UBND (first active holder of the ``chairperson`` role)."""
    row = (PersonRow.select().join(RoleGrantRow, on=(RoleGrantRow.person == PersonRow.id))
           .where(RoleGrantRow.role == "chairperson", PersonRow.active == True)  # noqa: E712
           .order_by(PersonRow.id).first())
    return row


def previous_working_day(calendar, day: dt.date) -> dt.date:
    day -= dt.timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


# ---------------------------------------------------------------------------
# Reception schedule (lịch tiếp công dân): R-TD-01, R-TD-02, R-TD-04, R-TD-06, R-TD-07
# ---------------------------------------------------------------------------

def _session(row: SessionRow) -> Session:
    return to_type(Session, row, host_id=row.host_id, notice_id=row.notice_id,
                   moved_from_id=row.moved_from_id, attendees=tuple(row.attendees or ()))


def get_session(session_id: int) -> Session:
    row = SessionRow.get_or_none(SessionRow.id == session_id)
    if row is None:
        raise NotFound(f"Không tìm thấy buổi tiếp công dân số {session_id}.")
    return _session(row)


def latest_publication_date(services, day: dt.date) -> dt.date:
    """R-TD-07: the last day the schedule of ``day`` may be posted (≥ 5 working days before)."""
    n = int(services.rules.value("R-TD-07.min_working_days_before", day))
    latest = day
    for _ in range(n):
        latest = previous_working_day(services.calendar, latest)
    return latest


def create_session(services, *, kind: str, day: dt.date, start_time: str, end_time: str,
                   place: str = "", host_id: int | None = None, attendees: Iterable[str] = (),
                   topics: str = "", actor: Actor = SYSTEM_ACTOR) -> Session:
    """Plan a reception session (draft). The chairman's own day is hosted by the chairman:
    a deputy may host it only while delegation is allowed (R-TD-04, from 01/7/2026 not)."""
    services.access.can(actor, "tiepdan.schedule") or _deny()
    errors: list[tuple[str, str]] = []
    if kind not in SESSION_KINDS:
        errors.append(("kind", "Loại buổi tiếp không hợp lệ."))
    if not isinstance(day, dt.date):
        errors.append(("day", "Vui lòng nhập ngày tiếp (dd/mm/yyyy)."))
    start = _check_time("start_time", start_time, errors)
    end = _check_time("end_time", end_time, errors)
    if not errors and end <= start:
        errors.append(("end_time", "Giờ kết thúc phải sau giờ bắt đầu."))
    if isinstance(day, dt.date) and not services.calendar.is_working_day(day) and kind != "unscheduled":
        errors.append(("day", f"Ngày {format_date(day)} không phải ngày làm việc."))
    host = _person(host_id)
    delegated = False
    host_title = ""
    if kind == "chairman":
        roles = _roles(host_id)
        if host is None:
            errors.append(("host_id", "Vui lòng chọn người chủ trì buổi tiếp."))
        elif "chairperson" in roles:
            host_title = "Chủ tịch UBND"
        elif "vice_chairperson" in roles and isinstance(day, dt.date):
            if services.rules.value("R-TD-04.delegation_allowed", day):  # R-TD-04
                delegated, host_title = True, "Phó Chủ tịch UBND (được Chủ tịch ủy quyền)"
            else:
                errors.append(("host_id", "Từ ngày 01/7/2026, Chủ tịch UBND không được ủy quyền cho cấp "
                                          "phó tiếp công dân định kỳ (R-TD-04)."))
        else:
            errors.append(("host_id", "Buổi tiếp định kỳ do Chủ tịch UBND chủ trì."))
    elif host is not None:
        host_title = host.position
    attendees = [a.strip() for a in attendees if a and a.strip()]
    if errors:
        raise ValidationError(errors)
    place = _clean(place) or config(services.settings)["reception_place"]  # R-TD-01
    with write_transaction():
        row = SessionRow.create(kind=kind, day=day, start_time=start, end_time=end, place=place[:255],
                                host=host.id if host else None, host_name=host.full_name if host else "",
                                host_title=host_title, delegated=delegated, attendees=attendees,
                                topics=_clean(topics))
        audit.record("tiepdan.session.create", "tiepdan_session", row.id, actor=actor,
                     after={"kind": kind, "day": day, "start": start, "host": row.host_name})
    return get_session(row.id)


def publish_session(services, session_id: int, *, actor: Actor = SYSTEM_ACTOR,
                    at: dt.datetime | None = None) -> tuple[Session, list[str]]:
    """Post the session on the notice board and the website (R-TD-06) and check R-TD-07.

    Returns the session and the warnings: publishing later than five working days
    before the day is allowed (the reception still takes place) but warned about and
    recorded as ``published_late``.
    """
    services.access.can(actor, "tiepdan.schedule") or _deny()
    when = at or now()
    with write_transaction():
        session = get_session(session_id)
        if session.state != "draft":
            raise IllegalTransition("Chỉ công khai được buổi tiếp đang ở dạng dự thảo.")
        if session.day < when.date():
            raise ValidationError([("day", f"Buổi tiếp ngày {format_date(session.day)} đã qua, không thể công khai.")])
        warnings = schedule_warnings(services, session, when.date())
        notices = NoticeService(services.pm, services.settings)
        notice = notices.create(category=NOTICE_CATEGORY, title=_notice_title(session),
                                body_html=_notice_body(session, services), actor=actor,
                                window_start=when.date(), window_end=session.day,
                                channels=("niem_yet", "trang_thong_tin_dien_tu"))
        notices.publish(notice.id, actor=actor, at=when)
        SessionRow.update(state="published", published_at=when, published_late=bool(warnings),
                          notice=notice.id).where(SessionRow.id == session_id).execute()
        audit.record("tiepdan.session.publish", "tiepdan_session", session_id, actor=actor,
                     before={"state": "draft"}, after={"state": "published", "late": bool(warnings)},
                     reason="; ".join(warnings))
    return get_session(session_id), warnings


def schedule_warnings(services, session: Session, publish_on: dt.date) -> list[str]:
    """R-TD-07 check: the chairman's schedule is posted ≥ 5 working days before the day."""
    if session.kind != "chairman":
        return []
    latest = latest_publication_date(services, session.day)
    if publish_on > latest:
        n = services.rules.value("R-TD-07.min_working_days_before", session.day)
        return [f"Lịch tiếp công dân ngày {format_date(session.day)} phải được công khai trước ít nhất "
                f"{n} ngày làm việc, tức chậm nhất ngày {format_date(latest)}; công khai ngày "
                f"{format_date(publish_on)} là muộn (R-TD-07)."]
    return []


def reschedule_session(services, session_id: int, *, day: dt.date, start_time: str | None = None,
                       end_time: str | None = None, reason: str, actor: Actor = SYSTEM_ACTOR,
                       at: dt.datetime | None = None) -> tuple[Session, list[str]]:
    """Move a published session: the old one is marked moved (its notice withdrawn) and the
    new time is posted at once (R-TD-07 "nếu thay đổi thì công khai lịch mới")."""
    if not _clean(reason):
        raise ValidationError([("reason", "Vui lòng ghi rõ lý do dời lịch.")])
    with write_transaction():
        old = get_session(session_id)
        if old.state != "published":
            raise IllegalTransition("Chỉ dời được buổi tiếp đã công khai và chưa diễn ra.")
        new = create_session(services, kind=old.kind, day=day, start_time=start_time or old.start_time,
                             end_time=end_time or old.end_time, place=old.place, host_id=old.host_id,
                             attendees=old.attendees, topics=old.topics, actor=actor)
        SessionRow.update(moved_from=old.id).where(SessionRow.id == new.id).execute()
        SessionRow.update(state="moved", moved_reason=_clean(reason)).where(SessionRow.id == old.id).execute()
        if old.notice_id:
            NoticeService(services.pm, services.settings).withdraw(
                old.notice_id, reason=f"Dời lịch sang ngày {format_date(day)}: {_clean(reason)}", actor=actor)
        audit.record("tiepdan.session.move", "tiepdan_session", old.id, actor=actor,
                     before={"day": old.day}, after={"day": day, "new_session": new.id}, reason=_clean(reason))
        return publish_session(services, new.id, actor=actor, at=at)


def mark_session_held(services, session_id: int, *, actor: Actor = SYSTEM_ACTOR) -> Session:
    services.access.can(actor, "tiepdan.receive") or _deny()
    with write_transaction():
        session = get_session(session_id)
        if session.state != "published":
            raise IllegalTransition("Chỉ ghi nhận đã tiếp cho buổi tiếp đã công khai.")
        SessionRow.update(state="held").where(SessionRow.id == session_id).execute()
        audit.record("tiepdan.session.held", "tiepdan_session", session_id, actor=actor,
                     before={"state": "published"}, after={"state": "held"})
    return get_session(session_id)


def _notice_title(session: Session) -> str:
    return (f"Lịch {session.kind_label.lower()} ngày {format_date(session.day)}"
            if session.kind != "chairman" else
            f"Lịch tiếp công dân định kỳ của Chủ tịch UBND ngày {format_date(session.day)}")


def _notice_body(session: Session, services) -> str:
    from markupsafe import escape

    lines = [
        f"Thời gian: từ {session.start_time} đến {session.end_time} ngày {format_date(session.day)}.",
        f"Địa điểm: {session.place}.",
        f"Người chủ trì: {session.host_name} – {session.host_title}." if session.host_name else "",
        f"Thành phần tham dự: {', '.join(session.attendees)}." if session.attendees else "",
        f"Nội dung dự kiến: {session.topics}." if session.topics else "",
        f"Thời gian tiếp công dân thường xuyên: {config(services.settings)['regular_hours']}.",
    ]
    return "".join(f"<p>{escape(line)}</p>" for line in lines if line)


def sessions(start: dt.date, end: dt.date, *, include_drafts: bool = False) -> list[Session]:
    q = SessionRow.select().where(SessionRow.day >= start, SessionRow.day <= end)
    if not include_drafts:
        q = q.where(SessionRow.state != "draft")
    return [_session(r) for r in q.order_by(SessionRow.day, SessionRow.start_time, SessionRow.id)]


def public_schedule(services, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The public reception information (R-TD-06): place, regular hours, the chairman's days.

    Only staff names appear (người chủ trì, a public office); never a citizen's data.
    """
    cfg = config(services.settings)
    items = []
    for s in sessions(start, end):
        items.append({
            "id": s.id, "kind": s.kind, "kind_label": s.kind_label, "day": s.day.isoformat(),
            "day_display": format_date(s.day), "start_time": s.start_time, "end_time": s.end_time,
            "place": s.place, "host_name": s.host_name, "host_title": s.host_title,
            "attendees": list(s.attendees), "topics": s.topics, "state": s.state,
            "state_label": s.state_label, "moved_from_id": s.moved_from_id, "moved_reason": s.moved_reason,
            "published_at": s.published_at.isoformat() if s.published_at else None,
        })
    return {"place": cfg["reception_place"], "regular_hours": cfg["regular_hours"],
            "from": start.isoformat(), "to": end.isoformat(), "sessions": items}


def _ics_text(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n"))


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


def schedule_ics(services, start: dt.date, end: dt.date) -> str:
    """An iCalendar feed (RFC 5545) of the published sessions, in UTC (Vietnam is UTC+7)."""
    ward = services.settings.ward
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
                  f"SUMMARY:{_ics_text(_notice_title(s))}", f"LOCATION:{_ics_text(s.place)}",
                  f"DESCRIPTION:{_ics_text(chr(10).join(desc))}",
                  f"STATUS:{'CANCELLED' if s.state in ('moved', 'cancelled') else 'CONFIRMED'}",
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    folded: list[str] = []
    for line in lines:
        folded += _ics_fold(line)
    return "\r\n".join(folded) + "\r\n"


def chairman_coverage(services, start: dt.date, end: dt.date) -> dict[str, Any]:
    """R-TD-02: the chairman receives citizens at least one day in every week.

    Weeks (Monday–Sunday) with no working day inside the period (a Tết week) require
    nothing. Returns the weeks short of the minimum with their counts.
    """
    cal = services.calendar
    days = {}
    for s in sessions(start, end):
        if s.kind == "chairman" and s.state in ("published", "held"):
            days.setdefault(s.day - dt.timedelta(days=s.day.weekday()), set()).add(s.day)
    missing, required_total, weeks = [], 0, 0
    monday = start - dt.timedelta(days=start.weekday())
    while monday <= end:
        week_days = [monday + dt.timedelta(days=i) for i in range(7)]
        if any(start <= d <= end and cal.is_working_day(d) for d in week_days):
            weeks += 1
            need = int(services.rules.value("R-TD-02.min_days_per_week", monday))
            required_total += need
            have = len(days.get(monday, ()))
            if have < need:
                missing.append({"week_start": monday.isoformat(), "have": have, "need": need})
        monday += dt.timedelta(days=7)
    return {"weeks": weeks, "required": required_total, "missing": missing}


# ---------------------------------------------------------------------------
# Reception register (sổ tiếp công dân): R-TD-08, R-TD-09, R-TD-11, R-TD-12, R-TD-14
# ---------------------------------------------------------------------------

PARTY_FIELDS = ("full_name", "address", "phone", "email", "citizen_id", "handwriting")


def _visit(row: VisitRow) -> Visit:
    return to_type(Visit, row, number=f"{row.seq:04d}/{row.year}", case_id=row.case_id,
                   reply_case_id=row.reply_case_id, session_id=row.session_id)


def get_visit(visit_id: int) -> Visit:
    row = VisitRow.get_or_none(VisitRow.id == visit_id)
    if row is None:
        raise NotFound(f"Không tìm thấy lượt tiếp số {visit_id}.")
    return _visit(row)


def _party_errors(prefix: str, data: dict, *, require_contact: bool) -> list[tuple[str, str]]:
    errors = []
    unknown = set(data) - set(PARTY_FIELDS)
    for key in sorted(unknown):
        errors.append((f"{prefix}.{key}", "Trường không được hỗ trợ."))
    if not _clean(data.get("full_name")):
        errors.append((f"{prefix}.full_name", "Vui lòng nhập họ và tên."))
    if require_contact and not _clean(data.get("address")):
        errors.append((f"{prefix}.address", "Vui lòng nhập địa chỉ."))
    limits = {"full_name": 120, "address": 255, "phone": 20, "email": 255, "citizen_id": 12, "handwriting": 2000}
    for key, n in limits.items():
        if len(_clean(data.get(key))) > n:
            errors.append((f"{prefix}.{key}", f"Nội dung dài quá {n} ký tự."))
    phone = _clean(data.get("phone")).replace(" ", "").replace(".", "")
    if phone and (not phone.lstrip("+").isdigit() or not 9 <= len(phone.lstrip("+")) <= 12):
        errors.append((f"{prefix}.phone", "Số điện thoại không hợp lệ."))
    cid = _clean(data.get("citizen_id"))
    if cid and (not cid.isdigit() or len(cid) not in (9, 12)):
        errors.append((f"{prefix}.citizen_id", "Số định danh cá nhân gồm 12 chữ số (CMND cũ: 9 chữ số)."))
    email = _clean(data.get("email"))
    if email and ("@" not in email or " " in email):
        errors.append((f"{prefix}.email", "Địa chỉ thư điện tử không hợp lệ."))
    return errors


def representative_errors(services, headcount: int, representatives: int, on: dt.date) -> list[tuple[str, str]]:
    """R-TD-14: 5–10 people with the same content → 1–2 representatives; > 10 → at most 5."""
    r = services.rules
    small_min = int(r.value("R-TD-14.small_group_min", on))
    small_max = int(r.value("R-TD-14.small_group_max", on))
    rep_min = int(r.value("R-TD-14.small_group_representatives_min", on))
    if headcount < small_min:
        return []
    if headcount <= small_max:
        low, high = rep_min, int(r.value("R-TD-14.small_group_representatives_max", on))
    else:
        low, high = rep_min, int(r.value("R-TD-14.max_representatives", on))
    if not low <= representatives <= high:
        return [("representatives", f"Đoàn {headcount} người cùng nội dung phải cử từ {low} đến {high} người "
                                    f"đại diện (R-TD-14); đã khai {representatives} người.")]
    return []


def record_visit(services, *, summary: str, classification: str, visitor: dict, headcount: int = 1,
                 representatives: list[dict] = (), request: str = "", prior_handling: str = "",
                 received_at: dt.datetime | None = None, session_id: int | None = None,
                 citizen_signed: bool = False, matter: dict | None = None,
                 actor: Actor = SYSTEM_ACTOR) -> Visit:
    """Record a visit in the register (R-TD-11) and start the law's clock for it.

    ``classification`` is one of R-TD-11's five keys. A complaint, a denunciation or a
    petition opens its case (``matter`` holds its own fields: ``subject``, ``accused``,
    ``decision_known_on`` …); a complaint or denunciation also opens the status reply
    due within 10 working days (R-TD-13). A policy question is answered on the spot.
    For a group (đoàn đông người) ``visitor`` is the first representative and
    ``representatives`` the others (R-TD-14).
    """
    services.access.can(actor, "tiepdan.receive") or _deny()
    when = received_at or now()
    errors: list[tuple[str, str]] = []
    summary = _clean(summary)
    if not summary:
        errors.append(("summary", "Vui lòng ghi tóm tắt nội dung vụ việc."))
    if classification not in CLASSIFICATIONS:
        errors.append(("classification", "Vui lòng phân loại: khiếu nại, tố cáo, kiến nghị, phản ánh "
                                         "hoặc hỏi chính sách."))
    if not isinstance(headcount, int) or headcount < 1:
        errors.append(("headcount", "Số người phải từ 1 trở lên."))
        headcount = 1
    errors += _party_errors("visitor", visitor or {}, require_contact=classification != "hoi_chinh_sach")
    for i, rep in enumerate(representatives or ()):
        errors += _party_errors(f"representatives.{i}", rep, require_contact=False)
    errors += representative_errors(services, headcount, 1 + len(representatives or ()), when.date())
    if session_id is not None and SessionRow.get_or_none(SessionRow.id == session_id) is None:
        errors.append(("session_id", "Buổi tiếp không tồn tại."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        seq = next_value(f"tiepdan:visit:{when.year}")
        officer = _person(actor.person_id)
        row = VisitRow.create(year=when.year, seq=seq, received_at=when, session=session_id,
                              headcount=headcount, summary=summary, prior_handling=_clean(prior_handling),
                              request=_clean(request), classification=classification,
                              officer=officer.id if officer else None, officer_name=actor.name,
                              citizen_signed=bool(citizen_signed),
                              handling="tra_loi_truc_tiep" if classification == "hoi_chinh_sach" else "")
        confidential = classification == "to_cao"
        role = "denouncer" if confidential else "applicant"
        PartyRow.create(visit=row.id, role=role, confidential=confidential,
                        **{k: _clean(visitor.get(k)) for k in PARTY_FIELDS})
        for rep in representatives or ():
            PartyRow.create(visit=row.id, role="representative", confidential=confidential,
                            **{k: _clean(rep.get(k)) for k in PARTY_FIELDS})
        audit.record("tiepdan.visit.record", "tiepdan_visit", row.id, actor=actor,
                     after={"number": f"{seq:04d}/{when.year}", "classification": classification,
                            "headcount": headcount})
        kind = {"khieu_nai": COMPLAINT, "to_cao": DENUNCIATION, "kien_nghi": PETITION,
                "phan_anh": PETITION}.get(classification)
        if kind is not None:
            m = dict(matter or {})
            m.setdefault("subject", summary)
            m.setdefault("content", summary + ("\n" + _clean(request) if request else ""))
            case = open_matter(services, kind, channel="truc_tiep", parties=[visitor, *representatives],
                               received_at=when, actor=actor, visit_id=row.id, **m)
            updates = {"case": case.id, "handling": "tiep_nhan_don"}
            if kind in (COMPLAINT, DENUNCIATION):  # R-TD-13 (petitions carry it as their own clock)
                reply = services.cases.open(STATUS_REPLY, f"Trả lời công dân về hồ sơ {case.number}",
                                            actor=actor, received_at=when, data={"case_id": case.id})
                MatterRow.create(case=reply.id, kind=STATUS_REPLY, channel="truc_tiep", received_at=when,
                                 visit=row.id, parent=case.id)
                _clock_start(reply, "open", "R-TD-13", when)
                updates["reply_case"] = reply.id
            VisitRow.update(**updates).where(VisitRow.id == row.id).execute()
    return get_visit(row.id)


def refuse_visit(services, *, ground: str, summary: str, visitor: dict, explanation: str = "",
                 legal_basis: str = "", classification: str = "khieu_nai", received_at: dt.datetime | None = None,
                 actor: Actor = SYSTEM_ACTOR) -> Visit:
    """Refuse to receive a person on a ground of R-TD-08; ground (3) is notified in writing
    (R-TD-09, Mẫu 01-TCD), others may be. The refusal is still entered in the register."""
    services.access.can(actor, "tiepdan.receive") or _deny()
    errors = []
    if ground not in RECEPTION_REFUSAL_GROUNDS:
        errors.append(("ground", "Chỉ được từ chối tiếp theo một trong các trường hợp của Điều 9 Luật "
                                 "Tiếp công dân (R-TD-08)."))
    if ground == "ly_do_khac" and not _clean(legal_basis):
        errors.append(("legal_basis", "Vui lòng ghi căn cứ pháp luật của việc từ chối."))
    if not _clean(summary):
        errors.append(("summary", "Vui lòng ghi tóm tắt sự việc."))
    if classification not in CLASSIFICATIONS:
        errors.append(("classification", "Phân loại không hợp lệ."))
    errors += _party_errors("visitor", visitor or {}, require_contact=False)
    if errors:
        raise ValidationError(errors)
    when = received_at or now()
    with write_transaction():
        seq = next_value(f"tiepdan:visit:{when.year}")
        officer = _person(actor.person_id)
        row = VisitRow.create(year=when.year, seq=seq, received_at=when, summary=_clean(summary),
                              classification=classification, handling="tu_choi", refusal_ground=ground,
                              handling_note=_clean(explanation or legal_basis),
                              officer=officer.id if officer else None, officer_name=actor.name)
        PartyRow.create(visit=row.id, role="applicant", **{k: _clean(visitor.get(k)) for k in PARTY_FIELDS})
        doc = None
        if ground in WRITTEN_REFUSAL_GROUNDS or ground == "ly_do_khac":
            reason = RECEPTION_REFUSAL_GROUNDS[ground] + (f" ({_clean(legal_basis)})" if legal_basis else "")
            paragraphs = [
                f"Ngày {format_date(when)}, {services.settings.ward.committee_name.title()} tiếp nhận việc "
                f"ông/bà {_clean(visitor.get('full_name'))} đến nơi tiếp công dân với nội dung: {_clean(summary)}.",
                f"Căn cứ Điều 9 Luật Tiếp công dân năm 2013, Ủy ban nhân dân thông báo từ chối tiếp công dân "
                f"đối với ông/bà {_clean(visitor.get('full_name'))} vì lý do: {reason}.",
            ]
            if explanation:
                paragraphs.append(_clean(explanation))
            doc = _issue(services, "thong_bao", subject="Từ chối tiếp công dân", paragraphs=paragraphs,
                         recipients=[f"Ông/bà {_clean(visitor.get('full_name'))}", "Lưu hồ sơ tiếp công dân"],
                         actor=actor, issued_on=when.date(),
                         bases=["Căn cứ Luật Tiếp công dân ngày 25 tháng 11 năm 2013"])
            VisitRow.update(document_id=doc.id).where(VisitRow.id == row.id).execute()
        audit.record("tiepdan.visit.refuse", "tiepdan_visit", row.id, actor=actor,
                     after={"number": f"{seq:04d}/{when.year}", "ground": ground,
                            "document_id": doc.id if doc else None})
    return get_visit(row.id)


def issue_receipt(services, *, items: list[str], visit_id: int | None = None, case_id: int | None = None,
                  actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None) -> Receipt:
    """A receipt for the documents and evidence handed in (giấy biên nhận, R-TD-12): two
    copies for a complaint, three for a denunciation."""
    services.access.can(actor, "tiepdan.receive") or _deny()
    items = [_clean(i) for i in items or () if _clean(i)]
    errors = []
    if not items:
        errors.append(("items", "Vui lòng liệt kê giấy tờ, tài liệu, chứng cứ đã nhận."))
    if visit_id is None and case_id is None:
        errors.append(("case_id", "Giấy biên nhận phải gắn với một lượt tiếp hoặc một hồ sơ."))
    if errors:
        raise ValidationError(errors)
    when = at or now()
    kind = None
    if case_id is not None:
        kind = services.cases.get(case_id).case_type
    elif visit_id is not None:
        v = get_visit(visit_id)
        kind = services.cases.get(v.case_id).case_type if v.case_id else None
    key = "R-TD-12.copies_denunciation" if kind == DENUNCIATION else "R-TD-12.copies_complaint"
    copies = int(services.rules.value(key, when.date()))
    with write_transaction():
        seq = next_value(f"tiepdan:receipt:{when.year}")
        row = ReceiptRow.create(year=when.year, seq=seq, visit=visit_id, case=case_id, items=items,
                                copies=copies, issued_at=when, officer_name=actor.name)
        audit.record("tiepdan.receipt.issue", "tiepdan_receipt", row.id, actor=actor,
                     after={"number": f"{seq:04d}/{when.year}", "items": len(items), "copies": copies})
    return Receipt(row.id, f"{seq:04d}/{when.year}", tuple(items), copies, when, actor.name)


def register(start: dt.date, end: dt.date, *, limit: int = 500) -> list[Visit]:
    """The reception register over a period (without identities: see :func:`visit_parties`)."""
    q = (VisitRow.select().where(VisitRow.received_at >= dt.datetime.combine(start, dt.time.min),
                                 VisitRow.received_at <= dt.datetime.combine(end, dt.time.max))
         .order_by(VisitRow.year, VisitRow.seq).limit(limit))
    return [_visit(r) for r in q]


# ---------------------------------------------------------------------------
# Matters (đơn thư) and their clocks
# ---------------------------------------------------------------------------

def _rule_of(policy, case: Case) -> str:
    amount = policy.amount(case) if callable(policy.amount) else policy.amount
    return amount.split(".")[0]


def _clock_start(case: Case, stage: str, rule: str, at: dt.datetime) -> None:
    if case.due_date is not None:
        ClockRow.create(case=case.id, stage=stage, rule=rule, started_at=at, due_date=case.due_date)


def _clock_finish(case_id: int, at: dt.datetime, *, due: dt.date | None = None, rule: str | None = None) -> None:
    """End the running clock of a case; ``due``/``rule`` replace it when another clock
    governs the step taken (forwarding within 5 working days, R-TC-04, R-PA-06)."""
    row = (ClockRow.select().where(ClockRow.case == case_id, ClockRow.done_at.is_null(True))
           .order_by(ClockRow.id.desc()).first())
    if row is None:
        return
    changes: dict[str, Any] = {"done_at": at}
    due = due or row.due_date
    changes.update(due_date=due, late=at.date() > due)
    if rule:
        changes["rule"] = rule
    ClockRow.update(**changes).where(ClockRow.id == row.id).execute()


def clocks(case_id: int) -> list[Clock]:
    return [to_type(Clock, r) for r in ClockRow.select().where(ClockRow.case == case_id).order_by(ClockRow.id)]


def _tracking_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
    while True:
        code = "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))
        if TrackingRow.get_or_none(TrackingRow.code == code) is None:
            return code


def filing_deadline(services, known_on: dt.date, excused_days: int = 0) -> dt.date:
    """R-KN-01: a complaint is filed within 90 days of learning of the decision or act; days
    lost to illness, disaster or travel (``excused_days``) do not count."""
    n = int(services.rules.value("R-KN-01.days", known_on))
    # Counted from the day after the citizen learnt of it (R-LV-11), not from a receipt at an
    # office, so no shift to a working day at the start; a last day off moves on (R-LV-12).
    due = known_on + dt.timedelta(days=n + max(int(excused_days or 0), 0))
    return due if services.calendar.is_working_day(due) else services.calendar.next_working_day(due)


def open_matter(services, kind: str, *, subject: str, channel: str, parties: list[dict], content: str = "",
                accused: str = "", received_at: dt.datetime | None = None, actor: Actor = SYSTEM_ACTOR,
                visit_id: int | None = None, complexity: str = "simple", multi_site: bool = False,
                decision_known_on: dt.date | None = None, excused_days: int = 0,
                owner_id: int | None = None, anonymous: bool = False, has_evidence: bool = False,
                parent_case_id: int | None = None) -> Case:
    """Open a complaint, denunciation or petition with its first clock and tracking code.

    * complaint: R-KN-01 filing limit is checked (``decision_known_on``) and recorded;
      acceptance is due within R-KN-02.
    * denunciation: initial handling within R-TC-03 (``multi_site`` → the longer period);
      forwarding, when not competent, within R-TC-04. An anonymous or pseudonymous letter
      is not a denunciation (R-TC-05): with clear content and evidence it is opened as
      information to inspect (a petition case flagged ``anonymous_denunciation``),
      otherwise it is refused here.
    * petition: status reply within R-PA-07, forwarding within R-PA-06.
    """
    when = received_at or now()
    errors: list[tuple[str, str]] = []
    if kind not in (COMPLAINT, DENUNCIATION, PETITION):
        errors.append(("kind", "Loại đơn không hợp lệ."))
    if channel not in CHANNELS:
        errors.append(("channel", "Kênh tiếp nhận không hợp lệ."))
    if complexity not in COMPLEXITY:
        errors.append(("complexity", "Tính chất vụ việc không hợp lệ."))
    if not _clean(subject):
        errors.append(("subject", "Vui lòng nhập trích yếu nội dung đơn."))
    elif len(_clean(subject)) > 500:
        errors.append(("subject", "Trích yếu dài quá 500 ký tự."))
    if kind == DENUNCIATION and anonymous:  # R-TC-05
        if not (has_evidence and _clean(content)):
            raise ValidationError([("anonymous", "Đơn tố cáo nặc danh, mạo danh không được xử lý là tố cáo; "
                                                 "nội dung không rõ ràng, không có thông tin, tài liệu, chứng "
                                                 "cứ cụ thể nên không có cơ sở để kiểm tra (R-TC-05).")])
        kind, parties = PETITION, []
    elif kind in (COMPLAINT, DENUNCIATION, PETITION) and not (kind == PETITION and channel == "hom_thu"):
        if not parties:
            errors.append(("parties", "Vui lòng nhập họ tên, địa chỉ người gửi đơn (R-TC-02, R-PA-03)."))
        for i, p in enumerate(parties):
            errors += _party_errors(f"parties.{i}", p, require_contact=(i == 0))
    if kind == COMPLAINT and decision_known_on is None:
        errors.append(("decision_known_on", "Vui lòng nhập ngày nhận được hoặc biết được quyết định, hành vi "
                                            "bị khiếu nại (để tính thời hiệu, R-KN-01)."))
    if errors:
        raise ValidationError(errors)
    data: dict[str, Any] = {"channel": channel, "complexity": complexity}
    if kind == DENUNCIATION:
        data["multi_site"] = bool(multi_site)
        data["forward_due"] = services.calendar.add_working_days(
            when, int(services.rules.value("R-TC-04.max_working_days", when.date())), None).isoformat()
    if kind == PETITION:
        data["forward_due"] = services.calendar.add_working_days(
            when, int(services.rules.value("R-PA-06.max_working_days", when.date())), None).isoformat()
        if anonymous:
            data["anonymous_denunciation"] = True  # R-TC-05
    if kind == COMPLAINT:
        limit = filing_deadline(services, decision_known_on, excused_days)
        data.update(decision_known_on=decision_known_on.isoformat(), excused_days=int(excused_days or 0),
                    filing_deadline=limit.isoformat(), filing_late=when.date() > limit)  # R-KN-01
    confidential_parties = kind == DENUNCIATION
    with write_transaction():
        case = services.cases.open(kind, _clean(subject), actor=actor, received_at=when, data=data,
                                   owner_id=owner_id)
        MatterRow.create(case=case.id, kind=kind, channel=channel, received_at=when, content=_clean(content),
                         accused=_clean(accused), visit=visit_id, parent=parent_case_id)
        for i, p in enumerate(parties):
            PartyRow.create(case=case.id, role=("denouncer" if confidential_parties else "applicant")
                            if i == 0 else "representative", confidential=confidential_parties,
                            **{k: _clean(p.get(k)) for k in PARTY_FIELDS})
        ct = services.cases.case_type(kind)
        _clock_start(case, "open", _rule_of(ct.deadline, case), when)
        TrackingRow.create(code=_tracking_code(), case=case.id)
    return case


def tracking_code(case_id: int) -> str:
    row = TrackingRow.select().where(TrackingRow.case == case_id).order_by(TrackingRow.id).first()
    return row.code if row else ""


def _matter(case_id: int) -> MatterRow:
    row = MatterRow.get_or_none(MatterRow.case == case_id)
    if row is None:
        raise NotFound(f"Hồ sơ số {case_id} không thuộc phân hệ tiếp công dân.")
    return row


def can_handle(actor: Actor | None, case: Case) -> bool:
    """R-TC-10: who may see and act on a denunciation's content — the assigned handler and
    the chairman; every other staff member sees its number and subject only."""
    if actor is None or actor.kind != "staff":
        return actor is not None and actor.kind == "system" and not case.confidential
    if actor.has_role("chairperson"):
        return True
    if case.confidential:
        return actor.person_id is not None and actor.person_id == case.owner_id
    return True


def _guard(services, actor: Actor, case: Case) -> None:
    if actor.kind == "system":
        return
    if not can_handle(actor, case):
        raise PermissionDenied("Chỉ người được giao xử lý và Chủ tịch UBND được thao tác trên hồ sơ này "
                               "(bảo vệ người tố cáo, R-TC-10).")


def step(services, case_id: int, name: str, *, actor: Actor = SYSTEM_ACTOR, note: str = "",
         data: dict | None = None, at: dt.datetime | None = None, clock_due: dt.date | None = None,
         clock_rule: str | None = None) -> Case:
    """Take a transition and keep the plugin's clocks in step (same transaction)."""
    when = at or now()
    with write_transaction():
        case = services.cases.get(case_id)
        _guard(services, actor, case)
        ct = services.cases.case_type(case.case_type)
        tr = ct.transition(name)
        new = services.cases.transition(case_id, name, actor=actor, note=note, data=data, at=when)
        _clock_finish(case_id, when, due=clock_due, rule=clock_rule)
        if tr is not None and tr.deadline is not None:
            _clock_start(new, name, _rule_of(tr.deadline, new), when)
        if ct.state(new.state).final:
            audit.record("tiepdan.matter.close", "case", case_id, actor=actor,
                         after={"state": new.state, "number": new.number})
    return new


def assign(services, case_id: int, owner_id: int, *, actor: Actor = SYSTEM_ACTOR, note: str = "") -> Case:
    """Assign the handler (người được giao xử lý); only leaders assign a denunciation."""
    case = services.cases.get(case_id)
    if case.confidential and not (actor.kind == "system" or actor.has_role("chairperson")
                                  or actor.has_role("vice_chairperson")):
        raise PermissionDenied("Chỉ lãnh đạo UBND được giao xử lý đơn tố cáo.")
    if _person(owner_id) is None or not _person(owner_id).is_staff:
        raise ValidationError([("owner_id", "Người được giao phải là cán bộ, công chức.")])
    return services.cases.update(case_id, actor=actor, owner_id=owner_id, note=note or "Giao xử lý")


def _notify_reply(services, case: Case, actor: Actor, text: str, document_id: int | None, when: dt.datetime) -> None:
    """Close the R-TD-13 status reply of a matter received at reception, if still open."""
    matter = _matter(case.id)
    if matter.visit_id is None:
        return
    visit = VisitRow.get_by_id(matter.visit_id)
    if visit.reply_case_id is None:
        return
    reply = services.cases.get(visit.reply_case_id)
    if reply.is_open:
        step(services, reply.id, "reply", actor=SYSTEM_ACTOR if actor.kind == "system" else actor,
             note=text, data={"document_id": document_id}, at=when)


# -- complaints (khiếu nại) ------------------------------------------------------------

def accept_complaint(services, case_id: int, *, actor: Actor, complexity: str | None = None,
                     at: dt.datetime | None = None) -> Case:
    """Accept (thụ lý) a complaint, R-KN-02; the resolution clock R-KN-04 starts (complex and
    remote-area variants). The acceptance notice goes to the complainant (R-KN-02)."""
    when = at or now()
    data = {"complexity": complexity} if complexity else None
    if complexity and complexity not in COMPLEXITY:
        raise ValidationError([("complexity", "Tính chất vụ việc không hợp lệ.")])
    with write_transaction():
        case = step(services, case_id, "accept", actor=actor, data=data, at=when, note="Thụ lý giải quyết")
        doc = _issue(services, "thong_bao", subject="Thụ lý giải quyết khiếu nại", case_id=case.id, actor=actor,
                     issued_on=when.date(), bases=["Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011"],
                     paragraphs=[f"Ngày {format_date(case.received_at)}, Ủy ban nhân dân nhận được đơn khiếu "
                                 f"nại (hồ sơ số {case.number}) về việc: {case.subject}.",
                                 f"Xét thấy đơn khiếu nại đủ điều kiện thụ lý theo Điều 27 Luật Khiếu nại, "
                                 f"Ủy ban nhân dân thông báo đã thụ lý giải quyết khiếu nại. Thời hạn giải "
                                 f"quyết đến hết ngày {format_date(case.due_date)}."],
                     recipients=[_applicant_line(case.id), "Thanh tra cấp trên (để biết)"])
        _notify_reply(services, case, actor, "Đã thụ lý giải quyết khiếu nại", doc.id, when)
    return case


def refuse_complaint(services, case_id: int, *, ground: str, explanation: str = "", actor: Actor,
                     at: dt.datetime | None = None) -> Case:
    """Do not accept a complaint on a ground of R-KN-03, with a written notice giving it."""
    if ground not in COMPLAINT_REFUSAL_GROUNDS:
        raise ValidationError([("ground", "Vui lòng chọn lý do không thụ lý theo Điều 11 Luật Khiếu nại.")])
    when = at or now()
    reason = COMPLAINT_REFUSAL_GROUNDS[ground] + (f": {_clean(explanation)}" if explanation else "")
    with write_transaction():
        case = step(services, case_id, "refuse", actor=actor, note=reason, data={"refusal_ground": ground}, at=when)
        doc = _issue(services, "thong_bao", subject="Không thụ lý giải quyết khiếu nại", case_id=case.id,
                     actor=actor, issued_on=when.date(), bases=["Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011"],
                     paragraphs=[f"Ủy ban nhân dân nhận được đơn khiếu nại (hồ sơ số {case.number}) về việc: "
                                 f"{case.subject}.",
                                 f"Ủy ban nhân dân thông báo không thụ lý giải quyết khiếu nại vì lý do: {reason} "
                                 f"(Điều 11 Luật Khiếu nại)."],
                     recipients=[_applicant_line(case.id)])
        _notify_reply(services, case, actor, "Không thụ lý: " + reason, doc.id, when)
    return case


def decide_complaint(services, case_id: int, *, summary: str, actor: Actor, at: dt.datetime | None = None) -> Case:
    """Record the first-instance decision; R-KN-05: it must be sent within 3 working days."""
    if not _clean(summary):
        raise ValidationError([("summary", "Vui lòng tóm tắt nội dung quyết định giải quyết.")])
    return step(services, case_id, "decide", actor=actor, note=_clean(summary), at=at)


def send_decision(services, case_id: int, *, actor: Actor, at: dt.datetime | None = None) -> Case:
    return step(services, case_id, "send", actor=actor, note="Đã gửi quyết định giải quyết khiếu nại", at=at)


def withdraw_complaint(services, case_id: int, *, letter: str, actor: Actor, at: dt.datetime | None = None) -> Case:
    """R-KN-08: withdrawal by a signed or fingerprinted letter; handling stops with a notice."""
    if not _clean(letter):
        raise ValidationError([("letter", "Vui lòng ghi đơn rút khiếu nại (có chữ ký hoặc điểm chỉ).")])
    when = at or now()
    with write_transaction():
        case = step(services, case_id, "withdraw", actor=actor, note=_clean(letter), at=when)
        doc = _issue(services, "thong_bao", subject="Đình chỉ giải quyết khiếu nại", case_id=case.id, actor=actor,
                     issued_on=when.date(),
                     paragraphs=[f"Người khiếu nại đã có đơn rút khiếu nại (hồ sơ số {case.number}).",
                                 "Căn cứ Điều 10 Luật Khiếu nại, Ủy ban nhân dân đình chỉ việc giải quyết khiếu nại."],
                     recipients=[_applicant_line(case.id)])
        _notify_reply(services, case, actor, "Đình chỉ do rút khiếu nại", doc.id, when)
    return case


# -- denunciations (tố cáo) --------------------------------------------------------------

DENOUNCER_LINE = "Người tố cáo (thông tin được giữ bí mật theo Điều 47 Luật Tố cáo)"


def accept_denunciation(services, case_id: int, *, actor: Actor, complexity: str | None = None,
                        at: dt.datetime | None = None) -> Case:
    """Accept (thụ lý) a denunciation (R-TC-06); resolution within R-TC-07. Documents never
    name the denouncer (R-TC-09)."""
    if complexity and complexity not in COMPLEXITY:
        raise ValidationError([("complexity", "Tính chất vụ việc không hợp lệ.")])
    when = at or now()
    with write_transaction():
        case = step(services, case_id, "accept", actor=actor, at=when, note="Thụ lý tố cáo",
                    data={"complexity": complexity} if complexity else None)
        doc = _issue(services, "quyet_dinh", subject="Thụ lý tố cáo", case_id=case.id, actor=actor,
                     issued_on=when.date(), bases=["Căn cứ Luật Tố cáo ngày 12 tháng 6 năm 2018"],
                     articles=[f"Thụ lý tố cáo (hồ sơ số {case.number}) về việc: {case.subject}.",
                               f"Thời hạn giải quyết tố cáo đến hết ngày {format_date(case.due_date)}.",
                               "Người được giao xác minh và các cá nhân có liên quan chịu trách nhiệm thi hành "
                               "Quyết định này; giữ bí mật thông tin người tố cáo."],
                     recipients=[DENOUNCER_LINE, "Người bị tố cáo"])
        _notify_reply(services, case, actor, "Đã thụ lý tố cáo", doc.id, when)
    return case


def reject_denunciation(services, case_id: int, *, ground: str, actor: Actor, explanation: str = "",
                        at: dt.datetime | None = None) -> Case:
    """R-TC-06: not accepted, with the reason notified to the denouncer."""
    if ground not in DENUNCIATION_REFUSAL_GROUNDS:
        raise ValidationError([("ground", "Vui lòng chọn lý do không thụ lý theo Điều 29 Luật Tố cáo.")])
    when = at or now()
    reason = DENUNCIATION_REFUSAL_GROUNDS[ground] + (f": {_clean(explanation)}" if explanation else "")
    with write_transaction():
        case = step(services, case_id, "reject", actor=actor, note=reason, data={"refusal_ground": ground}, at=when)
        doc = _issue(services, "thong_bao", subject="Không thụ lý tố cáo", case_id=case.id, actor=actor,
                     issued_on=when.date(),
                     paragraphs=[f"Đơn tố cáo (hồ sơ số {case.number}) không đủ điều kiện thụ lý vì: {reason}."],
                     recipients=[DENOUNCER_LINE])
        _notify_reply(services, case, actor, "Không thụ lý tố cáo: " + reason, doc.id, when)
    return case


def forward_matter(services, case_id: int, *, to_agency: str, actor: Actor, at: dt.datetime | None = None) -> Case:
    """Forward a matter outside the ward's competence (R-TC-04, R-PA-06 within 5 working days
    of receipt; a complaint is returned with guidance, R-PA-10) with a forwarding letter."""
    to_agency = _clean(to_agency)
    if not to_agency:
        raise ValidationError([("to_agency", "Vui lòng nhập cơ quan có thẩm quyền nhận đơn.")])
    when = at or now()
    with write_transaction():
        case = services.cases.get(case_id)
        due = dt.date.fromisoformat(case.data["forward_due"]) if case.data.get("forward_due") else None
        rule = {DENUNCIATION: "R-TC-04", PETITION: "R-PA-06"}.get(case.case_type)
        case = step(services, case_id, "forward", actor=actor, note=f"Chuyển đến {to_agency}",
                    data={"forwarded_to": to_agency}, at=when, clock_due=due, clock_rule=rule)
        kind_label = MATTER_KINDS[case.case_type].lower()
        # A denunciation's letter does not carry the denouncer's identity (R-TC-09); the
        # identity travels in the sealed file handed over, not in the register.
        doc = _issue(services, "cong_van", subject=f"Chuyển đơn {kind_label}", case_id=case.id, actor=actor,
                     issued_on=when.date(), addressees=[to_agency],
                     paragraphs=[f"Ngày {format_date(case.received_at)}, Ủy ban nhân dân nhận được đơn "
                                 f"{kind_label} (hồ sơ số {case.number}) về việc: {case.subject}.",
                                 f"Nội dung đơn không thuộc thẩm quyền giải quyết của Ủy ban nhân dân; Ủy ban "
                                 f"nhân dân chuyển đơn đến {to_agency} để xem xét, giải quyết theo thẩm quyền."],
                     recipients=[to_agency, DENOUNCER_LINE if case.case_type == DENUNCIATION
                                 else _applicant_line(case.id)])
        _notify_reply(services, case, actor, f"Đã chuyển đơn đến {to_agency}", doc.id, when)
    return case


def extend_denunciation(services, case_id: int, *, reason: str, actor: Actor, complexity: str | None = None,
                        at: dt.datetime | None = None) -> Case:
    """R-TC-07: a complex case gets one extension of ≤ 30 days, an especially complex one two
    (90 days in all); each is a written decision notified to the denouncer."""
    when = at or now()
    if not _clean(reason):
        raise ValidationError([("reason", "Vui lòng ghi rõ lý do gia hạn.")])
    with write_transaction():
        case = services.cases.get(case_id)
        _guard(services, actor, case)
        if case.case_type != DENUNCIATION or case.state != "accepted":
            raise IllegalTransition("Chỉ gia hạn được tố cáo đã thụ lý và đang giải quyết.")
        if complexity:
            if complexity not in COMPLEXITY:
                raise ValidationError([("complexity", "Tính chất vụ việc không hợp lệ.")])
            case = services.cases.update(case_id, actor=actor, data={"complexity": complexity},
                                         note=f"Xác định tính chất: {COMPLEXITY[complexity]}")
        if case.data.get("complexity") not in ("complex", "especially_complex"):
            raise ValidationError([("complexity", "Chỉ vụ việc phức tạp hoặc đặc biệt phức tạp mới được gia hạn "
                                                  "thời hạn giải quyết tố cáo (R-TC-07).")])
        previous = case.due_date
        case = services.cases.extend(case_id, actor=actor, note=_clean(reason), at=when)
        ClockRow.update(due_date=case.due_date).where(ClockRow.case == case_id,
                                                       ClockRow.done_at.is_null(True)).execute()
        _issue(services, "quyet_dinh", subject="Gia hạn giải quyết tố cáo", case_id=case.id, actor=actor,
               issued_on=when.date(), bases=["Căn cứ Điều 30 Luật Tố cáo ngày 12 tháng 6 năm 2018"],
               articles=[f"Gia hạn thời hạn giải quyết tố cáo (hồ sơ số {case.number}) từ ngày "
                         f"{format_date(previous)} đến hết ngày {format_date(case.due_date)} (gia hạn lần "
                         f"{case.extensions}).",
                         f"Lý do gia hạn: {_clean(reason)}.",
                         "Người giải quyết tố cáo, người được giao xác minh chịu trách nhiệm thi hành Quyết định này."],
               recipients=[DENOUNCER_LINE, "Người bị tố cáo"])
    return case


def conclude_denunciation(services, case_id: int, *, conclusion: str, actor: Actor,
                          at: dt.datetime | None = None) -> Case:
    if not _clean(conclusion):
        raise ValidationError([("conclusion", "Vui lòng tóm tắt kết luận nội dung tố cáo.")])
    return step(services, case_id, "conclude", actor=actor, note=_clean(conclusion), at=at)


def withdraw_denunciation(services, case_id: int, *, letter: str, actor: Actor, continue_reason: str = "",
                          at: dt.datetime | None = None) -> Case:
    """R-TC-08: withdrawal in writing before the conclusion stops the handling, unless there
    are signs of violation or of coercion (``continue_reason``): then it goes on."""
    if not _clean(letter):
        raise ValidationError([("letter", "Vui lòng ghi nội dung văn bản rút tố cáo.")])
    if _clean(continue_reason):
        case = services.cases.get(case_id)
        _guard(services, actor, case)
        if not case.is_open:
            raise IllegalTransition("Hồ sơ đã kết thúc.")
        return services.cases.update(case_id, actor=actor, data={"withdrawal_received": True},
                                     note=f"Người tố cáo rút tố cáo; tiếp tục giải quyết vì: {_clean(continue_reason)}")
    return step(services, case_id, "withdraw", actor=actor, note=_clean(letter), at=at)


# -- petitions (phản ánh, kiến nghị) and status replies ----------------------------------

def take_petition(services, case_id: int, *, actor: Actor, at: dt.datetime | None = None) -> Case:
    return step(services, case_id, "take", actor=actor, note="Thuộc thẩm quyền, nhận xử lý", at=at)


def file_petition(services, case_id: int, *, reason: str, actor: Actor, at: dt.datetime | None = None) -> Case:
    return step(services, case_id, "file", actor=actor, note=_clean(reason), at=at)


def answer_petition(services, case_id: int, *, answer: str, actor: Actor, at: dt.datetime | None = None) -> Case:
    """Answer a petition. ``answer`` is shown to the citizen on the tracking page: it must not
    contain personal data of anyone."""
    answer = _clean(answer)
    if not answer:
        raise ValidationError([("answer", "Vui lòng nhập nội dung trả lời.")])
    when = at or now()
    with write_transaction():
        case = step(services, case_id, "answer", actor=actor, note=answer, at=when)
        MatterRow.update(public_answer=answer, answered_at=when).where(MatterRow.case == case_id).execute()
    return case


REPLY_STATUSES = {
    "accepted": "Đơn đã được thụ lý giải quyết",
    "need_time": "Cần thêm thời gian để xác minh, xem xét",
    "refused": "Đơn không được thụ lý",
    "forwarded": "Đơn đã được chuyển đến cơ quan có thẩm quyền",
}


def send_status_reply(services, reply_case_id: int, *, status: str, text: str = "", actor: Actor,
                      at: dt.datetime | None = None) -> Case:
    """R-TD-13: tell the citizen, within 10 working days, whether the case was accepted,
    needs more time, was refused (with the reason) or was forwarded — with a written reply."""
    if status not in REPLY_STATUSES:
        raise ValidationError([("status", "Vui lòng chọn tình trạng trả lời (R-TD-13).")])
    if status == "refused" and not _clean(text):
        raise ValidationError([("text", "Vui lòng ghi rõ lý do không thụ lý.")])
    when = at or now()
    with write_transaction():
        reply = services.cases.get(reply_case_id)
        main = services.cases.get(reply.data["case_id"])
        _guard(services, actor, main)
        body = REPLY_STATUSES[status] + (f": {_clean(text)}" if text else ".")
        doc = _issue(services, "thong_bao", subject="Trả lời tình trạng xử lý đơn", case_id=main.id, actor=actor,
                     issued_on=when.date(), bases=["Căn cứ Điều 28 Luật Tiếp công dân ngày 25 tháng 11 năm 2013"],
                     paragraphs=[f"Về đơn của công dân (hồ sơ số {main.number}) tiếp nhận ngày "
                                 f"{format_date(main.received_at)}, Ủy ban nhân dân trả lời như sau: {body}"],
                     recipients=[DENOUNCER_LINE if main.confidential else _applicant_line(main.id)])
        return step(services, reply_case_id, "reply", actor=actor, note=body, data={"document_id": doc.id,
                                                                                  "status": status}, at=when)


# ---------------------------------------------------------------------------
# Identity protection (R-TC-09, R-TC-10, R-DL-09, R-DL-11, R-DL-14)
# ---------------------------------------------------------------------------

def _party(row: PartyRow) -> Party:
    return to_type(Party, row)


def _entity(confidential: bool) -> str:
    return "tiepdan_denouncer" if confidential else "tiepdan_party"


def parties(services, case_id: int, *, actor: Actor) -> list[dict]:
    """The people of a case as ``actor`` may see them: a denouncer's fields are masked for
    everyone but the handler and the chairman, who still must :func:`reveal_identity`."""
    case = services.cases.get(case_id)
    out = []
    for row in PartyRow.select().where(PartyRow.case == case_id).order_by(PartyRow.id):
        data = {k: getattr(row, k) for k in PARTY_FIELDS}
        allowed = {"basic"} if (not row.confidential and can_handle(actor, case)) else set()
        view = services.privacy.masked_view(_entity(row.confidential), data, allowed)
        if row.confidential:  # R-TC-10: not even a hint of a denouncer's name or number
            view = {k: ("[được bảo mật]" if v else "") for k, v in view.items()}
        out.append({"id": row.id, "role": row.role, "confidential": row.confidential, **view})
    return out


def reveal_identity(services, case_id: int, *, actor: Actor, reason: str) -> list[Party]:
    """Unmask the people of a case for the handler or the chairman; each look is logged with
    its reason (R-TC-10, R-DL-11). The log names the fields seen, never their values."""
    reason = _clean(reason)
    if not reason:
        raise ValidationError([("reason", "Vui lòng ghi lý do xem thông tin người gửi đơn.")])
    case = services.cases.get(case_id)
    if not can_handle(actor, case) or actor.kind != "staff":
        audit.record("tiepdan.view_personal.denied", "case", case_id, actor=actor, reason=reason)
        raise PermissionDenied("Chỉ người được giao xử lý và Chủ tịch UBND được xem thông tin người tố cáo "
                               "(R-TC-10).")
    rows = list(PartyRow.select().where(PartyRow.case == case_id).order_by(PartyRow.id))
    audit.record("tiepdan.view_personal", "case", case_id, actor=actor, reason=reason,
                 after={"number": case.number, "parties": len(rows),
                        "fields": [k for k in PARTY_FIELDS]})
    return [_party(r) for r in rows]


def case_view(services, case_id: int, *, actor: Actor) -> dict[str, Any]:
    """What a staff member sees of a matter. Others than the handler and the chairman see a
    confidential case as its number and subject only (R-TC-10)."""
    case = services.cases.get(case_id)
    matter = _matter(case_id)
    ct = services.cases.case_type(case.case_type)
    base = {"id": case.id, "number": case.number, "subject": case.subject, "kind": matter.kind,
            "kind_label": MATTER_KINDS[matter.kind], "restricted": False}
    if not can_handle(actor, case):
        return {**base, "restricted": True}
    return {
        **base,
        "state": case.state, "state_label": ct.state(case.state).label, "channel": matter.channel,
        "channel_label": CHANNELS.get(matter.channel, matter.channel),
        "received_at": case.received_at, "due_date": case.due_date, "due_unit": case.due_unit,
        "extensions": case.extensions, "owner_id": case.owner_id, "content": matter.content,
        "accused": matter.accused, "data": case.data, "closed_at": case.closed_at,
        "clocks": [attrs.asdict(c) for c in clocks(case_id)],
        "events": [{"at": e.at, "action": e.action, "actor_name": e.actor_name, "note": e.note,
                    "to_state": e.to_state} for e in services.cases.events(case_id)],
        "parties": parties(services, case_id, actor=actor),
        "tracking_code": tracking_code(case_id),
        "actions": [t.name for t in ct.available(case.state)],
    }


def matters(services, *, actor: Actor, kind: str | None = None, open_only: bool = False,
            limit: int = 200) -> list[dict]:
    """A list of matters for a staff page: confidential ones show number and subject only."""
    q = (CaseRow.select(CaseRow, MatterRow).join(MatterRow, on=(MatterRow.case == CaseRow.id), attr="matter")
         .where(MatterRow.kind != STATUS_REPLY).order_by(CaseRow.received_at.desc(), CaseRow.id.desc()).limit(limit))
    q = q.switch(CaseRow)
    if kind:
        q = q.where(MatterRow.kind == kind)
    if open_only:
        q = q.where(CaseRow.closed_at.is_null(True))
    out = []
    for row in q:
        case = to_type(Case, row, unit_id=row.unit_id, owner_id=row.owner_id, applicant_id=row.applicant_id)
        item = {"id": case.id, "number": case.number, "subject": case.subject,
                "kind_label": MATTER_KINDS[row.matter.kind]}
        if can_handle(actor, case):
            ct = services.cases.case_type(case.case_type)
            item.update(state_label=ct.state(case.state).label, due_date=case.due_date,
                        received_at=case.received_at, channel=row.matter.channel)
        out.append(item)
    return out


def export_register(services, start: dt.date, end: dt.date, *, actor: Actor) -> list[dict]:
    """An export of the reception register (R-DL-11: logged). Denouncers never appear in an
    export (R-TC-10); other visitors' names appear for staff with ``tiepdan.view``."""
    services.access.can(actor, "tiepdan.view") or _deny()
    rows = []
    for v in register(start, end, limit=100000):
        visitors = list(PartyRow.select().where(PartyRow.visit == v.id).order_by(PartyRow.id))
        first = visitors[0] if visitors else None
        rows.append({
            "so_thu_tu": v.number, "ngay_tiep": format_date(v.received_at),
            "ho_ten": ("[được bảo mật]" if first and first.confidential else (first.full_name if first else "")),
            "dia_chi": ("[được bảo mật]" if first and first.confidential else (first.address if first else "")),
            "so_nguoi": v.headcount, "noi_dung": v.summary if v.classification != "to_cao" else "Đơn tố cáo",
            "phan_loai": v.classification_label, "huong_xu_ly": v.handling_label, "can_bo_tiep": v.officer_name,
        })
    audit.record("tiepdan.register.export", "tiepdan_visit", "", actor=actor,
                 after={"from": start, "to": end, "rows": len(rows)})
    return rows


# ---------------------------------------------------------------------------
# Public intake (cổng thông tin): feedback form, tracking, "not resolved", throttling
# ---------------------------------------------------------------------------

PUBLIC_FIELDS = ("kind", "subject", "content", "full_name", "address", "phone", "email", "consent")


def _client_key(client: str) -> str:
    salt = kv_get("tiepdan.client_salt")
    if not salt:
        salt = secrets.token_hex(16)
        with write_transaction():
            kv_set("tiepdan.client_salt", salt)
    return hashlib.sha256(f"{salt}:{client}".encode()).hexdigest()[:40]


def throttle(services, client: str, action: str, *, at: dt.datetime | None = None) -> None:
    """Count a public attempt from ``client`` (its address, stored hashed) and refuse it
    beyond ``public_rate_limit`` attempts per window."""
    cfg = config(services.settings)
    when = at or now()
    since = when - dt.timedelta(minutes=int(cfg["public_rate_window_minutes"]))
    key = _client_key(client or "unknown")
    with write_transaction():
        ThrottleRow.delete().where(ThrottleRow.at < since - dt.timedelta(days=1)).execute()
        count = ThrottleRow.select().where(ThrottleRow.client == key, ThrottleRow.action == action,
                                           ThrottleRow.at > since).count()
        if count >= int(cfg["public_rate_limit"]):
            raise TooManyRequests(f"Bạn đã gửi quá nhiều lần trong {cfg['public_rate_window_minutes']} phút. "
                                  "Vui lòng thử lại sau.")
        ThrottleRow.create(client=key, action=action, at=when)


def submit_feedback(services, form: dict, *, client: str, at: dt.datetime | None = None) -> dict[str, str]:
    """A resident's feedback or petition from the portal (R-PA-02, R-PA-03).

    Every field is checked before anything is stored; the answer carries the tracking
    code and the date by which the status reply is due.
    """
    throttle(services, client, "feedback", at=at)
    cfg = config(services.settings)
    form = dict(form or {})
    errors: list[tuple[str, str]] = []
    for key in sorted(set(form) - set(PUBLIC_FIELDS)):
        errors.append((key, "Trường không được hỗ trợ."))
    kind = _clean(form.get("kind")) or "phan_anh"
    if kind not in ("phan_anh", "kien_nghi"):
        errors.append(("kind", "Vui lòng chọn phản ánh hoặc kiến nghị."))
    subject, content = _clean(form.get("subject")), _clean(form.get("content"))
    if not subject:
        errors.append(("subject", "Vui lòng nhập tiêu đề."))
    elif len(subject) > 200:
        errors.append(("subject", "Tiêu đề dài quá 200 ký tự."))
    if not content:
        errors.append(("content", "Vui lòng nhập nội dung phản ánh, kiến nghị."))
    elif len(content) > int(cfg["public_max_chars"]):
        errors.append(("content", f"Nội dung dài quá {cfg['public_max_chars']} ký tự; vui lòng rút gọn."))
    party = {k: _clean(form.get(k)) for k in ("full_name", "address", "phone", "email")}
    errors += [(f.split(".", 1)[1], m) for f, m in _party_errors("p", party, require_contact=True)]
    if not party["phone"] and not party["email"]:  # R-PA-03: phone (or mailing address)
        errors.append(("phone", "Vui lòng nhập số điện thoại hoặc thư điện tử để nhận trả lời."))
    if str(form.get("consent", "")).lower() not in ("1", "true", "on", "yes", "co"):  # R-DL-04
        errors.append(("consent", "Vui lòng đồng ý cho Ủy ban nhân dân xử lý thông tin cá nhân để giải quyết "
                                  "phản ánh, kiến nghị."))
    if errors:
        raise ValidationError(errors)
    case = open_matter(services, PETITION, subject=f"{'Kiến nghị' if kind == 'kien_nghi' else 'Phản ánh'}: "
                       f"{subject}", channel="cong_thong_tin", parties=[party], content=content,
                       received_at=at, actor=CITIZEN)
    return {"tracking_code": tracking_code(case.id), "due_date": format_date(case.due_date)}


def record_feedback(services, *, channel: str, subject: str, content: str, sender: dict,
                    kind: str = PETITION, actor: Actor, received_at: dt.datetime | None = None) -> Case:
    """Staff entry of a hotline call (transcribed faithfully, R-PA-04), a suggestion-box slip
    (R-PA-09) or a letter."""
    services.access.can(actor, "tiepdan.receive") or _deny()
    if channel not in ("duong_day_nong", "hom_thu", "van_ban", "truc_tuyen"):
        raise ValidationError([("channel", "Kênh không hợp lệ: đường dây nóng, hòm thư góp ý, đơn thư hoặc "
                                           "trực tuyến.")])
    if not _clean(content):
        raise ValidationError([("content", "Vui lòng ghi trung thực nội dung phản ánh (R-PA-04).")])
    return open_matter(services, kind, subject=subject, channel=channel, parties=[sender] if sender else [],
                       content=content, received_at=received_at, actor=actor)


def track(services, code: str) -> dict[str, Any]:
    """The public status of a matter by its tracking code: no names, no content (R-DL-14)."""
    row = TrackingRow.get_or_none(TrackingRow.code == _clean(code).upper())
    if row is None:
        raise NotFound("Không tìm thấy mã tra cứu. Vui lòng kiểm tra lại mã trên phiếu tiếp nhận.")
    case = services.cases.get(row.case_id)
    latest = case
    while True:  # follow reopenings
        child = MatterRow.get_or_none(MatterRow.parent == latest.id, MatterRow.kind == latest.case_type)
        if child is None:
            break
        latest = services.cases.get(child.case_id)
    ct = services.cases.case_type(latest.case_type)
    matter = _matter(latest.id)
    steps = [{"date": format_date(e.at), "label": ct.state(e.to_state).label}
             for e in services.cases.events(latest.id) if e.to_state and e.action not in ("assign", "update")]
    return {
        "tracking_code": row.code, "kind": latest.case_type, "kind_label": MATTER_KINDS[latest.case_type],
        "received": format_date(case.received_at), "state": latest.state,
        "state_label": ct.state(latest.state).label, "due_date": format_date(latest.due_date) if latest.is_open else "",
        "closed": not latest.is_open, "steps": steps,
        "answer": matter.public_answer if latest.case_type == PETITION else "",
        "can_reopen": _reopen_problem(services, latest) is None,
    }


def _reopen_problem(services, case: Case, today: dt.date | None = None) -> str | None:
    cfg = config(services.settings)
    matter = _matter(case.id)
    if case.case_type != PETITION or case.state != "answered" or matter.answered_at is None:
        return "Chỉ phản ánh, kiến nghị đã được trả lời mới có thể báo chưa được giải quyết."
    if matter.reopen_count >= int(cfg["reopen_max"]):
        return f"Phản ánh này đã được mở lại {matter.reopen_count} lần, là số lần tối đa."
    if ((today or now().date()) - matter.answered_at.date()).days > int(cfg["reopen_within_days"]):
        return f"Đã quá {cfg['reopen_within_days']} ngày kể từ ngày trả lời."
    return None


def report_not_resolved(services, code: str, *, reason: str, client: str,
                        at: dt.datetime | None = None) -> dict[str, str]:
    """A citizen answers "chưa được giải quyết": the petition reopens as a new linked case
    with a fresh clock, within the limits of ``reopen_max`` and ``reopen_within_days``."""
    throttle(services, client, "reopen", at=at)
    reason = _clean(reason)
    if not reason:
        raise ValidationError([("reason", "Vui lòng cho biết vì sao vấn đề chưa được giải quyết.")])
    if len(reason) > int(config(services.settings)["public_max_chars"]):
        raise ValidationError([("reason", "Nội dung quá dài; vui lòng rút gọn.")])
    row = TrackingRow.get_or_none(TrackingRow.code == _clean(code).upper())
    if row is None:
        raise NotFound("Không tìm thấy mã tra cứu.")
    latest = services.cases.get(row.case_id)
    while True:
        child = MatterRow.get_or_none(MatterRow.parent == latest.id, MatterRow.kind == latest.case_type)
        if child is None:
            break
        latest = services.cases.get(child.case_id)
    problem = _reopen_problem(services, latest, (at or now()).date())
    if problem:
        raise ValidationError([("code", problem)])
    old = _matter(latest.id)
    with write_transaction():
        case = services.cases.open(PETITION, latest.subject, actor=CITIZEN, received_at=at,
                                   data={**latest.data, "reopened_from": latest.number},
                                   note="Công dân báo chưa được giải quyết")
        MatterRow.create(case=case.id, kind=PETITION, channel=old.channel, received_at=case.received_at,
                         content=reason, parent=latest.id, reopen_count=old.reopen_count + 1)
        for p in PartyRow.select().where(PartyRow.case == latest.id):
            PartyRow.create(case=case.id, role=p.role, confidential=p.confidential,
                            **{k: getattr(p, k) for k in PARTY_FIELDS})
        _clock_start(case, "open", "R-PA-07", case.received_at)
        audit.record("tiepdan.matter.reopen", "case", case.id, actor=CITIZEN,
                     after={"number": case.number, "from": latest.number})
    return {"tracking_code": row.code, "number": case.number, "due_date": format_date(case.due_date)}


# ---------------------------------------------------------------------------
# Dialogue conferences (hội nghị đối thoại): R-DT-01
# ---------------------------------------------------------------------------

def _dialogue(row: DialogueRow) -> Dialogue:
    return to_type(Dialogue, row, invitees=tuple(row.invitees or ()))


def get_dialogue(dialogue_id: int) -> Dialogue:
    row = DialogueRow.get_or_none(DialogueRow.id == dialogue_id)
    if row is None:
        raise NotFound(f"Không tìm thấy hội nghị đối thoại số {dialogue_id}.")
    return _dialogue(row)


def plan_dialogue(services, *, title: str, day: dt.date, place: str, plan: str, start_time: str = "08:00",
                  co_organiser: str = "Ủy ban Mặt trận Tổ quốc Việt Nam phường", invitees: Iterable[str] = (),
                  actor: Actor) -> Dialogue:
    """Plan the yearly dialogue conference with the Mặt trận committee (R-DT-01) and issue its plan."""
    services.access.can(actor, "tiepdan.dialogue") or _deny()
    errors = []
    if not _clean(title):
        errors.append(("title", "Vui lòng nhập tên hội nghị."))
    if not _clean(place):
        errors.append(("place", "Vui lòng nhập địa điểm."))
    if not _clean(plan):
        errors.append(("plan", "Vui lòng nhập nội dung kế hoạch."))
    start = _check_time("start_time", start_time, errors)
    if errors:
        raise ValidationError(errors)
    invitees = [i.strip() for i in invitees if i and i.strip()]
    with write_transaction():
        row = DialogueRow.create(year=day.year, title=_clean(title), day=day, start_time=start, place=_clean(place),
                                 co_organiser=_clean(co_organiser), plan=_clean(plan), invitees=invitees)
        doc = _issue(services, "ke_hoach", subject=f"Tổ chức {_clean(title)}", actor=actor,
                     sections=[{"title": "Mục đích, yêu cầu", "paragraphs": [_clean(plan)]},
                               {"title": "Thời gian, địa điểm",
                                "paragraphs": [f"{start} ngày {format_date(day)}, tại {_clean(place)}."]},
                               {"title": "Thành phần", "items": invitees or ["Đại diện Nhân dân các tổ dân phố"]}],
                     recipients=[_clean(co_organiser), "Các tổ dân phố"])
        DialogueRow.update(plan_document_id=doc.id).where(DialogueRow.id == row.id).execute()
        audit.record("tiepdan.dialogue.plan", "tiepdan_dialogue", row.id, actor=actor,
                     after={"title": row.title, "day": day})
    return get_dialogue(row.id)


def invite_dialogue(services, dialogue_id: int, *, actor: Actor) -> Dialogue:
    services.access.can(actor, "tiepdan.dialogue") or _deny()
    with write_transaction():
        d = get_dialogue(dialogue_id)
        if d.state != "planned":
            raise IllegalTransition("Giấy mời chỉ phát hành khi hội nghị đang ở bước kế hoạch.")
        doc = _issue(services, "giay_moi", subject=f"Dự {d.title}", actor=actor,
                     paragraphs=[f"Ủy ban nhân dân phối hợp với {d.co_organiser} trân trọng kính mời dự {d.title}.",
                                 f"Thời gian: {d.start_time} ngày {format_date(d.day)}.", f"Địa điểm: {d.place}.",
                                 "Đề nghị đại biểu gửi trước câu hỏi, ý kiến về Ủy ban nhân dân để tổng hợp."],
                     recipients=list(d.invitees) or ["Đại diện Nhân dân các tổ dân phố"])
        DialogueRow.update(state="invited", invitation_document_id=doc.id).where(DialogueRow.id == dialogue_id).execute()
        audit.record("tiepdan.dialogue.invite", "tiepdan_dialogue", dialogue_id, actor=actor,
                     before={"state": "planned"}, after={"state": "invited", "document_id": doc.id})
    return get_dialogue(dialogue_id)


def add_question(services, dialogue_id: int, *, text: str, source: str, actor: Actor) -> int:
    """A question collected before the conference; ``source`` is a group or organisation,
    never a person's name (the answers are published)."""
    services.access.can(actor, "tiepdan.dialogue") or _deny()
    d = get_dialogue(dialogue_id)
    errors = []
    if d.state in ("published", "cancelled"):
        raise IllegalTransition("Hội nghị đã kết thúc, không nhận thêm câu hỏi.")
    if not _clean(text):
        errors.append(("text", "Vui lòng nhập câu hỏi."))
    elif len(_clean(text)) > 3000:
        errors.append(("text", "Câu hỏi dài quá 3000 ký tự."))
    if not _clean(source):
        errors.append(("source", "Vui lòng ghi nơi gửi câu hỏi (tổ dân phố, tổ chức)."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = QuestionRow.create(dialogue=dialogue_id, text=_clean(text), source=_clean(source)[:255])
        audit.record("tiepdan.dialogue.question", "tiepdan_dialogue", dialogue_id, actor=actor,
                     after={"question_id": row.id, "source": row.source})
    return row.id


def record_dialogue(services, dialogue_id: int, *, minutes: str, attendance: int,
                    answers: dict[int, tuple[str, str]], actor: Actor, at: dt.datetime | None = None) -> Dialogue:
    """The conference was held: minutes (biên bản), attendance and each answer (by whom)."""
    services.access.can(actor, "tiepdan.dialogue") or _deny()
    errors = []
    if not _clean(minutes):
        errors.append(("minutes", "Vui lòng nhập biên bản hội nghị."))
    if not isinstance(attendance, int) or attendance < 1:
        errors.append(("attendance", "Số người dự phải từ 1 trở lên."))
    known = {q.id for q in QuestionRow.select().where(QuestionRow.dialogue == dialogue_id)}
    for qid, (text, by) in (answers or {}).items():
        if qid not in known:
            errors.append((f"answers.{qid}", "Câu hỏi không thuộc hội nghị này."))
        elif not _clean(text) or not _clean(by):
            errors.append((f"answers.{qid}", "Vui lòng nhập nội dung trả lời và người trả lời."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        d = get_dialogue(dialogue_id)
        if d.state not in ("planned", "invited"):
            raise IllegalTransition("Hội nghị đã được ghi nhận.")
        for qid, (text, by) in (answers or {}).items():
            QuestionRow.update(answer=_clean(text), answered_by=_clean(by)).where(QuestionRow.id == qid).execute()
        DialogueRow.update(state="held", minutes=_clean(minutes), attendance=attendance,
                           held_at=at or now()).where(DialogueRow.id == dialogue_id).execute()
        audit.record("tiepdan.dialogue.held", "tiepdan_dialogue", dialogue_id, actor=actor,
                     before={"state": d.state}, after={"state": "held", "attendance": attendance})
    return get_dialogue(dialogue_id)


def publish_dialogue_answers(services, dialogue_id: int, *, actor: Actor, at: dt.datetime | None = None) -> Dialogue:
    services.access.can(actor, "tiepdan.dialogue") or _deny()
    with write_transaction():
        d = get_dialogue(dialogue_id)
        if d.state != "held":
            raise IllegalTransition("Chỉ công khai kết quả sau khi hội nghị đã diễn ra.")
        missing = QuestionRow.select().where(QuestionRow.dialogue == dialogue_id, QuestionRow.answer == "").count()
        if missing:
            raise ValidationError([("answers", f"Còn {missing} câu hỏi chưa được trả lời.")])
        DialogueRow.update(state="published", published_at=at or now()).where(DialogueRow.id == dialogue_id).execute()
        audit.record("tiepdan.dialogue.publish", "tiepdan_dialogue", dialogue_id, actor=actor,
                     before={"state": "held"}, after={"state": "published"})
    return get_dialogue(dialogue_id)


def public_dialogues(year: int | None = None) -> list[dict[str, Any]]:
    q = DialogueRow.select().where(DialogueRow.state == "published").order_by(DialogueRow.day.desc())
    if year:
        q = q.where(DialogueRow.year == year)
    return [{"id": d.id, "title": d.title, "day": format_date(d.day), "place": d.place,
             "co_organiser": d.co_organiser, "attendance": d.attendance,
             "questions": [{"source": q.source, "question": q.text, "answer": q.answer, "answered_by": q.answered_by}
                           for q in d.questions.order_by(QuestionRow.id)]} for d in q]


def dialogue_coverage(services, year: int) -> dict[str, int]:
    """R-DT-01: at least one dialogue conference a year."""
    held = DialogueRow.select().where(DialogueRow.year == year, DialogueRow.state.in_(("held", "published"))).count()
    need = int(services.rules.value("R-DT-01.min_per_year", dt.date(year, 12, 31)))
    return {"year": year, "held": held, "required": need, "met": held >= need}


# ---------------------------------------------------------------------------
# Documents (văn bản): numbered by core in the NĐ 30/2020 layout
# ---------------------------------------------------------------------------

def _applicant_line(case_id: int) -> str:
    row = PartyRow.select().where(PartyRow.case == case_id, PartyRow.confidential == False).order_by(PartyRow.id).first()  # noqa: E712
    return f"Ông/bà {row.full_name}" if row and row.full_name else "Người gửi đơn"


def _signer(actor: Actor) -> tuple[str, str, str]:
    """(name, title, authority): the acting leader, else the chairman."""
    if actor.kind == "staff" and actor.has_role("chairperson"):
        return actor.name, "Chủ tịch", "TM. ỦY BAN NHÂN DÂN"
    if actor.kind == "staff" and actor.has_role("vice_chairperson"):
        return actor.name, "Phó Chủ tịch", "KT. CHỦ TỊCH"
    chair = chairman()
    if chair is None:
        raise ValidationError([("signer", "Chưa có Chủ tịch UBND trong danh sách cán bộ để ký văn bản.")])
    return chair.full_name, "Chủ tịch", "TM. ỦY BAN NHÂN DÂN"


def _issue(services, doc_type: str, *, subject: str, recipients: list[str], actor: Actor,
           case_id: int | None = None, issued_on: dt.date | None = None, addressees: list[str] = (),
           **context: Any):
    name, title, authority = _signer(actor)
    return services.documents.issue(doc_type, subject=subject, context=context, signer_name=name,
                                    signer_title=title, signing_authority=authority,
                                    recipients=recipients, addressees=list(addressees), issued_on=issued_on,
                                    case_id=case_id, actor=actor)


def case_documents(services, case_id: int, *, actor: Actor) -> list:
    case = services.cases.get(case_id)
    _guard(services, actor, case)
    from thanthien.core.models import DocumentRow

    return [services.documents.get(r.id) for r in DocumentRow.select().where(DocumentRow.case == case_id)
            .order_by(DocumentRow.id)]


# ---------------------------------------------------------------------------
# Indicators (chỉ tiêu)
# ---------------------------------------------------------------------------

def _period(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.combine(start, dt.time.min), dt.datetime.combine(end, dt.time.max)


def indicators(services, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Received by type and channel, accepted, resolved on time / late, average time, share
    answered within the legal time, reception days held vs required (R-TD-02), dialogue
    conferences (R-DT-01). Counts, never names."""
    lo, hi = _period(start, end)
    received: dict[str, dict[str, int]] = {}
    q = (MatterRow.select(MatterRow.kind, MatterRow.channel, pw_count())
         .where(MatterRow.received_at.between(lo, hi), MatterRow.kind != STATUS_REPLY)
         .group_by(MatterRow.kind, MatterRow.channel).tuples())
    for kind, channel, n in q:
        received.setdefault(kind, {})[channel] = n
    in_period = MatterRow.select(MatterRow.case).where(MatterRow.received_at.between(lo, hi),
                                                        MatterRow.kind != STATUS_REPLY)
    accepted = (ClockRow.select().where(ClockRow.case.in_(in_period), ClockRow.stage.in_(("accept", "take")))
                .count())
    resolution = ClockRow.select().where(ClockRow.stage.in_(("accept", "take")), ClockRow.done_at.between(lo, hi))
    on_time = resolution.where(ClockRow.late == False).count()  # noqa: E712
    late = resolution.where(ClockRow.late == True).count()  # noqa: E712
    all_done = ClockRow.select().where(ClockRow.done_at.between(lo, hi))
    total_done = all_done.count()
    done_on_time = all_done.where(ClockRow.late == False).count()  # noqa: E712
    closed = (CaseRow.select(CaseRow.received_at, CaseRow.closed_at)
              .join(MatterRow, on=(MatterRow.case == CaseRow.id))
              .where(CaseRow.closed_at.between(lo, hi), MatterRow.kind != STATUS_REPLY).tuples())
    durations = [(c - r).total_seconds() / 86400 for r, c in closed]
    overdue_open = (ClockRow.select().where(ClockRow.done_at.is_null(True), ClockRow.due_date < min(end, now().date()))
                    .count())
    coverage = chairman_coverage(services, start, end)
    held = SessionRow.select().where(SessionRow.kind == "chairman", SessionRow.state == "held",
                                     SessionRow.day.between(start, end)).count()
    visits = VisitRow.select().where(VisitRow.received_at.between(lo, hi)).count()
    return {
        "from": start.isoformat(), "to": end.isoformat(),
        "received": received, "received_total": sum(sum(v.values()) for v in received.values()),
        "visits": visits, "accepted": accepted, "resolved_on_time": on_time, "resolved_late": late,
        "average_days": round(sum(durations) / len(durations), 1) if durations else None,
        "clocks_done": total_done,
        "share_within_legal_time": round(100 * done_on_time / total_done, 1) if total_done else None,
        "overdue_open": overdue_open,
        "reception_days_held": held, "reception_days_required": coverage["required"],
        "weeks_without_reception": len(coverage["missing"]),
        "dialogues": [dialogue_coverage(services, y) for y in range(start.year, end.year + 1)],
    }


def pw_count():
    from peewee import fn

    return fn.COUNT(MatterRow.id)


def _deny():
    raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def reply_case_of(case_id: int) -> int | None:
    """The R-TD-13 status-reply case opened with a matter received at reception, if any."""
    matter = _matter(case_id)
    if matter.visit_id is None:
        return None
    return VisitRow.get_by_id(matter.visit_id).reply_case_id


def staff_choices() -> list[tuple[int, str]]:
    """Staff who may be assigned a matter (id, "name – position")."""
    q = PersonRow.select().where(PersonRow.is_staff == True, PersonRow.active == True).order_by(PersonRow.full_name)  # noqa: E712
    return [(p.id, f"{p.full_name} – {p.position}" if p.position else p.full_name) for p in q]


def register_view(services, start: dt.date, end: dt.date, *, actor: Actor) -> list[dict]:
    """The register as staff see it on screen: a denunciation visit shows neither the visitor
    nor its content (R-TC-10); other visitors' names are masked (R-DL-09)."""
    out = []
    for v in register(start, end):
        first = PartyRow.select().where(PartyRow.visit == v.id).order_by(PartyRow.id).first()
        secret = v.classification == "to_cao"
        name = "" if first is None else ("[được bảo mật]" if secret else
                                         services.privacy.masked_view("tiepdan_party", {"full_name": first.full_name},
                                                                      set())["full_name"])
        out.append({"id": v.id, "number": v.number, "received_at": v.received_at, "headcount": v.headcount,
                    "visitor": name, "summary": "Đơn tố cáo" if secret else v.summary,
                    "classification_label": v.classification_label, "handling": v.handling,
                    "handling_label": v.handling_label,
                    "officer_name": v.officer_name, "case_id": v.case_id})
    return out


def case_for_code(code: str) -> int:
    """The case a tracking code was issued for (staff and demo use; the public sees :func:`track`)."""
    row = TrackingRow.get_or_none(TrackingRow.code == _clean(code).upper())
    if row is None:
        raise NotFound("Không tìm thấy mã tra cứu.")
    return row.case_id
