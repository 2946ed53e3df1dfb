"""Tables of the bieuquyet plan module."""
from thanthien.plugins.bieuquyet.models import MODELS


def up(migrator, db):
    db.create_tables(MODELS)
