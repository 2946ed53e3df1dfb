"""Information requests (yêu cầu cung cấp thông tin) as case types, one per channel.

Luật TCTT Art. 29–31: the answer time depends on the channel and on whether the request
is simple or complex (``case.data["complex"]``); every amount is a rule parameter:

* in person (R-TT-08): simple ``R-TT-08.simple_max_working_days`` (0: the same day),
  complex ``complex_max_working_days``, one extension of ``extension_max_working_days``;
* online (R-TT-09) and by post or fax (R-TT-10): simple ``simple_max_working_days``,
  complex ``complex_max_working_days`` (and the timeline notice within
  ``complex_notice_max_working_days``), extension ``extension_max_days`` calendar days.

The three types share the number series ``TTT-<year>``, so the register (R-TT-07) has
one gapless sequence.
"""
from __future__ import annotations

from thanthien.core.cases import CaseType, DeadlinePolicy, ExtensionPolicy, State, Transition

PERMISSION = "congkhai.requests.handle"

STATES = (
    State("received", "Đã tiếp nhận"),
    State("notified", "Đã thông báo thời hạn giải quyết"),
    State("provided", "Đã cung cấp thông tin", final=True),
    State("refused", "Từ chối cung cấp thông tin", final=True),
)

TRANSITIONS = (
    Transition("notify", "Thông báo thời hạn giải quyết", ("received",), "notified", permission=PERMISSION),
    Transition("provide", "Cung cấp thông tin", ("received", "notified"), "provided", permission=PERMISSION),
    Transition("refuse", "Từ chối cung cấp thông tin", ("received", "notified"), "refused",
               permission=PERMISSION, note_required=True),
)

#: channel -> rule of its answer times
CHANNEL_RULES = {"in_person": "R-TT-08", "online": "R-TT-09", "post": "R-TT-10"}


def _amount(rule_id: str):
    def amount(case) -> str:
        kind = "complex" if case.data.get("complex") else "simple"
        return f"{rule_id}.{kind}_max_working_days"

    return amount


def _case_type(channel: str, name: str, extension: ExtensionPolicy) -> CaseType:
    rule_id = CHANNEL_RULES[channel]
    return CaseType(
        key=f"ttt_{channel}",
        name=name,
        number_prefix="TTT",
        states=STATES,
        initial="received",
        transitions=TRANSITIONS,
        deadline=DeadlinePolicy(_amount(rule_id), "working_days"),
        extension=extension,
        open_permission=PERMISSION,
        view_permission=PERMISSION,
        plugin="congkhai",
    )


CASE_TYPES = [
    _case_type("in_person", "Yêu cầu cung cấp thông tin trực tiếp",
               ExtensionPolicy("R-TT-08.extension_max_working_days", "working_days", "R-TT-08.max_extensions",
                               permission=PERMISSION)),
    _case_type("online", "Yêu cầu cung cấp thông tin qua mạng",
               ExtensionPolicy("R-TT-09.extension_max_days", "days", "R-TT-09.max_extensions",
                               permission=PERMISSION)),
    _case_type("post", "Yêu cầu cung cấp thông tin qua bưu chính, fax",
               ExtensionPolicy("R-TT-10.extension_max_days", "days", "R-TT-10.max_extensions",
                               permission=PERMISSION)),
]

CASE_TYPE_BY_CHANNEL = {ct.key.removeprefix("ttt_"): ct for ct in CASE_TYPES}
