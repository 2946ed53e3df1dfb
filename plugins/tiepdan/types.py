"""Domain of the tiepdan plan module (tiếp công dân, khiếu nại, tố cáo, phản ánh, kiến nghị).

Frozen attrs classes, permission keys and the stable Vietnamese keys of the legal lists
(``docs/glossary.md``: enumerations mirroring a legal list keep a Vietnamese slug).

Two kinds of keys name a matter:

* the **matter kind** (loại đơn) — ``khieu_nai``, ``to_cao``, ``phan_anh``,
  ``tra_loi_tiep_dan``: a slug of the legal list, stored in ``tiepdan_matter.kind`` and
  shown as ``"kind"`` in every JSON answer (the public tracking look-up included);
* the **case-type key** on core's case engine — ``tiepdan_khieu_nai``, ``tiepdan_to_cao``,
  ``tiepdan_phan_anh``, ``tiepdan_tra_loi_tiep_dan`` (``<plugin>_<slug>``); the older
  unprefixed keys stay as the case types' ``aliases``. Other modules listen for the case
  types' ``tags`` (``complaint``, ``denunciation``, ``petition``), never for these keys.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

#: the plugin name (URL prefix, table prefix, settings section, CLI command)
PLUGIN = "tiepdan"

#: permissions (quyền)
P_VIEW = "tiepdan.view"
P_RECEIVE = "tiepdan.receive"
P_HANDLE = "tiepdan.handle"
P_DECIDE = "tiepdan.decide"
P_SCHEDULE = "tiepdan.schedule"
P_DIALOGUE = "tiepdan.dialogue"
#: assign or reassign the handler of a denunciation: the competent person, the Chủ tịch (R-TC-10)
P_ASSIGN_DENUNCIATION = "tiepdan.assign_denunciation"

#: Matter kinds (loại đơn), the legal list's slugs.
COMPLAINT = "khieu_nai"
DENUNCIATION = "to_cao"
PETITION = "phan_anh"
STATUS_REPLY = "tra_loi_tiep_dan"
MATTER_KINDS = {COMPLAINT: "Khiếu nại", DENUNCIATION: "Tố cáo", PETITION: "Phản ánh, kiến nghị",
                STATUS_REPLY: "Trả lời tình trạng xử lý"}

#: Case-type keys on core's case engine, by matter kind (``<plugin>_<slug>``).
CASE_TYPES = {kind: f"{PLUGIN}_{kind}" for kind in MATTER_KINDS}
COMPLAINT_TYPE = CASE_TYPES[COMPLAINT]
DENUNCIATION_TYPE = CASE_TYPES[DENUNCIATION]
PETITION_TYPE = CASE_TYPES[PETITION]
STATUS_REPLY_TYPE = CASE_TYPES[STATUS_REPLY]
#: What each case type is, for other modules (``CaseType.tags``).
TAGS = {COMPLAINT: ("complaint",), DENUNCIATION: ("denunciation",), PETITION: ("petition",),
        STATUS_REPLY: ("status_reply",)}


def kind_of(case_type: str) -> str:
    """The matter kind of a case-type key (the older unprefixed key is its own kind)."""
    return case_type.removeprefix(f"{PLUGIN}_")


#: What a restricted reader sees instead of a denunciation's subject (R-TC-10).
DENUNCIATION_LABEL = "Đơn tố cáo"
#: A masked denouncer's field (R-TC-10: not even a hint of a name or a number).
SECRET = "[được bảo mật]"

#: Owner kinds of documents and scopes (``Scope.owner``) of the module's own records.
VISIT_OWNER = "tiepdan.visit"
SESSION_OWNER = "tiepdan.session"
DIALOGUE_OWNER = "tiepdan.dialogue"

#: The notice category of the published reception schedule (R-TD-06).
NOTICE_CATEGORY = "lich_tiep_cong_dan"

#: R-TD-11: classification of a visit (phân loại nội dung tiếp).
CLASSIFICATIONS = {
    "khieu_nai": "Khiếu nại",
    "to_cao": "Tố cáo",
    "kien_nghi": "Kiến nghị",
    "phan_anh": "Phản ánh",
    "hoi_chinh_sach": "Hỏi chính sách, pháp luật",
}
#: the matter a classification opens (a policy question opens none)
MATTER_OF_CLASSIFICATION = {"khieu_nai": COMPLAINT, "to_cao": DENUNCIATION, "kien_nghi": PETITION,
                            "phan_anh": PETITION}

#: R-TD-11: how a visit was handled (hướng xử lý), as shown in the register.
HANDLINGS = {
    "": "Chưa xử lý",
    "tiep_nhan_don": "Tiếp nhận đơn, vào sổ theo dõi",
    "tra_loi_truc_tiep": "Giải thích, trả lời trực tiếp",
    "tu_choi": "Từ chối tiếp (có thông báo)",
}

#: R-PA-02, R-PA-09, R-TD-05: channels a matter arrives through (kênh tiếp nhận).
CHANNELS = {
    "truc_tiep": "Tiếp công dân trực tiếp",
    "van_ban": "Đơn, thư gửi đến",
    "duong_day_nong": "Đường dây nóng",
    "hom_thu": "Hòm thư góp ý",
    "cong_thong_tin": "Cổng thông tin điện tử",
    "truc_tuyen": "Tiếp công dân trực tuyến",
}
#: R-TD-05: the channel of online citizen reception (in force from its date in the rules)
ONLINE = "truc_tuyen"
#: how a visit is received: in person, or online once R-TD-05 is in force
VISIT_CHANNELS = {"truc_tiep": CHANNELS["truc_tiep"], ONLINE: CHANNELS[ONLINE]}
#: channels staff enter feedback through (R-PA-04 hotline, R-PA-09 suggestion box, letters, online)
STAFF_FEEDBACK_CHANNELS = ("duong_day_nong", "hom_thu", "van_ban", ONLINE)

#: R-TD-08: the only grounds to refuse a visitor (từ chối tiếp công dân).
RECEPTION_REFUSAL_GROUNDS = {
    "mat_kiem_soat": "Người trong tình trạng say do dùng chất kích thích, người mắc bệnh tâm thần "
                     "hoặc bệnh khác làm mất khả năng nhận thức hoặc khả năng điều khiển hành vi",
    "de_doa_xuc_pham": "Người có hành vi đe dọa, xúc phạm cơ quan, tổ chức, đơn vị, người tiếp "
                       "công dân, người thi hành công vụ hoặc vi phạm nội quy nơi tiếp công dân",
    "da_giai_quyet_dung": "Người khiếu nại, tố cáo về vụ việc đã giải quyết đúng chính sách, pháp "
                          "luật, được cơ quan có thẩm quyền kiểm tra, rà soát, thông báo bằng văn bản "
                          "và đã được tiếp, giải thích, hướng dẫn nhưng vẫn cố tình khiếu nại, tố cáo kéo dài",
    "ly_do_khac": "Trường hợp khác theo quy định của pháp luật",
}
#: R-TD-09: the ground whose refusal must be notified in writing.
WRITTEN_REFUSAL_GROUNDS = ("da_giai_quyet_dung",)

#: R-KN-03: grounds for not accepting a complaint (khiếu nại không được thụ lý).
COMPLAINT_REFUSAL_GROUNDS = {
    "hanh_vi_noi_bo": "Quyết định hành chính, hành vi hành chính trong nội bộ cơ quan nhà nước để "
                      "chỉ đạo, điều hành việc thực hiện nhiệm vụ, công vụ",
    "khong_lien_quan_truc_tiep": "Quyết định, hành vi bị khiếu nại không liên quan trực tiếp đến "
                                 "quyền, lợi ích hợp pháp của người khiếu nại",
    "khong_nang_luc": "Người khiếu nại không có năng lực hành vi dân sự đầy đủ mà không có người "
                      "đại diện hợp pháp",
    "dai_dien_khong_hop_phap": "Người đại diện không hợp pháp thực hiện khiếu nại",
    "don_khong_ky": "Đơn khiếu nại không có chữ ký hoặc điểm chỉ của người khiếu nại",
    "het_thoi_hieu": "Thời hiệu, thời hạn khiếu nại đã hết mà không có lý do chính đáng",
    "da_giai_quyet_lan_hai": "Khiếu nại đã có quyết định giải quyết khiếu nại lần hai",
    "da_khoi_kien": "Có văn bản thông báo đình chỉ việc giải quyết khiếu nại mà sau 30 ngày người "
                    "khiếu nại không tiếp tục khiếu nại, hoặc việc khiếu nại đã được Tòa án thụ lý",
    "khac": "Trường hợp khác theo Điều 11 Luật Khiếu nại",
}

#: R-TC-06: conditions that fail for a denunciation not to be accepted.
DENUNCIATION_REFUSAL_GROUNDS = {
    "sai_hinh_thuc": "Tố cáo không được thực hiện theo đúng hình thức quy định",
    "khong_nang_luc": "Người tố cáo không có năng lực hành vi dân sự đầy đủ",
    "khong_xac_dinh": "Không có cơ sở để xác định người vi phạm, hành vi vi phạm pháp luật",
    "da_giai_quyet": "Vụ việc đã được giải quyết mà người tố cáo không cung cấp thông tin, tình "
                     "tiết mới",
}

#: Complexity (tính chất vụ việc): R-KN-04 complex, R-TC-07 complex / especially complex.
COMPLEXITY = {"simple": "Thông thường", "complex": "Phức tạp", "especially_complex": "Đặc biệt phức tạp"}

#: R-TD-13: what the status reply tells the citizen.
REPLY_STATUSES = {
    "accepted": "Đơn đã được thụ lý giải quyết",
    "need_time": "Cần thêm thời gian để xác minh, xem xét",
    "refused": "Đơn không được thụ lý",
    "forwarded": "Đơn đã được chuyển đến cơ quan có thẩm quyền",
}

#: Reception session kinds (loại buổi tiếp).
SESSION_KINDS = {
    "chairman": "Chủ tịch UBND tiếp công dân định kỳ",
    "regular": "Tiếp công dân thường xuyên",
    "unscheduled": "Tiếp công dân đột xuất",
}
SESSION_STATES = {"draft": "Dự thảo", "published": "Đã công khai", "held": "Đã tiếp",
                  "moved": "Đã dời lịch", "cancelled": "Đã hủy"}

#: Roles of the people of a matter.
PARTY_ROLES = {"applicant": "Người gửi", "denouncer": "Người tố cáo", "representative": "Người đại diện"}
#: The identity fields of a party (R-DL-09: only what the law needs).
PARTY_FIELDS = ("full_name", "address", "phone", "email", "citizen_id", "handwriting")

#: The feedback form's kinds (R-PA-01): both open a petition.
FEEDBACK_KINDS = {"phan_anh": "Phản ánh", "kien_nghi": "Kiến nghị"}


@attrs.frozen
class ReceptionSession:
    """A reception session (buổi tiếp công dân)."""

    id: int
    kind: str
    day: dt.date
    start_time: str
    end_time: str
    place: str
    host_id: int | None
    host_name: str
    host_title: str
    delegated: bool
    attendees: tuple[str, ...]
    topics: str
    state: str
    published_at: dt.datetime | None
    published_late: bool
    notice_id: int | None
    moved_from_id: int | None
    moved_reason: str
    #: the unit that keeps the schedule (its scope)
    unit_id: int | None = None

    @property
    def kind_label(self) -> str:
        return SESSION_KINDS.get(self.kind, self.kind)

    @property
    def state_label(self) -> str:
        return SESSION_STATES.get(self.state, self.state)


@attrs.frozen
class Party:
    """Identity of a person concerned (người khiếu nại, tố cáo, phản ánh, người đại diện)."""

    id: int
    role: str
    confidential: bool
    full_name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    citizen_id: str = ""
    handwriting: str = ""


@attrs.frozen
class PartyInput:
    """The identity fields typed for a person (a visitor, a sender, a representative)."""

    full_name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    citizen_id: str = ""
    handwriting: str = ""

    def values(self) -> dict[str, str]:
        return {k: (getattr(self, k) or "").strip() for k in PARTY_FIELDS}


@attrs.frozen
class MatterFacts:
    """What a visit adds to the matter it opens (its subject defaults to the summary)."""

    subject: str = ""
    content: str = ""
    accused: str = ""
    decision_known_on: dt.date | None = None  # a complaint: R-KN-01
    excused_days: int = 0
    complexity: str = "simple"
    multi_site: bool = False  # a denunciation: R-TC-03
    owner_id: int | None = None


@attrs.frozen
class Visit:
    """An entry of the reception register (sổ tiếp công dân, R-TD-11)."""

    id: int
    number: str
    received_at: dt.datetime
    headcount: int
    summary: str
    prior_handling: str
    request: str
    classification: str
    handling: str
    handling_note: str
    refusal_ground: str
    officer_name: str
    citizen_signed: bool
    case_id: int | None
    reply_case_id: int | None
    session_id: int | None
    document_id: int | None
    #: the unit whose register holds the entry (its scope)
    unit_id: int | None = None
    channel: str = "truc_tiep"

    @property
    def classification_label(self) -> str:
        return CLASSIFICATIONS.get(self.classification, self.classification)

    @property
    def handling_label(self) -> str:
        return HANDLINGS.get(self.handling, self.handling)

    @property
    def confidential(self) -> bool:
        """A denunciation visit: neither its visitor nor its content is shown (R-TC-10)."""
        return self.classification == DENUNCIATION

    @property
    def shown_summary(self) -> str:
        """The summary as a register reader sees it: a denunciation is "Đơn tố cáo" (R-TC-10)."""
        return DENUNCIATION_LABEL if self.confidential else self.summary


@attrs.frozen
class Matter:
    """A complaint, denunciation, petition or status reply (đơn thư) on core's case engine,
    as ``actor`` may see it: ``restricted`` when he or she may see its number only
    (a denunciation read by someone else than its handler and the Chủ tịch, R-TC-10) —
    then its subject reads "Đơn tố cáo" and nothing else is filled in."""

    id: int
    number: str
    kind: str
    case_type: str
    subject: str
    restricted: bool
    state: str = ""
    channel: str = ""
    received_at: dt.datetime | None = None
    due_date: dt.date | None = None
    due_unit: str = ""
    extensions: int = 0
    owner_id: int | None = None
    content: str = ""
    accused: str = ""
    data: dict[str, Any] = attrs.Factory(dict)
    closed_at: dt.datetime | None = None
    unit_id: int | None = None
    confidential: bool = False

    @property
    def kind_label(self) -> str:
        return MATTER_KINDS.get(self.kind, self.kind)

    @property
    def channel_label(self) -> str:
        return CHANNELS.get(self.channel, self.channel)


@attrs.frozen
class Clock:
    """One legal clock of a case: stage, rule, due date, when it ended and whether late."""

    stage: str
    rule: str
    started_at: dt.datetime
    due_date: dt.date
    done_at: dt.datetime | None
    late: bool | None


@attrs.frozen
class Receipt:
    """A receipt for documents and evidence (giấy biên nhận, R-TD-12)."""

    id: int
    number: str
    items: tuple[str, ...]
    copies: int
    issued_at: dt.datetime
    officer_name: str


@attrs.frozen
class Dialogue:
    """A dialogue conference (hội nghị đối thoại, R-DT-01)."""

    id: int
    year: int
    title: str
    day: dt.date
    start_time: str
    place: str
    co_organiser: str
    plan: str
    invitees: tuple[str, ...]
    state: str
    minutes: str
    attendance: int | None
    invitation_document_id: int | None
    plan_document_id: int | None
    unit_id: int | None = None


@attrs.frozen
class Question:
    """A question collected before a dialogue conference, and its answer."""

    id: int
    source: str
    text: str
    answer: str = ""
    answered_by: str = ""


@attrs.frozen
class WeekShortfall:
    """A week (Monday) with fewer Chủ tịch reception days than R-TD-02 requires."""

    week_start: dt.date
    have: int
    need: int


@attrs.frozen
class Coverage:
    """R-TD-02 over a period: weeks with a working day, days required, weeks short."""

    weeks: int
    required: int
    missing: list[WeekShortfall] = attrs.Factory(list)


@attrs.frozen
class DialogueCoverage:
    """R-DT-01 for a year: dialogue conferences held and required."""

    year: int
    held: int
    required: int
    met: bool


@attrs.frozen
class TrackedStep:
    """A step of a matter on the public look-up: a date and the state reached."""

    at: dt.datetime
    state: str


@attrs.frozen
class Tracked:
    """What the public look-up knows of a matter (no names, no content, R-DL-14)."""

    code: str
    first: Any  # the Case the code was issued for
    latest: Any  # the latest reopening of it (the same Case when never reopened)
    kind: str
    steps: list[TrackedStep]
    answer: str
    can_reopen: bool


@attrs.frozen
class Submitted:
    """A feedback received from the portal: its tracking code and the status-reply due date."""

    tracking_code: str
    case_id: int
    due_date: dt.date | None


@attrs.frozen
class Reopened:
    """A petition reopened by a citizen's "not resolved" answer."""

    tracking_code: str
    case_id: int
    number: str
    due_date: dt.date | None
