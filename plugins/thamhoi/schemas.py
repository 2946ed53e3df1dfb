"""The JSON shape of every thamhoi page (``page(..., schema=…)``): typed view models.

A view builds one of these and passes it to ``respond``; its fields are the page's JSON
keys (``{"ok": true, …}``) and the template's variables, and the OpenAPI document
describes them. Keys are added, never renamed or removed.
"""
from __future__ import annotations

import datetime as dt

import attrs
from thanthien.web.forms import Redirected

from .types import Activity, Letter, Occasion


@attrs.frozen
class DeskPage:
    """Thư thăm hỏi, chúc mừng: dự thảo chờ ký, thư chờ gửi, thư đã gửi."""

    letters: list[Letter]
    kind: str
    state: str
    year: int | None
    counts: dict[str, dict[str, int]]
    planned: list[Activity]
    page: int
    has_next: bool


@attrs.frozen
class LetterPage:
    """Một thư: nội dung, trạng thái, văn bản đã ký, lễ trao thư hoặc thăm hỏi."""

    letter: Letter
    body_html: str
    activities: list[Activity]
    document_url: str | None
    docx_url: str | None
    broadcast: dict[str, str] | None
    values: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class FormPage:
    """A page holding a form: the values it starts with."""

    values: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class ActivitiesPage:
    """Lễ trao thư, thăm hỏi, phúng viếng, gặp mặt người có uy tín."""

    activities: list[Activity]
    kind: str
    state: str
    year: int | None
    page: int
    has_next: bool


@attrs.frozen
class ActivityPage:
    """Một hoạt động thăm hỏi, chúc mừng."""

    activity: Activity
    letter: Letter | None
    values: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class GreetingRow:
    occasion: Occasion
    letter: Letter | None


@attrs.frozen
class GreetingsPage:
    """Thư chúc mừng năm mới, ngày lễ trong 12 tháng tới."""

    start: dt.date = attrs.field(metadata={"key": "from"})
    occasions: list[GreetingRow] = attrs.Factory(list)


@attrs.frozen
class LetterRedirect(Redirected):
    """After a write on a letter: where to go and the letter's id."""

    letter_id: int = 0


@attrs.frozen
class ActivityRedirect(Redirected):
    """After a write on an activity: where to go and the activity's id."""

    activity_id: int = 0
