"""Community meetings (họp cộng đồng dân cư), Luật DCCS Art. 18; NĐ 59 Art. 3.

The steps, each recorded (who, when) and none deleting anything:

1. :func:`plan` — time, place, convener (R-BQ-10); a cluster meeting only where the group
   has ≥ ``R-BQ-11.cluster_min_households`` households.
2. :func:`notify` — ≥ ``R-BQ-12.min_days_before`` days ahead by the channels of R-BQ-12,
   on Mẫu 01 (a numbered document) and posted at the community house as a core notice
   (so the disclosure ledger of ``congkhai`` lists it).
3. :func:`record_delivery` — the documents each household received; for the kinds of
   ``R-BQ-13.kinds`` they are due ≥ ``R-BQ-13.min_days_before`` days ahead
   (:func:`delivery_status`).
4. :func:`record_attendance` — one representative per household (R-BQ-09), or a proxy.
5. :func:`open_voting` — procedural votes by show of hands pass with > 50 % of those
   present (R-BQ-14); show of hands or secret ballot (R-BQ-15); a secret ballot needs a
   count board of 3–5 and 2 witnessing representatives (R-BQ-16).
6. :func:`record_vote` — a present household's choice into the vote engine (channel
   ``meeting``).
7. :func:`finish` — start/end times, the count over **all** households, Mẫu 02 for a
   secret ballot, the decision record Mẫu 03 with the R-BQ-39 fields and signatures, and
   the outcome (:mod:`.decisions`: passed, switch to ballots, or failed).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from thanthien.core import audit, voting
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import HouseholdRow
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date, format_datetime
from thanthien.core.types import SYSTEM_ACTOR, Actor

from ..models import AttendanceRow, DeliveryRow, MatterRow, MeetingRow
from ..types import FORMS, NOTICE_CHANNELS, PLUGIN
from . import common, decisions, matters, meeting_messages

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

ENTITY = f"{PLUGIN}.meeting"
STATES = {"planned": "Đã lên lịch", "notified": "Đã thông báo", "voting": "Đang họp, biểu quyết",
          "held": "Đã họp", "cancelled": "Đã hủy"}
MEETING_METHODS = {"show_of_hands": "Biểu quyết giơ tay", "secret_ballot": "Bỏ phiếu kín"}


@attrs.frozen
class Meeting:
    id: int
    matter_id: int | None
    unit_id: int
    unit_name: str
    title: str
    scheduled_at: dt.datetime
    place: str
    cluster: str
    convener: str
    state: str
    state_name: str
    notice_id: int | None
    notified_on: dt.date | None
    notice_channels: tuple[str, ...]
    method: str
    secretary: str
    count_board: tuple[str, ...]
    witnesses: tuple[str, ...]
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    minutes_document_id: int | None
    households_total: int
    present: int


def _to_meeting(row: MeetingRow) -> Meeting:
    return Meeting(row.id, row.matter_id, row.unit_id, common.unit_name(row.unit_id), row.title, row.scheduled_at,
                   row.place, row.cluster, row.convener, row.state, STATES[row.state], row.notice_id,
                   row.notified_on, tuple(row.notice_channels), row.method, row.secretary, tuple(row.count_board),
                   tuple(row.witnesses), row.started_at, row.ended_at, row.minutes_document_id,
                   len(common.household_ids([row.unit_id])), len(present_households(row.id)))


def get_row(meeting_id: int) -> MeetingRow:
    row = MeetingRow.get_or_none(MeetingRow.id == meeting_id)
    if row is None:
        raise NotFound("Không tìm thấy cuộc họp.")
    return row


def get(core: CoreServices, meeting_id: int) -> Meeting:
    return _to_meeting(get_row(meeting_id))


def listing(*, unit_ids: set[int] | None = None, matter_id: int | None = None, limit: int = 50) -> list[Meeting]:
    q = MeetingRow.select().order_by(MeetingRow.scheduled_at.desc())
    if unit_ids is not None:
        q = q.where(MeetingRow.unit_id.in_(list(unit_ids)))
    if matter_id is not None:
        q = q.where(MeetingRow.matter_id == matter_id)
    return [_to_meeting(r) for r in q.limit(limit)]


def _names(values) -> list[str]:
    return [v.strip() for v in (values or []) if v and v.strip()]


def plan(core: CoreServices, *, unit_id: int, title: str, scheduled_at: dt.datetime, place: str,
         matter_id: int | None = None, cluster: str = "", convener: str = "", actor: Actor = SYSTEM_ACTOR,
         at: dt.datetime | None = None) -> Meeting:
    at = at or now()
    errors: list[tuple[str, str]] = []
    if not title.strip():
        errors.append(("title", "Vui lòng nhập nội dung cuộc họp."))
    if not place.strip():
        errors.append(("place", "Vui lòng nhập địa điểm họp."))
    if scheduled_at < at:
        errors.append(("scheduled_at", "Thời gian họp phải ở tương lai."))
    total = len(common.household_ids([unit_id]))
    if not total:
        errors.append(("unit_id", "Tổ dân phố chưa có hộ gia đình nào trong sổ hộ."))
    minimum = core.rules.value("R-BQ-11.cluster_min_households", on=scheduled_at.date())
    if cluster.strip() and total < minimum:  # R-BQ-11
        errors.append(("cluster", f"Chỉ họp theo cụm dân cư khi tổ dân phố có từ {minimum} hộ gia đình trở lên "
                                  f"(tổ hiện có {total} hộ)."))
    if matter_id is not None:
        matter = matters.get_row(matter_id)
        if matter.form != "meeting":
            errors.append(("matter_id", f"Nội dung này được quyết định bằng hình thức "
                                        f"“{FORMS[matter.form]}”, không họp."))
        elif matter.scope == "group" and matter.unit_id != unit_id:
            errors.append(("matter_id", "Nội dung thuộc tổ dân phố khác."))
        elif matter.state not in ("draft", "notified") + (("voting",) if matter.scope == "ward" else ()):
            errors.append(("matter_id", "Nội dung đã được biểu quyết."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = MeetingRow.create(matter_id=matter_id, unit_id=unit_id, title=title.strip(), scheduled_at=scheduled_at,
                                place=place.strip(), cluster=cluster.strip(), convener=convener.strip() or actor.name,
                                created_at=at, created_by_id=actor.person_id)
        audit.record("meeting_planned", ENTITY, row.id, actor=actor,
                     after={"unit_id": unit_id, "matter_id": matter_id, "scheduled_at": scheduled_at,
                            "place": row.place, "cluster": row.cluster})
    return _to_meeting(row)


def notice_deadline(core: CoreServices, scheduled_at: dt.datetime) -> dt.date:
    """The last day the notice may go out (R-BQ-12: ≥ 2 days before the meeting day)."""
    days = core.rules.value("R-BQ-12.min_days_before", on=scheduled_at.date())
    return scheduled_at.date() - dt.timedelta(days=days)


def notify(core: CoreServices, meeting_id: int, *, channels: list[str], on: dt.date, actor: Actor = SYSTEM_ACTOR,
           signer_title: str = "Tổ trưởng tổ dân phố", at: dt.datetime | None = None) -> Meeting:
    """Send the notice (Mẫu 01) and post it at the community house (R-BQ-12)."""
    at = at or now()
    with write_transaction():
        row = get_row(meeting_id)
        errors: list[tuple[str, str]] = []
        if row.state != "planned":
            errors.append(("state", "Cuộc họp đã được thông báo hoặc đã họp."))
        picked = [c for c in channels if c]
        if not picked or any(c not in NOTICE_CHANNELS for c in picked):
            errors.append(("channels", "Vui lòng chọn cách thông báo (giấy mời, trực tiếp, loa, điện thoại, "
                                       "mạng xã hội)."))
        deadline = notice_deadline(core, row.scheduled_at)
        if on > deadline:  # R-BQ-12
            errors.append(("on", f"Thông báo họp phải gửi trước ít nhất "
                                 f"{core.rules.value('R-BQ-12.min_days_before', on=row.scheduled_at.date())} ngày, "
                                 f"chậm nhất ngày {format_date(deadline)}."))
        if errors:
            raise ValidationError(errors)
        matter = MatterRow.get_or_none(MatterRow.id == row.matter_id) if row.matter_id else None
        when = f"{row.scheduled_at:%H} giờ {row.scheduled_at:%M} ngày {format_date(row.scheduled_at)}"
        content = matter.title if matter else row.title
        paragraphs = [
            f"Thực hiện Luật Thực hiện dân chủ ở cơ sở, {common.unit_name(row.unit_id)} thông báo tổ chức "
            f"cuộc họp cộng đồng dân cư{(' (cụm ' + row.cluster + ')') if row.cluster else ''} như sau:",
            f"Thời gian: {when}.", f"Địa điểm: {row.place}.", f"Nội dung: {content}.",
            "Thành phần: Tổ trưởng tổ dân phố, Ban công tác Mặt trận và đại diện mỗi hộ gia đình "
            "(người đại diện hộ hoặc người được hộ ủy quyền).",
            "Đề nghị đại diện các hộ gia đình tham dự đầy đủ, đúng giờ.",
        ]
        doc = common.issue(core, common.DOC_NOTICE, subject=f"Thông báo họp cộng đồng dân cư: {content}",
                           context={"paragraphs": paragraphs}, unit_id=row.unit_id, signer_name=actor.name,
                           signer_title=signer_title, owner=(common.MEETING_OWNER, row.id), on=on, actor=actor,
                           recipients=["Các hộ gia đình trong tổ dân phố", "Niêm yết tại nhà văn hóa",
                                       "Lưu tại tổ dân phố"])
        body = "".join(f"<p>{_esc(p)}</p>" for p in paragraphs)
        notice = core.notices.create(category=common.NOTICE_CATEGORY, title=f"Họp cộng đồng dân cư "
                                     f"{common.unit_name(row.unit_id)}: {content}"[:500], body_html=body,
                                     actor=actor, unit_id=row.unit_id, decision_ref=doc.number_symbol,
                                     decision_date=on, window_start=on, window_end=row.scheduled_at.date(),
                                     channels=tuple(picked))
        core.notices.publish(notice.id, actor=actor, at=dt.datetime.combine(on, dt.time(7, 0)))
        before = row.state
        row.state, row.notice_id, row.notified_on, row.notice_channels = "notified", notice.id, on, picked
        row.save()
        meeting_messages.notify_households(core, row)  # each consenting household head (issue 14)
        audit.record("meeting_notified", ENTITY, row.id, actor=actor, before={"state": before},
                     after={"state": "notified", "notified_on": on, "channels": picked, "document": doc.id,
                            "notice": notice.id})
        if matter is not None and matter.state == "draft":
            matters.set_state(matter, "notified", actor=actor, action="matter_notified")
    return _to_meeting(row)


def _esc(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def _check_households(row: MeetingRow, household_ids: list[int]) -> None:
    known = set(common.household_ids([row.unit_id]))
    if not household_ids or any(h not in known for h in household_ids):
        raise ValidationError([("household_id", "Hộ gia đình không thuộc tổ dân phố của cuộc họp.")])


def record_delivery(core: CoreServices, meeting_id: int, household_ids: list[int], *, on: dt.date,
                    actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None) -> int:
    """The meeting documents handed to households (R-BQ-13). Returns how many are new."""
    at = at or now()
    with write_transaction():
        row = get_row(meeting_id)
        _check_households(row, household_ids)
        done = {d.household_id for d in DeliveryRow.select().where(DeliveryRow.meeting == row.id)}
        new = [h for h in dict.fromkeys(household_ids) if h not in done]
        for h in new:
            DeliveryRow.create(meeting=row.id, household_id=h, delivered_on=on, recorded_by_id=actor.person_id,
                               recorded_at=at)
        audit.record("meeting_documents_delivered", ENTITY, row.id, actor=actor,
                     after={"households": len(new), "delivered_on": on})
    return len(new)


@attrs.frozen
class DeliveryStatus:
    required: bool
    due_by: dt.date
    total: int
    on_time: int
    late: int
    missing: int


def delivery_status(core: CoreServices, meeting_id: int) -> DeliveryStatus:
    """R-BQ-13: for k.1–k.3 the documents reach each household ≥ 2 days before."""
    row = get_row(meeting_id)
    on = row.scheduled_at.date()
    kind = MatterRow.get_by_id(row.matter_id).kind if row.matter_id else None
    required = kind in core.rules.value("R-BQ-13.kinds", on=on)
    due_by = on - dt.timedelta(days=core.rules.value("R-BQ-13.min_days_before", on=on))
    total = len(common.household_ids([row.unit_id]))
    deliveries = list(DeliveryRow.select().where(DeliveryRow.meeting == row.id))
    on_time = sum(1 for d in deliveries if d.delivered_on <= due_by)
    return DeliveryStatus(required, due_by, total, on_time, len(deliveries) - on_time, total - len(deliveries))


def record_attendance(core: CoreServices, meeting_id: int, household_id: int, *, representative: str,
                      proxy: bool = False, actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None) -> None:
    """A household represented at the meeting by one person (R-BQ-09); recording again
    replaces the earlier record (kept, withdrawn)."""
    at = at or now()
    if not representative.strip():
        raise ValidationError([("representative", "Vui lòng ghi họ tên người đại diện hộ gia đình.")])
    with write_transaction():
        row = get_row(meeting_id)
        if row.state in ("held", "cancelled"):
            raise ValidationError([("state", "Cuộc họp đã kết thúc.")])
        _check_households(row, [household_id])
        earlier = AttendanceRow.update(withdrawn_at=at).where(
            AttendanceRow.meeting == row.id, AttendanceRow.household_id == household_id,
            AttendanceRow.withdrawn_at.is_null()).execute()
        AttendanceRow.create(meeting=row.id, household_id=household_id, representative=representative.strip(),
                             proxy=proxy, recorded_by_id=actor.person_id, recorded_at=at)
        audit.record("meeting_attendance", ENTITY, row.id, actor=actor,
                     after={"household_id": household_id, "proxy": proxy, "replaced": earlier})


def withdraw_attendance(core: CoreServices, meeting_id: int, household_id: int, *, actor: Actor = SYSTEM_ACTOR,
                        at: dt.datetime | None = None) -> None:
    """Mark a household's attendance recorded by mistake (kept, withdrawn)."""
    at = at or now()
    with write_transaction():
        row = get_row(meeting_id)
        if row.state in ("held", "cancelled"):
            raise ValidationError([("state", "Cuộc họp đã kết thúc.")])
        changed = AttendanceRow.update(withdrawn_at=at).where(
            AttendanceRow.meeting == row.id, AttendanceRow.household_id == household_id,
            AttendanceRow.withdrawn_at.is_null()).execute()
        if not changed:
            raise ValidationError([("household_id", "Hộ gia đình chưa được ghi có mặt.")])
        audit.record("meeting_attendance_withdrawn", ENTITY, row.id, actor=actor, after={"household_id": household_id})


