"""Thresholds and effect (R-BQ-28…38): the outcome of a vote, the switch from a failed
meeting to household ballots, forwarding, recognition, refusal, annulment.

* When a round closes :func:`apply_result` records the outcome. Passed: the decision is
  effective the day of the vote for k.1–k.2 in a group (R-BQ-29) and k.6 (R-BQ-34); on
  the UBND's recognition for k.3 (R-BQ-31) and k.4 (R-BQ-32); on the UB MTTQ's for k.5
  (R-BQ-33); on a date the UBND sets for ward-wide k.1–k.2 (R-BQ-30). Every passed
  decision goes to UBND and UB MTTQ ≤ 5 working days after the vote (R-BQ-35).
* Failed at a meeting because too few households were represented to reach the threshold
  at all: the matter switches to household ballots (R-BQ-17(b), R-BQ-37) — once. A failed
  ballot, a failed online vote, or a meeting where enough households were present but did
  not agree: not passed, no further fallback (R-BQ-37).
* :func:`forward` starts the recognition clock (≤ 5 working days, R-BQ-36) for the kinds
  that need a recognition decision; :func:`refuse` needs written reasons; :func:`annul`
  records an annulment or a request to amend (R-BQ-38).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thanthien.core import voting
from thanthien.core.errors import ValidationError
from thanthien.core.storage.db import write_transaction
from thanthien.core.types import SYSTEM_ACTOR, Actor

from ..models import MatterRow
from . import matters

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: kinds whose decision takes effect on a recognition decision (R-BQ-31, R-BQ-32, R-BQ-33)
RECOGNISED_BY = {3: "UBND phường", 4: "UBND phường", 5: "Ủy ban MTTQ phường"}
#: annulment kinds (R-BQ-38)
ANNUL_KINDS = {"annul": "Hủy bỏ", "amend": "Yêu cầu sửa đổi"}


def forward_due(core: CoreServices, decided_on: dt.date) -> dt.date:
    """R-BQ-35: the decision reaches UBND and UB MTTQ ≤ 5 working days after the vote."""
    n = core.rules.value("R-BQ-35.max_working_days", on=decided_on)
    return core.calendar.period_end(decided_on, n, "working_days")


def recognition_due(core: CoreServices, received_on: dt.date) -> dt.date:
    """R-BQ-36: recognition ≤ 5 working days after receipt."""
    n = core.rules.value("R-BQ-36.max_working_days", on=received_on)
    return core.calendar.period_end(received_on, n, "working_days")


def effective_on(kind: int, scope: str, decided_on: dt.date) -> dt.date | None:
    """The day a passed decision takes effect, when the vote itself sets it."""
    if kind in RECOGNISED_BY:  # R-BQ-31…33: on the recognition decision
        return None
    if scope == "ward" and kind in voting.GROUP_COUNTED_KINDS:  # R-BQ-30: a date set by UBND
        return None
    return decided_on  # R-BQ-29 (group k.1–k.2), R-BQ-34 (k.6)


def could_have_passed(core: CoreServices, result: voting.VoteResult, present: int) -> bool:
    """Whether the households represented could have reached the threshold had all of
    them agreed (R-BQ-17(b)): if not, the meeting lacked representatives."""
    if result.scope == "ward":
        return True  # a ward-wide matter is decided per group, by household ballots (R-BQ-17(a))
    threshold = voting.threshold_for(core.rules, result.kind, result.scope, result.form, result.opened_at.date())
    return voting.passes(present, result.electorate_total, threshold.comparison, threshold.ratio)


def apply_result(core: CoreServices, matter_id: int, result: voting.VoteResult, *, round_form: str,
                 present: int | None = None, decided_on: dt.date, actor: Actor = SYSTEM_ACTOR) -> MatterRow:
    """Record a closed round's outcome on the matter (see the module doc)."""
    with write_transaction():
        row = matters.get_row(matter_id)
        if result.passed:
            due = forward_due(core, decided_on)
            matters.set_state(row, "passed", actor=actor, action="matter_passed", decided_on=decided_on,
                              forward_due=due, effective_on=effective_on(row.kind, row.scope, decided_on))
        elif round_form == "meeting" and row.fallback_vote_id is None and present is not None \
                and not could_have_passed(core, result, present):
            # R-BQ-17(b), R-BQ-37: too few households represented → household ballots, once
            matters.set_state(row, "voting", actor=actor, action="matter_fallback_to_ballot",
                              reason="Cuộc họp không đủ số đại diện hộ gia đình để đạt tỷ lệ thông qua",
                              form="ballot", data={**row.data, "fallback_pending": True})
        else:
            matters.set_state(row, "failed", actor=actor, action="matter_failed", decided_on=decided_on)
    return row


