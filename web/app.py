"""The web application factory (create_app). Expanded by the web front issue."""
from __future__ import annotations

import contextlib

from starlette.applications import Starlette
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

from thanthien.core.plugins import make_plugin_manager
from thanthien.core.settings import Settings, load_settings
from thanthien.core.storage.db import open_database
from thanthien.core.storage.migrate import migrate_all


def create_app(settings: Settings, pm=None, db=None) -> Starlette:
    pm = pm or make_plugin_manager(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        database = db or open_database(settings.database_url)
        migrate_all(database, pm, settings)
        app.state.db = database
        yield
        database.close()

    async def health(request):
        return JSONResponse({"ok": True, "status": "ok"})

    async def home(request):
        return PlainTextResponse(settings.ward.name)

    return Starlette(routes=[Route("/", home), Route("/-/health", health)], lifespan=lifespan)


def app_from_environment() -> Starlette:
    return create_app(load_settings())
