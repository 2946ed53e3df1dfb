"""Domain types of the disclosure module (công khai thông tin — plan III.1.1, III.2.1, III.3).

Keys of the legal lists are the glossary's (``docs/glossary.md``): the places a notice
goes to (``PLACE_KINDS``), the gaps of the compliance check, conference and media kinds,
the channels, refusal grounds and forms of an information request (Luật Tiếp cận thông
tin, NĐ 13/2018).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from thanthien.core.types import Case, CaseEvent, Notice

#: the plugin name (URL prefix, table prefix, settings section, CLI command)
PLUGIN = "congkhai"

#: permissions (quyền); the keys are a contract (ward files grant them)
P_NOTICES = "congkhai.notices.manage"
P_LEDGER_WARD = "congkhai.ledger.record_ward"
P_LEDGER_GROUP = "congkhai.ledger.record"
P_COMPLIANCE = "congkhai.compliance.view"
P_PROPAGANDA = "congkhai.propaganda.manage"
P_REQUESTS = "congkhai.requests.handle"
P_REQUESTS_PERSONAL = "congkhai.requests.view_personal"

#: owner kinds of scopes and audit entries
NOTICE_OWNER = "congkhai.notice"
POSTING_OWNER = "congkhai.posting"
CONFERENCE_OWNER = "congkhai.conference"
MEDIA_OWNER = "congkhai.media"
#: what an information-request case is, for other modules (they listen for the tag)
REQUEST_TAG = "information_request"

#: Places and channels a notice goes to (nơi niêm yết, kênh công khai), R-CK-02.
PLACE_KINDS: dict[str, str] = {
    "website": "Trang thông tin điện tử phường",
    "office": "Bảng niêm yết tại trụ sở UBND phường",
    "group_house": "Nhà văn hóa tổ dân phố",
    "loudspeaker": "Hệ thống loa truyền thanh",
    "group_head": "Gửi Tổ trưởng tổ dân phố",
    "social_group": "Nhóm Zalo/Facebook của tổ dân phố",
}
#: Kinds recorded once per residential group (tổ dân phố); the others once for the ward.
GROUP_KINDS = ("group_house", "group_head", "social_group")
#: Kinds that are postings with a duration (taken down later); the others are one-off acts.
POSTED_KINDS = ("website", "office", "group_house")

#: Duties of item 14 and plugin categories, set by the requiring text (R-CK-05/07/09/10).
CUSTOM_LABELS: dict[str, str] = {
    "office_and_groups": "Niêm yết tại trụ sở và nhà văn hóa các tổ dân phố",
    "permanent": "Niêm yết thường xuyên",
    "broadcast": "Phát trên hệ thống loa truyền thanh",
    "group_heads": "Gửi Tổ trưởng tổ dân phố",
}

#: Status of one required place (tình trạng từng nơi công khai).
PLACE_STATUS: dict[str, str] = {
    "done": "Đã thực hiện",
    "running": "Đang phát, chưa đủ ngày",
    "pending": "Chưa thực hiện, còn hạn",
    "missing": "Chưa thực hiện, quá hạn",
}

#: What the ledger page narrows to (lọc sổ theo dõi theo tình trạng): nothing recorded
#: yet, posted or done and still up, every posting of the place taken down.
LEDGER_STATUS: dict[str, str] = {
    "pending": "Chưa niêm yết, chưa thực hiện",
    "posted": "Đang niêm yết, đã thực hiện",
    "removed": "Đã gỡ xuống",
}
#: The group actions of the ledger (ghi nhận hàng loạt cho các nơi đã chọn).
BULK_ACTIONS: dict[str, str] = {
    "posted": "đã niêm yết, đã thực hiện",
    "removed": "đã gỡ xuống",
}

#: Gap kinds found by the compliance check (loại thiếu sót).
GAP_KINDS: dict[str, str] = {
    "late": "Công khai chậm so với thời hạn",
    "missing": "Chưa niêm yết / chưa thực hiện",
    "removed_early": "Gỡ xuống trước thời hạn tối thiểu",
    "broadcast_short": "Phát loa chưa đủ số ngày liên tục",
    "not_taken_down": "Nội dung cũ / đã thu hồi vẫn còn niêm yết",
    "permanent_absent": "Chưa niêm yết thường xuyên nội dung bắt buộc",
}

CONFERENCE_KINDS: dict[str, str] = {
    "dccs_law": "Hội nghị tuyên truyền, phổ biến Luật Thực hiện dân chủ ở cơ sở",
    "model_training": "Hội nghị tập huấn về mô hình “Chính quyền thân thiện, Nhân dân phát huy quyền làm chủ”",
    "sipas_training": "Tập huấn đo lường sự hài lòng (SIPAS), quản trị hành chính công",
}
AUDIENCES: dict[str, str] = {"residents": "Nhân dân", "staff": "Cán bộ, công chức", "mixed": "Cán bộ và Nhân dân"}

MEDIA_KINDS: dict[str, str] = {
    "news": "Tin",
    "article": "Bài viết",
    "report": "Phóng sự",
    "broadcast": "Chương trình phát thanh",
    "social_post": "Bài đăng mạng xã hội",
}
MEDIA_CHANNELS: dict[str, str] = {
    "website": "Trang thông tin điện tử phường",
    "loudspeaker": "Hệ thống loa truyền thanh",
    "social_page": "Trang mạng xã hội chính thức của UBND phường",
    "zalo": "Nhóm Zalo tổ dân phố",
    "press": "Báo, đài",
}
MEDIA_TOPICS: dict[str, str] = {
    "dccs_law": "Luật Thực hiện dân chủ ở cơ sở",
    "model": "Mô hình “Chính quyền thân thiện, Nhân dân phát huy quyền làm chủ”",
    "sipas": "Sự hài lòng của người dân (SIPAS), quản trị hành chính công",
}

# Information requests (yêu cầu cung cấp thông tin), R-TT-05 … R-TT-11.
REQUEST_CHANNELS: dict[str, str] = {
    "in_person": "Trực tiếp tại trụ sở",
    "online": "Qua mạng điện tử",
    "post": "Qua bưu chính, fax",
}
#: R-TT-11: the only grounds for refusing a request (Luật TCTT Art. 28).
REFUSAL_GROUNDS: dict[str, str] = {
    "bi_mat": "Thông tin thuộc bí mật nhà nước hoặc không được tiếp cận (Điều 6)",
    "chua_du_dieu_kien": "Chưa đủ điều kiện tiếp cận thông tin có điều kiện (Điều 7)",
    "da_cong_khai": "Thông tin đã được công khai",
    "khong_thuoc_trach_nhiem": "Thông tin không thuộc trách nhiệm cung cấp của UBND phường",
    "da_cung_cap_hai_lan": "Thông tin đã được cung cấp hai lần cho chính người yêu cầu",
    "vuot_kha_nang": "Yêu cầu vượt quá khả năng đáp ứng",
    "chua_thanh_toan": "Người yêu cầu chưa thanh toán chi phí",
}
DELIVERY_FORMS: dict[str, str] = {
    "read_copy": "Đọc, xem, nghe, ghi chép, sao chép, chụp tài liệu tại trụ sở",
    "copy": "Nhận bản sao, bản chụp",
    "email": "Gửi qua thư điện tử",
    "post": "Gửi qua bưu chính",
    "fax": "Gửi qua fax",
}
#: R-TT-06: forms of NĐ 13/2018 Art. 5.
REQUEST_FORMS: dict[str, str] = {
    "01a": "Mẫu số 01a – Phiếu yêu cầu cung cấp thông tin (công dân)",
    "01b": "Mẫu số 01b – Phiếu yêu cầu cung cấp thông tin (công dân yêu cầu cho tổ chức, đoàn thể, doanh nghiệp)",
    "02": "Mẫu số 02 – Phiếu tiếp nhận yêu cầu cung cấp thông tin",
    "03": "Mẫu số 03 – Thông báo về việc giải quyết yêu cầu cung cấp thông tin",
    "04": "Mẫu số 04 – Thông báo về việc gia hạn giải quyết yêu cầu cung cấp thông tin",
    "05": "Mẫu số 05 – Thông báo về việc từ chối yêu cầu cung cấp thông tin",
    "06": "Mẫu số 06 – Văn bản đồng ý cung cấp thông tin của bên thứ ba",
}


@attrs.frozen
class DisclosureRule:
    """Where and how long a notice of one category must be disclosed, on one date.

    Every field comes from a rule parameter in force on that date (docs/rules.md §3.1).
    """

    category: str
    item_no: int | None
    deadline_working_days: int  # R-CK-03
    website: bool  # R-CK-04
    office_and_groups: bool  # R-CK-05
    min_posting_days: int | None  # R-CK-06
    permanent: bool  # R-CK-07
    broadcast_days: int | None  # R-CK-09
    via_group_heads: bool  # R-CK-10
    social_groups: bool  # plan III.1.1 / III.2.1 (ward setting, not a legal duty)


@attrs.frozen
class Requirement:
    """One place or channel a published notice must reach (nơi phải công khai)."""

    id: int
    notice_id: int
    kind: str
    unit_id: int | None
    due_date: dt.date
    min_days: int | None = None
    permanent: bool = False
    broadcast_days: int | None = None
    rule_ids: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return PLACE_KINDS[self.kind]


@attrs.frozen
class Posting:
    """One line of the dissemination ledger (sổ theo dõi niêm yết, phát thanh)."""

    id: int
    notice_id: int
    kind: str
    unit_id: int | None
    posted_on: dt.date
    removed_on: dt.date | None = None
    recorded_by: int | None = None
    recorded_name: str = ""
    note: str = ""

    @property
    def label(self) -> str:
        return PLACE_KINDS[self.kind]


@attrs.frozen
class Attachment:
    """A file attached to a notice (tệp đính kèm): PDF or image, type-checked."""

    id: int
    notice_id: int
    filename: str
    content_type: str
    size: int
    sha256: str


@attrs.frozen
class Gap:
    """One finding of the compliance check (thiếu sót)."""

    kind: str
    notice_id: int | None
    category: str
    rule_ids: tuple[str, ...]
    message: str
    place: str = ""  # a PLACE_KINDS key
    unit_id: int | None = None
    posting_id: int | None = None

    @property
    def label(self) -> str:
        return GAP_KINDS[self.kind]


@attrs.frozen
class Conference:
    """A propaganda or training conference (hội nghị tuyên truyền, tập huấn)."""

    id: int
    kind: str
    topic: str
    held_on: dt.date
    place: str
    audience: str
    unit_id: int | None = None
    invited: int = 0
    attended: int = 0
    note: str = ""
    #: the unit that organised and recorded it (its scope); ``unit_id`` is where it was held
    organiser_unit_id: int | None = None


@attrs.frozen
class MediaItem:
    """A news item, article, report or broadcast about the model (tin, bài, phóng sự)."""

    id: int
    kind: str
    title: str
    published_on: dt.date
    channel: str
    topic: str
    url: str = ""
    #: the unit that recorded it (its scope)
    organiser_unit_id: int | None = None


@attrs.frozen
class InfoRequest:
    """The detail of an information request case (yêu cầu cung cấp thông tin)."""

    case_id: int
    channel: str
    complex: bool
    requester_name: str
    requester_id_no: str
    requester_address: str
    requester_contact: str
    organisation: str
    info_requested: str
    purpose: str
    delivery_form: str
    notice_due: dt.date | None = None
    notified_on: dt.date | None = None
    provided_on: dt.date | None = None
    refusal_ground: str = ""
    previous_cases: tuple[str, ...] = ()


# ---------------------------------------------------------------------------
# Results of the services (what the pages and the CLI show)
# ---------------------------------------------------------------------------


@attrs.frozen
class Pending:
    """A place still to do whose deadline has not passed (việc cần làm)."""

    requirement: Requirement
    notice_id: int
    note: str = ""


@attrs.frozen
class GroupCoverage:
    """Per residential group: required placements due and those done."""

    unit_id: int
    name: str
    required: int
    done: int

    @property
    def percent(self) -> float:
        return 100.0 if self.required == 0 else round(100.0 * self.done / self.required, 1)


@attrs.frozen
class ComplianceReport:
    """The compliance check (kiểm tra việc công khai) as of ``today``."""

    today: dt.date
    gaps: tuple[Gap, ...]
    pending: tuple[Pending, ...]
    expiring: tuple[Posting, ...]
    groups: tuple[GroupCoverage, ...]
    notices: dict[int, Notice]

    def gaps_of(self, notice_id: int) -> list[Gap]:
        return [g for g in self.gaps if g.notice_id == notice_id]


@attrs.frozen
class PlaceState:
    """One required place of a notice with what the ledger holds for it."""

    requirement: Requirement
    postings: tuple[Posting, ...]
    status: str  # a PLACE_STATUS key
    unit_name: str = ""
    broadcast_run: int | None = None
    may_record: bool = False

    @property
    def status_label(self) -> str:
        return PLACE_STATUS[self.status]


@attrs.frozen
class NoticeFacts:
    """What congkhai keeps about a notice besides core's notice (its meta)."""

    deadline: dt.date | None
    custom: dict[str, bool]
    responsible_id: int | None
    responsible: str  # "name – position" of the responsible officer


