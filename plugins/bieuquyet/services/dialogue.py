"""The annual community meeting of each residential group and the ward's dialogue
conference (hội nghị định kỳ của cộng đồng dân cư, hội nghị đối thoại; R-DT-01…04).

* R-DT-02: each group holds its periodic meeting once a year at year-end, convened by the
  group head, one representative per household — :func:`year_overview` lists the groups
  still without one.
* R-DT-03: the meeting plan goes first to the People's Committee, the Front Committee and
  the People's Inspection Board; the notice reaches households ≥ 5 days before.
* R-DT-04: the agenda runs in its legal order (:data:`AGENDA`); an item is recorded only
  after the one before it; the written result report goes to the People's Committee and
  the Front Committee once every item is done.
* R-DT-01: the People's Committee with the Front holds a dialogue conference at least once
  a year (:data:`DIALOGUE_AGENDA`).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from thanthien.core import audit, people
from thanthien.core.errors import IllegalTransition, NotFound, ValidationError
from thanthien.core.models import UnitRow
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import COMMUNITY_UNIT_KINDS, Actor

from ..models_elections import PeriodicMeetingRow
from ..types import P_DECIDE, P_MANAGE, PLUGIN

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

ENTITY = f"{PLUGIN}.periodic_meeting"

KINDS = {"dinh_ky": "Hội nghị định kỳ của cộng đồng dân cư", "doi_thoai": "Hội nghị đối thoại giữa UBND và Nhân dân"}
#: R-DT-04: the order of the periodic meeting (NĐ 59 Art. 10–11)
AGENDA = {
    "bao_cao_to_truong": "Tổ trưởng báo cáo tình hình, kết quả thực hiện nhiệm vụ trong năm",
    "bao_cao_mat_tran": "Ban công tác Mặt trận báo cáo kết quả thực hiện dân chủ ở cơ sở",
    "bao_cao_ban_ttnd": "Đại diện Ban Thanh tra nhân dân báo cáo kết quả hoạt động",
    "thao_luan": "Hộ gia đình thảo luận, đóng góp ý kiến",
    "giai_dap": "Giải đáp, tiếp thu ý kiến",
    "thong_qua": "Biểu quyết thông qua các nội dung",
    "khen_thuong": "Khen thưởng hộ gia đình, cá nhân tiêu biểu",
    "ket_luan": "Kết luận hội nghị",
}
#: R-DT-01: the dialogue conference (Luật DCCS Art. 32)
DIALOGUE_AGENDA = {
    "khai_mac": "Khai mạc, nêu nội dung đối thoại",
    "trao_doi": "Người dân trao đổi, nêu ý kiến, kiến nghị",
    "tra_loi": "Lãnh đạo UBND trả lời, giải trình",
    "ket_luan": "Kết luận, giao trách nhiệm giải quyết",
}
STATES = {"planned": "Đang chuẩn bị", "notified": "Đã thông báo", "held": "Đang họp",
          "reported": "Đã gửi báo cáo kết quả"}


@attrs.frozen
class AgendaItem:
    key: str
    label: str
    summary: str = ""
    done_at: dt.datetime | None = None
    by: str = ""


@attrs.frozen
class PeriodicMeeting:
    id: int
    kind: str
    kind_label: str
    unit_id: int | None
    unit_name: str
    year: int
    meeting_on: dt.date
    place: str
    plan_sent_on: dt.date | None
    notice_on: dt.date | None
    notice_last_day: dt.date  # R-DT-03: the last day the notice may go out
    agenda: tuple[AgendaItem, ...]
    households_present: int | None
    households_total: int | None
    report_sent_on: dt.date | None
    state: str
    state_label: str

    @property
    def next_item(self) -> str | None:
        return next((i.key for i in self.agenda if i.done_at is None), None)


def _agenda_of(kind: str) -> dict[str, str]:
    return AGENDA if kind == "dinh_ky" else DIALOGUE_AGENDA


def _to(core: CoreServices, row: PeriodicMeetingRow) -> PeriodicMeeting:
    unit = UnitRow.get_or_none(UnitRow.id == row.unit_id) if row.unit_id else None
    done = {i["key"]: i for i in row.agenda or []}
    items = tuple(AgendaItem(k, label, done.get(k, {}).get("summary", ""),
                             dt.datetime.fromisoformat(done[k]["done_at"]) if k in done else None,
                             done.get(k, {}).get("by", ""))
                  for k, label in _agenda_of(row.kind).items())
    days = int(core.rules.value("R-DT-03.min_days_before", row.meeting_on))
    name = unit.name if unit else core.settings.ward.name
    return PeriodicMeeting(row.id, row.kind, KINDS[row.kind], row.unit_id, name, row.year, row.meeting_on, row.place,
                           row.plan_sent_on, row.notice_on,
                           row.meeting_on - dt.timedelta(days=days), items, row.households_present,
                           row.households_total, row.report_sent_on, row.state, STATES[row.state])


def _row(meeting_id: int) -> PeriodicMeetingRow:
    row = PeriodicMeetingRow.get_or_none(PeriodicMeetingRow.id == meeting_id)
    if row is None:
        raise NotFound(f"Không tìm thấy hội nghị số {meeting_id}.")
    return row


def _require(core: CoreServices, actor: Actor, row: PeriodicMeetingRow) -> None:
    if row.kind == "dinh_ky":
        core.access.require(actor, P_MANAGE, row.unit_id)  # R-DT-02: the group head convenes
    else:
        core.access.require(actor, P_DECIDE, None)  # R-DT-01: the People's Committee


def get(core: CoreServices, meeting_id: int, *, actor: Actor) -> PeriodicMeeting:
    row = _row(meeting_id)
    if row.kind == "dinh_ky":
        core.access.require(actor, P_MANAGE, row.unit_id)
    return _to(core, row)


def plan(core: CoreServices, *, kind: str, unit_id: int | None, meeting_on: dt.date | None, place: str = "",
         actor: Actor) -> PeriodicMeeting:
    """Plan the year's periodic meeting of a group (R-DT-02, once a year) or the ward's
    dialogue conference (R-DT-01)."""
    errors: list[tuple[str, str]] = []
    if kind not in KINDS:
        raise ValidationError([("kind", "Vui lòng chọn loại hội nghị.")])
    unit = None
    if kind == "dinh_ky":
        unit = UnitRow.get_or_none(UnitRow.id == unit_id) if unit_id else None
        if unit is None or unit.kind not in COMMUNITY_UNIT_KINDS:
            errors.append(("unit_id", "Vui lòng chọn tổ dân phố."))
            unit = None
        else:
            core.access.require(actor, P_MANAGE, unit.id)
    else:
        core.access.require(actor, P_DECIDE, None)
    if meeting_on is None:
        errors.append(("meeting_on", "Vui lòng nhập ngày hội nghị (dd/mm/yyyy)."))
    if meeting_on and kind == "dinh_ky" and unit is not None:
        per_year = int(core.rules.value("R-DT-02.per_year", meeting_on))
        held = PeriodicMeetingRow.select().where(PeriodicMeetingRow.kind == "dinh_ky",
                                                 PeriodicMeetingRow.unit_id == unit.id,
                                                 PeriodicMeetingRow.year == meeting_on.year).count()
        if held >= per_year:
            errors.append(("meeting_on", f"{unit.name} đã có hội nghị định kỳ năm {meeting_on.year} (R-DT-02)."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = PeriodicMeetingRow.create(kind=kind, unit_id=unit.id if unit else None, year=meeting_on.year,
                                        meeting_on=meeting_on, place=str(place or "").strip()[:255],
                                        created_by_name=actor.name)
        audit.record("periodic_meeting.planned", ENTITY, row.id, actor=actor,
                     after={"kind": kind, "unit_id": row.unit_id, "meeting_on": meeting_on})
    return _to(core, row)


def send_plan(core: CoreServices, meeting_id: int, *, sent_on: dt.date | None, actor: Actor) -> PeriodicMeeting:
    """R-DT-03: the plan goes to the People's Committee, the Front and the Inspection Board."""
    row = _row(meeting_id)
    _require(core, actor, row)
    if sent_on is None:
        raise ValidationError([("sent_on", "Vui lòng nhập ngày gửi kế hoạch (dd/mm/yyyy).")])
    if sent_on > row.meeting_on:
        raise ValidationError([("sent_on", "Kế hoạch phải gửi trước ngày hội nghị.")])
    with write_transaction():
        PeriodicMeetingRow.update(plan_sent_on=sent_on).where(PeriodicMeetingRow.id == row.id).execute()
        audit.record("periodic_meeting.plan_sent", ENTITY, row.id, actor=actor, after={"plan_sent_on": sent_on})
    return _to(core, _row(row.id))


