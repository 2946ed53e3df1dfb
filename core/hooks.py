"""Hook markers and the one helper every module uses to call a ``register_*`` hook.

A leaf module: it imports nothing from thanthien, so any core module can use it
without depending on the plugin manager (the composition root, :mod:`.plugins`).

* ``hookspec`` / ``hookimpl`` — the pluggy markers of the project ``thanthien``; a plugin
  writes ``from thanthien.core import hookimpl``.
* :func:`collect` — call a ``register_*`` hook through its hook caller and flatten the
  lists the plugins return: ``collect(pm.hook.register_permissions, settings=settings)``.
"""

from __future__ import annotations

from typing import Any

from pluggy import HookimplMarker, HookspecMarker

hookspec = HookspecMarker("thanthien")
hookimpl = HookimplMarker("thanthien")


def collect(hook: Any, *args: Any, **kwargs: Any) -> list[Any]:
    """Call a ``register_*`` hook and flatten the lists it returns (``None`` skipped).

    ``hook`` is the hook caller, e.g. ``pm.hook.register_routes``. The older form
    ``collect(pm, "register_routes", …)`` with the hook's name as a string still works
    for third-party code but is deprecated: a string is invisible to "find usages".
    """
    if args and isinstance(args[0], str):  # collect(pm, "name", ...) — deprecated form
        hook = getattr(hook.hook, args[0])
        args = args[1:]
    if args:
        raise TypeError("collect() takes the hook caller and keyword arguments only")
    flat: list[Any] = []
    for item in hook(**kwargs):
        if item is None:
            continue
        if isinstance(item, (list, tuple)):
            flat.extend(item)
        else:
            flat.append(item)
    return flat
