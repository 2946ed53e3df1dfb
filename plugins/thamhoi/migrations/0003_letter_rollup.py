"""The letters' counts per year drafted × kind × state × unit (``thamhoi_letter_rollup``),
kept in step with every write of a letter: the desk (``/thamhoi/``) reads them instead of
counting the letters (issue 16).

Filled here from the existing letters; ``thanthien thamhoi check-counts`` compares it with
them and ``thanthien rollups rebuild`` recounts it.
"""
import peewee as pw

from thanthien.core.storage.db import BaseModel, is_postgres


class LetterCountRow(BaseModel):
    year = pw.IntegerField()
    kind = pw.CharField(max_length=32)
    state = pw.CharField(max_length=16)
    unit_id = pw.IntegerField(default=0)
    count = pw.IntegerField(default=0)

    class Meta:
        table_name = "thamhoi_letter_rollup"
        indexes = ((("year", "kind", "state", "unit_id"), True),)


def up(migrator, db):
    db.create_tables([LetterCountRow], safe=True)
    year = ("CAST(EXTRACT(YEAR FROM drafted_at) AS INTEGER)" if is_postgres(db)
            else "CAST(strftime('%Y', drafted_at) AS INTEGER)")
    db.execute_sql("DELETE FROM thamhoi_letter_rollup")
    db.execute_sql(f'INSERT INTO thamhoi_letter_rollup (year, kind, state, unit_id, "count") '
                   f"SELECT {year}, kind, state, COALESCE(unit_id, 0), COUNT(*) FROM thamhoi_letter "
                   f"GROUP BY {year}, kind, state, COALESCE(unit_id, 0)")
