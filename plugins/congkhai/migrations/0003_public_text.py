"""A notice's public title, body and summary are sanitised and masked once, when it is
published, and kept beside it (``congkhai_notice_meta.public_*``): the board and the feeds
read them instead of cleaning every body on every request (issue 16). Notices published
before this migration are prepared here. Safe to run twice."""
import peewee as pw

from thanthien.core.storage.migrate import add_columns


def up(migrator, db):
    add_columns(migrator, db, "congkhai_notice_meta", {
        "public_title": pw.TextField(default=""),
        "public_body": pw.TextField(default=""),
        "public_summary": pw.TextField(default=""),
    })
    from thanthien.plugins.congkhai.services.public import public_text

    rows = db.execute_sql(
        "SELECT n.id, n.title, n.body_html, m.id FROM core_notice n LEFT JOIN congkhai_notice_meta m "
        "ON m.notice_id = n.id WHERE n.state = 'published'").fetchall()
    param = db.param
    for notice_id, title, body_html, meta_id in rows:
        values = public_text(title, body_html or "")
        if meta_id is None:
            db.execute_sql("INSERT INTO congkhai_notice_meta (notice_id, search_text, custom, requirements_built, "
                           f"public_title, public_body, public_summary) VALUES ({param}, '', '{{}}', {param}, "
                           f"{param}, {param}, {param})", (notice_id, False, *values))
        else:
            db.execute_sql(f"UPDATE congkhai_notice_meta SET public_title = {param}, public_body = {param}, "
                           f"public_summary = {param} WHERE id = {param}", (*values, meta_id))
