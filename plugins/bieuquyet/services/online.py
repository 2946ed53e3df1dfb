"""Online votes (biểu quyết trực tuyến), Luật DCCS Art. 17(2); NĐ 59 Art. 5.

* Only for the kinds of ``R-BQ-08.online_allowed_kinds`` (k.6) in one group (R-BQ-08).
* An online team of 3–5 led by the Front's representative; UBND and UB MTTQ informed
  beforehand; a preliminary poll in which **more than half of all households** of the
  group choose online voting (R-BQ-23) — of all households, not of those answering.
* Exactly three options: Đồng ý / Không đồng ý / Ý kiến khác (R-BQ-24).
* One unguessable single-use code per household (``vote:<vote id>``), printed on the
  household's slip or sent through ``message_requested``; the public page takes the code
  and records the choice on the ``online`` channel without storing who typed it. No public
  output links a choice to a household.
* Closing writes the minutes on Mẫu 03 (R-BQ-25): start and end time, the number taking
  part, agreeing, disagreeing, other opinions, the result snapshot and the list of
  participating households (staff document); passes with > 50 % of all households (R-BQ-26).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from thanthien.core import audit, voting
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import HouseholdRow
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_datetime
from thanthien.core.types import SYSTEM_ACTOR, Actor

from ..models import MatterRow, OnlineRoundRow
from ..types import PLUGIN, IssuedCode
from . import codes, common, decisions, matters

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

ENTITY = f"{PLUGIN}.online"
#: who casts an online vote: never the household's identity
ONLINE_VOTER = Actor(None, "Hộ gia đình (biểu quyết trực tuyến)", frozenset(), "citizen")


@attrs.frozen
class OnlineRound:
    id: int
    matter_id: int
    team: tuple[str, ...]
    informed_on: dt.date | None
    poll_yes: int
    poll_total: int
    poll_passed: bool
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    minutes_document_id: int | None
    closed: bool


def _to_round(core: CoreServices, row: OnlineRoundRow) -> OnlineRound:
    matter = matters.get_row(row.matter_id)
    total = len(common.household_ids([matter.unit_id])) if matter.unit_id else 0
    return OnlineRound(row.id, row.matter_id, tuple(row.team), row.informed_on, row.poll_yes, total,
                       poll_passes(core, row.poll_yes, total, row.created_at.date()) if row.poll_recorded_at else False,
                       row.starts_at, row.ends_at, row.minutes_document_id, bool(row.snapshot))


def poll_passes(core: CoreServices, yes: int, total: int, on: dt.date) -> bool:
    """R-BQ-23: more than half of **all** households chose online voting."""
    ratio = core.rules.fraction("R-BQ-23.preliminary_more_than_percent", on=on)
    return voting.passes(yes, total, "more_than", ratio)


def get_row(round_id: int) -> OnlineRoundRow:
    row = OnlineRoundRow.get_or_none(OnlineRoundRow.id == round_id)
    if row is None:
        raise NotFound("Không tìm thấy cuộc biểu quyết trực tuyến.")
    return row


def round_for(core: CoreServices, matter_id: int) -> OnlineRound | None:
    row = (OnlineRoundRow.select().where(OnlineRoundRow.matter_id == matter_id)
           .order_by(OnlineRoundRow.id.desc()).first())
    return _to_round(core, row) if row else None


def plan(core: CoreServices, matter_id: int, *, team: list[str], informed_on: dt.date,
         actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None) -> OnlineRound:
    at = at or now()
    members = [t.strip() for t in team if t and t.strip()]
    with write_transaction():
        matter = matters.get_row(matter_id)
        errors: list[tuple[str, str]] = []
        if matter.form != "online" or matters.form_error(core, matter.kind, matter.scope, "online", at.date()):
            errors.append(("matter_id", "Nội dung này không được biểu quyết trực tuyến."))  # R-BQ-08
        if OnlineRoundRow.select().where(OnlineRoundRow.matter_id == matter.id).exists():
            errors.append(("matter_id", "Nội dung đã có kế hoạch biểu quyết trực tuyến."))
        lo = core.rules.value("R-BQ-23.team_min", on=at.date())
        hi = core.rules.value("R-BQ-23.team_max", on=at.date())
        if not lo <= len(members) <= hi:  # R-BQ-23
            errors.append(("team", f"Tổ biểu quyết trực tuyến gồm từ {lo} đến {hi} thành viên, do đại diện Ban "
                                   f"công tác Mặt trận làm tổ trưởng (ghi đầu tiên)."))
        if errors:
            raise ValidationError(errors)
        row = OnlineRoundRow.create(matter_id=matter.id, team=members, informed_on=informed_on, created_at=at)
        audit.record("online_planned", ENTITY, row.id, actor=actor,
                     after={"matter_id": matter.id, "team": members, "informed_on": informed_on})
    return _to_round(core, row)


def record_poll(core: CoreServices, round_id: int, *, yes: int, actor: Actor = SYSTEM_ACTOR,
                at: dt.datetime | None = None) -> OnlineRound:
    """The preliminary poll's result: how many households chose online voting (R-BQ-23)."""
    at = at or now()
    with write_transaction():
        row = get_row(round_id)
        matter = matters.get_row(row.matter_id)
        total = len(common.household_ids([matter.unit_id]))
        if not 0 <= yes <= total:
            raise ValidationError([("yes", f"Số hộ phải từ 0 đến {total} (tổng số hộ của tổ dân phố).")])
        if row.starts_at is not None:
            raise ValidationError([("yes", "Cuộc biểu quyết đã mở; không sửa kết quả thăm dò.")])
        before = row.poll_yes if row.poll_recorded_at else None
        row.poll_yes, row.poll_recorded_at = yes, at
        row.save()
        audit.record("online_poll", ENTITY, row.id, actor=actor, before={"poll_yes": before},
                     after={"poll_yes": yes, "total": total})
    return _to_round(core, row)


