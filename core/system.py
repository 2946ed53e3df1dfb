"""Core's system plugin: default hook answers and core's own contributions.

Registered first by :func:`~thanthien.core.plugins.make_plugin_manager` under the name
``core``; it cannot be disabled. Its ``*_for_*`` answers are ``trylast`` so any plugin
can replace them.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from .hooks import hookimpl
from .settings import CoreSettings, PluginSettings

HERE = Path(__file__).resolve().parent

STAFF = (
    "chairperson",
    "vice_chairperson",
    "one_stop_officer",
    "department_officer",
    "group_head",
    "board_member",
    "admin",
)


@functools.cache
def core_permissions() -> list[Any]:
    """Core's permissions (built on first use: the domain types stay out of ``thanthien --help``)."""
    from .types import Permission

    return [
        Permission("core.dashboard.view", "Xem bảng điều khiển", STAFF),
        Permission("core.units.view", "Xem đơn vị, tổ dân phố", STAFF),
        Permission("core.units.manage", "Quản lý đơn vị", ("admin",)),
        Permission(
            "core.people.view",
            "Xem danh sách người dân, hộ gia đình",
            ("chairperson", "vice_chairperson", "one_stop_officer", "department_officer", "group_head", "admin"),
        ),
        Permission(
            "core.people.view_personal",
            "Xem đầy đủ thông tin cá nhân (có ghi nhật ký)",
            ("chairperson", "vice_chairperson", "one_stop_officer", "group_head"),
        ),
        Permission(
            "core.people.manage", "Cập nhật người dân, hộ gia đình", ("one_stop_officer", "department_officer", "admin")
        ),
        Permission("core.cases.view", "Xem hồ sơ, vụ việc", STAFF),
        Permission(
            "core.cases.view_confidential",
            "Xem nội dung mọi hồ sơ bảo mật (R-TC-10)",
            ("chairperson",),
            privileged=True,
        ),
        Permission(
            "core.documents.issue",
            "Ban hành văn bản",
            ("chairperson", "vice_chairperson", "one_stop_officer", "department_officer"),
        ),
        Permission("core.documents.view", "Xem sổ văn bản", STAFF),
        Permission("core.audit.view", "Xem nhật ký kiểm toán", ("admin", "chairperson")),
        Permission("core.users.manage", "Quản lý tài khoản cán bộ", ("admin",), privileged=True),
        Permission(
            "core.users.approve_grant",
            "Phê duyệt việc cấp vai trò đặc biệt (người thứ hai; không phê duyệt cho chính mình)",
            ("chairperson", "admin"),
        ),
        Permission("core.rules.view", "Xem tham số quy định", STAFF),
        Permission("core.rules.confirm", "Xác nhận tham số quy định", ("admin",)),
    ]


def __getattr__(name: str) -> Any:
    if name == "CORE_PERMISSIONS":  # the older module constant
        return core_permissions()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The ORM (models, migrations, the case engine) is imported when a hook is called, not
# when the plugin manager is built: ``thanthien --help`` does not load it.


@hookimpl
def register_migrations(settings):
    from .storage.migrate import MigrationSet

    return MigrationSet("core", HERE / "migrations")


@hookimpl
def register_models(settings):
    from .accounts import ACCOUNT_MODELS
    from .kept_forms import KEPT_FORM_MODELS
    from .models import CORE_MODELS
    from .outbox import MODELS as OUTBOX_MODELS
    from .scheduler import MODELS as JOB_MODELS
    from .voting import VOTING_MODELS

    return [
        *CORE_MODELS,
        *ACCOUNT_MODELS,
        *KEPT_FORM_MODELS,
        *OUTBOX_MODELS,
        *JOB_MODELS,
        *VOTING_MODELS,
    ]


@hookimpl
def register_jobs(settings):
    from .scheduler import core_jobs

    return core_jobs(settings)


@hookimpl
def register_plugin_settings(settings):
    return PluginSettings("core", CoreSettings)


@hookimpl
def register_permissions(settings):
    return core_permissions()


@hookimpl
def register_template_dirs(settings):
    return [HERE / "templates"]


@hookimpl
def register_nav_items(settings):
    from .types import NavItem

    return [
        NavItem("Bảng điều khiển", "/dashboard", None, order=0),  # every staff member (the route is STAFF)
        NavItem("Đơn vị", "/units", "core.units.view", order=80),
        NavItem("Người dân", "/people", "core.people.view", order=81),
        NavItem("Sổ văn bản", "/documents", "core.documents.view", order=85),
        NavItem("Nhật ký", "/audit", "core.audit.view", order=95),
        NavItem("Tài khoản", "/admin/users", "core.users.manage", order=96),
        NavItem("Đề nghị cấp vai trò", "/admin/role-requests", "core.users.approve_grant", order=97),
    ]


@hookimpl(trylast=True)
def working_calendar_for_ward(settings):
    from .calendar import load_calendar

    return load_calendar(settings)


@hookimpl(trylast=True)
def deadline_for_case(case, policy, start, rules, calendar):
    from .cases import policy_due

    return policy_due(policy, case, start, rules, calendar)


@hookimpl(trylast=True)
def letter_for_event(event, context, core):
    """The registered template of the letter's key with the highest priority."""
    from .letters import letter_templates

    key = context.get("letter_key", event) if context else event
    return letter_templates(core.pm, core.settings).get(key)


@hookimpl(trylast=True)
def access_for_scope(actor, permission, scope, core):
    """The role × unit table (:meth:`~thanthien.core.access.AccessPolicy.role_table_allows`)."""
    return core.access.role_table_allows(actor, permission, scope)
