"""Letters and activities belong to a unit (who may read them: fail-closed scope).

Existing rows get the unit of their case, else the office unit (``[plugin.thamhoi]
office_unit``, Phòng Văn hóa - Xã hội by default) when it exists.
"""
import peewee as pw

from thanthien.core.storage.migrate import add_columns


def up(migrator, db):
    add_columns(migrator, db, "thamhoi_letter", {"unit_id": pw.IntegerField(null=True, index=True)})
    add_columns(migrator, db, "thamhoi_activity", {"unit_id": pw.IntegerField(null=True, index=True)})
    db.execute_sql("UPDATE thamhoi_letter SET unit_id = (SELECT c.unit_id FROM core_case c "
                   "WHERE c.id = thamhoi_letter.case_id) WHERE unit_id IS NULL AND case_id IS NOT NULL")
    db.execute_sql("UPDATE thamhoi_letter SET unit_id = (SELECT u.id FROM core_unit u WHERE u.code = 'VHXH') "
                   "WHERE unit_id IS NULL")
    db.execute_sql("UPDATE thamhoi_activity SET unit_id = (SELECT l.unit_id FROM thamhoi_letter l "
                   "WHERE l.id = thamhoi_activity.letter_id) WHERE unit_id IS NULL AND letter_id IS NOT NULL")
    db.execute_sql("UPDATE thamhoi_activity SET unit_id = (SELECT u.id FROM core_unit u WHERE u.code = 'VHXH') "
                   "WHERE unit_id IS NULL")