def present_households(meeting_id: int) -> dict[int, AttendanceRow]:
    q = AttendanceRow.select().where(AttendanceRow.meeting == meeting_id, AttendanceRow.withdrawn_at.is_null())
    return {a.household_id: a for a in q}


@attrs.frozen
class RosterLine:
    """A household on the meeting's roster (staff only)."""

    household_id: int
    household_code: str
    head_name: str
    address: str
    present: bool
    representative: str
    proxy: bool
    delivered_on: dt.date | None
    choice: str  # empty for a secret ballot (R-BQ-15): only ``voted`` shows
    voted: bool = False


def roster(core: CoreServices, meeting_id: int) -> list[RosterLine]:
    from thanthien.core.models import PersonRow

    row = get_row(meeting_id)
    present = present_households(row.id)
    delivered = {d.household_id: d.delivered_on for d in DeliveryRow.select().where(DeliveryRow.meeting == row.id)}
    picked: dict[int, str] = {}
    matter = MatterRow.get_or_none(MatterRow.id == row.matter_id) if row.matter_id else None
    if matter is not None and matter.vote_id:
        for c in voting.choices(matter.vote_id):
            if c.channel == "meeting" and c.superseded_at is None and c.voided_at is None:
                picked[c.household_id] = ", ".join(c.options)
    households = list(HouseholdRow.select().where(HouseholdRow.group == row.unit_id,
                                                  HouseholdRow.active == True)  # noqa: E712
                      .order_by(HouseholdRow.code))
    head_ids = [h.head_id for h in households if h.head_id]
    heads = {p.id: p.full_name for p in PersonRow.select(PersonRow.id, PersonRow.full_name)
             .where(PersonRow.id.in_(head_ids))} if head_ids else {}
    out = []
    for h in households:
        att = present.get(h.id)
        out.append(RosterLine(h.id, h.code, heads.get(h.head_id, ""), h.address, att is not None,
                              att.representative if att else "", bool(att and att.proxy), delivered.get(h.id),
                              "" if row.method == "secret_ballot" else picked.get(h.id, ""), h.id in picked))
    return out


