"""Residents respond where they read (gửi ý kiến về nội dung này).

A public page (a notice, a supervised project, a consultation, a board) asks
:func:`opinion_url` "where does a resident send an opinion about this?" and gets the URL
of the enabled feedback module's form, or ``None`` (no feedback module: no link). The form
names what the opinion is about with a *subject reference*: ``<kind>:<id>``, where
``kind`` is ``<module>.<thing>`` (``congkhai.notice:12``, ``giamsat.project:3``,
``bieuquyet.consultation:5``, ``thanhtra.board:1``). The module owning the kind answers
:func:`resolve` with the subject's public title and page (``None`` for an unknown, forged or
non-public subject), so no module imports another.

Two ``*_for_*`` hooks carry this: ``opinion_url_for_subject`` (answered by the feedback
module) and ``subject_for_opinion`` (answered by the module owning the kind).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from .services import CoreServices

#: ``<module>.<thing>:<id>``: lower-case ASCII letters, digits and ``_`` in the kind
_REF = re.compile(r"^([a-z][a-z0-9_]{0,30}\.[a-z][a-z0-9_]{0,30}):([1-9][0-9]{0,17})$")
#: the query parameter of the feedback form carrying the subject reference
PARAM = "ve"


@attrs.frozen
class Subject:
    """What an opinion is about, as the public sees it: its reference, title and page."""

    kind: str
    id: int
    title: str
    url: str

    @property
    def ref(self) -> str:
        return subject_ref(self.kind, self.id)


def subject_ref(kind: str, id: int) -> str:
    """The reference ``kind:id`` of a subject (``congkhai.notice:12``)."""
    return f"{kind}:{int(id)}"


def parse_ref(text: str | None) -> tuple[str, int] | None:
    """``(kind, id)`` of a well-formed reference, else ``None`` (never raises)."""
    match = _REF.match((text or "").strip())
    if match is None:
        return None
    return match.group(1), int(match.group(2))


def resolve(core: CoreServices, text: str | None) -> Subject | None:
    """The public subject a reference names, or ``None`` when it is malformed, unknown,
    forged or not public (the module owning the kind decides)."""
    parsed = parse_ref(text)
    if parsed is None:
        return None
    kind, id = parsed
    try:
        subject = core.pm.hook.subject_for_opinion(kind=kind, id=id, core=core)
    except Exception:  # noqa: BLE001 - a subject that cannot be read is no subject
        return None
    if not isinstance(subject, Subject) or subject.kind != kind or subject.id != id:
        return None
    return subject


def opinion_url(core: CoreServices, kind: str, id: int, title: str = "") -> str | None:
    """The URL of the feedback form about ``kind:id``, or ``None`` when no enabled module
    takes opinions (the page shows no link)."""
    if parse_ref(subject_ref(kind, id)) is None:
        return None
    url = core.pm.hook.opinion_url_for_subject(kind=kind, id=int(id), title=title, core=core)
    return url if isinstance(url, str) and url else None
