"""``[plugin.tiepdan]``: the operational settings of the tiepdan module, checked at start.

Legal numbers (periods, counts) are rules (``thanthien rules show R-KN-04``), not settings.
"""
from __future__ import annotations

import attrs

_positive = attrs.validators.ge(1)
_not_negative = attrs.validators.ge(0)


@attrs.frozen
class TiepdanSettings:
    #: the code of the unit whose staff receive citizens and keep the register (the scope
    #: of the module's records: the register, the matters, the schedule, the dialogues).
    #: The one-stop centre by default; a ward whose office receives citizens sets "VP".
    reception_unit: str = "TTPVHCC"
    #: R-TD-01: where citizens are received; empty: the ward office address
    reception_place: str = ""
    #: R-TD-06: the regular reception hours posted with the schedule
    regular_hours: str = "Sáng từ 7 giờ 30 đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ các ngày làm việc"
    #: the longest feedback text accepted on the portal
    public_max_chars: int = attrs.field(default=5000, validator=_positive)
    #: public submissions per client address per window (chống gửi dồn dập)
    public_rate_limit: int = attrs.field(default=5, validator=_positive)
    public_rate_window_minutes: int = attrs.field(default=60, validator=_positive)
    #: the largest photo a resident may attach to a feedback (JPEG, PNG, WebP)
    max_photo_bytes: int = attrs.field(default=5 * 1024 * 1024, validator=_positive)
    #: feedback shown per page of the public list
    public_list_page_size: int = attrs.field(default=20, validator=_positive)
    #: "not resolved" answers that may reopen one petition
    reopen_max: int = attrs.field(default=2, validator=_not_negative)
    #: days after the answer during which a petition may be reopened
    reopen_within_days: int = attrs.field(default=30, validator=_not_negative)

    @property
    def feedback_body_limit(self) -> int:
        """The largest body of the feedback form: the photo at its largest plus the fields."""
        return self.max_photo_bytes + 128 * 1024