def send_notice(core: CoreServices, meeting_id: int, *, sent_on: dt.date | None, actor: Actor) -> PeriodicMeeting:
    """R-DT-03: the notice reaches households at least 5 days before, after the plan."""
    row = _row(meeting_id)
    _require(core, actor, row)
    errors: list[tuple[str, str]] = []
    if sent_on is None:
        raise ValidationError([("sent_on", "Vui lòng nhập ngày thông báo (dd/mm/yyyy).")])
    days = int(core.rules.value("R-DT-03.min_days_before", row.meeting_on))
    last = row.meeting_on - dt.timedelta(days=days)
    if sent_on > last:
        errors.append(("sent_on", f"Thông báo phải đến các hộ gia đình trước ngày hội nghị ít nhất {days} ngày, "
                                  f"chậm nhất ngày {format_date(last)}."))
    if row.kind == "dinh_ky" and (row.plan_sent_on is None or row.plan_sent_on > sent_on):
        errors.append(("sent_on", "Kế hoạch hội nghị phải gửi UBND, Ủy ban MTTQ và Ban Thanh tra nhân dân trước khi "
                                  "thông báo (R-DT-03)."))
    if errors:
        raise ValidationError(errors)
    total = people.count_households(row.unit_id) if row.unit_id else None
    with write_transaction():
        PeriodicMeetingRow.update(notice_on=sent_on, state="notified", households_total=total).where(
            PeriodicMeetingRow.id == row.id).execute()
        audit.record("periodic_meeting.notified", ENTITY, row.id, actor=actor,
                     after={"notice_on": sent_on, "households_total": total})
    return _to(core, _row(row.id))


