"""Case types of the one-stop module: the dossier (hồ sơ TTHC) and the feedback an unhappy
rating opens (phản ánh), with the dossier's clock.

Which rule starts the clock
---------------------------
A one-stop dossier counts from its **receipt day** ``R`` (R-MC-12): the day it was received
when that is a working day and the time is not after the cut-off (``R-MC-12.cutoff``,
15:00 exactly still counts), otherwise the next working day — a dossier handed in after
15:00, on a Saturday, on a holiday (online, by post) is received on the next working day
and transferred early that morning. From ``R``:

* ``same_day`` procedures are due on ``R`` itself;
* ``working_days:N`` procedures on the N-th working day after ``R`` (R-MC-11);
* ``days:N`` procedures on ``R + N`` (counting from the day after ``R``, R-LV-11), moved to
  the next working day when that is a rest day (R-LV-12).

This is the one-stop rule, not core's default: other case types count a period from the
day after the trigger day itself, whatever that day is (R-LV-11). The dossier's clock is
computed here (``deadline_for_case``), from the working calendar's ``is_working_day`` and
``next_working_day`` only.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from thanthien.core.cases import CaseType, DeadlinePolicy, State, Transition
from thanthien.core.types import Case

from .types import DOSSIER_TYPE, FEEDBACK_TYPE, P_PROCESS, P_RECEIVE, P_SIGN, P_VIEW, PLUGIN

#: R-MC-10: ``<agency e-ID code>-<yymmdd>-<4-digit daily sequence>``; equal to the rule
#: parameter ``R-MC-10.pattern`` (a test pins it), the series restarts each day.
DOSSIER_CODE_SERIES = "{agency}-{yymmdd}"
DOSSIER_CODE_FORMAT = "{agency}-{yymmdd}-{seq:04d}"


def _catalogue_unit(case: Case) -> str:
    """R-MC-11: the unit the procedure publishes, so a supplement pause keeps the right count."""
    return "days" if case.data.get("time_unit") == "days" else "working_days"


#: The first clock of a dossier comes from its procedure (R-MC-11), answered by this
#: plugin's ``deadline_for_case``; the reference names the rule, there is no fixed amount.
CATALOGUE_DEADLINE = DeadlinePolicy("R-MC-11.catalogue", _catalogue_unit, cutoff="R-MC-12.cutoff")
#: R-MC-15/16: the new date is the one the head of the handling unit signed on Mẫu 04.
REAPPOINTED_DEADLINE = DeadlinePolicy("R-MC-16.signed_date", "working_days")

#: R-MC-14: a supplement request pauses the clock while the rule says so
#: (``R-MC-14.supplement_pauses_clock``); when a ward's rules say it does not, the
#: request is taken as ``request_supplement_running`` and the clock keeps counting.
REQUEST_SUPPLEMENT = "request_supplement"
REQUEST_SUPPLEMENT_RUNNING = "request_supplement_running"

DOSSIER = CaseType(
    key=DOSSIER_TYPE,
    name="Hồ sơ thủ tục hành chính",
    number_prefix="HS",
    series=DOSSIER_CODE_SERIES,
    number_format=DOSSIER_CODE_FORMAT,
    states=(
        State("received", "Đã tiếp nhận"),
        State("processing", "Đang giải quyết"),
        State("supplement", "Chờ bổ sung hồ sơ"),
        State("result_ready", "Đã có kết quả, chờ trả"),
        State("returned", "Đã trả kết quả", final=True),
        State("stopped", "Dừng giải quyết", final=True),
        State("refused", "Từ chối giải quyết", final=True),
    ),
    initial="received",
    transitions=(
        Transition("transfer", "Chuyển xử lý", ("received",), "processing", permission=P_RECEIVE),
        # R-MC-13, R-MC-14: one request lists everything missing; the clock pauses.
        Transition(REQUEST_SUPPLEMENT, "Yêu cầu bổ sung hồ sơ", ("received", "processing"), "supplement",
                   permission=P_PROCESS, pause=True, note_required=True),
        Transition(REQUEST_SUPPLEMENT_RUNNING, "Yêu cầu bổ sung hồ sơ", ("received", "processing"), "supplement",
                   permission=P_PROCESS, note_required=True),
        Transition("supplemented", "Đã nhận hồ sơ bổ sung", ("supplement",), "processing",
                   permission=P_RECEIVE, resume=True),
        Transition("reappoint", "Hẹn lại ngày trả kết quả", ("processing",), "processing",
                   permission=P_SIGN, deadline=REAPPOINTED_DEADLINE, note_required=True),
        Transition("result_ready", "Có kết quả", ("processing",), "result_ready", permission=P_PROCESS),
        Transition("return_result", "Trả kết quả", ("result_ready",), "returned", permission=P_RECEIVE),
        Transition("stop", "Dừng giải quyết", ("received", "processing", "supplement"), "stopped",
                   permission=P_PROCESS, note_required=True),
        Transition("refuse", "Từ chối giải quyết", ("received", "processing", "supplement"), "refused",
                   permission=P_PROCESS, note_required=True),
    ),
    deadline=CATALOGUE_DEADLINE,
    open_permission=P_RECEIVE,
    view_permission=P_VIEW,
    plugin=PLUGIN,
    tags=("tthc", "dossier"),
)

#: An unhappy rating becomes feedback for the head of the handling unit, answered within
#: R-PA-07's time.
FEEDBACK = CaseType(
    key=FEEDBACK_TYPE,
    name="Phản ánh về chất lượng giải quyết TTHC",
    number_prefix="PAHL",
    states=(State("open", "Chờ xử lý"), State("answered", "Đã trả lời", final=True)),
    initial="open",
    transitions=(
        Transition("answer", "Trả lời phản ánh", ("open",), "answered", permission=P_SIGN,
                   note_required=True),
    ),
    deadline=DeadlinePolicy("R-PA-07.max_working_days", "working_days"),
    view_permission=P_VIEW,
    plugin=PLUGIN,
    tags=("tthc", "feedback"),
)

CASE_TYPES = [DOSSIER, FEEDBACK]


def cutoff(rules: Any, on: dt.date) -> dt.time:
    """R-MC-12's cut-off hour in force on ``on``."""
    hh, mm = str(rules.value("R-MC-12.cutoff", on)).split(":")  # R-MC-12
    return dt.time(int(hh), int(mm))


def receipt_day(start: dt.datetime, rules: Any, calendar: Any) -> dt.date:
    """R-MC-12: the day a one-stop dossier counts as received (see the module docstring)."""
    day = start.date()
    if calendar.is_working_day(day) and start.time() <= cutoff(rules, day):
        return day
    return calendar.next_working_day(day)


def deadline_for_dossier(case: Case, policy: DeadlinePolicy, start: dt.datetime, rules: Any,
                         calendar: Any) -> dt.date:
    """Due date of a dossier (R-MC-11, R-MC-12, R-LV-11, R-LV-12) or of its one
    re-appointment (R-MC-16)."""
    if policy == REAPPOINTED_DEADLINE:
        return dt.date.fromisoformat(case.data["reappointed_due"])
    received = receipt_day(start, rules, calendar)  # R-MC-12, not R-LV-11's trigger day
    unit, amount = case.data["time_unit"], int(case.data["time_amount"])
    if unit == "same_day":
        return received
    if unit == "working_days":  # R-MC-11
        due = received
        for _ in range(amount):
            due = calendar.next_working_day(due)
        return due
    due = received + dt.timedelta(days=amount)  # R-LV-11: counted from the day after R
    if not calendar.is_working_day(due):  # R-LV-12
        due = calendar.next_working_day(due)
    return due
