"""``[plugin.giamsat]``: the settings of the giamsat module, checked at start.

Operational settings only: the legal numbers (board size, notice days, answer period)
are rules (``R-GS-…`` in the rules data).
"""
from __future__ import annotations

import attrs

_positive = attrs.validators.gt(0)


@attrs.frozen
class GiamsatSettings:
    #: the largest site photo accepted (bytes)
    max_photo_bytes: int = attrs.field(default=5 * 1024 * 1024, validator=_positive)
    #: photos one inspection may carry
    max_photos_per_inspection: int = attrs.field(default=10, validator=_positive)
    #: addressee of the boards' reports (R-GS-12)
    front_name: str = "Ban Thường trực Ủy ban MTTQ Việt Nam phường"
    #: the code of the Front Committee's unit: boards belong to it (UB MTTQ sets them up,
    #: R-GS-01) and its officers reach every board
    front_unit: str = "MTTQ"
    #: the code of the department keeping the project register (the economic department):
    #: projects belong to it, and a project without a board is reached from it and by leaders
    register_unit: str = "KTHTDT"

    @property
    def upload_limit(self) -> int:
        """The largest body of the inspection form: every photo at its largest, plus the fields."""
        return self.max_photo_bytes * self.max_photos_per_inspection + 256 * 1024