def forward(core: CoreServices, matter_id: int, *, on: dt.date, actor: Actor = SYSTEM_ACTOR) -> matters.Matter:
    """The decision sent to UBND and UB MTTQ (R-BQ-35); starts R-BQ-36's clock."""
    with write_transaction():
        row = matters.get_row(matter_id)
        if row.state != "passed":
            raise ValidationError([("state", "Chỉ gửi UBND, UB MTTQ nội dung đã được thông qua.")])
        if row.decided_on and on < row.decided_on:
            raise ValidationError([("on", "Ngày gửi không thể trước ngày biểu quyết.")])
        due = recognition_due(core, on) if row.kind in RECOGNISED_BY else None
        matters.set_state(row, "forwarded", actor=actor, action="matter_forwarded", forwarded_on=on,
                          recognition_due=due)
    return matters.to_matter(row)


def recognise(core: CoreServices, matter_id: int, *, on: dt.date, effective: dt.date | None = None,
              actor: Actor = SYSTEM_ACTOR) -> matters.Matter:
    """The recognition decision (R-BQ-31…33, R-BQ-36); ward-wide k.1–k.2 get their
    effective date from UBND here (R-BQ-30)."""
    with write_transaction():
        row = matters.get_row(matter_id)
        if row.state != "forwarded":
            raise ValidationError([("state", "Nội dung chưa được gửi UBND, UB MTTQ.")])
        if on < row.forwarded_on:
            raise ValidationError([("on", "Ngày công nhận không thể trước ngày nhận.")])
        matters.set_state(row, "recognised", actor=actor, action="matter_recognised", recognised_on=on,
                          effective_on=effective or row.effective_on or on)
    return matters.to_matter(row)


def refuse(core: CoreServices, matter_id: int, *, on: dt.date, reason: str,
           actor: Actor = SYSTEM_ACTOR) -> matters.Matter:
    """Refusal of recognition, in writing with reasons (R-BQ-36)."""
    if not reason.strip():
        raise ValidationError([("reason", "Không công nhận phải có văn bản nêu rõ lý do.")])
    with write_transaction():
        row = matters.get_row(matter_id)
        if row.state != "forwarded":
            raise ValidationError([("state", "Nội dung chưa được gửi UBND, UB MTTQ.")])
        matters.set_state(row, "refused", actor=actor, action="matter_refused", reason=reason.strip(),
                          refused_on=on, refusal_reason=reason.strip())
    return matters.to_matter(row)


def annul(core: CoreServices, matter_id: int, *, on: dt.date, reason: str, kind: str = "annul",
          actor: Actor = SYSTEM_ACTOR) -> matters.Matter:
    """UBND annuls a decision against the law or social morals, or — for a procedural
    breach — annuls it or asks the community to amend it by the same procedure (R-BQ-38)."""
    if kind not in ANNUL_KINDS:
        raise ValidationError([("kind", "Hình thức xử lý không hợp lệ.")])
    if not reason.strip():
        raise ValidationError([("reason", "Vui lòng nêu căn cứ, lý do hủy bỏ hoặc yêu cầu sửa đổi.")])
    with write_transaction():
        row = matters.get_row(matter_id)
        if row.state not in ("passed", "forwarded", "recognised"):
            raise ValidationError([("state", "Chỉ hủy bỏ hoặc yêu cầu sửa đổi quyết định đã được thông qua.")])
        matters.set_state(row, "annulled", actor=actor, action=f"matter_{kind}", reason=reason.strip(),
                          annulled_on=on, annul_reason=f"{ANNUL_KINDS[kind]}: {reason.strip()}")
    return matters.to_matter(row)


def due_clocks(core: CoreServices, day: dt.date) -> list[tuple[matters.Matter, str, dt.date]]:
    """Matters whose forwarding (R-BQ-35) or recognition (R-BQ-36) is due on or before
    ``day`` and not done: (matter, what, due)."""
    out = []
    for row in MatterRow.select().where(MatterRow.state == "passed", MatterRow.forward_due <= day):
        out.append((matters.to_matter(row), "forward", row.forward_due))
    for row in MatterRow.select().where(MatterRow.state == "forwarded", MatterRow.recognition_due <= day):
        out.append((matters.to_matter(row), "recognition", row.recognition_due))
    return out
