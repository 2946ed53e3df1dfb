"""congkhai tables (disclosure rules snapshot, ledger, attachments, conferences, media,
information requests)."""
from thanthien.plugins.congkhai.models import MODELS


def up(migrator, db):
    db.create_tables(MODELS)
