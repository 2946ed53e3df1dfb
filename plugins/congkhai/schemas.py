"""The JSON shape of every congkhai page (``page(..., schema=…)``): typed view models.

A view builds one of these and passes it to ``respond``; its fields are the page's JSON
keys (``{"ok": true, …}``) and the template's variables, and the OpenAPI document
describes them. Keys are added, never renamed or removed. The ``of`` constructors turn
the services' domain types into the page's shape (labels, names, what is public).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from thanthien.core.notices import STATES as NOTICE_STATES
from thanthien.core.types import Notice, NoticeCategory
from thanthien.web.forms import Redirected

from .types import (
    AUDIENCES,
    CONFERENCE_KINDS,
    DELIVERY_FORMS,
    MEDIA_CHANNELS,
    MEDIA_KINDS,
    MEDIA_TOPICS,
    PLACE_KINDS,
    REFUSAL_GROUNDS,
    REQUEST_CHANNELS,
    Attachment,
    Conference,
    Coverage,
    DeskLine,
    DisclosureRegister,
    Gap,
    MediaItem,
    NoticeDesk,
    PlaceState,
    Posting,
    RequestFile,
    RequestLine,
)

# ---------------------------------------------------------------------------
# public
# ---------------------------------------------------------------------------


@attrs.frozen
class PublicAttachment:
    id: int
    filename: str
    mime_type: str
    size: int
    url: str


@attrs.frozen
class BoardItem:
    """What a resident sees of a notice in a list (no personal data)."""

    id: int
    url: str
    title: str
    category: str
    category_name: str
    item_no: int | None
    state: str
    version: int
    decision_ref: str
    decision_date: str
    published: str
    published_at: str | None
    summary: str
    attachments: list[PublicAttachment]


@attrs.frozen
class PublicNotice(BoardItem):
    """What a resident sees of a notice: also its (sanitised, redacted) body."""

    body_html: str = ""

    def listed(self) -> BoardItem:
        return BoardItem(**{f.name: getattr(self, f.name) for f in attrs.fields(BoardItem)})


@attrs.frozen
class CategoryChoice:
    key: str
    name: str
    item_no: int | None

    @classmethod
    def of(cls, c: NoticeCategory) -> CategoryChoice:
        return cls(c.key, c.name, c.item_no)


@attrs.frozen
class GroupChoice:
    id: int
    name: str


@attrs.frozen
class BoardPage:
    """Bảng tin công khai: lọc theo loại thông tin, tổ dân phố, ngày; tìm không dấu."""

    notices: list[BoardItem]
    categories: list[CategoryChoice]
    groups: list[GroupChoice]
    filters: dict[str, str]


@attrs.frozen
class NoticePublicPage:
    """Một thông tin công khai."""

    notice: PublicNotice


# ---------------------------------------------------------------------------
# compliance check and register
# ---------------------------------------------------------------------------


@attrs.frozen
class CheckGap:
    kind: str
    label: str
    notice_id: int | None
    category: str
    title: str
    rule_ids: list[str]
    place: str
    unit_id: int | None
    message: str


@attrs.frozen
class CheckPending:
    notice_id: int
    title: str
    place: str
    unit_id: int | None
    note: str


@attrs.frozen
class CheckExpiring:
    notice_id: int
    title: str
    place: str
    unit_id: int | None
    posted_on: dt.date


@attrs.frozen
class CheckGroup:
    unit_id: int
    name: str
    required: int
    done: int
    percent: float


@attrs.frozen
class CheckPage:
    """Kiểm tra việc công khai: còn thiếu, chậm, gỡ sớm, chưa cập nhật; độ phủ theo tổ dân phố."""

    date: dt.date
    gaps: list[CheckGap]
    pending: list[CheckPending]
    expiring: list[CheckExpiring]
    groups: list[CheckGroup]
    gap_kinds: dict[str, str]

    @classmethod
    def of(cls, report: Any, gap_kinds: dict[str, str]) -> CheckPage:
        title = {nid: n.title for nid, n in report.notices.items()}
        return cls(
            report.today,
            [CheckGap(g.kind, g.label, g.notice_id, g.category, title.get(g.notice_id, "") if g.notice_id else "",
                      list(g.rule_ids), PLACE_KINDS.get(g.place, ""), g.unit_id, g.message) for g in report.gaps],
            [CheckPending(p.notice_id, title[p.notice_id], PLACE_KINDS[p.requirement.kind], p.requirement.unit_id,
                          p.note) for p in report.pending],
            [CheckExpiring(p.notice_id, title[p.notice_id], PLACE_KINDS[p.kind], p.unit_id, p.posted_on)
             for p in report.expiring],
            [CheckGroup(g.unit_id, g.name, g.required, g.done, g.percent) for g in report.groups],
            gap_kinds)


@attrs.frozen
class RegisterPage:
    """Danh mục thông tin công khai hằng quý (R-CK-08)."""

    register: DisclosureRegister


# ---------------------------------------------------------------------------
# the notices desk
# ---------------------------------------------------------------------------


def _category(cats: dict[str, NoticeCategory], key: str) -> tuple[str, int | None]:
    cat = cats.get(key)
    return (cat.name, cat.item_no) if cat else (key, None)


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


@attrs.frozen
class DeskNotice:
    id: int
    title: str
    category: str
    category_name: str
    item_no: int | None
    state: str
    state_label: str
    version: int
    created_on: dt.date
    published_on: dt.date | None
    deadline: dt.date | None
    required: int
    done: int

    @classmethod
    def of(cls, line: DeskLine, cats: dict[str, NoticeCategory]) -> DeskNotice:
        n = line.notice
        name, item = _category(cats, n.category)
        return cls(n.id, n.title, n.category, name, item, n.state, NOTICE_STATES.get(n.state, n.state), n.version,
                   n.created_at.date(), _day(n.published_at), line.deadline, line.required, line.done)


@attrs.frozen
class NoticeFilters:
    state: str
    category: str
    missing: bool


@attrs.frozen
class NoticesPage:
    """Thông báo công khai: bản nháp, đang công khai, đã thu hồi; lọc nơi còn thiếu."""

    notices: list[DeskNotice]
    filters: NoticeFilters
    may_manage: bool
    page: int = 1
    has_next: bool = False


@attrs.frozen
class NoticeFormPage:
    """Soạn thông báo công khai, sửa bản nháp."""

    categories: list[tuple[str, str]]
    staff: list[tuple[Any, str]]
    custom_labels: dict[str, str]
    values: dict[str, Any]
    mode: str
    notice_id: int | None = None
    state: str = ""


@attrs.frozen
class NoticeView:
    """A notice on the staff pages (content sanitised, congkhai's facts)."""

    id: int
    title: str
    body_html: str
    category: str
    category_name: str
    item_no: int | None
    state: str
    state_label: str
    version: int
    parent_id: int | None
    decision_ref: str
    decision_date: dt.date | None
    created_on: dt.date
    published_on: dt.date | None
    window_end: dt.date | None
    withdrawn_reason: str
    deadline: dt.date | None
    custom: dict[str, bool]
    responsible_id: int | None
    responsible: str
    unit_id: int | None = None

    @classmethod
    def of(cls, desk: NoticeDesk, cats: dict[str, NoticeCategory]) -> NoticeView:
        from thanthien.core.richtext import clean_html

        n, f = desk.notice, desk.facts
        name, item = _category(cats, n.category)
        return cls(n.id, n.title, clean_html(n.body_html), n.category, name, item, n.state,
                   NOTICE_STATES.get(n.state, n.state), n.version, n.parent_id, n.decision_ref, n.decision_date,
                   n.created_at.date(), _day(n.published_at), n.window_end, n.withdrawn_reason, f.deadline,
                   f.custom, f.responsible_id, f.responsible, n.unit_id)


@attrs.frozen
class PostingLine:
    id: int
    posted_on: dt.date
    removed_on: dt.date | None
    recorded_name: str
    note: str

    @classmethod
    def of(cls, p: Posting) -> PostingLine:
        return cls(p.id, p.posted_on, p.removed_on, p.recorded_name, p.note)


@attrs.frozen
class PlaceView:
    """One place a notice must reach, its status and its ledger lines."""

    requirement_id: int
    kind: str
    label: str
    unit_id: int | None
    unit_name: str
    due_date: dt.date
    min_days: int | None
    permanent: bool
    broadcast_days: int | None
    broadcast_run: int | None
    rule_ids: list[str]
    status: str
    status_label: str
    may_record: bool
    takes_down: bool
    postings: list[PostingLine]

    @classmethod
    def of(cls, p: PlaceState) -> PlaceView:
        from .types import POSTED_KINDS

        r = p.requirement
        return cls(r.id, r.kind, r.label, r.unit_id, p.unit_name, r.due_date, r.min_days, r.permanent,
                   r.broadcast_days, p.broadcast_run, list(r.rule_ids), p.status, p.status_label, p.may_record,
                   r.kind in POSTED_KINDS, [PostingLine.of(x) for x in p.postings])


@attrs.frozen
class GapView:
    kind: str
    label: str
    message: str
    rule_ids: list[str]
    place: str
    unit_name: str

    @classmethod
    def of(cls, g: Gap, names: dict[int, str]) -> GapView:
        return cls(g.kind, g.label, g.message, list(g.rule_ids), PLACE_KINDS.get(g.place, ""),
                   names.get(g.unit_id, "") if g.unit_id else "")


@attrs.frozen
class VersionView:
    id: int
    version: int
    state: str
    state_label: str
    title: str
    published_on: dt.date | None

    @classmethod
    def of(cls, v: Notice) -> VersionView:
        return cls(v.id, v.version, v.state, NOTICE_STATES.get(v.state, v.state), v.title, _day(v.published_at))


@attrs.frozen
class NoticePage:
    """Một thông báo: nơi phải công khai và việc đã ghi nhận, thiếu sót, phiên bản, tệp đính kèm."""

    notice: NoticeView
    places: list[PlaceView]
    gaps: list[GapView]
    complete: bool
    versions: list[VersionView]
    attachments: list[Attachment]
    may_manage: bool
    values: dict[str, Any] = attrs.Factory(dict)

    @classmethod
    def of(cls, desk: NoticeDesk, cats: dict[str, NoticeCategory], names: dict[int, str]) -> NoticePage:
        return cls(NoticeView.of(desk, cats), [PlaceView.of(p) for p in desk.places],
                   [GapView.of(g, names) for g in desk.gaps], desk.complete,
                   [VersionView.of(v) for v in desk.versions], list(desk.attachments), desk.may_manage)


@attrs.frozen
class RevisePage:
    """Tạo phiên bản mới của thông báo đang công khai (R-CK-12)."""

    notice_id: int
    version: int
    state: str
    values: dict[str, Any] = attrs.Factory(dict)


@attrs.frozen
class TextPage:
    """A text to copy (the announcer's script, the social-group post)."""

    text: str


@attrs.frozen
class LedgerFilters:
    kind: str
    group: int | str
    todo: bool
    status: str = ""


@attrs.frozen
class LedgerPage:
    """Sổ theo dõi niêm yết: ghi nhận từng nơi niêm yết, phát loa, gửi tổ trưởng, đăng nhóm; gỡ xuống."""

    notice: NoticeView
    places: list[PlaceView]
    complete: bool
    gaps: list[GapView]
    today: dt.date
    filters: LedgerFilters
    kinds: list[tuple[str, str]]
    groups: list[tuple[int, str]]
    values: dict[str, Any] = attrs.Factory(dict)
    place_key: str = ""
    #: the page of groups shown (``?page=``) and whether another follows
    page: int = 1
    has_next: bool = False
    statuses: list[tuple[str, str]] = attrs.Factory(list)


# ---------------------------------------------------------------------------
# propaganda
# ---------------------------------------------------------------------------


@attrs.frozen
class ConferenceView:
    id: int
    kind: str
    kind_label: str
    topic: str
    held_on: dt.date
    place: str
    audience: str
    audience_label: str
    unit_id: int | None
    unit_name: str
    invited: int
    attended: int
    note: str

    @classmethod
    def of(cls, c: Conference, names: dict[int, str]) -> ConferenceView:
        return cls(c.id, c.kind, CONFERENCE_KINDS.get(c.kind, c.kind), c.topic, c.held_on, c.place, c.audience,
                   AUDIENCES.get(c.audience, c.audience), c.unit_id, names.get(c.unit_id, "") if c.unit_id else "",
                   c.invited, c.attended, c.note)


@attrs.frozen
class MediaView:
    id: int
    kind: str
    kind_label: str
    title: str
    published_on: dt.date
    channel: str
    channel_label: str
    topic: str
    topic_label: str
    url: str

    @classmethod
    def of(cls, m: MediaItem) -> MediaView:
        return cls(m.id, m.kind, MEDIA_KINDS.get(m.kind, m.kind), m.title, m.published_on, m.channel,
                   MEDIA_CHANNELS.get(m.channel, ""), m.topic, MEDIA_TOPICS.get(m.topic, ""), m.url)


@attrs.frozen
class PropagandaPage:
    """Tuyên truyền, tập huấn: hội nghị theo tổ dân phố (độ phủ so với chỉ tiêu), tin bài, phát thanh."""

    year: int
    coverage: list[Coverage]
    conferences: list[ConferenceView]
    media: list[MediaView]
    values: dict[str, Any] = attrs.Factory(dict)
    form: str = ""


# ---------------------------------------------------------------------------
# information requests
# ---------------------------------------------------------------------------


@attrs.frozen
class RequestsPage:
    """Sổ theo dõi cung cấp thông tin theo yêu cầu (thông tin người yêu cầu được che)."""

    year: int
    rows: list[RequestLine]
    personal_shown: bool


@attrs.frozen
class RequestFormPage:
    """Tiếp nhận yêu cầu cung cấp thông tin."""

    channels: list[tuple[str, str]]
    delivery_forms: list[tuple[str, str]]
    values: dict[str, Any] = attrs.Factory(dict)


@attrs.frozen
class Requester:
    name: str
    id_no: str
    address: str
    contact: str


@attrs.frozen
class EventLine:
    at: dt.datetime
    action: str
    actor_name: str
    note: str


@attrs.frozen
class RequestView:
    """An information request as its handler sees it (personal fields masked unless shown)."""

    case_id: int
    number: str
    channel: str
    channel_label: str
    complex: bool
    rule_id: str
    received_at: dt.datetime
    due_date: dt.date | None
    notice_due: dt.date | None
    notified_on: dt.date | None
    provided_on: dt.date | None
    extensions: int
    max_extensions: int
    state: str
    state_label: str
    closed_at: dt.datetime | None
    timeliness: str
    refusal_ground: str
    refusal_ground_label: str
    previous_cases: list[str]
    organisation: str
    info_requested: str
    purpose: str
    delivery_form: str
    delivery_label: str
    requester: Requester
    personal_shown: bool
    actions: list[str]
    events: list[EventLine]

    @classmethod
    def of(cls, f: RequestFile, today: dt.date | None = None) -> RequestView:
        from .casetypes import CHANNEL_RULES

        c, d = f.case, f.detail
        return cls(
            c.id, c.number, d.channel, REQUEST_CHANNELS[d.channel], d.complex, CHANNEL_RULES[d.channel],
            c.received_at, c.due_date, d.notice_due, d.notified_on, d.provided_on, c.extensions, f.max_extensions,
            c.state, f.state_label, c.closed_at, c.timeliness(today or dt.date.today()), d.refusal_ground,
            REFUSAL_GROUNDS.get(d.refusal_ground, ""), list(d.previous_cases), d.organisation, d.info_requested,
            d.purpose, d.delivery_form, DELIVERY_FORMS.get(d.delivery_form, ""),
            Requester(d.requester_name, d.requester_id_no, d.requester_address, d.requester_contact),
            f.personal_shown, list(f.actions),
            [EventLine(e.at, e.action, e.actor_name, e.note) for e in f.events])


@attrs.frozen
class RequestPage:
    """Một yêu cầu cung cấp thông tin: thời hạn theo quy định, các bước, thao tác, biểu mẫu."""

    info_request: RequestView
    may_unmask: bool
    values: dict[str, Any] = attrs.Factory(dict)
    action: str = ""


# ---------------------------------------------------------------------------
# answers of writes
# ---------------------------------------------------------------------------


@attrs.frozen
class NoticeRedirect(Redirected):
    """After a write on a notice: where to go and the notice's id."""

    notice_id: int = 0


@attrs.frozen
class PublishRedirect(Redirected):
    notice_id: int = 0
    places: int = 0


@attrs.frozen
class AttachmentRedirect(Redirected):
    """After an upload: the file, and the notice it went on (a new version of a published one)."""

    attachment: Attachment | None = None
    notice_id: int = 0
    new_version: bool = False


@attrs.frozen
class PostingRedirect(Redirected):
    posting: Posting | None = None


@attrs.frozen
class BulkRedirect(Redirected):
    #: how many places were recorded
    recorded: int = 0


@attrs.frozen
class ConferenceRedirect(Redirected):
    conference_id: int = 0


@attrs.frozen
class MediaRedirect(Redirected):
    media_id: int = 0


@attrs.frozen
class RequestStateRedirect(Redirected):
    state: str = ""
