"""``[plugin.thanhtra]``: the settings of the thanhtra module, checked at start."""
from __future__ import annotations

import re

import attrs

#: the rule parameter of each residential-group heads' term (R-DV-08), by setting value
#: (here, not in :mod:`.types`, so that reading the settings does not load the domain types)
HEAD_TERMS = {"short": "R-DV-08.term_years_short", "long": "R-DV-08.term_years_long"}

_RULE_REF = re.compile(r"^R-[A-Z]+-\d+\.[a-z_]+$")


def _rule_ref(instance, attribute, value: str) -> None:
    if not _RULE_REF.match(value):
        raise ValueError(f"{attribute.name} must name a rule parameter such as R-PA-07.max_working_days")


@attrs.frozen
class ThanhtraSettings:
    #: the residential-group heads' term set by the province (R-DV-08), which the board's
    #: term follows (R-TTND-04): ``long`` (5 years) or ``short`` (2.5 years)
    head_term: str = attrs.field(default="long", validator=attrs.validators.in_(tuple(HEAD_TERMS)))
    #: the rule parameter that sets the board's answer period for a petition: the law sets
    #: none, the R-PA-07 status-reply period (working days) is the default
    petition_deadline: str = attrs.field(default="R-PA-07.max_working_days", validator=_rule_ref)
