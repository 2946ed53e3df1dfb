"""Tables of the tiepdan plan module."""
from thanthien.plugins.tiepdan.models import MODELS


def up(migrator, db):
    db.create_tables(MODELS)