@attrs.frozen
class NoticeDesk:
    """One notice as a staff member sees it (trang thông báo của cán bộ)."""

    notice: Notice
    facts: NoticeFacts
    places: tuple[PlaceState, ...]
    gaps: tuple[Gap, ...]
    complete: bool
    versions: tuple[Notice, ...]
    attachments: tuple[Attachment, ...]
    may_manage: bool


@attrs.frozen
class LedgerSlice:
    """One page of the dissemination ledger of a notice: the places the actor records,
    narrowed by the filters, grouped by residential group (the ward's own places first)."""

    notice: Notice
    facts: NoticeFacts
    places: tuple[PlaceState, ...]
    has_next: bool
    kinds: tuple[str, ...]  # the kinds of the actor's places (filter choices)
    groups: tuple[tuple[int, str], ...]  # the groups of the actor's places (filter choices)
    complete: bool
    gaps: tuple[Gap, ...]


@attrs.frozen
class DeskLine:
    """One line of the notices desk: the notice and how many of its places are done."""

    notice: Notice
    deadline: dt.date | None
    required: int
    done: int


@attrs.frozen
class RegisterRow:
    """One line of the quarterly disclosure register (R-CK-08)."""

    notice_id: int
    item_no: int | None
    category: str
    category_name: str
    title: str
    decision_ref: str
    decision_date: str
    forms: list[str]
    published_on: str
    duration: str
    responsible: str
    status: str
    state: str
    version: int


