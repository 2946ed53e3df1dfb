"""``[plugin.vidu]``: the settings of the vidu module, checked at start."""
from __future__ import annotations

import attrs


@attrs.frozen
class ViduSettings:
    #: how many residential groups ``thanthien vidu groups`` lists by default
    list_limit: int = attrs.field(default=100, validator=attrs.validators.ge(1))
