"""A test-only plugin declaring case types that exercise the engine.

Its rule parameters live in its own rule file (register_rule_files), like a third-party
plugin's would.
"""
from pathlib import Path

from thanthien.core import hookimpl
from thanthien.core.cases import CaseType, DeadlinePolicy, ExtensionPolicy, State, Transition
from thanthien.core.types import Permission

HERE = Path(__file__).resolve().parent

REQUEST = CaseType(
    key="sample_request",
    name="Yêu cầu mẫu",
    number_prefix="YC",
    states=(
        State("received", "Đã tiếp nhận"),
        State("processing", "Đang giải quyết"),
        State("waiting", "Chờ bổ sung"),
        State("done", "Đã trả kết quả", final=True),
        State("refused", "Từ chối", final=True),
    ),
    initial="received",
    transitions=(
        Transition("start", "Bắt đầu giải quyết", ("received",), "processing"),
        Transition("ask_supplement", "Yêu cầu bổ sung", ("processing",), "waiting", pause=True),
        Transition("supplemented", "Đã bổ sung", ("waiting",), "processing", resume=True),
        Transition("finish", "Trả kết quả", ("processing",), "done", permission="sample.finish"),
        Transition("refuse", "Từ chối", ("received", "processing"), "refused", note_required=True),
        Transition("reopen", "Mở lại", ("done",), "processing", note_required=True),
    ),
    deadline=DeadlinePolicy("R-XSAMPLE-01.working_days", "working_days", cutoff="R-XSAMPLE-01.cutoff"),
    extension=ExtensionPolicy("R-XSAMPLE-02.days", "days", "R-XSAMPLE-02.max_extensions"),
)

COMPLAINT = CaseType(
    key="sample_complaint",
    name="Khiếu nại mẫu",
    number_prefix="KNM",
    confidential=True,
    states=(State("received", "Đã nhận"), State("accepted", "Đã thụ lý"),
            State("resolved", "Đã giải quyết", final=True)),
    initial="received",
    transitions=(
        Transition("accept", "Thụ lý", ("received",), "accepted",
                   deadline=DeadlinePolicy("R-XSAMPLE-03.days", "R-XSAMPLE-03.unit")),
        Transition("resolve", "Giải quyết", ("accepted",), "resolved"),
    ),
    deadline=DeadlinePolicy("R-XSAMPLE-03.accept_days", "days"),
)


@hookimpl
def register_case_types(settings):
    return [REQUEST, COMPLAINT]


@hookimpl
def register_rule_files(settings):
    return [HERE / "sample_rules.toml"]


@hookimpl
def register_permissions(settings):
    return [Permission("sample.finish", "Trả kết quả (mẫu)", ("one_stop_officer",), "sample_cases")]
