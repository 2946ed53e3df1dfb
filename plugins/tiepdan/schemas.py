"""The JSON shape of every tiepdan page (``page(..., schema=…)``): typed view models.

A view builds one of these and passes it to ``respond``; its fields are the page's JSON
keys (``{"ok": true, …}``) and the template's variables, and the OpenAPI document
describes them. Keys are added, never renamed or removed.

``kind`` stays the matter kind of the legal list (``khieu_nai``, ``to_cao``, ``phan_anh``)
wherever it appeared — the public look-up's answer, the matter pages, the figures' keys —
since a resident's app or a ward's report may compare it; the case-type key on core's
case engine (``tiepdan_khieu_nai`` …) is the added ``case_type``.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from thanthien.core.text import format_date
from thanthien.web.forms import Redirected

from .types import MATTER_KINDS, Clock, Coverage, Dialogue, Matter, Party, Question, ReceptionSession, Tracked

# -- public ----------------------------------------------------------------------------


@attrs.frozen
class PublicSession:
    """A published reception session (staff names only: a public office)."""

    id: int
    kind: str
    kind_label: str
    day: dt.date
    day_display: str
    start_time: str
    end_time: str
    place: str
    host_name: str
    host_title: str
    attendees: list[str]
    topics: str
    state: str
    state_label: str
    moved_from_id: int | None
    moved_reason: str
    published_at: dt.datetime | None

    @classmethod
    def of(cls, s: ReceptionSession) -> PublicSession:
        return cls(s.id, s.kind, s.kind_label, s.day, format_date(s.day), s.start_time, s.end_time, s.place,
                   s.host_name, s.host_title, list(s.attendees), s.topics, s.state, s.state_label, s.moved_from_id,
                   s.moved_reason, s.published_at)


@attrs.frozen
class SchedulePage:
    """Lịch tiếp công dân: địa điểm, thời gian tiếp thường xuyên, lịch tiếp của Chủ tịch UBND (R-TD-06)."""

    place: str
    regular_hours: str
    start: dt.date = attrs.field(metadata={"key": "from"})
    end: dt.date = attrs.field(metadata={"key": "to"})
    sessions: list[PublicSession] = attrs.Factory(list)


@attrs.frozen
class SentFeedback:
    """The tracking code of a feedback received and the date its status reply is due."""

    tracking_code: str
    due_date: str


@attrs.frozen
class OpinionSubject:
    """The public page a feedback is about (sent from its "Gửi ý kiến về nội dung này" link)."""

    ref: str
    title: str
    url: str


@attrs.frozen
class GroupChoice:
    id: int
    name: str


@attrs.frozen
class FeedbackPage:
    """Gửi phản ánh, kiến nghị: the form, or (201) the tracking code of what was sent.
    ``subject``: what the feedback is about; ``subject_unknown``: a ``ve`` reference was
    given but names nothing public (the form works without it)."""

    sent: SentFeedback | None
    max_chars: int
    values: dict[str, str] = attrs.Factory(dict)
    subject: OpinionSubject | None = None
    subject_unknown: bool = False
    groups: list[GroupChoice] = attrs.Factory(list)
    max_photo_mb: str = ""


@attrs.frozen
class PublicFeedbackItem:
    """One moderated feedback on the public list: no name, phone, e-mail, address or ID.
    ``received`` and dates are dd/mm/yyyy; ``status`` is the state in words; ``answer`` the
    ward's public reply (empty until answered); ``photo_url`` empty unless published."""

    id: int
    title: str
    text: str
    subject_title: str
    subject_url: str
    group: str
    received: str
    status: str
    answer: str
    photo_url: str


@attrs.frozen
class PublicFeedbackPage:
    """Phản ánh của Nhân dân và trả lời của phường (đã kiểm duyệt), newest first, by page."""

    items: list[PublicFeedbackItem]
    page: int
    has_next: bool


@attrs.frozen
class FeedbackModeration:
    """A petition's subject, group, place, photos and public version, for its handlers."""

    subject_title: str
    subject_url: str
    group: str
    place: str
    publication: str
    publication_label: str
    public_title: str
    public_text: str
    photo_public: bool
    photo_urls: list[str]
    moderated: str


@attrs.frozen
class ModerationRedirect(Redirected):
    publication: str = ""


@attrs.frozen
class TrackStep:
    date: str
    label: str


@attrs.frozen
class TrackStatus:
    """The public status of a matter: no names, no content (R-DL-14)."""

    tracking_code: str
    kind: str
    kind_label: str
    received: str
    state: str
    state_label: str
    due_date: str
    closed: bool
    steps: list[TrackStep]
    answer: str
    can_reopen: bool
    case_type: str

    @classmethod
    def of(cls, t: Tracked, state_label) -> TrackStatus:
        latest = t.latest
        return cls(t.code, t.kind, MATTER_KINDS.get(t.kind, t.kind), format_date(t.first.received_at), latest.state,
                   state_label(latest.state), format_date(latest.due_date) if latest.is_open else "",
                   not latest.is_open, [TrackStep(format_date(s.at), state_label(s.state)) for s in t.steps],
                   t.answer, t.can_reopen, latest.case_type)


@attrs.frozen
class TrackingPage:
    """Tra cứu tình trạng xử lý đơn bằng mã tra cứu."""

    code: str
    status: TrackStatus | None = None


@attrs.frozen
class ReopenRedirect(Redirected):
    """After "not resolved": the tracking code, the new case's number and its due date."""

    tracking_code: str = ""
    number: str = ""
    due_date: str = ""


@attrs.frozen
class PublicAnswer:
    source: str
    question: str
    answer: str
    answered_by: str


