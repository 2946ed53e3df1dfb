"""Information requests (yêu cầu cung cấp thông tin) as case types, one per channel.

Luật TCTT Art. 29–31: the answer time depends on the channel and on whether the request
is simple or complex (``case.data["complex"]``); every amount is a rule parameter:

* in person (R-TT-08): simple ``R-TT-08.simple_max_working_days`` (0: the same day),
  complex ``complex_max_working_days``, one extension of ``extension_max_working_days``;
* online (R-TT-09) and by post or fax (R-TT-10): simple ``simple_max_working_days``,
  complex ``complex_max_working_days`` (and the timeline notice within
  ``complex_notice_max_working_days``), extension ``extension_max_days`` calendar days.

The three types share the number series ``TTT-<year>``, so the register (R-TT-07) has
one gapless sequence. Keys are ``congkhai_ttt_<channel>``; the older ``ttt_<channel>``
stay as aliases (migration 0002 renamed the stored cases). Other modules find these
types by the tag ``information_request``, never by key.
"""
from __future__ import annotations

from thanthien.core.cases import CaseType, DeadlinePolicy, ExtensionPolicy, State, Transition

from .types import P_REQUESTS, PLUGIN, REQUEST_TAG

STATES = (
    State("received", "Đã tiếp nhận"),
    State("notified", "Đã thông báo thời hạn giải quyết"),
    State("provided", "Đã cung cấp thông tin", final=True),
    State("refused", "Từ chối cung cấp thông tin", final=True),
)

TRANSITIONS = (
    Transition("notify", "Thông báo thời hạn giải quyết", ("received",), "notified", permission=P_REQUESTS),
    Transition("provide", "Cung cấp thông tin", ("received", "notified"), "provided", permission=P_REQUESTS),
    Transition("refuse", "Từ chối cung cấp thông tin", ("received", "notified"), "refused",
               permission=P_REQUESTS, note_required=True),
)

#: channel -> rule of its answer times
CHANNEL_RULES = {"in_person": "R-TT-08", "online": "R-TT-09", "post": "R-TT-10"}
#: the key prefix of the three types, and the older one
KEY_PREFIX = f"{PLUGIN}_ttt_"
OLD_KEY_PREFIX = "ttt_"


def _amount(rule_id: str):
    def amount(case) -> str:
        kind = "complex" if case.data.get("complex") else "simple"
        return f"{rule_id}.{kind}_max_working_days"

    return amount


def _case_type(channel: str, name: str, extension: ExtensionPolicy) -> CaseType:
    rule_id = CHANNEL_RULES[channel]
    return CaseType(
        key=f"{KEY_PREFIX}{channel}",
        name=name,
        number_prefix="TTT",
        states=STATES,
        initial="received",
        transitions=TRANSITIONS,
        deadline=DeadlinePolicy(_amount(rule_id), "working_days"),
        extension=extension,
        open_permission=P_REQUESTS,
        view_permission=P_REQUESTS,
        plugin=PLUGIN,
        tags=(REQUEST_TAG,),
        aliases=(f"{OLD_KEY_PREFIX}{channel}",),
    )


CASE_TYPES = [
    # R-TT-08: one extension of at most 10 working days
    _case_type("in_person", "Yêu cầu cung cấp thông tin trực tiếp",
               ExtensionPolicy("R-TT-08.extension_max_working_days", "working_days", "R-TT-08.max_extensions",
                               permission=P_REQUESTS)),
    # R-TT-09 / R-TT-10: extension in calendar days
    _case_type("online", "Yêu cầu cung cấp thông tin qua mạng",
               ExtensionPolicy("R-TT-09.extension_max_days", "days", "R-TT-09.max_extensions",
                               permission=P_REQUESTS)),
    _case_type("post", "Yêu cầu cung cấp thông tin qua bưu chính, fax",
               ExtensionPolicy("R-TT-10.extension_max_days", "days", "R-TT-10.max_extensions",
                               permission=P_REQUESTS)),
]

CASE_TYPE_BY_CHANNEL = {ct.key.removeprefix(KEY_PREFIX): ct for ct in CASE_TYPES}
#: every key, current and old (for filters over stored cases)
CASE_TYPE_KEYS = [ct.key for ct in CASE_TYPES]
