"""Extensions (gia hạn) lengthen the period itself: they count from the period's own last
day, not from a due date moved off a rest day, and ``max_total`` caps the whole period."""
import datetime as dt

import attrs
import pytest

from tests.fixture_plugins import sample_cases
from thanthien.core import hookimpl
from thanthien.core.cases import CaseType, DeadlinePolicy, ExtensionPolicy, State, Transition
from thanthien.core.errors import IllegalTransition

D = dt.date

EXTENDED = CaseType(
    key="sample_extended",
    name="Vụ việc gia hạn mẫu",
    number_prefix="GHM",
    states=(State("received", "Đã nhận"), State("accepted", "Đã thụ lý"), State("done", "Xong", final=True)),
    initial="received",
    transitions=(
        Transition("accept", "Thụ lý", ("received",), "accepted",
                   deadline=DeadlinePolicy("R-XSAMPLE-03.days", "days", counts_from="trigger")),
        Transition("finish", "Xong", ("accepted",), "done"),
    ),
    extension=ExtensionPolicy("R-XSAMPLE-03.days", "days", "R-XSAMPLE-02.max_extensions", max_total=75),
)


#: a ward's stricter cap: 60 days in all, however many extensions
CAPPED = attrs.evolve(EXTENDED, key="sample_capped", number_prefix="GHC",
                      extension=attrs.evolve(EXTENDED.extension, max_total=60, max_count=5))


class ExtendedPlugin:
    @hookimpl
    def register_case_types(self, settings):
        return [EXTENDED, CAPPED]


@pytest.fixture
def extra_plugins():
    return [("sample_cases", sample_cases), ("sample_extended", ExtendedPlugin())]


def accepted(services, day="2026-01-20T10:00", key="sample_extended"):
    case = services.cases.open(key, "x", received_at=dt.datetime.fromisoformat(day))
    return services.cases.transition(case.id, "accept", at=dt.datetime.fromisoformat(day))


@pytest.mark.rule("R-LV-12")
def test_each_extension_counts_from_the_period_end_before_its_rest_day_shift(services):
    case = accepted(services)
    assert case.due_date == D(2026, 2, 23)  # 20/01 + 30 = Thu 19/02 (Tết) -> Mon 23/02
    case = services.cases.extend(case.id, note="lần 1")
    assert case.due_date == D(2026, 3, 23)  # 20/01 + 60 = Sat 21/03 -> Mon 23/03 (not 23/02 + 30 = 25/03)
    case = services.cases.extend(case.id, note="lần 2")
    assert case.due_date == D(2026, 4, 6)  # capped at 75 days: Sun 05/04 -> Mon 06/04
    with pytest.raises(IllegalTransition):
        services.cases.extend(case.id, note="lần 3")  # max_count (2)


def test_max_total_refuses_an_extension_that_adds_nothing(services):
    case = accepted(services, key="sample_capped")
    case = services.cases.extend(case.id, note="lần 1")
    assert case.due_date == D(2026, 3, 23)
    with pytest.raises(IllegalTransition, match="tối đa 60"):
        services.cases.extend(case.id, note="lần 2")
