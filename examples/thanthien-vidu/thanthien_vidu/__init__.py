"""An example third-party plan module, as a ward would write it (``vidu``: "example").

* a notice category of its own — security and order announcements of the ward police
  (``an_ninh_trat_tu``) — next to the 14 items of the democracy law's Art. 11 (R-CK-01);
* the ward's own wording of the condolence letter, which replaces the built-in one
  because its priority is higher;
* the CLI command ``thanthien vidu groups`` (older name ``thanthien vidu-tdp``) listing
  the ward's residential groups.

The plugin object is :class:`Vidu`: its templates, CLI and settings come from
:class:`~thanthien.core.module.PlanModule`'s conventions (``templates/``,
``cli.command()``, ``settings_class``); the hooks below are what it adds.
"""
from __future__ import annotations

from thanthien.core import LetterTemplate, NoticeCategory, PlanModule, hookimpl

from .settings import ViduSettings
from .types import LETTER_PRIORITY, NOTICE_CATEGORY, PLUGIN

__version__ = "0.1.0"


class Vidu(PlanModule):
    name = PLUGIN
    settings_class = ViduSettings

    @hookimpl
    def register_notice_categories(self, settings):
        return [NoticeCategory(NOTICE_CATEGORY, "Thông báo an ninh, trật tự khu dân cư", None, PLUGIN)]

    @hookimpl
    def register_letter_templates(self, settings):
        return [LetterTemplate("condolence_letter", "Thư chia buồn (mẫu của phường)",
                               "letters/condolence_letter.html", priority=LETTER_PRIORITY, plugin=PLUGIN)]


plugin = Vidu()