@attrs.frozen
class PublicDialogue:
    """A dialogue conference whose answers are published (R-DT-01)."""

    id: int
    title: str
    day: str
    place: str
    co_organiser: str
    attendance: int | None
    questions: list[PublicAnswer]

    @classmethod
    def of(cls, d: Dialogue, questions: list[Question]) -> PublicDialogue:
        return cls(d.id, d.title, format_date(d.day), d.place, d.co_organiser, d.attendance,
                   [PublicAnswer(q.source, q.text, q.answer, q.answered_by) for q in questions])


@attrs.frozen
class DialoguesPage:
    """Kết quả hội nghị đối thoại giữa UBND và Nhân dân."""

    dialogues: list[PublicDialogue]


# -- staff: the register -------------------------------------------------------------------


@attrs.frozen
class RegisterEntry:
    """A register line: the visitor's name masked, a denunciation's visitor and content not shown."""

    id: int
    number: str
    received_at: dt.datetime
    headcount: int
    visitor: str
    summary: str
    classification_label: str
    handling: str
    handling_label: str
    officer_name: str
    case_id: int | None


@attrs.frozen
class RegisterPage:
    """Sổ tiếp công dân (R-TD-11)."""

    start: dt.date = attrs.field(metadata={"key": "from"})
    end: dt.date = attrs.field(metadata={"key": "to"})
    visits: list[RegisterEntry] = attrs.Factory(list)


@attrs.frozen
class VisitFormPage:
    """Vào sổ một lượt tiếp công dân: the choices of the form."""

    classifications: list[tuple[str, str]]
    grounds: list[tuple[str, str]]
    channels: list[tuple[str, str]]
    values: dict[str, str] = attrs.Factory(dict)


# -- staff: matters ------------------------------------------------------------------------


@attrs.frozen
class MatterItem:
    """A line of the list of matters, for one who may see its content."""

    id: int
    number: str
    subject: str
    kind_label: str
    state_label: str
    due_date: dt.date | None
    received_at: dt.datetime | None
    channel: str
    kind: str
    case_type: str
    restricted: bool = False


@attrs.frozen
class RestrictedItem:
    """A denunciation's line for anyone but its handler and the Chủ tịch: "Đơn tố cáo" and its number (R-TC-10)."""

    id: int
    number: str
    subject: str
    kind_label: str
    restricted: bool = True


def matter_item(m: Matter, state_label: str) -> MatterItem | RestrictedItem:
    if m.restricted:
        return RestrictedItem(m.id, m.number, m.subject, m.kind_label)
    return MatterItem(m.id, m.number, m.subject, m.kind_label, state_label, m.due_date, m.received_at, m.channel,
                      m.kind, m.case_type)


@attrs.frozen
class MattersPage:
    """Đơn thư: khiếu nại, tố cáo, phản ánh, kiến nghị."""

    matters: list[MatterItem | RestrictedItem]
    kind: str | None = None
    page: int = 1
    has_next: bool = False


@attrs.frozen
class EventItem:
    at: dt.datetime
    action: str
    actor_name: str
    note: str
    to_state: str


@attrs.frozen
class MatterDetail:
    """A matter for one who may see its content: state, clocks, steps, the people (masked)."""

    id: int
    number: str
    subject: str
    kind: str
    kind_label: str
    restricted: bool
    state: str
    state_label: str
    channel: str
    channel_label: str
    received_at: dt.datetime | None
    due_date: dt.date | None
    due_unit: str
    extensions: int
    owner_id: int | None
    content: str
    accused: str
    data: dict[str, Any]
    closed_at: dt.datetime | None
    clocks: list[Clock]
    events: list[EventItem]
    parties: list[Party]
    tracking_code: str
    actions: list[str]
    case_type: str


@attrs.frozen
class RestrictedMatter:
    """A denunciation for anyone but its handler and the Chủ tịch: its number only (R-TC-10)."""

    id: int
    number: str
    subject: str
    kind: str
    kind_label: str
    restricted: bool
    case_type: str


@attrs.frozen
class DocumentItem:
    id: int
    number_symbol: str
    subject: str
    issued_on: dt.date


@attrs.frozen
class MatterPage:
    """Một đơn thư: trạng thái, thời hạn, các bước, văn bản."""

    matter: MatterDetail | RestrictedMatter
    documents: list[DocumentItem] = attrs.Factory(list)
    #: a petition's subject, group, place, photo and moderation (None for other matters)
    feedback: FeedbackModeration | None = None


@attrs.frozen
class RevealedMatter:
    id: int
    number: str


@attrs.frozen
class RevealPage:
    """Thông tin người gửi đơn, xem có lý do và ghi nhật ký (R-TC-10, R-DL-11)."""

    matter: RevealedMatter
    people: list[Party]


@attrs.frozen
class ActRedirect(Redirected):
    """After an action on a matter: its new state."""

    state: str | None = None


# -- staff: schedule and figures ----------------------------------------------------------


@attrs.frozen
class PlannerPage:
    """Lập và công khai lịch tiếp công dân (R-TD-02, R-TD-07)."""

    kinds: list[tuple[str, str]]
    staff: list[tuple[int, str]]
    sessions: list[ReceptionSession]
    coverage: Coverage
    values: dict[str, str] = attrs.Factory(dict)
    warnings: list[str] = attrs.Factory(list)


@attrs.frozen
class IndicatorsPage:
    """Chỉ tiêu tiếp công dân và giải quyết đơn thư (``from``, ``to``, ``received`` by kind
    and channel, ``visits``, ``accepted``, ``resolved_on_time``, ``resolved_late``,
    ``average_days``, ``clocks_done``, ``share_within_legal_time``, ``overdue_open``,
    ``reception_days_held``, ``reception_days_required``, ``weeks_without_reception``,
    ``dialogues``)."""

    indicators: dict[str, Any]
