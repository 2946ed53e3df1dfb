"""Shared helpers of the tiepdan tests: times, a visitor, matters at a known date."""
from __future__ import annotations

import datetime as dt

from thanthien.plugins.tiepdan import services as sv
from thanthien.plugins.tiepdan.types import PartyInput

D = dt.date


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


VISITOR = PartyInput(full_name="Nguyễn Văn Dân", address="Số 5, Tổ dân phố số 1", phone="0912345678")


def complaint(core, staff, received="2026-03-02T09:00", known=D(2026, 2, 1), **kw):
    return sv.open_matter(core, "khieu_nai", subject="Khiếu nại quyết định xử phạt", channel="van_ban",
                          parties=[VISITOR], received_at=at(received), decision_known_on=known,
                          actor=staff.officer, **kw)


def denunciation(core, staff, received="2026-03-02T09:00", **kw):
    """A denunciation received by the reception officer, its handler assigned by the Chủ tịch."""
    case = sv.open_matter(core, "to_cao", subject="Tố cáo hành vi nhận tiền", channel="van_ban",
                          parties=[VISITOR], received_at=at(received), actor=staff.officer, **kw)
    return sv.assign(core, case.id, staff.handler.person_id, actor=staff.chairman, reason="Giao xác minh")


def petition(core, staff, received="2026-03-02T09:00"):
    return sv.open_matter(core, "phan_anh", subject="Phản ánh đèn đường hỏng", channel="van_ban",
                          parties=[VISITOR], received_at=at(received), actor=staff.officer)


def last_clock(case_id):
    return sv.clocks(case_id)[-1]


def chairman_day(core, staff, day, host=None, actor=None):
    return sv.create_session(core, kind="chairman", day=day, start_time="07:30", end_time="11:30",
                             host_id=(host or staff.chairman).person_id, attendees=["Công chức Tư pháp - Hộ tịch"],
                             topics="Đất đai, xây dựng", actor=actor or staff.officer)
