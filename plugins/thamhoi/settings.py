"""``[plugin.thamhoi]``: the settings of the thamhoi module, checked at start."""
from __future__ import annotations

import attrs

_not_negative = attrs.validators.ge(0)


@attrs.frozen
class ThamhoiSettings:
    #: the drafting unit on "Lưu: VT, VHXH." and in the number symbol (R-VB-10, R-VB-20);
    #: Phòng Văn hóa - Xã hội leads the plan (plan IV.2)
    drafting_unit: str = "VHXH"
    #: the code of the unit whose staff prepare letters (the letters' scope); a letter drafted
    #: by a case belongs to the case's unit
    office_unit: str = "VHXH"
    #: case types whose late closing drafts an apology letter (plan III.1.6: TTHC results)
    apology_case_types: tuple[str, ...] = ("motcua_dossier",)
    #: how many days before a holiday its greeting is drafted by the daily check
    greeting_lead_days: int = attrs.field(default=15, validator=_not_negative)
    #: how many days after the holiday the published greeting stays on the notice board
    greeting_days_after: int = attrs.field(default=7, validator=_not_negative)
    #: where letters are handed over (plan III.1.6: "tại trụ sở UBND"); empty: the ward's address
    ceremony_place: str = ""
