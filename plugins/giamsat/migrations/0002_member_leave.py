"""A membership can end (left_on, leave_note): only current members act for a board.
Answers are counted by their day (index on answered_on) for the indicators.

The boards' reports issued before documents had owners become the board's documents
(owner ``giamsat.board``, read with ``giamsat.view`` within the board's scope, the Front
Committee's unit) instead of ward resources only leaders could read.
"""
import peewee as pw

from thanthien.core.storage.migrate import add_columns


def up(migrator, db):
    add_columns(migrator, db, "giamsat_member", {"left_on": pw.DateField(null=True),
                                                 "leave_note": pw.TextField(default="")})
    db.execute_sql("CREATE INDEX IF NOT EXISTS giamsat_recommendation_answered_on "
                   "ON giamsat_recommendation (answered_on)")
    db.execute_sql(
        "UPDATE core_document SET owner_kind = 'giamsat.board', "
        "owner_id = (SELECT r.board_id FROM giamsat_board_report r WHERE r.document_id = core_document.id), "
        "view_permission = 'giamsat.view', "
        "unit_id = COALESCE(unit_id, (SELECT u.id FROM core_unit u WHERE u.code = 'MTTQ')) "
        "WHERE owner_kind = '' AND id IN (SELECT document_id FROM giamsat_board_report)")
