import datetime as dt

from thanthien.plugins.tiepdan import services as sv

from .conftest import VISITOR, at


def test_complaint_flow(services, staff):
    visit = sv.record_visit(services, summary="Khiếu nại quyết định thu hồi đất", classification="khieu_nai",
                            visitor=VISITOR, received_at=at("2026-03-02T09:00"), actor=staff.officer,
                            matter={"decision_known_on": dt.date(2026, 2, 1)})
    assert visit.case_id and visit.reply_case_id
    case = services.cases.get(visit.case_id)
    assert case.number == "KN-2026-00001"
    case = sv.accept_complaint(services, case.id, actor=staff.chairman, at=at("2026-03-05T10:00"))
    assert case.state == "accepted"
    reply = services.cases.get(visit.reply_case_id)
    assert reply.state == "replied"
