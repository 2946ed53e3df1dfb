"""Appointments by time (hẹn giờ, plan III.1.2): free slots, booking without an account,
cancelling by the booking code, the day's list for the centre.

A phone number holds at most ``[plugin.motcua] bookings_per_contact_per_day`` appointments
on one day and makes at most that many bookings in one day; the count is of stored
bookings, so a refused attempt (a typo, a full slot) uses none of the resident's quota,
and it holds across every worker of the app (it is in the database).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from thanthien.core import audit
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import Actor

from ..models import BookingRow, SlotRow
from ..types import P_VIEW, Booking
from .catalogue import get_procedure
from .common import config, digits, hhmm, random_code
from .scope import audit_personal_read, centre_scope

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def slots(core: CoreServices, day: dt.date) -> list[dict[str, Any]]:
    """The day's slots with their capacity and free places (public)."""
    cfg = config(core)
    if not core.calendar.is_working_day(day):
        return []
    booked = {r.time: r.booked for r in SlotRow.select().where(SlotRow.day == day)}
    return [{"time": t, "capacity": cfg.slot_capacity, "booked": booked.get(t, 0),
             "free": max(cfg.slot_capacity - booked.get(t, 0), 0)} for t in cfg.slot_times]


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.combine(day, dt.time.min), dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min)


def _quota_error(phone: str, day: dt.date, at: dt.datetime, limit: int) -> tuple[str, str] | None:
    """A booking over the phone number's daily bound (stored bookings only)."""
    held = (BookingRow.select().where(BookingRow.phone == phone, BookingRow.day == day,
                                      BookingRow.cancelled_at.is_null(True)).count())
    if held >= limit:
        return ("phone", f"Số điện thoại này đã có {held} lịch hẹn ngày {format_date(day)}; "
                         f"mỗi số điện thoại đặt tối đa {limit} lịch hẹn một ngày.")
    lo, hi = _day_bounds(at.date())
    made = BookingRow.select().where(BookingRow.phone == phone, BookingRow.created_at >= lo,
                                     BookingRow.created_at < hi).count()
    if made >= limit:
        return ("phone", f"Số điện thoại này đã đặt {made} lịch hẹn hôm nay; mỗi số điện thoại đặt tối đa "
                         f"{limit} lịch hẹn một ngày. Vui lòng thử lại vào ngày mai hoặc hủy lịch không dùng.")
    return None


