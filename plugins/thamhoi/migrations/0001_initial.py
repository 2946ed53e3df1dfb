"""Tables of the thamhoi plan module."""
from thanthien.plugins.thamhoi.models import MODELS


def up(migrator, db):
    db.create_tables(MODELS)
