"""The audit log is append-only (refused by the database) and tamper-evident (hash chain)."""
import peewee
import pytest

from thanthien.core import audit
from thanthien.core.models import AuditRow
from thanthien.core.storage.db import is_postgres
from thanthien.core.types import Actor

ACTOR = Actor(None, "Người kiểm thử")


def test_entries_chain_and_verify(db):
    a = audit.record("thing.create", "thing", 1, actor=ACTOR, after={"ten": "Nguyễn Văn A"})
    b = audit.record("thing.update", "thing", 1, actor=ACTOR, before={"x": 1}, after={"x": 2}, reason="sửa")
    assert (a.seq, b.seq) == (1, 2)
    assert b.prev_hash == a.hash and a.prev_hash == audit.GENESIS
    result = audit.verify_chain()
    assert result.ok and result.checked == 2
    assert [e.action for e in audit.entries(entity="thing")] == ["thing.update", "thing.create"]


@pytest.mark.parametrize("statement", ["UPDATE core_audit SET reason = 'x'", "DELETE FROM core_audit"])
def test_database_refuses_update_and_delete(db, statement):
    audit.record("thing.create", "thing", 1, actor=ACTOR)
    with pytest.raises(peewee.DatabaseError), db.atomic():
        db.execute_sql(statement)
    assert AuditRow.select().count() == 1 and audit.verify_chain().ok


def _drop_guards(db):
    if is_postgres(db):
        db.execute_sql("DROP TRIGGER core_audit_no_change ON core_audit")
    else:
        db.execute_sql("DROP TRIGGER core_audit_no_update")
        db.execute_sql("DROP TRIGGER core_audit_no_delete")


def test_verify_detects_an_altered_row(db):
    for i in range(3):
        audit.record("thing.create", "thing", i, actor=ACTOR, after={"i": i})
    _drop_guards(db)  # an attacker with database access
    db.execute_sql("UPDATE core_audit SET after = '{\"i\": 99}' WHERE seq = 2")
    result = audit.verify_chain()
    assert not result.ok and any("bản ghi 2" in p for p in result.problems)


def test_verify_detects_a_removed_row(db):
    for i in range(3):
        audit.record("thing.create", "thing", i, actor=ACTOR)
    _drop_guards(db)
    db.execute_sql("DELETE FROM core_audit WHERE seq = 2")
    result = audit.verify_chain()
    assert not result.ok and any("thiếu bản ghi số 2" in p for p in result.problems)


def test_failed_transaction_leaves_no_entry_and_no_gap(db):
    with pytest.raises(RuntimeError), db.atomic():
        audit.record("thing.create", "thing", 1, actor=ACTOR)
        raise RuntimeError("boom")
    entry = audit.record("thing.create", "thing", 2, actor=ACTOR)
    assert entry.seq == 1 and audit.verify_chain().ok
