"""``[plugin.congkhai]``: the ward's means of disclosure, checked at start.

These are facts about the ward (whether it has a web portal, loudspeakers, residents'
social groups), never legal numbers: every deadline and duration is a rule parameter
(``core/data/rules/ck.toml``). A typo or a bad value is refused at start with the file,
the key and the reason.
"""
from __future__ import annotations

import re

import attrs
from thanthien.core.errors import UserMessage

_HH_MM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _times(instance, attribute, value: tuple[str, ...]) -> None:
    bad = [t for t in value if not _HH_MM.match(t)]
    if bad:
        raise UserMessage(f"giờ phát phải có dạng HH:MM (không hợp lệ: {', '.join(bad)})")


def _positive(instance, attribute, value: int) -> None:
    if value <= 0:
        raise UserMessage("phải lớn hơn 0")


def _percent(instance, attribute, value: float) -> None:
    if not 0 <= value <= 100:
        raise UserMessage("phải từ 0 đến 100")


@attrs.frozen
class CongkhaiSettings:
    #: R-CK-04 "where the commune has a portal": every notice goes on the ward's website
    website: bool = True
    #: the portal shows the JSON feed by itself, so publishing is posting on the website
    #: (recorded automatically, and taken down when the notice is withdrawn)
    website_feed: bool = True
    #: R-CK-09 "where a system exists": items 7–12 are broadcast on the loudspeakers
    loudspeaker: bool = True
    #: plan III.1.1, III.2.1: notices posted at the groups are also shared in their Zalo/Facebook groups
    social_groups: bool = True
    #: the times of day the loudspeakers broadcast (on the announcer's schedule)
    broadcast_times: tuple[str, ...] = attrs.field(default=("06:30", "17:30"), validator=_times)
    #: the largest file attached to a notice (bytes)
    max_attachment_bytes: int = attrs.field(default=10 * 1024 * 1024, validator=_positive)
    #: plan III.2.1: share (%) of residential groups holding a law-propaganda conference
    propaganda_target_percent: float = attrs.field(default=100.0, validator=_percent)
    #: the compliance check lists postings whose minimum period ends within these days
    expiring_within_days: int = attrs.field(default=3, validator=attrs.validators.ge(0))
