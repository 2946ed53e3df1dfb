"""Household ballots (phát phiếu lấy ý kiến hộ gia đình), Luật DCCS Art. 19; NĐ 59 Art. 4.

* When (R-BQ-17): (a) the Chủ tịch UBND chooses them for a ward-wide matter; (b) a
  meeting lacked the representatives to reach the threshold (:mod:`.decisions` switched
  the matter; once only, R-BQ-37); (c) the group head decides so for a k.6 matter with
  the Front's agreement. Never from the start for k.3–k.5 (R-BQ-07).
* The team has 3–5 members led by the Front's representative (R-BQ-18), listed first.
* Content, timing, return deadline and team are published ≥ 2 days before the ballots
  go out (R-BQ-19); the plan reaches the Chủ tịch UBND and UB MTTQ ≤ 2 days after it is
  issued (R-BQ-20, :func:`send_plan` records the day and whether it was late).
* Exactly one ballot per household (R-BQ-21): each carries a one-time code
  (``ballot:<vote id>``); entering a returned ballot consumes its code, so a second
  ballot of the same household cannot be counted.
* The count is witnessed by 2 household representatives, on Mẫu 04 (R-BQ-22); the
  paper results join the vote engine (channel ``paper``), which counts each household
  once whatever else it did.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from thanthien.core import audit, voting
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import SYSTEM_ACTOR, Actor

from ..models import BallotRoundRow, MatterRow
from ..types import PLUGIN, IssuedCode
from . import codes, common, decisions, matters

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

ENTITY = f"{PLUGIN}.ballot"
REASONS = {
    "ward_choice": "Chủ tịch UBND phường quyết định lấy ý kiến bằng phiếu đối với nội dung toàn phường",
    "meeting_failed": "Cuộc họp không đủ số đại diện hộ gia đình tham dự",
    "group_k6": "Tổ trưởng quyết định, đã thống nhất với Ban công tác Mặt trận (công việc tự quản khác)",
}


@attrs.frozen
class BallotRound:
    id: int
    matter_id: int
    reason: str
    reason_name: str
    team: tuple[str, ...]
    published_on: dt.date | None
    plan_issued_on: dt.date | None
    plan_sent_on: dt.date | None
    plan_sent_late: bool
    issue_on: dt.date | None
    return_deadline: dt.date | None
    witnesses: tuple[str, ...]
    counted_at: dt.datetime | None
    minutes_document_id: int | None


def _to_round(core: CoreServices, row: BallotRoundRow) -> BallotRound:
    late = bool(row.plan_sent_on and row.plan_issued_on and row.plan_sent_on > _plan_due(core, row.plan_issued_on))
    return BallotRound(row.id, row.matter_id, row.reason, REASONS[row.reason], tuple(row.team), row.published_on,
                       row.plan_issued_on, row.plan_sent_on, late, row.issue_on, row.return_deadline,
                       tuple(row.witnesses), row.counted_at, row.minutes_document_id)


def _plan_due(core: CoreServices, issued_on: dt.date) -> dt.date:
    return issued_on + dt.timedelta(days=core.rules.value("R-BQ-20.max_days", on=issued_on))  # R-BQ-20


def get_row(round_id: int) -> BallotRoundRow:
    row = BallotRoundRow.get_or_none(BallotRoundRow.id == round_id)
    if row is None:
        raise NotFound("Không tìm thấy đợt phát phiếu.")
    return row


def rounds(core: CoreServices, matter_id: int) -> list[BallotRound]:
    q = BallotRoundRow.select().where(BallotRoundRow.matter_id == matter_id).order_by(BallotRoundRow.id)
    return [_to_round(core, r) for r in q]


def allowed_reason(core: CoreServices, matter: MatterRow, reason: str) -> str | None:
    """Why ``reason`` cannot start a household ballot for ``matter`` (R-BQ-17), or None."""
    if reason not in REASONS:
        return "Vui lòng chọn căn cứ phát phiếu."
    if BallotRoundRow.select().where(BallotRoundRow.matter_id == matter.id).exists():
        return "Nội dung đã được lấy ý kiến bằng phiếu; không có hình thức thay thế tiếp theo."  # R-BQ-37
    if reason == "meeting_failed":  # R-BQ-17(b)
        if not matter.data.get("fallback_pending"):
            return "Chỉ phát phiếu thay cuộc họp khi cuộc họp không đủ số đại diện hộ gia đình."
        return None
    if reason == "ward_choice" and matter.scope != "ward":  # R-BQ-17(a)
        return "Căn cứ này chỉ dùng cho nội dung toàn phường."
    if reason == "group_k6" and (matter.scope != "group" or matter.kind != 6):  # R-BQ-17(c)
        return "Căn cứ này chỉ dùng cho công việc tự quản khác của tổ dân phố."
    if matter.form != "ballot":
        return "Nội dung này không được quyết định bằng phiếu lấy ý kiến."
    if matter.state not in ("draft", "notified"):
        return "Nội dung đã được biểu quyết."
    return None


def plan(core: CoreServices, matter_id: int, *, reason: str, team: list[str], published_on: dt.date,
         plan_issued_on: dt.date, issue_on: dt.date, return_deadline: dt.date, actor: Actor = SYSTEM_ACTOR,
         at: dt.datetime | None = None) -> tuple[BallotRound, list[IssuedCode]]:
    """Plan the ballot, open its vote and issue one coded ballot per household.
    Returns the round and the codes (printed on the ballots; never stored in clear)."""
    at = at or now()
    members = [t.strip() for t in team if t and t.strip()]
    with write_transaction():
        matter = matters.get_row(matter_id)
        errors: list[tuple[str, str]] = []
        why = allowed_reason(core, matter, reason)
        if why:
            errors.append(("reason", why))
        lo = core.rules.value("R-BQ-18.team_min", on=issue_on)
        hi = core.rules.value("R-BQ-18.team_max", on=issue_on)
        if not lo <= len(members) <= hi:  # R-BQ-18
            errors.append(("team", f"Tổ phát phiếu gồm từ {lo} đến {hi} thành viên, do đại diện Ban công tác "
                                   f"Mặt trận làm tổ trưởng (ghi đầu tiên)."))
        days = core.rules.value("R-BQ-19.min_days_before", on=issue_on)
        if (issue_on - published_on).days < days:  # R-BQ-19
            errors.append(("published_on", f"Phải công bố nội dung, thời gian phát phiếu, hạn nộp và tổ phát phiếu "
                                           f"trước ít nhất {days} ngày, chậm nhất ngày "
                                           f"{format_date(issue_on - dt.timedelta(days=days))}."))
        if return_deadline < issue_on:
            errors.append(("return_deadline", "Hạn nộp phiếu phải sau ngày phát phiếu."))
        if plan_issued_on > issue_on:
            errors.append(("plan_issued_on", "Kế hoạch phát phiếu phải ban hành trước ngày phát phiếu."))
        if errors:
            raise ValidationError(errors)
        meeting_vote_id = matter.vote_id
        vote = voting.open_vote(core, ref=f"{common.MATTER_OWNER}:{matter.id}", title=matter.title, kind=matter.kind,
                                scope=matter.scope, unit_ids=[matter.unit_id] if matter.scope == "group" else None,
                                form="ballot", closes_at=dt.datetime.combine(return_deadline, dt.time(23, 59)),
                                actor=actor, at=at)
        if reason == "meeting_failed":
            matter.fallback_vote_id = vote.id
            matter.data = {**matter.data, "fallback_pending": False, "meeting_vote_id": meeting_vote_id}
        matter.vote_id = vote.id
        matter.form = "ballot"
        matter.save()
        if matter.state != "voting":
            matters.set_state(matter, "voting", actor=actor, action="matter_voting")
        row = BallotRoundRow.create(matter_id=matter.id, reason=reason, team=members, published_on=published_on,
                                    plan_issued_on=plan_issued_on, issue_on=issue_on, return_deadline=return_deadline,
                                    created_at=at)
        households = [h for h, _ in voting.electorate(vote.id)]
        expires = dt.datetime.combine(return_deadline, dt.time(23, 59))
        issued = codes.issue_for_households(core, purpose=f"ballot:{vote.id}", household_ids=households,
                                            expires_at=max(expires, at + dt.timedelta(minutes=1)), actor=actor,
                                            at=at)
        audit.record("ballot_planned", ENTITY, row.id, actor=actor,
                     after={"matter_id": matter.id, "reason": reason, "team": members, "vote_id": vote.id,
                            "ballots": len(issued), "issue_on": issue_on, "return_deadline": return_deadline})
    return _to_round(core, row), issued


def send_plan(core: CoreServices, round_id: int, *, on: dt.date, actor: Actor = SYSTEM_ACTOR) -> BallotRound:
    """R-BQ-20: the plan sent to the Chủ tịch UBND and the Chủ tịch UB MTTQ (the day is
    recorded; later than 2 days after issue shows as late)."""
    with write_transaction():
        row = get_row(round_id)
        if row.plan_sent_on is not None:
            raise ValidationError([("on", "Đã ghi nhận gửi kế hoạch.")])
        if on < row.plan_issued_on:
            raise ValidationError([("on", "Ngày gửi không thể trước ngày ban hành kế hoạch.")])
        row.plan_sent_on = on
        row.save()
        audit.record("ballot_plan_sent", ENTITY, row.id, actor=actor,
                     after={"on": on, "late": on > _plan_due(core, row.plan_issued_on)})
    return _to_round(core, row)


def enter_ballot(core: CoreServices, round_id: int, *, code: str, option: str, actor: Actor = SYSTEM_ACTOR,
                 at: dt.datetime | None = None) -> voting.Choice:
    """A returned ballot: its code is consumed (one ballot per household, R-BQ-21) and
    the choice recorded on the ``paper`` channel — in one transaction."""
    at = at or now()
    with write_transaction():
        row = get_row(round_id)
        if row.counted_at is not None:
            raise ValidationError([("code", "Đã kiểm phiếu; không nhập thêm phiếu.")])
        matter = matters.get_row(row.matter_id)
        holder = codes.consume(core, purpose=f"ballot:{matter.vote_id}", code=code, at=at, actor=actor)
        return voting.record_choice(core, matter.vote_id, holder.household_id, option, channel="paper",
                                    method="household_ballot", actor=actor, at=at)


def count(core: CoreServices, round_id: int, *, witnesses: list[str], front_head: str,
          decision_text: str = "", actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None):
    """Count the ballots with 2 witnesses (R-BQ-22, Mẫu 04), close the vote, record the
    outcome (a failed ballot is final, R-BQ-37) and the decision record (Mẫu 03)."""
    at = at or now()
    wits = [w.strip() for w in witnesses if w and w.strip()]
    with write_transaction():
        row = get_row(round_id)
        need = core.rules.value("R-BQ-22.witnesses", on=at.date())
        errors: list[tuple[str, str]] = []
        if row.counted_at is not None:
            errors.append(("witnesses", "Đã kiểm phiếu."))
        if len(wits) != need:  # R-BQ-22
            errors.append(("witnesses", f"Việc kiểm phiếu cần {need} đại diện hộ gia đình chứng kiến."))
        if not front_head.strip():
            errors.append(("front_head", "Vui lòng ghi Trưởng ban công tác Mặt trận ký biên bản."))
        if errors:
            raise ValidationError(errors)
        matter = matters.get_row(row.matter_id)
        result = voting.close_vote(core, matter.vote_id, actor=actor, at=at)
        rows = [[result.option_labels.get(o, o), str(result.counts[o])] for o in result.options]
        minutes = common.issue(
            core, common.DOC_COUNT, subject=f"Biên bản kiểm phiếu lấy ý kiến hộ gia đình: {matter.title}",
            context={"paragraphs": [f"Tổ phát phiếu gồm: {', '.join(row.team)}; với sự chứng kiến của đại diện hộ "
                                    f"gia đình: {', '.join(wits)}, tiến hành kiểm phiếu lấy ý kiến về nội dung: "
                                    f"{matter.title}.",
                                    f"Số phiếu phát ra: {result.electorate_total}; số phiếu thu về hợp lệ: "
                                    f"{result.by_channel['paper']}; số hộ gia đình có ý kiến được tính: "
                                    f"{result.participated}."],
                     "table": {"header": ["Phương án", "Số hộ"], "rows": rows},
                     "closing": [f"Kết quả: {'được thông qua' if result.passed else 'không được thông qua'} "
                                 f"({result.threshold})."],
                     "signatures": [{"title": "Tổ trưởng tổ phát phiếu", "name": row.team[0]},
                                    *({"title": "Đại diện hộ gia đình chứng kiến", "name": w} for w in wits)]},
            unit_id=matter.unit_id, signer_name=row.team[0], signer_title="Tổ trưởng tổ phát phiếu",
            owner=(common.MATTER_OWNER, matter.id), on=at.date(), actor=actor)
        row.witnesses, row.counted_at, row.minutes_document_id = wits, at, minutes.id
        row.save()
        audit.record("ballot_counted", ENTITY, row.id, actor=actor,
                     after={"witnesses": wits, "document": minutes.id, "passed": result.passed})
        decided = row.return_deadline or at.date()
        decisions.apply_result(core, matter.id, result, round_form="ballot", decided_on=decided, actor=actor)
        from .meetings import decision_record

        record = decision_record(core, matter, result, form="ballot", started_at=None, ended_at=at,
                                 present=result.participated, front_head=front_head.strip(),
                                 household_signers=wits, decision_text=decision_text, actor=actor)
        MatterRow.update(decision_document_id=record.id).where(MatterRow.id == matter.id).execute()
    return result
