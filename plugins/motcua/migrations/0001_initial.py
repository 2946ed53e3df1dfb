"""The one-stop module's tables; the sample catalogue (DOMAIN.md §5) is loaded by
``thanthien motcua catalogue import`` or on first use (services.ensure_catalogue)."""
from thanthien.plugins.motcua.models import MODELS


def up(migrator, db):
    db.create_tables(MODELS)
