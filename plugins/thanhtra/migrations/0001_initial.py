"""Tables of the thanhtra plan module."""
from thanthien.plugins.thanhtra.models import MODELS


def up(migrator, db):
    db.create_tables(MODELS)
