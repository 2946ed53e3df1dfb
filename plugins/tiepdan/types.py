"""Domain of the tiepdan plan module (tiếp công dân, khiếu nại, tố cáo, phản ánh, kiến nghị).

Frozen attrs classes and the stable Vietnamese keys of the legal lists (DOMAIN.md §0:
enumerations mirroring a legal list keep a Vietnamese slug).
"""
from __future__ import annotations

import datetime as dt

import attrs

PLUGIN = "tiepdan"

#: Case type keys (loại vụ việc).
COMPLAINT = "khieu_nai"
DENUNCIATION = "to_cao"
PETITION = "phan_anh"
STATUS_REPLY = "tra_loi_tiep_dan"
MATTER_KINDS = {COMPLAINT: "Khiếu nại", DENUNCIATION: "Tố cáo", PETITION: "Phản ánh, kiến nghị",
                STATUS_REPLY: "Trả lời tình trạng xử lý"}

#: R-TD-11: classification of a visit (phân loại nội dung tiếp).
CLASSIFICATIONS = {
    "khieu_nai": "Khiếu nại",
    "to_cao": "Tố cáo",
    "kien_nghi": "Kiến nghị",
    "phan_anh": "Phản ánh",
    "hoi_chinh_sach": "Hỏi chính sách, pháp luật",
}

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

#: Reception session kinds (loại buổi tiếp).
SESSION_KINDS = {
    "chairman": "Chủ tịch UBND tiếp công dân định kỳ",
    "regular": "Tiếp công dân thường xuyên",
    "unscheduled": "Tiếp công dân đột xuất",
}
SESSION_STATES = {"draft": "Dự thảo", "published": "Đã công khai", "held": "Đã tiếp",
                  "moved": "Đã dời lịch", "cancelled": "Đã hủy"}

#: Public labels of a matter's progress (shown on the tracking page).
PARTY_ROLES = {"applicant": "Người gửi", "denouncer": "Người tố cáo", "representative": "Người đại diện"}


@attrs.frozen
class Session:
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

    @property
    def classification_label(self) -> str:
        return CLASSIFICATIONS.get(self.classification, self.classification)

    @property
    def handling_label(self) -> str:
        return HANDLINGS.get(self.handling, self.handling)


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
