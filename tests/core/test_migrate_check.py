"""``thanthien migrate --check``: the models every plugin declares (``register_models``)
against the database — a missing table or column is reported and the exit status is 1."""
from __future__ import annotations

import io

import peewee as pw
import pytest

from thanthien.core import hookimpl
from thanthien.core.cli import CliContext, run_cli
from thanthien.core.commands import core_commands
from thanthien.core.storage.db import BaseModel


class Orphan(BaseModel):
    """A model whose migration was never written."""

    name = pw.CharField()

    class Meta:
        table_name = "sample_orphan"


class KeyValueWithNote(BaseModel):
    """core_kv as a newer release would declare it, with a column no migration added."""

    key = pw.CharField(primary_key=True)
    note = pw.TextField(default="")

    class Meta:
        table_name = "core_kv"


class Declares:
    def __init__(self, models):
        self.models = models

    @hookimpl
    def register_models(self, settings):
        return self.models


class _Ctx(CliContext):
    def close(self):  # the test's database stays open
        pass


def check(settings, pm, db) -> tuple[int, list[str]]:
    out = io.StringIO()
    ctx = _Ctx(settings=settings, pm=pm, out=out)
    ctx._db = db
    code = run_cli(["migrate", "--check"], lambda config: ctx, core_commands)
    return code, out.getvalue().splitlines()


def test_a_migrated_database_matches_the_declared_models(settings, pm, db):
    code, lines = check(settings, pm, db)
    assert code == 0, lines
    assert lines[-1].startswith("Cấu trúc cơ sở dữ liệu khớp với")


class TestDrift:
    @pytest.fixture
    def extra_plugins(self):
        return [("declares", Declares([Orphan, KeyValueWithNote]))]

    def test_missing_tables_and_columns_are_reported_with_exit_1(self, settings, pm, db):
        code, lines = check(settings, pm, db)
        assert code == 1
        assert any(line.startswith("thiếu bảng sample_orphan") for line in lines), lines
        assert any(line.startswith("thiếu cột core_kv.note") for line in lines), lines
        assert lines[-1].startswith("2 sai lệch")
        with db.connection_context():  # --check changed nothing
            assert not db.table_exists("sample_orphan")


def test_a_dropped_core_table_is_drift(settings, pm, db):
    db.execute_sql("DROP TABLE core_kv")
    code, lines = check(settings, pm, db)
    assert code == 1 and any(line.startswith("thiếu bảng core_kv") for line in lines)
