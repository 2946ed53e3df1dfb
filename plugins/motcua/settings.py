"""``[plugin.motcua]``: the settings of the one-stop module, checked at start.

These are the ward's choices, not legal numbers (those are rules: ``R-MC-12.cutoff``,
``R-MC-15…``). A misspelt key is refused at start with the file, the key and the reason.
"""
from __future__ import annotations

import re

import attrs

from thanthien.core.errors import UserMessage

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

DEFAULT_SLOT_TIMES = ("07:30", "08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00",
                      "13:30", "14:00", "14:30", "15:00", "15:30", "16:00")


def _hhmm(instance, attribute, value: str) -> None:
    if not _HHMM.match(value):
        raise UserMessage(f"{attribute.name}: giờ phải có dạng HH:MM, không phải '{value}'")


def _slots(instance, attribute, value: tuple[str, ...]) -> None:
    if not value:
        raise UserMessage("slot_times: cần ít nhất một khung giờ")
    for text in value:
        _hhmm(instance, attribute, text)


_positive = attrs.validators.ge(1)
_not_negative = attrs.validators.ge(0)


@attrs.frozen
class MotcuaSettings:
    #: the agency's e-ID code in dossier codes (R-MC-10); empty: the ward's administrative
    #: code, else its short code
    agency_code: str = ""
    #: the hour results are returned on the due date, printed on the receipt
    return_time: str = attrs.field(default="16:30", validator=_hhmm)
    #: appointment slots of a working day at the centre
    slot_times: tuple[str, ...] = attrs.field(default=DEFAULT_SLOT_TIMES, validator=_slots)
    #: how long one appointment lasts (minutes; the end time in the calendar file)
    slot_minutes: int = attrs.field(default=30, validator=_positive)
    #: residents received in one slot
    slot_capacity: int = attrs.field(default=3, validator=_positive)
    #: how far ahead a resident may book (days)
    booking_days_ahead: int = attrs.field(default=30, validator=_positive)
    #: appointments one phone number may hold on one day, and make in one day: failed
    #: attempts (a full slot, a typo) use none of them
    bookings_per_contact_per_day: int = attrs.field(default=2, validator=_positive)
    #: the name printed on the forms (Mẫu 01, 06)
    centre_name: str = "Trung tâm Phục vụ hành chính công"
    #: the code of the one-stop centre's unit (R-MC-01): a dossier whose procedure names no
    #: existing handling unit belongs to it
    centre_unit: str = "TTPVHCC"
    #: dossiers made by ``thanthien demo`` (about five a working day)
    demo_dossiers: int = attrs.field(default=1200, validator=_not_negative)

    def agency(self, ward) -> str:
        """The agency code used in dossier codes (R-MC-10)."""
        return self.agency_code or ward.admin_code or ward.code
