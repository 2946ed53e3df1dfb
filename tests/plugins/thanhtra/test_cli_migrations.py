"""The board's daily check (``thanthien thanhtra check``) and the migration that gives the
board's older cases and documents their scope."""
from __future__ import annotations

import importlib
import io

import pytest
from thanthien.core.access import actor_for_person
from thanthien.core.cli import CliContext, run_cli
from thanthien.core.models import CaseRow, DocumentRow, UnitRow
from thanthien.plugins.thanhtra import services as sv
from thanthien.plugins.thanhtra.types import PETITION, RECOMMENDATION

from .helpers import at, d, seat_board


@pytest.mark.rule("R-TTND-11")
@pytest.mark.rule("R-TTND-09")
def test_check_lists_overdue_answers_and_plans_to_send(settings, pm, db, services, ward):
    seat_board(services, ward)
    rec = sv.propose_recommendation(services, subject="Công khai quỹ", content="Đề nghị", voted_on=d("2026-03-02"),
                                    present=6, votes_for=5, votes_against=1, abstentions=0,
                                    sent_at=at("2026-03-02T10:00"), actor=ward.board)  # due 17/03/2026
    soon, _ = sv.plan_inspection(services, subject="Nhà văn hóa", content="Kiểm tra", planned_on=d("2026-03-27"),
                                 actor=ward.board)  # must be sent by 20/03/2026
    later, _ = sv.plan_inspection(services, subject="Chợ", content="Kiểm tra", planned_on=d("2026-05-20"),
                                  actor=ward.board)
    out = io.StringIO()
    ctx = CliContext(settings, pm, out=out, db=db)
    assert run_cli(["thanhtra", "check", "--date", "18/03/2026"], lambda config: ctx) == 0
    text = out.getvalue()
    assert "1 kiến nghị của Ban quá hạn UBND trả lời (R-TTND-11)" in text and rec.number in text
    assert "1 kế hoạch kiểm tra, giám sát cần gửi (R-TTND-09)" in text
    assert "Nhà văn hóa" in text and "gửi chậm nhất 20/03/2026" in text and "Chợ" not in text
    out.truncate(0)
    out.seek(0)
    assert run_cli(["thanhtra", "kiem-tra", "--ngay", "2026-03-10"], lambda config: ctx) == 0  # the older names
    assert "0 kiến nghị của Ban quá hạn" in out.getvalue()


def test_migration_gives_older_cases_and_documents_the_boards_scope(services, ward, db):
    seat_board(services, ward)
    petition = sv.receive_petition(services, subject="Đèn đường", content="Hỏng", channel="hom_thu",
                                   sender_name="Hoàng Thị Bí Mật", actor=ward.board)
    sv.notify_petition(services, petition.id, findings="Đã sửa.", actor=ward.board)
    rec = sv.propose_recommendation(services, subject="Công khai", content="Đề nghị", voted_on=d("2026-03-02"),
                                    present=6, votes_for=5, votes_against=1, abstentions=0, actor=ward.board)
    report = sv.issue_report(services, period="quy", day=d("2026-02-01"), issued_on=d("2026-04-01"),
                             actor=ward.board)
    docs = [sv.get_petition(services, petition.id).result_document_id, rec.document_id, report.document_id]
    # a ward of the older release: no board unit, cases and documents without unit or owner
    UnitRow.update(kind="department").where(UnitRow.id == ward.units["BTTND"].id).execute()
    CaseRow.update(unit=None).where(CaseRow.case_type.in_([PETITION, RECOMMENDATION])).execute()
    DocumentRow.update(unit=None, owner_kind="", owner_id=None, view_permission="").where(
        DocumentRow.id.in_(docs)).execute()
    migration = importlib.import_module("thanthien.plugins.thanhtra.migrations.0002_board_scope")
    migration.up(None, db)
    board = sv.board_unit_id()
    assert board is not None and board != ward.units["BTTND"].id
    assert {c.unit_id for c in CaseRow.select().where(CaseRow.case_type.in_([PETITION, RECOMMENDATION]))} == {board}
    owners = {r.id: (r.owner_kind, r.owner_id, r.view_permission, r.unit_id)
              for r in DocumentRow.select().where(DocumentRow.id.in_(docs))}
    assert owners[docs[0]] == ("thanhtra.petition", petition.id, "thanhtra.view", board)
    assert owners[docs[1]] == ("thanhtra.recommendation", rec.id, "thanhtra.view", board)
    assert owners[docs[2]] == ("thanhtra.report", report.id, "thanhtra.view", board)
    doc = services.documents.get(docs[0])
    assert services.documents.can_read(ward.board, doc) and services.documents.can_read(ward.chairman, doc)
    head = actor_for_person(ward.group_head_person.id, ward.group_head_person.full_name)
    assert not services.documents.can_read(head, doc)
    migration.up(None, db)  # again: nothing changes
    assert sv.board_unit_id() == board