def households_of(core: CoreServices, unit_id: int) -> list[RosterLine]:
    """The households of a group from the register (staff only), as roster lines."""
    from thanthien.core.models import PersonRow

    households = list(HouseholdRow.select().where(HouseholdRow.group == unit_id,
                                                  HouseholdRow.active == True)  # noqa: E712
                      .order_by(HouseholdRow.code))
    head_ids = [h.head_id for h in households if h.head_id]
    heads = {p.id: p.full_name for p in PersonRow.select(PersonRow.id, PersonRow.full_name)
             .where(PersonRow.id.in_(head_ids))} if head_ids else {}
    return [RosterLine(h.id, h.code, heads.get(h.head_id, ""), h.address, False, "", False, None, "")
            for h in households]


def open_voting(core: CoreServices, meeting_id: int, *, secretary: str, method: str, procedural_yes: int,
                count_board: list[str] | None = None, witnesses: list[str] | None = None,
                actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None) -> Meeting:
    """Start the meeting's vote after the procedural votes (R-BQ-14…16)."""
    at = at or now()
    with write_transaction():
        row = get_row(meeting_id)
        on = row.scheduled_at.date()
        present = len(present_households(row.id))
        board, wits = _names(count_board), _names(witnesses)
        errors: list[tuple[str, str]] = []
        if row.state != "notified":
            errors.append(("state", "Cuộc họp chưa được thông báo hoặc đã biểu quyết."))
        if row.matter_id is None:
            errors.append(("matter_id", "Cuộc họp không có nội dung cần biểu quyết."))
        if not secretary.strip():
            errors.append(("secretary", "Vui lòng ghi thư ký cuộc họp."))
        if method not in MEETING_METHODS:  # R-BQ-15
            errors.append(("method", "Vui lòng chọn biểu quyết giơ tay hoặc bỏ phiếu kín."))
        if not present:
            errors.append(("procedural_yes", "Chưa ghi hộ gia đình nào có mặt."))
        elif not 0 <= procedural_yes <= present or not voting.procedural_passes(core.rules, procedural_yes,
                                                                                 present, on):  # R-BQ-14
            errors.append(("procedural_yes", f"Thư ký, ban kiểm phiếu và cách biểu quyết phải được quá một nửa "
                                             f"đại diện hộ có mặt ({present} hộ) biểu quyết tán thành."))
        if method == "secret_ballot":  # R-BQ-16
            lo = core.rules.value("R-BQ-16.count_board_min", on=on)
            hi = core.rules.value("R-BQ-16.count_board_max", on=on)
            need = core.rules.value("R-BQ-16.witnesses", on=on)
            if not lo <= len(board) <= hi:
                errors.append(("count_board", f"Ban kiểm phiếu gồm từ {lo} đến {hi} người."))
            if len(wits) != need:
                errors.append(("witnesses", f"Cần {need} đại diện hộ gia đình chứng kiến việc kiểm phiếu."))
        if errors:
            raise ValidationError(errors)
        matter = matters.get_row(row.matter_id)
        if matter.vote_id is None:
            vote = voting.open_vote(core, ref=f"{common.MATTER_OWNER}:{matter.id}", title=matter.title,
                                    kind=matter.kind, scope=matter.scope,
                                    unit_ids=[matter.unit_id] if matter.scope == "group" else None,
                                    form="meeting", actor=actor, at=at)
            matter.vote_id = vote.id
            matter.save()
        if matter.state != "voting":
            matters.set_state(matter, "voting", actor=actor, action="matter_voting")
        row.state, row.secretary, row.method, row.count_board, row.witnesses, row.started_at = (
            "voting", secretary.strip(), method, board, wits, at)
        row.save()
        audit.record("meeting_voting_opened", ENTITY, row.id, actor=actor,
                     after={"method": method, "present": present, "procedural_yes": procedural_yes,
                            "vote_id": matter.vote_id})
    return _to_meeting(row)


