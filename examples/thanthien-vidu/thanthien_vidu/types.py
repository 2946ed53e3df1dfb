"""Names of the vidu module."""
from __future__ import annotations

#: the plugin name (entry point, settings section, CLI command)
PLUGIN = "vidu"
#: the notice category this module adds (a Vietnamese slug: a key of a legal list)
NOTICE_CATEGORY = "an_ninh_trat_tu"
#: above the built-in letters' priority (0), so the ward's wording wins
LETTER_PRIORITY = 10
#: unit kinds listed by ``thanthien vidu groups``
GROUP_KINDS = ("residential_group", "village")
