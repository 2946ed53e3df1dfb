"""The JSON shape of every bieuquyet page (``page(..., schema=…)``): typed view models.

Public models carry only aggregates: no household, representative or code (R-BQ-25's
"not linkable"). Keys are added, never renamed or removed.
"""
from __future__ import annotations

import attrs

from .services.matters import Matter


@attrs.frozen
class PublicMatter:
    """A matter as the public sees it."""

    id: int
    kind: int
    kind_name: str
    title: str
    content: str
    scope: str
    unit_name: str
    form: str
    form_name: str
    state: str
    state_name: str
    result_url: str

    @classmethod
    def of(cls, m: Matter) -> PublicMatter:
        return cls(m.id, m.kind, m.kind_name, m.title, m.content, m.scope, m.unit_name, m.form, m.form_name,
                   m.state, m.state_name, f"/bieuquyet/ket-qua/{m.id}")


@attrs.frozen
class PublicMattersPage:
    """Nhân dân bàn và quyết định: các nội dung đã và đang biểu quyết."""

    matters: list[PublicMatter]
    page: int
    has_next: bool


@attrs.frozen
class DeskPage:
    """Bàn và quyết định: nội dung biểu quyết của các tổ dân phố mình phụ trách."""

    matters: list[Matter]
    state: str
    page: int
    has_next: bool
