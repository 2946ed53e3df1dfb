"""The plan-module helper (phân hệ): conventional hooks implemented from the package layout.

A plan module is a package whose ``__init__.py`` defines one :class:`PlanModule`
subclass and exposes an instance as ``plugin``::

    class Thamhoi(PlanModule):
        name = "thamhoi"
        settings_class = ThamhoiSettings          # the [plugin.thamhoi] section

        @hookimpl
        def register_permissions(self, settings):  # what differs stays explicit
            return PERMISSIONS

    plugin = Thamhoi()

The entry point names the package (``thamhoi = "thanthien.plugins.thamhoi"``); the
plugin manager registers its ``plugin`` object. From the layout, :class:`PlanModule`
implements:

=========================  ===============================================
hook                       convention
=========================  ===============================================
``register_migrations``    ``migrations/`` (``0001_initial.py`` …), history table ``<name>_migrations``
``register_template_dirs`` ``templates/``
``register_routes``        ``views.routes()`` (``views.py`` or a ``views/`` package)
``register_cli_commands``  ``cli.command()`` (one :class:`~thanthien.core.cli.CliCommand` or a list)
``populate_demo``          ``demo.populate(demo)``
``register_models``        ``models.MODELS``
``register_plugin_settings`` ``settings_class``
=========================  ===============================================

Submodules are imported only when their hook is called, so ``thanthien --help`` does
not import a module's views, ORM models or templates.
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar

from .hooks import hookimpl
from .settings import PluginSettings


class PlanModule:
    """Base class of a plan module's plugin object (see the module docstring)."""

    #: the plugin name: URL prefix ``/<name>``, tables ``<name>_…``, ``[plugin.<name>]``, CLI command
    name: ClassVar[str] = ""
    #: attrs class of the ``[plugin.<name>]`` section (every field with a default), or None
    settings_class: ClassVar[type | None] = None

    def __init__(self, package: str | None = None):
        if not self.name:
            raise ValueError(f"{type(self).__name__} must set the class attribute 'name'")
        self.package = package or type(self).__module__
        spec = importlib.util.find_spec(self.package)
        if spec is None or not spec.submodule_search_locations:
            raise ValueError(f"{self.package!r} is not a package")
        self.path = Path(next(iter(spec.submodule_search_locations)))

    def __repr__(self) -> str:
        return f"<PlanModule {self.name} ({self.package})>"

    # -- helpers ---------------------------------------------------------------

    def submodule(self, name: str) -> ModuleType | None:
        """``<package>.<name>`` imported, or None when the package has no such module."""
        full = f"{self.package}.{name}"
        if importlib.util.find_spec(full) is None:
            return None
        return importlib.import_module(full)

    def _folder(self, name: str) -> Path | None:
        folder = self.path / name
        return folder if folder.is_dir() else None

    # -- conventional hook implementations ---------------------------------------

    @hookimpl
    def register_migrations(self, settings: Any) -> Any:
        from .storage.migrate import MigrationSet

        folder = self._folder("migrations")
        return MigrationSet(self.name, folder) if folder else None

    @hookimpl
    def register_template_dirs(self, settings: Any) -> list[Path]:
        folder = self._folder("templates")
        return [folder] if folder else []

    @hookimpl
    def register_routes(self, settings: Any) -> list[Any]:
        views = self.submodule("views")
        return list(views.routes()) if views is not None else []

    @hookimpl
    def register_cli_commands(self, settings: Any) -> list[Any]:
        cli = self.submodule("cli")
        if cli is None:
            return []
        made = cli.command()
        return list(made) if isinstance(made, (list, tuple)) else [made]

    @hookimpl
    def populate_demo(self, demo: Any) -> None:
        module = self.submodule("demo")
        if module is not None:
            module.populate(demo)

    @hookimpl
    def register_models(self, settings: Any) -> list[type]:
        models = self.submodule("models")
        return list(getattr(models, "MODELS", ())) if models is not None else []

    @hookimpl
    def register_plugin_settings(self, settings: Any) -> PluginSettings | None:
        return PluginSettings(self.name, self.settings_class) if self.settings_class is not None else None


def plugin_object(obj: Any) -> Any:
    """What to register for an entry point's object: a package exposing a
    :class:`PlanModule` instance as ``plugin`` registers that instance; anything else
    (a module of ``@hookimpl`` functions, an object) registers as it is."""
    if isinstance(obj, ModuleType):
        inner = getattr(obj, "plugin", None)
        if isinstance(inner, PlanModule):
            return inner
    return obj
