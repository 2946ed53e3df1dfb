"""The appointment reminder (issue 14): the day before a booked appointment, the resident
hears of it — through ``message_requested``, never by importing the notifications module.

A booking is made without an account (a name and a phone number). The reminder goes to
that phone number only when it belongs to a resident on the register, and the
notifications module sends it only if that resident consented to appointment messages
(R-DL-04: consent is affirmative and per category; a phone typed into a booking form is
not a consent). The text carries the ward, the time and the procedure's place only —
never the booking code (the secret that cancels it), a name or the phone number. A
booking is reminded once: the job looks at tomorrow's bookings only, and the text
depends on the booking alone (the outbox writes the same message once).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.models import PersonRow
from thanthien.core.storage.db import write_transaction
from thanthien.core.types import SYSTEM_ACTOR, Actor, MessageRequest

from ..models import BookingRow
from ..types import PLUGIN

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

KIND = f"{PLUGIN}.appointment_reminder"


def _national(phone: str) -> str:
    """``0912345678`` from ``+84 912 345 678``, ``84912345678`` or ``0912.345.678``."""
    d = re.sub(r"\D", "", phone or "")
    if d.startswith("84") and len(d) >= 11:
        d = "0" + d[2:]
    return d


def resident_with_phone(phone: str) -> int | None:
    """The one resident on the register with this phone number (``None``: none, or several)."""
    wanted = _national(phone)
    if len(wanted) < 9:
        return None
    found = {p.id for p in PersonRow.select(PersonRow.id, PersonRow.phone)
             .where(PersonRow.phone.endswith(wanted[-9:])) if _national(p.phone) == wanted}
    return found.pop() if len(found) == 1 else None


def reminder_text(core: CoreServices, row: BookingRow) -> str:
    ward = core.settings.ward.name
    ward = f"UBND {ward[:1].lower()}{ward[1:]}"
    return (f"{ward} nhắc ông/bà: lịch hẹn làm thủ tục lúc {row.time} ngày {row.day:%d/%m/%Y} "
            f"tại Bộ phận một cửa. Mời mang theo giấy tờ.")


def remind_tomorrow(core: CoreServices, today: dt.date, *, actor: Actor = SYSTEM_ACTOR) -> list[str]:
    """The daily job: ask for a reminder for each booking of tomorrow (not cancelled)
    whose phone belongs to a resident on the register; the run is audit-logged. Returns
    the codes of the bookings a reminder was asked for."""
    tomorrow = today + dt.timedelta(days=1)
    asked = []
    with write_transaction():
        rows = list(BookingRow.select().where(BookingRow.day == tomorrow, BookingRow.cancelled_at.is_null())
                    .order_by(BookingRow.time, BookingRow.id))
        for row in rows:
            person_id = resident_with_phone(row.phone)
            if person_id is None:
                continue
            # R-DL-04: personal=True — sent only if the resident consented to appointment messages
            message = MessageRequest(kind=KIND, text=reminder_text(core, row), person_id=person_id,
                                     contact=row.phone, subject="Nhắc lịch hẹn", personal=True,
                                     ref=f"booking:{row.id}")
            core.pm.hook.message_requested(message=message, core=core)
            asked.append(row.code)
        audit.record("motcua.booking.remind", "motcua_booking", tomorrow.isoformat(), actor=actor,
                     after={"day": tomorrow, "bookings": len(rows), "reminded": len(asked)})
    return asked


__all__ = ["KIND", "remind_tomorrow", "reminder_text", "resident_with_phone"]