def book(core: CoreServices, *, procedure_code: str, day: dt.date | str, time: str, name: str, phone: str,
         at: dt.datetime | None = None) -> Booking:
    """Book a time slot (public, no account). Refuses a past slot, a full one and a phone
    number over its daily bound."""
    cfg = config(core)
    errors = []
    at = at or now()
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day.strip())
        except ValueError:
            errors.append(("day", "Ngày hẹn không hợp lệ."))
            day = None
    time = (time or "").strip()
    name, phone = (name or "").strip(), digits(phone)
    try:
        get_procedure(procedure_code)
    except NotFound:
        errors.append(("procedure_code", "Vui lòng chọn thủ tục trong danh mục."))
    if not name:
        errors.append(("name", "Vui lòng nhập họ và tên."))
    if not phone.lstrip("+").isdigit() or not 9 <= len(phone.lstrip("+")) <= 12:
        errors.append(("phone", "Số điện thoại không hợp lệ."))
    if day is not None:
        if time not in cfg.slot_times:
            errors.append(("time", "Khung giờ không có trong lịch tiếp nhận."))
        elif not core.calendar.is_working_day(day):
            errors.append(("day", f"Ngày {format_date(day)} không phải ngày làm việc."))
        elif dt.datetime.combine(day, hhmm(time)) <= at:
            errors.append(("time", f"Khung giờ {time} ngày {format_date(day)} đã qua; vui lòng chọn giờ khác."))
        elif day > at.date() + dt.timedelta(days=cfg.booking_days_ahead):
            errors.append(("day", f"Chỉ đặt lịch trước tối đa {cfg.booking_days_ahead} ngày."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        quota = _quota_error(phone, day, at, cfg.bookings_per_contact_per_day)
        if quota:
            raise ValidationError([quota])
        SlotRow.insert(day=day, time=time, booked=0).on_conflict_ignore().execute()
        taken = (SlotRow.update(booked=SlotRow.booked + 1)
                 .where(SlotRow.day == day, SlotRow.time == time, SlotRow.booked < cfg.slot_capacity)
                 .execute())
        if not taken:
            raise ValidationError([("time", f"Khung giờ {time} ngày {format_date(day)} đã đủ "
                                    f"{cfg.slot_capacity} lượt; vui lòng chọn khung giờ khác.")])
        code = random_code(8)
        BookingRow.create(code=code, procedure_code=procedure_code.strip().upper(), day=day, time=time,
                          name=name, phone=phone, created_at=at)
        audit.record("motcua.booking.create", "motcua_booking", code,
                     after={"day": day, "time": time, "procedure": procedure_code})
    return Booking(code, procedure_code.strip().upper(), day, time, name, phone)


def cancel_booking(core: CoreServices, code: str) -> None:
    """Cancel an appointment by its booking code (public: the code is the secret)."""
    row = BookingRow.get_or_none(BookingRow.code == (code or "").strip().upper())
    if row is None or row.cancelled_at is not None:
        raise NotFound("Không tìm thấy lịch hẹn còn hiệu lực với mã này.")
    with write_transaction():
        BookingRow.update(cancelled_at=now()).where(BookingRow.id == row.id).execute()
        SlotRow.update(booked=SlotRow.booked - 1).where(SlotRow.day == row.day, SlotRow.time == row.time,
                                                        SlotRow.booked > 0).execute()
        audit.record("motcua.booking.cancel", "motcua_booking", row.code, before={"day": row.day, "time": row.time})


def bookings_on(core: CoreServices, day: dt.date, *, actor: Actor | None) -> list[Booking]:
    """The day's appointments with the residents' names and phones, for the centre's staff
    and leaders (the centre's scope); others get none. The read is audit-logged."""
    if not core.access.can(actor, P_VIEW, centre_scope(core)):
        return []
    q = BookingRow.select().where(BookingRow.day == day).order_by(BookingRow.time, BookingRow.id)
    rows = [Booking(r.code, r.procedure_code, r.day, r.time, r.name, r.phone, r.cancelled_at is not None) for r in q]
    if rows:
        audit_personal_read(actor, "motcua_booking", day.isoformat(), ["name", "phone"], count=len(rows))
    return rows


WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def when_in_words(day: dt.date, time: str) -> str:
    """"thứ Ba, ngày 08 tháng 12 năm 2026, 09:00" — the day padded, months 1–2 too, as in
    letters (R-VB-11)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{WEEKDAYS[day.weekday()]}, ngày {day.day:02d} tháng {month} năm {day.year}, {time}"


def place(core: CoreServices) -> str:
    """Where appointments are kept: the centre and the ward's address."""
    address = getattr(core.settings.ward, "address", "") or ""
    return f"{config(core).centre_name}, {address}" if address else config(core).centre_name


def find_booking(code: str) -> Booking:
    """A booking by its code, without the booker's name and phone (the code is the secret)."""
    row = BookingRow.get_or_none(BookingRow.code == (code or "").strip().upper())
    if row is None:
        raise NotFound("Không tìm thấy lịch hẹn với mã này.")
    return Booking(row.code, row.procedure_code, row.day, row.time, "", "", row.cancelled_at is not None)


def _ics_text(value: str) -> str:
    """RFC 5545 §3.3.11 TEXT escaping."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """RFC 5545 §3.1: lines of at most 75 octets, continued with CRLF and one space,
    never splitting a UTF-8 character."""
    out, current, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        limit = 75 if not out else 74  # a continuation line starts with a space
        if size + n > limit:
            out.append(current)
            current, size = "", 0
        current += ch
        size += n
    out.append(current)
    return "\r\n ".join(out)


def booking_ics(core: CoreServices, code: str, *, host: str = "thanthien") -> str:
    """The appointment as an iCalendar file (RFC 5545): procedure, place, time, the
    booking code; no name or phone. Local time of Việt Nam (UTC+7, no daylight saving)."""
    b = find_booking(code)
    proc = get_procedure(b.procedure_code)
    start = dt.datetime.combine(b.day, hhmm(b.time))
    end = start + dt.timedelta(minutes=config(core).slot_minutes)
    stamp = now().astimezone(dt.UTC) if now().tzinfo else now() - dt.timedelta(hours=7)
    fmt = "%Y%m%dT%H%M%S"
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//thanthien//motcua//VI", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VTIMEZONE", "TZID:Asia/Ho_Chi_Minh", "BEGIN:STANDARD", "DTSTART:19750613T000000",
        "TZOFFSETFROM:+0700", "TZOFFSETTO:+0700", "TZNAME:ICT", "END:STANDARD", "END:VTIMEZONE",
        "BEGIN:VEVENT",
        f"UID:{b.code.lower()}@{_ics_text(host)}",
        f"DTSTAMP:{stamp.strftime(fmt)}Z",
        f"DTSTART;TZID=Asia/Ho_Chi_Minh:{start.strftime(fmt)}",
        f"DTEND;TZID=Asia/Ho_Chi_Minh:{end.strftime(fmt)}",
        f"SUMMARY:{_ics_text('Lịch hẹn làm thủ tục: ' + proc.name)}",
        f"LOCATION:{_ics_text(place(core))}",
        "DESCRIPTION:" + _ics_text(f"Mã đặt lịch: {b.code} (dùng để hủy lịch khi cần). "
                                   "Mang theo giấy tờ theo danh mục thủ tục."),
        "STATUS:CANCELLED" if b.cancelled else "STATUS:CONFIRMED",
        "END:VEVENT", "END:VCALENDAR",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines)
