"""thanthien.core — units, people, cases, notices, documents, rules, calendar, hooks.

A plugin writes ``from thanthien.core import hookimpl, PlanModule``. The map of core's
modules is in ``docs/architecture.md``.
"""

from .hooks import hookimpl, hookspec
from .module import PlanModule
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
