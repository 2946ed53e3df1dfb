"""The one-stop module's tables (0002 loads the sample catalogue)."""
from thanthien.plugins.motcua.models import MODELS


def up(migrator, db):
    db.create_tables(MODELS)
