"""thanthien backup / restore on SQLite: VACUUM INTO + quick_check, while the app keeps writing."""
import sqlite3
import threading

from thanthien.core import audit
from thanthien.web.cli import main


def _config(tmp_path):
    cfg = tmp_path / "thanthien.toml"
    cfg.write_text(f'[storage]\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    return str(cfg)


def _count(path, table="core_audit"):
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_backup_while_writing_then_restore(tmp_path, sqlite_db, capsys):
    cfg = _config(tmp_path)
    for i in range(50):
        audit.record("thing.create", "thing", i)
    stop = threading.Event()

    def writer():
        with sqlite_db.connection_context():
            while not stop.is_set():
                audit.record("thing.write", "thing", 0)

    t = threading.Thread(target=writer)
    t.start()
    try:
        assert main(["--config", cfg, "backup", str(tmp_path / "bk.db")]) == 0
    finally:
        stop.set()
        t.join()
    assert "kiểm tra: ok" in capsys.readouterr().out
    backed_up = _count(tmp_path / "bk.db")
    assert backed_up >= 50
    # more writes after the backup, then restore: the data goes back to the backup
    audit.record("after.backup", "thing", 1)
    sqlite_db.close()
    assert main(["--config", cfg, "restore", str(tmp_path / "bk.db"), "--yes"]) == 0
    assert _count(tmp_path / "data" / "thanthien.db") == backed_up
    assert list((tmp_path / "data" / "backups").glob("truoc-khoi-phuc-*.db"))


def test_backup_refuses_to_overwrite_and_restore_checks_the_file(tmp_path, sqlite_db, capsys):
    cfg = _config(tmp_path)
    (tmp_path / "bk.db").write_text("x")
    assert main(["--config", cfg, "backup", str(tmp_path / "bk.db")]) == 2
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 10)
    assert main(["--config", cfg, "restore", str(tmp_path / "junk.db"), "--yes"]) == 2
    empty = tmp_path / "other.db"
    sqlite3.connect(empty).execute("CREATE TABLE x (a)").connection.close()
    assert main(["--config", cfg, "restore", str(empty), "--yes"]) == 2
    err = capsys.readouterr().err
    assert "đã tồn tại" in err and "không phải" in err


def test_backup_on_postgres_explains_pg_dump(tmp_path, capsys):
    cfg = tmp_path / "pg.toml"
    cfg.write_text('[storage]\ndatabase_url = "postgresql://postgres@127.0.0.1:5432/test"\n', encoding="utf-8")
    assert main(["--config", str(cfg), "backup", str(tmp_path / "x")]) == 2
    assert "pg_dump" in capsys.readouterr().err
