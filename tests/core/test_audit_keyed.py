"""Issue 10 item 4: an insider who can write to the database cannot rewrite the audit log
unseen. The chain is keyed with a secret kept outside the database, signed checkpoints go
to a file, and ``thanthien audit verify`` checks both — written as the attacks."""
import json
import os
import stat

import pytest

from thanthien.core import audit
from thanthien.core.models import AuditRow
from thanthien.core.storage.db import is_postgres
from thanthien.core.types import Actor
from thanthien.web.cli import main

ACTOR = Actor(None, "Người kiểm thử")
KEY = b"k" * 32


def _drop_guards(db):
    if is_postgres(db):
        db.execute_sql("DROP TRIGGER core_audit_no_change ON core_audit")
    else:
        db.execute_sql("DROP TRIGGER core_audit_no_update")
        db.execute_sql("DROP TRIGGER core_audit_no_delete")


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def keyed(db, tmp_path):
    return audit.configure(db, KEY, tmp_path / "cp" / "audit-checkpoints.jsonl", every=5)


def _write(n, start=0):
    return [audit.record("thing.create", "thing", start + i, actor=ACTOR, after={"i": start + i})
            for i in range(n)]


def test_keyed_entries_and_periodic_checkpoints_verify(db, keyed):
    entries = _write(12)
    assert all(r.mac for r in AuditRow.select())
    seqs = [json.loads(line)["seq"] for line in keyed.checkpoint_file.read_text().splitlines()]
    assert seqs == [0, 5, 10]  # the initial one, then every 5 entries
    result = audit.verify_chain()
    assert result.ok, result.problems
    assert entries[-1].seq == 12
    assert _mode(keyed.checkpoint_file) == 0o600


def test_truncating_the_newest_entries_is_reported(db, keyed):
    _write(12)
    _drop_guards(db)  # an attacker with database access
    db.execute_sql("DELETE FROM core_audit WHERE seq >= 9")
    # the chain that is left is internally consistent ...
    assert [r.seq for r in AuditRow.select().order_by(AuditRow.seq)] == list(range(1, 9))
    result = audit.verify_chain()
    # ... but the signed checkpoint at 10 says entries are gone
    assert not result.ok
    assert any("thiếu các bản ghi mới nhất" in p and "10 bản ghi" in p for p in result.problems)


def test_rehashing_the_chain_with_the_apps_own_function_is_reported(db, keyed):
    _write(7)
    _drop_guards(db)
    rows = list(AuditRow.select().order_by(AuditRow.seq))
    prev = rows[0].hash
    for row in rows[1:]:  # edit entry 2, then recompute every hash after it
        after = {"i": 999} if row.seq == 2 else row.after
        digest = audit.entry_hash(row.seq, row.at, row.actor_id, row.actor_name, row.action, row.entity,
                                  row.entity_id, row.before, after, row.reason, prev)
        AuditRow.update(after=after, prev_hash=prev, hash=digest).where(AuditRow.seq == row.seq).execute()
        prev = digest
    problems = audit.verify_chain().problems
    assert not any("nội dung đã bị thay đổi" in p for p in problems)  # the plain chain is fooled
    assert any("bản ghi 2: chữ ký khóa không khớp" in p for p in problems)
    assert any("bản ghi 5: khác với điểm kiểm tra đã ký" in p for p in problems)


def test_stripping_the_signatures_is_reported(db, keyed):
    _write(3)
    _drop_guards(db)
    db.execute_sql("UPDATE core_audit SET mac = NULL")
    problems = audit.verify_chain().problems
    assert [p for p in problems if "thiếu chữ ký khóa" in p] == [
        "bản ghi 1: thiếu chữ ký khóa", "bản ghi 2: thiếu chữ ký khóa", "bản ghi 3: thiếu chữ ký khóa"]