def open_round(core: CoreServices, round_id: int, *, starts_at: dt.datetime, ends_at: dt.datetime,
               actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None) -> tuple[OnlineRound, list[IssuedCode]]:
    """Open the online vote and issue one code per household (printed or sent)."""
    at = at or now()
    with write_transaction():
        row = get_row(round_id)
        matter = matters.get_row(row.matter_id)
        rnd = _to_round(core, row)
        errors: list[tuple[str, str]] = []
        if row.starts_at is not None:
            errors.append(("starts_at", "Cuộc biểu quyết trực tuyến đã được mở."))
        if not rnd.poll_passed:  # R-BQ-23
            errors.append(("poll", "Chưa có quá một nửa tổng số hộ gia đình chọn biểu quyết trực tuyến."))
        if row.informed_on is None or row.informed_on > starts_at.date():
            errors.append(("informed_on", "UBND và Ủy ban MTTQ phường phải được thông báo trước."))
        if ends_at <= starts_at:
            errors.append(("ends_at", "Thời gian kết thúc phải sau thời gian bắt đầu."))
        if errors:
            raise ValidationError(errors)
        vote = voting.open_vote(core, ref=f"{common.MATTER_OWNER}:{matter.id}", title=matter.title, kind=matter.kind,
                                scope="group", unit_ids=[matter.unit_id], form="online", closes_at=ends_at,
                                actor=actor, at=at)  # R-BQ-24: the three standard options
        matter.vote_id = vote.id
        matter.save()
        matters.set_state(matter, "voting", actor=actor, action="matter_voting")
        row.starts_at, row.ends_at = starts_at, ends_at
        row.save()
        issued = codes.issue_for_households(core, purpose=f"vote:{vote.id}",
                                            household_ids=[h for h, _ in voting.electorate(vote.id)],
                                            expires_at=ends_at, actor=actor, at=at)
        audit.record("online_opened", ENTITY, row.id, actor=actor,
                     after={"vote_id": vote.id, "starts_at": starts_at, "ends_at": ends_at, "codes": len(issued)})
    return _to_round(core, row), issued


