"""The community-meeting notice as a message to each household head (issue 14).

When a meeting notice is issued (:func:`.meetings.notify`), every active household of the
group whose head is on the register is asked for through ``message_requested`` — the
notifications module, when enabled, sends it only to a head who consented to notices
(R-DL-04; ``personal=True``) and writes it once per meeting and household. The paper
notice (Mẫu 01, the invitation handed over, the loudspeaker) stays the way that reaches
everyone (R-BQ-12); the text carries the group, the time and the place only.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from thanthien.core.models import HouseholdRow
from thanthien.core.types import MessageRequest

from ..types import PLUGIN
from . import common

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

    from ..models import MeetingRow

KIND = f"{PLUGIN}.meeting_notice"
#: how much of the place a message carries (an SMS is short)
PLACE_CHARS = 40
_LONG_NUMBER = re.compile(r"\d[\d\s.-]{6,}\d")


def _short(text: str, limit: int) -> str:
    text = _LONG_NUMBER.sub("…", " ".join((text or "").split()))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def notice_text(row: MeetingRow) -> str:
    """The message: who invites, when and where (short Vietnamese, an SMS)."""
    when = f"{row.scheduled_at:%H} giờ {row.scheduled_at:%M} ngày {row.scheduled_at:%d/%m/%Y}"
    return (f"{common.unit_name(row.unit_id)} mời đại diện hộ dự họp cộng đồng dân cư lúc {when} "
            f"tại {_short(row.place, PLACE_CHARS)}.")


def household_heads(unit_id: int) -> list[int]:
    """The heads of the group's active households, as on the register."""
    rows = (HouseholdRow.select(HouseholdRow.head).where(HouseholdRow.group == unit_id,
                                                        HouseholdRow.active == True,  # noqa: E712
                                                        HouseholdRow.head.is_null(False))
            .order_by(HouseholdRow.code))
    return list(dict.fromkeys(r.head_id for r in rows))


def notify_households(core: CoreServices, row: MeetingRow) -> list[MessageRequest]:
    """Ask for the notice message to every household head of the meeting's group (inside
    the caller's transaction, so a refused notice asks for nothing)."""
    text = notice_text(row)
    made = []
    for head_id in household_heads(row.unit_id):
        message = MessageRequest(kind=KIND, text=text, person_id=head_id, subject="Thông báo họp cộng đồng dân cư",
                                 personal=True, ref=f"meeting:{row.id}")
        core.pm.hook.message_requested(message=message, core=core)
        made.append(message)
    return made


__all__ = ["KIND", "notice_text", "notify_households"]