def record_item(core: CoreServices, meeting_id: int, *, key: str, summary: str, actor: Actor,
                at: dt.datetime | None = None) -> PeriodicMeeting:
    """Record one item of the agenda, in the legal order (R-DT-04)."""
    row = _row(meeting_id)
    _require(core, actor, row)
    if row.state not in ("notified", "held"):
        raise IllegalTransition("Hội nghị chưa được thông báo hoặc đã gửi báo cáo kết quả.")
    agenda = _agenda_of(row.kind)
    meeting = _to(core, row)
    if key not in agenda:
        raise ValidationError([("key", "Nội dung không có trong trình tự hội nghị.")])
    if key != meeting.next_item:
        expected = agenda[meeting.next_item] if meeting.next_item else ""
        raise ValidationError([("key", f"Hội nghị diễn ra theo trình tự (R-DT-04): tiếp theo là “{expected}”.")])
    if not str(summary or "").strip():
        raise ValidationError([("summary", "Vui lòng tóm tắt nội dung.")])
    at = at or now()
    items = [*(row.agenda or []), {"key": key, "summary": str(summary).strip(), "done_at": at.isoformat(),
                                   "by": actor.name}]
    with write_transaction():
        PeriodicMeetingRow.update(agenda=items, state="held").where(PeriodicMeetingRow.id == row.id).execute()
        audit.record("periodic_meeting.item", ENTITY, row.id, actor=actor, after={"key": key})
    return _to(core, _row(row.id))


def send_report(core: CoreServices, meeting_id: int, *, sent_on: dt.date | None, households_present: int | None,
                actor: Actor) -> PeriodicMeeting:
    """R-DT-04: the written result report to the People's Committee and the Front once the
    whole agenda is done; for a group, the households represented (one each, R-DT-02)."""
    row = _row(meeting_id)
    _require(core, actor, row)
    meeting = _to(core, row)
    errors: list[tuple[str, str]] = []
    if meeting.next_item is not None:
        errors.append(("sent_on", "Chưa hoàn thành trình tự hội nghị (R-DT-04)."))
    if sent_on is None:
        errors.append(("sent_on", "Vui lòng nhập ngày gửi báo cáo (dd/mm/yyyy)."))
    elif sent_on < row.meeting_on:
        errors.append(("sent_on", "Báo cáo kết quả gửi sau hội nghị."))
    if row.kind == "dinh_ky":
        total = row.households_total or 0
        if households_present is None or households_present < 0 or households_present > total:
            errors.append(("households_present", f"Số hộ có đại diện dự họp phải từ 0 đến {total} (tổng số hộ theo "
                                                 f"sổ hộ gia đình)."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        PeriodicMeetingRow.update(report_sent_on=sent_on, state="reported",
                                  households_present=households_present).where(
            PeriodicMeetingRow.id == row.id).execute()
        audit.record("periodic_meeting.reported", ENTITY, row.id, actor=actor,
                     after={"report_sent_on": sent_on, "households_present": households_present})
    return _to(core, _row(row.id))


@attrs.frozen
class YearOverview:
    year: int
    meetings: tuple[PeriodicMeeting, ...]
    groups_without_meeting: tuple[tuple[int, str], ...]  # R-DT-02
    dialogue_held: bool  # R-DT-01


def year_overview(core: CoreServices, year: int, *, unit_ids: set[int] | None) -> YearOverview:
    """The year's meetings of the groups in ``unit_ids`` (``None``: all), the groups with
    no periodic meeting yet (R-DT-02) and whether the ward held its dialogue (R-DT-01)."""
    q = PeriodicMeetingRow.select().where(PeriodicMeetingRow.year == year)
    rows = [r for r in q.order_by(PeriodicMeetingRow.meeting_on, PeriodicMeetingRow.id)
            if r.kind == "doi_thoai" or unit_ids is None or r.unit_id in unit_ids]
    with_meeting = {r.unit_id for r in rows if r.kind == "dinh_ky"}
    groups = [u for u in people.list_units(COMMUNITY_UNIT_KINDS) if unit_ids is None or u.id in unit_ids]
    minimum = int(core.rules.value("R-DT-01.min_per_year", dt.date(year, 12, 31)))
    held = sum(1 for r in rows if r.kind == "doi_thoai" and r.state == "reported")
    return YearOverview(year, tuple(_to(core, r) for r in rows),
                        tuple((g.id, g.name) for g in groups if g.id not in with_meeting), held >= minimum)
