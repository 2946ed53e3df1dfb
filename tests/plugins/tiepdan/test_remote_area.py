"""R-KN-04 in a remote or hard-to-reach ward ([ward] remote_area = true): 45 days, 60 if complex."""
import datetime as dt

import pytest

from thanthien.core.settings import WardSettings
from thanthien.plugins.tiepdan import services as sv
from thanthien.testing import make_settings

from .helpers import at, complaint

D = dt.date


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path, ward=WardSettings(remote_area=True))


@pytest.mark.rule("R-KN-04")
def test_r_kn_04_remote_area_45_or_60_days(services, staff):
    simple = sv.accept_complaint(services, complaint(services, staff).id, actor=staff.chairman,
                                 at=at("2026-03-02T10:00"))
    assert simple.due_date == D(2026, 4, 16)  # 02/03 + 45 days
    hard = sv.accept_complaint(services, complaint(services, staff).id, actor=staff.chairman,
                               complexity="complex", at=at("2026-03-02T10:00"))
    assert hard.due_date == D(2026, 5, 4)  # 02/03 + 60 = Fri 01/05 (holiday) → Mon 04/05
    sv.decide_complaint(services, simple.id, summary="Giữ nguyên", actor=staff.chairman, at=at("2026-04-16T17:00"))
    assert sv.clocks(simple.id)[1].late is False
    sv.decide_complaint(services, hard.id, summary="Hủy", actor=staff.chairman, at=at("2026-05-05T08:00"))
    assert sv.clocks(hard.id)[1].late is True