def test_a_forged_checkpoint_is_reported(db, keyed):
    _write(5)
    lines = keyed.checkpoint_file.read_text().splitlines()
    forged = json.loads(lines[-1])
    forged["seq"] = 2  # someone trying to make a truncation look expected
    keyed.checkpoint_file.write_text("\n".join([*lines, json.dumps(forged)]) + "\n")
    problems = audit.verify_chain().problems
    assert any("chữ ký không hợp lệ" in p for p in problems)


def test_entries_written_before_the_key_are_vouched_for_by_the_first_checkpoint(db, tmp_path):
    _write(3)  # no key yet (an installation upgraded to this version)
    ring = audit.configure(db, KEY, tmp_path / "cp.jsonl", every=100)
    _write(2, start=3)
    assert audit.verify_chain().ok
    first = json.loads(ring.checkpoint_file.read_text().splitlines()[0])
    assert (first["seq"], first["unsigned_upto"], first["initial"]) == (3, 3, True)
    # an old unsigned entry edited and re-hashed after the checkpoint: the head moved
    _drop_guards(db)
    row = AuditRow.get(AuditRow.seq == 3)
    digest = audit.entry_hash(row.seq, row.at, row.actor_id, row.actor_name, row.action, row.entity,
                              row.entity_id, row.before, {"i": 42}, row.reason, row.prev_hash)
    AuditRow.update(after={"i": 42}, hash=digest).where(AuditRow.seq == 3).execute()
    assert any("bản ghi 3: khác với điểm kiểm tra đã ký" in p for p in audit.verify_chain().problems)


def test_no_checkpoint_inside_an_open_transaction(db, keyed):
    with db.atomic():
        _write(6)
        assert keyed.last_checkpoint == 0  # an entry that could still roll back is never signed
    assert audit.maybe_checkpoint()["seq"] == 6


def _config(tmp_path, extra=""):
    cfg = tmp_path / "thanthien.toml"
    cfg.write_text(f'[storage]\ndata_dir = "{tmp_path / "data"}"\n{extra}', encoding="utf-8")
    return str(cfg)


def test_cli_files_are_private_and_verify_reports_truncation(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv(audit.KEY_ENV, raising=False)
    cfg = _config(tmp_path, "[audit]\ncheckpoint_every = 3\n")
    assert main(["--config", cfg, "audit", "verify"]) == 0
    data = tmp_path / "data"
    for name in ("thanthien.db", "audit.key", "audit-checkpoints.jsonl"):
        assert _mode(data / name) == 0o600, name
    assert main(["--config", cfg, "backup", str(tmp_path / "bk.db")]) == 0
    assert _mode(tmp_path / "bk.db") == 0o600
    import sqlite3

    con = sqlite3.connect(data / "thanthien.db")
    try:
        count = con.execute("SELECT count(*) FROM core_audit").fetchone()[0]
    finally:
        con.close()
    assert main(["--config", cfg, "audit", "checkpoint"]) == 0
    assert f"{count} bản ghi" in capsys.readouterr().out
    con = sqlite3.connect(data / "thanthien.db")
    con.execute("DROP TRIGGER core_audit_no_delete")
    con.execute("DELETE FROM core_audit WHERE seq = (SELECT max(seq) FROM core_audit)")
    con.commit()
    con.close()
    assert main(["--config", cfg, "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "thiếu các bản ghi mới nhất" in out and "KHÔNG toàn vẹn" in out
    # a restore by someone holding the key is signed, so the older log verifies again
    assert main(["--config", cfg, "restore", str(tmp_path / "bk.db"), "--yes"]) == 0
    capsys.readouterr()
    assert main(["--config", cfg, "audit", "verify"]) == 0
    assert "khớp điểm kiểm tra đã ký" in capsys.readouterr().out


def test_key_from_the_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(audit.KEY_ENV, "x" * 40)
    cfg = _config(tmp_path)
    assert main(["--config", cfg, "audit", "verify"]) == 0
    assert not (tmp_path / "data" / "audit.key").exists()
    monkeypatch.setenv(audit.KEY_ENV, "y" * 40)  # a different key: nothing verifies
    assert main(["--config", cfg, "audit", "verify"]) == 1
    assert "chữ ký không hợp lệ" in capsys.readouterr().out