def record_vote(core: CoreServices, meeting_id: int, household_id: int, option: str, *,
                actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None) -> voting.Choice:
    """A present household's choice at the meeting (R-BQ-09: its representative votes)."""
    row = get_row(meeting_id)
    if row.state != "voting":
        raise ValidationError([("state", "Cuộc họp chưa bắt đầu biểu quyết hoặc đã kết thúc.")])
    att = present_households(row.id).get(household_id)
    if att is None:
        raise ValidationError([("household_id", "Hộ gia đình chưa được ghi có mặt tại cuộc họp.")])
    matter = matters.get_row(row.matter_id)
    return voting.record_choice(core, matter.vote_id, household_id, option, channel="meeting", method=row.method,
                                representative=att.representative, proxy=att.proxy, actor=actor, at=at)


def finish(core: CoreServices, meeting_id: int, *, front_head: str, household_signers: list[str],
           decision_text: str = "", actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None):
    """End the meeting: count against all households, the minutes and the outcome.
    Returns the vote result (``None`` for a ward-wide matter, counted when every group
    has met: :func:`close_ward_vote`)."""
    at = at or now()
    signers = _names(household_signers)
    with write_transaction():
        row = get_row(meeting_id)
        on = row.scheduled_at.date()
        need = core.rules.value("R-BQ-39.household_signatures", on=on)
        errors: list[tuple[str, str]] = []
        if row.state != "voting":
            errors.append(("state", "Cuộc họp chưa bắt đầu biểu quyết."))
        if not front_head.strip():
            errors.append(("front_head", "Vui lòng ghi Trưởng ban công tác Mặt trận ký biên bản."))
        if len(signers) != need:  # R-BQ-39
            errors.append(("household_signers", f"Biên bản cần chữ ký của {need} đại diện hộ gia đình."))
        if errors:
            raise ValidationError(errors)
        matter = matters.get_row(row.matter_id)
        present = len(present_households(row.id))
        row.state, row.ended_at = "held", at
        row.save()
        audit.record("meeting_held", ENTITY, row.id, actor=actor, after={"ended_at": at, "present": present})
        if matter.scope != "group":
            return None
        result = voting.close_vote(core, matter.vote_id, actor=actor, at=at)
        if row.method == "secret_ballot":  # R-BQ-16: Mẫu 02
            minutes = count_minutes(core, row, matter, result, actor=actor, on=on)
            row.minutes_document_id = minutes.id
            row.save()
        decisions.apply_result(core, matter.id, result, round_form="meeting", present=present, decided_on=on,
                               actor=actor)
        record = decision_record(core, matter, result, form="meeting", started_at=row.started_at, ended_at=at,
                                 present=present, front_head=front_head.strip(), household_signers=signers,
                                 decision_text=decision_text, actor=actor)
        MatterRow.update(decision_document_id=record.id).where(MatterRow.id == matter.id).execute()
    return result


