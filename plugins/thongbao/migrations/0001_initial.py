"""Tables of the thongbao plan module."""
from thanthien.plugins.thongbao.models import MODELS


def up(migrator, db):
    db.create_tables(MODELS)
