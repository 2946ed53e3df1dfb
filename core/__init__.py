"""thanthien.core — units, people, cases, notices, documents, rules, calendar, hooks.

A plugin writes ``from thanthien.core import hookimpl``.
"""
from .hookspecs import hookimpl, hookspec
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
    "hookimpl", "hookspec", "SYSTEM_ACTOR", "Actor", "AuditEntry", "Case", "CaseEvent",
    "DashboardWidget", "Document", "Household", "Indicator", "LetterTemplate", "NavItem",
    "Notice", "NoticeCategory", "Permission", "Person", "PersonRef", "Role", "Unit",
]
