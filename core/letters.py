"""Letter templates (mẫu thư): congratulation, condolence, thanks, apology, greeting.

Plugins and wards contribute templates with ``register_letter_templates``; for each key
the template with the highest ``priority`` wins (ties: the later plugin name), so a ward
replaces a module's letter by shipping one with a higher priority. This is core's
``letter_for_event`` default; a plugin answering that hook chooses otherwise.
"""

from __future__ import annotations

from .hooks import collect
from .types import LetterTemplate


def letter_templates(pm, settings) -> dict[str, LetterTemplate]:
    winners: dict[str, LetterTemplate] = {}
    for tpl in collect(pm.hook.register_letter_templates, settings=settings):
        best = winners.get(tpl.key)
        if best is None or (tpl.priority, tpl.plugin) > (best.priority, best.plugin):
            winners[tpl.key] = tpl
    return winners
