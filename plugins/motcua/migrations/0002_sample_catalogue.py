"""Load the sample procedure catalogue (plugins/motcua/data/procedures.json) into a new ward's empty table; the
administrator then edits it or imports the province's own file."""


def up(migrator, db):
    from thanthien.plugins.motcua.services import ensure_catalogue

    ensure_catalogue()