@attrs.frozen
class DisclosureRegister:
    """Danh mục thông tin công khai of one quarter (R-CK-08)."""

    year: int
    quarter: int
    start: str
    end: str
    ward: str
    rows: list[RegisterRow]


@attrs.frozen
class Coverage:
    """Plan III.2.1: residential groups that held a conference of ``kind``, vs the target."""

    kind: str
    groups: int
    covered: int
    percent: float
    target_percent: float
    reached: bool
    missing: list[dict[str, Any]]


@attrs.frozen
class RequestLine:
    """One line of the information-request register (R-TT-07); personal data masked
    unless the actor may read it."""

    case_id: int
    number: str
    received_on: str
    channel: str
    complex: bool
    requester_name: str
    requester_id_no: str
    info_requested: str
    due_date: str
    notice_due: str
    notified_on: str
    state: str
    closed_on: str
    refusal_ground: str
    timeliness: str
    extensions: int
    #: the unit the request belongs to (its scope)
    unit_id: int | None = None


@attrs.frozen
class RequestFile:
    """An information request as its handler sees it (the case, its detail — masked
    unless ``personal_shown`` —, the actions still open, the steps)."""

    case: Case
    detail: InfoRequest
    state_label: str
    max_extensions: int
    actions: tuple[str, ...]
    events: tuple[CaseEvent, ...]
    personal_shown: bool