def send_codes(core: CoreServices, issued: list[IssuedCode], *, matter_id: int, actor: Actor = SYSTEM_ACTOR) -> int:
    """Ask the notifications module to send each household head their code; households
    without a head in the register get the printed slip. Returns how many were asked."""
    sent = 0
    for item in issued:
        hh = HouseholdRow.get_by_id(item.household_id)
        if hh.head_id is None:
            continue
        codes.send(core, item, text="Mã biểu quyết trực tuyến của hộ gia đình: {code}. Mỗi hộ biểu quyết một lần.",
                   link=f"/bieuquyet/bieu-quyet/{matter_id}", actor=actor)
        sent += 1
    return sent


def cast(core: CoreServices, matter_id: int, *, code: str, option: str, at: dt.datetime | None = None) -> None:
    """A household votes online with its code (public): the code is consumed and the
    choice recorded in one transaction; the record names no person."""
    at = at or now()
    with write_transaction():
        matter = MatterRow.get_or_none(MatterRow.id == matter_id)
        row = OnlineRoundRow.select().where(OnlineRoundRow.matter_id == matter_id).first() if matter else None
        if matter is None or row is None or row.starts_at is None:
            raise NotFound("Không có cuộc biểu quyết trực tuyến này.")
        if not row.starts_at <= at <= row.ends_at or row.snapshot:
            raise ValidationError([("code", "Cuộc biểu quyết trực tuyến chưa bắt đầu hoặc đã kết thúc.")])
        vote = voting.get_vote(matter.vote_id)
        if option not in vote.options:
            raise ValidationError([("option", "Vui lòng chọn Đồng ý, Không đồng ý hoặc Ý kiến khác.")])
        holder = codes.consume(core, purpose=f"vote:{vote.id}", code=code, at=at, actor=ONLINE_VOTER)
        voting.record_choice(core, vote.id, holder.household_id, option, channel="online", method="online",
                             actor=ONLINE_VOTER, at=at)


def close(core: CoreServices, round_id: int, *, front_head: str, decision_text: str = "",
          actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None) -> voting.VoteResult:
    """Close the online vote: count over all households (R-BQ-26), the minutes on
    Mẫu 03 with the fields of R-BQ-25, and the outcome."""
    at = at or now()
    with write_transaction():
        row = get_row(round_id)
        if row.starts_at is None or row.snapshot:
            raise ValidationError([("state", "Cuộc biểu quyết chưa mở hoặc đã kết thúc.")])
        if not front_head.strip():
            raise ValidationError([("front_head", "Vui lòng ghi Trưởng ban công tác Mặt trận ký biên bản.")])
        matter = matters.get_row(row.matter_id)
        end = min(at, row.ends_at)
        result = voting.close_vote(core, matter.vote_id, actor=actor, at=end)
        snapshot = voting.stored_result(matter.vote_id)
        row.snapshot = snapshot
        row.save()
        participants = []
        for hid in sorted(voting.voted_households(matter.vote_id)):
            hh = HouseholdRow.get_by_id(hid)
            participants.append(f"Hộ {hh.code}{(' – ' + hh.address) if hh.address else ''}")
        decisions.apply_result(core, matter.id, result, round_form="online", decided_on=end.date(), actor=actor)
        from .meetings import decision_record

        record = decision_record(core, matter, result, form="online", started_at=row.starts_at, ended_at=end,
                                 present=result.participated, front_head=front_head.strip(), household_signers=[],
                                 decision_text=decision_text or _online_text(result, row), actor=actor,
                                 participants=participants)  # R-BQ-25
        row.minutes_document_id = record.id
        row.save()
        MatterRow.update(decision_document_id=record.id).where(MatterRow.id == matter.id).execute()
        audit.record("online_closed", ENTITY, row.id, actor=actor,
                     after={"participated": result.participated, "passed": result.passed, "document": record.id})
    return result


def _online_text(result: voting.VoteResult, row: OnlineRoundRow) -> str:
    c = result.counts
    return (f"Biểu quyết trực tuyến từ {format_datetime(row.starts_at)} đến {format_datetime(row.ends_at)}: "
            f"{result.participated}/{result.electorate_total} hộ tham gia; Đồng ý {c.get('dong_y', 0)}, "
            f"Không đồng ý {c.get('khong_dong_y', 0)}, Ý kiến khác {c.get('y_kien_khac', 0)}. "
            f"Kết quả: {'được thông qua' if result.passed else 'không được thông qua'} ({result.threshold}).")