def _result_rows(result: voting.VoteResult) -> list[list[str]]:
    total = result.electorate_total or 1
    return [[result.option_labels.get(o, o), str(result.counts[o]), f"{100 * result.counts[o] / total:.1f}%"]
            for o in result.options]


def count_minutes(core: CoreServices, row: MeetingRow, matter: MatterRow, result: voting.VoteResult, *,
                  actor: Actor, on: dt.date):
    """Biên bản kiểm phiếu (Mẫu 02, R-BQ-16): the board, the witnesses, the count."""
    copies = core.rules.value("R-BQ-16.minutes_copies", on=on)
    return common.issue(
        core, common.DOC_COUNT, subject=f"Biên bản kiểm phiếu: {matter.title}",
        context={"paragraphs": [f"Hôm nay, hồi {format_datetime(row.started_at)}, tại {row.place}, Ban kiểm phiếu "
                                f"gồm: {', '.join(row.count_board)}; với sự chứng kiến của đại diện hộ gia đình: "
                                f"{', '.join(row.witnesses)}, tiến hành kiểm phiếu biểu quyết nội dung: "
                                f"{matter.title}.",
                                f"Tổng số hộ gia đình: {result.electorate_total}; số phiếu thu về: "
                                f"{result.participated}."],
                 "table": {"header": ["Phương án", "Số phiếu", "Tỷ lệ trên tổng số hộ"], "rows": _result_rows(result)},
                 "closing": [f"Biên bản lập thành {copies} bản: gửi UBND phường, Ủy ban MTTQ phường và lưu tại "
                             f"tổ dân phố."],
                 "signatures": [{"title": "Trưởng ban kiểm phiếu", "name": row.count_board[0]},
                                *({"title": "Đại diện hộ gia đình chứng kiến", "name": w} for w in row.witnesses)]},
        unit_id=row.unit_id, signer_name=row.count_board[0], signer_title="Trưởng ban kiểm phiếu",
        owner=(common.MEETING_OWNER, row.id), on=on, actor=actor)


