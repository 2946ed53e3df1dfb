"""Tables of the giamsat plan module."""
from thanthien.plugins.giamsat.models import MODELS


def up(migrator, db):
    db.create_tables(MODELS)
