"""Typed errors that carry a message for people (Vietnamese) and a stable code for programs.

Every error a user can cause is one of these: the CLI prints ``message`` on one line and
exits with status 2, the web layer turns it into a page or a JSON envelope. Nothing else
should reach a user.
"""

from __future__ import annotations


class ThanthienError(Exception):
    """Base of every error meant to be shown to a user (người dùng)."""

    code = "error"
    status = 400

    def __init__(self, message: str, *, field: str | None = None, details: dict | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details or {}

    def __str__(self) -> str:  # one line, no traceback
        return self.message


class SettingsError(ThanthienError):
    """A ward configuration file (thanthien.toml) that cannot be used."""

    code = "settings"

    def __init__(self, path: str, key: str | None, reason: str):
        where = f"{path}" + (f", khóa '{key}'" if key else "")
        super().__init__(f"Tệp cấu hình không hợp lệ: {where}: {reason}", field=key)
        self.path = path
        self.key = key
        self.reason = reason


class ValidationError(ThanthienError):
    """Input that does not fit; ``errors`` lists (field, message) pairs."""

    code = "validation"
    status = 422

    def __init__(self, errors: list[tuple[str, str]] | str, field: str | None = None):
        if isinstance(errors, str):
            errors = [(field or "", errors)]
        self.errors = errors
        super().__init__("; ".join(m for _, m in errors), field=errors[0][0] if errors else None)


class UserMessage(ValueError):
    """Raised by a validator of a typed form: its text (Vietnamese) is shown next to the field.

    ``attrs.field(validator=…)`` functions raise ``UserMessage("Số điện thoại gồm 10 chữ số.")``;
    any other ``ValueError`` shows the field's ``metadata["error"]`` or a generic message.
    """


class NotFound(ThanthienError):
    code = "not_found"
    status = 404


class PermissionDenied(ThanthienError):
    code = "forbidden"
    status = 403


class IllegalTransition(ThanthienError):
    """A case transition that the case type does not allow from the current state."""

    code = "illegal_transition"
    status = 409


class RuleError(ThanthienError):
    """A legal-rule parameter (R-…) that is missing or not in force on the date asked."""

    code = "rule"
    status = 500


class CalendarError(ThanthienError):
    code = "calendar"