def decision_record(core: CoreServices, matter: MatterRow, result: voting.VoteResult, *, form: str,
                    started_at: dt.datetime | None, ended_at: dt.datetime, present: int, front_head: str,
                    household_signers: list[str], decision_text: str, actor: Actor, participants=None):
    """The decision record (Mẫu 03) with the R-BQ-39 fields and signatures."""
    outcome = "được thông qua" if result.passed else "không được thông qua"
    fields = {
        "thoi_gian": f"từ {format_datetime(started_at)} đến {format_datetime(ended_at)}" if started_at
        else format_datetime(ended_at),
        "tong_so_ho": result.electorate_total,
        "so_dai_dien_co_mat": present,
        "so_ho_vang": result.electorate_total - present,
        "noi_dung_ban": matter.title,
        "hinh_thuc": FORMS[form],
        "ket_qua_bieu_quyet": "; ".join(f"{result.option_labels.get(o, o)}: {result.counts[o]}"
                                        for o in result.options),
        "noi_dung_quyet_dinh": decision_text.strip() or (f"Nội dung “{matter.title}” {outcome} "
                                                         f"({result.threshold})."),
    }
    sections = [
        {"title": "Thời gian, thành phần",
         "items": [f"Thời gian: {fields['thoi_gian']}.", f"Tổng số hộ gia đình: {fields['tong_so_ho']}.",
                   f"Số đại diện hộ gia đình tham gia: {fields['so_dai_dien_co_mat']}; số hộ vắng: "
                   f"{fields['so_ho_vang']}."]},
        {"title": "Nội dung và hình thức", "items": [f"Nội dung: {fields['noi_dung_ban']}.",
                                                     f"Hình thức: {fields['hinh_thuc']}."]},
        {"title": "Kết quả biểu quyết", "items": [fields["ket_qua_bieu_quyet"] + ".",
                                                  f"Ngưỡng thông qua: {result.threshold}."]},
        {"title": "Nội dung quyết định", "paragraphs": [fields["noi_dung_quyet_dinh"]]},
    ]
    if participants:
        sections.append({"title": "Danh sách hộ gia đình tham gia", "items": participants})
    signatures = [{"title": "Tổ trưởng tổ dân phố", "name": actor.name},
                  {"title": "Trưởng ban công tác Mặt trận", "name": front_head},
                  *({"title": "Đại diện hộ gia đình", "name": n} for n in household_signers)]
    return common.issue(core, common.DOC_RECORD, subject=f"Biên bản kết quả bàn và quyết định: {matter.title}",
                        context={"fields": fields, "sections": sections, "signatures": signatures,
                                 "paragraphs": []},
                        unit_id=matter.unit_id, signer_name=actor.name, signer_title="Tổ trưởng tổ dân phố",
                        owner=(common.MATTER_OWNER, matter.id), on=ended_at.date(), actor=actor)


def close_ward_vote(core: CoreServices, matter_id: int, *, actor: Actor = SYSTEM_ACTOR,
                    at: dt.datetime | None = None) -> voting.VoteResult:
    """Count a ward-wide matter once its groups have met or returned their ballots (R-BQ-30)."""
    at = at or now()
    with write_transaction():
        matter = matters.get_row(matter_id)
        if matter.scope != "ward" or matter.vote_id is None:
            raise ValidationError([("matter_id", "Chỉ áp dụng cho nội dung toàn phường đang biểu quyết.")])
        result = voting.close_vote(core, matter.vote_id, actor=actor, at=at)
        decisions.apply_result(core, matter.id, result, round_form=matter.form, decided_on=at.date(), actor=actor)
    return result
