"""Core tables, and the triggers that make the audit log append-only."""

from thanthien.core.models import CORE_MODELS
from thanthien.core.storage.db import is_postgres


def up(migrator, db):
    db.create_tables(CORE_MODELS)
    if is_postgres(db):
        db.execute_sql(
            """
            CREATE OR REPLACE FUNCTION core_audit_refuse() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'core_audit is append-only';
            END;
            $$ LANGUAGE plpgsql;
            """
        )
        db.execute_sql(
            "CREATE TRIGGER core_audit_no_change BEFORE UPDATE OR DELETE ON core_audit "
            "FOR EACH ROW EXECUTE FUNCTION core_audit_refuse()"
        )
        db.execute_sql(
            "CREATE TRIGGER core_audit_no_truncate BEFORE TRUNCATE ON core_audit "
            "FOR EACH STATEMENT EXECUTE FUNCTION core_audit_refuse()"
        )
    else:
        db.execute_sql(
            "CREATE TRIGGER core_audit_no_update BEFORE UPDATE ON core_audit "
            "BEGIN SELECT RAISE(ABORT, 'core_audit is append-only'); END"
        )
        db.execute_sql(
            "CREATE TRIGGER core_audit_no_delete BEFORE DELETE ON core_audit "
            "BEGIN SELECT RAISE(ABORT, 'core_audit is append-only'); END"
        )
