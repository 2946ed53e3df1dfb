"""The index of the task lists (issue 16): open tasks by deadline, then closed ones, read
per state in (deadline, id) order and paginated by keyset — no sort of the whole
``congvu_task`` table."""


def up(migrator, db):
    db.execute_sql("CREATE INDEX IF NOT EXISTS congvu_task_state_deadline_id ON congvu_task (state, deadline, id)")
