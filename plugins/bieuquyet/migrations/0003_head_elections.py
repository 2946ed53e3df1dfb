"""Group-head elections and dismissals (R-DV-10…18), petition signatures, the annual
community meeting and the dialogue conference (R-DT-01…04). A database built by a newer
0001 has the tables already (``safe``)."""
from thanthien.plugins.bieuquyet.models_elections import ELECTION_MODELS


def up(migrator, db):
    db.create_tables(ELECTION_MODELS, safe=True)
