"""``[plugin.bieuquyet]``: the settings of the bieuquyet module, checked at start."""
from __future__ import annotations

import attrs

_positive = attrs.validators.ge(1)


@attrs.frozen
class BieuquyetSettings:
    #: characters of a one-time code (31 symbols each: 10 characters ≈ 8·10¹⁴ possibilities)
    code_length: int = attrs.field(default=10, validator=attrs.validators.ge(8))
    #: days a one-time code stays valid when the caller gives no expiry
    code_valid_days: int = attrs.field(default=30, validator=_positive)
    #: the drafting unit on the documents (Mẫu 01–04) and in their number symbol (R-VB-10)
    drafting_unit: str = "VHXH"
    #: plan III.2.2 targets (percent of all households): informed, represented, voted
    target_informed: int = attrs.field(default=100, validator=attrs.validators.in_(range(101)))
    target_represented: int = attrs.field(default=100, validator=attrs.validators.in_(range(101)))
    target_voted: int = attrs.field(default=100, validator=attrs.validators.in_(range(101)))
