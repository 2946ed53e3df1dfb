"""``[plugin.congvu]``: the settings of the congvu module, checked at start."""
from __future__ import annotations

import attrs

_positive = attrs.validators.ge(1)
_not_negative = attrs.validators.ge(0)


@attrs.frozen
class CongvuSettings:
    #: the code of the coordinating office (plan IV.2: Phòng Văn hóa - Xã hội): it answers
    #: the units' problems and escalates them; its plan coordinators see the whole plan
    coordinating_unit: str = "VHXH"
    #: the code of the Public Administrative Service Centre (plan III.1.5, IV.3): the scope
    #: of the duty roster, the facility checklist and the paper rating forms
    service_center_unit: str = "TTPVHCC"
    #: the daily check reminds a task's assignee this many working days before its deadline
    remind_working_days: int = attrs.field(default=2, validator=_not_negative)
    #: the deadline, in working days, of a task opened by a failed checklist criterion
    fix_working_days: int = attrs.field(default=10, validator=_positive)
    #: the largest evidence file or photo accepted (a ward setting, not a legal number)
    max_file_bytes: int = attrs.field(default=10 * 1024 * 1024, validator=_positive)
    #: how many files one report, review or record may carry
    max_files: int = attrs.field(default=10, validator=_positive)
