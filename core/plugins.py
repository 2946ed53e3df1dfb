"""The plugin manager (bộ quản lý phân hệ).

There is no module-level plugin manager: each app, CLI run or test builds its own with
:func:`make_plugin_manager`. Built-in plan modules are found through the same
entry-point group as third-party ones, ``thanthien.plugins``, and are enabled or
disabled by name.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from . import hookspecs, system
from .hooks import collect  # noqa: F401 - older import path of collect()
from .module import plugin_object
from .settings import Settings

if TYPE_CHECKING:
    import importlib.metadata as md

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
        for ep in plugin_entry_points():
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
    import importlib.metadata as md

    return list(md.entry_points(group=ENTRY_POINT_GROUP))


class PluginEntryPoint:
    """One ``thanthien.plugins`` entry point: its ``name`` and ``value`` (``module[:attr]``)."""

    __slots__ = ("name", "value")

    def __init__(self, name: str, value: str) -> None:
        self.name = name
        self.value = value

    def __repr__(self) -> str:
        return f"PluginEntryPoint({self.name!r}, {self.value!r})"

    def load(self) -> Any:
        module, _, attr = self.value.partition(":")
        obj: Any = importlib.import_module(module.strip())
        for part in filter(None, attr.split("[", 1)[0].strip().split(".")):
            obj = getattr(obj, part)
        return obj


def plugin_entry_points() -> list[Any]:
    """The ``thanthien.plugins`` entry points, the same ones in the same order as
    ``importlib.metadata.entry_points(group=…)`` — which reads the metadata of every
    installed distribution — found by reading only the ``entry_points.txt`` files of the
    ``*.dist-info``/``*.egg-info`` folders on ``sys.path`` (the search importlib.metadata
    makes, first distribution of a name wins). Falls back to importlib.metadata when a
    path entry is not a folder (a zip) or an import hook adds distributions of its own.
    """
    from importlib.machinery import PathFinder

    if any(f is not PathFinder and getattr(f, "find_distributions", None) is not None for f in sys.meta_path):
        return _entry_points()
    seen: set[str] = set()
    found: list[Any] = []
    for root in sys.path:
        try:
            children = os.listdir(root or ".")
        except OSError:
            if os.path.isfile(root):
                return _entry_points()  # a zip on the path: importlib.metadata reads it
            continue
        infos: dict[str, list[str]] = {}
        for child in children:
            low = child.lower()
            if low.endswith((".dist-info", ".egg-info")):
                infos.setdefault(_normalize(low.rpartition(".")[0].partition("-")[0]), []).append(child)
        if os.path.basename(root).lower().endswith(".egg") and "EGG-INFO" in children:
            return _entry_points()  # an unpacked egg: importlib.metadata reads it
        for paths in infos.values():
            for child in paths:
                name = _normalize(child.rpartition(".")[0].partition("-")[0])
                if name in seen:
                    continue
                seen.add(name)
                found.extend(_read_group(os.path.join(root or ".", child, "entry_points.txt")))
    return found


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _read_group(path: str) -> list[PluginEntryPoint]:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError:
        return []
    if f"[{ENTRY_POINT_GROUP}]" not in text:
        return []
    out: list[PluginEntryPoint] = []
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            continue
        if section == ENTRY_POINT_GROUP:
            name, _, value = line.partition("=")
            out.append(PluginEntryPoint(name.strip(), value.strip()))
    return out


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
    import importlib.metadata as md

    try:
        return md.version("thanthien")
    except md.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0"


_own_version = own_version  # older private name
