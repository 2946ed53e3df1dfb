"""The plugin manager (bộ quản lý phân hệ).

There is no module-level plugin manager: each app, CLI run or test builds its own with
:func:`make_plugin_manager`. Built-in plan modules are found through the same
entry-point group as third-party ones, ``thanthien.plugins``, and are enabled or
disabled by name.
"""

from __future__ import annotations

import importlib.metadata as md
from collections.abc import Iterable
from typing import Any

import attrs
import pluggy

from . import hookspecs, system
from .hooks import collect  # noqa: F401 - older import path of collect()
from .module import plugin_object
from .settings import Settings

ENTRY_POINT_GROUP = "thanthien.plugins"
SYSTEM_PLUGINS = ("core",)


def make_plugin_manager(
    settings: Settings,
    *,
    load_entrypoints: bool = True,
    plugins: Iterable[tuple[str, Any]] = (),
) -> pluggy.PluginManager:
    """Build a plugin manager for these settings.

    Adds the specs, registers core's system plugin (cannot be blocked), blocks every
    name in ``settings.disabled_plugins`` (config and ``$THANTHIEN_DISABLED_PLUGINS``),
    registers the extra ``plugins`` given as ``(name, module_or_object)`` pairs (tests),
    loads the entry-point group and finally runs ``check_pending()``. A package that
    exposes a :class:`~thanthien.core.module.PlanModule` instance as ``plugin`` is
    registered through that instance.
    """
    pm = pluggy.PluginManager("thanthien")
    pm.add_hookspecs(hookspecs)
    pm.register(system, name="core")
    for name in settings.disabled_plugins:
        if name not in SYSTEM_PLUGINS:
            pm.set_blocked(name)
    for name, plugin in plugins:
        if not pm.is_blocked(name):
            pm.register(plugin_object(plugin), name=name)
    if load_entrypoints:
        for ep in _entry_points():
            if pm.is_blocked(ep.name) or pm.get_plugin(ep.name) is not None:
                continue
            pm.register(plugin_object(ep.load()), name=ep.name)
    pm.check_pending()
    return pm


def plugin_name_of(pm: pluggy.PluginManager, plugin: Any) -> str:
    return str(pm.get_name(plugin) or getattr(plugin, "__name__", repr(plugin)))


@attrs.frozen
class PluginInfo:
    """One row of ``thanthien plugins`` and ``/-/plugins``."""

    name: str
    version: str
    hooks: tuple[str, ...]
    enabled: bool
    system: bool
    distribution: str = ""


def _entry_points() -> list[md.EntryPoint]:
    return list(md.entry_points(group=ENTRY_POINT_GROUP))


def plugin_infos(pm: pluggy.PluginManager) -> list[PluginInfo]:
    """Every plugin known: the registered ones and the installed but blocked ones."""
    dists: dict[str, tuple[str, str]] = {}
    for ep in _entry_points():
        ep_dist = ep.dist
        dists[ep.name] = (ep_dist.version if ep_dist else "", ep_dist.name if ep_dist else "")
    core_version = own_version()
    infos: dict[str, PluginInfo] = {}
    for name, plugin in pm.list_name_plugin():
        if plugin is None:
            continue
        hooks = tuple(sorted(h.name for h in pm.get_hookcallers(plugin) or ()))
        version, dist = dists.get(name, (getattr(plugin, "__version__", "") or core_version, "thanthien"))
        infos[name] = PluginInfo(name, version, hooks, True, name in SYSTEM_PLUGINS, dist)
    for ep in _entry_points():
        if ep.name not in infos:
            version, dist = dists[ep.name]
            infos[ep.name] = PluginInfo(ep.name, version, (), False, False, dist)
    for name, plugin in pm.list_name_plugin():
        if plugin is None and name not in infos:
            infos[name] = PluginInfo(name, "", (), False, False, "")
    return sorted(infos.values(), key=lambda i: (not i.system, i.name))


def enabled_plugin_names(pm: pluggy.PluginManager) -> list[str]:
    return [name for name, plugin in pm.list_name_plugin() if plugin is not None]


def own_version() -> str:
    """The installed version of thanthien (``"0"`` from a bare checkout)."""
    try:
        return md.version("thanthien")
    except md.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0"


_own_version = own_version  # older private name
