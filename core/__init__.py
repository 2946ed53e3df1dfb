"""thanthien.core — units, people, cases, notices, documents, rules, calendar, hooks.

A plugin writes ``from thanthien.core import hookimpl, PlanModule``. The map of core's
modules is in ``docs/architecture.md``.
"""

from typing import TYPE_CHECKING, Any

from .hooks import hookimpl, hookspec
from .module import PlanModule

if TYPE_CHECKING:
    from .types import (
        SYSTEM_ACTOR,
        Actor,
        AuditEntry,
        Case,
        CaseEvent,
        DashboardWidget,
        Document,
        Household,
        Indicator,
        LetterTemplate,
        NavItem,
        Notice,
        NoticeCategory,
        Permission,
        Person,
        PersonRef,
        Role,
        Unit,
    )

__all__ = [
    "SYSTEM_ACTOR",
    "Actor",
    "AuditEntry",
    "Case",
    "CaseEvent",
    "DashboardWidget",
    "Document",
    "Household",
    "Indicator",
    "LetterTemplate",
    "NavItem",
    "Notice",
    "NoticeCategory",
    "Permission",
    "Person",
    "PersonRef",
    "PlanModule",
    "Role",
    "Unit",
    "hookimpl",
    "hookspec",
]


def __getattr__(name: str) -> Any:
    """The domain types (:mod:`.types`, many attrs classes) are imported on first use, so
    that a plugin's ``from thanthien.core import PlanModule, hookimpl`` stays light
    (``thanthien --help``)."""
    if name in __all__ and name not in ("PlanModule", "hookimpl", "hookspec"):
        from . import types

        value = getattr(types, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
