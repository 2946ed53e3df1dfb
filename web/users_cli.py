"""Moved: ``thanthien user`` lives in :mod:`thanthien.core.commands.users` (it has no web code)."""

from thanthien.core.commands.users import command as user_command

__all__ = ["user_command"]
