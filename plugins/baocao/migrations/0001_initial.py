"""Tables of the baocao plan module."""
from thanthien.plugins.baocao.models import MODELS


def up(migrator, db):
    db.create_tables(MODELS)
