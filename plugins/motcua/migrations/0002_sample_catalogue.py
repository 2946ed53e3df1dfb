"""Load the sample procedure catalogue (DOMAIN.md §5) into a new ward's empty table; the
administrator then edits it or imports the province's own file."""


def up(migrator, db):
    from thanthien.plugins.motcua.services import ensure_catalogue

    ensure_catalogue()
