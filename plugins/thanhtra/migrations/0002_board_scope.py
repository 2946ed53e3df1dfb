"""Every resource of the board belongs to the board (its scope: membership).

Wards that kept a term without a unit of kind ``inspection_board`` get one under the
People's Committee; the board's petitions and recommendations (core cases) get its unit;
the documents the board issued get their owner (``thanhtra.petition`` …), the board's
unit and the permission ``thanhtra.view`` — so only readers of the board open them.
"""

DOCUMENTS = [
    # (owner kind, table, owner id column, document column)
    ("thanhtra.petition", "thanhtra_petition", "case_id", "result_document_id"),
    ("thanhtra.recommendation", "thanhtra_recommendation", "id", "document_id"),
    ("thanhtra.inspection", "thanhtra_inspection", "id", "plan_document_id"),
    ("thanhtra.report", "thanhtra_report", "id", "document_id"),
]


def _board_unit(db):
    row = db.execute_sql("SELECT id FROM core_unit WHERE kind = 'inspection_board' ORDER BY id").fetchone()
    return row[0] if row else None


def up(migrator, db):
    p = db.param
    has_terms = db.execute_sql("SELECT COUNT(*) FROM thanhtra_term").fetchone()[0]
    board = _board_unit(db)
    if board is None and has_terms:
        root = db.execute_sql("SELECT id FROM core_unit WHERE parent_id IS NULL AND kind = 'peoples_committee' "
                              "ORDER BY id").fetchone()
        code = "BTTND"
        while db.execute_sql(f"SELECT 1 FROM core_unit WHERE code = {p}", (code,)).fetchone():
            code += "-1"
        db.execute_sql(f"INSERT INTO core_unit (code, name, kind, parent_id, address, active, sort) "
                       f"VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p})",
                       (code, "Ban Thanh tra nhân dân", "inspection_board", root[0] if root else None, "", True, 0))
        board = _board_unit(db)
    if board is not None:
        db.execute_sql(f"UPDATE core_case SET unit_id = {p} WHERE unit_id IS NULL "
                       f"AND case_type IN ('thanhtra_phan_anh', 'thanhtra_kien_nghi')", (board,))
    for kind, table, owner, column in DOCUMENTS:
        db.execute_sql(
            f"UPDATE core_document SET owner_kind = {p}, view_permission = {p}, "
            f"owner_id = (SELECT t.{owner} FROM {table} t WHERE t.{column} = core_document.id) "
            f"WHERE owner_kind = '' AND id IN (SELECT {column} FROM {table} WHERE {column} IS NOT NULL)",
            (kind, "thanhtra.view"))
    if board is not None:
        db.execute_sql(f"UPDATE core_document SET unit_id = {p} WHERE unit_id IS NULL AND owner_kind LIKE {p}",
                       (board, "thanhtra.%"))
